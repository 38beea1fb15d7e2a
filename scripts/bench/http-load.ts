/**
 * @module Bench: /v1/search throughput against /health under wrangler dev, with autocannon and the worker's response
 * cache off (every search runs). /health and /v1/search alternate in short rounds after a warm-up (health, search,
 * search, health, …): on a shared machine other work drifts over seconds, and adjacent rounds see nearly the same
 * load, so the budgeted figure is the median of the adjacent pairs' ratios. Searches rotate over the realistic mix
 * (short, colloquial, long questions and the rest), each from its own CF-Connecting-IP so the rate limiter runs on
 * every request without throttling the bench as one client. autocannon runs here on one thread with a few
 * connections and no pipelining, leaving the other core to workerd.
 */
import autocannon from 'autocannon';
import { median } from 'simple-statistics';
import { BENCH_QUERIES } from './queries';

/** One route over its rounds (medians of autocannon's figures per round). */
export interface RouteLoad {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors, timeouts and non-2xx responses: any makes the figures suspect. */
  failures: number;
}

/** The load result. */
export interface HttpLoad {
  health: RouteLoad;
  search: RouteLoad;
  /** /v1/search ÷ /health req/s of each adjacent pair of rounds. */
  ratios: number[];
  /** Their median: the budgeted figure. */
  ratio: number;
  connections: number;
  roundS: number;
}

/** How hard and how long. */
export interface LoadOptions {
  connections: number;
  roundS: number;
  pairs: number;
  warmupS: number;
}

/** Requests cycling through the mix, each from one of 512 addresses of 198.18.0.0/15 (set aside for benchmarks). */
function searches(): autocannon.Request[] {
  return Array.from({ length: 512 }, (_, i) => ({
    method: 'GET',
    path: `/v1/search?q=${encodeURIComponent(BENCH_QUERIES[i % BENCH_QUERIES.length].q)}`,
    headers: { 'cf-connecting-ip': `198.18.${i >> 8}.${i & 255}` },
  }));
}

async function round(url: string, o: LoadOptions, requests: autocannon.Request[], seconds = o.roundS): Promise<autocannon.Result> {
  return autocannon({ url, connections: o.connections, duration: seconds, pipelining: 1, requests });
}

/** Completed requests per second over the whole round (autocannon's own average leaves out a partial last second). */
const rate = (r: autocannon.Result) => r.requests.total / r.duration;

function summarize(rounds: autocannon.Result[]): RouteLoad {
  return {
    reqPerSec: median(rounds.map(rate)),
    p50Ms: median(rounds.map((r) => r.latency.p50)),
    p99Ms: median(rounds.map((r) => r.latency.p99)),
    requests: rounds.reduce((n, r) => n + r.requests.total, 0),
    failures: rounds.reduce((n, r) => n + r.errors + r.non2xx, 0),
  };
}

/** Runs the rounds against `url` (http://127.0.0.1:port); about 2 × warmupS + 2 × pairs × (roundS + 0.25) seconds. */
export async function measureLoad(url: string, o: LoadOptions): Promise<HttpLoad> {
  const health = [{ method: 'GET' as const, path: '/health' }];
  const search = searches();
  // Compiles the search path in the fresh isolate and opens the runtime's connection pools; not counted.
  await round(url, o, search, o.warmupS);
  await round(url, o, health, o.warmupS);
  const rounds = { health: [] as autocannon.Result[], search: [] as autocannon.Result[] };
  const ratios: number[] = [];
  for (let i = 0; i < o.pairs; i++) {
    const pair: Partial<Record<'health' | 'search', autocannon.Result>> = {};
    for (const route of i % 2 === 0 ? (['health', 'search'] as const) : (['search', 'health'] as const)) {
      await new Promise((settle) => setTimeout(settle, 250));
      pair[route] = await round(url, o, route === 'health' ? health : search);
      rounds[route].push(pair[route]);
    }
    ratios.push(rate(pair.search!) / rate(pair.health!));
  }
  return { health: summarize(rounds.health), search: summarize(rounds.search), ratios, ratio: median(ratios), connections: o.connections, roundS: o.roundS };
}
