/** @module The script step's character map (variant → simplified), shipped as one string and read without a Map of pairs. */

/**
 * The map as shipped: each pair's variant then its simplified form, one code point each, pairs concatenated in key
 * order. One long string costs nothing to parse (it is a slice of the artifact's blob); JSON pairs would be
 * thousands of small strings to create and a Map to fill at every isolate start-up.
 */
export type PackedScriptMap = string;

/** The lookup the script step needs (a Map satisfies it too). */
export interface CharMap {
  get(ch: string): string | undefined;
}

/** Marks a BMP key whose target lies outside the BMP: look it up in `astral`. */
const ASTRAL_TARGET = 0xffff;

/** Packs [variant, simplified] pairs; throws unless each side is exactly one code point. */
export function packScriptMap(pairs: readonly [string, string][]): PackedScriptMap {
  for (const [from, to] of pairs) {
    if (Array.from(from).length !== 1 || Array.from(to).length !== 1) {
      throw new Error(`script map pair ${JSON.stringify([from, to])} is not one code point to one code point`);
    }
  }
  return pairs.map(([from, to]) => from + to).join('');
}

/** The pairs of a packed map, in order (for tools and tests). */
export function unpackScriptMap(packed: PackedScriptMap): [string, string][] {
  const points = Array.from(packed);
  if (points.length % 2 !== 0) throw new Error('packed script map has an odd number of code points');
  const pairs: [string, string][] = [];
  for (let i = 0; i < points.length; i += 2) pairs.push([points[i], points[i + 1]]);
  return pairs;
}

/**
 * The script map as a table indexed by UTF-16 unit: `bmpTarget(c)` answers for a BMP key with one typed-array
 * load, which the normalizer's per-character fast path relies on. The few pairs that involve astral characters
 * live in a Map built on first use.
 */
export class ScriptTable implements CharMap {
  /** bmp[c] = target unit of BMP key c, ASTRAL_TARGET when its target is astral, 0 when c is not a key. */
  private readonly bmp = new Uint16Array(0x10000);
  private readonly astralPairs: [string, string][] = [];
  private astral: Map<string, string> | null = null;

  constructor(packed: PackedScriptMap) {
    const bmp = this.bmp;
    for (let i = 0; i < packed.length; ) {
      const from = packed.codePointAt(i)!;
      i += from > 0xffff ? 2 : 1;
      const to = packed.codePointAt(i);
      if (to === undefined) throw new Error('packed script map ends inside a pair');
      i += to > 0xffff ? 2 : 1;
      if (from <= 0xffff && to <= 0xffff && to !== ASTRAL_TARGET) bmp[from] = to;
      else {
        if (from <= 0xffff) bmp[from] = ASTRAL_TARGET;
        this.astralPairs.push([String.fromCodePoint(from), String.fromCodePoint(to)]);
      }
    }
  }

  /** A table of explicit pairs (tests, tools). */
  static fromPairs(pairs: readonly [string, string][]): ScriptTable {
    return new ScriptTable(packScriptMap(pairs));
  }

  /** The simplified form of one code point, or undefined when it is not a key. */
  get(ch: string): string | undefined {
    if (ch.length === 1) {
      const to = this.bmp[ch.charCodeAt(0)];
      if (to === 0) return undefined;
      if (to !== ASTRAL_TARGET) return String.fromCharCode(to);
    }
    return (this.astral ??= new Map(this.astralPairs)).get(ch);
  }

  has(ch: string): boolean {
    return this.get(ch) !== undefined;
  }

  /** For a BMP unit: 0 when it is not a key, its BMP target unit, or -1 when its target is astral. */
  bmpTarget(unit: number): number {
    const to = this.bmp[unit];
    return to === ASTRAL_TARGET ? -1 : to;
  }
}
