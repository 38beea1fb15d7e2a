/** @module A split index (core + shards, scripts/build.ts --split) answers exactly as the whole artifact, loading only the shards a query needs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/artifact';
import { SearchEngine, type SearchOutcome } from '../../src/search/engine';
import { ShardCache, ShardUnavailableError } from '../../src/search/shards';
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

/**
 * A stand-in for a request's I/O context in workerd: I/O it starts settles only when that request runs
 * (`settle()`), never because another request is waiting for it.
 */
class RequestContext {
  private pending: (() => void)[] = [];

  loader(files: Record<string, string>) {
    return (path: string) =>
      new Promise<string>((resolve, reject) => {
        this.pending.push(() => (path in files ? resolve(files[path]) : reject(new Error(`no shard ${path}`))));
      });
  }

  /** Settles every I/O this context has started so far. */
  settle(): void {
    const pending = this.pending;
    this.pending = [];
    for (const done of pending) done();
  }
}

/** Whether `promise` settles within `ms` of real time (false when it is still pending then). */
async function settledWithin(promise: Promise<unknown>, ms = 50): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const view = (o: SearchOutcome) => ({
  normalized: o.analysis.normalized,
  provider: o.provider?.id ?? null,
  category: o.category,
  contact: o.contact?.provider.id ?? null,
  hits: o.hits.map((h) => [h.entry, h.score, h.coverage, h.support, h.evidence, h.titled, h.wordMatch, h.snippet]),
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

  it('regression: a load never waits on a fetch another request started (the split index hung under concurrency)', async () => {
    // Two requests need the same shard. A's fetch starts first and, as workerd allows, settles only within A's
    // context; B must finish through its own I/O. Sharing A's in-flight promise left B waiting on I/O it could
    // never see, and workerd cancelled it as hung (a plain-text 500).
    const cache = new ShardCache('/x', 100);
    const a = new RequestContext();
    const b = new RequestContext();
    const first = cache.load(['s.txt'], a.loader({ '/x/s.txt': 'v' }));
    const second = cache.load(['s.txt'], b.loader({ '/x/s.txt': 'v' }));
    b.settle();
    expect(await settledWithin(second)).toBe(true);
    expect(cache.get<string[]>('s.txt')).toEqual(['v']);
    a.settle();
    await first;
    expect(cache.get<string[]>('s.txt')).toEqual(['v']);
  });

  it('regression: a search never waits on a shard fetch another search started', async () => {
    const engine = new SearchEngine(core);
    const a = new RequestContext();
    const b = new RequestContext();
    const files = Object.fromEntries([...split.files].map(([name, text]) => [`${base}/${name}`, text]));
    const params = { q: '通联支付退款要几天', limit: 5 };
    const first = engine.searchAsync(params, a.loader(files));
    const second = engine.searchAsync(params, b.loader(files));
    // Each search needs two rounds of shards (postings, then entries); B's own I/O must be enough for both.
    for (let round = 0; round < 4; round++) {
      b.settle();
      await settledWithin(second, 5);
    }
    expect(await settledWithin(second)).toBe(true);
    expect(view(await second)).toEqual(view(reference.search(params)));
    for (let round = 0; round < 4; round++) {
      a.settle();
      await settledWithin(first, 5);
    }
    expect(view(await first)).toEqual(view(reference.search(params)));
  });

  it('concurrent misses of one shard are read by each request; the first read to finish is kept', async () => {
    const cache = new ShardCache('/x', 100);
    const a = new RequestContext();
    const b = new RequestContext();
    const first = cache.load(['s.txt'], a.loader({ '/x/s.txt': 'from a' }));
    const second = cache.load(['s.txt'], b.loader({ '/x/s.txt': 'from b' }));
    b.settle();
    await second;
    a.settle();
    await first;
    expect(cache.get<string[]>('s.txt')).toEqual(['from b']);
    expect(cache.size).toBe('from b'.length);
  });

  it('reads that take longer than the timeout fail with ShardUnavailableError; a later load succeeds', async () => {
    const cache = new ShardCache('/x', 100, 20);
    const stalled = new RequestContext();
    await expect(cache.load(['s.txt'], stalled.loader({ '/x/s.txt': 'v' }))).rejects.toBeInstanceOf(ShardUnavailableError);
    expect(cache.has('s.txt')).toBe(false);
    // The stalled read settling late stores nothing: its request has given up.
    stalled.settle();
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.has('s.txt')).toBe(false);
    await cache.load(['s.txt'], async () => 'v');
    expect(cache.get<string[]>('s.txt')).toEqual(['v']);
  });
});
