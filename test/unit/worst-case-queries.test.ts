/** @module The bench's and soak's worst-case queries (scripts/bench/queries.ts): distinct, within the API's limit, each kind as described. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusText, worstCaseQueries } from '../../scripts/bench/queries';
import { MAX_QUERY_LENGTH } from '../../src/http/schemas';

const text = corpusText(join(import.meta.dirname, '../../data'));
const queries = worstCaseQueries(text, 400);

describe('worstCaseQueries', () => {
  it('makes as many distinct queries as asked, of every kind in turn, 40 to 200 characters long', () => {
    expect(queries).toHaveLength(400);
    expect(new Set(queries.map((q) => q.q)).size).toBe(400);
    expect(queries.slice(0, 4).map((q) => q.kind)).toEqual(['common', 'rare', 'pinyin', 'homophones']);
    for (const { q } of queries) expect(Array.from(q).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    for (const { q, kind } of queries) if (kind !== 'pinyin') expect(Array.from(q).length, q).toBeGreaterThanOrEqual(40);
  });

  it('is deterministic for a text and a seed', () => {
    expect(worstCaseQueries(text, 40)).toEqual(queries.slice(0, 40));
    expect(worstCaseQueries(text, 40, 2)).not.toEqual(queries.slice(0, 40));
  });

  it('writes rare queries of distinct characters and pinyin of Latin letters and spaces', () => {
    for (const { q } of queries.filter((x) => x.kind === 'rare')) expect(new Set(q).size).toBe(Array.from(q).length);
    for (const { q } of queries.filter((x) => x.kind === 'pinyin')) expect(q).toMatch(/^[a-z ]+$/);
  });
});
