/** @module The character-gram fallback index: compact postings shipped in the artifact, scored with BM25 on use. */
import { packTable, SortedTable, type PackedTable } from '../text/sorted-table';
import { decodeNumbers, encodeNumbers, encodePostings, PostingReader } from './postings';
import { bm25Idf, GRAM_BM25 } from './ranking';
import { fresh, NO_SCORES, type PostingLookup, type ScoreAllocator, type TermScores } from './word-index';

/**
 * Postings of every Han character and bigram of the entries (question + answer). Kept out of the word index:
 * these are two thirds of all terms, and as plain strings they cost nothing to load — a gram's postings are
 * decoded only when a query looks it up.
 */
export interface GramIndexData {
  /** Entries indexed; positions in the postings are indices into the artifact's entries. */
  count: number;
  /** Number of grams in each entry (encodeNumbers, entry order). */
  lengths: string;
  /** gram → its postings (encodePostings). */
  postings: PackedTable;
}

/** BM25 parameters (ranking.ts). */
const K1 = GRAM_BM25.k;
const B = GRAM_BM25.b;

/** Builds the shipped data from entry texts (in entry order) and the shared gram analyzer. Deterministic. */
export function buildGramIndex(texts: string[], grams: (text: string) => string[]): GramIndexData {
  const postings = new Map<string, [number, number][]>();
  const lengths: number[] = [];
  texts.forEach((text, position) => {
    const list = grams(text);
    lengths.push(list.length);
    const counts = new Map<string, number>();
    for (const g of list) counts.set(g, (counts.get(g) ?? 0) + 1);
    for (const [g, n] of counts) {
      const p = postings.get(g);
      if (p) p.push([position, n]);
      else postings.set(g, [[position, n]]);
    }
  });
  return { count: texts.length, lengths: encodeNumbers(lengths), postings: packTable([...postings].map(([g, p]) => [g, encodePostings(p)])) };
}

/** Scores entries for one gram. */
export class GramIndex {
  /** Per entry, K1 · (1 − B + B · length / average), computed on first use. */
  private norms: Float64Array | null = null;
  /** Reads postings without allocating; reused by every search. */
  private reader = new PostingReader();

  constructor(
    private data: GramIndexData,
    /** Where the posting values are: the shipped table, or shards of a split index. */
    private postings: PostingLookup = new SortedTable(data.postings),
  ) {
  }

  /** Per entry, (K1 + 1) / (1 + norm): the saturated frequency of the common tf = 1, so scoring it is one multiply. */
  private once: Float64Array | null = null;

  private loadNorms(): Float64Array {
    const lengths = decodeNumbers(this.data.lengths);
    const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
    const norms = Float64Array.from(lengths, (length) => K1 * (1 - B + (B * length) / avg));
    this.once = Float64Array.from(norms, (norm) => (K1 + 1) / (1 + norm));
    return norms;
  }

  /**
   * Every entry's length in grams, repeats included (a measure of its text's length; the word index's field lengths
   * count distinct terms, which a section repeating itself does not lengthen).
   */
  entryLengths(): Int32Array {
    return decodeNumbers(this.data.lengths);
  }

  /** Entries containing `gram` with its BM25 score in each (empty when no entry has it). */
  search(gram: string, into: ScoreAllocator = fresh): TermScores {
    const value = this.postings.get(gram);
    if (!value) return NO_SCORES;
    const norms = (this.norms ??= this.loadNorms());
    const df = this.reader.reset(value, 0, value.length);
    const idf = bm25Idf(this.data.count, df);
    const once = this.once!;
    const out = into.alloc(df);
    const { positions, scores } = out;
    const reader = this.reader;
    for (let i = 0; reader.next(); i++) {
      const p = reader.position;
      const tf = reader.count;
      positions[i] = p;
      scores[i] = tf === 1 ? idf * once[p] : (idf * tf * (K1 + 1)) / (tf + norms[p]);
    }
    return out;
  }
}
