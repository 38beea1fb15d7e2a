/** @module Unit tests for the .md adapter (src/indexer/formats/markdown.ts): the article model it builds from Markdown. */
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../src/indexer/errors';
import { covered, expectInvariants, kindsAndTexts, parse } from './format-helpers';

const md = (text: string) => {
  const model = parse('page.md', text);
  expectInvariants(model);
  return model;
};

describe('markdown adapter: front matter and title', () => {
  it('takes title, provider and category from YAML front matter, by English or Chinese key', () => {
    const model = md('---\ntitle: 充值帮助\n服务商: 汇通钱包\ncategory: topup\ntags: [a, b]\n---\n\n## 如何充值？\n\n打开 App。\n');
    expect(model.title).toBe('充值帮助');
    expect(model.hints).toEqual({ provider: '汇通钱包', category: 'topup' });
    expect(kindsAndTexts(model)).toEqual([
      ['heading', '如何充值？'],
      ['paragraph', '打开 App。'],
    ]);
  });

  it('uses the first heading as the title when it is a level-1 heading and no front matter names one', () => {
    expect(md('# 帮助中心\n\n## 一\n\n正文').title).toBe('帮助中心');
    expect(md('## 帮助中心\n\n# 一\n\n正文').title).toBeUndefined();
  });

  it('fails at the line of bad YAML and on a value that is not text', () => {
    const bad = () => parse('x.md', '---\ntitle: a\nprovider: b: c\n---\n正文\n');
    expect(bad).toThrow(BuildError);
    expect(bad).toThrow(/x\.md:3: front matter: /);
    expect(() => parse('x.md', '---\ntitle: a\ncategory:\n  - x\n  - y\n---\n正文\n')).toThrow(/x\.md:3: front matter "category" must be a single text value/);
  });

  it('fails on a file with nothing but white space, or nothing but front matter', () => {
    expect(() => parse('x.md', ' \n\t\n')).toThrow(/x\.md:1: no content/);
    expect(() => parse('x.md', '\ufeff')).toThrow(/no content/);
    expect(() => parse('x.md', '---\ntitle: a\n---\n')).toThrow(/no content/);
  });
});

describe('markdown adapter: blocks', () => {
  it('reads ATX and setext headings with their levels, and a labelled question heading as a question', () => {
    const model = md('费率说明\n====\n\n小节\n----\n\n#### Q3：怎么收费？\n\n按笔收费。');
    expect(model.blocks.map((b) => [b.kind, b.text, b.level])).toEqual([
      ['heading', '费率说明', 1],
      ['heading', '小节', 2],
      ['question', '怎么收费？', 4],
      ['paragraph', '按笔收费。', undefined],
    ]);
    expect(model.blocks[2].label?.text).toBe('Q');
    expect(model.text.slice(model.blocks[2].span.start, model.blocks[2].span.end)).toBe('#### Q3：怎么收费？');
  });

  it('reads a heading without its own numbering', () => {
    expect(kindsAndTexts(md('## 2. 如何提现？\n\n### 第一章 账户\n\n### 二、费用\n\n#### 2024 年新规'))).toEqual([
      ['heading', '如何提现？'],
      ['heading', '账户'],
      ['heading', '费用'],
      ['heading', '2024 年新规'],
    ]);
  });

  it('moves a short name before a colon to the label, and starts a block with each such line', () => {
    const model = md('客服热线：[95017](tel:95017)\n客服邮箱：kefu@h.example.cn\n服务时间 9:00-21:00\n\n1. 注册账户：填写手机号\n2. 请注意，验证码：5 分钟内有效\n');
    expect(model.blocks.map((b) => [b.kind, b.label?.text, b.text])).toEqual([
      ['paragraph', '客服热线', '95017'],
      ['paragraph', '客服邮箱', 'kefu@h.example.cn\n服务时间 9:00-21:00'],
      ['item', '注册账户', '填写手机号'],
      ['item', undefined, '请注意，验证码：5 分钟内有效'],
    ]);
    expect(model.blocks[0].links?.map((l) => l.href)).toEqual(['tel:95017']);
  });

  it('numbers ordered list items from the list start, bullets the rest, with depth from nesting and the marker as written', () => {
    const model = md('3. 打开 App\n4. 选择方式：\n   - 快捷\n     1) 储蓄卡\n   * 网银\n5. 确认\n');
    expect(model.blocks.map((b) => [b.text, b.marker, b.prefix])).toEqual([
      ['打开 App', { kind: 'decimal', ordinal: 3, depth: 0, text: '3.' }, '3. '],
      ['选择方式：', { kind: 'decimal', ordinal: 4, depth: 0, text: '4.' }, '4. '],
      ['快捷', { kind: 'bullet', depth: 1, text: '-' }, '- '],
      ['储蓄卡', { kind: 'decimal', ordinal: 1, depth: 2, text: '1)' }, '1) '],
      ['网银', { kind: 'bullet', depth: 1, text: '*' }, '* '],
      ['确认', { kind: 'decimal', ordinal: 5, depth: 0, text: '5.' }, '5. '],
    ]);
    // The item's span starts at its marker and ends with its own text, before the nested list.
    const second = model.blocks[1];
    expect(model.text.slice(second.span.start, second.span.end)).toBe('4. 选择方式：');
  });

  it('gives an item whose text opens with its own numbering that marker, and a bold lead-in as its label', () => {
    const model = md('- 第一步：打开 App\n- 第二步：**输入金额**：不超过 5 万\n- ③ 确认\n');
    expect(model.blocks.map((b) => [b.text, b.marker?.kind, b.marker?.ordinal, b.marker?.text, b.label?.text, b.prefix])).toEqual([
      ['打开 App', 'step', 1, '第一步：', undefined, '- 第一步：'],
      ['不超过 5 万', 'step', 2, '第二步：', '输入金额', '- 第二步：输入金额：'],
      ['确认', 'circled', 3, '③', undefined, '- ③ '],
    ]);
    const labelled = md('1. **检查网络**：确认已连接\n2. **重启 App** —— 再试一次\n');
    expect(labelled.blocks.map((b) => [b.label?.text, b.text, b.prefix])).toEqual([
      ['检查网络', '确认已连接', '1. 检查网络：'],
      ['重启 App', '再试一次', '2. 重启 App —— '],
    ]);
  });

  it('joins an item\'s paragraphs and soft-wrapped lines into its text', () => {
    const model = md('1. 打开 App，\n   进入首页\n\n   然后点击充值\n2. 确认\n');
    expect(model.blocks.map((b) => b.text)).toEqual(['打开 App，\n进入首页\n然后点击充值', '确认']);
  });

  it('splits a paragraph at lines that open with a marker or a label, and keeps other lines with the block before', () => {
    const model = md('您好，请按以下步骤：\n①打开 App\n②点击充值，\n输入金额\n温馨提示：单日上限 5 万\n');
    expect(model.blocks.map((b) => [b.kind, b.text, b.marker?.ordinal, b.label?.text])).toEqual([
      ['paragraph', '您好，请按以下步骤：', undefined, undefined],
      ['item', '打开 App', 1, undefined],
      ['item', '点击充值，\n输入金额', 2, undefined],
      ['note', '单日上限 5 万', undefined, '温馨提示'],
    ]);
    expect(model.blocks.map((b) => b.prefix)).toEqual([undefined, '①', '②', '温馨提示：']);
  });

  it('keeps a 问/答 label out of what is shown, and a tip label alone as the note that opens what follows', () => {
    const model = md('答：\n支持借记卡。\n\n> 注意：\n> 每日上限 5 万\n\n温馨提示：\n\n- 勿泄露验证码\n');
    expect(model.blocks.map((b) => [b.kind, b.text, b.label?.text, b.prefix])).toEqual([
      ['paragraph', '支持借记卡。', undefined, undefined],
      ['note', '每日上限 5 万', '注意', '注意：'],
      ['note', '', '温馨提示', '温馨提示：'],
      ['item', '勿泄露验证码', undefined, '- '],
    ]);
  });

  it('makes a paragraph that is one short bold line a sub-heading, and a labelled bold one a question', () => {
    const model = md('## 常见问题\n\n**提现多久到账？**\n\nT+1 到账。\n\n**问：怎么充值？**\n\n打开 App。');
    expect(model.blocks.map((b) => [b.kind, b.text, b.level])).toEqual([
      ['heading', '常见问题', 2],
      ['heading', '提现多久到账？', 3],
      ['paragraph', 'T+1 到账。', undefined],
      ['question', '怎么充值？', undefined],
      ['paragraph', '打开 App。', undefined],
    ]);
  });

  it('sets a bold question apart from the answer that goes on in its paragraph or list item (a numbered list of questions is no list of steps)', () => {
    const model = md('**如何注销账户？**\n进入设置，点击注销。\n\n1. **如何充值？**\n   打开首页充值。\n2. **提现多久到账？**\n\n   T+1 到账。\n\n- **注意**\n  勿泄露验证码。\n- **第一步**：打开 App。');
    expect(model.blocks.map((b) => [b.kind, (b.prefix ?? '') + b.text])).toEqual([
      ['heading', '如何注销账户？'],
      ['paragraph', '进入设置，点击注销。'],
      ['question', '1.如何充值？'],
      ['paragraph', '打开首页充值。'],
      ['question', '2.提现多久到账？'],
      ['paragraph', 'T+1 到账。'],
      // Bold lines that ask nothing stay items: a step's title, a tip.
      ['item', '- 注意\n勿泄露验证码。'],
      ['item', '- 第一步：打开 App。'],
    ]);
    // A bold question whose answer is a list nested under it is a question too.
    expect(kindsAndTexts(md('1. **如何改密码？**\n   1. 进入安全中心；\n   2. 设置新密码。\n2. **如何提现？**\n   在钱包页提现。'))).toEqual([
      ['question', '如何改密码？'],
      ['item', '进入安全中心；'],
      ['item', '设置新密码。'],
      ['question', '如何提现？'],
      ['paragraph', '在钱包页提现。'],
    ]);
    // Items that open with a 问/答 label are questions and answers, not steps.
    expect(kindsAndTexts(md('- Q：如何充值？\n  A：打开首页。\n- 问：如何提现？\n- 答：在钱包页提现。'))).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开首页。'],
      ['question', '如何提现？'],
      ['paragraph', '在钱包页提现。'],
    ]);
    // The question's span opens with the list's number, as a numbered heading's does.
    expect(model.text.slice(model.blocks[2].span.start, model.blocks[2].span.end)).toBe('1. **如何充值？');
  });

  it('reads a paragraph that is a question on its own as a question heading, but not one in a quote or a longer paragraph', () => {
    expect(kindsAndTexts(md('如何注销账户？\n\n进入设置，点击注销。\n\n> 忘记密码？\n\n为什么要实名？这是监管要求。'))).toEqual([
      ['heading', '如何注销账户？'],
      ['paragraph', '进入设置，点击注销。'],
      ['note', '忘记密码？'],
      ['paragraph', '为什么要实名？这是监管要求。'],
    ]);
  });

  it('reads a blockquote as notes, list items in it included', () => {
    const model = md('> **温馨提示**：勿泄露验证码。\n> 1. 不点陌生链接\n> 2. 不转账\n');
    expect(model.blocks.map((b) => [b.kind, b.text, b.label?.text, b.marker])).toEqual([
      ['note', '勿泄露验证码。', '温馨提示', undefined],
      ['note', '不点陌生链接', undefined, undefined],
      ['note', '不转账', undefined, undefined],
    ]);
  });

  it('reads a table as rows with a header row and cells that point at their own text', () => {
    const model = md('| 方式 | 费率 |\n|:--|--:|\n| 实时提现 | 0.1%，**最低** 1 元 |\n| `快速` | [详见](https://x.example.com) |\n');
    expect(model.blocks.map((b) => [b.kind, b.header ?? false, b.cells?.map((c) => c.text)])).toEqual([
      ['row', true, ['方式', '费率']],
      ['row', false, ['实时提现', '0.1%，最低 1 元']],
      ['row', false, ['快速', '详见']],
    ]);
    expect(model.blocks[1].text).toBe('实时提现 | 0.1%，最低 1 元');
    const [link] = model.blocks[2].links!;
    expect([link.text, link.href, model.text.slice(link.span.start, link.span.end)]).toEqual(['详见', 'https://x.example.com', '[详见](https://x.example.com)']);
  });
});

describe('markdown adapter: text and runs', () => {
  it('strips emphasis, code and link markup from the text while every character stays mapped', () => {
    const model = md('请在 **我的 > 设置** 中打开 *免密支付*，输入 `123` 或访问 [帮助中心](https://h.example.com "标题")。');
    const [block] = model.blocks;
    expect(block.text).toBe('请在 我的 > 设置 中打开 免密支付，输入 123 或访问 帮助中心。');
    expect(covered(block)).toBe(block.text.length);
  });

  it('decodes entities and escapes; a decoded entity is outside the runs', () => {
    const [block] = md('A &amp; B \\*不是强调\\* &#x4E2D;文').blocks;
    expect(block.text).toBe('A & B *不是强调* 中文');
    expect(covered(block)).toBe(block.text.length - 2);
  });

  it('keeps tel:, mailto:, autolinked and reference links with their spans', () => {
    const text = '电话 [95017](tel:95017)，邮箱 <kefu@h.example.cn>，官网 https://h.example.cn/help 或 [客服][cs]。\n\n[cs]: mailto:cs@h.example.cn\n';
    const [block] = md(text).blocks;
    expect(block.links?.map((l) => [l.href, l.text, text.slice(l.span.start, l.span.end)])).toEqual([
      ['tel:95017', '95017', '[95017](tel:95017)'],
      ['mailto:kefu@h.example.cn', 'kefu@h.example.cn', '<kefu@h.example.cn>'],
      ['https://h.example.cn/help', 'https://h.example.cn/help', 'https://h.example.cn/help'],
      ['mailto:cs@h.example.cn', '客服', '[客服][cs]'],
    ]);
  });

  it('keeps links written as inline HTML anchors', () => {
    const text = '客服热线：<a href="tel:95017" class="tel">95017</a>，邮箱 <a href=\'mailto:k@h.example.cn\'>k@h.example.cn</a>';
    const [block] = md(text).blocks;
    expect(block.text).toBe('95017，邮箱 k@h.example.cn');
    expect(block.links?.map((l) => [l.href, l.text, text.slice(l.span.start, l.span.end)])).toEqual([
      ['tel:95017', '95017', '<a href="tel:95017" class="tel">95017</a>'],
      ['mailto:k@h.example.cn', 'k@h.example.cn', "<a href='mailto:k@h.example.cn'>k@h.example.cn</a>"],
    ]);
  });

  it('reads raw HTML blocks through the HTML adapter, offsets carried into the file', () => {
    const text = '## 常见问题\n\n<details>\n<summary>Q：冻结怎么办？</summary>\n\n请拨打 95017。\n\n</details>\n\n第一行<br>第二行\n';
    const model = md(text);
    expect(kindsAndTexts(model)).toEqual([
      ['heading', '常见问题'],
      ['question', '冻结怎么办？'],
      ['paragraph', '请拨打 95017。'],
      // A line break in Markdown stays inside its paragraph.
      ['paragraph', '第一行\n第二行'],
    ]);
    const question = model.blocks[1];
    expect(text.slice(question.span.start, question.span.end)).toBe('Q：冻结怎么办？');
  });

  it('maps raw HTML inside a list item, whose lines lose their indent in the parsed value', () => {
    const text = '- 步骤：\r\n\r\n  <p>打开&ldquo;我的&rdquo;\r\n  页面</p>\r\n';
    const model = md(text);
    expect(kindsAndTexts(model)).toEqual([
      ['item', '步骤：'],
      ['paragraph', '打开“我的” 页面'],
    ]);
    expect(covered(model.blocks[1])).toBe('打开我的页面'.length);
  });

  it('tolerates a BOM and CRLF or CR-only line endings, with lines counted right', () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const text = `\ufeff---${eol}title: t${eol}---${eol}${eol}# 标题${eol}${eol}第一段${eol}续行${eol}${eol}- 项目${eol}`;
      const model = md(text);
      expect(model.title).toBe('t');
      expect(model.blocks.map((b) => [b.text, b.line])).toEqual([
        ['标题', 5],
        ['第一段\n续行', 7],
        ['项目', 10],
      ]);
    }
  });

  it('leaves images, thematic breaks and link definitions out', () => {
    expect(kindsAndTexts(md('![截图](a.png)\n\n---\n\n[x]: https://x.example.com\n\n正文'))).toEqual([['paragraph', '正文']]);
  });
});

describe('markdown adapter: question–answer tables', () => {
  it('reads a table whose rows, its first one too, each pair a question with its answer as records', () => {
    const model = md('| 如何充值？ | 打开 App 充值。 |\n| --- | --- |\n| 提现多久到账？ | T+1 到账。 |\n');
    expect(kindsAndTexts(model)).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开 App 充值。'],
      ['question', '提现多久到账？'],
      ['paragraph', 'T+1 到账。'],
    ]);
  });

  it('leaves a column about the row (序号, #, 更新时间) out of the answer, where other columns are labelled text (shunda-qa-table)', () => {
    const model = md('| # | 问题 | 答案 | 更新时间 | 备注 |\n| --- | --- | --- | --- | --- |\n| 1 | 如何充值？ | 打开 App 充值。 | 2024-06-18 | 限储蓄卡 |\n');
    expect(model.blocks.map((b) => [b.kind, (b.prefix ?? '') + b.text])).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开 App 充值。'],
      ['paragraph', '备注：限储蓄卡'],
    ]);
  });

  it('reads a table whose header names a question and an answer column as records, other columns as labelled text', () => {
    const model = md('| 问题 | 解答 | 分类 | 备注 |\n| --- | --- | --- | --- |\n| 如何充值？ | 1. 打开 App<br>2. 点击充值 | topup | 限储蓄卡 |\n| | 单日上限 5 万 | | |\n');
    expect(model.blocks.map((b) => [b.kind, b.text, b.label?.text, b.hints])).toEqual([
      ['question', '如何充值？', undefined, { category: 'topup' }],
      ['item', '打开 App', undefined, undefined],
      ['item', '点击充值', undefined, undefined],
      ['paragraph', '限储蓄卡', '备注', undefined],
      // A row without a question continues the answer before it.
      ['paragraph', '单日上限 5 万', undefined, undefined],
    ]);
  });
});
