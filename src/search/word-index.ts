/** @module The word index: MiniSearch's index of the word fields, shipped as compact postings and scored with MiniSearch's own BM25+. */
import { packTable, SortedTable, type PackedTable } from '../text/sorted-table';
import { decodeNumbers, encodeNumbers, encodeWordPostings, MAX_WORD_FIELDS, PostingReader } from './postings';

/**
 * The shipped form of the word index. The build indexes with MiniSearch (its tokenizer hooks, field lengths and
 * averages are the reference) and converts the result: a MiniSearch index loads by rebuilding its radix tree
 * and per-document maps (~7 ms for 35 entries, ~250 ms and most of the heap at 10k), while these strings cost
 * nothing until a query looks a term up.
 */
export interface WordIndexData {
  /** Field names, in the order of `averageLength`, `lengths` and the fields of each term's postings (at most MAX_WORD_FIELDS). */
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
  if (fields.length > MAX_WORD_FIELDS) throw new Error(`the word index holds at most ${MAX_WORD_FIELDS} fields, not ${fields.length}`);
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
 * Fresh result arrays (the default when no arena is given). An object with a method rather than a closure:
 * a new closure per call made V8 deoptimize the search loops ("wrong feedback cell"), and unoptimized code boxes
 * every double it computes.
 */
export const fresh: ScoreAllocator = { alloc: (n) => ({ positions: new Int32Array(n), scores: new Float64Array(n) }) };

/** Scores terms over the shipped word index. */
export class WordIndex {
  /**
   * Each entry's BM25 length normalization k·(1 − b + b·length/average) in each field, and the saturated term
   * frequency (k + 1)/(1 + norm) of the common case tf = 1, computed on first use; field f's value for entry p is
   * at f·count + p. Same operations in the same order as MiniSearch's calcBM25Score, so the scores are
   * bit-identical. One array for all fields rather than one per field: the search loop then indexes two arrays
   * it holds in registers instead of loading a field's arrays for every posting.
   */
  private norm: Float64Array | null = null;
  private once: Float64Array | null = null;
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

  private loadNorms(): void {
    const { k, b } = BM25;
    const n = this.data.count;
    const norm = new Float64Array(this.data.fields.length * n);
    const once = new Float64Array(norm.length);
    this.data.lengths.forEach((encoded, f) => {
      const lengths = decodeNumbers(encoded);
      if (lengths.length !== n) throw new Error(`${lengths.length} field lengths for ${n} entries`);
      const avg = this.data.averageLength[f];
      for (let p = 0, j = f * n; p < n; p++, j++) {
        norm[j] = k * (1 - b + (b * lengths[p]) / avg);
        once[j] = (1 * (k + 1)) / (1 + norm[j]);
      }
    });
    this.norm = norm;
    this.once = once;
  }

  /**
   * Every entry containing `term` in any field, scored as MiniSearch scores a single-term query: the sum over
   * fields (in field order) of boost × BM25+ with that field's document frequency and length normalization.
   * One pass over the term's entries, each scored and written out as it is read (positions ascending): a sum
   * that starts at 0 and adds the fields in order performs the same operations as MiniSearch's per-field
   * accumulation, so the scores are bit-identical to it.
   */
  search(term: string, into: ScoreAllocator = fresh): TermScores {
    const value = this.postings.get(term);
    if (value === undefined) return NO_SCORES;
    if (!this.once) this.loadNorms();
    const norm = this.norm!;
    const once = this.once!;
    const { k, d } = BM25;
    const n = this.data.count;
    const { reader, df, idf, boost } = this;
    const F = df.length;
    const total = reader.startWords(value, df);
    for (let f = 0; f < F; f++) idf[f] = Math.log(1 + (n - df[f] + 0.5) / (df[f] + 0.5));
    const out = into.alloc(total);
    const { positions, scores } = out;
    for (let i = 0; i < total; i++) {
      reader.entry();
      const p = reader.position;
      let s = 0;
      // Over the fields of the mask, lowest (first) field first. One occurrence in each (most entries): the
      // precomputed saturation. Else the formula for every field, reading its count as it goes: for tf = 1 it
      // performs the very operations `once` was computed with, so a branch per entry replaces a branch per field
      // (mispredicted branches, not arithmetic, are most of this loop's time).
      if (reader.many === 0) {
        for (let m = reader.mask; m !== 0; m &= m - 1) {
          const f = 31 - Math.clz32(m & -m);
          s += boost[f] * (idf[f] * (d + once[f * n + p]));
        }
      } else {
        for (let m = reader.mask; m !== 0; m &= m - 1) {
          const f = 31 - Math.clz32(m & -m);
          const t = reader.nextCount();
          s += boost[f] * (idf[f] * (d + (t * (k + 1)) / (t + norm[f * n + p])));
        }
      }
      positions[i] = p;
      scores[i] = s;
    }
    if (!reader.finished()) throw new Error(`word posting list of ${JSON.stringify(term)} is longer than its count`);
    return out;
  }
}
