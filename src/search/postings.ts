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
 * Encodes postings given in ascending position order: first how many there are (a scorer needs the document
 * frequency before the first posting), then each posting as the gap to the previous position, doubled, plus one
 * when the count is above 1, followed by the count only in that case: the common posting (count 1, nearby entry)
 * takes one or two characters instead of the seven of "1234:1 ".
 */
export function encodePostings(postings: Iterable<[position: number, count: number]>): string {
  let out = '';
  let n = 0;
  let last = -1;
  for (const [position, count] of postings) {
    if (position <= last) throw new Error(`posting positions must ascend (${position} after ${last})`);
    if (!Number.isInteger(count) || count < 1) throw new Error(`bad posting count ${count}`);
    const gap = position - last - 1;
    out += encodeNumber(gap * 2 + (count > 1 ? 1 : 0));
    if (count > 1) out += encodeNumber(count);
    last = position;
    n++;
  }
  return encodeNumber(n) + out;
}

/**
 * Reads a posting list written by encodePostings, one posting at a time, without allocating: the hot path of a
 * query, where the scorer turns each posting into a score as it is read.
 */
export class PostingReader {
  /** The posting just read. */
  position = -1;
  count = 0;
  private text = '';
  private i = 0;
  private end = 0;

  /** Starts on `text[start, end)` and returns how many postings it holds (0 for an empty range). */
  reset(text: string, start: number, end: number): number {
    this.text = text;
    this.i = start;
    this.end = end;
    this.position = -1;
    return start < end ? this.number() : 0;
  }

  /** Reads the next posting into `position` and `count`; false at the end of the list. */
  next(): boolean {
    if (this.i >= this.end) return false;
    const head = this.number();
    this.position += (head >>> 1) + 1;
    this.count = head & 1 ? this.number() : 1;
    return true;
  }

  private number(): number {
    let value = 0;
    for (;;) {
      if (this.i >= this.end) throw new Error(`posting list ends inside a number at ${this.i}`);
      const c = this.text.charCodeAt(this.i++);
      const d = c < 128 ? DIGIT[c] : -1;
      if (d < 0) throw new Error(`bad character in posting list at ${this.i - 1}`);
      if (d >= 32) return value * 32 + d - 32;
      value = value * 32 + d;
    }
  }
}

/** Decodes `text[start, end)` written by encodePostings (tools and tests; queries read with PostingReader). */
export function decodePostings(text: string, start = 0, end = text.length): Postings {
  const reader = new PostingReader();
  const n = reader.reset(text, start, end);
  const positions = new Int32Array(n);
  const counts = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    if (!reader.next()) throw new Error('posting list shorter than its count');
    positions[k] = reader.position;
    counts[k] = reader.count;
  }
  if (reader.next()) throw new Error('posting list longer than its count');
  return { positions, counts };
}

/** Writes a list of non-negative integers (field lengths) in the same code, without separators. */
export function encodeNumbers(values: Iterable<number>): string {
  let out = '';
  for (const v of values) out += encodeNumber(v);
  return out;
}

/**
 * Inverse of encodeNumbers. Counts the numbers first (one FINAL digit each) and fills a typed array: growing a
 * plain array and copying it cost ~15 ms for the 60,000 numbers of a 10k index's entry columns at start-up.
 */
export function decodeNumbers(text: string): Int32Array {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = c < 128 ? DIGIT[c] : -1;
    if (d < 0) throw new Error(`bad character in number list at ${i}`);
    if (d >= 32) n++;
  }
  if (n > 0 && DIGIT[text.charCodeAt(text.length - 1)] < 32) throw new Error('number list ends inside a number');
  const out = new Int32Array(n);
  let value = 0;
  for (let i = 0, k = 0; i < text.length; i++) {
    const d = DIGIT[text.charCodeAt(i)];
    if (d >= 32) {
      out[k++] = value * 32 + d - 32;
      value = 0;
    } else value = value * 32 + d;
  }
  return out;
}
