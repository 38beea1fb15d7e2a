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

/** A loaded shard: its parsed value and its size in characters (what the cache budget counts). */
interface Loaded {
  value: unknown;
  size: number;
}

/**
 * Loaded shards of one split index, least recently used first, within a budget of characters. Loads of the same
 * shard by concurrent requests share one fetch. A search pins the shards it needs before loading them and unpins
 * them when it is done; eviction (when a load completes and the budget is exceeded) passes over pinned shards, so
 * concurrent requests cannot take each other's data away between a load and the synchronous ranking.
 */
export class ShardCache {
  private loaded = new Map<string, Loaded>();
  private inflight = new Map<string, Promise<void>>();
  private pins = new Map<string, number>();
  private used = 0;

  constructor(
    /** Asset path of the shard directory. */
    readonly base: string,
    /** Characters of shard text kept in memory at most (a V8 string of Han text takes two bytes a character). */
    private budget: number,
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

  /** Loads every named shard that is not in memory, in parallel. */
  async load(names: Iterable<string>, loader: ShardLoader): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const name of new Set(names)) {
      if (this.loaded.has(name)) continue;
      let wait = this.inflight.get(name);
      if (!wait) {
        wait = this.fetch(name, loader).finally(() => this.inflight.delete(name));
        this.inflight.set(name, wait);
      }
      waits.push(wait);
    }
    await Promise.all(waits);
  }

  private async fetch(name: string, loader: ShardLoader): Promise<void> {
    const text = await loader(`${this.base}/${name}`);
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
