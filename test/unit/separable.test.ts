/** @module Unit tests of separable verbs in query analysis (query.ts joinSeparable): 付了款 is asked about as 付款. */
import { describe, expect, it } from 'vitest';
import { joinSeparable } from '../../src/search/query';
import { SearchEngine } from '../../src/search/engine';
import { loadArtifact } from '../eval/systems';

const known = (words: string[]) => (pair: string) => words.includes(pair);

describe('joinSeparable', () => {
  it('drops 了, 的 or 过 between the two characters of a known word', () => {
    const k = known(['付款', '转账', '退钱']);
    expect(joinSeparable('我付了款没到', k)).toBe('我付款没到');
    expect(joinSeparable('给朋友转的账', k)).toBe('给朋友转账');
    expect(joinSeparable('退过钱吗', k)).toBe('退钱吗');
  });

  it('keeps the particle when the pair is not a known word, or a side is not Han', () => {
    const k = known(['付款']);
    expect(joinSeparable('我的账户', k)).toBe('我的账户');
    expect(joinSeparable('付了', k)).toBe('付了');
    expect(joinSeparable('了款', k)).toBe('了款');
    expect(joinSeparable('a了款', k)).toBe('a了款');
    expect(joinSeparable('付 了款', k)).toBe('付 了款');
  });

  it('asks the predicate only about pairs around a particle', () => {
    const asked: string[] = [];
    joinSeparable('怎么修改密码了吗的', (pair) => (asked.push(pair), false));
    expect(asked).toEqual(['码吗']);
  });
});

describe('separable verbs in a query (shipped artifact)', () => {
  const engine = new SearchEngine(loadArtifact());
  const surfaces = (q: string) => engine.analyze(q).concepts.map((c) => c.surface);

  it('reads 退的钱 as the synonym phrase 退钱 and 转的账 as the article word 转账', () => {
    expect(surfaces('退的钱啥时候能回来')).toContain('退钱');
    expect(surfaces('给朋友转的账一直没到')).toContain('转账');
  });

  it('analyzes a split verb as the whole one (扣了钱 as 扣钱)', () => {
    expect(engine.analyze('扣了钱却显示支付失败').concepts).toEqual(engine.analyze('扣钱却显示支付失败').concepts);
  });

  it('leaves a possessive 的 alone', () => {
    expect(surfaces('我的账户被锁了')).not.toContain('我账');
  });
});
