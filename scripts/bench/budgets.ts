/** @module Bench: the performance budgets of the issue, each evaluated to PASS, FAIL or n/a (not measured in this run). */
import type { LoadParts } from './http-load';
import type { SizeResult } from './measure-size';
import type { TaskStats } from './query-cost';
import { fmtBytes, fmtMs } from './stats';

/** One budget and its verdict. */
export interface Verdict {
  budget: string;
  measured: string;
  status: 'PASS' | 'FAIL' | 'n/a';
  /** How the number was obtained. */
  basis: string;
}

/** The HTTP part, if it ran. */
export type HttpPart = LoadParts;

const KB = 1000;
const MB = 1000 * 1000;

function verdict(budget: string, value: number | undefined, limit: number, show: (v: number) => string, basis: string, atLeast = false): Verdict {
  if (value === undefined || !Number.isFinite(value)) return { budget, measured: '—', status: 'n/a', basis };
  const pass = atLeast ? value >= limit : value <= limit;
  return { budget, measured: show(value), status: pass ? 'PASS' : 'FAIL', basis };
}

/** The query task budgets are judged on: the full /v1/search handler with a cold term cache (the conservative case). */
export function budgetTask(r: SizeResult | undefined): TaskStats | undefined {
  return r?.query?.tasks.find((t) => t.name.startsWith('GET /v1/search (term cache cold)'));
}

/** Start-up as budgeted: importing the wrangler bundle when one was built, else the engine's own start-up. */
export function startupMs(r: SizeResult | undefined): { ms?: number; basis: string } {
  if (r?.startup?.bundle) return { ms: r.startup.bundle.importMs, basis: 'import of the wrangler --minify bundle in a fresh Node process, median' };
  return { ms: r?.startup?.engineReadyMs, basis: 'JSON.parse + SearchEngine + createApp in a fresh process, median (no bundle built)' };
}

/**
 * The first request as budgeted: the isolate's first /v1/search after module start-up (which includes the warm-up
 * query of src/index.ts), sent through the imported module's fetch handler in the same fresh process; the
 * minified bundle when it was imported, else the worker source, else the engine alone without the warm-up.
 */
export function firstRequestMs(r: SizeResult | undefined): { ms?: number; basis: string } {
  const s = r?.startup;
  const tail = 'handler time until its Response exists, wall time in Node as the CPU proxy, median';
  if (s?.bundle) return { ms: s.bundle.firstRequestMs, basis: `first /v1/search through the wrangler --minify bundle's fetch right after its import, fresh process, ${tail}` };
  if (s?.worker) return { ms: s.worker.firstRequestMs, basis: `first /v1/search through src/index.ts's fetch (tsx) right after its import, fresh process, ${tail}` };
  return { ms: s?.engineFirstRequestMs, basis: 'upper bound: first /v1/search in-process right after createApp, without the start-up warm-up query, median' };
}

/** Bundle gzip as budgeted: wrangler's figure when built, else the estimate. */
export function bundleGzip(r: SizeResult | undefined): { bytes?: number; basis: string } {
  if (r?.bundle) return { bytes: r.bundle.gzipBytes, basis: 'wrangler deploy --dry-run --minify, reported gzip' };
  return { bytes: r?.bundleEstimateBytes, basis: 'estimate: artifact gzip + embedded bundle code' };
}

/** Evaluates every budget on the results that exist. */
export function evaluate(embedded: SizeResult | undefined, sizes: SizeResult[], http: HttpPart | undefined): Verdict[] {
  const at = (n: number) => sizes.find((s) => s.target === n);
  const r10 = at(10_000);
  const r50 = at(50_000);
  const eb = bundleGzip(embedded);
  const es = startupMs(embedded);
  const tb = bundleGzip(r10);
  const ts = startupMs(r10);
  const ef = firstRequestMs(embedded);
  const build50 = r50?.build && (r50.build.ok || r50.build.timedOut) ? r50.build.ms : undefined;
  const killed = r50?.build?.timedOut === true;
  return [
    verdict('embedded: bundle ≤ 500 KB gzip', eb.bytes, 500 * KB, fmtBytes, eb.basis),
    verdict('embedded: startup ≤ 20 ms', es.ms, 20, fmtMs, es.basis),
    verdict('embedded: first request ≤ 10 ms CPU', ef.ms, 10, fmtMs, ef.basis),
    verdict('embedded: query p99 ≤ 1 ms', budgetTask(embedded)?.p99, 1, fmtMs, 'in-process GET /v1/search (Hono app), term cache cold, mixed query list, median of the fresh-process rounds'),
    verdict('embedded: /v1/search ≥ 0.8 × /health req/s', http?.ratio, 0.8, (v) => `${v.toFixed(2)} ×${http ? ` (${http.ratioMin.toFixed(2)}–${http.ratioMax.toFixed(2)})` : ''}`, 'autocannon vs wrangler dev on 127.0.0.1: median of the ratios of adjacent /health and /v1/search rounds (range in brackets)', true),
    verdict('10k: startup ≤ 150 ms', ts.ms, 150, fmtMs, ts.basis),
    verdict('10k: query p99 ≤ 2 ms', budgetTask(r10)?.p99, 2, fmtMs, 'in-process GET /v1/search, term cache cold, median of the fresh-process rounds'),
    verdict('10k: bundle ≤ 10 MB gzip', tb.bytes, 10 * MB, fmtBytes, tb.basis),
    verdict('50k: build ≤ 5 min', build50, 300_000, (v) => (killed ? `> ${fmtMs(v)} (killed)` : fmtMs(v)), 'tsx scripts/build.ts in a child process, wall time'),
  ];
}
