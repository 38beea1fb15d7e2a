/**
 * @module Bench: HTTP load with autocannon (programmatic API) against a local wrangler dev, for /health and for
 * /v1/search with a rotating set of real queries. Every request carries its own CF-Connecting-IP from a large
 * pool, so the worker's rate limiter runs on every search (its cost is measured) without one bench client
 * being throttled as a single abusive IP would be.
 *
 * The budgeted ratio (/v1/search ÷ /health req/s) is taken from alternating rounds after a warm-up round:
 * health, search, search, health, health, search, … in short rounds. Each adjacent pair gives one ratio and the
 * median is reported with its range: on a shared 2-core machine, load from other work drifts over seconds, and one
 * long run per route (the old method) put the whole drift into the ratio; short adjacent rounds see nearly the same
 * load, and the median of many pairs ignores the few a burst of other work hits. autocannon runs in this process on one thread (no
 * `workers`), with few connections and no pipelining, so the client needs well under a core and leaves the other
 * to workerd; the client's and the server's CPU are recorded per round to show it. The server's CPU is split
 * between the workerd that runs the worker and the workerd of wrangler's dev proxy, which every request also
 * crosses: the worker's own CPU per request is the cost the ratio stands for in production.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { BENCH_QUERIES } from './queries';
import { sleep } from './proc';
import { median } from './stats';

/** The part of autocannon's options this bench uses. */
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining: number;
  requests?: { method: string; path: string; headers?: Record<string, string> }[];
}

/** The part of autocannon's result this bench uses. */
interface AutocannonResult {
  requests: { average: number; total: number };
  throughput: { average: number };
  latency: { p50: number; p99: number; average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

const autocannon = createRequire(import.meta.url)('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

/** One route over its rounds: medians of the per-round figures, totals summed. */
export interface LoadResult {
  route: string;
  /** Median over the rounds. */
  reqPerSec: number;
  /** Each round's req/s, in order. */
  rounds: number[];
  p50Ms: number;
  p99Ms: number;
  total: number;
  ok: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Mean response size (headers and body). */
  bytesPerReq: number;
  /** This process's CPU (autocannon) while the route was loaded, % of one core, median over rounds. */
  clientCpuPct?: number;
  /** wrangler dev's process group (both workerd, wrangler, esbuild) CPU, % of one core, median over rounds. */
  serverCpuPct?: number;
  /** CPU per request (CPU ÷ requests) by role, ms, median over rounds (see ServerRole). */
  cpuMsPerReq?: Record<ServerRole, number>;
}

/** How hard and how long to push. */
export interface LoadOptions {
  connections: number;
  /** Seconds per round. */
  durationS: number;
  /** Pairs of (health, search) rounds after the warm-up; at least 3. */
  pairs: number;
  /** Seconds of the warm-up round of each route (not counted). */
  warmupS: number;
  /** Process group id of wrangler dev, for its CPU time (Linux /proc); optional. */
  serverGroup?: number;
}

/** One adjacent pair of rounds. */
export interface LoadPair {
  /** Which route ran first in the pair (alternates, so a drift in load favours neither). */
  first: 'health' | 'search';
  health: number;
  search: number;
  ratio: number;
}

/** The load runs and the budgeted ratio. */
export interface LoadParts {
  health: LoadResult;
  /** GET /v1/entries/:id: rate limiter, ETag and JSON but no search, to tell search cost from per-request overhead. */
  entry?: LoadResult;
  search: LoadResult;
  /**
   * /v1/search where every request is a query never asked before (the bench query plus a counter), so the worker's
   * response cache never answers: the cost of a real search, for comparison with the rotating (repeating) set.
   */
  searchUncached?: LoadResult;
  /** searchUncached req/s ÷ the median /health req/s. */
  uncachedRatio?: number;
  /** Median of the pairs' ratios: the budgeted figure. */
  ratio: number;
  ratioMin: number;
  ratioMax: number;
  /** All search requests ÷ all health requests (same total time each), for comparison. */
  pooledRatio: number;
  pairs: LoadPair[];
  connections: number;
  durationS: number;
}

/** Distinct client addresses for the rotating requests (198.18.0.0/15, the range RFC 2544 sets aside for benchmarks). */
const CLIENTS = 512;

function rotating(path: (i: number) => string): AutocannonOptions['requests'] {
  return Array.from({ length: CLIENTS }, (_, i) => ({ method: 'GET', path: path(i), headers: { 'CF-Connecting-IP': `198.18.${i >> 8}.${i & 255}` } }));
}

/** Requests whose query is new every time: a bench query plus a running number (see LoadParts.searchUncached). */
function unique(): AutocannonOptions['requests'] {
  let n = 0;
  return [
    {
      method: 'GET',
      setupRequest: (req: Record<string, unknown>) => {
        const i = n++;
        return {
          ...req,
          path: `/v1/search?q=${encodeURIComponent(`${BENCH_QUERIES[i % BENCH_QUERIES.length].q} ${i}`)}`,
          headers: { 'CF-Connecting-IP': `198.19.${(i >> 8) & 255}.${i & 255}` },
        };
      },
    },
  ] as unknown as AutocannonOptions['requests'];
}

let clockTicks: number | undefined;

/** Where wrangler dev's CPU goes: the workerd running the worker, the workerd of wrangler's dev proxy, the rest (wrangler's node, esbuild). */
export type ServerRole = 'worker' | 'proxy' | 'other';

/**
 * CPU time (user + system) of the processes in group `pgid`, in ms, by role; undefined where /proc is unavailable.
 * wrangler dev runs two workerd processes: the one listening on the public port (`--socket-addr=entry=…:port`) is
 * its proxy, which forwards every request to the other one, where the worker runs. Production has no such proxy.
 */
function groupCpuMs(pgid: number | undefined, port: string): Record<ServerRole, number> | undefined {
  if (pgid === undefined) return undefined;
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const ticks: Record<ServerRole, number> = { worker: 0, proxy: 0, other: 0 };
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      let cmdline: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      // Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) !== pgid) continue;
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const role: ServerRole = comm !== 'workerd' ? 'other' : cmdline.includes(`entry=127.0.0.1:${port}\0`) ? 'proxy' : 'worker';
      ticks[role] += Number(f[11]) + Number(f[12]);
    }
    const ms = (t: number) => (t * 1000) / clockTicks!;
    return { worker: ms(ticks.worker), proxy: ms(ticks.proxy), other: ms(ticks.other) };
  } catch {
    return undefined;
  }
}

/** One autocannon round, with client and server CPU over it. */
interface Round {
  r: AutocannonResult;
  clientCpuPct: number;
  /** Server CPU by role over the round, ms. */
  serverMs?: Record<ServerRole, number>;
  wallMs: number;
}

async function round(base: string, opts: LoadOptions, requests: AutocannonOptions['requests'], durationS = opts.durationS): Promise<Round> {
  const port = new URL(base).port;
  const cpu0 = process.cpuUsage();
  const server0 = groupCpuMs(opts.serverGroup, port);
  const t0 = performance.now();
  // pipelining 1 and no `workers`: one client thread, one request in flight per connection.
  const r = await autocannon({ url: base, connections: opts.connections, duration: durationS, pipelining: 1, requests });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const server1 = groupCpuMs(opts.serverGroup, port);
  const serverMs = server0 && server1 ? { worker: server1.worker - server0.worker, proxy: server1.proxy - server0.proxy, other: server1.other - server0.other } : undefined;
  return { r, clientCpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100, serverMs, wallMs };
}

/** Completed requests per second over the whole round (autocannon's own average skips a partial last second). */
const rate = (r: AutocannonResult) => (r.duration > 0 ? r.requests.total / r.duration : r.requests.average);

const medianOrUndefined = (values: (number | undefined)[]) => {
  const v = values.filter((x): x is number => x !== undefined && Number.isFinite(x));
  return v.length ? median(v) : undefined;
};

function summarize(route: string, rounds: Round[]): LoadResult {
  const sum = (f: (r: AutocannonResult) => number) => rounds.reduce((n, x) => n + f(x.r), 0);
  const total = sum((r) => r.requests.total);
  const bytes = sum((r) => r.throughput.average * r.duration);
  const perReq = (role: ServerRole) => medianOrUndefined(rounds.map((x) => (x.serverMs && x.r.requests.total > 0 ? x.serverMs[role] / x.r.requests.total : undefined)));
  const worker = perReq('worker');
  const proxy = perReq('proxy');
  const other = perReq('other');
  return {
    route,
    reqPerSec: median(rounds.map((x) => rate(x.r))),
    rounds: rounds.map((x) => rate(x.r)),
    p50Ms: median(rounds.map((x) => x.r.latency.p50)),
    p99Ms: median(rounds.map((x) => x.r.latency.p99)),
    total,
    ok: sum((r) => r['2xx']),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    timeouts: sum((r) => r.timeouts),
    bytesPerReq: total > 0 ? Math.round(bytes / total) : 0,
    clientCpuPct: medianOrUndefined(rounds.map((x) => x.clientCpuPct)),
    serverCpuPct: medianOrUndefined(rounds.map((x) => (x.serverMs ? ((x.serverMs.worker + x.serverMs.proxy + x.serverMs.other) / x.wallMs) * 100 : undefined))),
    cpuMsPerReq: worker !== undefined && proxy !== undefined && other !== undefined ? { worker, proxy, other } : undefined,
  };
}

/**
 * /health and /v1/search in alternating rounds (see the module comment), then one round of /v1/entries/:id and
 * one of /v1/search with never-repeated queries,
 * against `base` (http://127.0.0.1:port). Total time ≈ 2 × warmupS + (2 × pairs + 2) × durationS.
 */
export async function measureLoad(base: string, opts: LoadOptions, entryId?: string): Promise<LoadParts> {
  const health = [{ method: 'GET', path: '/health' }];
  const search = rotating((i) => `/v1/search?q=${encodeURIComponent(BENCH_QUERIES[i % BENCH_QUERIES.length].q)}`);
  const settle = () => sleep(250);
  // Warm-up: compiles the search path in the fresh isolate and opens the runtime's connection pools; not counted.
  await round(base, opts, search, opts.warmupS);
  await round(base, opts, health, opts.warmupS);
  const rounds = { health: [] as Round[], search: [] as Round[] };
  const pairs: LoadPair[] = [];
  for (let i = 0; i < Math.max(3, opts.pairs); i++) {
    const order: ('health' | 'search')[] = i % 2 === 0 ? ['health', 'search'] : ['search', 'health'];
    const got: Partial<Record<'health' | 'search', Round>> = {};
    for (const route of order) {
      await settle();
      got[route] = await round(base, opts, route === 'health' ? health : search);
      rounds[route].push(got[route]!);
    }
    const h = rate(got.health!.r);
    const s = rate(got.search!.r);
    pairs.push({ first: order[0], health: h, search: s, ratio: h > 0 ? s / h : NaN });
  }
  await settle();
  const entry = entryId ? summarize('/v1/entries/:id', [await round(base, opts, rotating(() => `/v1/entries/${encodeURIComponent(entryId)}`))]) : undefined;
  await settle();
  const searchUncached = summarize('/v1/search (new queries)', [await round(base, opts, unique())]);
  const ratios = pairs.map((p) => p.ratio).filter(Number.isFinite);
  const totals = (rs: Round[]) => rs.reduce((n, x) => n + x.r.requests.total, 0);
  return {
    health: summarize('/health', rounds.health),
    entry,
    search: summarize('/v1/search', rounds.search),
    searchUncached,
    uncachedRatio: searchUncached.reqPerSec / median(rounds.health.map((x) => rate(x.r))),
    ratio: ratios.length ? median(ratios) : NaN,
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    pooledRatio: totals(rounds.health) > 0 ? totals(rounds.search) / totals(rounds.health) : NaN,
    pairs,
    connections: opts.connections,
    durationS: opts.durationS,
  };
}
