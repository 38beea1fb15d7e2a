/** @module Pinyin matching at query time: toneless pinyin input and homophone typos mapped onto index vocabulary. */

/** Toneless syllable → the characters read that way (polyphonic characters appear under each reading). Built by the build with pinyin-pro. */
export type ReadingTable = Record<string, string>;

/** A vocabulary word found in the query by sound rather than by spelling. */
export interface SoundMatch {
  term: string;
  /** UTF-16 range of the query text it replaces. */
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  terms: string[];
}

const newNode = (): TrieNode => ({ next: new Map(), terms: [] });

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
 * Sound index over the vocabulary. Built lazily from the shipped reading table, so the isolate pays for it
 * only when a query actually needs pinyin or homophone matching.
 */
export class PinyinMatcher {
  private readings = new Map<string, string[]>();
  private keys = new Map<string, string[]>();
  private syllables = new Set<string>();
  private root = newNode();
  private maxSyllable = 0;

  /**
   * @param table reading table from the artifact
   * @param vocabulary index terms (Han words of two or more characters) that matches may resolve to
   */
  constructor(table: ReadingTable, vocabulary: Iterable<string>) {
    for (const [syllable, chars] of Object.entries(table)) {
      this.syllables.add(syllable);
      this.maxSyllable = Math.max(this.maxSyllable, syllable.length);
      for (const ch of chars) {
        const list = this.readings.get(ch);
        if (list) list.push(syllable);
        else this.readings.set(ch, [syllable]);
      }
    }
    for (const term of vocabulary) this.addTerm(term);
  }

  /** Toneless readings of one character ([] if unknown). */
  readingsOf(ch: string): string[] {
    return this.readings.get(ch) ?? [];
  }

  /** Folded readings of one character (see fuzzySyllable), the keys of the sound index. */
  private keysOf(ch: string): string[] {
    let keys = this.keys.get(ch);
    if (!keys) {
      keys = [...new Set(this.readingsOf(ch).map(fuzzySyllable))];
      this.keys.set(ch, keys);
    }
    return keys;
  }

  private addTerm(term: string): void {
    const chars = Array.from(term);
    if (chars.length < 2) return;
    // Every combination of readings is inserted; polyphonic terms are few and short.
    let frontier: TrieNode[] = [this.root];
    for (const ch of chars) {
      const rs = this.keysOf(ch);
      if (rs.length === 0) return;
      const nextFrontier: TrieNode[] = [];
      for (const node of frontier) {
        for (const r of rs) {
          let child = node.next.get(r);
          if (!child) node.next.set(r, (child = newNode()));
          if (!nextFrontier.includes(child)) nextFrontier.push(child);
        }
      }
      frontier = nextFrontier;
      if (frontier.length > 64) return;
    }
    for (const node of frontier) if (!node.terms.includes(term)) node.terms.push(term);
  }

  /**
   * Homophone typos in Han text (汇富天下 → 汇付天下, 冻洁 → 冻结): vocabulary words whose readings match a
   * run of query characters that shares at least one character with the word but is not the word itself.
   * `isKnown` says whether a spelling is already a real index term (then it is no typo and is left alone).
   */
  homophones(text: string, isKnown: (s: string) => boolean): SoundMatch[] {
    const chars = Array.from(text);
    const offsets: number[] = [];
    let off = 0;
    for (const ch of chars) {
      offsets.push(off);
      off += ch.length;
    }
    offsets.push(off);
    const found: SoundMatch[] = [];
    for (let i = 0; i < chars.length; i++) {
      let frontier: TrieNode[] = [this.root];
      for (let j = i; j < chars.length && frontier.length > 0; j++) {
        const rs = this.keysOf(chars[j]);
        const nextFrontier: TrieNode[] = [];
        for (const node of frontier) {
          for (const r of rs) {
            const child = node.next.get(r);
            if (child && !nextFrontier.includes(child)) nextFrontier.push(child);
          }
        }
        frontier = nextFrontier;
        const span = chars.slice(i, j + 1).join('');
        if (j === i || isKnown(span)) continue;
        for (const node of frontier) {
          for (const term of node.terms) {
            const same = countSame(Array.from(term), chars.slice(i, j + 1));
            if (same > 0 && same < j - i + 1) found.push({ term, start: offsets[i], end: offsets[j + 1] });
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
    // best[i]: [lettersExplained, -words] for the prefix s[0, i); higher is better.
    const best: { covered: number; words: number; prev: number; term: string | null }[] = [];
    best[0] = { covered: 0, words: 0, prev: -1, term: null };
    const better = (a: { covered: number; words: number }, b: { covered: number; words: number } | undefined) =>
      !b || a.covered > b.covered || (a.covered === b.covered && a.words < b.words);
    for (let i = 0; i < n; i++) {
      const cur = best[i];
      if (!cur) continue;
      // Skip one syllable without explaining it (an unknown or stray syllable).
      for (let len = 1; len <= this.maxSyllable && i + len <= n; len++) {
        if (!this.syllables.has(s.slice(i, i + len))) continue;
        const cand = { covered: cur.covered, words: cur.words, prev: i, term: null };
        if (better(cand, best[i + len])) best[i + len] = cand;
      }
      // Walk the vocabulary trie syllable by syllable.
      const walk = (node: TrieNode, pos: number) => {
        for (let len = 1; len <= this.maxSyllable && pos + len <= n; len++) {
          const syllable = s.slice(pos, pos + len);
          if (!this.syllables.has(syllable)) continue;
          const child = node.next.get(fuzzySyllable(syllable));
          if (!child) continue;
          const end = pos + len;
          for (const term of child.terms.slice(0, 1)) {
            const cand = { covered: cur.covered + (end - i), words: cur.words + 1, prev: i, term };
            if (better(cand, best[end])) best[end] = cand;
          }
          walk(child, end);
        }
      };
      walk(this.root, i);
    }
    const last = best[n];
    if (!last || last.covered < 0.6 * n) return [];
    const terms: string[] = [];
    for (let i = n; i > 0; i = best[i].prev) {
      const t = best[i].term;
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
