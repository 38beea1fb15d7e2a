/** @module Build-only: the toneless pinyin reading table (syllable → characters), generated with pinyin-pro. */
import { pinyin } from 'pinyin-pro';
import type { ReadingTable } from '../text/pinyin';

/**
 * Every character of GB2312 (the 6,763 characters people type every day) plus any other Han character in
 * `extra` (the corpus and dictionaries), with all its toneless readings. Traditional characters need no
 * entry: queries are converted to simplified before pinyin is looked up.
 */
export function buildReadingTable(extra: Iterable<string>): ReadingTable {
  const chars = new Set<string>(gb2312Hanzi());
  for (const ch of extra) if (/\p{Script=Han}/u.test(ch)) chars.add(ch);
  const table = new Map<string, Set<string>>();
  for (const ch of [...chars].sort()) {
    const readings = pinyin(ch, { toneType: 'none', multiple: true, type: 'array', v: true }) as string[];
    for (const r of new Set(readings)) {
      if (!/^[a-z]+$/.test(r)) continue;
      let set = table.get(r);
      if (!set) table.set(r, (set = new Set()));
      set.add(ch);
    }
  }
  const out: ReadingTable = {};
  for (const syllable of [...table.keys()].sort()) out[syllable] = [...table.get(syllable)!].sort().join('');
  return out;
}

/** The GB2312 Han characters (rows 0xB0A1–0xF7FE), decoded with the platform's GBK decoder. */
export function gb2312Hanzi(): string[] {
  const decoder = new TextDecoder('gbk');
  const out: string[] = [];
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (/^\p{Script=Han}$/u.test(ch)) out.push(ch);
    }
  }
  return out;
}
