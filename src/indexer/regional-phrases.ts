/** @module Build-only: Taiwan and Hong Kong wording → mainland wording (支援 → 支持, 專線 → 专线), from opencc's phrase tables. */
import hk from 'opencc-js/dict/HKPhrasesRev';
import tw from 'opencc-js/dict/TWPhrasesRev';

/**
 * Regional phrase pairs as synonym entries (phrase → [mainland phrase]), in traditional script as opencc
 * stores them; the build normalizes them like every other synonym. Only the first mainland alternative is
 * kept, as opencc's converter does.
 */
export function regionalPhrases(): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const table of [tw, hk] as string[]) {
    for (const pair of table.split('|')) {
      const [from, to] = pair.split(' ');
      if (from && to && from !== to) out.push([from, [to]]);
    }
  }
  return out;
}
