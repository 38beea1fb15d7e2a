/** @module A string → string table shipped as two strings (sorted keys, values in the same order), looked up in place by binary search. */

/**
 * The shipped form: keys sorted by UTF-16 code units and values in the same order. Values are joined with '\n';
 * keys too, unless every key has the same length in UTF-16 units (`width`; single characters, mostly), in which
 * case they are simply concatenated and key i is `keys.substr(i × width, width)`. JSON.parse reads two strings
 * instead of thousands of object properties, which is most of what a large JSON object costs to load.
 *
 * Lookups read the strings in place, through a sparse offset index, and never split them: splitting makes a
 * separate string of every key and value on a table's first lookup, a cost that lands on an isolate's first query
 * and grows with the index.
 */
export interface PackedTable {
  keys: string;
  values: string;
  /** Entries in this table (not counting `rest`). */
  count: number;
  /** Length of every key in UTF-16 units when they all have the same; keys then have no separator. */
  width?: number;
  /** With `width`: the entries whose keys have another length (a character outside the BMP), as a table of their own. */
  rest?: PackedTable;
  /** Where every `block`-th entry starts (see TableIndex). */
  index: TableIndex;
}

/**
 * Sparse offsets into a PackedTable: for entries 0, block, 2·block, … the offset where the entry's value starts in
 * `values` and (separated keys only) where its key starts in `keys`. Each offset is a base-64 number of exactly
 * `digits` characters, so offset j is read at j × digits without decoding the rest. A lookup binary-searches the
 * block heads, then steps through at most `block` − 1 separators.
 */
export interface TableIndex {
  block: number;
  digits: number;
  /** Key offsets ('' when the keys have a fixed width). */
  keys: string;
  /** Value offsets ('' when the table ships without its values, as a split index's core does). */
  values: string;
}

/** Packing options. */
export interface PackOptions {
  /** Store the keys of the most common length without separators (tables keyed by single characters). */
  fixedWidth?: boolean;
  /**
   * Entries per index block: a number, or 'auto' (default) for about BLOCK_CHARS characters of values a block,
   * between 1 and 16. Small values (lexicon groups) share one offset among 16 entries; long ones (posting lists
   * of a large index) get an offset each, a small share of their size that spares a lookup the walk past them.
   */
  block?: number | 'auto';
}

/** Characters of values an 'auto' index block holds, about: the most a lookup steps over to reach its value. */
const BLOCK_CHARS = 256;

/** Entries per block for `values` under `option`. */
function blockSize(values: string[], option: number | 'auto' = 'auto'): number {
  if (option !== 'auto') return Math.max(1, Math.floor(option));
  const average = values.reduce((n, v) => n + v.length + 1, 0) / Math.max(1, values.length);
  return Math.max(1, Math.min(16, Math.floor(BLOCK_CHARS / average)));
}

/** Base-64 digits of the offset index: JSON writes them unescaped and they hold no separator. */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) DIGIT[DIGITS.charCodeAt(i)] = i;

/** Fixed-width base-64 numbers, one per offset. */
function encodeOffsets(offsets: number[], digits: number): string {
  let out = '';
  for (const n of offsets) {
    let s = '';
    for (let d = 0, v = n; d < digits; d++, v = Math.floor(v / 64)) s = DIGITS[v % 64] + s;
    out += s;
  }
  return out;
}

/** Offset j of an index string written by encodeOffsets. */
function offsetAt(text: string, j: number, digits: number): number {
  let v = 0;
  for (let i = j * digits, end = i + digits; i < end; i++) v = v * 64 + DIGIT[text.charCodeAt(i)];
  return v;
}

/** Start offsets of the strings `parts` joined with '\n', for every `block`-th part. */
function blockStarts(parts: string[], block: number): number[] {
  const starts: number[] = [];
  let at = 0;
  parts.forEach((p, i) => {
    if (i % block === 0) starts.push(at);
    at += p.length + 1;
  });
  return starts;
}

/** Digits needed for offsets up to `max`. */
function digitsFor(max: number): number {
  let digits = 1;
  while (64 ** digits <= max) digits++;
  return digits;
}

/**
 * Packs entries (any order) into a PackedTable; deterministic. Throws on a newline in a key or value. With
 * `fixedWidth`, keys of the most common length are stored without separators and the others go to `rest` (for
 * tables keyed by single characters, where a rare astral character has two UTF-16 units).
 */
export function packTable(entries: Iterable<[string, string]>, options: PackOptions = {}): PackedTable {
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
        ...layout(main, options.block, width),
        // The rest is packed the same way: its own most common length (one-character grams beside bigrams) is fixed too.
        ...(other.length ? { rest: packTable(other, options) } : {}),
      };
    }
  }
  return layout(sorted, options.block);
}

/** The strings and index of sorted entries; keys separated unless `width` is given. */
function layout(sorted: [string, string][], blockOption: PackOptions['block'], width?: number): PackedTable {
  const keys = sorted.map(([k]) => k);
  const values = sorted.map(([, v]) => v);
  const block = blockSize(values, blockOption);
  const keyText = width ? keys.join('') : keys.join('\n');
  const valueText = values.join('\n');
  const keyStarts = width ? [] : blockStarts(keys, block);
  const valueStarts = blockStarts(values, block);
  const digits = digitsFor(Math.max(keyText.length, valueText.length));
  return {
    keys: keyText,
    values: valueText,
    count: sorted.length,
    ...(width ? { width } : {}),
    index: { block, digits, keys: encodeOffsets(keyStarts, digits), values: encodeOffsets(valueStarts, digits) },
  };
}

/**
 * Compares `key` with the separated key stored from `text[start]` up to its '\n' (or the end of the text), by UTF-16
 * code units (the order packTable sorts in): negative when `key` sorts first, 0 when equal. It reads the stored key
 * in place without finding its end first (keys hold no '\n').
 */
function compareLine(key: string, text: string, start: number): number {
  for (let i = 0; ; i++) {
    const at = start + i;
    const c = at < text.length ? text.charCodeAt(at) : 10;
    if (c === 10) return i < key.length ? 1 : 0;
    if (i === key.length) return -1;
    const d = key.charCodeAt(i) - c;
    if (d !== 0) return d;
  }
}

/** End of the separated string that starts at `start` (its '\n', or the end of the text). */
function endOf(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end === -1 ? text.length : end;
}

/** Strings joined with '\n' and read one at a time in place: the values of a PackedTable, or a list of records. */
export interface PackedLines {
  text: string;
  count: number;
  block: number;
  digits: number;
  /** Where every `block`-th string starts in `text` (see TableIndex). */
  offsets: string;
}

/** Packs strings (without newlines) for reading one at a time; `block` as in PackOptions. Deterministic. */
export function packLines(lines: string[], block: PackOptions['block'] = 'auto'): PackedLines {
  for (const l of lines) if (l.includes('\n')) throw new Error('newline in a packed line');
  const size = blockSize(lines, block);
  const text = lines.join('\n');
  const digits = digitsFor(text.length);
  return { text, count: lines.length, block: size, digits, offsets: encodeOffsets(blockStarts(lines, size), digits) };
}

/** Reads string i of packed lines without splitting the text. */
export class Lines {
  private readonly text: string;
  /** Strings per index block. */
  readonly block: number;
  /** Where every `block`-th string starts (see TableIndex), read by searches that decode it in their own loop. */
  readonly digits: number;
  readonly offsets: string;
  readonly size: number;

  constructor(packed: PackedLines) {
    this.text = packed.text;
    this.size = packed.count;
    this.block = packed.block;
    this.digits = packed.digits;
    this.offsets = packed.offsets;
    if (this.size > 0 && this.offsets.length !== Math.ceil(this.size / this.block) * this.digits) {
      throw new Error(`index holds ${this.offsets.length / this.digits} offsets for ${this.size} lines`);
    }
  }

  /** Number of index blocks. */
  get blocks(): number {
    return Math.ceil(this.size / this.block);
  }

  /** Where the first string of block b starts in the text. */
  blockStart(b: number): number {
    return offsetAt(this.offsets, b, this.digits);
  }

  /** Where string i starts: its block's offset, past the strings before it in the block. */
  start(i: number): number {
    let start = this.blockStart(Math.floor(i / this.block));
    for (let j = i % this.block; j > 0; j--) start = endOf(this.text, start) + 1;
    return start;
  }

  /** String i (0 ≤ i < size). */
  get(i: number): string {
    const start = this.start(i);
    return this.text.slice(start, endOf(this.text, start));
  }
}

/** The sorted keys of a PackedTable (without `rest`): count, key by index, index of a key. */
export class SortedKeys {
  private readonly keys: string;
  private readonly width: number;
  /** Separated keys, read through the table's key offsets (null for fixed-width keys). */
  private readonly lines: Lines | null;
  readonly size: number;

  constructor(packed: Pick<PackedTable, 'keys' | 'width' | 'count' | 'index'>) {
    this.keys = packed.keys;
    this.width = packed.width ?? 0;
    this.size = packed.count;
    const { block, digits, keys: offsets } = packed.index;
    this.lines = this.width ? null : new Lines({ text: packed.keys, count: packed.count, block, digits, offsets });
  }

  /** Key i (tools and tests: lookups compare in place). */
  key(i: number): string {
    return this.lines ? this.lines.get(i) : this.keys.substr(i * this.width, this.width);
  }

  /** Index of `key`, or −1. */
  indexOf(key: string): number {
    return this.lines ? this.separatedIndexOf(key, this.lines) : this.fixedIndexOf(key);
  }

  /**
   * Fixed-width keys are single characters (packTable's fixedWidth), a few thousand at most: the key string's own
   * indexOf, a native scan, finds one faster in a new isolate than a binary search the interpreter runs, and about
   * as fast once warm. A match counts only at a key boundary.
   */
  private fixedIndexOf(key: string): number {
    const { keys, width } = this;
    if (key.length !== width) return -1;
    for (let i = keys.indexOf(key); i !== -1; i = keys.indexOf(key, i + 1)) if (i % width === 0) return i / width;
    return -1;
  }

  private separatedIndexOf(key: string, lines: Lines): number {
    const { keys } = this;
    const { block, offsets, digits } = lines;
    const first = key.length > 0 ? key.charCodeAt(0) : -1;
    // The last block whose first key is ≤ key.
    let lo = 0;
    let hi = lines.blocks - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = offsetAt(offsets, mid, digits);
      // A first character that differs decides most steps, without the call.
      const head = start < keys.length ? keys.charCodeAt(start) : 10;
      const c = head === first || head === 10 || first < 0 ? compareLine(key, keys, start) : first - head;
      if (c === 0) return mid * block;
      if (c > 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) return -1;
    // Walk the rest of that block (its first key sorts before `key`), comparing whole keys only from the first that
    // starts with the key's first character.
    let start = offsetAt(offsets, found, digits);
    const last = Math.min(this.size, (found + 1) * block);
    for (let i = found * block + 1; i < last; i++) {
      start = keys.indexOf('\n', start) + 1;
      const head = keys.charCodeAt(start);
      if (head < first) continue;
      if (head > first) return -1;
      const c = compareLine(key, keys, start);
      if (c === 0) return i;
      if (c < 0) return -1;
    }
    return -1;
  }
}

/** Read access to a PackedTable, in place. */
export class SortedTable {
  private readonly keys: SortedKeys;
  private readonly rest: SortedTable | null;
  private readonly values: Lines;

  constructor(packed: PackedTable) {
    this.keys = new SortedKeys(packed);
    this.rest = packed.rest ? new SortedTable(packed.rest) : null;
    const { block, digits, values: offsets } = packed.index;
    this.values = new Lines({ text: packed.values, count: packed.count, block, digits, offsets });
  }

  /** The value for `key`, or undefined. */
  get(key: string): string | undefined {
    const i = this.keys.indexOf(key);
    if (i !== -1) return this.values.get(i);
    return this.rest?.get(key);
  }

  /** Whether `key` is present, without slicing its value out. */
  has(key: string): boolean {
    return this.keys.indexOf(key) !== -1 || (this.rest?.has(key) ?? false);
  }

  /** All entries in key order (tools and tests). */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i < this.keys.size; i++) out.push([this.keys.key(i), this.values.get(i)]);
    if (this.rest) out.push(...this.rest.entries());
    return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** Lookups of a PackedGroup read in place before it is parsed into a map. */
const PARSE_AFTER = 32;

/**
 * One value of a shipped table that packs many entries into a string (a sound index group). A new
 * isolate's first queries touch many groups a few times each, so a group is first searched in place (`find`), which
 * builds nothing; one looked up PARSE_AFTER times is parsed into a map (`parse`), cheaper per lookup.
 */
export class PackedGroup<V> {
  private lookups = 0;
  private map: Map<string, V> | null = null;

  constructor(
    private readonly text: string,
    private readonly find: (text: string, key: string) => V | undefined,
    private readonly parse: (text: string) => Map<string, V>,
  ) {}

  /** The value of the entry `key`, or undefined. */
  get(key: string): V | undefined {
    if (this.map) return this.map.get(key);
    if (++this.lookups >= PARSE_AFTER) this.map = this.parse(this.text);
    return this.find(this.text, key);
  }
}
