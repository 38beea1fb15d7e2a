/** @module Unit tests of the compact posting-list code shared by the build and the worker. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNumbers, decodePostings, decodeWordPostings, encodeNumbers, encodePostings, encodeWordPostings, PostingReader } from '../../src/search/postings';

/** Ascending distinct positions with counts ≥ 1. */
const postingLists = fc
  .uniqueArray(fc.integer({ min: 0, max: 200_000 }), { maxLength: 200 })
  .chain((ps) => fc.tuple(fc.constant(ps.sort((a, b) => a - b)), fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: ps.length, maxLength: ps.length })))
  .map(([ps, cs]) => ps.map((p, i): [number, number] => [p, cs[i]]));

describe('posting lists', () => {
  it('round-trip any ascending list', () => {
    fc.assert(
      fc.property(postingLists, (list) => {
        const { positions, counts } = decodePostings(encodePostings(list));
        expect([...positions]).toEqual(list.map(([p]) => p));
        expect([...counts]).toEqual(list.map(([, c]) => c));
      }),
    );
  });

  it('decode a slice of a longer string', () => {
    const a = encodePostings([[0, 1], [7, 3]]);
    const b = encodePostings([[2, 1]]);
    const joined = `${a}${b}`;
    expect([...decodePostings(joined, a.length).positions]).toEqual([2]);
    expect([...decodePostings(joined, 0, a.length).counts]).toEqual([1, 3]);
  });

  it('spend one character on a nearby entry with one occurrence, after the count', () => {
    expect(encodePostings([[0, 1], [1, 1], [5, 1]])).toHaveLength(1 + 3);
    expect(decodePostings(encodePostings([])).positions).toHaveLength(0);
  });

  it('refuse a list whose count does not match its postings', () => {
    const list = encodePostings([[0, 1], [4, 2]]);
    expect(() => decodePostings(list.slice(0, -1))).toThrow();
    expect(() => decodePostings(`3${list.slice(1)}`)).toThrow(/shorter/);
  });

  it('write only JSON-safe characters and never a separator', () => {
    fc.assert(
      fc.property(postingLists, (list) => {
        expect(encodePostings(list)).toMatch(/^[0-9a-zA-Z_-]*$/);
      }),
    );
  });

  it('refuse positions out of order and bad counts', () => {
    expect(() => encodePostings([[3, 1], [3, 1]])).toThrow(/ascend/);
    expect(() => encodePostings([[3, 0]])).toThrow(/count/);
    expect(() => decodePostings('1|2')).toThrow(/bad character/);
  });
});

/** A field's postings as the encoders take them. */
type List = [position: number, count: number][];

/**
 * Word postings of 1..6 fields over shared positions: each position is in a random non-empty set of fields,
 * mostly with count 1, sometimes far apart, sometimes with counts around the one-character limit (63).
 */
const wordLists = fc
  .integer({ min: 1, max: 6 })
  .chain((F) =>
    fc.array(
      fc.tuple(
        fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 5_000_000 })),
        fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, fc.constant(0), fc.integer({ min: 60, max: 66 }), fc.integer({ min: 2, max: 5000 })), { minLength: F, maxLength: F }),
      ),
      { maxLength: 120 },
    ),
  )
  .map((rows): List[] => {
    const F = rows.length ? rows[0][1].length : 1;
    const lists: List[] = Array.from({ length: F }, () => []);
    let position = -1;
    for (const [gap, counts] of rows) {
      if (counts.every((c) => c === 0)) continue;
      position += gap + 1;
      counts.forEach((c, f) => c > 0 && lists[f].push([position, c]));
    }
    return lists;
  });

/** Decodes to plain arrays, one [position, count] list per field. */
const decodeLists = (text: string, F: number): List[] =>
  decodeWordPostings(text, F).map(({ positions, counts }) => [...positions].map((p, i): [number, number] => [p, counts[i]]));

describe('word posting lists (all fields of a term in one list)', () => {
  it('round-trip any fields, counts and gaps', () => {
    fc.assert(
      fc.property(wordLists, (lists) => {
        expect(decodeLists(encodeWordPostings(lists), lists.length)).toEqual(lists);
      }),
      { numRuns: 300 },
    );
  });

  it('write only JSON-safe characters', () => {
    fc.assert(
      fc.property(wordLists, (lists) => {
        expect(encodeWordPostings(lists)).toMatch(/^[0-9a-zA-Z_-]*$/);
      }),
    );
  });

  it('round-trip entries in several fields, counts above 1 in some, empty fields and big gaps', () => {
    const lists: List[] = [
      [[0, 1], [5, 2], [70_000, 1]],
      [],
      [[0, 3], [1, 1], [5, 1], [9_999_999, 7]],
    ];
    expect(decodeLists(encodeWordPostings(lists), 3)).toEqual(lists);
    expect(decodeLists(encodeWordPostings([[], [], []]), 3)).toEqual([[], [], []]);
    expect(encodeWordPostings([[], [], []])).toBe('0000');
  });

  it('read the same through the query reader: positions ascending, one count per field', () => {
    const text = encodeWordPostings([[[2, 1], [4, 1]], [[4, 3]], [[3, 70]]]);
    const reader = new PostingReader();
    const df = new Int32Array(3);
    expect(reader.startWords(text, df)).toBe(3);
    expect([...df]).toEqual([2, 1, 1]);
    const positions = new Int32Array(3);
    const counts = new Int32Array(9);
    reader.readWords(3, 3, positions, counts);
    expect([...positions]).toEqual([2, 3, 4]);
    expect([...counts]).toEqual([1, 0, 0, 0, 0, 70, 1, 3, 0]);
    // Announcing more entries than the text holds, or fewer, or giving too little room, throws.
    reader.startWords(text, df);
    expect(() => reader.readWords(4, 3, new Int32Array(4), new Int32Array(12))).toThrow(/ends inside a number/);
    reader.startWords(text, df);
    expect(() => reader.readWords(2, 3, positions, counts)).toThrow(/longer than its count/);
    reader.startWords(text, df);
    expect(() => reader.readWords(3, 3, positions, new Int32Array(8))).toThrow(/room/);
  });

  it('spend a gap and one character per field on an entry, after the header', () => {
    // Header: 3 entries, then 3, 0, 0 per field; each entry a one-character gap and three counts.
    expect(encodeWordPostings([[[0, 1], [2, 1], [3, 1]], [], []])).toHaveLength(4 + 3 * 4);
    expect(encodeWordPostings([[[0, 1], [2, 1], [3, 1]], [], []])).toBe('3300' + '0100' + '1100' + '0100');
    // The gap takes two characters from 32 on.
    expect(encodeWordPostings([[[31, 1]], [], []])).toHaveLength(4 + 4);
    expect(encodeWordPostings([[[32, 1]], [], []])).toHaveLength(4 + 5);
    // A count takes one character up to 62, then the escape and the rest as a number.
    expect(encodeWordPostings([[[0, 62]], [], []])).toHaveLength(4 + 4);
    expect(encodeWordPostings([[[0, 63]], [], []])).toHaveLength(4 + 5);
    expect(encodeWordPostings([[[0, 63 + 32]], [], []])).toHaveLength(4 + 6);
  });

  it('refuse bad input when encoding', () => {
    expect(() => encodeWordPostings([[[3, 1], [3, 1]], [], []])).toThrow(/ascend/);
    expect(() => encodeWordPostings([[[3, 1], [2, 1]], [], []])).toThrow(/ascend/);
    expect(() => encodeWordPostings([[[-1, 1]]])).toThrow(/ascend/);
    expect(() => encodeWordPostings([[[1.5, 1]]])).toThrow(/ascend/);
    expect(() => encodeWordPostings([[[3, 0]], []])).toThrow(/count/);
    expect(() => encodeWordPostings([[[3, 1.5]]])).toThrow(/count/);
    expect(() => encodeWordPostings([])).toThrow(/field/);
  });

  it('refuse corrupt text when decoding', () => {
    const lists: List[] = [[[0, 1], [4, 2]], [[4, 1]], []];
    const text = encodeWordPostings(lists);
    expect(text).toBe('2210' + '0100' + '3210');
    expect(decodeLists(text, 3)).toEqual(lists);
    // Cut inside the last entry, or a whole entry short.
    expect(() => decodeWordPostings(text.slice(0, -1), 3)).toThrow(/ends inside an entry/);
    expect(() => decodeWordPostings(`3${text.slice(1)}`, 3)).toThrow(/ends inside a number/);
    // One entry fewer announced than written.
    expect(() => decodeWordPostings(`1${text.slice(1)}`, 3)).toThrow(/longer|more postings/);
    // Per-field counts that do not match the entries.
    expect(() => decodeWordPostings(`${text[0]}3${text.slice(2)}`, 3)).toThrow(/field 0 holds fewer postings/);
    expect(() => decodeWordPostings(`${text[0]}${text[1]}0${text.slice(3)}`, 3)).toThrow(/field 1 holds more postings/);
    // An entry in no field, an escape without its number, characters outside the code.
    expect(() => decodeWordPostings('1100' + '0000', 3)).toThrow(/without a field/);
    expect(() => decodeWordPostings('1100' + '0-', 3)).toThrow(/ends inside a number/);
    expect(() => decodeWordPostings('1|00', 3)).toThrow(/bad character/);
    expect(() => decodeWordPostings('1100' + '0|00', 3)).toThrow(/bad character/);
    expect(() => decodeWordPostings('1100\u4e2d', 3)).toThrow(/not ASCII/);
    // At least one field.
    expect(() => decodeWordPostings('0', 0)).toThrow(/field/);
  });
});

describe('number lists', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 })), (values) => {
        expect([...decodeNumbers(encodeNumbers(values))]).toEqual(values);
      }),
    );
  });
});
