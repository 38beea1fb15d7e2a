/** @module Bench: small statistics (median, percentiles, combined rounds) and number formatting for the report. */
import { loadavg } from 'node:os';
import type { QueryBreakdown, QueryCost, TaskStats } from './query-cost';

/** Summary of repeated measurements, in the samples' unit. */
export interface Summary {
  n: number;
  min: number;
  median: number;
  max: number;
}

/** The p-th percentile (0..100) by linear interpolation; NaN for no samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** Median of the samples. */
export function median(samples: number[]): number {
  return percentile(samples, 50);
}

/** min / median / max of the samples. */
export function summarize(samples: number[]): Summary {
  return { n: samples.length, min: Math.min(...samples), median: median(samples), max: Math.max(...samples) };
}

/** Median of one numeric field over a list of records (records without it are skipped). */
export function medianOf<T>(records: T[], pick: (r: T) => number | undefined): number {
  return median(records.map(pick).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
}

/** The 1-minute load average, to show how busy the shared machine was. */
export function load1(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

/** Milliseconds with a precision that suits their size ("0.42 ms", "12.3 ms", "1.52 s"). */
export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(0)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** Bytes as KB or MB (decimal units, as budgets are written). */
export function fmtBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1)} MB`;
  return `${(bytes / 1e3).toFixed(0)} KB`;
}

/** A count with thousands separators. */
export function fmtInt(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '—' : Math.round(n).toLocaleString('en-US');
}

/**
 * Combines the query cost of several fresh-process rounds: per task the median of each statistic (the max of
 * `max`, the sum of `samples`), each round's p99 kept for the report; per query the median of each timing. The
 * host is shared: a round that a neighbour slows down as a whole moves a one-round p99 by ±30%, the median of
 * three by less.
 */
export function combineRounds(rounds: QueryCost[]): QueryCost {
  if (rounds.length === 1) return rounds[0];
  const tasks = rounds[0].tasks.map((t): TaskStats => {
    const same = rounds.map((r) => r.tasks.find((x) => x.name === t.name)).filter((x): x is TaskStats => x !== undefined);
    return {
      name: t.name,
      samples: same.reduce((a, x) => a + x.samples, 0),
      mean: median(same.map((x) => x.mean)),
      p50: median(same.map((x) => x.p50)),
      p99: median(same.map((x) => x.p99)),
      max: Math.max(...same.map((x) => x.max)),
    };
  });
  const p99Rounds = Object.fromEntries(rounds[0].tasks.map((t) => [t.name, rounds.map((r) => r.tasks.find((x) => x.name === t.name)?.p99 ?? NaN)]));
  const perQuery = rounds[0].perQuery.map((q, i): QueryBreakdown => {
    const all = rounds.map((r) => r.perQuery[i]);
    const m = (k: 'handler' | 'search' | 'analyze' | 'lookups' | 'wordLookups' | 'gramLookups') => median(all.map((x) => x[k]));
    return { ...q, handler: m('handler'), search: m('search'), analyze: m('analyze'), lookups: m('lookups'), wordLookups: m('wordLookups'), gramLookups: m('gramLookups') };
  });
  const bare = rounds.map((r) => r.bareBuildMs).filter((x): x is number => x !== undefined);
  return {
    tasks,
    p99Rounds,
    perQuery,
    coldCacheSupported: rounds.every((r) => r.coldCacheSupported),
    bareBuildMs: bare.length ? median(bare) : undefined,
    bareError: rounds.find((r) => r.bareError)?.bareError,
  };
}
