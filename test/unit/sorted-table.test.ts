/** @module Unit tests of the packed string tables (lexicon, readings, postings): every layout finds every key and nothing else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packTable, SortedKeys, SortedTable } from '../../src/text/sorted-table';

const noNewline = (s: string) => !s.includes('\n');
const tables = fc.uniqueArray(fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter(noNewline), fc.string().filter(noNewline)), { selector: ([k]) => k });

describe('packed tables', () => {
  it('find every key with its value, in both layouts, after a JSON round trip', () => {
    fc.assert(
      fc.property(tables, fc.boolean(), (entries, fixedWidth) => {
        const table = new SortedTable(JSON.parse(JSON.stringify(packTable(entries, { fixedWidth }))));
        for (const [k, v] of entries) expect(table.get(k)).toBe(v);
        expect(table.get('\u0000absent')).toBeUndefined();
        expect(table.entries()).toEqual([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
      { numRuns: 1000 },
    );
  });

  it('store single-character keys without separators, an astral character apart', () => {
    const packed = packTable([['汇', 'a'], ['付', 'b'], ['𨱏', 'c']], { fixedWidth: true });
    expect(packed.width).toBe(1);
    expect(packed.keys).toBe('付汇');
    expect(packed.rest?.keys).toBe('𨱏');
    expect(new SortedTable(packed).get('𨱏')).toBe('c');
    expect(new SortedKeys(packed).size).toBe(2);
  });

  it('refuse a newline in a key or value', () => {
    expect(() => packTable([['a\nb', 'x']])).toThrow(/newline/);
    expect(() => packTable([['a', 'x\ny']])).toThrow(/newline/);
  });
});
