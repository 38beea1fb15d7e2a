/** @module Bench: the figures each corpus's budgets are judged on, and every budget's verdict (PASS, FAIL, or n/a when not measured). */
import { median } from 'simple-statistics';
import type { HttpLoad } from './http-load';
import type { CorpusResult } from './measure';
import type { TaskCost } from './query-cost';

/** One budget and its verdict. */
export interface Verdict {
  budget: string;
  measured: string;
  status: 'PASS' | 'FAIL' | 'n/a';
}

/** Milliseconds at a precision that suits their size. */
export const fmtMs = (ms: number | undefined) =>
  ms === undefined || !Number.isFinite(ms) ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;

/** Bytes in decimal KB or MB, as the budgets are written. */
export const fmtBytes = (bytes: number | undefined) => (bytes === undefined ? '—' : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} KB`);

const medianOf = (values: number[] | undefined) => (values?.length ? median(values) : undefined);

/** The median over rounds of one task's statistic. */
const task = (r: CorpusResult | undefined, name: TaskCost['name'], stat: 'p50' | 'p99') => medianOf(r?.query?.map((round) => round.find((t) => t.name === name)![stat]));

/** The figures a corpus is judged on: medians over the fresh processes (start-up) and over the rounds (query cost). */
export function figures(r: CorpusResult | undefined) {
  const worstFirst = Object.values(r?.worstFirstMs ?? {}).map((runs) => median(runs));
  return {
    startupMs: medianOf(r?.startup?.map((s) => s.importMs)),
    firstMs: medianOf(r?.startup?.map((s) => s.requestMs[0])),
    secondMs: medianOf(r?.startup?.map((s) => s.requestMs[1])),
    heapMB: medianOf(r?.startup?.map((s) => s.heapMB)),
    /** The slowest kind of worst case, by its median over fresh processes. */
    worstFirstMs: worstFirst.length ? Math.max(...worstFirst) : undefined,
    search: { p50: task(r, 'search', 'p50'), p99: task(r, 'search', 'p99') },
    worst: { p50: task(r, 'worst', 'p50'), p99: task(r, 'worst', 'p99') },
    health: { p50: task(r, 'health', 'p50'), p99: task(r, 'health', 'p99') },
  };
}

function verdict(budget: string, value: number | undefined, limit: number, show: (v: number) => string, atLeast = false): Verdict {
  if (value === undefined || !Number.isFinite(value)) return { budget, measured: '—', status: 'n/a' };
  return { budget, measured: show(value), status: (atLeast ? value >= limit : value <= limit) ? 'PASS' : 'FAIL' };
}

/** Every budget, judged on what was measured. */
export function evaluate(embedded: CorpusResult | undefined, sizes: CorpusResult[], http: HttpLoad | undefined): Verdict[] {
  const e = figures(embedded);
  const k10 = sizes.find((s) => s.label === '10k');
  const t = figures(k10);
  const build50 = sizes.find((s) => s.label === '50k')?.build;
  const ratio = (v: number) => `${v.toFixed(2)} × (pairs ${Math.min(...http!.ratios).toFixed(2)}–${Math.max(...http!.ratios).toFixed(2)})`;
  return [
    verdict('embedded: bundle ≤ 500 KB gzip', embedded?.bundle?.gzipBytes, 500e3, fmtBytes),
    verdict('embedded: start-up ≤ 20 ms', e.startupMs, 20, fmtMs),
    verdict('embedded: first request ≤ 10 ms CPU', e.firstMs, 10, fmtMs),
    verdict('embedded: worst-case first request ≤ 10 ms CPU', e.worstFirstMs, 10, fmtMs),
    verdict('embedded: query p99 ≤ 1 ms', e.search.p99, 1, fmtMs),
    verdict('embedded: /v1/search ≥ 0.8 × /health req/s', http?.ratio, 0.8, ratio, true),
    verdict('10k: start-up ≤ 150 ms', t.startupMs, 150, fmtMs),
    verdict('10k: query p99 ≤ 2 ms', t.search.p99, 2, fmtMs),
    verdict('10k: worst-case query p99 ≤ 10 ms', t.worst.p99, 10, fmtMs),
    verdict('10k: bundle ≤ 10 MB gzip', k10?.bundle?.gzipBytes, 10e6, fmtBytes),
    verdict('50k: build ≤ 5 min', build50 && (build50.ok || build50.timedOut) ? build50.ms : undefined, 300_000, (v) => (build50?.timedOut ? `> ${fmtMs(v)} (killed)` : fmtMs(v))),
  ];
}
