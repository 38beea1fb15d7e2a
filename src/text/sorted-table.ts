/** @module A string → string table shipped as two newline-joined strings, looked up by binary search. */

/**
 * The shipped form: keys sorted by UTF-16 code units and values in the same order, each list joined with '\n'
 * (keys and values never contain a newline). JSON.parse reads two strings instead of thousands of object
 * properties, which is most of what a large JSON object costs to load.
 */
export interface PackedTable {
  keys: string;
  values: string;
}

/** Packs entries (any order) into a PackedTable; deterministic. Throws on a newline in a key or value. */
export function packTable(entries: Iterable<[string, string]>): PackedTable {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of sorted) if (k.includes('\n') || v.includes('\n')) throw new Error(`newline in table entry ${JSON.stringify(k)}`);
  return { keys: sorted.map(([k]) => k).join('\n'), values: sorted.map(([, v]) => v).join('\n') };
}

/** Read access to a PackedTable; the strings are split on first use. */
export class SortedTable {
  private keys: string[] | null = null;
  private values: string[] | null = null;

  constructor(private packed: PackedTable) {}

  private load(): void {
    this.keys = this.packed.keys ? this.packed.keys.split('\n') : [];
    this.values = this.packed.values ? this.packed.values.split('\n') : [];
  }

  /** The value for `key`, or undefined. */
  get(key: string): string | undefined {
    if (!this.keys) this.load();
    const keys = this.keys!;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = keys[mid];
      if (k === key) return this.values![mid];
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** All entries in key order (tools and tests). */
  entries(): [string, string][] {
    if (!this.keys) this.load();
    return this.keys!.map((k, i) => [k, this.values![i]]);
  }
}
