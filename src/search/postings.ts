/** @module Compact text encoding of posting lists (entry position, term frequency), shared by the build that writes them and the worker that reads them. */

/**
 * Digits of the variable-length number code. A number is written in base 32, most significant digit first:
 * every digit but the last comes from CONTINUE, the last from FINAL, so numbers need no separator. All 64
 * characters are plain ASCII that JSON writes unescaped and that never occur in a PackedTable separator ('\n')
 * or in FIELD_SEPARATOR.
 */
const FINAL = '0123456789abcdefghijklmnopqrstuv';
const CONTINUE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-';

/** Separates the posting lists of the fields of one term (see WordIndexData). */
export const FIELD_SEPARATOR = '|';

/** Digit value of each character code; FINAL digits are marked by adding 32. */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) {
  DIGIT[FINAL.charCodeAt(i)] = i + 32;
  DIGIT[CONTINUE.charCodeAt(i)] = i;
}

/** Writes one non-negative integer. */
function encodeNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`cannot encode ${n} in a posting list`);
  let out = FINAL[n & 31];
  n = Math.floor(n / 32);
  while (n > 0) {
    out = CONTINUE[n & 31] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** A decoded posting list: entry positions (ascending) and the term's frequency in each. */
export interface Postings {
  positions: Int32Array;
  counts: Int32Array;
}

/**
 * Encodes postings given in ascending position order. Each posting is the gap to the previous position,
 * doubled, plus one when the count is above 1, followed by the count only in that case: the common posting
 * (count 1, nearby entry) takes one or two characters instead of the seven of "1234:1 ".
 */
export function encodePostings(postings: Iterable<[position: number, count: number]>): string {
  let out = '';
  let last = -1;
  for (const [position, count] of postings) {
    if (position <= last) throw new Error(`posting positions must ascend (${position} after ${last})`);
    if (!Number.isInteger(count) || count < 1) throw new Error(`bad posting count ${count}`);
    const gap = position - last - 1;
    out += encodeNumber(gap * 2 + (count > 1 ? 1 : 0));
    if (count > 1) out += encodeNumber(count);
    last = position;
  }
  return out;
}

/**
 * Decodes `text[start, end)` written by encodePostings into `positions` and `counts` (each at least as long as
 * the list) and returns how many postings it held. The hot path of a query: no allocation.
 */
export function decodePostingsInto(text: string, start: number, end: number, positions: Int32Array, counts: Int32Array): number {
  let n = 0;
  let value = 0;
  let last = -1;
  /** True when the next number is the count of the posting just read. */
  let wantCount = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c < 128 ? DIGIT[c] : -1;
    if (d < 0) throw new Error(`bad character in posting list at ${i}`);
    if (d < 32) {
      value = value * 32 + d;
      continue;
    }
    value = value * 32 + d - 32;
    if (wantCount) {
      counts[n - 1] = value;
      wantCount = false;
    } else {
      last += Math.floor(value / 2) + 1;
      positions[n] = last;
      counts[n++] = 1;
      wantCount = value % 2 === 1;
    }
    value = 0;
  }
  return n;
}

/** Decodes `text[start, end)` written by encodePostings (tools and tests; queries use decodePostingsInto). */
export function decodePostings(text: string, start = 0, end = text.length): Postings {
  const positions = new Int32Array(end - start);
  const counts = new Int32Array(end - start);
  const n = decodePostingsInto(text, start, end, positions, counts);
  return { positions: positions.slice(0, n), counts: counts.slice(0, n) };
}

/** Writes a list of non-negative integers (field lengths) in the same code, without separators. */
export function encodeNumbers(values: Iterable<number>): string {
  let out = '';
  for (const v of values) out += encodeNumber(v);
  return out;
}

/** Inverse of encodeNumbers. */
export function decodeNumbers(text: string): Int32Array {
  const out: number[] = [];
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const d = DIGIT[text.charCodeAt(i)];
    if (d < 0) throw new Error(`bad character in number list at ${i}`);
    if (d >= 32) {
      out.push(value * 32 + d - 32);
      value = 0;
    } else value = value * 32 + d;
  }
  return Int32Array.from(out);
}
