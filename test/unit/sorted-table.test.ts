/** @module Unit tests of the packed string tables (lexicon, readings, postings): every layout finds every key and nothing else. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { packTable, SortedKeys, SortedTable } from '../../src/text/sorted-table';

const noNewline = (s: string) => !s.includes('\n');
const tables = fc.uniqueArray(fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter(noNewline), fc.string().filter(noNewline)), { selector: ([k]) => k });

describe('packed tables', () => {
  it('find every key with its value, in both layouts, after a JSON round trip', () => {
    fc.assert(
      fc.property(tables, fc.boolean(), fc.option(fc.integer({ min: 1, max: 20 })), fc.array(fc.string({ unit: 'grapheme', maxLength: 3 }).filter(noNewline)), (entries, fixedWidth, block, probes) => {
        const packed = packTable(entries, { fixedWidth, block: block ?? 'auto' });
        const table = new SortedTable(JSON.parse(JSON.stringify(packed)));
        for (const [k, v] of entries) expect(table.get(k)).toBe(v);
        const values = new Map(entries);
        const near = entries.flatMap(([k]) => [k.slice(0, -1), `${k}a`, `${k}\u0000`, `${k.slice(0, -1)}\uffff`]);
        for (const p of [...probes, ...near]) expect(table.get(p), JSON.stringify(p)).toBe(values.get(p));
        for (const [k] of entries) expect(table.has(k)).toBe(true);
        expect(table.get('\u0000absent')).toBeUndefined();
        expect(table.get('\uffff\uffff\uffff\uffff')).toBeUndefined();
        expect(table.has('\u0000absent')).toBe(false);
        expect(table.has('\uffff\uffff\uffff\uffff')).toBe(false);
        expect(table.entries()).toEqual([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        const keys = new SortedKeys(packed);
        for (let i = 0; i < keys.size; i++) expect(keys.indexOf(keys.key(i))).toBe(i);
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

  it('look keys up in place, never splitting the shipped strings (a first lookup split every key and value: ~30,000 strings, 8 ms of a cold first query)', () => {
    const entries = Array.from({ length: 500 }, (_, i): [string, string] => [`k${i}`, `value ${i}`]);
    const packed = packTable(entries);
    const split = vi.spyOn(String.prototype, 'split');
    try {
      const table = new SortedTable(packed);
      for (const [k, v] of entries) expect(table.get(k)).toBe(v);
      expect(split).not.toHaveBeenCalled();
    } finally {
      split.mockRestore();
    }
  });

  it('give long values an offset each and short ones one per block', () => {
    expect(packTable([['a', 'x'.repeat(1000)], ['b', 'y']]).index.block).toBe(1);
    expect(packTable(Array.from({ length: 40 }, (_, i): [string, string] => [`k${i}`, 'v'])).index.block).toBe(16);
  });

  it('refuse an index that does not fit the table (a hand-edited or truncated artifact)', () => {
    const packed = packTable([['a', '1'], ['b', '2']]);
    expect(() => new SortedTable({ ...packed, count: 40 })).toThrow(/offsets/);
  });

  it('refuse a newline in a key or value', () => {
    expect(() => packTable([['a\nb', 'x']])).toThrow(/newline/);
    expect(() => packTable([['a', 'x\ny']])).toThrow(/newline/);
  });
});
