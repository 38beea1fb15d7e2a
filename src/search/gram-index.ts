/** @module The character-gram fallback index: compact postings shipped in the artifact, scored with BM25 on use. */
import { packTable, SortedTable, type PackedTable } from '../text/sorted-table';

/**
 * Postings of every Han character and bigram of the entries (question + answer). Kept out of MiniSearch: these
 * are two thirds of all terms, and as plain strings they cost nothing to load — a gram's postings are parsed
 * only when a query looks it up.
 */
export interface GramIndexData {
  /** Entry ids; postings refer to them by position. */
  ids: string[];
  /** Number of grams in each entry. */
  lengths: number[];
  /** gram → "position:count position:count …" in position order. */
  postings: PackedTable;
}

/** BM25 parameters, as MiniSearch uses for the word fields. */
const K1 = 1.2;
const B = 0.7;

/** Builds the shipped data from entry texts and the shared gram analyzer. Deterministic. */
export function buildGramIndex(docs: { id: string; text: string }[], grams: (text: string) => string[]): GramIndexData {
  const postings = new Map<string, string[]>();
  const lengths: number[] = [];
  docs.forEach((doc, position) => {
    const list = grams(doc.text);
    lengths.push(list.length);
    const counts = new Map<string, number>();
    for (const g of list) counts.set(g, (counts.get(g) ?? 0) + 1);
    for (const [g, n] of counts) {
      const entry = `${position}:${n}`;
      const p = postings.get(g);
      if (p) p.push(entry);
      else postings.set(g, [entry]);
    }
  });
  return { ids: docs.map((d) => d.id), lengths, postings: packTable([...postings].map(([g, p]) => [g, p.join(' ')])) };
}

/** Scores entries for one gram. */
export class GramIndex {
  private avgLength: number;
  private postings: SortedTable;

  constructor(private data: GramIndexData) {
    this.postings = new SortedTable(data.postings);
    this.avgLength = data.lengths.reduce((a, b) => a + b, 0) / Math.max(1, data.lengths.length);
  }

  /** Entry id → BM25 score of `gram` (empty when no entry has it). */
  search(gram: string): Map<string, number> {
    const scores = new Map<string, number>();
    const postings = this.postings.get(gram);
    if (!postings) return scores;
    const entries = postings.split(' ');
    const n = this.data.ids.length;
    const df = entries.length;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (const entry of entries) {
      const colon = entry.indexOf(':');
      const position = Number(entry.slice(0, colon));
      const tf = Number(entry.slice(colon + 1));
      const norm = 1 - B + (B * this.data.lengths[position]) / this.avgLength;
      scores.set(this.data.ids[position], (idf * tf * (K1 + 1)) / (tf + K1 * norm));
    }
    return scores;
  }
}
