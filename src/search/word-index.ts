/** @module The word index: MiniSearch's index of the word fields, shipped as compact postings and scored with MiniSearch's own BM25+. */
import { packTable, SortedTable, type PackedTable } from '../text/sorted-table';
import { decodeNumbers, encodeNumbers, encodeWordPostings, PostingReader } from './postings';
import { BM25, bm25Idf } from './ranking';

/**
 * The shipped form of the word index. The build indexes with MiniSearch (its tokenizer hooks, field lengths and
 * averages are the reference) and converts the result: a MiniSearch index loads by rebuilding its radix tree
 * and per-document maps, a start-up cost that grows with the corpus (and most of the heap at scale), while these
 * strings cost nothing until a query looks a term up. The worker never loads MiniSearch.
 */
export interface WordIndexData {
  /** Field names, in the order of `averageLength`, `lengths` and the fields of each term's postings. */
  fields: string[];
  /** Entries indexed; positions in the postings are indices into the artifact's entries. */
  count: number;
  /** MiniSearch's average term count per field, shipped as it computed it so scores match to the last bit. */
  averageLength: number[];
  /** Per field, every entry's term count (encodeNumbers, entry order). */
  lengths: string[];
  /**
   * term → the term's postings in all fields as one list of entries, each with the fields that hold the term and
   * its count in each (encodeWordPostings, which documents the layout; decodeWordPostings reads it per field).
   */
  postings: PackedTable;
}

// BM25+ parameters and idf live with the other ranking settings (ranking.ts); re-exported for the parity tests.
export { BM25 } from './ranking';

/** Counts below this have their BM25+ saturation in a table (nearly every count is small); larger ones are computed. */
const SATURATED = 8;

/** The part of MiniSearch's `toJSON()` output the conversion reads (serialization version 2). */
export interface MiniSearchJson {
  documentCount: number;
  documentIds: Record<string, string>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  index: [string, Record<string, Record<string, number>>][];
}

/**
 * Converts a MiniSearch index (built from the entries in `ids` order) to the shipped form. `decode` maps
 * MiniSearch's stored terms back to the analyzer's terms (see encodeTerm). Deterministic.
 */
export function packWordIndex(json: MiniSearchJson, ids: string[], fields: readonly string[], decode: (term: string) => string): WordIndexData {
  const position = new Map(ids.map((id, i) => [id, i]));
  const positionOf = new Map<string, number>();
  for (const [shortId, id] of Object.entries(json.documentIds)) {
    const p = position.get(id);
    if (p === undefined) throw new Error(`indexed document ${id} is not an entry`);
    positionOf.set(shortId, p);
  }
  if (positionOf.size !== ids.length || json.documentCount !== ids.length) throw new Error(`index holds ${json.documentCount} documents for ${ids.length} entries`);
  const fieldIds = fields.map((f) => {
    const id = json.fieldIds[f];
    if (id === undefined) throw new Error(`field ${f} is not indexed`);
    return id;
  });
  const lengths = fieldIds.map(() => new Array<number>(ids.length).fill(0));
  for (const [shortId, perField] of Object.entries(json.fieldLength)) {
    const p = positionOf.get(shortId)!;
    fieldIds.forEach((fid, f) => (lengths[f][p] = perField[fid] ?? 0));
  }
  const table: [string, string][] = json.index.map(([term, data]) => {
    const lists = fieldIds.map((fid) =>
      Object.entries(data[String(fid)] ?? {})
        .map(([shortId, tf]): [number, number] => [positionOf.get(shortId)!, tf])
        .sort((a, b) => a[0] - b[0]),
    );
    return [decode(term), encodeWordPostings(lists)];
  });
  return {
    fields: [...fields],
    count: ids.length,
    averageLength: fieldIds.map((fid) => json.averageFieldLength[fid]),
    lengths: lengths.map((l) => encodeNumbers(l)),
    postings: packTable(table),
  };
}

/** Term → encoded postings: a SortedTable over shipped values, or a ShardedTable over loaded shards. */
export interface PostingLookup {
  get(key: string): string | undefined;
}

/** Entries that contain a term (each once, by ascending position), with the term's score in each. */
export interface TermScores {
  positions: Int32Array;
  scores: Float64Array;
}

/** An empty result, shared. */
export const NO_SCORES: TermScores = { positions: new Int32Array(0), scores: new Float64Array(0) };

/** Where a search puts its result: fresh arrays, or slices of the engine's TermCache arena. */
export interface ScoreAllocator {
  alloc(n: number): TermScores;
}

/**
 * Fresh result arrays (the default when no arena is given). An object with a method rather than a closure: a
 * new closure per call makes V8 deoptimize the search loops ("wrong feedback cell"), and unoptimized code boxes
 * every double it computes.
 */
export const fresh: ScoreAllocator = { alloc: (n) => ({ positions: new Int32Array(n), scores: new Float64Array(n) }) };

/** Scores terms over the shipped word index. */
export class WordIndex {
  /**
   * Scoring tables, built on first use. BM25+ depends on an entry's field only through the field's length, so the
   * values are kept per (field, length) row rather than per entry and field: `row[f·count + p]` is the row of
   * field f of entry p, `norm[row]` its length normalization k·(1 − b + b·length/average), and
   * `saturated[row·SATURATED + tf]` the term-frequency part d + tf·(k + 1)/(tf + norm) for 0 < tf < SATURATED, with
   * 0 at tf = 0 (a field without the term adds nothing). Same operations in the same order as MiniSearch's
   * calcBM25Score, so the scores are bit-identical. Rows rather than a value per entry keep the tables small at
   * any size (distinct lengths are few), which matters because a long query reads them for every posting, next to
   * everything else it touches.
   */
  private row: Int32Array | null = null;
  private norm: Float64Array | null = null;
  private saturated: Float64Array | null = null;
  /** Each entry's count in each field of the list being scored (readWords fills it; grown to the longest list). */
  private counts = new Int32Array(0);
  /** Scratch, reused by every search: the reader, and each field's document frequency and idf for one term. */
  private reader = new PostingReader();
  private df: Int32Array;
  private idf: Float64Array;
  /** Boost of each field (a typed array, as `idf`: the loop reads both per posting). */
  private boost: Float64Array;

  constructor(
    private data: WordIndexData,
    /** Boost of each field, in `data.fields` order. */
    boosts: number[],
    /** Where the posting values are: the shipped table, or shards of a split index. */
    private postings: PostingLookup = new SortedTable(data.postings),
  ) {
    const F = data.fields.length;
    if (boosts.length !== F) throw new Error(`${boosts.length} boosts for ${F} fields`);
    this.df = new Int32Array(F);
    this.idf = new Float64Array(F);
    this.boost = Float64Array.from(boosts);
  }

  private loadTables(): void {
    const { k, b, d } = BM25;
    const n = this.data.count;
    const row = new Int32Array(this.data.fields.length * n);
    const norms: number[] = [];
    this.data.lengths.forEach((encoded, f) => {
      const lengths = decodeNumbers(encoded);
      if (lengths.length !== n) throw new Error(`${lengths.length} field lengths for ${n} entries`);
      const avg = this.data.averageLength[f];
      // Length → row of this field (−1 until seen); lengths are term counts, so the array stays short.
      let longest = 0;
      for (let p = 0; p < n; p++) if (lengths[p] > longest) longest = lengths[p];
      const rowOf = new Int32Array(longest + 1).fill(-1);
      for (let p = 0; p < n; p++) {
        const length = lengths[p];
        if (rowOf[length] < 0) {
          rowOf[length] = norms.length;
          norms.push(k * (1 - b + (b * length) / avg));
        }
        row[f * n + p] = rowOf[length];
      }
    });
    const norm = Float64Array.from(norms);
    const saturated = new Float64Array(norm.length * SATURATED);
    for (let r = 0; r < norm.length; r++) {
      for (let tf = 1; tf < SATURATED; tf++) saturated[r * SATURATED + tf] = d + (tf * (k + 1)) / (tf + norm[r]);
    }
    this.row = row;
    this.norm = norm;
    this.saturated = saturated;
  }

  /**
   * Every entry containing `term` in any field, scored as MiniSearch scores a single-term query: the sum over
   * fields (in field order) of boost × BM25+ with that field's document frequency and length normalization.
   * The reader decodes the whole list (positions ascending, each entry's count in every field), then each entry
   * is scored: a sum that starts at 0 and adds the fields in order performs the same operations as MiniSearch's
   * per-field accumulation, so the scores are bit-identical to it.
   */
  search(term: string, into: ScoreAllocator = fresh): TermScores {
    const value = this.postings.get(term);
    if (value === undefined) return NO_SCORES;
    if (!this.saturated) this.loadTables();
    const row = this.row!;
    const norm = this.norm!;
    const saturated = this.saturated!;
    const { k, d } = BM25;
    const n = this.data.count;
    const { reader, df, idf, boost } = this;
    const F = df.length;
    const total = reader.startWords(value, df);
    for (let f = 0; f < F; f++) idf[f] = bm25Idf(n, df[f]);
    const out = into.alloc(total);
    const { positions, scores } = out;
    if (this.counts.length < total * F) this.counts = new Int32Array(Math.max(total * F, 2 * this.counts.length));
    const counts = this.counts;
    try {
      reader.readWords(total, F, positions, counts);
    } catch (e) {
      throw new Error(`word posting list of ${JSON.stringify(term)}: ${(e as Error).message}`);
    }
    for (let i = 0, c = 0; i < total; i++) {
      const p = positions[i];
      let s = 0;
      // Every field in order, whether it holds the term or not: one without it adds boost × idf × 0 = 0, which
      // leaves the sum as it was, and a loop of fixed length over table values takes the same branches for every
      // entry.
      for (let f = 0, j = p; f < F; f++, j += n, c++) {
        const tf = counts[c];
        const r = row[j];
        s += boost[f] * (idf[f] * (tf < SATURATED ? saturated[r * SATURATED + tf] : d + (tf * (k + 1)) / (tf + norm[r])));
      }
      scores[i] = s;
    }
    return out;
  }
}
