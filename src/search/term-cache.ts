/** @module Per-isolate cache of term scores, kept in two fixed typed-array arenas so that queries allocate almost nothing. */
import type { TermScores } from './word-index';

/** At most this many terms are remembered (a bound on the Map, independent of the arena). */
const MAX_TERMS = 4096;

/**
 * Term → scores, where the scores live in slices of two preallocated arenas. A term of a large index can hold
 * thousands of postings; allocating a fresh pair of typed arrays for each looked-up term made garbage collection
 * (a full mark-compact of a 35 MB heap) the slowest part of the slowest queries. Slices are handed out only
 * between `begin()` calls, and the arena is reset only in `begin()`, so a slice stays valid for the whole search
 * that obtained it.
 */
export class TermCache {
  private map = new Map<string, TermScores>();
  private positions: Int32Array;
  private scores: Float64Array;
  private used = 0;

  /** `capacity`: postings the arena holds (12 bytes each). */
  constructor(private capacity: number) {
    this.positions = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  /** Starts a search: when the arena is half used (or too many terms are cached), forgets everything. */
  begin(): void {
    if (this.used > this.capacity / 2 || this.map.size >= MAX_TERMS) this.clear();
  }

  get(key: string): TermScores | undefined {
    return this.map.get(key);
  }

  /** Room for `n` postings: a slice of the arena, or fresh arrays when the arena is full (then not cached). */
  alloc(n: number): TermScores {
    if (this.used + n > this.capacity) return { positions: new Int32Array(n), scores: new Float64Array(n) };
    const start = this.used;
    this.used += n;
    return { positions: this.positions.subarray(start, start + n), scores: this.scores.subarray(start, start + n) };
  }

  /** Remembers `value` if it lives in the arena. */
  set(key: string, value: TermScores): void {
    if (value.positions.buffer === this.positions.buffer) this.map.set(key, value);
  }

  /** Forgets every term (the bench calls this to time cold queries). */
  clear(): void {
    // A new Map, not map.clear(): clear() leaves the old hash table (promoted with a long-lived Map) holding the
    // young keys and scores it held, and the scavenger, which treats old-to-young pointers as roots, then copied
    // and promoted them (~0.3 MB per scavenge at 10k entries with the bench clearing per query, measured with
    // --trace-gc-nvp). A fresh Map and everything in it stay young and die young.
    this.map = new Map();
    this.used = 0;
  }

  /** Terms remembered. */
  get size(): number {
    return this.map.size;
  }
}
