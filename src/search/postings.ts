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

/** Most fields a word posting list can describe: the field mask shares the head number with the gap (see encodeWordPostings). */
export const MAX_WORD_FIELDS = 5;

/** Largest head number of a word posting list: the reader splits heads with 32-bit integer operations. */
const MAX_HEAD = 0x7fffffff;

/**
 * Encodes the postings of one term in every field of the word index (`fields[f]`: field f's postings, ascending
 * positions, counts ≥ 1) as one list of entries in ascending position, so that a scorer reads each entry once and
 * writes its score straight out, already summed over fields. With F fields (1 ≤ F ≤ MAX_WORD_FIELDS):
 *
 *     header   N df_0 … df_(F−1)         entries in the list, then entries holding the term in each field (a
 *                                        field's idf is needed before its first posting)
 *     entry    head [tf …]               N times, positions ascending
 *     head     gap · 2^(F+1) + mask · 2 + many
 *       gap    position − previous position − 1 (the previous position is −1 before the first entry)
 *       mask   bit f set when field f holds the term (never 0)
 *       many   1 when the term occurs more than once in some field of the mask
 *     tf       only when many = 1: the term's count in each field of the mask, in field order (1s included)
 *
 * All numbers use the variable-length code of encodeNumbers. With the three word fields (head = gap · 16 +
 * mask · 2 + many) the common entry, one field and one occurrence, takes one character up to gap 1 and two up to
 * gap 63, where a single-field posting of encodePostings took one up to gap 15 and two up to 511; but an entry
 * holding the term in two or three fields pays one gap instead of one per field, and a term pays one header
 * instead of three counts and two separators: the word postings of the shipped and the 10k artifact came out
 * 8% and 3.5% shorter than as three lists. Heads stay below 2^31 (gaps up to ~2^27 with three fields) so that
 * the reader can split them with shifts.
 */
export function encodeWordPostings(fields: readonly Iterable<[position: number, count: number]>[]): string {
  const F = fields.length;
  if (F < 1 || F > MAX_WORD_FIELDS) throw new Error(`a word posting list holds 1 to ${MAX_WORD_FIELDS} fields, not ${F}`);
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
  const scale = 2 ** (F + 1);
  let last = -1;
  for (const position of positions) {
    const entry = counts.get(position)!;
    let mask = 0;
    let many = 0;
    for (let f = 0; f < F; f++) {
      if (entry[f] > 0) mask |= 1 << f;
      if (entry[f] > 1) many = 1;
    }
    const head = (position - last - 1) * scale + mask * 2 + many;
    if (head > MAX_HEAD) throw new Error(`entry ${position} is too far from entry ${last} for a word posting list`);
    out += encodeNumber(head);
    if (many) for (let f = 0; f < F; f++) if (entry[f] > 0) out += encodeNumber(entry[f]);
    last = position;
  }
  return out;
}

/** Copies posting text into bytes (all its characters are ASCII: one byte each). */
const ASCII = new TextEncoder();

/**
 * Reads a posting list written by encodePostings (reset, next) or encodeWordPostings (startWords, entry,
 * nextCount), one posting at a time, without allocating: the hot path of a query, where the scorer turns each
 * posting into a score as it is read. Both kinds share the number decoder and the byte copy: it reads a copy of
 * the text in a byte buffer, because posting values are slices of one large table string, and `charCodeAt` on
 * such a sliced string cost about twice as much per character as a typed-array read (a large part of a long
 * query's lookup time at 10k). The copy (`encodeInto`, native) costs microseconds per term.
 */
export class PostingReader {
  /** The posting (or word entry) just read. */
  position = -1;
  count = 0;
  /** Word entry just read (see startWords): the fields holding the term (bit f for field f) … */
  mask = 0;
  /** … and 1 when some of them hold it more than once (its counts then follow: see entry). */
  many = 0;
  /** Of the word list being read: bits below the gap in a head, and the mask of all its fields. */
  private shift = 0;
  private fields = 0;
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
   * holding the term in each field and returns the number of entries (read them with `entry`).
   */
  startWords(text: string, df: Int32Array): number {
    const F = df.length;
    if (F < 1 || F > MAX_WORD_FIELDS) throw new Error(`a word posting list holds 1 to ${MAX_WORD_FIELDS} fields, not ${F}`);
    if (text !== this.text) this.load(text);
    this.i = 0;
    this.end = text.length;
    this.position = -1;
    this.shift = F + 1;
    this.fields = (1 << F) - 1;
    const n = this.number();
    for (let f = 0; f < F; f++) df[f] = this.number();
    return n;
  }

  /**
   * Reads the head of the next entry of a word posting list into `position`, `mask` and `many`. When `many` is 1
   * the caller then reads the entry's counts with `nextCount`, one per field of the mask in field order (the scorer
   * scores each field as it reads its count: one loop over the mask instead of two). The caller counts entries
   * (startWords said how many there are); reading past the end throws.
   */
  entry(): void {
    const head = this.number();
    if (head > MAX_HEAD) throw new Error(`word posting head out of range at ${this.i}`);
    const mask = (head >>> 1) & this.fields;
    // A zero mask would make an entry no field holds: only corrupt text can say that.
    if (mask === 0) throw new Error(`word posting without a field at ${this.i}`);
    this.position += (head >>> this.shift) + 1;
    this.mask = mask;
    this.many = head & 1;
  }

  /** Reads the count of the next field of a word entry whose `many` is 1 (see entry). */
  nextCount(): number {
    const c = this.number();
    if (c < 1) throw new Error(`bad posting count at ${this.i}`);
    return c;
  }

  /** True when the text has been read to its end. */
  finished(): boolean {
    return this.i >= this.end;
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

/**
 * Decodes a word posting list (encodeWordPostings) of `fieldCount` fields into each field's postings (tools and
 * tests; queries read with PostingReader.startWords). Stricter than the query path: it also checks the header's
 * per-field counts and that the encoding is the one the encoder writes.
 */
export function decodeWordPostings(text: string, fieldCount: number): Postings[] {
  const reader = new PostingReader();
  const df = new Int32Array(fieldCount);
  const n = reader.startWords(text, df);
  const lists = Array.from(df, (m) => ({ positions: new Int32Array(m), counts: new Int32Array(m) }));
  const filled = new Int32Array(fieldCount);
  for (let k = 0; k < n; k++) {
    reader.entry();
    let above = false;
    for (let f = 0; f < fieldCount; f++) {
      if ((reader.mask & (1 << f)) === 0) continue;
      const count = reader.many ? reader.nextCount() : 1;
      if (filled[f] === df[f]) throw new Error(`field ${f} holds more postings than its count ${df[f]}`);
      lists[f].positions[filled[f]] = reader.position;
      lists[f].counts[filled[f]++] = count;
      if (count > 1) above = true;
    }
    if (reader.many && !above) throw new Error(`entry ${reader.position} is marked as counting more than once but does not`);
  }
  if (!reader.finished()) throw new Error('word posting list longer than its count');
  for (let f = 0; f < fieldCount; f++) if (filled[f] !== df[f]) throw new Error(`field ${f} holds fewer postings than its count ${df[f]}`);
  return lists;
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
