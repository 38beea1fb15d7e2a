/**
 * @module What the index holds of an entry: addresses are values, not vocabulary (neither learned as words nor
 * indexed), and a sentence an article repeats in several entries is indexed in none of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/artifact';
import { blankAddresses, indexedTexts } from '../../src/indexer/indexed-text';
import { buildArtifact } from '../../src/indexer/artifact';
import type { Entry, Provider } from '../../src/model';
import { SearchEngine } from '../../src/search/engine';
import { SortedTable } from '../../src/text/sorted-table';
import { unpackLexicon } from '../../src/text/tokenize';
import { ROOT, shippedFold, shippedSources } from '../support/indexer';

describe('blankAddresses', () => {
  const blank = (text: string) => blankAddresses(text, shippedFold());

  it('blanks e-mail addresses, URLs and bare domains, keeping every offset', () => {
    const cases: [string, string[]][] = [
      ['客服邮箱：kefu@chengzi.example.com，工作日回复', ['kefu@chengzi.example.com']],
      ['官网 https://help.example.com/refund?id=1 查看', ['https://help.example.com/refund?id=1']],
      ['访问 www.lumingpay.cn 或 pay.example.cn/help', ['www.lumingpay.cn', 'pay.example.cn/help']],
      ['邮箱 service[at]example[dot]com', ['service[at]example[dot]com']],
      ['ＫＥＦＵ＠ＥＸＡＭＰＬＥ．ＣＯＭ', ['ＫＥＦＵ＠ＥＸＡＭＰＬＥ．ＣＯＭ']],
    ];
    for (const [text, addresses] of cases) {
      const expected = addresses.reduce((t, a) => t.replace(a, ' '.repeat(a.length)), text);
      expect(blank(text), text).toBe(expected);
    }
  });

  it('keeps words, names, numbers and file names', () => {
    for (const text of ['Topay和PayPal都支持', '拨打95079或400-820-8888', '下载说明.txt', 'Node.js 版本', '支付宝、微信支付']) expect(blank(text)).toBe(text);
  });
});

describe('article boilerplate', () => {
  const slogan = '易达钱包始终把用户体验放在第一位，客服团队一直在努力。';
  const entry = (id: string, doc: string, question: string, answer: string): Entry => ({
    id,
    provider: 'p',
    category: 'other',
    question,
    questionGenerated: false,
    answer,
    steps: [],
    source: { doc, start: 0, end: answer.length },
  });
  const entries = [
    entry('a', 'one.txt', '如何申请退款？', `退款一般在1-3个工作日内到账。${slogan}`),
    entry('b', 'one.txt', '忘记密码怎么办？', `在登录页点击忘记密码。${slogan}\n按提示重设即可。`),
    entry('c', 'two.txt', '如何投诉？', `拨打客服热线投诉。${slogan}`),
  ];
  const out = indexedTexts(entries, shippedFold());

  it('is blanked from the body of every entry of the article that repeats it, keeping offsets', () => {
    expect(out[0].doc.answer).toBe(`退款一般在1-3个工作日内到账。${' '.repeat(slogan.length)}`);
    expect(out[1].doc.answer).toBe(`在登录页点击忘记密码。${' '.repeat(slogan.length)}\n按提示重设即可。`);
    expect(out[0].grams).not.toContain('体验');
  });

  it('stays where another article states it once, and questions are kept whole', () => {
    expect(out[2].doc.answer).toBe(entries[2].answer);
    expect(out[0].doc.question).toBe('如何申请退款？');
  });
});

describe('a corpus with addresses', () => {
  let artifact: Artifact;
  let engine: SearchEngine;

  beforeAll(() => {
    const sources = shippedSources();
    const path = 'test/fixtures/articles/chengzi-help.md';
    const text = readFileSync(join(ROOT, path), 'utf8');
    const fixtureProviders = (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/providers.json'), 'utf8')) as { providers: Provider[] }).providers;
    const chengzi = fixtureProviders.find((p) => p.id === 'chengzi')!;
    artifact = buildArtifact({
      ...sources,
      providers: [...sources.providers, chengzi],
      articles: [...sources.articles, { doc: 'chengzi-help.md', path, text, bytes: Buffer.from(text) }],
    }).artifact;
    engine = new SearchEngine(artifact);
  }, 120_000);

  it('learns no word from an address', () => {
    const lexicon = unpackLexicon(artifact.text.lexicon);
    for (const part of ['kefu', 'chengzi', 'example']) expect(lexicon.has(part), part).toBe(false);
  });

  it('indexes no word of an address, while the entry still states it', () => {
    const terms = new Set(new SortedTable(artifact.words.postings).entries().map(([t]) => t));
    for (const part of ['kefu', 'chengzi', 'example', 'invoice']) expect(terms.has(part), part).toBe(false);
    expect(artifact.entries.some((e) => e.answer.includes('kefu@chengzi.example.com'))).toBe(true);
  });

  it('reads a pinyin query word that a mailbox name spells as pinyin', () => {
    const terms = engine.analyze('tonglian zhifu kefu dianhua').concepts.flatMap((c) => c.alternatives.map((a) => a.term));
    expect(terms.some((t) => t.startsWith('客服')), terms.join(' ')).toBe(true);
    expect(terms).not.toContain('kefu');
    expect(engine.search({ q: 'tonglian zhifu kefu dianhua', limit: 3 }).hits[0].entry.provider).toBe('allinpay');
  });
});
