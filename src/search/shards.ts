/** @module Shards of a split index: loading them on demand from static assets, caching them per isolate, and reading postings out of them. */
import { SortedKeys, type PackedTable } from '../text/sorted-table';

/** Reads one shard file by its path under the static assets root (`/_index/…/w3.txt`) and returns its text. */
export type ShardLoader = (path: string) => Promise<string>;

/** Thrown when a search needs a shard that is not loaded (never loaded, or evicted by a concurrent request). */
export class ShardMissingError extends Error {
  constructor(readonly shard: string) {
    super(`index shard ${shard} is not loaded`);
    this.name = 'ShardMissingError';
  }
}

/**
 * Thrown when shards could not be read in time or the asset store failed transiently: the index is there but
 * unreachable for now, so the request may be retried (the routes answer 503 with Retry-After).
 */
export class ShardUnavailableError extends Error {
  constructor(
    readonly shards: readonly string[],
    reason: string,
  ) {
    super(`index shards ${shards.join(', ')} unavailable: ${reason}`);
    this.name = 'ShardUnavailableError';
  }
}

/** Longest a request waits for the shard reads it started before giving up with ShardUnavailableError. */
export const SHARD_TIMEOUT_MS = 5000;

/** A loaded shard: its parsed value and its size in characters (what the cache budget counts). */
interface Loaded {
  value: unknown;
  size: number;
}

/**
 * Loaded shards of one split index, least recently used first, within a budget of characters.
 *
 * Only settled data is shared between requests: a request that needs a shard nobody has loaded reads it through
 * its own loader, even while another request reads the same shard. In Workers, I/O belongs to the request that
 * started it; a request awaiting another request's read (a shared in-flight promise) cannot be woken by its own
 * I/O, and workerd cancels it as hung, or it waits forever when the other request is cancelled. Concurrent misses
 * of one shard therefore read it more than once; the first read to finish is parsed and kept, later ones are
 * dropped unparsed.
 *
 * A search pins the shards it needs before loading them and unpins them when it is done; eviction (when a load
 * completes and the budget is exceeded) passes over pinned shards, so concurrent requests cannot take each
 * other's data away between a load and the synchronous ranking.
 */
export class ShardCache {
  private loaded = new Map<string, Loaded>();
  private pins = new Map<string, number>();
  private used = 0;

  constructor(
    /** Asset path of the shard directory. */
    readonly base: string,
    /** Characters of shard text kept in memory at most (a V8 string of Han text takes two bytes a character). */
    private budget: number,
    /** Longest wait for one request's shard reads (see SHARD_TIMEOUT_MS). */
    private timeoutMs: number = SHARD_TIMEOUT_MS,
  ) {}

  /** The parsed shard, or throws ShardMissingError. Marks it recently used. */
  get<T>(name: string): T {
    const hit = this.loaded.get(name);
    if (!hit) throw new ShardMissingError(name);
    this.loaded.delete(name);
    this.loaded.set(name, hit);
    return hit.value as T;
  }

  has(name: string): boolean {
    return this.loaded.has(name);
  }

  /** Keeps these shards from eviction until `unpin` (counted: pin twice, unpin twice). */
  pin(names: readonly string[]): void {
    for (const name of names) this.pins.set(name, (this.pins.get(name) ?? 0) + 1);
  }

  unpin(names: readonly string[]): void {
    for (const name of names) {
      const n = (this.pins.get(name) ?? 0) - 1;
      if (n > 0) this.pins.set(name, n);
      else this.pins.delete(name);
    }
  }

  /**
   * Loads every named shard that is not in memory, in parallel, through `loader`: the calling request's own I/O,
   * never a read another request started (see the class comment). Rejects with ShardUnavailableError when the
   * reads take longer than the timeout, and with the loader's error when one fails.
   */
  async load(names: Iterable<string>, loader: ShardLoader): Promise<void> {
    const missing: string[] = [];
    for (const name of new Set(names)) if (!this.loaded.has(name)) missing.push(name);
    if (missing.length === 0) return;
    const texts = await this.withTimeout(Promise.all(missing.map((name) => loader(`${this.base}/${name}`))), missing);
    missing.forEach((name, i) => {
      // Another request may have loaded it meanwhile: keep that one, and skip parsing this copy.
      if (!this.loaded.has(name)) this.store(name, texts[i]);
    });
  }

  /** `reads`, or ShardUnavailableError after the timeout (the timer is this request's own, and cleared). */
  private async withTimeout<T>(reads: Promise<T>, names: readonly string[]): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ShardUnavailableError(names, `no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([reads, timeout]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private store(name: string, text: string): void {
    const value = name.endsWith('.json') ? JSON.parse(text) : text === '' ? [] : text.split('\n');
    this.loaded.set(name, { value, size: text.length });
    this.used += text.length;
    // Least recently used first; pinned shards (and so the one just loaded) stay even over budget.
    for (const [old, { size }] of this.loaded) {
      if (this.used <= this.budget) break;
      if (old === name || this.pins.has(old)) continue;
      this.loaded.delete(old);
      this.used -= size;
    }
  }

  /** Characters of shard text in memory (tests, bench). */
  get size(): number {
    return this.used;
  }
}

/**
 * A PackedTable whose keys ship in the artifact and whose values live in shards: shard i holds the values of
 * keys [first[i], first[i + 1]). Looking a key up needs only the keys to say which shard holds it.
 */
export class ShardedTable {
  private keys: SortedKeys;

  constructor(
    packed: Pick<PackedTable, 'keys' | 'width' | 'count' | 'index'>,
    private first: number[],
    /** Shard file prefix (`w`, `g`). */
    private prefix: string,
    private cache: ShardCache,
  ) {
    this.keys = new SortedKeys(packed);
  }

  private index(key: string): number {
    return this.keys.indexOf(key);
  }

  /** Shard number of key index i (the last shard whose first key index is ≤ i). */
  private shardOf(i: number): number {
    let lo = 0;
    let hi = this.first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.first[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The shard file that holds `key`'s value, or null when the table has no such key. */
  shardFor(key: string): string | null {
    const i = this.index(key);
    return i === -1 ? null : `${this.prefix}${this.shardOf(i)}.txt`;
  }

  /** The value for `key`, undefined when there is none; throws ShardMissingError when its shard is not loaded. */
  get(key: string): string | undefined {
    const i = this.index(key);
    if (i === -1) return undefined;
    const shard = this.shardOf(i);
    return this.cache.get<string[]>(`${this.prefix}${shard}.txt`)[i - this.first[shard]];
  }
}
