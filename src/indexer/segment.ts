/** @module Build-only: word segmentation with jieba-wasm, used to learn the lexicon the shared tokenizer ships with. */
import { add_word, cut } from 'jieba-wasm';

/**
 * Learns word frequencies from texts that are already normalized: jieba (with the domain dictionary added,
 * HMM on for new words) segments every text, and each word's count becomes its frequency. Dictionary
 * words keep at least their dictionary frequency, so query words the corpus lacks (几天, 怎么办) still segment.
 */
export function learnLexicon(texts: string[], dictionary: Map<string, number>): Record<string, number> {
  for (const [word, freq] of dictionary) add_word(word, freq);
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const raw of cut(text, true)) {
      const word = raw.trim();
      if (!word || !/[\p{L}\p{N}]/u.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  for (const [word, freq] of dictionary) counts.set(word, Math.max(counts.get(word) ?? 0, freq));
  const out: Record<string, number> = {};
  for (const word of [...counts.keys()].sort()) out[word] = counts.get(word)!;
  return out;
}
