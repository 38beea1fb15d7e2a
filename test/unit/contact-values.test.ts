/** @module Unit tests for the contact value finders (src/indexer/contact-values): each kind, owners, labels, links and properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyOwner,
  findContactValues,
  hrefFor,
  labelKind,
  splitLabel,
  type ContactValue,
  type ContactValueKind,
} from '../../src/indexer/contact-values';
import { testNormalizer } from './contact-values.normalizer';

const normalize = testNormalizer();

/** Every value found, as [kind, value], after checking that each is the exact slice at its offsets. */
function values(text: string, kind?: ContactValueKind): [ContactValueKind, string][] {
  const found = findContactValues(text, normalize);
  for (const v of found) expect(text.slice(v.start, v.end)).toBe(v.value);
  return found.filter((v) => !kind || v.kind === kind).map((v) => [v.kind, v.value]);
}

function only(text: string, kind: ContactValueKind): string[] {
  return values(text, kind).map(([, v]) => v);
}

function one<K extends ContactValueKind>(text: string, kind: K): Extract<ContactValue, { kind: K }> {
  const found = findContactValues(text, normalize).filter((v) => v.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Extract<ContactValue, { kind: K }>;
}

describe('phone numbers', () => {
  it.each([
    // Service numbers, 400/800 in every grouping, full-width digits and dashes.
    ['全国客服热线：95516，按0转人工。', ['95516']],
    ['如有疑问请拨打400-820-8888或400 820 8888咨询。', ['400-820-8888', '400 820 8888']],
    ['客服電話：4008208888（免付費）', ['4008208888']],
    ['免費專線 ４００－８２０－８８８８', ['４００－８２０－８８８８']],
    ['服务热线 4008-208-888，售后 800-810-5888', ['4008-208-888', '800-810-5888']],
    // Landlines with area code, in brackets or with a dash; mobiles.
    ['总部电话：021-6888 8888，北京 (010)12345678，深圳 0755-1234567', ['021-6888 8888', '(010)12345678', '0755-1234567']],
    ['总机（０１０）８８８８６６６６', ['（０１０）８８８８６６６６']],
    ['值班手机：138 0013 8000 / 13912345678', ['138 0013 8000', '13912345678']],
    // Taiwan, Hong Kong and international numbers.
    ['客服專線 0800-000-123 或 0800 123 456', ['0800-000-123', '0800 123 456']],
    ['台北客服中心電話：(02)2345-6789、+886-2-2345-6789', ['(02)2345-6789', '+886-2-2345-6789']],
    ['香港客戶服務熱線：+852 2345 6789', ['+852 2345 6789']],
    ['如在香港，請致電 (852) 2888 8888 聯絡我們', ['(852) 2888 8888']],
    ['境外请致电 +86 21 6888 8888 或 (+86) 400 820 8888', ['+86 21 6888 8888', '(+86) 400 820 8888']],
    ['Call us: +86 (0)21 6888 8888', ['+86 (0)21 6888 8888']],
    // Extensions are part of the value.
    ['请拨打 021-6888 8888 转 8001', ['021-6888 8888 转 8001']],
    ['請撥打 02-2345-6789 轉8001 洽詢', ['02-2345-6789 轉8001']],
    ['Tel: 0755-8888 6666 ext. 12', ['0755-8888 6666 ext. 12']],
    ['总机 010-8765 4321 分机 216，或 010-8765 4321（转216）', ['010-8765 4321 分机 216', '010-8765 4321（转216）']],
    // Short and local numbers count next to a call word.
    ['遇到诈骗请立即拨打110报警。', ['110']],
    ['可以向12315投诉，或致电 10086 查询话费', ['12315', '10086']],
    ['香港辦事處電話 2345 6789', ['2345 6789']],
    // Several values in one list.
    ['1. 客服热线：95017\n2. 海外：+86 755 8301 3388\n3. 邮箱：kefu@suifu.cn', ['95017', '+86 755 8301 3388']],
  ])('%s', (text, want) => {
    expect(only(text, 'phone')).toEqual(want);
  });

  it.each([
    ['dates', '请于2024-01-15前提交，2024/01/15 或 2024.01.15 均可，生效日 01-15'],
    ['times', '服务时间 9:00-18:00，12:30 午休，14:32:08 提交'],
    ['amounts', '金额 1,000.00元，手续费 95188元以内，¥12345，RMB 4008208888'],
    ['ranges of numbers', '限额 2000-5000元，2019-2024年，第12345号'],
    ['order and transaction numbers', '订单号：13800138000，交易号 2024011512345678，流水号: 95188'],
    ['ID cards, cards and codes', '身份证 110101199003071234，卡号 6222 0202 0000 1234 567，验证码 95188'],
    ['percentages and versions', '费率 12.5%，成功率 95%，版本 v10.2.3，build 4008.208.888'],
    ['postcodes', '邮编 200000，邮政编码：518000'],
    ['short numbers without a call word', '共有 12345 位用户，编号 110 的条款'],
    ['local numbers without a call word', '本次活动 6888 8888 份礼品已经发完'],
    ['quantities', '已服务 95188 人次，110km 范围'],
    ['fax numbers', '传真：021-6888 8889'],
  ])('ignores %s', (_what, text) => {
    expect(only(text, 'phone')).toEqual([]);
  });

  it('keeps the number when a time follows after a space', () => {
    expect(values('客服热线 95188 8:00-22:00')).toEqual([
      ['phone', '95188'],
      ['hours', '8:00-22:00'],
    ]);
  });

  it('splits numbers written side by side', () => {
    expect(only('热线 95188 95588', 'phone')).toEqual(['95188', '95588']);
  });

  it('lets a listed short number share the call word of the one before it', () => {
    expect(only('请拨打96110或110', 'phone')).toEqual(['96110', '110']);
    expect(only('请拨打96110，共110人', 'phone')).toEqual(['96110']);
  });

  it('does not end a short number where a dash joins more digits', () => {
    expect(only('客服电话 1999-01-01 更新', 'phone')).toEqual([]);
    expect(only('台北市民熱線1999', 'phone')).toEqual(['1999']);
  });

  it('records the extension and a tel: link with a pause before it', () => {
    expect(one('电话 021-6888 8888 转 8001', 'phone')).toMatchObject({ extension: '8001', href: 'tel:02168888888,8001' });
  });

  it('keeps a service number\'s line after a dash, dialled like an extension', () => {
    expect(one('客服电话：95188-6', 'phone')).toMatchObject({ value: '95188-6', extension: '6', href: 'tel:95188,6' });
    expect(one('商户专线 95566－8（工作日）', 'phone')).toMatchObject({ value: '95566－8', href: 'tel:95566,8' });
    expect(only('热线 95188 6个工作日', 'phone')).toEqual(['95188']);
  });
});

describe('e-mail addresses', () => {
  it.each([
    ['客服邮箱：service@suifu.com.cn', ['service@suifu.com.cn']],
    ['請來信至 Support.TW@Example.com.tw，我們將盡快回覆。', ['Support.TW@Example.com.tw']],
    ['邮箱：ｋｅｆｕ＠ｓｕｉｆｕ．ｃｎ', ['ｋｅｆｕ＠ｓｕｉｆｕ．ｃｎ']],
    ['发送邮件至help@suifu.cn。', ['help@suifu.cn']],
    ['（投诉：complaint+cn@pay-mate.hk）', ['complaint+cn@pay-mate.hk']],
    ['写信到 care [at] suifu.com 或 care(at)suifu.hk', ['care [at] suifu.com', 'care(at)suifu.hk']],
    ['地址 kefu [at] suifu [dot] cn', ['kefu [at] suifu [dot] cn']],
  ])('%s', (text, want) => {
    expect(only(text, 'email')).toEqual(want);
  });

  it.each([
    ['a bare @ mention', '请 @客服小助手 处理'],
    ['an @ without a domain', '用户名 user@ 已注册'],
    ['a word "at"', 'meet me at home.'],
  ])('ignores %s', (_what, text) => {
    expect(only(text, 'email')).toEqual([]);
  });

  it('links with ASCII @ whatever the spelling', () => {
    expect(hrefFor({ kind: 'email', value: 'ｋｅｆｕ＠ｓｕｉｆｕ．ｃｎ' })).toBe('mailto:kefu@suifu.cn');
    expect(hrefFor({ kind: 'email', value: 'kefu [at] suifu [dot] cn' })).toBe('mailto:kefu@suifu.cn');
  });
});

describe('URLs', () => {
  it.each([
    ['官网：https://www.suifu.com/help?lang=zh#faq。', ['https://www.suifu.com/help?lang=zh#faq']],
    ['請至官方網站 www.suifu.com.tw 查詢', ['www.suifu.com.tw']],
    ['访问help.suifu.cn/contact，或suifu.com.cn', ['help.suifu.cn/contact', 'suifu.com.cn']],
    ['（详见 http://m.suifu.hk/a_(b)）', ['http://m.suifu.hk/a_(b)']],
    ['链接：ｈｔｔｐｓ：／／ｓｕｉｆｕ．ｃｎ／ｈｅｌｐ', ['ｈｔｔｐｓ：／／ｓｕｉｆｕ．ｃｎ／ｈｅｌｐ']],
    ['网址 https://suifu.cn/a，然后登录', ['https://suifu.cn/a']],
    ['打开 WWW.SUIFU.COM 即可', ['WWW.SUIFU.COM']],
  ])('%s', (text, want) => {
    expect(only(text, 'url')).toEqual(want);
  });

  it.each([
    ['file names', '请上传 截图.png、说明.txt、a.jpg 和 report.pdf'],
    ['decimals and versions', '利率 3.65，版本 2.10.1'],
    ['product names with a dot', '基于 Node.js 开发'],
    ['an e-mail domain', 'kefu@suifu.cn'],
  ])('ignores %s', (_what, text) => {
    expect(only(text, 'url')).toEqual([]);
  });

  it('gives bare domains https:// and keeps a stated scheme', () => {
    expect(hrefFor({ kind: 'url', value: 'help.suifu.cn/contact' })).toBe('https://help.suifu.cn/contact');
    expect(hrefFor({ kind: 'url', value: 'http://m.suifu.hk/a' })).toBe('http://m.suifu.hk/a');
    expect(hrefFor({ kind: 'url', value: 'ｈｔｔｐｓ：／／ｓｕｉｆｕ．ｃｎ' })).toBe('https://suifu.cn');
  });
});

describe('WeChat accounts and mini-programs', () => {
  it.each([
    ['关注微信公众号“随付支付”获取帮助', [['wechat', '随付支付']]],
    ['公众号：随付服务', [['wechat', '随付服务']]],
    ['微信搜索「随付钱包」并关注', [['wechat', '随付钱包']]],
    ['請關注官方服務號『隨付服務』', [['wechat', '隨付服務']]],
    ['关注“随付生活”公众号', [['wechat', '随付生活']]],
    ['添加客服微信号：suifu_help01', [['wechat', 'suifu_help01']]],
    ['打开小程序“随付+”查询', [['mini_program', '随付+']]],
    ['在微信中搜索小程序「隨付商家」', [['mini_program', '隨付商家']]],
    ['搜索“随付助手”小程序', [['mini_program', '随付助手']]],
    ['微信公众号：搜索“随付服务”', [['wechat', '随付服务']]],
    ['企业微信：suifu_merchant', [['wechat', 'suifu_merchant']]],
  ])('%s', (text, want) => {
    expect(values(text).filter(([k]) => k === 'wechat' || k === 'mini_program')).toEqual(want);
  });

  it('ignores quotes without an account word', () => {
    expect(values('点击“确定”完成，关注“优惠活动”')).toEqual([]);
  });

  it('takes no short word after 微信 for an ID', () => {
    expect(values('微信：abc，微信支付 abcdefg')).toEqual([]);
  });
});

describe('in-app paths', () => {
  it.each([
    ['进入APP“我的”-“在线客服”', 'APP“我的”-“在线客服”', ['APP', '我的', '在线客服']],
    ['打开App → 我的 → 客服中心即可', 'App → 我的 → 客服中心', ['App', '我的', '客服中心']],
    ['點選「我的」>「設定」>「聯絡我們」', '「我的」>「設定」>「聯絡我們」', ['我的', '設定', '聯絡我們']],
    ['依次点击【我的】【帮助与反馈】【人工客服】', '【我的】【帮助与反馈】【人工客服】', ['我的', '帮助与反馈', '人工客服']],
    ['路径：首页 > 服务 > 联系我们', '首页 > 服务 > 联系我们', ['首页', '服务', '联系我们']],
    ['选择 "设置" -> "账户安全"', '"设置" -> "账户安全"', ['设置', '账户安全']],
    ['下载后进入“我的-设置-帮助”', '我的-设置-帮助', ['我的', '设置', '帮助']],
  ])('%s', (text, value, steps) => {
    expect(one(text, 'app_path')).toMatchObject({ value, steps });
  });

  it.each([
    ['a comparison', '金额>100元时需要验证'],
    ['a single quoted step', '点击「聯絡我們」'],
    ['a flow without navigation words', '充值→消费→退款'],
    ['quoted words in a list', '分为“优秀”、“良好”两档'],
  ])('ignores %s', (_what, text) => {
    expect(only(text, 'app_path')).toEqual([]);
  });
});

describe('service hours', () => {
  it.each([
    ['服务时间：工作日 9:00-18:00', '工作日 9:00-18:00', { allDay: false, days: '工作日', from: '09:00', to: '18:00' }],
    ['客服時間：週一至週五 9：00至18：00', '週一至週五 9：00至18：00', { days: '週一至週五', from: '09:00', to: '18:00' }],
    ['在线时间 ０９：００～２１：００', '０９：００～２１：００', { from: '09:00', to: '21:00' }],
    ['人工客服每天早9点到晚9点在线', '每天早9点到晚9点', { days: '每天', from: '09:00', to: '21:00' }],
    ['热线接听时间为上午9时至下午6时', '上午9时至下午6时', { from: '09:00', to: '18:00' }],
    ['營業時間：星期一到星期日 10點半-22點', '星期一到星期日 10點半-22點', { days: '星期一到星期日', from: '10:30', to: '22:00' }],
    ['客服晚8点到次日凌晨2点值班', '晚8点到次日凌晨2点', { from: '20:00', to: '02:00' }],
    ['下午1点到5点提供咨询', '下午1点到5点', { from: '13:00', to: '17:00' }],
    ['客服热线7×24小时服务', '7×24小时', { allDay: true }],
    ['提供7*24人工服务', '7*24', { allDay: true }],
    ['24小時客服專線', '24小時', { allDay: true }],
    ['客服全天候在线', '全天候', { allDay: true }],
    ['周一至周五的 9:00-18:00 提供人工服务', '周一至周五的 9:00-18:00', { days: '周一至周五', from: '09:00', to: '18:00' }],
    ['电话客服 9:00-21:00（含节假日）', '9:00-21:00（含节假日）', { from: '09:00', to: '21:00' }],
    ['节假日客服正常服务', '节假日', { allDay: false, days: '节假日' }],
    ['周末及节假日休息', '周末及节假日', { days: '周末及节假日', closed: true }],
  ])('%s', (text, value, reading) => {
    expect(one(text, 'hours')).toMatchObject({ value, hours: reading });
  });

  it('finds 全年无休 as days', () => {
    expect(only('客服全天候在线，全年無休', 'hours')).toEqual(['全天候', '全年無休']);
  });

  it('keeps separate statements apart', () => {
    expect(only('工作日 9:00-18:00；周末 10:00-16:00，中午12点-下午1点午休', 'hours')).toEqual([
      '工作日 9:00-18:00',
      '周末 10:00-16:00',
      '中午12点-下午1点',
    ]);
  });

  it('marks hours stated as an example', () => {
    expect(one('各平台客服时间不同，例如周一至周五的 9:00-18:00', 'hours').hours.example).toBe(true);
    expect(one('各家营业时间不一，如：週一至週五 10:00-19:00', 'hours').hours.example).toBe(true);
    expect(one('本平台客服时间为周一至周五的 9:00-18:00', 'hours').hours.example).toBeUndefined();
    expect(one('如需人工服务，请在 9:00-18:00 来电', 'hours').hours.example).toBeUndefined();
  });

  it.each([
    ['24小时内到账'],
    ['退款将在3个工作日内原路退回'],
    ['一般1-3个工作日处理完成'],
    ['请在24小时后重试'],
    ['超过24小时未到账请联系客服'],
    ['審核需要兩個工作天'],
    ['工作日内回复'],
    ['节假日期间，到账时间顺延'],
    ['每天限额5万元，全年收益率3%'],
    ['账户将被冻结24小时'],
    ['工作日48小时内回复'],
    ['请于18:00前提交，比分 3:2，时间 14:32:08'],
    ['第25:00号'],
    ['每日 23:30 至次日 00:30 系统维护，请避免操作'],
  ])('no hours in %s', (text) => {
    expect(only(text, 'hours')).toEqual([]);
  });
});

describe('classifyOwner', () => {
  const owner = (value: string, context: string, provider?: { name: string; aliases?: string[] }) =>
    classifyOwner(value, context, { normalize, provider });

  it('knows public-service numbers whatever the text says', () => {
    expect(owner('12363', '也可拨打12363')).toEqual({ owner: 'third-party', name: '中国人民银行金融消费权益保护咨询电话' });
    expect(owner('12315', '向12315投诉')).toMatchObject({ owner: 'third-party' });
    expect(owner('96110', '反诈专线96110')).toMatchObject({ owner: 'third-party' });
    expect(owner('12378', '撥打12378')).toMatchObject({ owner: 'third-party' });
  });

  it('takes the organisation the text names before the value', () => {
    expect(owner('95588', '请拨打中国工商银行客服热线95588')).toEqual({ owner: 'third-party', name: '中国工商银行' });
    expect(owner('400-123-4567', '您也可以联系商家客服400-123-4567')).toEqual({ owner: 'third-party', name: '商家' });
    expect(owner('95566', '請洽中國銀行客服95566')).toEqual({ owner: 'third-party', name: '中國銀行' });
    expect(owner('10086', '可致电中国移动10086查询')).toEqual({ owner: 'third-party', name: '中国移动' });
  });

  it('keeps a line the provider runs for merchants its own', () => {
    expect(owner('400-660-9068', '商户专线：400-660-9068')).toEqual({ owner: 'provider' });
    expect(owner('400-660-9068', '商户服务热线 400-660-9068')).toEqual({ owner: 'provider' });
    expect(owner('400-660-9068', '请联系商家客服 400-660-9068')).toEqual({ owner: 'third-party', name: '商家' });
  });

  it('takes the organisation in brackets after the value', () => {
    expect(owner('95559', '拨打95559（交通银行）')).toEqual({ owner: 'third-party', name: '交通银行' });
  });

  it('keeps the provider’s own numbers', () => {
    expect(owner('95017', '如银行卡扣款失败，请拨打客服电话95017')).toEqual({ owner: 'provider' });
    expect(owner('95017', '银行卡扣款失败请拨打95017')).toEqual({ owner: 'provider' });
    expect(owner('95017', '建议先向银行咨询，或者拨打95017')).toEqual({ owner: 'provider' });
    expect(owner('95017', '向银行确认后再拨打95017')).toEqual({ owner: 'provider' });
    expect(owner('95555', '本行信用卡客服热线95555')).toEqual({ owner: 'provider' });
    expect(owner('95588', '拨打95588')).toEqual({ owner: 'provider' });
  });

  it('keeps a value attributed to the provider by name', () => {
    const provider = { name: '中国工商银行', aliases: ['工商银行', '工行'] };
    expect(owner('95588', '工商银行客服热线95588', provider)).toEqual({ owner: 'provider' });
    expect(owner('95588', '工商银行客服热线95588')).toMatchObject({ owner: 'third-party' });
  });

  it('treats government sites as third parties', () => {
    expect(owner('www.pbc.gov.cn', '详见 www.pbc.gov.cn')).toMatchObject({ owner: 'third-party' });
    expect(owner('www.nfra.gov.cn', '或登录国家金融监督管理总局网站 www.nfra.gov.cn')).toEqual({
      owner: 'third-party',
      name: '国家金融监督管理总局',
    });
    expect(owner('www.suifu.cn', '详见 www.suifu.cn')).toEqual({ owner: 'provider' });
  });

  it('is applied by findContactValues', () => {
    const found = findContactValues('客服95017；被骗请拨打96110或110；银行卡问题可咨询发卡行客服', normalize);
    expect(found.map((v) => [v.value, 'owner' in v ? v.owner : null])).toEqual([
      ['95017', 'provider'],
      ['96110', 'third-party'],
      ['110', 'third-party'],
    ]);
  });
});

describe('splitLabel', () => {
  it.each([
    ['客服电话：95188', '客服电话', 'phone', '95188'],
    ['客服電話:95188', '客服電話', 'phone', '95188'],
    ['服务时间：工作日 9:00-18:00', '服务时间', 'hours', '工作日 9:00-18:00'],
    ['服務時間︰週一至週五 9:00-18:00', '服務時間', 'hours', '週一至週五 9:00-18:00'],
    ['- **客服邮箱**：kefu@suifu.cn', '客服邮箱', 'email', 'kefu@suifu.cn'],
    ['1. 官方網址：https://suifu.tw', '官方網址', 'website', 'https://suifu.tw'],
    ['【线上客服】App 内“我的”页面', '线上客服', 'online_chat', 'App 内“我的”页面'],
    ['微信公众号: 随付服务', '微信公众号', 'wechat', '随付服务'],
    ['服务热线 ∶ 400 820 8888', '服务热线', 'phone', '400 820 8888'],
    ['温馨提示：请勿泄露验证码', '温馨提示', null, '请勿泄露验证码'],
  ])('%s', (line, label, kind, rest) => {
    const split = splitLabel(line, normalize)!;
    expect(split.label.text).toBe(label);
    expect(line.slice(split.label.start, split.label.end)).toBe(label);
    expect(split.kind).toBe(kind);
    expect(split.rest.text).toBe(rest);
    expect(line.slice(split.rest.start, split.rest.end)).toBe(rest);
  });

  it.each([['https://suifu.cn/help'], ['9:00-18:00 提供服务'], ['如有疑问，请拨打：95188'], ['没有冒号的一行']])('finds no label in %s', (line) => {
    expect(splitLabel(line, normalize)).toBeNull();
  });

  it.each([
    ['热线', 'phone'],
    ['專線', 'phone'],
    ['信箱', 'email'],
    ['電郵', 'email'],
    ['網址', 'website'],
    ['線上客服', 'online_chat'],
    ['公眾號', 'wechat'],
    ['營業時間', 'hours'],
    ['客服电话服务时间', 'hours'],
    ['小程式', 'mini_program'],
    ['订单号', null],
  ])('labelKind(%s) is %s', (label, kind) => {
    expect(labelKind(label, normalize)).toBe(kind);
  });
});

describe('hrefFor', () => {
  it.each([
    ['95188', 'tel:95188'],
    ['400-820-8888', 'tel:4008208888'],
    ['４００－８２０－８８８８', 'tel:4008208888'],
    ['(010)12345678', 'tel:01012345678'],
    ['+86 (0)21 6888 8888', 'tel:+862168888888'],
    ['+852 2345 6789', 'tel:+85223456789'],
    ['(852) 2888 8888', 'tel:+85228888888'],
    ['02-2345-6789 轉8001', 'tel:0223456789,8001'],
    ['010-8765 4321（转216）', 'tel:01087654321,216'],
    ['0755-8888 6666 ext. 12', 'tel:075588886666,12'],
  ])('tel for %s', (value, href) => {
    expect(hrefFor({ kind: 'phone', value })).toBe(href);
  });

  it('makes no link for names, paths and hours', () => {
    for (const kind of ['wechat', 'mini_program', 'app_path', 'hours'] as const) expect(hrefFor({ kind, value: '随付' })).toBeUndefined();
  });
});

describe('findContactValues', () => {
  it('returns values of every kind in order, without overlaps', () => {
    const text =
      '联系我们：客服热线 400-666-8800（7×24小时），邮箱 kefu@suifu.cn，官网 https://www.suifu.cn/contact；' +
      '也可关注公众号“随付服务”，或在App中点击“我的”→“客服”。';
    expect(values(text)).toEqual([
      ['phone', '400-666-8800'],
      ['hours', '7×24小时'],
      ['email', 'kefu@suifu.cn'],
      ['url', 'https://www.suifu.cn/contact'],
      ['wechat', '随付服务'],
      ['app_path', '“我的”→“客服”'],
    ]);
  });

  it('prefers the e-mail address over the domain inside it', () => {
    expect(values('kefu@help.suifu.cn')).toEqual([['email', 'kefu@help.suifu.cn']]);
  });

  it('finds nothing in a question that states no value', () => {
    expect(values('随付的客服电话是多少？')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties.

/** Han characters that make no keyword, unit or number next to a value (no 号, 元, 内, 周, 时, 第 …). */
const FILLER = [...'我们的这是关于账户安全以及使用方面说明请注意查看相关如果有疑问可以参考下文应该能够正常进行操作谢谢配合，。、 '];
const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 30 }).map((cs) => cs.join(''));

/** Values that need no context to be found, by kind. */
const PLANTED: [ContactValueKind, string][] = [
  ['phone', '95188'],
  ['phone', '400-820-8888'],
  ['phone', '400 820 8888'],
  ['phone', '021-6888 8888'],
  ['phone', '(010)12345678'],
  ['phone', '138 0013 8000'],
  ['phone', '+852 2345 6789'],
  ['phone', '0800-000-123'],
  ['phone', '021-6888 8888 转 8001'],
  ['email', 'kefu@suifu.com.cn'],
  ['url', 'https://www.suifu.cn/help?q=1'],
  ['url', 'help.suifu.cn/contact'],
  ['hours', '9:00-18:00'],
  ['hours', '周一至周五 9:00-18:00'],
  ['hours', '7×24小时'],
];

/** ASCII to full-width (digits, letters, punctuation), as some articles are typed. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('properties', () => {
  it('finds a value planted anywhere in Chinese text, with exact offsets, in half or full width', () => {
    fc.assert(
      fc.property(filler, fc.constantFrom(...PLANTED), filler, fc.boolean(), (before, [kind, planted], after, wide) => {
        const value = wide ? fullWidth(planted) : planted;
        const text = before + value + after;
        const found = findContactValues(text, normalize);
        expect(found.filter((v) => v.kind === kind).map((v) => [v.start, v.end, v.value])).toEqual([
          [before.length, before.length + value.length, value],
        ]);
      }),
      { numRuns: 300 },
    );
  });

  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const notPhones = fc.oneof(
    // Dates.
    fc.tuple(fc.integer({ min: 1990, max: 2039 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('-', '/', '.', '年')).map(
      ([y, m, d, sep]) => (sep === '年' ? `${y}年${m}月${d}日` : `${y}${sep}${pad(m)}${sep}${pad(d)}`),
    ),
    // Times and time ranges.
    fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 23 })).map(
      ([h, m, h2]) => `${h}:${pad(m)}-${h2}:${pad(m)}`,
    ),
    fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`),
    // Amounts, with a currency sign or a unit.
    fc.tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 99 })).map(([n, c]) => `${n.toLocaleString('en-US')}.${pad(c)}元`),
    fc.integer({ min: 10_000, max: 99_999_999 }).map((n) => `¥${n}`),
    fc.integer({ min: 10_000, max: 99_999_999 }).map((n) => `${n}元`),
    // Percentages and version numbers.
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `${a}.${b}%`),
    fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 2, maxLength: 4 }).map((parts) => `v${parts.join('.')}`),
    // Labelled order, transaction and ID numbers, and postcodes.
    fc.tuple(fc.constantFrom('订单号：', '交易号', '流水号:', '身份证号', '订单编号 '), fc.stringMatching(/^1[3-9]\d{9,18}$/)).map(([l, n]) => l + n),
    fc.stringMatching(/^\d{17}[\dX]$/).map((id) => `身份证${id}`),
    fc.stringMatching(/^[1-8]\d{5}$/).map((code) => `邮编${code}`),
  );

  it('never takes dates, times, amounts, percentages, versions, labelled numbers or postcodes for phones', () => {
    fc.assert(
      fc.property(filler, fc.constantFrom('', '客服电话', '拨打', '热线：'), notPhones, filler, (before, call, number, after) => {
        expect(only(before + call + number + after, 'phone')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('returns ordered, non-overlapping, verbatim values for any text', () => {
    const pool = [...'0123456789-:：.， 转@ｗ．ｃｏｍ+()（）“”「」→>客服电话热线工作日周一至五小时内号元www.suifu.cn小程序公众号我的'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        const found = findContactValues(text, normalize);
        for (let i = 0; i < found.length; i++) {
          expect(text.slice(found[i].start, found[i].end)).toBe(found[i].value);
          expect(found[i].value.length).toBeGreaterThan(0);
          if (i > 0) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end);
        }
      }),
      { numRuns: 500 },
    );
  });
});
