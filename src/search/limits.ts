/**
 * @module Caps on the work one query can cause, in one place. A valid query has up to 200 characters, and without
 * caps its cost grows with what it holds: 200 of the commonest characters, 200 distinct rare ones, a line of
 * unbroken pinyin or a wall of homophone typos each cost several times a real question. Every cap sits above what
 * real questions reach (the eval sets and the bench mix; docs/performance.md, Design notes, gives their highest
 * figures), so their analysis and results are unchanged; a query beyond a cap keeps, by a stated rule, the part
 * that says most about what was asked.
 */
import { listLength } from './postings';
import type { Alternative, Concept, QueryAnalysis, TermField } from './query';
import type { WordSpan } from '../text/tokenize';
import type { PostingLookup } from './word-index';

export const LIMITS = {
  /**
   * Distinct characters of a query the analysis reads: it reads up to the first character that would be one more,
   * and leaves the rest out. Each distinct character costs lookups in the segmentation lexicon the first time an
   * isolate meets it, most of the first search of a long query of varied characters (200 distinct ones).
   */
  chars: 96,
  /**
   * Concepts (things asked about) that reach ranking. Beyond it, repeats of a word count once, then the rarest words
   * are kept (by the segmentation lexicon's frequencies, the rarity the analysis knows without the index), in query
   * order. Each concept costs index lookups for all its alternatives and a pass over their postings. The same rule
   * picks the query's own words before they are expanded (capWords), so the words it would drop cost no synonym,
   * pinyin or homophone search either.
   */
  concepts: 24,
  /** Ways to match one concept; beyond it the first ones are kept (the user's own words and readings come first). */
  alternatives: 8,
  /** Bigram lookups of the character fallback; beyond it repeats count once, then the first are kept. */
  grams: 32,
  /**
   * Han characters the homophone-typo search reads, in query order: it segments them and, per character, tries
   * every reading of the vocabulary words that could start there. A run past the budget is read up to it. The
   * provider's sound-alike search (汇富天下) reads the same first characters.
   */
  soundChars: 64,
  /** Homophone readings (a vocabulary word that sounds like part of the query) merged into the concepts. */
  soundReadings: 6,
  /** Latin letters read as toneless pinyin, in query order (each letter is a start of a dictionary walk). */
  pinyinLetters: 40,
  /**
   * Postings a query's index lookups return, summed over its distinct terms: decoding and scoring them is most of a
   * long query's cost on a large index. Beyond it the commonest terms are left out, most common first, until the
   * rest fit: they say least about an entry (BM25 gives a term in most entries almost no weight) and cost most. A
   * concept left with no way to match is dropped. Real questions stay below it on the 10k-entry corpus; the
   * embedded corpus never comes near it.
   */
  postings: 100_000,
} as const;

/** The head of `text` that holds at most LIMITS.chars distinct characters (code points): `text` itself when within. */
export function capChars(text: string): string {
  if (text.length <= LIMITS.chars) return text;
  const seen = new Set<number>();
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!;
    if (!seen.has(c)) {
      if (seen.size === LIMITS.chars) return text.slice(0, i);
      seen.add(c);
    }
    i += c > 0xffff ? 2 : 1;
  }
  return text;
}

/** A lexicon's cost of a word: −log of its relative frequency, so rarer words cost more; unknown words cost most. */
export type WordCost = (word: string) => number;

/**
 * At most LIMITS.concepts concepts, in query order: all of them when within the cap; else later repeats of a surface
 * are dropped first, then the rarest words are kept (highest cost; the earlier of equals).
 */
export function capConcepts(concepts: Concept[], cost: WordCost): Concept[] {
  return keepRarest(concepts, (c) => c.surface, (c) => cost(c.surface));
}

/**
 * The query's own words (stop words left out) that the analysis expands, by capConcepts' rule (each word's cost is
 * the one segmentation found): all of them when within the cap. A query past it is searched for synonyms, pinyin and
 * homophones only in the words kept here.
 */
export function capWords(words: WordSpan[]): WordSpan[] {
  return keepRarest(words, (w) => w.word, (w) => w.cost);
}

/** Up to LIMITS.concepts of `items` in their order: repeats of a surface count once, then the rarest are kept. */
function keepRarest<T>(items: T[], surfaceOf: (item: T) => string, costOf: (item: T) => number): T[] {
  if (items.length <= LIMITS.concepts) return items;
  const seen = new Set<string>();
  const distinct = items.filter((item) => !seen.has(surfaceOf(item)) && seen.add(surfaceOf(item)));
  if (distinct.length <= LIMITS.concepts) return distinct;
  const keep = new Set(
    distinct
      .map((item, i) => ({ i, cost: costOf(item) }))
      .sort((a, b) => b.cost - a.cost || a.i - b.i)
      .slice(0, LIMITS.concepts)
      .map((x) => x.i),
  );
  return distinct.filter((_, i) => keep.has(i));
}

/** The first LIMITS.alternatives alternatives of a concept (the list itself when within the cap). */
export function capAlternatives(alternatives: Alternative[]): Alternative[] {
  return alternatives.length <= LIMITS.alternatives ? alternatives : alternatives.slice(0, LIMITS.alternatives);
}

/** At most LIMITS.grams bigrams: all when within the cap; else repeats count once, then the first are kept. */
export function capGrams(grams: string[]): string[] {
  if (grams.length <= LIMITS.grams) return grams;
  return [...new Set(grams)].slice(0, LIMITS.grams);
}

/** The first `n` code points of `s` (all of it when shorter). */
export function headChars(s: string, n: number): string {
  if (s.length <= n) return s;
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i += s.codePointAt(i)! > 0xffff ? 2 : 1;
  return s.slice(0, i);
}

/** How many entries hold a term in a field, read from its posting list's header (postings are not decoded). */
export class PostingCounts {
  constructor(
    private words: PostingLookup,
    private grams: PostingLookup,
  ) {}

  count(term: string, field: TermField): number {
    const value = (field === 'words' ? this.words : this.grams).get(term);
    return value === undefined ? 0 : listLength(value);
  }
}

/**
 * The analysis within LIMITS.postings (itself when within): the distinct lookups of its alternatives and bigrams,
 * counted by `count`, are dropped most common first (the later of equals first) until the rest fit; concepts left
 * without alternatives go too.
 */
export function capPostings(analysis: QueryAnalysis, count: (term: string, field: TermField) => number, entries: number): QueryAnalysis {
  // No list is longer than the index has entries: a small index or a short query is within the budget uncounted.
  let lookups = analysis.grams.length;
  for (const c of analysis.concepts) lookups += c.alternatives.length;
  if (lookups * entries <= LIMITS.postings) return analysis;
  // Most other queries: even counting a repeated lookup each time, they are within the budget.
  let bound = 0;
  for (const c of analysis.concepts) for (const a of c.alternatives) bound += count(a.term, a.field);
  for (const g of analysis.grams) bound += count(g, 'grams');
  if (bound <= LIMITS.postings) return analysis;
  const counts = new Map<string, number>();
  const add = (term: string, field: TermField) => {
    const key = `${field}\u0000${term}`;
    if (!counts.has(key)) counts.set(key, count(term, field));
  };
  for (const c of analysis.concepts) for (const a of c.alternatives) add(a.term, a.field);
  for (const g of analysis.grams) add(g, 'grams');
  let total = 0;
  for (const n of counts.values()) total += n;
  if (total <= LIMITS.postings) return analysis;
  const order = [...counts.keys()];
  const dropped = new Set<string>();
  for (const key of order.map((k, i) => ({ k, i })).sort((a, b) => counts.get(b.k)! - counts.get(a.k)! || b.i - a.i)) {
    if (total <= LIMITS.postings) break;
    dropped.add(key.k);
    total -= counts.get(key.k)!;
  }
  const kept = (term: string, field: TermField) => !dropped.has(`${field}\u0000${term}`);
  return {
    ...analysis,
    concepts: analysis.concepts
      .map((c) => ({ ...c, alternatives: c.alternatives.filter((a) => kept(a.term, a.field)) }))
      .filter((c) => c.alternatives.length > 0),
    grams: analysis.grams.filter((g) => kept(g, 'grams')),
  };
}
