/** @module GET /v1/search's JSON text, written from kept entry and contact texts, is what JSON.stringify writes of its body. */
import { describe, expect, it } from 'vitest';
import { KeptJson } from '../../src/http/present';
import { searchBody, searchJson } from '../../src/http/responses';
import { CATEGORIES } from '../../src/model';
import { SearchEngine } from '../../src/search/engine';
import type { ShardLoader } from '../../src/search/shards';
import { loadQueries } from '../eval/evaluate';
import { loadArtifact } from '../eval/systems';

const engine = new SearchEngine(loadArtifact());
const noShards: ShardLoader = async () => {
  throw new Error('the embedded index has no shards');
};
/** tookMs is wall time, the one field that differs between two writings of one search. */
const untimed = (json: string) => json.replace(/"tookMs":[0-9.e+-]+/, '"tookMs":0');

describe('searchJson', () => {
  it('writes JSON.stringify(searchBody) byte for byte, unfiltered, per provider and per category, as entries are kept and dropped', async () => {
    // Room for a few entries only, so texts are dropped and written again.
    const kept = new KeptJson(engine, 7);
    const queries = [...loadQueries('test/eval/queries.jsonl').slice(0, 40).map((q) => q.q), '"results":[', '锁', 'zhifu mima', '？？？'];
    let compared = 0;
    for (const q of queries) {
      const runs = [{ q, limit: 20 }, ...[...engine.providers.keys()].map((provider) => ({ q, limit: 5, provider })), ...CATEGORIES.map((category) => ({ q, limit: 3, category }))];
      for (const params of runs) {
        expect(untimed(await searchJson(engine, params, noShards, kept))).toBe(untimed(JSON.stringify(await searchBody(engine, params, noShards))));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
