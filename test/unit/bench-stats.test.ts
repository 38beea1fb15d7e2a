/** @module Unit tests for the bench's combined query-cost rounds (scripts/bench/stats.ts). */
import { describe, expect, it } from 'vitest';
import type { QueryCost } from '../../scripts/bench/query-cost';
import { combineRounds } from '../../scripts/bench/stats';

const round = (p99: number, max: number, handler: number): QueryCost => ({
  tasks: [
    { name: 'GET /v1/search (term cache cold)', samples: 100, mean: p99 / 4, p50: p99 / 3, p99, max },
    { name: 'GET /health (framework floor)', samples: 200, mean: 0.01, p50: 0.01, p99: 0.05, max: 0.3 },
  ],
  perQuery: [{ q: '锁', kind: 'short', handler, search: handler / 2, analyze: 0.01, lookups: 0.02, wordLookups: 0.01, gramLookups: 0.01, hits: 5 }],
  coldCacheSupported: true,
  bareBuildMs: handler * 10,
});

describe('combineRounds', () => {
  it('takes the median of each statistic, the largest max and all samples, and keeps every round p99', () => {
    const c = combineRounds([round(3, 9, 1), round(1, 4, 3), round(2, 5, 2)]);
    const search = c.tasks[0];
    expect(search).toEqual({ name: 'GET /v1/search (term cache cold)', samples: 300, mean: 0.5, p50: 2 / 3, p99: 2, max: 9 });
    expect(c.p99Rounds?.['GET /v1/search (term cache cold)']).toEqual([3, 1, 2]);
    expect(c.perQuery[0]).toMatchObject({ q: '锁', handler: 2, search: 1, hits: 5 });
    expect(c.bareBuildMs).toBe(20);
  });

  it('returns a single round as it is', () => {
    const r = round(1, 2, 3);
    expect(combineRounds([r])).toBe(r);
  });
});
