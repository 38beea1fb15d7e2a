/**
 * @module The values in contact guidance (src/indexer/extract-contact-values.ts through extractContact): every value a
 * provider's article states becomes its channel, verbatim and with a file span that holds it; labels give the
 * channel; hours come with their reading and an example is nobody's; third parties' numbers are never channels.
 * Articles are written here, in the shapes operators load.
 */
import { describe, expect, it } from 'vitest';
import { blockProviders, type ProviderInfo } from '../../src/indexer/article-provider';
import { extractContact } from '../../src/indexer/extract-contact';
import type { ArticleModel } from '../../src/indexer/article';
import type { Contact } from '../../src/model';
import { modelOf, shippedFold } from '../support/indexer';

const fold = shippedFold();
const anxin: ProviderInfo = { id: 'anxin', name: '安心付', aliases: ['安心付', 'AnxinPay'] };
const other: ProviderInfo = { id: 'shunda', name: '顺达钱包', aliases: ['顺达钱包', '顺达'] };
const wallet: ProviderInfo = { id: 'digital-wallet', name: '数字钱包', aliases: ['数字钱包'], general: true };
const registry = [anxin, other, wallet];

const read = (doc: string, lines: string[]) => modelOf({ doc, path: doc, text: lines.join('\n') });
const contactOf = (model: ArticleModel | ArticleModel[], p = anxin) => extractContact(p, model, null, fold, registry);
const channels = (c: Contact) => c.channels.map((ch) => [ch.type, ch.value]);

/** Every span a contact gives holds its value in the stored file, and every statement's span lies in it. */
function expectGrounded(c: Contact, files: Record<string, string>): void {
  for (const v of [...c.channels, ...c.thirdParty]) {
    const { doc, start, end } = v.source;
    expect(0 <= start && start < end && end <= files[doc].length, `${v.value}`).toBe(true);
    if (v.value !== null) expect(files[doc].slice(start, end), v.how).toContain(v.value);
  }
  if (c.hours) {
    expect(c.hours.text).toContain(c.hours.value);
    expect(files[c.hours.source.doc].slice(c.hours.source.start, c.hours.source.end)).toContain(c.hours.value);
  }
}

describe('channels from stated values', () => {
  const lines = [
    '安心付客服中心',
    '安心付客服热线：95501（7×24小时），海外用户请拨打 +86 21 5080 1234。',
    '商户服务热线：400-810-2233',
    '客服邮箱：help@anxinpay.example.cn',
    '在线客服：https://kefu.anxinpay.example.cn/chat',
    '官网：www.anxinpay.example.cn',
    '也可以关注微信公众号“安心付服务”，或在App中点击“我的-在线客服”。',
  ];
  const model = read('a.txt', lines);
  const c = contactOf(model);

  it('makes every value a channel, several of one type when stated, with the value verbatim and a link for addresses', () => {
    expect(channels(c)).toEqual([
      ['phone', '95501'],
      ['phone', '+86 21 5080 1234'],
      ['phone', '400-810-2233'],
      ['online_chat', 'https://kefu.anxinpay.example.cn/chat'],
      ['online_chat', '我的-在线客服'],
      ['email', 'help@anxinpay.example.cn'],
      // The App is named without a value of its own (the path leads to the online chat).
      ['app', null],
      ['website', 'www.anxinpay.example.cn'],
      ['wechat', '安心付服务'],
    ]);
    const href = Object.fromEntries(c.channels.map((ch) => [ch.value, ch.href]));
    expect(href['+86 21 5080 1234']).toBe('tel:+862150801234');
    expect(href['www.anxinpay.example.cn']).toBe('https://www.anxinpay.example.cn');
    expect(href['安心付服务']).toBeUndefined();
  });

  it('shows each value in the clause that says what it is, label included', () => {
    const how = Object.fromEntries(c.channels.map((ch) => [ch.value, ch.how]));
    expect(how['400-810-2233']).toBe('商户服务热线：400-810-2233');
    expect(how['help@anxinpay.example.cn']).toBe('客服邮箱：help@anxinpay.example.cn');
    expect(how['+86 21 5080 1234']).toBe('海外用户请拨打 +86 21 5080 1234');
    expectGrounded(c, { 'a.txt': model.text });
  });

  it('takes the hours with their reading', () => {
    expect(c.hours).toMatchObject({ value: '7×24小时', reading: { allDay: true }, general: false });
    expect(c.hours!.text).toContain('95501');
  });

  it('reads traditional text and full-width forms like simplified', () => {
    const t = read('t.txt', ['安心付客服中心', '客服電話：０８００－０２２－３３６', '服務時間：週一至週五 上午9時至下午6時', '電子信箱：cs@anxinpay.example.tw']);
    const ct = contactOf(t);
    expect(channels(ct)).toEqual([
      ['phone', '０８００－０２２－３３６'],
      ['email', 'cs@anxinpay.example.tw'],
    ]);
    expect(ct.channels[0].href).toBe('tel:0800022336');
    expect(ct.hours).toMatchObject({ value: '週一至週五 上午9時至下午6時', reading: { days: '週一至週五', from: '09:00', to: '18:00' } });
    expectGrounded(ct, { 't.txt': t.text });
  });

  it('keeps value null on a channel its article names without a value', () => {
    const n = contactOf(read('n.txt', ['安心付客服中心', '安心付客服热线：95501。', '您也可以在安心付App的帮助中心联系在线客服。']));
    expect(n.channels.find((ch) => ch.type === 'online_chat')).toMatchObject({ value: null });
    expect(n.channels.find((ch) => ch.type === 'phone')).toMatchObject({ value: '95501' });
  });
});

describe('tables and links', () => {
  it('reads a table of channels: the label cell or the column header says what a value is', () => {
    const text = [
      '# 安心付联系方式',
      '',
      '| 渠道 | 联系方式 | 服务时间 |',
      '| --- | --- | --- |',
      '| 客服热线 | 95501 | 8:00-22:00 |',
      '| 微信公众号 | 安心付服务 | 全天 |',
      '| 在线客服 | https://kefu.anxinpay.example.cn | 7×24小时 |',
      '',
      '安心付的所有渠道均为官方渠道。',
    ].join('\n');
    const model = modelOf({ doc: 't.md', path: 't.md', text });
    const c = contactOf(model);
    expect(channels(c)).toEqual([
      ['phone', '95501'],
      ['online_chat', 'https://kefu.anxinpay.example.cn'],
      ['wechat', '安心付服务'],
    ]);
    expect(c.channels[0].how).toBe('客服热线 | 95501 | 8:00-22:00');
    expect(c.hours?.value).toBe('8:00-22:00');
    expectGrounded(c, { 't.md': text });
  });

  it('takes a link\'s target that the text does not show, its span stretched over it', () => {
    const text = '# 安心付帮助\n\n安心付电子发票请在[发票中心](https://pay.anxinpay.example.cn/invoice)申请，遇到问题请[致电客服](tel:95501)。\n';
    const model = modelOf({ doc: 'l.md', path: 'l.md', text });
    const c = contactOf(model);
    expect(channels(c)).toEqual([
      ['phone', '95501'],
      ['website', 'https://pay.anxinpay.example.cn/invoice'],
    ]);
    expectGrounded(c, { 'l.md': text });
  });
});

describe('hours', () => {
  it('never takes hours given as an example for the provider\'s own', () => {
    const c = contactOf(read('e.txt', ['安心付客服中心', '很多平台会设定客服时间，例如周一至周五 9:00-18:00。', '安心付客服热线：95501。']));
    expect(c.hours).toBeNull();
  });

  it('marks the general guidance\'s example hours as an example', () => {
    const g = extractContact(wallet, read('g.txt', ['数字钱包客服', '很多公司会设定工作时间,如周一至周五的 9:00-18:00,用户需在此时间段内联系客服。']), null, fold, registry);
    expect(g.hours).toMatchObject({ value: '周一至周五的 9:00-18:00', reading: { example: true } });
  });

  it('leaves a third party\'s hours to it', () => {
    const c = contactOf(read('h.txt', ['安心付客服中心', '可拨打中国人民银行咨询电话12363（工作日 9:00-17:00）。']));
    expect(c.hours).toBeNull();
  });
});

describe('third parties', () => {
  const lines = [
    '安心付投诉指南',
    '对安心付的处理结果不满意，可拨打中国人民银行金融消费权益保护咨询电话12363，或拨打12315反映。',
    '银行卡扣款问题请联系发卡行，例如工商银行客服电话95588。',
    '转账到顺达钱包的款项，请联系顺达钱包客服 95018 处理。',
    '安心付客服电话：95501。',
  ];
  const model = read('p.txt', lines);
  const c = contactOf(model);

  it('never makes them the provider\'s channels, and names whose they are', () => {
    expect(channels(c)).toEqual([['phone', '95501']]);
    expect(c.thirdParty.map((t) => [t.value, t.name])).toEqual([
      ['12363', '中国人民银行金融消费权益保护咨询电话'],
      ['12315', '市场监管投诉举报热线'],
      ['95588', '工商银行'],
      ['95018', '顺达钱包'],
    ]);
    expectGrounded(c, { 'p.txt': model.text });
  });

  it('cuts no channel statement from a sentence holding a third party\'s number', () => {
    const only = contactOf(read('q.txt', ['安心付投诉指南', '如对结果不满意，可拨打中国人民银行金融消费权益保护咨询电话12363。']));
    expect(only.channels).toEqual([]);
    expect(only.thirdParty.map((t) => t.value)).toEqual(['12363']);
  });
});

describe('structured sources naming several providers', () => {
  it('gives each provider the values of its own rows only', () => {
    const text = ['question,answer,provider', '安心付客服电话？,安心付客服电话：95501。,安心付', '顺达钱包客服电话？,顺达钱包客服电话：95018。,顺达钱包', '安心付邮箱？,客服邮箱：help@anxinpay.example.cn,安心付'].join('\n');
    const model = modelOf({ doc: 'm.csv', path: 'm.csv', text });
    const owners = blockProviders(model, anxin, registry, fold);
    const own = (p: ProviderInfo) => ({ ...model, blocks: model.blocks.filter((_, i) => owners[i].id === p.id) });
    expect(channels(contactOf(own(anxin)))).toEqual([
      ['phone', '95501'],
      ['email', 'help@anxinpay.example.cn'],
    ]);
    expect(channels(contactOf(own(other), other))).toEqual([['phone', '95018']]);
  });
});
