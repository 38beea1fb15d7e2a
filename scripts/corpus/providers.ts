/**
 * @module Synthetic corpus: synthetic payment providers with distinct Chinese brand names, a short brand alias and a
 * pinyin alias, chosen so that no name or alias is an ordinary word or occurs in the pooled article text.
 */
import { pinyin } from 'pinyin-pro';
import type { Provider } from '../../src/model';
import type { Rng } from './rng';

/** Characters brands are made of; none of them is used in a suffix, so a name never glues into another brand. */
const BRAND_CHARS = '汇易盛融嘉恒瑞丰泰鑫诚聚云智富达宏腾祥捷讯迅惠乐优星悦顺兴旺宁博卓锦鼎隆晟昊铭睿汉亿万润佳康凯航骏翔恺沐澜琪璟钧铂曜昕辰晖朗岚峰彤霖泓浩豪涵骐桦楠梓';
/** Name endings of payment companies. */
const SUFFIXES = ['支付', '钱包', '付', '宝', '金服', '收银', '通宝'];

/** Options for generating providers. */
export interface ProviderOptions {
  count: number;
  /** Text that names must not occur in (the pooled articles and the bench queries). */
  forbiddenText: string;
  /** Ordinary words (the shipped general vocabulary) that a brand must not be. */
  commonWords: Set<string>;
  /** Spellings already taken by the real providers. */
  taken: Set<string>;
}

/** Whether a brand may be used: not an ordinary word, not in the pooled text, not a real provider's spelling. */
function usable(brand: string, opts: ProviderOptions): boolean {
  return !opts.commonWords.has(brand) && !opts.forbiddenText.includes(brand) && !opts.taken.has(brand);
}

/** `count` distinct brands: all usable two-character ones in random order, then random three-character ones. */
function brandCandidates(opts: ProviderOptions, rng: Rng): string[] {
  const chars = Array.from(new Set(Array.from(BRAND_CHARS)));
  const two: string[] = [];
  for (const a of chars) for (const b of chars) if (a !== b && usable(a + b, opts)) two.push(a + b);
  const out = rng.shuffle(two).slice(0, opts.count);
  const seen = new Set(out);
  for (let tries = 0; out.length < opts.count && tries < 50 * opts.count; tries++) {
    const [a, b, c] = rng.sample(chars, 3);
    const brand = a + b + c;
    // Containing another brand (汇盛 in 汇盛泰) is harmless: the build counts the longest alias at each position.
    if (seen.has(brand) || !usable(brand, opts)) continue;
    seen.add(brand);
    out.push(brand);
  }
  return out;
}

/** Brand plus a suffix; a name that would contain a real provider's spelling (X汇 + 付 → 汇付) gets another suffix. */
function nameFor(brand: string, taken: Set<string>, rng: Rng): string {
  const clash = (name: string) => [...taken].some((t) => t.length > 1 && name.includes(t));
  for (const suffix of rng.shuffle([...SUFFIXES])) if (!clash(brand + suffix)) return brand + suffix;
  return brand + SUFFIXES[0];
}

const toneless = (han: string) => (pinyin(han, { toneType: 'none', type: 'array', v: true }) as string[]).join('');

/**
 * Makes `count` providers with ids `syn-00001`…, names like 汇盛支付, aliases [name, brand, "huisheng pay"].
 * A pinyin alias is left out when another brand already reads the same (they must name one provider only).
 */
export function makeProviders(opts: ProviderOptions, rng: Rng): Provider[] {
  const brands = brandCandidates(opts, rng);
  if (brands.length < opts.count) throw new Error(`only ${brands.length} distinct brands found, ${opts.count} requested`);
  const latinTaken = new Set<string>();
  return brands.slice(0, opts.count).map((brand, i) => {
    const name = nameFor(brand, opts.taken, rng);
    const latin = `${toneless(brand)} pay`;
    const aliases = [name, brand];
    const key = latin.replace(/ /g, '');
    if (!latinTaken.has(key)) {
      latinTaken.add(key);
      aliases.push(latin);
    }
    return { id: `syn-${String(i + 1).padStart(5, '0')}`, name, aliases };
  });
}
