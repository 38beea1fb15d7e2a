/** @module Category scoring from the keyword lexicon in data/categories.json; shared by the build (entry categories) and the worker (query intent). */
import type { Category } from '../model';

/** Keyword weights per category, as stored in data/categories.json. */
export type CategoryLexicon = Record<Category, { label: string; keywords: Record<string, number> }>;

/** A category with its accumulated keyword weight. */
export interface CategoryScore {
  category: Category;
  score: number;
}

/**
 * Scores `text` (already normalized: simplified, lower-case) against every category's keywords.
 * Each occurrence adds the keyword's weight; results are sorted best first, ties in lexicon order,
 * and categories with no hit are left out.
 */
export function scoreCategories(text: string, lexicon: CategoryLexicon): CategoryScore[] {
  const scores: CategoryScore[] = [];
  for (const { category, keywords } of keywordLists(lexicon)) {
    let score = 0;
    for (let k = 0; k < keywords.length; k++) score += countOccurrences(text, keywords[k][0]) * keywords[k][1];
    if (score > 0) scores.push({ category, score });
  }
  // Stable sort keeps lexicon order for ties, so results are deterministic.
  return scores.sort((a, b) => b.score - a.score);
}

/** Per category (lexicon order), its keywords of positive weight (keyword order) as [keyword, weight] pairs. */
type KeywordLists = { category: Category; keywords: [string, number][] }[];

/**
 * Keyword lists of each lexicon scored so far (a lexicon is never changed once loaded). Listing them on every
 * query (Object.entries of hundreds of keywords) would be the largest allocation of a query's analysis.
 */
const listed = new WeakMap<CategoryLexicon, KeywordLists>();

function keywordLists(lexicon: CategoryLexicon): KeywordLists {
  let lists = listed.get(lexicon);
  if (!lists) {
    lists = (Object.entries(lexicon) as [Category, CategoryLexicon[Category]][]).map(([category, { keywords }]) => ({
      category,
      keywords: Object.entries(keywords).filter(([, weight]) => !(weight <= 0)),
    }));
    listed.set(lexicon, lists);
  }
  return lists;
}

/** Counts non-overlapping occurrences of `needle` in `haystack`. */
export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}
