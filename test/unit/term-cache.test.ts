/** @module Unit tests of the term-score cache arena and of the engine's reuse of its per-search scratch. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/search/engine';
import { TermCache } from '../../src/search/term-cache';
import { loadArtifact } from '../eval/systems';

describe('TermCache', () => {
  it('hands out disjoint slices of the arena and remembers them', () => {
    const cache = new TermCache(10);
    const a = cache.alloc(4);
    const b = cache.alloc(4);
    a.positions.fill(1);
    b.positions.fill(2);
    cache.set('a', a);
    cache.set('b', b);
    expect([...cache.get('a')!.positions]).toEqual([1, 1, 1, 1]);
    expect([...cache.get('b')!.positions]).toEqual([2, 2, 2, 2]);
  });

  it('allocates fresh, uncached arrays when the arena is full, so a search never overwrites its own slices', () => {
    const cache = new TermCache(10);
    const a = cache.alloc(8);
    a.positions.fill(7);
    cache.set('a', a);
    const big = cache.alloc(5);
    expect(big.positions.buffer).not.toBe(a.positions.buffer);
    cache.set('big', big);
    expect(cache.get('big')).toBeUndefined();
    expect([...a.positions]).toEqual(new Array(8).fill(7));
  });

  it('forgets everything only at the start of a search, once half the arena is used', () => {
    const cache = new TermCache(10);
    cache.set('a', cache.alloc(4));
    cache.begin();
    expect(cache.get('a')).toBeDefined();
    cache.set('b', cache.alloc(2));
    cache.begin();
    expect(cache.size).toBe(0);
    expect(cache.alloc(10).positions.buffer).toBe(cache.alloc(0).positions.buffer);
  });
});

describe('engine scratch and cache reuse', () => {
  const artifact = loadArtifact();
  const queries = readFileSync('test/eval/queries.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const outcome = (engine: SearchEngine, q: string, provider?: string) =>
    engine.search({ q, provider, limit: 5 }).hits.map((h) => `${h.entry.id} ${h.score} ${h.support} ${h.wordMatch}`);

  it('regression: results do not depend on what earlier searches left in the cache or the scratch arrays', () => {
    const warm = new SearchEngine(artifact);
    // One pass to fill the cache and dirty the scratch, in a different order and with a provider filter.
    for (const q of [...queries].reverse()) warm.search({ q, provider: 'topay', limit: 20 });
    for (const q of queries) {
      const cold = new SearchEngine(artifact);
      expect(outcome(warm, q), q).toEqual(outcome(cold, q));
      expect(outcome(warm, q, 'huifu'), q).toEqual(outcome(cold, q, 'huifu'));
    }
  });
});
