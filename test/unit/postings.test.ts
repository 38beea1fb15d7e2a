/** @module Unit tests of the compact posting-list code shared by the build and the worker. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNumbers, decodePostings, encodeNumbers, encodePostings, FIELD_SEPARATOR } from '../../src/search/postings';

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

  it('decode a slice of a longer string (one field of a term)', () => {
    const a = encodePostings([[0, 1], [7, 3]]);
    const b = encodePostings([[2, 1]]);
    const joined = `${a}${FIELD_SEPARATOR}${b}`;
    expect([...decodePostings(joined, a.length + 1).positions]).toEqual([2]);
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

describe('number lists', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 })), (values) => {
        expect([...decodeNumbers(encodeNumbers(values))]).toEqual(values);
      }),
    );
  });
});
