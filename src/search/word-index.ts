/** @module The word index: MiniSearch's index of the word fields, shipped as compact postings and scored with MiniSearch's own BM25+. */
import { packTable, SortedTable, type PackedTable } from '../text/sorted-table';
import { decodeNumbers, encodeNumbers, encodePostings, FIELD_SEPARATOR, PostingReader } from './postings';

/**
 * The shipped form of the word index. The build indexes with MiniSearch (its tokenizer hooks, field lengths and
 * averages are the reference) and converts the result: a MiniSearch index loads by rebuilding its radix tree
 * and per-document maps (~7 ms for 35 entries, ~250 ms and most of the heap at 10k), while these strings cost
 * nothing until a query looks a term up.
 */
export interface WordIndexData {
  /** Field names, in the order of `averageLength`, `lengths` and each term's posting lists. */
  fields: string[];
  /** Entries indexed; positions in the postings are indices into the artifact's entries. */
  count: number;
  /** MiniSearch's average term count per field, shipped as it computed it so scores match to the last bit. */
  averageLength: number[];
  /** Per field, every entry's term count (encodeNumbers, entry order). */
  lengths: string[];
  /** term → the term's posting list in each field (encodePostings), joined with FIELD_SEPARATOR. */
  postings: PackedTable;
}

/** BM25+ parameters: MiniSearch's defaults, which the ranking was tuned with. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

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
      encodePostings(
        Object.entries(data[String(fid)] ?? {})
          .map(([shortId, tf]): [number, number] => [positionOf.get(shortId)!, tf])
          .sort((a, b) => a[0] - b[0]),
      ),
    );
    return [decode(term), lists.join(FIELD_SEPARATOR)];
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

/** Entries that contain a term (each once, in no particular order), with the term's score in each. */
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
 * Fresh result arrays (the default when no arena is given). An object with a method rather than a closure:
 * a new closure per call made V8 deoptimize the search loops ("wrong feedback cell"), and unoptimized code boxes
 * every double it computes.
 */
export const fresh: ScoreAllocator = { alloc: (n) => ({ positions: new Int32Array(n), scores: new Float64Array(n) }) };

/** Scores terms over the shipped word index. */
export class WordIndex {
  /**
   * Per field, each entry's BM25 length normalization k·(1 − b + b·length/average), and the saturated term
   * frequency (k + 1)/(1 + norm) of the common case tf = 1, computed on first use. Same operations in the same
   * order as MiniSearch's calcBM25Score, so the scores are bit-identical.
   */
  private norms: { norm: Float64Array; once: Float64Array }[] | null = null;
  /** Scratch, reused by every search and left zeroed: the reader, touched entries, per-entry sums and marks. */
  private reader = new PostingReader();
  private touched: Int32Array;
  private sum: Float64Array;
  private mark: Uint8Array;

  constructor(
    private data: WordIndexData,
    /** Boost of each field, in `data.fields` order. */
    private boosts: number[],
    /** Where the posting values are: the shipped table, or shards of a split index. */
    private postings: PostingLookup = new SortedTable(data.postings),
  ) {
    const n = data.count;
    this.touched = new Int32Array(n);
    this.sum = new Float64Array(n);
    this.mark = new Uint8Array(n);
  }

  private loadNorms(): { norm: Float64Array; once: Float64Array }[] {
    const { k, b } = BM25;
    return this.data.lengths.map((encoded, f) => {
      const lengths = decodeNumbers(encoded);
      const avg = this.data.averageLength[f];
      const norm = new Float64Array(lengths.length);
      const once = new Float64Array(lengths.length);
      for (let p = 0; p < lengths.length; p++) {
        norm[p] = k * (1 - b + (b * lengths[p]) / avg);
        once[p] = (1 * (k + 1)) / (1 + norm[p]);
      }
      return { norm, once };
    });
  }

  /**
   * Every entry containing `term` in any field, scored as MiniSearch scores a single-term query: the sum over
   * fields (in field order) of boost × BM25+ with that field's document frequency and length normalization.
   */
  search(term: string, into: ScoreAllocator = fresh): TermScores {
    const value = this.postings.get(term);
    if (value === undefined) return NO_SCORES;
    const norms = (this.norms ??= this.loadNorms());
    const { k, d } = BM25;
    const n = this.data.count;
    const { reader, touched, sum, mark } = this;
    let found = 0;
    let start = 0;
    for (let f = 0; f < this.data.fields.length; f++) {
      let end = value.indexOf(FIELD_SEPARATOR, start);
      if (end === -1) end = value.length;
      const df = reader.reset(value, start, end);
      if (df > 0) {
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const { norm, once } = norms[f];
        const boost = this.boosts[f];
        while (reader.next()) {
          const p = reader.position;
          const tf = reader.count;
          const raw = idf * (d + (tf === 1 ? once[p] : (tf * (k + 1)) / (tf + norm[p])));
          if (mark[p] === 0) {
            mark[p] = 1;
            touched[found++] = p;
          }
          sum[p] += boost * raw;
        }
      }
      start = end + 1;
    }
    // Positions come out in field order, not sorted: every consumer accumulates by position.
    const out = into.alloc(found);
    out.positions.set(touched.subarray(0, found));
    for (let i = 0; i < found; i++) {
      const p = out.positions[i];
      out.scores[i] = sum[p];
      sum[p] = 0;
      mark[p] = 0;
    }
    return out;
  }
}
