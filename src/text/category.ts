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
  const { lists, counts } = countKeywords(text, keywordsOf(lexicon));
  const scores: CategoryScore[] = [];
  for (const { category, keywords, first } of lists) {
    let score = 0;
    for (let k = 0; k < keywords.length; k++) score += counts[first + k] * keywords[k][1];
    if (score > 0) scores.push({ category, score });
  }
  // Stable sort keeps lexicon order for ties, so results are deterministic.
  return scores.sort((a, b) => b.score - a.score);
}

/** A lexicon's keywords as scoring reads them. */
interface Keywords {
  /** Per category (lexicon order), its keywords of positive weight (keyword order), and the slot of its first in `counts`. */
  lists: { category: Category; keywords: [string, number][]; first: number }[];
  /** Slots of the keywords that start with a UTF-16 unit, by that unit. */
  byFirstUnit: Map<number, number[]>;
  /** The keywords in slot order (every list's, lists in order). */
  all: string[];
  /** Per slot, the occurrences counted in the text being scored; reused by every call. */
  counts: Int32Array;
  /** Per slot, where the keyword's last counted occurrence ends; reused. */
  ends: Int32Array;
}

/**
 * Keywords of each lexicon scored so far (a lexicon is never changed once loaded). Listing them on every query
 * (Object.entries of hundreds of keywords) would be the largest allocation of a query's analysis.
 */
const listed = new WeakMap<CategoryLexicon, Keywords>();

function keywordsOf(lexicon: CategoryLexicon): Keywords {
  let k = listed.get(lexicon);
  if (!k) {
    const all: string[] = [];
    const lists = (Object.entries(lexicon) as [Category, CategoryLexicon[Category]][]).map(([category, { keywords }]) => {
      const positive = Object.entries(keywords).filter(([, weight]) => !(weight <= 0));
      const first = all.length;
      for (const [keyword] of positive) all.push(keyword);
      return { category, keywords: positive, first };
    });
    const byFirstUnit = new Map<number, number[]>();
    all.forEach((keyword, slot) => {
      // An empty keyword counts nowhere: it has no unit to be found by.
      if (!keyword) return;
      const unit = keyword.charCodeAt(0);
      const slots = byFirstUnit.get(unit);
      if (slots) slots.push(slot);
      else byFirstUnit.set(unit, [slot]);
    });
    k = { lists, byFirstUnit, all, counts: new Int32Array(all.length), ends: new Int32Array(all.length) };
    listed.set(lexicon, k);
  }
  return k;
}

/**
 * Counts each keyword's non-overlapping occurrences in `text`, leftmost first (as indexOf from the end of the last
 * one finds them), in one pass over the text: at each position, the keywords that start with its unit and occur
 * there, past the end of their last occurrence.
 */
function countKeywords(text: string, k: Keywords): Keywords {
  const { byFirstUnit, all, counts, ends } = k;
  counts.fill(0);
  ends.fill(0);
  for (let i = 0; i < text.length; i++) {
    const slots = byFirstUnit.get(text.charCodeAt(i));
    if (slots === undefined) continue;
    for (const slot of slots) {
      if (i >= ends[slot] && text.startsWith(all[slot], i)) {
        counts[slot]++;
        ends[slot] = i + all[slot].length;
      }
    }
  }
  return k;
}
