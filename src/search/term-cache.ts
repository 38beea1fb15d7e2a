/** @module Per-isolate cache of term scores, kept in two fixed typed-array arenas so that queries allocate almost nothing. */
import type { TermScores } from './word-index';

/** At most this many terms are remembered (a bound on the Map, independent of the arena). */
const MAX_TERMS = 4096;

/**
 * Term → scores, where the scores live in slices of two preallocated arenas. A term of a large index can hold
 * thousands of postings; a fresh pair of typed arrays per looked-up term feeds full mark-compact collections of
 * the whole heap, which would dominate the slowest queries. The arena is reset only by `clear()`, which runs in
 * `begin()` before a search (or between searches, from the engine's resetTermCache), so a slice stays valid for
 * the whole search that obtained it.
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
    // young keys and scores it held, and the scavenger, which treats old-to-young pointers as roots, then copies
    // and promotes them. A fresh Map and everything in it stay young and die young.
    this.map = new Map();
    this.used = 0;
  }

  /** Terms remembered. */
  get size(): number {
    return this.map.size;
  }
}
