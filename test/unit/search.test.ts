/** @module Unit tests of query understanding, ranking, snippets and the answer decision, on the built artifact. */
import { describe, expect, it } from 'vitest';
import { answer, decide } from '../../src/search/answer';
import { contactLine } from '../../src/search/contact-answer';
import { SearchEngine, type Hit } from '../../src/search/engine';
import { splitPassages } from '../../src/search/snippet';
import { loadArtifact } from '../eval/systems';

const artifact = loadArtifact();
const engine = new SearchEngine(artifact);
const search = (q: string, extra: { provider?: string; limit?: number } = {}) => engine.search({ q, limit: 5, ...extra });
const top = (q: string) => search(q).hits[0]?.entry;

describe('query understanding', () => {
  it('detects provider and intent, and keeps the provider name out of the keywords', () => {
    const a = engine.analyze('通联支付退款要几天');
    expect(a.provider?.provider.id).toBe('allinpay');
    expect(a.category).toBe('refund');
    expect(a.concepts.map((c) => c.surface)).not.toContain('通联支付');
    expect(a.terms).toContain('通联支付');
  });

  it('regression: a Latin filler ("hi") does not eat the inside of a pinyin word (zhifushibai)', () => {
    const a = engine.analyze('zhifushibai');
    expect(a.concepts.flatMap((c) => c.alternatives.map((x) => x.term))).toContain('支付失败');
  });

  it('regression: the script map never rewrites everyday simplified characters (么 stayed 么, not 幺)', () => {
    expect(engine.analyze('怎么办').normalized).toBe('怎么办');
    expect(engine.analyze('密碼怎麼找回').normalized).toBe('密码怎么找回');
  });

  it('regression: Latin words are not split into inner words', () => {
    const a = engine.analyze('topay password');
    expect(a.concepts.flatMap((c) => c.alternatives.map((x) => x.term))).not.toContain('pass');
  });

  it('reads toneless pinyin with and without spaces', () => {
    for (const q of ['mima zhaohui', 'mimazhaohui']) {
      const terms = engine.analyze(q).concepts.flatMap((c) => c.alternatives.map((x) => x.term));
      expect(terms).toEqual(expect.arrayContaining(['密码', '找回']));
    }
  });

  it('corrects homophone typos, including dialect sound pairs (s/sh)', () => {
    const alts = (q: string) => engine.analyze(q).concepts.flatMap((c) => c.alternatives.map((x) => x.term));
    expect(alts('账户冻洁')).toContain('冻结');
    expect(alts('客服电化')).toContain('电话');
    expect(alts('怎么投数客服')).toContain('投诉');
  });

  it('drops greetings but never empties a query', () => {
    expect(engine.analyze('你好，请问密码忘了怎么办，谢谢').concepts.map((c) => c.surface)).toContain('密码');
    expect(engine.analyze('你好').concepts.length).toBeGreaterThan(0);
  });

  it('maps colloquial wording through the synonym data', () => {
    const alts = engine.analyze('账号登不上').concepts.flatMap((c) => c.alternatives.map((x) => x.term));
    expect(alts).toEqual(expect.arrayContaining(['账户', '无法登录']));
  });
});

describe('ranking', () => {
  it('regression: "<provider>客服电话" ranked another provider\'s contact entry first (its heading says 客服电话, the named provider\'s says 客服热线)', () => {
    for (const q of ['汇付天下客服电话', '汇富天下客服电话', '上海汇付的客服电话是多少']) {
      expect(top(q)?.provider, q).toBe('huifu');
      expect(top(q)?.category, q).toBe('contact');
    }
  });

  it('puts the named provider’s entry first for a provider + intent query', () => {
    expect(top('通联支付退款要几天')?.id).toBe('allinpay-refund');
    expect(top('Topay密码找回步骤')?.provider).toBe('topay');
    expect(top('上海汇付账号锁住了怎么解')?.provider).toBe('huifu');
  });

  it('falls back to the general answer when the named provider’s article lacks the topic', () => {
    const out = search('联合钱包账号登录不了');
    expect(out.provider?.id).toBe('unionwallet');
    expect(out.hits[0].entry.provider).toBe('digital-wallet');
    expect(out.contact?.provider.id).toBe('unionwallet');
  });

  it('gives the first place to the named provider’s own entry on the best hit’s topic', () => {
    // Another provider's entry on the topic may score higher (its wording is closer); its procedure is not this provider's.
    for (const [q, provider] of [['Topay 2FA怎么开', 'topay'], ['联合钱包有没有两步验证', 'unionwallet']] as const) {
      const first = search(q).hits[0].entry;
      expect([first.provider, first.category], q).toEqual([provider, 'security']);
    }
  });

  it('gives a question naming no provider the general guidance’s entry on the topic when it covers as much', () => {
    for (const q of ['退款', '客服']) {
      const hits = search(q, { limit: 20 }).hits;
      expect(hits[0].entry.provider, q).toBe('digital-wallet');
      expect(hits.slice(1).some((h) => h.entry.category === hits[0].entry.category && h.coverage > hits[0].coverage), q).toBe(false);
    }
    // A provider's entry that covers more of the question keeps the first place.
    const out = search('退款一般几个工作日能到账');
    expect(out.hits[0].entry.provider).not.toBe('digital-wallet');
  });

  it('restricts results to the requested provider and the general guidance', () => {
    for (const h of search('退款', { provider: 'topay', limit: 20 }).hits) expect(['topay', 'digital-wallet']).toContain(h.entry.provider);
  });

  it('a query that only names a provider lists that provider’s entries, contact first', () => {
    const out = search('汇富天下');
    expect(out.provider?.id).toBe('huifu');
    expect(out.hits[0].entry.provider).toBe('huifu');
    expect(out.hits[0].entry.category).toBe('contact');
  });

  it('never ranks a character-fallback match above a word match', () => {
    const hits = search('锁', { limit: 20 }).hits;
    const firstGramOnly = hits.findIndex((h) => !h.wordMatch);
    if (firstGramOnly !== -1) expect(hits.slice(firstGramOnly).every((h) => !h.wordMatch)).toBe(true);
    expect(hits[0].entry.category).toBe('locked');
  });

  it('attaches no provider contact to a query naming no provider, and the general guidance to a contact question', () => {
    expect(search('密码忘了').contact).toBeNull();
    const contact = search('怎么联系人工客服').contact;
    expect(contact?.general).toBe(true);
  });
});

describe('snippets', () => {
  it('picks the passage with the query terms and highlights them at exact offsets', () => {
    const hit = search('通联支付退款要几天').hits[0];
    expect(hit.snippet.text).toContain('工作日');
    for (const [s, e] of hit.snippet.highlights) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(hit.snippet.text.length);
      expect(s).toBeLessThan(e);
    }
    const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));
    expect(marked.join('|')).toMatch(/退款|工作日/);
  });

  it('maps highlights of traditional-script queries back onto the simplified text', () => {
    const hit = search('匯付天下 交易記錄').hits[0];
    const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));
    expect(marked.some((m) => m.includes('交易记录'))).toBe(true);
  });

  it('splits answers into sentence passages, joining short ones', () => {
    expect(splitPassages('第一句很短。第二句也短。\n新的一行开始了，而且这一行足够长，不会再和别的句子合并在一起。')).toHaveLength(2);
  });
});

describe('answer decision', () => {
  const hit = (support: number, score: number, wordMatch = true): Hit =>
    ({ entry: artifact.entries[0], score, coverage: support, support, evidence: support * 2, titled: support, wordMatch, snippet: { text: '', highlights: [] } }) as Hit;

  it('says no answer when nothing matched on words', () => {
    expect(decide([]).answered).toBe(false);
    expect(decide([hit(1, 5, false)]).answered).toBe(false);
  });

  it('is more confident with more support and a clearer lead', () => {
    const low = decide([hit(0.2, 5), hit(0.2, 4.9)]).confidence;
    const high = decide([hit(0.9, 5), hit(0.3, 1)]).confidence;
    expect(high).toBeGreaterThan(low);
    expect(high).toBeLessThanOrEqual(1);
    expect(low).toBeGreaterThanOrEqual(0);
  });

  it('tells how much of the query an entry\'s own question states', () => {
    const hits = search('申请退款要多久').hits;
    const titled = (h: Hit) => h.titled;
    expect(hits.every((h) => titled(h) >= 0 && titled(h) <= 1)).toBe(true);
    // An entry whose question asks about refunds states more of it than one that only mentions them in its body.
    const refund = hits.find((h) => h.entry.question.includes('退款'))!;
    const other = hits.find((h) => !h.entry.question.includes('退款'));
    expect(titled(refund)).toBeGreaterThan(0);
    if (other) expect(titled(refund)).toBeGreaterThan(titled(other));
  });

  it('counts an everyday word the corpus never uses as phrasing, and a word naming a topic as out of domain', () => {
    // The same known words with one word the corpus never uses: 显示 is everyday Chinese, 彩票 names a topic.
    const support = (q: string) => search(q).hits[0].support;
    expect(support('显示支付失败')).toBeGreaterThan(support('彩票支付失败'));
    expect(support('修改登录密码')).toBeGreaterThan(support('股票登录密码'));
  });

  it('regression: an off-topic query with a provider chosen is still no answer, and keeps its own normalized text', () => {
    const out = search('彩票中奖', { provider: 'topay' });
    expect(out.analysis.normalized).toBe('彩票中奖');
    expect(decide(out.hits).answered).toBe(false);
    expect(out.contact?.provider.id).toBe('topay');
  });

  it('answers in-domain questions and declines out-of-domain ones', () => {
    const answered = (q: string) => decide(search(q).hits).answered;
    expect(answered('通联支付退款要几天')).toBe(true);
    expect(answered('彩票中奖了怎么领奖')).toBe(false);
    expect(answered('考研报名时间')).toBe(false);
  });

  it('writes a ready-to-send text ending with a provider-specific contact line and no invented number', () => {
    const { text } = answer(engine, { q: '汇付天下客服几点上班' });
    expect(text.split('\n').at(-1)).toContain('汇付天下');
    expect(text).not.toMatch(/\d{7,}/);
    expect(contactLine(null)).toContain('官方');
  });
});
