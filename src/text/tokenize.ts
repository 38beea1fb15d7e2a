/** @module Dictionary segmentation of normalized text, shared by index time and query time so both produce the same terms. */
import { hanRuns, isHanAt, isHanWord, unitsAt } from './char-class';
import { packTable, SortedTable, type PackedTable } from './sorted-table';

/**
 * The segmentation lexicon: every word the build learned from jieba's segmentation of the corpus, the domain
 * dictionaries and general modern Chinese, with its cost (−log relative frequency). Shipped in the artifact.
 */
export interface Lexicon {
  /** Cost of a known word (lower is more likely), or undefined. */
  cost(word: string): number | undefined;
  /**
   * cost(text.slice(start, end)), without slicing out the first character to find its group; null when, besides,
   * no word starts with that text, so no longer text from `start` is a word either.
   */
  costAt(text: string, start: number, end: number): number | undefined | null;
  has(word: string): boolean;
  /** Cost of a character (or Latin/digit run) the lexicon does not know. */
  unknownCost: number;
  /** Longest word length in UTF-16 units. */
  maxLength: number;
  /**
   * Length in UTF-16 units of the longest word that starts with the character at `text[start]` (0 when none
   * does): segmentation tries no longer candidates there. Usually far below `maxLength`.
   */
  longestAt(text: string, start: number): number;
}

/**
 * The lexicon as shipped: words grouped by their first character (code point), each group one string of `rest:frequency`
 * entries separated by spaces (normalized words hold neither), after a header: the length of the group's longest
 * rest and a space. A worker reads only the groups of the characters its queries contain, so tens of thousands of
 * words cost nothing at start-up, and the header spares it a pass over a group to bound segmentation there.
 */
export interface PackedLexicon {
  total: number;
  maxLength: number;
  /** First character → its group string. */
  groups: PackedTable;
}

/** Packs word frequencies (integers ≥ 1) for shipping; deterministic for the same input. */
export function packLexicon(frequencies: Record<string, number>): PackedLexicon {
  const groups = new Map<string, string[]>();
  let total = 0;
  let maxLength = 1;
  for (const word of Object.keys(frequencies).sort()) {
    const freq = frequencies[word];
    if (!word || /[\s:]/.test(word) || !(freq >= 1)) continue;
    total += freq;
    maxLength = Math.max(maxLength, word.length);
    const first = firstChar(word);
    const list = groups.get(first);
    const entry = `${word.slice(first.length)}:${freq}`;
    if (list) list.push(entry);
    else groups.set(first, [entry]);
  }
  const packed = [...groups].map(([k, v]): [string, string] => [k, `${Math.max(...v.map((e) => e.lastIndexOf(':')))} ${v.join(' ')}`]);
  return { total, maxLength, groups: packTable(packed, { fixedWidth: true }) };
}

/** A shipped group's header (the length of its longest rest) and the offset where its entries start. */
function groupHeader(group: string): { longestRest: number; entries: number } {
  const space = group.indexOf(' ');
  return { longestRest: Number(group.slice(0, space)), entries: space + 1 };
}

/** The first code point of a non-empty string (a surrogate pair stays whole, so group keys are valid text). */
export function firstChar(word: string): string {
  return String.fromCodePoint(word.codePointAt(0)!);
}

/** Unpacks a shipped lexicon into word → frequency (for tests and tools; the worker never needs all of it). */
export function unpackLexicon(packed: PackedLexicon): Map<string, number> {
  const out = new Map<string, number>();
  for (const [first, group] of new SortedTable(packed.groups).entries()) {
    for (const entry of group.slice(groupHeader(group).entries).split(' ')) {
      const colon = entry.lastIndexOf(':');
      out.set(first + entry.slice(0, colon), Number(entry.slice(colon + 1)));
    }
  }
  return out;
}

/** Builds a lexicon over a packed one; each group is searched in place, never copied or parsed. */
export function createLexicon(packed: PackedLexicon): Lexicon {
  const total = Math.max(packed.total, 1);
  const table = new SortedTable(packed.groups);
  /** Groups read so far by the code point of their first character (a number: no string to build per lookup). */
  const groups = new Map<number, LexiconGroup>();
  // A character that starts no word is looked up again each time rather than remembered: the cache then holds at
  // most the shipped groups, whatever characters the traffic brings.
  const none: LexiconGroup = { entries: '', longest: 0 };
  const groupAt = (text: string, start: number): LexiconGroup => {
    const cp = text.codePointAt(start)!;
    let g = groups.get(cp);
    if (!g) {
      const first = String.fromCodePoint(cp);
      const group = table.get(first);
      if (!group) return none;
      const { longestRest, entries } = groupHeader(group);
      groups.set(cp, (g = { entries: group.slice(entries), longest: first.length + longestRest }));
    }
    return g;
  };
  // Segmentation looks up every candidate word of a query: the rest after the first character is compared where it
  // stands, with nothing sliced out.
  const costAt = (text: string, start: number, end: number) => {
    if (start >= end) return undefined;
    const frequency = findFrequency(groupAt(text, start).entries, text, start + unitsAt(text, start), end);
    if (frequency === undefined) return null;
    return frequency === 0 ? undefined : -Math.log(frequency / total);
  };
  const cost = (word: string) => costAt(word, 0, word.length) ?? undefined;
  return {
    cost,
    costAt,
    has: (word) => cost(word) !== undefined,
    // An unknown unit is rarer than the rarest known word, so known words always win a tie.
    unknownCost: -Math.log(0.5 / total),
    maxLength: packed.maxLength,
    longestAt: (text, start) => (start < text.length ? groupAt(text, start).longest : 0),
  };
}

/**
 * One lexicon group: its `rest:frequency` entries in word order, separated by spaces, and the length in UTF-16
 * units of its longest word (0 when empty).
 */
interface LexiconGroup {
  entries: string;
  longest: number;
}

/**
 * The frequency of the rest `text[from, to)` among a group's entries, by binary search over their offsets (entries
 * are in word order, a rest before every longer rest it starts). When it is no entry: 0 if an entry starts with it,
 * else undefined. Nothing is built, so a new isolate's first long query costs no parsing and no garbage.
 */
function findFrequency(entries: string, text: string, from: number, to: number): number | undefined {
  // The first offset of an entry that may hold the rest, and the offset past the last one.
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // The entry holding mid - 1 (lo itself when mid is lo): lo is always an entry's start.
    const start = mid > lo ? entries.lastIndexOf(' ', mid - 1) + 1 : lo;
    const c = compareRest(text, from, to, entries, start);
    if (c === 0) return readFrequency(entries, start + (to - from) + 1);
    if (c < 0) hi = start;
    else {
      const space = entries.indexOf(' ', start);
      lo = space === -1 ? entries.length : space + 1;
    }
  }
  // lo is the first entry after the rest: it starts with the rest if any entry does.
  return lo < entries.length && compareRest(text, from, to, entries, lo) === -2 ? 0 : undefined;
}

/**
 * `text[from, to)` against the rest of the entry at `entries[start]` (up to its ':'), by UTF-16 units as the build
 * sorted them: 0 when equal, -2 when the entry's rest starts with the text, otherwise -1 or 1.
 */
function compareRest(text: string, from: number, to: number, entries: string, start: number): number {
  for (let i = from, j = start; ; i++, j++) {
    const b = entries.charCodeAt(j);
    if (i === to) return b === 58 ? 0 : -2;
    if (b === 58) return 1;
    const a = text.charCodeAt(i);
    if (a !== b) return a < b ? -1 : 1;
  }
}

/** The decimal number at `text[i]` up to the next space or the end. */
function readFrequency(text: string, i: number): number {
  let end = text.indexOf(' ', i);
  if (end === -1) end = text.length;
  return Number(text.slice(i, end));
}

/**
 * Splits one space-free chunk into units: a Han character is one unit; a run of anything else (Latin
 * letters, digits) is one unit, so words and numbers are never cut inside.
 */
function unitBoundaries(chunk: string): number[] {
  const bounds = [0];
  let i = 0;
  while (i < chunk.length) {
    if (isHanAt(chunk, i)) {
      i += unitsAt(chunk, i);
    } else {
      while (i < chunk.length && !isHanAt(chunk, i)) i += unitsAt(chunk, i);
    }
    bounds.push(i);
  }
  return bounds;
}

/**
 * segmentChunk's tables, reused by every call (segmentation never re-enters itself) and grown to the longest chunk
 * (a chunk has no more units than UTF-16 units). In workerd each new typed array is an allocation outside the
 * JavaScript heap, and a question segments a dozen chunks.
 */
let bestScratch = new Float64Array(64);
let backScratch = new Int32Array(64);
let costScratch = new Float64Array(64);
let unitScratch = new Int32Array(64);

function reserveScratch(size: number): void {
  if (size <= unitScratch.length) return;
  const length = Math.max(size, 2 * unitScratch.length);
  bestScratch = new Float64Array(length);
  backScratch = new Int32Array(length);
  costScratch = new Float64Array(length);
  unitScratch = new Int32Array(length);
}

/**
 * Most likely segmentation of one chunk (minimum total cost over the unit lattice, as jieba does over its
 * DAG), appended to `spans` with offsets from `offset`. Lexicon words may span units (e.g. 24小时) but never split one.
 */
function segmentChunk(chunk: string, lexicon: Lexicon, offset: number, spans: WordSpan[]): void {
  const bounds = unitBoundaries(chunk);
  const n = bounds.length - 1;
  reserveScratch(chunk.length + 1);
  const best = bestScratch.fill(Infinity, 0, n + 1);
  const back = backScratch.fill(-1, 0, n + 1);
  // The cost of the word ending at each boundary on the best path there.
  const wordCost = costScratch;
  // Offset → index of the unit boundary there, −1 inside a unit (a typed array: a Set or a Map of the
  // boundaries would be most of a query's segmentation garbage).
  const unitAt = unitScratch.fill(-1, 0, chunk.length + 1);
  for (let k = 0; k <= n; k++) unitAt[bounds[k]] = k;
  best[0] = 0;
  for (let k = 0; k < n; k++) {
    if (best[k] === Infinity) continue;
    const start = bounds[k];
    // The single unit is always a candidate.
    const unitEnd = bounds[k + 1];
    const unitCost = lexicon.costAt(chunk, start, unitEnd) ?? lexicon.unknownCost;
    if (best[k] + unitCost < best[k + 1]) {
      best[k + 1] = best[k] + unitCost;
      back[k + 1] = k;
      wordCost[k + 1] = unitCost;
    }
    // No word is longer than the longest one starting with this character: trying further ends only sliced
    // strings to look up (most of a long query's analysis time and garbage).
    const limit = Math.min(chunk.length, start + lexicon.longestAt(chunk, start));
    for (let end = unitEnd + 1; end <= limit; end++) {
      const j = unitAt[end];
      if (j < 0) continue;
      const cost = lexicon.costAt(chunk, start, end);
      // No word starts with chunk[start, end): none ends further on either.
      if (cost === null) break;
      if (cost === undefined) continue;
      if (best[k] + cost < best[j]) {
        best[j] = best[k] + cost;
        back[j] = k;
        wordCost[j] = cost;
      }
    }
  }
  const first = spans.length;
  for (let j = n; j > 0; j = back[j]) {
    const start = bounds[back[j]];
    spans.push({ word: chunk.slice(start, bounds[j]), start: offset + start, end: offset + bounds[j], cost: wordCost[j] });
  }
  reverseFrom(spans, first);
}

/** Reverses `list[from, length)` in place. */
function reverseFrom<T>(list: T[], from: number): void {
  for (let i = from, j = list.length - 1; i < j; i++, j--) {
    const t = list[i];
    list[i] = list[j];
    list[j] = t;
  }
}

/** A segmented word with its UTF-16 range in the text it came from. */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
  /** Its cost in the lexicon, the lexicon's unknownCost when it knows none (as segmentation weighed it). */
  cost: number;
}

/** Segments normalized text (see normalize.ts) into words with their ranges. Spaces separate chunks. */
export function segmentSpans(normalized: string, lexicon: Lexicon): WordSpan[] {
  const spans: WordSpan[] = [];
  let offset = 0;
  for (const chunk of normalized.split(' ')) {
    if (chunk) segmentChunk(chunk, lexicon, offset, spans);
    offset += chunk.length + 1;
  }
  return spans;
}

/** Segments normalized text (see normalize.ts) into words, in order. */
export function segment(normalized: string, lexicon: Lexicon): string[] {
  return segmentSpans(normalized, lexicon).map((s) => s.word);
}

/**
 * Lexicon words of two or more characters inside a longer word (通联支付 → 通联, 支付), like jieba's
 * search mode: a query for 支付 then finds text where the segmenter kept 通联支付 whole.
 */
export function innerWords(word: string, lexicon: Lexicon): string[] {
  // Latin words are whole words: "hi" is not inside "zhifushibai".
  if (word.length < 3 || !isHanWord(word)) return [];
  const inner: string[] = [];
  for (let len = word.length - 1; len >= 2; len--) {
    for (let i = 0; i + len <= word.length; i++) {
      const sub = word.slice(i, i + len);
      if (lexicon.has(sub) && !inner.includes(sub)) inner.push(sub);
    }
  }
  return inner;
}

/** Index terms for normalized text: each segmented word followed by its inner words. */
export function tokenize(normalized: string, lexicon: Lexicon): string[] {
  const terms: string[] = [];
  for (const word of segment(normalized, lexicon)) {
    terms.push(word, ...innerWords(word, lexicon));
  }
  return terms;
}

/**
 * Han characters and overlapping character bigrams of the Han runs: the fallback field that lets a
 * one-character query (锁) or a piece from the middle of a word (付天) still find text.
 */
export function hanGrams(normalized: string): string[] {
  const grams: string[] = [];
  for (const run of hanRuns(normalized)) {
    const chars = Array.from(run.text);
    grams.push(...chars);
    for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
  }
  return grams;
}
