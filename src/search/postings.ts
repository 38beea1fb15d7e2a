/** @module Compact text encoding of posting lists (entry position, term frequency; per field for the word index), shared by the build that writes them and the worker that reads them. */

/**
 * Digits of the variable-length number code. A number is written in base 32, most significant digit first:
 * every digit but the last comes from CONTINUE, the last from FINAL, so numbers need no separator. All 64
 * characters are plain ASCII that JSON writes unescaped and that never occur in a PackedTable separator ('\n').
 */
const FINAL = '0123456789abcdefghijklmnopqrstuv';
const CONTINUE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-';

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

/**
 * Characters of a word entry's per-field counts: count c (0 ≤ c < 63) is COUNT_DIGITS[c], one character whatever
 * its value; 63 and above is COUNT_DIGITS[63] followed by c − 63 in the variable-length code (see
 * encodeWordPostings). The same 64 characters as the number code, so posting text stays plain JSON-safe ASCII.
 */
const COUNT_DIGITS = FINAL + CONTINUE;

/** The count character that says "63 or more: the rest follows as a number". */
const COUNT_ESCAPE = COUNT_DIGITS.length - 1;

/** Count value of each character code (or byte) of COUNT_DIGITS; anything else is −1. */
const COUNT = new Int8Array(256).fill(-1);
for (let i = 0; i < COUNT_DIGITS.length; i++) COUNT[COUNT_DIGITS.charCodeAt(i)] = i;

/**
 * Encodes the postings of one term in every field of the word index (`fields[f]`: field f's postings, ascending
 * positions, counts ≥ 1) as one list of entries in ascending position, so that a scorer reads each entry once, with
 * its counts in every field together. With F fields (F ≥ 1):
 *
 *     header   N df_0 … df_(F−1)         entries in the list, then entries holding the term in each field (a
 *                                        field's idf is needed before its first posting)
 *     entry    gap c_0 … c_(F−1)         N times, positions ascending
 *       gap    position − previous position − 1 (the previous position is −1 before the first entry)
 *       c_f    the term's count in field f, 0 when the field does not hold it (never 0 in every field): one
 *              character of COUNT_DIGITS below 63, else COUNT_DIGITS[63] and then the count − 63
 *
 * Numbers (the header and gaps) use the variable-length code of encodeNumbers. Every entry has the same shape: a
 * gap, one character for nearly every gap of a common term (below 32), then exactly one character per field. So
 * the reader's loop takes the same branches from entry to entry, and the scorer loops over all fields. Keep it
 * so: a denser code whose shape varies per entry (a field mask, counts only when above 1) makes the text shorter,
 * but mispredicted branches then dominate a lookup, and lookups are the hot path of a long query.
 */
export function encodeWordPostings(fields: readonly Iterable<[position: number, count: number]>[]): string {
  const F = fields.length;
  if (F < 1) throw new Error('a word posting list holds at least one field');
  const counts = new Map<number, number[]>();
  const df = fields.map((list, f) => {
    let n = 0;
    let last = -1;
    for (const [position, count] of list) {
      if (!Number.isInteger(position) || position <= last) throw new Error(`posting positions must ascend (${position} after ${last})`);
      if (!Number.isInteger(count) || count < 1) throw new Error(`bad posting count ${count}`);
      let entry = counts.get(position);
      if (!entry) counts.set(position, (entry = new Array<number>(F).fill(0)));
      entry[f] = count;
      last = position;
      n++;
    }
    return n;
  });
  const positions = [...counts.keys()].sort((a, b) => a - b);
  let out = encodeNumber(positions.length) + encodeNumbers(df);
  let last = -1;
  for (const position of positions) {
    out += encodeNumber(position - last - 1);
    for (const c of counts.get(position)!) out += c < COUNT_ESCAPE ? COUNT_DIGITS[c] : COUNT_DIGITS[COUNT_ESCAPE] + encodeNumber(c - COUNT_ESCAPE);
    last = position;
  }
  return out;
}

/** Copies posting text into bytes (all its characters are ASCII: one byte each). */
const ASCII = new TextEncoder();

/**
 * Reads a posting list written by encodePostings (reset, then next for each posting) or encodeWordPostings
 * (startWords, then readWords for all entries) without allocating: the hot path of a query, where the scorer turns
 * postings into scores. Both kinds share the number decoder and the byte copy: it reads a copy of the text in a
 * byte buffer, because posting values are slices of one large table string, and `charCodeAt` on such a sliced
 * string costs markedly more per character than a typed-array read. The copy (`encodeInto`, native) is cheap next
 * to the reads it saves.
 */
export class PostingReader {
  /** The posting just read (the last entry read, for a word list). */
  position = -1;
  count = 0;
  /** The text whose bytes are in `bytes`: reading the same text again (a term looked up twice) copies nothing. */
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

  /**
   * Starts on a whole word posting list (encodeWordPostings) of `df.length` fields: fills `df` with the entries
   * holding the term in each field and returns the number of entries (read them with readWords).
   */
  startWords(text: string, df: Int32Array): number {
    const F = df.length;
    if (F < 1) throw new Error('a word posting list holds at least one field');
    if (text !== this.text) this.load(text);
    this.i = 0;
    this.end = text.length;
    this.position = -1;
    const n = this.number();
    for (let f = 0; f < F; f++) df[f] = this.number();
    return n;
  }

  /**
   * Reads the `n` entries of the word list begun with startWords (`F` fields): positions into `positions[0, n)`
   * and counts into `counts[k·F + f]` (0 where field f does not hold the term), then checks that the list ends
   * there. Throws on text no encoder writes: a bad character, a list that ends early or goes on, an entry that no
   * field holds. One loop with the cursor in locals: the hot path of a query over a large index.
   */
  readWords(n: number, F: number, positions: Int32Array, counts: Int32Array): void {
    if (positions.length < n || counts.length < n * F) throw new Error(`room for ${positions.length} entries and ${counts.length} counts, not ${n} × ${F}`);
    const bytes = this.bytes;
    const end = this.end;
    let i = this.i;
    let position = this.position;
    for (let k = 0, c = 0; k < n; k++) {
      // The gap, as number() reads it (inline: locals, not fields, in the loop).
      let gap = 0;
      for (;;) {
        if (i >= end) throw new Error(`posting list ends inside a number at ${i}`);
        const d = DIGIT[bytes[i++]];
        if (d >= 32) {
          gap = gap * 32 + d - 32;
          break;
        }
        if (d < 0) throw new Error(`bad character in posting list at ${i - 1}`);
        gap = gap * 32 + d;
      }
      position += gap + 1;
      positions[k] = position;
      let any = 0;
      for (let f = 0; f < F; f++, c++) {
        if (i >= end) throw new Error(`word posting list ends inside an entry at ${i}`);
        let count = COUNT[bytes[i++]];
        if (count >= COUNT_ESCAPE) {
          this.i = i;
          count += this.number();
          i = this.i;
        } else if (count < 0) throw new Error(`bad character in posting list at ${i - 1}`);
        counts[c] = count;
        any |= count;
      }
      if (any === 0) throw new Error(`word posting without a field at entry ${position}`);
    }
    this.i = i;
    this.position = position;
    if (i < end) throw new Error('word posting list longer than its count');
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

/**
 * How many entries a posting list holds (encodePostings or encodeWordPostings: both begin with it), read from the
 * text's first characters without decoding or copying the rest; 0 for text no encoder writes.
 */
export function listLength(text: string): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = c < 256 ? DIGIT[c] : -1;
    if (d < 0) return 0;
    if (d >= 32) return value * 32 + d - 32;
    value = value * 32 + d;
  }
  return 0;
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

/**
 * Decodes a word posting list (encodeWordPostings) of `fieldCount` fields into each field's postings (tools and
 * tests; queries read with PostingReader.startWords). Stricter than the query path: it also checks the header's
 * per-field counts.
 */
export function decodeWordPostings(text: string, fieldCount: number): Postings[] {
  const reader = new PostingReader();
  const df = new Int32Array(fieldCount);
  const n = reader.startWords(text, df);
  const positions = new Int32Array(n);
  const counts = new Int32Array(n * fieldCount);
  reader.readWords(n, fieldCount, positions, counts);
  const lists = Array.from(df, (m) => ({ positions: new Int32Array(m), counts: new Int32Array(m) }));
  const filled = new Int32Array(fieldCount);
  for (let k = 0; k < n; k++) {
    for (let f = 0; f < fieldCount; f++) {
      const count = counts[k * fieldCount + f];
      if (count === 0) continue;
      if (filled[f] === df[f]) throw new Error(`field ${f} holds more postings than its count ${df[f]}`);
      lists[f].positions[filled[f]] = positions[k];
      lists[f].counts[filled[f]++] = count;
    }
  }
  for (let f = 0; f < fieldCount; f++) if (filled[f] !== df[f]) throw new Error(`field ${f} holds fewer postings than its count ${df[f]}`);
  return lists;
}

/** Writes non-negative integers (lengths, entry columns, a word list's header) in the same code, without separators. */
export function encodeNumbers(values: Iterable<number>): string {
  let out = '';
  for (const v of values) out += encodeNumber(v);
  return out;
}

/**
 * Inverse of encodeNumbers. Counts the numbers first (one FINAL digit each) and fills a typed array: growing a
 * plain array and copying it would weigh on start-up, which decodes every entry column this way.
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
