/** @module A split index (core + shards, scripts/build.ts --split) answers exactly as the whole artifact, loading only the shards a query needs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/artifact';
import { SearchEngine, type SearchOutcome } from '../../src/search/engine';
import { ShardCache } from '../../src/search/shards';
import { splitArtifact } from '../../src/indexer/split';
import { loadArtifact } from '../eval/systems';

const whole = loadArtifact();
const reference = new SearchEngine(whole);
// Tiny shards, so the real corpus spreads over many of them and every query crosses shard boundaries.
const split = splitArtifact(whole, { shardChars: 400, entryShardChars: 3000 });
const core = JSON.parse(JSON.stringify(split.core)) as Artifact;
const base = split.core.split!.base;

/** A loader over the split's files that counts fetches and can be slowed down. */
function loader(delayMs = 0) {
  const fetched: string[] = [];
  const load = async (path: string) => {
    expect(path.startsWith(`${base}/`), path).toBe(true);
    const text = split.files.get(path.slice(base.length + 1));
    if (text === undefined) throw new Error(`no shard ${path}`);
    fetched.push(path);
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs * Math.random()));
    return text;
  };
  return { load, fetched };
}

const queries = ['test/eval/queries.jsonl', 'test/eval/holdout.jsonl'].flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q),
);

const view = (o: SearchOutcome) => ({
  normalized: o.analysis.normalized,
  provider: o.provider?.id ?? null,
  category: o.category,
  contact: o.contact?.provider.id ?? null,
  hits: o.hits.map((h) => [h.entry, h.score, h.coverage, h.support, h.evidence, h.wordMatch, h.snippet]),
});

describe('split index', () => {
  it('the core holds no posting values and no entry text; the shards hold all of them', () => {
    expect(split.files.size).toBeGreaterThan(20);
    expect(core.entries).toEqual([]);
    expect(core.words.postings.values).toBe('');
    expect(core.grams.postings.values).toBe('');
    expect(core.meta).toEqual(whole.meta);
    expect(core.hash).toBe(whole.hash);
    const shardValues = (prefix: string) =>
      [...split.files]
        .filter(([n]) => n.startsWith(prefix))
        .sort(([a], [b]) => Number(a.slice(1, -4)) - Number(b.slice(1, -4)))
        .map(([, t]) => t)
        .join('\n');
    expect(shardValues('w')).toBe(whole.words.postings.values);
    expect(shardValues('g')).toBe(whole.grams.postings.values);
  });

  it('answers every eval query exactly as the whole artifact (with and without a provider)', async () => {
    const engine = new SearchEngine(core);
    const { load } = loader();
    for (const q of queries) {
      for (const provider of [undefined, 'huifu']) {
        const params = { q, provider, limit: 5 };
        expect(view(await engine.searchAsync(params, load)), q).toEqual(view(reference.search(params)));
      }
    }
  });

  it('fetches only the shards a query needs, each once while it stays in memory', async () => {
    const engine = new SearchEngine(core);
    const { load, fetched } = loader();
    await engine.searchAsync({ q: '通联支付退款要几天', limit: 5 }, load);
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.length).toBeLessThan(split.files.size / 2);
    expect(new Set(fetched).size).toBe(fetched.length);
    const before = fetched.length;
    await engine.searchAsync({ q: '通联支付退款要几天', limit: 5 }, load);
    expect(fetched.length).toBe(before);
  });

  it('serves entries by id from their shards', async () => {
    const engine = new SearchEngine(core);
    const { load } = loader();
    for (const e of whole.entries) expect(await engine.entryAsync(e.id, load)).toEqual(e);
    expect(await engine.entryAsync('no-such-entry', load)).toBeUndefined();
    expect(engine.size).toBe(whole.entries.length);
  });

  it('regression: concurrent searches with a cache too small for all of them still answer exactly (pinned shards are not evicted)', async () => {
    const engine = new SearchEngine(core, { shardBudget: 2000 });
    const { load } = loader(5);
    const sample = queries.filter((_, i) => i % 7 === 0);
    const outcomes = await Promise.all(sample.map((q) => engine.searchAsync({ q, limit: 5 }, load)));
    outcomes.forEach((o, i) => expect(view(o), sample[i]).toEqual(view(reference.search({ q: sample[i], limit: 5 }))));
  });

  it('a failed shard fetch fails the search (the route turns it into a 500) and a later search recovers', async () => {
    const engine = new SearchEngine(core);
    let fail = true;
    const { load } = loader();
    const flaky = (path: string) => (fail ? Promise.reject(new Error('asset fetch failed')) : load(path));
    await expect(engine.searchAsync({ q: '退款', limit: 5 }, flaky)).rejects.toThrow('asset fetch failed');
    fail = false;
    expect(view(await engine.searchAsync({ q: '退款', limit: 5 }, flaky))).toEqual(view(reference.search({ q: '退款', limit: 5 })));
  });
});

describe('ShardCache', () => {
  it('evicts least recently used shards beyond its budget, never pinned ones', async () => {
    const cache = new ShardCache('/x', 10);
    const load = async (path: string) => path.slice(-1).repeat(6);
    await cache.load(['a'], load);
    cache.pin(['a']);
    await cache.load(['b'], load);
    await cache.load(['c'], load);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    cache.unpin(['a']);
    await cache.load(['d'], load);
    expect(cache.has('a')).toBe(false);
  });

  it('shares one fetch between concurrent loads of a shard', async () => {
    const cache = new ShardCache('/x', 100);
    let calls = 0;
    const load = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return 'v';
    };
    await Promise.all([cache.load(['s.txt'], load), cache.load(['s.txt'], load)]);
    expect(calls).toBe(1);
    expect(cache.get<string[]>('s.txt')).toEqual(['v']);
  });
});
