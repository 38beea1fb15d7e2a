/**
 * @module Bench: HTTP load with autocannon (programmatic API) against a local wrangler dev, for /health and for
 * /v1/search with a rotating set of real queries. Every request carries its own CF-Connecting-IP from a large
 * pool, so the worker's rate limiter runs on every search (its cost is measured) without one bench client
 * being throttled as a single abusive IP would be.
 */
import { createRequire } from 'node:module';
import { BENCH_QUERIES } from './queries';

/** The part of autocannon's options this bench uses. */
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests?: { method: string; path: string; headers?: Record<string, string> }[];
}

/** The part of autocannon's result this bench uses. */
interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { average: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

const autocannon = createRequire(import.meta.url)('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

/** One load run. */
export interface LoadResult {
  route: string;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  ok: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Mean response size (headers and body). */
  bytesPerReq: number;
}

/** How hard and how long to push. */
export interface LoadOptions {
  connections: number;
  durationS: number;
}

/** Distinct client addresses for the rotating requests (198.18.0.0/15, the range RFC 2544 sets aside for benchmarks). */
const CLIENTS = 512;

function rotating(path: (i: number) => string): AutocannonOptions['requests'] {
  return Array.from({ length: CLIENTS }, (_, i) => ({ method: 'GET', path: path(i), headers: { 'CF-Connecting-IP': `198.18.${i >> 8}.${i & 255}` } }));
}

async function load(base: string, route: string, opts: LoadOptions, requests?: AutocannonOptions['requests']): Promise<LoadResult> {
  const r = await autocannon({ url: base, connections: opts.connections, duration: opts.durationS, requests });
  return {
    route,
    reqPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    ok: r['2xx'],
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
    bytesPerReq: r.requests.average > 0 ? Math.round(r.throughput.average / r.requests.average) : 0,
  };
}

/** The three load runs and the budgeted ratio. */
export interface LoadParts {
  health: LoadResult;
  /** GET /v1/entries/:id: rate limiter, ETag and JSON but no search, to tell search cost from per-request overhead. */
  entry?: LoadResult;
  search: LoadResult;
  ratio: number;
}

/** /health, /v1/entries/:id and /v1/search with rotating queries, against `base` (http://127.0.0.1:port). */
export async function measureLoad(base: string, opts: LoadOptions, entryId?: string): Promise<LoadParts> {
  const health = await load(base, '/health', opts, [{ method: 'GET', path: '/health' }]);
  const entry = entryId ? await load(base, '/v1/entries/:id', opts, rotating(() => `/v1/entries/${encodeURIComponent(entryId)}`)) : undefined;
  const search = await load(base, '/v1/search', opts, rotating((i) => `/v1/search?q=${encodeURIComponent(BENCH_QUERIES[i % BENCH_QUERIES.length].q)}`));
  return { health, entry, search, ratio: health.reqPerSec > 0 ? search.reqPerSec / health.reqPerSec : NaN };
}
