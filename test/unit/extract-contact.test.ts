/** @module Contact guidance extraction: grounded spans, per-provider facts from the articles, gap filling from the general guidance. */
import { describe, expect, it } from 'vitest';
import type { ArticleModel } from '../../src/indexer/article';
import { detectArticleProvider, type ProviderInfo } from '../../src/indexer/article-provider';
import type { Channel, Contact, Statement } from '../../src/model';
import { extractContact } from '../../src/indexer/extract-contact';
import { modelOf, shippedFold, shippedSources } from '../support/indexer';

const fold = shippedFold();
const providers: ProviderInfo[] = shippedSources().providers;
const articles: ArticleModel[] = shippedSources().articles.map(modelOf);
const contact = (p: ProviderInfo, a: ArticleModel, general: Parameters<typeof extractContact>[2]) => extractContact(p, a, general, fold);

/** The article the build reads as `p`'s (the first by file name when several are). */
function articleOf(p: ProviderInfo): ArticleModel {
  const own = articles.filter((a) => detectArticleProvider(a, providers, fold).id === p.id);
  expect(own.length).toBeGreaterThan(0);
  return own[0];
}

/** An article of its own text, read as the build reads a .txt file. */
const plain = (doc: string, text: string) => modelOf({ doc, path: doc, text });

const generalProvider = providers.find((p) => p.general)!;
const generalArticle = articleOf(generalProvider);
const generalContact = contact(generalProvider, generalArticle, null);
const withArticles = providers.filter((p) => articles.some((a) => detectArticleProvider(a, providers, fold).id === p.id));
const contacts: Record<string, Contact> = Object.fromEntries(
  withArticles.map((p) => [p.id, p.general ? generalContact : contact(p, articleOf(p), { article: generalArticle, contact: generalContact })]),
);
const textOf = (doc: string) => articles.find((a) => a.doc === doc)!.text;
const slice = (s: Statement | Channel) => textOf(s.source.doc).slice(s.source.start, s.source.end);

/** Every grounded item of a contact with the words it must show. */
function grounded(c: Contact): { what: string; item: Statement | Channel; text: string; keywords: RegExp }[] {
  const channelWords: Record<Channel['type'], RegExp> = {
    phone: /电话|热线/,
    online_chat: /在线/,
    email: /邮件/,
    app: /APP|应用|客户端/,
    website: /官网|网站/,
    wechat: /微信/,
    weibo: /微博/,
  };
  return [
    ...(c.hours ? [{ what: 'hours', item: c.hours, text: c.hours.text, keywords: /24小时|\d{1,2}:\d{2}/ }] : []),
    ...c.channels.map((ch) => ({ what: `channel ${ch.type}`, item: ch, text: ch.how, keywords: channelWords[ch.type] })),
    ...c.prepare.map((s) => ({ what: 'prepare', item: s, text: s.text, keywords: /准备|备好|提供|收集|记录/ })),
    ...c.steps.map((s) => ({ what: `step ${s.title}`, item: s, text: s.text, keywords: /\S/ })),
    ...c.escalation.map((s) => ({ what: 'escalation', item: s, text: s.text, keywords: /投诉|上级|反馈/ })),
    ...c.safety.map((s) => ({ what: 'safety', item: s, text: s.text, keywords: /官方|客服|帮助|联系|诈骗/ })),
  ];
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const contactLike = /\d{7,}|https?:\/\/|www\.|[\w.+-]+@[\w-]+\.[\w.]+|微信号[::]?\s*\w+/g;

describe.each(withArticles.map((p) => [p.id, p] as const))('%s', (id, provider) => {
  const contact = contacts[id];
  const own = articleOf(provider);

  it('grounds every statement in an exact, short source span that shows its key words', () => {
    for (const { what, item, text, keywords } of grounded(contact)) {
      const source = slice(item);
      expect(text, what).toBe(source.replace(/\*\*/g, ''));
      expect(text.length, what).toBeGreaterThan(0);
      expect(text.length, `${what}: a clause or sentence, not a paragraph`).toBeLessThanOrEqual(80);
      expect(source, what).not.toMatch(/\n/);
      expect(source, what).toMatch(keywords);
    }
  });

  it('takes own statements from its own article and marks borrowed ones general', () => {
    for (const { what, item } of grounded(contact)) {
      const borrowed = (item as { general?: boolean }).general === true;
      expect(item.source.doc, what).toBe(borrowed ? generalArticle.doc : own.doc);
    }
  });

  it('outputs no phone number, URL, e-mail address or WeChat ID that is not verbatim in the sources', () => {
    const sources = articles.map((a) => a.text).join('\n');
    for (const s of strings(contact)) for (const m of s.match(contactLike) ?? []) expect(sources, m).toContain(m);
  });

  it('lists one channel per type when its article states no values, in the canonical order', () => {
    const order = ['phone', 'online_chat', 'email', 'app', 'website', 'wechat', 'weibo'];
    const types = contact.channels.map((c) => c.type);
    expect(types).toEqual([...new Set(types)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  it('names the provider and is general only for the provider-neutral guidance', () => {
    expect(contact.provider).toEqual({ id, name: provider.name });
    expect(contact.name).toBe(provider.name);
    expect(contact.general).toBe(provider.general === true);
  });
});

describe('per-provider facts', () => {
  const types = (c: Contact) => c.channels.map((ch) => ch.type);
  const channel = (c: Contact, type: Channel['type']) => c.channels.find((ch) => ch.type === type);
  const titles = (c: Contact) => c.steps.map((s) => s.title).join(' ');

  it('huifu: 24-hour hotline found on the official website, voice menu step, account name / transaction number', () => {
    const c = contacts.huifu;
    expect(c.hours?.text).toContain('24小时');
    expect(c.hours?.general).toBe(false);
    expect(channel(c, 'phone')?.how).toContain('官方网站');
    expect(titles(c)).toContain('语音引导');
    expect(c.prepare.some((s) => /账户名|交易号/.test(s.text))).toBe(true);
    expect(c.escalation.some((s) => s.text.includes('投诉渠道'))).toBe(true);
  });

  it('topay: 24-hour service; online chat, phone and e-mail; official-channel safety advice', () => {
    const c = contacts.topay;
    expect(c.hours?.text).toContain('24小时');
    expect(c.hours?.general).toBe(false);
    expect(types(c)).toEqual(expect.arrayContaining(['online_chat', 'phone', 'email']));
    expect(c.safety.some((s) => s.text.includes('非官方渠道'))).toBe(true);
    expect(c.safety.some((s) => s.text.includes('不明交易'))).toBe(true);
  });

  it('allinpay: number on the website, app help centre, WeChat and Weibo; only the general hours', () => {
    const c = contacts.allinpay;
    expect(channel(c, 'phone')?.how).toMatch(/官网|官方网站/);
    expect(channel(c, 'app')?.how).toMatch(/帮助中心|设置/);
    expect(channel(c, 'wechat')?.how).toContain('微信公众号');
    expect(channel(c, 'weibo')?.how).toContain('微博');
    expect(c.hours).toEqual({ ...generalContact.hours, general: true });
    expect(c.hours?.source.doc).toBe(generalArticle.doc);
  });

  it('unionwallet: patient waiting and noting the answer, phone number / e-mail ready, further complaint', () => {
    const c = contacts.unionwallet;
    expect(titles(c)).toContain('耐心等待');
    expect(titles(c)).toContain('记录反馈');
    expect(c.prepare.some((s) => /手机号码|注册邮箱/.test(s.text))).toBe(true);
    expect(c.escalation.some((s) => s.text.includes('进一步投诉'))).toBe(true);
    expect(c.hours?.general).toBe(true);
  });

  it('digital-wallet: the 9:00-18:00 example, 上级客服, general guidance', () => {
    const c = contacts['digital-wallet'];
    expect(c.hours?.text).toContain('9:00-18:00');
    expect(c.escalation.some((s) => s.text.includes('上级客服'))).toBe(true);
    expect(c.general).toBe(true);
    expect(c.steps.length).toBeGreaterThanOrEqual(3);
    expect(c.safety).toEqual([]);
  });
});

describe('gap filling', () => {
  it('fills empty lists from the general contact, every borrowed statement marked general', () => {
    expect(contacts.allinpay.escalation).toEqual(generalContact.escalation.map((s) => ({ ...s, general: true })));
    expect(contacts.topay.steps).toEqual(generalContact.steps.map((s) => ({ ...s, general: true })));
  });

  it('keeps own lists and never marks the general provider’s own statements as borrowed', () => {
    expect(contacts.huifu.steps.every((s) => s.general === false)).toBe(true);
    expect(strings(generalContact).length).toBeGreaterThan(0);
    for (const s of [...generalContact.prepare, ...generalContact.steps, ...generalContact.escalation]) expect(s.general).toBe(false);
  });

  it('stays empty (and invents no hours) when the general article has nothing either', () => {
    // Neither the general article nor allinpay's says anything about safety.
    expect(contacts.allinpay.safety).toEqual([]);
    const allinpay = providers.find((q) => q.id === 'allinpay')!;
    const alone = contact(allinpay, articleOf(allinpay), null);
    expect(alone.hours).toBeNull();
    expect(alone.escalation).toEqual([]);
  });

  it('extracts the general contact itself when only the general article is given', () => {
    const p = providers.find((q) => q.id === 'topay')!;
    expect(contact(p, articleOf(p), { article: generalArticle })).toEqual(contacts.topay);
  });
});

describe('rules, not recorded offsets', () => {
  it('is deterministic', () => {
    const p = providers.find((q) => q.id === 'huifu')!;
    expect(JSON.stringify(contact(p, articleOf(p), { article: generalArticle }))).toBe(JSON.stringify(contacts.huifu));
  });

  it('moves every span with the text when the article is shifted', () => {
    const p = providers.find((q) => q.id === 'huifu')!;
    const a = articleOf(p);
    const shifted = contact(p, plain(a.doc, `前言\n\n${a.text}`), null);
    const before = contact(p, a, null);
    const spans = (c: Contact) => grounded(c).map((g) => [g.text, g.item.source.start]);
    expect(spans(shifted)).toEqual(spans(before).map(([t, s]) => [t, (s as number) + 4]));
  });

  it('regression: full-width colons and traditional text read like half-width simplified text', () => {
    const simplified = ['如何联系客服?', '客服热线的服务时间为每天 8:00-22:00,节假日照常。', '用户可以通过以下步骤联系客服:', '1. 获取号码:打开APP,在“联系我们”页面找到客服电话。', '2. 准备资料:拨打前请准备好订单号。'];
    const traditional = ['如何聯繫客服？', '客服熱線的服務時間為每天 8：00－22：00，節假日照常。', '用戶可以通過以下步驟聯繫客服：', '1. 獲取號碼：打開APP，在「聯繫我們」頁面找到客服電話。', '2. 準備資料：撥打前請準備好訂單號。'];
    const read = (lines: string[]) => contact({ id: 'x', name: 'X', aliases: [] }, plain('x.txt', lines.join('\n')), null);
    const a = read(simplified);
    const b = read(traditional);
    const shape = (c: Contact) => ({ hours: !!c.hours, channels: c.channels.map((ch) => ch.type), steps: c.steps.length, prepare: c.prepare.length });
    expect(shape(b)).toEqual(shape(a));
    expect(b.steps.map((s) => s.title)).toEqual(['獲取號碼', '準備資料']);
    for (const { item, text } of grounded(b)) expect(traditional.join('\n').slice(item.source.start, item.source.end)).toBe(text);
  });

  it('reads an unseen article in the same style', () => {
    const text = [
      '如何联系客服?',
      '客服热线的服务时间为每天 8:00-22:00,节假日照常。',
      '您也可以关注官方微博,通过私信联系在线客服。',
      '用户可以通过以下步骤联系客服:',
      '1. **获取号码**——打开APP,在“联系我们”页面找到客服电话。',
      '2. **准备资料**——拨打前请准备好订单号和注册手机号码。',
      '3. **耐心等待**——高峰期接通较慢,请耐心等待接听。',
      '若问题仍未解决,可要求转接上级客服。',
      '谨防冒充客服的诈骗电话,不要向任何人透露验证码。',
    ].join('\n');
    const c = contact({ id: 'x', name: 'X', aliases: [] }, plain('x.txt', text), null);
    expect(c.hours?.text).toBe('客服热线的服务时间为每天 8:00-22:00');
    expect(c.channels.map((ch) => ch.type)).toEqual(['phone', 'online_chat', 'app', 'weibo']);
    expect(c.steps.map((s) => s.title)).toEqual(['获取号码', '准备资料', '耐心等待']);
    expect(c.prepare.map((s) => s.text)).toEqual(['拨打前请准备好订单号和注册手机号码']);
    expect(c.escalation.map((s) => s.text)).toEqual(['若问题仍未解决,可要求转接上级客服']);
    expect(c.safety.map((s) => s.text)).toEqual(['谨防冒充客服的诈骗电话,不要向任何人透露验证码']);
    for (const { item, text: t } of grounded(c)) expect(text.slice(item.source.start, item.source.end)).toBe(t);
  });
});
