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

/** Digit value of each character code (or byte); FINAL digits are marked by adding 32, anything else is −1. */
const DIGIT = new Int8Array(256).fill(-1);
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

/** Copies posting text into bytes (all its characters are ASCII: one byte each). */
const ASCII = new TextEncoder();

/**
 * Reads a posting list written by encodePostings, one posting at a time, without allocating: the hot path of a
 * query, where the scorer turns each posting into a score as it is read. It reads a copy of the text in a byte
 * buffer: posting values are slices of one large table string, and `charCodeAt` on such a sliced string cost
 * about twice as much per character as a typed-array read (a large part of a long query's lookup time at 10k).
 * The copy (`encodeInto`, native) costs microseconds per term.
 */
export class PostingReader {
  /** The posting just read. */
  position = -1;
  count = 0;
  /** The text whose bytes are in `bytes`: reading the next field of the same term copies nothing. */
  private text = '';
  private bytes = new Uint8Array(0);
  private i = 0;
  private end = 0;

  /** Starts on `text[start, end)` and returns how many postings it holds (0 for an empty range). */
  reset(text: string, start: number, end: number): number {
    if (text !== this.text) this.load(text);
    this.i = start;
    this.end = end;
    this.position = -1;
    return start < end ? this.number() : 0;
  }

  /** Copies `text` into the byte buffer (grown to the longest text read so far). */
  private load(text: string): void {
    if (this.bytes.length < text.length) this.bytes = new Uint8Array(Math.max(text.length, 2 * this.bytes.length));
    const { read, written } = ASCII.encodeInto(text, this.bytes);
    // A character outside ASCII takes several bytes and would shift every offset after it: refuse it outright.
    if (read !== text.length || written !== text.length) {
      this.text = '';
      throw new Error('bad character in posting list (not ASCII)');
    }
    this.text = text;
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
    const bytes = this.bytes;
    let value = 0;
    for (;;) {
      if (this.i >= this.end) throw new Error(`posting list ends inside a number at ${this.i}`);
      const d = DIGIT[bytes[this.i++]];
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
  if (text.length > 0 && DIGIT[text.charCodeAt(text.length - 1)] < 32) throw new Error('number list ends inside a number');
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
