/** @module WordIndex over the one-list word postings scores exactly (bit for bit) as the per-field BM25+ sums it replaced. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BM25, packWordIndex, WordIndex, type MiniSearchJson } from '../../src/search/word-index';
import { decodeWordPostings } from '../../src/search/postings';
import { TermCache } from '../../src/search/term-cache';
import { SortedTable } from '../../src/text/sorted-table';

/** A MiniSearch-shaped index: field ids in a different order than the shipped fields, short ids unlike positions. */
interface Case {
  json: MiniSearchJson;
  ids: string[];
  fields: string[];
  boosts: number[];
}

const FIELD_NAMES = ['question', 'steps', 'answer', 'title', 'tags'];

const cases: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 1, max: 300 }),
    F: fc.integer({ min: 1, max: 5 }),
  })
  .chain(({ n, F }) =>
    fc.record({
      n: fc.constant(n),
      F: fc.constant(F),
      // Field lengths per entry and field (0: the entry has no text in that field).
      lengths: fc.array(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: F, maxLength: F }), { minLength: n, maxLength: n }),
      // Per term, per field: which entries hold it (a density, so some terms are in most entries) and how often.
      terms: fc.array(
        fc.array(
          fc.tuple(
            fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
            fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          ),
          { minLength: F, maxLength: F },
        ),
        { minLength: 1, maxLength: 12 },
      ),
      boosts: fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: F, maxLength: F }),
      fieldOrder: fc.shuffledSubarray([...Array(F).keys()], { minLength: F, maxLength: F }),
      idOrder: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    }),
  )
  .map(({ n, F, lengths, terms, boosts, fieldOrder, idOrder }): Case => {
    const fields = FIELD_NAMES.slice(0, F);
    const ids = Array.from({ length: n }, (_, i) => `e${i}`);
    // MiniSearch numbers documents in insertion order; here short id s is entry idOrder[s].
    const documentIds = Object.fromEntries(idOrder.map((p, s) => [String(s), ids[p]]));
    const shortOf = new Map(idOrder.map((p, s) => [p, String(s)]));
    const fieldIds = Object.fromEntries(fields.map((f, i) => [f, fieldOrder[i]]));
    const fieldLength: Record<string, number[]> = {};
    const sums = new Array<number>(F).fill(0);
    for (let p = 0; p < n; p++) {
      const perFid = new Array<number>(F).fill(0);
      fields.forEach((_, i) => {
        perFid[fieldOrder[i]] = lengths[p][i];
        sums[fieldOrder[i]] += lengths[p][i];
      });
      fieldLength[shortOf.get(p)!] = perFid;
    }
    const averageFieldLength = sums.map((s) => s / n || 1);
    let rng = 1;
    const index: MiniSearchJson['index'] = terms.map((perField, t) => {
      const data: Record<string, Record<string, number>> = {};
      perField.forEach(([density, seed], i) => {
        rng = seed || 1;
        const next = () => ((rng = (Math.imul(rng, 48271) >>> 0) % 2147483647) / 2147483647);
        const postings: Record<string, number> = {};
        for (let p = 0; p < n; p++) {
          if (next() >= density) continue;
          const r = next();
          postings[shortOf.get(p)!] = r < 0.7 ? 1 : r < 0.95 ? 2 + Math.floor(next() * 5) : 1 + Math.floor(next() * 3000);
        }
        if (Object.keys(postings).length) data[String(fieldOrder[i])] = postings;
      });
      // MiniSearch keeps a term only if some field holds it.
      if (Object.keys(data).length === 0) data[String(fieldOrder[0])] = { [shortOf.get(t % n)!]: 1 };
      return [`t${t}`, data];
    });
    return { json: { documentCount: n, documentIds, fieldIds, fieldLength, averageFieldLength, index }, ids, fields, boosts };
  });

/**
 * The computation the one-pass search replaced, written from MiniSearch's calcBM25Score: per field in field
 * order, per posting, boost × BM25+ added into a per-entry sum that starts at 0.
 */
function referenceScores({ json, ids, fields, boosts }: Case, term: string): Map<number, number> {
  const { k, b, d } = BM25;
  const position = new Map(ids.map((id, p) => [id, p]));
  const data = json.index.find(([t]) => t === term)![1];
  const sum = new Map<number, number>();
  fields.forEach((field, f) => {
    const fid = json.fieldIds[field];
    const postings = Object.entries(data[String(fid)] ?? {});
    const df = postings.length;
    if (df === 0) return;
    const idf = Math.log(1 + (json.documentCount - df + 0.5) / (df + 0.5));
    const avg = json.averageFieldLength[fid];
    for (const [shortId, tf] of postings) {
      const p = position.get(json.documentIds[shortId])!;
      const length = json.fieldLength[shortId][fid];
      const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avg)));
      sum.set(p, (sum.get(p) ?? 0) + boosts[f] * raw);
    }
  });
  return sum;
}

describe('WordIndex over one-list word postings', () => {
  it('scores every term bit for bit as the per-field sums, positions ascending, each entry once', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const data = packWordIndex(c.json, c.ids, c.fields, (t) => t);
        const index = new WordIndex(data, c.boosts);
        const cache = new TermCache(1 << 12);
        for (const [term] of c.json.index) {
          const expected = referenceScores(c, term);
          // Both allocators: fresh arrays, and slices of a term cache's arena (which may run full).
          for (const out of [index.search(term), index.search(term, cache)]) {
            expect(out.positions.length).toBe(expected.size);
            for (let i = 0; i < out.positions.length; i++) {
              const p = out.positions[i];
              if (i > 0) expect(p).toBeGreaterThan(out.positions[i - 1]);
              expect(Object.is(out.scores[i], expected.get(p)), `${term} @${p}: ${out.scores[i]} vs ${expected.get(p)}`).toBe(true);
            }
          }
        }
        expect(index.search('absent').positions).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  });

  it('ships each field of each term as MiniSearch held it (decodeWordPostings)', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const data = packWordIndex(c.json, c.ids, c.fields, (t) => t);
        const position = new Map(c.ids.map((id, p) => [id, p]));
        const table = new SortedTable(data.postings);
        c.json.index.forEach(([term, perFid]) => {
          const lists = decodeWordPostings(table.get(term)!, c.fields.length);
          c.fields.forEach((field, f) => {
            const expected = Object.entries(perFid[String(c.json.fieldIds[field])] ?? {})
              .map(([s, tf]): [number, number] => [position.get(c.json.documentIds[s])!, tf])
              .sort((x, y) => x[0] - y[0]);
            expect([...lists[f].positions].map((p, i) => [p, lists[f].counts[i]])).toEqual(expected);
          });
        });
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a term whose list holds more entries than its header says', () => {
    const c: Case = {
      ids: ['a', 'b'],
      fields: ['question'],
      boosts: [1],
      json: { documentCount: 2, documentIds: { 0: 'a', 1: 'b' }, fieldIds: { question: 0 }, fieldLength: { 0: [3], 1: [4] }, averageFieldLength: [3.5], index: [['x', { 0: { 0: 1, 1: 2 } }]] },
    };
    const data = packWordIndex(c.json, c.ids, c.fields, (t) => t);
    // Header 2 entries, 2 in the field; entry 0: gap 0, tf 1; entry 1: gap 0, tf 2.
    expect(data.postings.values).toBe('22' + '01' + '02');
    const good = new WordIndex(data, c.boosts);
    expect([...good.search('x').positions]).toEqual([0, 1]);
    const bad = new WordIndex(data, c.boosts, { get: () => '12' + '01' + '02' });
    expect(() => bad.search('x')).toThrow(/longer than its count/);
    // An entry that no field holds: only corrupt text says that.
    const empty = new WordIndex(data, c.boosts, { get: () => '22' + '01' + '00' });
    expect(() => empty.search('x')).toThrow(/without a field/);
  });
});
