/** @module Pinyin matching at query time: toneless pinyin input and homophone typos mapped onto index vocabulary. */
import { PackedGroup, packTable, SortedTable, type PackedTable } from './sorted-table';

/** Toneless syllable → the characters read that way (polyphonic characters appear under each reading). Built by the build with pinyin-pro. */
export type ReadingTable = Record<string, string>;

/** A vocabulary word found in the query by sound rather than by spelling. */
export interface SoundMatch {
  term: string;
  /** UTF-16 range of the query text it replaces. */
  start: number;
  end: number;
}

/**
 * Folds the sounds speakers of many dialects do not tell apart (z/zh, c/ch, s/sh, n/l, -n/-ng, f/h before u), so
 * 投数 finds 投诉 and "zifu" finds 支付. Both the vocabulary and the query are folded the same way.
 */
export function fuzzySyllable(s: string): string {
  return s
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/^hu(?=[aeio]?n?g?$)/, 'fu')
    .replace(/(?<=[aei])ng$/, 'n')
    .replace(/ing$/, 'in');
}

/**
 * The shipped sound data: everything pinyin and homophone matching needs, precomputed by the build so a worker
 * builds nothing at start-up. A PinyinMatcher derives only lookup aids from it (maps of the groups of the sound index
 * it uses most, the syllable set, per-character caches), each on the first query that needs it.
 */
export interface SoundData {
  /** Han character → its toneless readings, space-separated. */
  readings: PackedTable;
  /**
   * The sound index: folded syllables of a vocabulary word, space-separated (a key) → the words read that way, most
   * frequent first, space-separated; every proper prefix of such a key is present too, mapped to '' (it prunes both
   * searches without building a set). Grouped by a key's first syllable: the table maps it to the group's entries
   * `rest=words` (the key after its first syllable and space, '' for the syllable alone), joined with '|' (keys are
   * Latin letters and spaces, words Han characters), so a lookup reads one small group in place.
   */
  words: PackedTable;
  /** Every valid toneless syllable, space-separated. */
  syllables: string;
  /** Most characters in a vocabulary word. */
  maxLength: number;
}

/** Every way to read a run of characters, as folded keys; [] when a character is unknown or there are too many. */
function readingKeys(chars: string[], keysOf: (ch: string) => string[], limit = 64): string[] {
  let keys = [''];
  for (const ch of chars) {
    const rs = keysOf(ch);
    if (rs.length === 0) return [];
    keys = keys.flatMap((k) => rs.map((r) => (k ? `${k} ${r}` : r)));
    if (keys.length > limit) return [];
  }
  return keys;
}

/**
 * Builds the sound data from a reading table and the vocabulary (Han words of two or more characters, most
 * frequent first). Pure and deterministic: the build ships its result, tests call it on small tables.
 */
export function buildSoundData(table: ReadingTable, vocabulary: Iterable<string>): SoundData {
  const readings = new Map<string, string[]>();
  for (const syllable of Object.keys(table).sort()) {
    for (const ch of table[syllable]) {
      const list = readings.get(ch);
      if (list) list.push(syllable);
      else readings.set(ch, [syllable]);
    }
  }
  const keysOf = (ch: string) => [...new Set((readings.get(ch) ?? []).map(fuzzySyllable))];
  const words = new Map<string, string[]>();
  let maxLength = 0;
  for (const term of vocabulary) {
    const chars = Array.from(term);
    if (chars.length < 2) continue;
    const keys = readingKeys(chars, keysOf);
    for (const key of keys) {
      const list = words.get(key);
      if (!list) words.set(key, [term]);
      else if (!list.includes(term)) list.push(term);
    }
    if (keys.length) maxLength = Math.max(maxLength, chars.length);
  }
  for (const key of [...words.keys()]) {
    const parts = key.split(' ');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join(' ');
      if (!words.has(prefix)) words.set(prefix, []);
    }
  }
  return {
    readings: packTable([...readings].map(([k, v]) => [k, v.join(' ')]), { fixedWidth: true }),
    words: packTable(soundGroups(words)),
    syllables: Object.keys(table).sort().join(' '),
    maxLength,
  };
}

/** The sound index's keys and words grouped by first syllable, in key order within a group (see SoundData.words). */
function soundGroups(words: Map<string, string[]>): [string, string][] {
  const groups = new Map<string, string[]>();
  for (const key of [...words.keys()].sort()) {
    const space = key.indexOf(' ');
    const first = space === -1 ? key : key.slice(0, space);
    const entry = `${space === -1 ? '' : key.slice(space + 1)}=${words.get(key)!.join(' ')}`;
    const group = groups.get(first);
    if (group) group.push(entry);
    else groups.set(first, [entry]);
  }
  return [...groups].map(([first, entries]) => [first, entries.join('|')]);
}

/** The words of the entry `rest=words` of a group's text, found in place, or undefined. */
function findSoundEntry(text: string, rest: string): string | undefined {
  for (let i = text.indexOf(`${rest}=`); i !== -1; i = text.indexOf(`${rest}=`, i + 1)) {
    if (i === 0 || text.charCodeAt(i - 1) === 124 /* | */) {
      const start = i + rest.length + 1;
      const end = text.indexOf('|', start);
      return text.slice(start, end === -1 ? text.length : end);
    }
  }
  return undefined;
}

/** A group's entries as rest → words. */
function parseSoundGroup(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of text.split('|')) {
    const eq = entry.indexOf('=');
    map.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return map;
}

/** Characters whose readings a matcher remembers: far more than the corpus and everyday queries use. */
const CACHE_LIMIT = 20_000;

/** Pinyin input and homophone typos matched onto the vocabulary, over shipped SoundData. Cheap to construct. */
export class PinyinMatcher {
  /** Per character; bounded (CACHE_LIMIT) so traffic with many distinct characters cannot grow them without end. */
  private readingCache = new Map<string, string[]>();
  private keyCache = new Map<string, string[]>();
  /** Groups of the sound index read so far, by first syllable, as rest of the key → words (see entry). */
  private groups = new Map<string, PackedGroup<string>>();
  private syllableSet: Set<string> | null = null;
  private maxSyllable = 6;

  private readings: SortedTable;
  private words: SortedTable;

  constructor(private data: SoundData) {
    this.readings = new SortedTable(data.readings);
    this.words = new SortedTable(data.words);
  }

  /** A matcher straight from a reading table and vocabulary (what the build does, for tests and tools). */
  static fromTable(table: ReadingTable, vocabulary: Iterable<string>): PinyinMatcher {
    return new PinyinMatcher(buildSoundData(table, vocabulary));
  }

  /** Toneless readings of one character ([] if unknown). */
  readingsOf(ch: string): string[] {
    let rs = this.readingCache.get(ch);
    if (!rs) {
      rs = this.readings.get(ch)?.split(' ') ?? [];
      if (this.readingCache.size < CACHE_LIMIT) this.readingCache.set(ch, rs);
    }
    return rs;
  }

  /** Folded readings of one character (see fuzzySyllable), the keys of the sound index. */
  private keysOf(ch: string): string[] {
    let keys = this.keyCache.get(ch);
    if (!keys) {
      keys = [...new Set(this.readingsOf(ch).map(fuzzySyllable))];
      if (this.keyCache.size < CACHE_LIMIT) this.keyCache.set(ch, keys);
    }
    return keys;
  }

  /**
   * The words of `key` in the sound index ('' for a key that only starts longer ones), or undefined when no vocabulary
   * word's key starts with it. Both searches look keys up by the hundred (every start offset of a query tries each
   * reading of its characters): a lookup reads only the group of the key's first syllable (a PackedGroup).
   */
  private entry(key: string): string | undefined {
    const space = key.indexOf(' ');
    const first = space === -1 ? key : key.slice(0, space);
    let group = this.groups.get(first);
    if (!group) {
      const text = this.words.get(first);
      if (text === undefined) return undefined;
      this.groups.set(first, (group = new PackedGroup(text, findSoundEntry, parseSoundGroup)));
    }
    return group.get(space === -1 ? '' : key.slice(space + 1));
  }

  /** Whether some vocabulary word's key starts with `key` (whole syllables): prunes both searches. */
  private isPrefix(key: string): boolean {
    return this.entry(key) !== undefined;
  }

  /** The vocabulary words read as `key`, most frequent first ([] for a key that only starts longer ones). */
  private wordsFor(key: string): string[] {
    const words = this.entry(key);
    return words ? words.split(' ') : [];
  }

  private isSyllable(s: string): boolean {
    if (!this.syllableSet) {
      this.syllableSet = new Set(this.data.syllables.split(' '));
      this.maxSyllable = Math.max(...[...this.syllableSet].map((x) => x.length));
    }
    return this.syllableSet.has(s);
  }

  /**
   * Homophone typos in Han text (汇富天下 → 汇付天下, 冻洁 → 冻结): vocabulary words whose readings match a
   * run of query characters that shares at least one character with the word but is not the word itself.
   * `isKnown` says whether a spelling is already a real index term (then it is no typo and is left alone).
   * `isBlocked` names offsets where no match may start or end (inside a known word): the caller would drop
   * those matches anyway, and skipping a start offset skips all of its reading combinations.
   */
  homophones(text: string, isKnown: (s: string) => boolean, isBlocked: (offset: number) => boolean = () => false): SoundMatch[] {
    const chars = Array.from(text);
    const offsets: number[] = [];
    let off = 0;
    for (const ch of chars) {
      offsets.push(off);
      off += ch.length;
    }
    offsets.push(off);
    const found: SoundMatch[] = [];
    // A match spans two characters or more, so none starts at the last one.
    for (let i = 0; i + 1 < chars.length; i++) {
      if (isBlocked(offsets[i])) continue;
      let keys = this.keysOf(chars[i]).filter((k) => this.isPrefix(k));
      for (let j = i + 1; j < chars.length && keys.length > 0 && j - i < this.data.maxLength; j++) {
        const next = this.keysOf(chars[j]);
        keys = keys.flatMap((k) => next.map((r) => `${k} ${r}`)).filter((k) => this.isPrefix(k));
        if (keys.length === 0) break;
        if (isBlocked(offsets[j + 1]) || isKnown(text.slice(offsets[i], offsets[j + 1]))) continue;
        const run = chars.slice(i, j + 1);
        for (const key of keys) {
          for (const term of this.wordsFor(key)) {
            const same = countSame(Array.from(term), run);
            if (same > 0 && same < run.length) found.push({ term, start: offsets[i], end: offsets[j + 1] });
          }
        }
      }
    }
    return found;
  }

  /**
   * Reads a toneless pinyin string (spaces allowed: "mima zhaohui", "zhifushibai") as vocabulary words.
   * Returns the cover with the fewest words that explains the most letters, or [] when under 60% of the
   * letters can be explained (then it is not pinyin for anything we know).
   */
  fromPinyin(latin: string): string[] {
    const s = latin.replace(/[^a-z]/g, '');
    if (s.length < 2) return [];
    const n = s.length;
    type Step = { covered: number; words: number; prev: number; term: string | null };
    const best: (Step | undefined)[] = [{ covered: 0, words: 0, prev: -1, term: null }];
    const better = (a: Step, b: Step | undefined) => !b || a.covered > b.covered || (a.covered === b.covered && a.words < b.words);
    for (let i = 0; i < n; i++) {
      const cur = best[i];
      if (!cur) continue;
      // Skip one syllable without explaining it (an unknown or stray syllable).
      for (let len = 1; len <= this.maxSyllable && i + len <= n; len++) {
        if (!this.isSyllable(s.slice(i, i + len))) continue;
        const cand = { covered: cur.covered, words: cur.words, prev: i, term: null };
        if (better(cand, best[i + len])) best[i + len] = cand;
      }
      // Syllable sequences starting here that spell a vocabulary word.
      const walk = (pos: number, depth: number, key: string) => {
        for (let len = 1; len <= this.maxSyllable && pos + len <= n; len++) {
          const syllable = s.slice(pos, pos + len);
          if (!this.isSyllable(syllable)) continue;
          const k = key ? `${key} ${fuzzySyllable(syllable)}` : fuzzySyllable(syllable);
          if (!this.isPrefix(k)) continue;
          const end = pos + len;
          const term = depth >= 1 ? this.wordsFor(k)[0] : undefined;
          if (term) {
            const cand = { covered: cur.covered + (end - i), words: cur.words + 1, prev: i, term };
            if (better(cand, best[end])) best[end] = cand;
          }
          if (depth + 1 < this.data.maxLength) walk(end, depth + 1, k);
        }
      };
      walk(i, 0, '');
    }
    const last = best[n];
    if (!last || last.covered < 0.6 * n) return [];
    const terms: string[] = [];
    for (let i = n; i > 0; i = best[i]!.prev) {
      const t = best[i]!.term;
      if (t) terms.push(t);
    }
    return terms.reverse();
  }
}

function countSame(a: string[], b: string[]): number {
  let same = 0;
  for (let k = 0; k < a.length && k < b.length; k++) if (a[k] === b[k]) same++;
  return same;
}
