/** @module Build-only: the traditional/variant → simplified character map, generated with opencc-js. */
import * as OpenCC from 'opencc-js/t2cn';

/** Han blocks whose characters are converted one by one (CJK Ext. A and the URO). */
const RANGES: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];

/**
 * Runs every Han character through opencc's Taiwan, Hong Kong and generic traditional → mainland converters
 * and keeps the single-character changes of characters outside `simplified`, then applies the curated variants
 * on top (帐 → 账). Sorted, so the artifact is byte-identical for the same inputs.
 */
export function buildScriptMap(variants: [string, string][], simplified: ReadonlySet<string>): [string, string][] {
  const converters = (['tw', 'hk', 't'] as const).map((from) => OpenCC.Converter({ from, to: 'cn' }));
  const chars: string[] = [];
  for (const [lo, hi] of RANGES) for (let cp = lo; cp <= hi; cp++) chars.push(String.fromCodePoint(cp));
  const map = new Map<string, string>();
  for (const convert of converters) {
    // One call over the whole list (newline-separated) is far faster than one call per character.
    const out = convert(chars.join('\n')).split('\n');
    if (out.length !== chars.length) throw new Error('opencc changed the line count; cannot build the script map');
    out.forEach((to, i) => {
      const from = chars[i];
      // Characters of the simplified set (GB2312) are never rewritten: opencc's variant tables would turn
      // everyday simplified text into rarer forms (么 → 幺).
      if (to !== from && Array.from(to).length === 1 && !simplified.has(from) && !map.has(from)) map.set(from, to);
    });
  }
  for (const [from, to] of variants) map.set(from, to);
  // Resolve chains (薴 → 苧 → 苎) so the map is idempotent: normalizing twice changes nothing.
  for (const [from, to] of map) {
    let target = to;
    for (let hops = 0; map.has(target) && map.get(target) !== target && hops < 8; hops++) target = map.get(target)!;
    map.set(from, target);
  }
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
