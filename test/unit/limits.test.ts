/**
 * @module Unit tests of the query-cost caps (src/search/limits.ts): each rule on its own, the work a hostile query can
 * still cause, and that real questions stay within every cap. Timing belongs to the bench; these count work.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/search/engine';
import { capChars, capConcepts, capGrams, capPostings, capWords, headChars, LIMITS } from '../../src/search/limits';
import { analyzeQuery, type Concept, type QueryAnalysis, type QueryResources } from '../../src/search/query';
import type { PinyinMatcher } from '../../src/text/pinyin';
import { segmentSpans, type WordSpan } from '../../src/text/tokenize';
import { BENCH_QUERIES } from '../../scripts/bench/queries';
import { loadArtifact } from '../eval/systems';

const artifact = loadArtifact();
const engine = new SearchEngine(artifact);
const resources = (engine as unknown as { resources: QueryResources }).resources;

const fromJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
const REAL = [...new Set([...fromJsonl('test/eval/queries.jsonl'), ...fromJsonl('test/eval/holdout.jsonl'), ...BENCH_QUERIES.map((b) => b.q)])];

/** The work the sound-based readings of one analysis do: Han characters searched for homophones, letters read as pinyin. */
function soundWork(q: string) {
  const matcher = resources.pinyin();
  let homophoneChars = 0;
  let pinyinLetters = 0;
  const counting = {
    homophones: (text: string, ...rest: Parameters<PinyinMatcher['homophones']> extends [string, ...infer R] ? R : never) => {
      homophoneChars += Array.from(text).length;
      return matcher.homophones(text, ...rest);
    },
    fromPinyin: (latin: string) => {
      pinyinLetters += latin.length;
      return matcher.fromPinyin(latin);
    },
    readingsOf: (ch: string) => matcher.readingsOf(ch),
  } as unknown as PinyinMatcher;
  const analysis = analyzeQuery(q, { ...resources, pinyin: () => counting });
  return { analysis, homophoneChars, pinyinLetters };
}

const concept = (surface: string, start: number): Concept => ({ surface, start, end: start + surface.length, alternatives: [{ term: surface, weight: 1, field: 'words', via: 'own' }] });

/** Hostile 200-character queries of each kind the adversarial pass used. */
const COMMON = '的户用服客付支以通在账问可时联题进方如交过提码包行或要能信易款会是退钱息需系密一';
const HOSTILE = {
  commonest: Array.from({ length: 200 }, (_, i) => COMMON[(i * 7) % COMMON.length]).join(''),
  rare: Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join(''),
  pinyin: 'zhifushibaimimazhaohuikefudianhuatuikuanzhanghudongjie'.repeat(4).slice(0, 200),
  homophones: '冻洁电化汇富通连账护秘码退宽客付'.repeat(13).slice(0, 200),
  words: '用户 客服 支付 问题 账户 可以 交易 进行 钱包 退款 信息 密码 通过 提供 安全 联系 电话 官方 服务 使用 '.repeat(4).slice(0, 200),
};

describe('caps', () => {
  it('capChars: within the cap the text itself; beyond it the text up to the first character past the cap', () => {
    const distinct = (n: number) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    const within = distinct(LIMITS.chars).repeat(2);
    expect(capChars(within)).toBe(within);
    const past = `${distinct(LIMITS.chars)}${distinct(10)}𠀀${distinct(LIMITS.chars + 5)}`;
    expect(capChars(past)).toBe(`${distinct(LIMITS.chars)}${distinct(10)}`);
    // A surrogate pair is one character.
    const astral = `${'𠀀'.repeat(3)}${distinct(LIMITS.chars - 1)}${'𠀀'.repeat(3)}x`;
    expect(capChars(astral)).toBe(astral.slice(0, -1));
  });

  it('capChars: a query of many distinct characters is analysed in its head only', () => {
    const query = `${HOSTILE.rare}退款`;
    const analysis = engine.analyze(query);
    const read = capChars(analysis.normalized);
    expect(analysis.normalized).toBe(engine.normalize(query));
    expect(read.length).toBeLessThan(analysis.normalized.length);
    expect(analysis.terms.join('')).toBe(read);
    expect(analysis.concepts.some((c) => c.surface === '退款')).toBe(false);
  });

  it('capConcepts: within the cap the list itself; beyond it repeats count once, then the rarest are kept in query order', () => {
    const few = [concept('退款', 0), concept('退款', 2)];
    expect(capConcepts(few, () => 1)).toBe(few);
    const many = Array.from({ length: LIMITS.concepts + 6 }, (_, i) => concept(`w${i % (LIMITS.concepts + 3)}`, i * 3));
    const cost = (w: string) => Number(w.slice(1));
    const kept = capConcepts(many, cost);
    expect(kept).toHaveLength(LIMITS.concepts);
    expect(new Set(kept.map((c) => c.surface)).size).toBe(LIMITS.concepts);
    // The three most common (lowest cost: w0, w1, w2) went; the order is the query's.
    expect(kept.map((c) => c.surface)).toEqual(Array.from({ length: LIMITS.concepts }, (_, i) => `w${i + 3}`));
    expect(kept.map((c) => c.start)).toEqual([...kept.map((c) => c.start)].sort((a, b) => a - b));
    // Of equal costs the earlier words stay: here the one rarer word, then the first others.
    const ties = capConcepts(many, (w) => (w === 'w26' ? 2 : 1)).map((c) => c.surface);
    expect(ties).toEqual([...Array.from({ length: LIMITS.concepts - 1 }, (_, i) => `w${i}`), 'w26']);
  });

  it('capWords: the own words capConcepts would keep, with the same rule', () => {
    const cost = (w: string) => Number(w.slice(1));
    const word = (w: string, start: number): WordSpan => ({ word: w, start, end: start + w.length, cost: cost(w) });
    const few = [word('w1', 0), word('w1', 2)];
    expect(capWords(few)).toBe(few);
    const many = Array.from({ length: LIMITS.concepts + 6 }, (_, i) => word(`w${i % (LIMITS.concepts + 3)}`, i * 3));
    expect(capWords(many).map((w) => w.start)).toEqual(capConcepts(many.map((w) => concept(w.word, w.start)), cost).map((c) => c.start));
  });

  it('capWords: past the cap, synonyms and homophones are searched only in the words it keeps', () => {
    // Rare characters the lexicon does not know cost most, so the cap keeps them and drops 被锁了 (a synonym of 锁定).
    const rare = Array.from({ length: LIMITS.concepts + 1 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
    const synonymOf = (q: string) => engine.analyze(q).concepts.some((c) => c.alternatives.some((a) => a.via === 'synonym' && a.term === '锁定'));
    expect(synonymOf('账户被锁了')).toBe(true);
    expect(synonymOf(`${rare}账户被锁了`)).toBe(false);
    // The homophone search reads the kept words alone: one character each here.
    expect(soundWork(HOSTILE.rare).homophoneChars).toBeLessThanOrEqual(LIMITS.concepts);
  });

  it('capGrams: within the cap the list itself; beyond it repeats count once, then the first are kept', () => {
    const few = ['退款', '退款'];
    expect(capGrams(few)).toBe(few);
    const many = Array.from({ length: LIMITS.grams + 10 }, (_, i) => `g${i % (LIMITS.grams + 5)}`);
    expect(capGrams(many)).toEqual(Array.from({ length: LIMITS.grams }, (_, i) => `g${i}`));
  });

  it('capPostings: within the budget the analysis itself; beyond it the commonest lookups go first, and empty concepts with them', () => {
    const analysis = engine.analyze('通联支付退款要几天');
    expect(capPostings(analysis, () => 1, 10_000)).toBe(analysis);
    expect(capPostings(analysis, () => LIMITS.postings, 35)).toBe(analysis);
    const big: QueryAnalysis = {
      ...analysis,
      concepts: [concept('常见', 0), concept('少见', 2), concept('罕见', 4)],
      grams: ['常见', '罕见'],
    };
    const df: Record<string, number> = { 'words\u0000常见': LIMITS.postings, 'words\u0000少见': 10, 'words\u0000罕见': 1, 'grams\u0000常见': 50, 'grams\u0000罕见': 1 };
    const capped = capPostings(big, (term, field) => df[`${field}\u0000${term}`], LIMITS.postings);
    expect(capped.concepts.map((c) => c.surface)).toEqual(['少见', '罕见']);
    expect(capped.grams).toEqual(['常见', '罕见']);
  });

  it('headChars cuts whole code points', () => {
    expect(headChars('退款𠀀几天', 3)).toBe('退款𠀀');
    expect(headChars('退款', 5)).toBe('退款');
  });
});

describe('hostile queries', () => {
  it('regression: a 200-character query does bounded analysis work (its first search in a new isolate took 17–32 ms)', () => {
    for (const [kind, q] of Object.entries(HOSTILE)) {
      expect(Array.from(q).length, kind).toBeLessThanOrEqual(200);
      const { analysis, homophoneChars, pinyinLetters } = soundWork(q);
      expect(analysis.concepts.length, kind).toBeLessThanOrEqual(LIMITS.concepts);
      for (const c of analysis.concepts) expect(c.alternatives.length, kind).toBeLessThanOrEqual(LIMITS.alternatives);
      expect(analysis.grams.length, kind).toBeLessThanOrEqual(LIMITS.grams);
      expect(homophoneChars, kind).toBeLessThanOrEqual(LIMITS.soundChars);
      expect(pinyinLetters, kind).toBeLessThanOrEqual(LIMITS.pinyinLetters);
      expect(analysis.concepts.filter((c) => c.alternatives.some((a) => a.via === 'sound')).length, kind).toBeLessThanOrEqual(LIMITS.soundReadings);
    }
  });

  it('still finds what a capped query asks about', () => {
    const out = engine.search({ q: HOSTILE.words, limit: 5 });
    expect(out.hits.length).toBeGreaterThan(0);
    expect(engine.search({ q: `${'的'.repeat(150)}通联支付退款要几天`, limit: 5 }).hits[0]?.entry.provider).toBe('allinpay');
  });
});

describe('real questions', () => {
  it('stay within every cap (their analysis and results are what they were without caps)', () => {
    const { analyzer } = resources;
    for (const q of REAL) {
      const normalized = analyzer.normalizer.normalize(q);
      expect(new Set(Array.from(normalized)).size, q).toBeLessThan(LIMITS.chars);
      const ownWords = segmentSpans(normalized, analyzer.lexicon).filter((w) => !analyzer.stopwords.has(w.word));
      expect(ownWords.length, q).toBeLessThan(LIMITS.concepts);
      const { analysis, homophoneChars, pinyinLetters } = soundWork(q);
      expect(analysis.concepts.length, q).toBeLessThan(LIMITS.concepts);
      for (const c of analysis.concepts) expect(c.alternatives.length, q).toBeLessThan(LIMITS.alternatives);
      expect(analysis.grams.length, q).toBeLessThan(LIMITS.grams);
      expect(homophoneChars, q).toBeLessThan(LIMITS.soundChars);
      expect(pinyinLetters, q).toBeLessThan(LIMITS.pinyinLetters);
      expect(analysis.concepts.filter((c) => c.alternatives.some((a) => a.via === 'sound')).length, q).toBeLessThan(LIMITS.soundReadings);
    }
  });
});
