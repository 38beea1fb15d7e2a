/**
 * @module Bench: in-process query cost over the fixed query list, measured with tinybench. The worker path is
 * the real Hono app (`createApp(engine).fetch(request)`: validation, ETag, engine.search, answer decision,
 * contact, presenters, JSON), next to `engine.search` alone and a bare `MiniSearch.search` over the same entries
 * indexed the way the build indexes them, so the ratio is the engine's own overhead. Runs inside a probe child.
 */
import MiniSearch from 'minisearch';
import { Bench, type Task } from 'tinybench';
import { createApp } from '../../src/app';
import type { Artifact } from '../../src/artifact';
import { SearchEngine } from '../../src/search/engine';
import { encodeTerm, FIELD_BOOSTS, indexOptions, toIndexDoc, WORD_FIELDS, type IndexDoc } from '../../src/search/index-options';
import { hookLookups } from './hooks';
import { BENCH_QUERIES, type BenchQuery } from './queries';
import { median } from './stats';

/** Latency of one task over the rotating query list, in ms. */
export interface TaskStats {
  name: string;
  samples: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Where one query's time goes (term cache cleared before every run), medians in ms. */
export interface QueryBreakdown {
  q: string;
  kind: BenchQuery['kind'];
  /** Full /v1/search handler, from a ready Request to its Response (see getTask). */
  handler: number;
  search: number;
  analyze: number;
  /** Time inside the postings lookups engine.search made (WordIndex.search + GramIndex.search). */
  lookups: number;
  wordLookups: number;
  gramLookups: number;
  hits: number;
}

/** Everything the query probe reports (or the median of several probes: see combineRounds). */
export interface QueryCost {
  tasks: TaskStats[];
  /** Per task name, its p99 in each fresh-process round (only when rounds were combined). */
  p99Rounds?: Record<string, number[]>;
  perQuery: QueryBreakdown[];
  /** False when the engine has no `termCache` to clear (then "cold" equals "warm"). */
  coldCacheSupported: boolean;
  /** Building the bare MiniSearch reference (not shipped: the worker never builds an index). */
  bareBuildMs?: number;
  /** Why the bare reference is missing, if it is. */
  bareError?: string;
}

type App = ReturnType<typeof createApp>;

/**
 * The side-by-side reference: MiniSearch over the artifact's entries, indexed exactly as the build indexes them
 * (same options, same documents: the shipped word index is converted from that index), searching the word fields
 * with the engine's analyzer and boosts. Built here because the artifact no longer ships MiniSearch's index.
 */
function bareIndex(artifact: Artifact, engine: SearchEngine): MiniSearch<IndexDoc> {
  if (artifact.entries.length === 0) throw new Error('the artifact ships no entries (split into shards?)');
  const bare = new MiniSearch<IndexDoc>({
    ...indexOptions(engine.analyzer),
    searchOptions: { fields: [...WORD_FIELDS], boost: FIELD_BOOSTS, tokenize: (t: string) => engine.analyzer.terms(t), processTerm: encodeTerm },
  });
  bare.addAll(artifact.entries.map(toIndexDoc));
  return bare;
}

/**
 * Clears the engine's per-isolate term cache, if it has one; returns whether it could. Private, so reached by
 * name: a Map or anything with a clear() method (the engine's TermCache) will do.
 */
function clearTermCache(engine: SearchEngine): boolean {
  const cache = (engine as unknown as { termCache?: { clear?: unknown } }).termCache;
  if (!cache || typeof cache.clear !== 'function') return false;
  (cache as { clear(): void }).clear();
  return true;
}

const url = (route: string, q: string) => `http://bench.local${route}?q=${encodeURIComponent(q)}`;

/**
 * The worker's response cache off: the query list repeats, and a cached body would measure a map lookup, not a
 * search. The cached path is timed apart (`response cache hit`).
 */
const NO_RESPONSE_CACHE = { RESPONSE_CACHE_SIZE: '0' };

/**
 * A timed GET through the worker's fetch handler, from a ready Request to its Response, as workerd runs it:
 * workerd builds each Request natively before the worker runs and sends the body after it returns. In Node
 * both are JavaScript (undici), and timing them measured the harness: a loop that only built `new Request(url)`
 * had 7.5–9 ms scavenges (its objects survive into the old generation), and `res.text()` added ~0.3 ms a
 * request. So the task's hooks build the Request before and read the body after the timed part (tinybench
 * leaves hooks out of the timing); the body is still read and checked for every sample.
 */
function getTask(app: App, route: string, next: () => string, options: { cold?: SearchEngine; env?: Record<string, string> } = {}) {
  const env = options.env ?? NO_RESPONSE_CACHE;
  let req: Request | null = null;
  let res: Response | null = null;
  return {
    fn: async () => {
      res = await app.fetch(req!, env);
    },
    hooks: {
      beforeEach: () => {
        if (options.cold) clearTermCache(options.cold);
        req = new Request(url(route, next()));
      },
      afterEach: async () => {
        const r = res!;
        res = null;
        if (r.status !== 200) throw new Error(`${req!.url}: HTTP ${r.status}`);
        await r.text();
      },
    },
  };
}

/** A function that returns the next query of the list on every call. */
function rotation(): () => string {
  let i = 0;
  return () => BENCH_QUERIES[i++ % BENCH_QUERIES.length].q;
}

function stats(task: Task): TaskStats {
  const r = task.result as unknown as { latency: { mean: number; p50: number; p99: number; max: number; samplesCount: number } };
  return { name: task.name, samples: r.latency.samplesCount, mean: r.latency.mean, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max };
}

/** Adds the worker's tasks: worker path warm/cold, answer, engine.search cold, /health floor. */
function addTasks(bench: Bench, app: App, engine: SearchEngine): void {
  const next = [rotation(), rotation(), rotation(), rotation(), rotation(), rotation()];
  const add = (name: string, task: ReturnType<typeof getTask>) => bench.add(name, task.fn, task.hooks);
  add('GET /v1/search (term cache cold)', getTask(app, '/v1/search', next[0], { cold: engine }));
  add('GET /v1/search (term cache warm)', getTask(app, '/v1/search', next[1]));
  add('GET /v1/answer (term cache cold)', getTask(app, '/v1/answer', next[2], { cold: engine }));
  bench.add('engine.search (term cache cold)', () => void engine.search({ q: next[3](), limit: 5 }), { beforeEach: () => void clearTermCache(engine) });
  add('GET /v1/search (response cache hit)', getTask(app, '/v1/search', next[5], { env: {} }));
  add('GET /health (framework floor)', getTask(app, '/health', next[4]));
}

/** Times each query on its own (cold term cache), splitting analysis, postings lookups and the rest. */
async function breakdown(app: App, engine: SearchEngine, reps: number): Promise<QueryBreakdown[]> {
  const meter = hookLookups();
  // Hooking replaces the lookup methods, which throws away the optimized code that had inlined them: one untimed
  // pass re-optimizes, or the first queries of the list would be timed in deoptimized code (~1 ms extra, measured).
  for (let i = 0; i < 3; i++) for (const { q } of BENCH_QUERIES) engine.search({ q, limit: 5 });
  const out: QueryBreakdown[] = [];
  for (const { q, kind } of BENCH_QUERIES) {
    const handler: number[] = [];
    const search: number[] = [];
    const analyze: number[] = [];
    const lookups: number[] = [];
    const words: number[] = [];
    const grams: number[] = [];
    let hits = 0;
    for (let i = 0; i < reps; i++) {
      clearTermCache(engine);
      const req = new Request(url('/v1/search', q));
      let t0 = performance.now();
      const res = await app.fetch(req, NO_RESPONSE_CACHE);
      handler.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${q}: HTTP ${res.status}`);
      await res.text();
      clearTermCache(engine);
      meter.reset();
      t0 = performance.now();
      hits = engine.search({ q, limit: 5 }).hits.length;
      search.push(performance.now() - t0);
      lookups.push(meter.ms);
      words.push(meter.wordMs);
      grams.push(meter.gramMs);
      t0 = performance.now();
      engine.analyze(q);
      analyze.push(performance.now() - t0);
    }
    out.push({ q, kind, handler: median(handler), search: median(search), analyze: median(analyze), lookups: median(lookups), wordLookups: median(words), gramLookups: median(grams), hits });
  }
  return out;
}

const benchFor = (timeMs: number) => new Bench({ time: timeMs, warmupTime: Math.min(250, timeMs / 2), iterations: 2 * BENCH_QUERIES.length, throws: true });

/**
 * Runs the query-cost measurements on one artifact (already parsed) for about `timeMs` per task. The bare
 * MiniSearch reference is built and timed last, so its heap (large at 10k+ entries) cannot slow the worker's
 * figures through garbage collection.
 */
export async function measureQueryCost(artifact: Artifact, timeMs: number): Promise<QueryCost> {
  const engine = new SearchEngine(artifact);
  const app = createApp(engine);
  const coldCacheSupported = clearTermCache(engine);
  const bench = benchFor(timeMs);
  addTasks(bench, app, engine);
  await bench.run();
  const tasks = bench.tasks.map(stats);
  const perQuery = await breakdown(app, engine, Math.max(5, Math.min(30, Math.round(timeMs / 40))));
  let bareBuildMs: number | undefined;
  let bareError: string | undefined;
  try {
    const t0 = performance.now();
    const bare = bareIndex(artifact, engine);
    bareBuildMs = performance.now() - t0;
    const next = rotation();
    const reference = benchFor(timeMs).add('bare MiniSearch.search', () => void bare.search(next()));
    await reference.run();
    tasks.push(...reference.tasks.map(stats));
  } catch (e) {
    // Only the reference is lost: the worker's own figures above still count.
    bareError = (e as Error).message;
  }
  return { tasks, perQuery, coldCacheSupported, bareBuildMs, bareError };
}
