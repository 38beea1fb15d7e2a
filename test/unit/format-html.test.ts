/** @module Unit tests for the .html adapter (src/indexer/formats/html.ts): visible content only, structure, spans into the file. */
import { describe, expect, it } from 'vitest';
import { covered, expectInvariants, kindsAndTexts, parse } from './format-helpers';

const html = (text: string, name = 'page.html') => {
  const model = parse(name, text);
  expectInvariants(model);
  return model;
};

describe('html adapter: what is visible', () => {
  it('leaves out scripts, styles, site navigation, site header and footer, asides and hidden elements', () => {
    const model = html(`<!doctype html><html><head><title>帮助</title><style>p{color:red}</style><script>var a = "<p>x</p>";</script></head>
<body><header><a href="/">首页</a></header><nav><ul><li>菜单</li></ul></nav>
<div role="navigation">面包屑</div><div aria-hidden="true">装饰</div><p hidden>隐藏</p><p style="display: none">也隐藏</p>
<main><p>正文</p><noscript>请启用脚本</noscript><template><p>模板</p></template>
<form><label>搜索</label><input value="输入框"><select><option>选项</option></select><button type="submit">提交</button></form></main>
<aside>相关文章</aside><footer>版权所有</footer></body></html>`);
    expect(kindsAndTexts(model)).toEqual([
      ['paragraph', '正文'],
      ['paragraph', '搜索'],
    ]);
    expect(model.title).toBe('帮助');
  });

  it('drops buttons as form controls, but keeps an accordion toggle that holds the question', () => {
    const model = html(`<div class="accordion-item">
  <h2 class="accordion-header"><button class="accordion-button" type="button">如何修改手机号？</button></h2>
  <div class="accordion-collapse collapse"><div class="accordion-body">在设置中修改。</div></div>
</div>
<div class="card"><button class="btn-toggle-question">能开发票吗？</button><p>可以。</p></div>
<p>有帮助吗？<button type="button">是</button><button>否</button></p>`);
    expect(kindsAndTexts(model)).toEqual([
      ['question', '如何修改手机号？'],
      ['paragraph', '在设置中修改。'],
      ['question', '能开发票吗？'],
      ['paragraph', '可以。'],
      // A paragraph that is a question on its own is read as one; this one has no answer, so it gives no entry.
      ['heading', '有帮助吗？'],
    ]);
  });

  it('reads the collapsed answers of an accordion, hidden until their question is clicked (jiale-accordion-hk)', () => {
    const model = html(`<div class="accordion">
<h3><button aria-expanded="false" aria-controls="p1" id="t1">如何开户？</button></h3>
<div id="p1" role="region" aria-labelledby="t1" hidden><p>下载 App 注册。</p></div>
<h3><button aria-expanded="false" aria-controls="p2">如何提现？</button></h3>
<p>（点击展开）</p>
<div id="p2" aria-hidden="true"><p>在钱包页点击提现。</p></div>
<div class="faq-question">能开发票吗？</div>
<div class="faq-answer" style="display: none;">可以，在账单页申请。</div>
<dl><dt>支持信用卡吗？</dt><dd style="display:none">支持借记卡和信用卡。</dd></dl>
<div class="toggle-title">能转账吗</div><div class="toggle-content" hidden>能，免手续费。</div>
<p>请按步骤操作。</p><p style="display:none">内部备注：勿外传</p>
<h3>联系我们</h3><div aria-hidden="true">首页 &gt; 帮助</div>
</div>`);
    expect(kindsAndTexts(model)).toEqual([
      ['heading', '如何开户？'],
      ['paragraph', '下载 App 注册。'],
      ['heading', '如何提现？'],
      ['paragraph', '（点击展开）'],
      ['paragraph', '在钱包页点击提现。'],
      ['question', '能开发票吗？'],
      ['paragraph', '可以，在账单页申请。'],
      ['question', '支持信用卡吗？'],
      ['paragraph', '支持借记卡和信用卡。'],
      ['paragraph', '能转账吗'],
      ['paragraph', '能，免手续费。'],
      ['paragraph', '请按步骤操作。'],
      // Kept from screen readers only (a decorative breadcrumb), it is no collapsed answer.
      ['heading', '联系我们'],
    ]);
  });

  it('sets a bold question apart from the answer after its <br>, in a paragraph or a list item (rich-text editor pages)', () => {
    const model = html('<p><strong>1、如何充值？</strong><br>打开首页充值。</p><ol><li><b>如何提现？</b><br>在钱包页提现。</li><li><p><b>如何绑卡？</b></p><p>在我的页面添加。</p></li><li><b>第一步：</b>打开 App。</li><li><b>如何改密码？</b><ol><li>进入安全中心。</li></ol></li></ol><ul><li>Q：如何开票？<br>A：在账单页申请。</li></ul>');
    expect(model.blocks.map((b) => [b.kind, (b.prefix ?? '') + b.text])).toEqual([
      ['heading', '1、如何充值？'],
      ['paragraph', '打开首页充值。'],
      ['question', '如何提现？'],
      ['paragraph', '在钱包页提现。'],
      ['question', '如何绑卡？'],
      ['paragraph', '在我的页面添加。'],
      ['item', '第一步：打开 App。'],
      ['question', '如何改密码？'],
      ['item', '进入安全中心。'],
      ['question', '如何开票？'],
      ['paragraph', '在账单页申请。'],
    ]);
  });

  it('reads a table without a header whose rows each pair a question with its answer as records, not rows of data', () => {
    const model = html('<table><tr><td>如何充值？</td><td>打开 App 充值。</td></tr><tr><td>提现多久到账？</td><td><p>T+1 到账。</p></td></tr></table><table><tr><td>扫码收款</td><td>0.38%</td></tr><tr><td>刷卡收款</td><td>0.6%</td></tr></table>');
    expect(kindsAndTexts(model)).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开 App 充值。'],
      ['question', '提现多久到账？'],
      ['paragraph', 'T+1 到账。'],
      ['row', '扫码收款 | 0.38%'],
      ['row', '刷卡收款 | 0.6%'],
    ]);
  });

  it('keeps the header and footer of an article, which are its own', () => {
    const model = html('<body><header>站点</header><article><header><h1>充值说明</h1></header><p>正文</p><footer>更新于 5 月</footer></article></body>');
    expect(kindsAndTexts(model)).toEqual([
      ['heading', '充值说明'],
      ['paragraph', '正文'],
      ['paragraph', '更新于 5 月'],
    ]);
    expect(model.title).toBe('充值说明');
  });

  it('fails on an empty file and on one with nothing visible', () => {
    expect(() => parse('x.html', '\ufeff  \r\n')).toThrow(/x\.html:1: no content/);
    expect(() => parse('x.html', '<html><head><title>t</title></head><body><nav>菜单</nav><script>x()</script></body></html>')).toThrow(
      /no content: nothing visible/,
    );
  });
});

describe('html adapter: structure', () => {
  it('reads headings with their levels and a question heading as a question', () => {
    const model = html('<h2>账户</h2><h3>Q1：忘记密码怎么办？</h3><p>点击找回。</p>');
    expect(model.blocks.map((b) => [b.kind, b.text, b.level, b.label?.text])).toEqual([
      ['heading', '账户', 2, undefined],
      ['question', '忘记密码怎么办？', 3, 'Q'],
      ['paragraph', '点击找回。', undefined, undefined],
    ]);
  });

  it('turns <details>/<summary> and <dl>/<dt>/<dd> into questions followed by their content', () => {
    const model = html(`<details><summary>1. 如何提现？</summary><p>进入钱包。</p></details>
<dl><dt>Q2. 如何儲值？</dt><dd>使用金融卡。<br>免手續費。</dd></dl>`);
    expect(kindsAndTexts(model)).toEqual([
      ['question', '如何提现？'],
      ['paragraph', '进入钱包。'],
      ['question', '如何儲值？'],
      ['paragraph', '使用金融卡。'],
      ['paragraph', '免手續費。'],
    ]);
  });

  it('finds the question of an FAQ item container: its heading, its bold line or a question-classed element', () => {
    const model = html(`<section class="faq"><h2>常见问题</h2>
<div class="faq-item"><p><strong>问：怎么开发票？</strong></p><p>在账单页申请。</p></div>
<div class="faq-item"><h3>退款多久到账？</h3><p>3 个工作日。</p></div>
<div class="qa"><div class="qa__question">如何注销？</div><div class="qa__answer">联系客服。</div></div>
<div itemscope itemtype="https://schema.org/Question"><span itemprop="name">能开专票吗？</span>
<div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer"><p itemprop="text">可以。</p></div></div></section>`);
    expect(model.blocks.map((b) => [b.kind, b.text, b.label?.text])).toEqual([
      ['heading', '常见问题', undefined],
      ['question', '怎么开发票？', '问'],
      ['paragraph', '在账单页申请。', undefined],
      ['question', '退款多久到账？', undefined],
      ['paragraph', '3 个工作日。', undefined],
      ['question', '如何注销？', undefined],
      ['paragraph', '联系客服。', undefined],
      ['question', '能开专票吗？', undefined],
      ['paragraph', '可以。', undefined],
    ]);
  });

  it('makes a short wholly bold paragraph a sub-heading one level below the current heading', () => {
    const model = html('<h2>充值</h2><p><b>银行卡充值</b></p><p>选择储蓄卡。</p><p><b>这是一整段加粗的说明文字，它很长很长，超过了小标题通常会有的长度，所以只是强调而已。</b></p>');
    expect(model.blocks.map((b) => [b.kind, b.level])).toEqual([
      ['heading', 2],
      ['heading', 3],
      ['paragraph', undefined],
      ['paragraph', undefined],
    ]);
  });

  it('numbers list items from start and value, in letters for type="a", with depth from nesting', () => {
    const model = html(`<ol start="2"><li>打开 App<ul><li>首页</li><li>我的</li></ul></li><li value="7">提交</li><li>完成</li></ol>
<ol type="a"><li>甲</li><li>乙</li></ol><ul><li>第一步：登录</li><li><strong>核对信息</strong>：姓名与卡号</li></ul>`);
    // An <li> writes no marker, so none is shown before its text; the item's own numbering and label are.
    expect(model.blocks.map((b) => [b.text, b.marker, b.label?.text, b.prefix])).toEqual([
      ['打开 App', { kind: 'decimal', ordinal: 2, depth: 0 }, undefined, undefined],
      ['首页', { kind: 'bullet', depth: 1 }, undefined, undefined],
      ['我的', { kind: 'bullet', depth: 1 }, undefined, undefined],
      ['提交', { kind: 'decimal', ordinal: 7, depth: 0 }, undefined, undefined],
      ['完成', { kind: 'decimal', ordinal: 8, depth: 0 }, undefined, undefined],
      ['甲', { kind: 'letter', ordinal: 1, depth: 0 }, undefined, undefined],
      ['乙', { kind: 'letter', ordinal: 2, depth: 0 }, undefined, undefined],
      ['登录', { kind: 'step', ordinal: 1, depth: 0, text: '第一步：' }, undefined, '第一步：'],
      ['姓名与卡号', { kind: 'bullet', depth: 0 }, '核对信息', '核对信息：'],
    ]);
  });

  it('joins an item\'s own paragraphs into its text and keeps what follows its nested list apart', () => {
    const model = html('<ol><li><p>打开 App</p><p>进入首页</p><ol><li>子步骤</li></ol><p>补充说明</p></li></ol>');
    expect(model.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['item', '打开 App\n进入首页'],
      ['item', '子步骤'],
      ['paragraph', '补充说明'],
    ]);
  });

  it('splits a paragraph at <br> into lines classified by their markers and labels', () => {
    const model = html('<p>请按以下步骤：<br>1、打开 App<br/>2、点击&ldquo;充值&rdquo;<br>温馨提示：单日限额 5 万</p>');
    expect(model.blocks.map((b) => [b.kind, b.text, b.marker?.ordinal, b.label?.text])).toEqual([
      ['paragraph', '请按以下步骤：', undefined, undefined],
      ['item', '打开 App', 1, undefined],
      ['item', '点击“充值”', 2, undefined],
      ['note', '单日限额 5 万', undefined, '温馨提示'],
    ]);
    expect(model.blocks.map((b) => b.prefix)).toEqual([undefined, '1、', '2、', '温馨提示：']);
    // The line's span ends on the closing entity, which is the line's own last character.
    const item = model.blocks[2];
    expect(model.text.slice(item.span.start, item.span.end)).toBe('2、点击&ldquo;充值&rdquo;');
  });

  it('keeps the 答： of an answer paragraph out of what is shown (kangfu-faq-fragment)', () => {
    const model = html('<div class="faq-item"><p><strong>问：支持哪些银行卡？</strong></p><p>答：支持借记卡。</p></div>');
    expect(model.blocks.map((b) => [b.kind, b.label?.text, b.text, b.prefix])).toEqual([
      ['question', '问', '支持哪些银行卡？', undefined],
      ['paragraph', '答', '支持借记卡。', undefined],
    ]);
  });

  it('treats elements it does not know as inline, as a browser does (Word\'s o:p, font, custom tags)', () => {
    const model = html('<p class="MsoNormal"><span style="font-weight:700">温馨提示</span>：勿泄露<o:p></o:p>验证码<font color="red">！</font><x-tip>请留意</x-tip></p>');
    expect(model.blocks.map((b) => [b.kind, b.label?.text, b.text])).toEqual([['note', '温馨提示', '勿泄露验证码！请留意']]);
    expect(kindsAndTexts(html('<p><span style="font-weight: bold">如何开票？</span></p><p>在账单页申请。</p>'))).toEqual([
      ['heading', '如何开票？'],
      ['paragraph', '在账单页申请。'],
    ]);
  });

  it('reads a blockquote as notes', () => {
    expect(kindsAndTexts(html('<blockquote><p>注意：勿转账</p><ul><li>勿扫码</li></ul></blockquote>'))).toEqual([
      ['note', '勿转账'],
      ['note', '勿扫码'],
    ]);
  });

  it('reads tables as rows: header rows from <thead> or all-<th> rows, a caption as text', () => {
    const model = html(`<table><caption>提现费率</caption><thead><tr><td>方式</td><td>费率</td></tr></thead>
<tbody><tr><th>实时</th><td>0.1%<br>最低 1 元</td></tr><tr><td></td><td></td></tr><tr><td>普通</td><td>免费</td></tr></tbody></table>`);
    expect(model.blocks.map((b) => [b.kind, b.text, b.header ?? false])).toEqual([
      ['paragraph', '提现费率', false],
      ['row', '方式 | 费率', true],
      ['row', '实时 | 0.1%\n最低 1 元', false],
      ['row', '普通 | 免费', false],
    ]);
    expect(model.blocks[2].cells?.map((c) => model.text.slice(c.span.start, c.span.end))).toEqual(['实时', '0.1%<br>最低 1 元']);
  });

  it('reads a table that lays out the page (one column, or cells holding headings and lists) as the page', () => {
    const model = html(`<table width="100%"><tr><td><h2>如何提现？</h2><ol><li>打开钱包</li><li>点击提现</li></ol></td><td>侧栏</td></tr></table>
<table><tr><td>温馨提示：勿泄露验证码</td></tr><tr><td>客服电话：95068</td></tr></table>`);
    expect(model.blocks.map((b) => [b.kind, b.text, b.label?.text])).toEqual([
      ['heading', '如何提现？', undefined],
      ['item', '打开钱包', undefined],
      ['item', '点击提现', undefined],
      ['paragraph', '侧栏', undefined],
      ['note', '勿泄露验证码', '温馨提示'],
      ['paragraph', '95068', '客服电话'],
    ]);
  });

  it('keeps white space as written inside <pre>', () => {
    expect(kindsAndTexts(html('<pre>步骤  一\n  步骤二</pre>'))).toEqual([
      ['paragraph', '步骤  一'],
      ['paragraph', '步骤二'],
    ]);
  });
});

describe('html adapter: text, runs and links', () => {
  it('decodes entities; the characters they stand for are outside the runs, all else is mapped', () => {
    const model = html('<p>A &amp; B&nbsp;C &#20013;&#x6587; &lt;tag&gt; &copy 2024</p>');
    const [block] = model.blocks;
    expect(block.text).toBe('A & B\u00a0C 中文 <tag> © 2024');
    expect(covered(block)).toBe(block.text.length - 7);
    expect(model.text.slice(block.span.start, block.span.end)).toBe('A &amp; B&nbsp;C &#20013;&#x6587; &lt;tag&gt; &copy 2024');
  });

  it('collapses source white space and line breaks as a browser renders them', () => {
    const [block] = html('<p>\n   打开    App，\n   点击\t充值  </p>').blocks;
    expect(block.text).toBe('打开 App， 点击 充值');
  });

  it('keeps links with their href (tel: and mailto: included) and the element\'s span', () => {
    const text =
      '<p>客服：<a href="tel:95068">95068</a>，邮箱 <a href=" mailto:s@d.example.cn ">s@d.example.cn</a>，<a name="top">锚点</a>' +
      '<a href="#top">回顶部</a><a href="javascript:void(0)">展开</a></p>';
    const [block] = html(text).blocks;
    expect(block.links?.map((l) => [l.href, l.text, text.slice(l.span.start, l.span.end)])).toEqual([
      ['tel:95068', '95068', '<a href="tel:95068">95068</a>'],
      ['mailto:s@d.example.cn', 's@d.example.cn', '<a href=" mailto:s@d.example.cn ">s@d.example.cn</a>'],
    ]);
  });

  it('gives each line of a split paragraph the links inside it', () => {
    const model = html('<p>热线：<a href="tel:95068">95068</a><br>邮箱：<a href="mailto:a@b.cn">a@b.cn</a></p>');
    expect(model.blocks.map((b) => b.links?.map((l) => l.href))).toEqual([['tel:95068'], ['mailto:a@b.cn']]);
  });

  it('reads a CMS fragment without <html> or <body>, with a BOM and CR-only line endings', () => {
    const text = '\ufeff<div class="content">\r<h3>如何绑卡？</h3>\r<p>进入\r“银行卡”。</p>\r</div>';
    const model = html(text);
    expect(model.blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['heading', '如何绑卡？', 2],
      ['paragraph', '进入 “银行卡”。', 3],
    ]);
  });

  it('is chosen for .htm and upper-case extensions too', () => {
    expect(kindsAndTexts(html('<p>正文</p>', 'PAGE.HTM'))).toEqual([['paragraph', '正文']]);
  });
});

describe('html adapter: question–answer tables', () => {
  it('reads a table whose header names a question and an answer column as records', () => {
    const model = html(`<table><tr><th>常見問題</th><th>回答</th></tr>
<tr><td>如何儲值？</td><td><ol><li>打開 App</li><li>點選儲值</li></ol></td></tr>
<tr><td>Q：可以用信用卡嗎？</td><td>不可以。<a href="tel:0800-888-123">0800-888-123</a></td></tr></table>`);
    expect(model.blocks.map((b) => [b.kind, b.text, b.links?.[0].href])).toEqual([
      ['question', '如何儲值？', undefined],
      ['item', '打開 App', undefined],
      ['item', '點選儲值', undefined],
      ['question', '可以用信用卡嗎？', undefined],
      ['paragraph', '不可以。0800-888-123', 'tel:0800-888-123'],
    ]);
  });
});
