/** @module A string → string table shipped as two strings (sorted keys, values in the same order), looked up by binary search. */

/**
 * The shipped form: keys sorted by UTF-16 code units and values in the same order. Values are joined with '\n';
 * keys too, unless every key has the same length in UTF-16 units (`width`; single characters, mostly), in which
 * case they are simply concatenated and key i is `keys.substr(i × width, width)`. JSON.parse reads two strings
 * instead of thousands of object properties, which is most of what a large JSON object costs to load; and a
 * fixed-width key list needs no splitting at all: splitting 4,500 one-character keys cost ~1 ms of a cold start,
 * since V8 makes a separate string of each.
 */
export interface PackedTable {
  keys: string;
  values: string;
  /** Length of every key in UTF-16 units when they all have the same; keys then have no separator. */
  width?: number;
  /** With `width`: the entries whose keys have another length (a character outside the BMP), as a table of their own. */
  rest?: PackedTable;
}

/**
 * Packs entries (any order) into a PackedTable; deterministic. Throws on a newline in a key or value. With
 * `fixedWidth`, keys of the most common length are stored without separators and the others go to `rest` (for
 * tables keyed by single characters, where a rare astral character has two UTF-16 units).
 */
export function packTable(entries: Iterable<[string, string]>, options: { fixedWidth?: boolean } = {}): PackedTable {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of sorted) if (k.includes('\n') || v.includes('\n')) throw new Error(`newline in table entry ${JSON.stringify(k)}`);
  if (options.fixedWidth && sorted.length > 0) {
    const counts = new Map<number, number>();
    for (const [k] of sorted) counts.set(k.length, (counts.get(k.length) ?? 0) + 1);
    const width = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    if (width > 0) {
      const main = sorted.filter(([k]) => k.length === width);
      const other = sorted.filter(([k]) => k.length !== width);
      return {
        keys: main.map(([k]) => k).join(''),
        values: main.map(([, v]) => v).join('\n'),
        width,
        ...(other.length ? { rest: packTable(other) } : {}),
      };
    }
  }
  return { keys: sorted.map(([k]) => k).join('\n'), values: sorted.map(([, v]) => v).join('\n') };
}

/** The sorted keys of a PackedTable: count, key by index, index of a key. Splits a separated key list on first use. */
export class SortedKeys {
  private list: string[] | null = null;

  constructor(private packed: Pick<PackedTable, 'keys' | 'width'>) {}

  get size(): number {
    const { keys, width } = this.packed;
    if (width) return keys.length / width;
    this.list ??= keys ? keys.split('\n') : [];
    return this.list.length;
  }

  key(i: number): string {
    const { keys, width } = this.packed;
    if (width) return keys.substr(i * width, width);
    this.list ??= keys ? keys.split('\n') : [];
    return this.list[i];
  }

  /** Index of `key`, or −1. */
  indexOf(key: string): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.key(mid);
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Read access to a PackedTable; the values are split on first use. */
export class SortedTable {
  private keys: SortedKeys;
  private values: string[] | null = null;
  private rest: SortedTable | null;

  constructor(private packed: PackedTable) {
    this.keys = new SortedKeys(packed);
    this.rest = packed.rest ? new SortedTable(packed.rest) : null;
  }

  private value(i: number): string {
    this.values ??= this.packed.values || this.keys.size > 0 ? this.packed.values.split('\n') : [];
    return this.values[i];
  }

  /** The value for `key`, or undefined. */
  get(key: string): string | undefined {
    if (this.packed.width !== undefined && key.length !== this.packed.width) return this.rest?.get(key);
    const i = this.keys.indexOf(key);
    return i === -1 ? undefined : this.value(i);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** All entries in key order (tools and tests). */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i < this.keys.size; i++) out.push([this.keys.key(i), this.value(i)]);
    if (this.rest) out.push(...this.rest.entries());
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
