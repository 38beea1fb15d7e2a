/** @module Build-only: general modern Chinese vocabulary (from @pinyin-pro/data) so queries segment into real words even where the corpus lacks them. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** How many of the most frequent general words to ship: above the data set's count of 2–4 character words, so all of them ship (the lexicon loads lazily, so size costs bundle bytes only). */
export const GENERAL_WORDS = 60000;

/**
 * The most frequent 2–4 character Han words of modern Chinese with small integer frequencies (1..12, log
 * scale). Corpus and domain words get their own, higher counts, so the general words only decide how text
 * the corpus never uses is cut (显示, 打车, 彩票), which both lets out-of-domain queries be recognised as such
 * and keeps colloquial words whole.
 */
export function generalWords(limit = GENERAL_WORDS): Map<string, number> {
  const data = require('@pinyin-pro/data/modern.json') as Record<string, [string, number]>;
  const words = Object.entries(data)
    .filter(([w]) => /^\p{Script=Han}{2,4}$/u.test(w))
    .sort((a, b) => b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit);
  const out = new Map<string, number>();
  for (const [word, [, p]] of words) out.set(word, Math.min(12, Math.max(1, 1 + Math.round(2.5 * Math.log10(p / 1e-11)))));
  return out;
}

/**
 * Frequency class (generalWords' scale) from which a general word is everyday language: about the thousand most
 * frequent words (显示, 修改, 朋友, 好像, 知道). Below it are the words that name a topic (股票, 保险, 信用卡, 护照).
 */
export const EVERYDAY_CLASS = 8;

/**
 * Everyday words (EVERYDAY_CLASS and above) that no domain list names, sorted: when a query holds one the corpus
 * never uses, it is how the user phrased the question, not what it is about (see ranking.ts EVERYDAY_UNKNOWN).
 * `general` is generalWords(); `domain` holds the domain lists' words (dictionary, synonyms, category keywords, stop
 * words), which stay topical.
 */
export function everydayWords(general: Map<string, number>, domain: ReadonlySet<string>): string[] {
  return [...general]
    .filter(([word, cls]) => cls >= EVERYDAY_CLASS && !domain.has(word))
    .map(([word]) => word)
    .sort();
}
