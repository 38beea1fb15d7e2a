/**
 * @module Build-only: the normalization every classification of source text reads (`Block.norm`). It is the text
 * pipeline's width, case and script steps (src/text/normalize.ts) without its punctuation step, so colons, question
 * marks and brackets still say what a line is, and it maps each character to exactly one character, so a match in
 * the folded text is at the same offsets in the original.
 */
import { foldCase, foldWidth, makeFoldScript } from '../text/normalize';
import { ScriptTable, type CharMap } from '../text/script-table';
import { gb2312Hanzi } from './readings';
import { buildScriptMap } from './script-map';

/** Folds text for classification: same length as its input, character for character. */
export type Fold = (text: string) => string;

/** Invisible characters become spaces rather than nothing, so offsets stay aligned. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/;

/** The fold for a script map (traditional and variant forms → simplified). */
export function createFold(scriptMap: CharMap): Fold {
  const script = makeFoldScript(scriptMap);
  /** Folded UTF-16 unit for every BMP unit, filled on first use (0: not yet folded). */
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<string, string>();
  const foldChar = (ch: string): string => {
    let out = INVISIBLE.test(ch) ? ' ' : ch;
    // Each step is kept only where it maps one character to one character of the same length (NFKC turns … into
    // three dots and ㈠ into three characters; those keep their own form).
    for (const step of [foldWidth, foldCase, script]) {
      const next = step(out);
      if (next.length === out.length && Array.from(next).length === 1) out = next;
    }
    return out;
  };
  return (text) => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const high = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
      if (high) {
        const ch = text.slice(i, i + 2);
        let folded = astral.get(ch);
        if (folded === undefined) astral.set(ch, (folded = foldChar(ch)));
        out += folded;
        i++;
        continue;
      }
      let f = bmp[c];
      // A unit that folds to U+0000 is folded again each time (only U+0000 itself, which becomes a space).
      if (f === 0) f = bmp[c] = foldChar(String.fromCharCode(c)).charCodeAt(0);
      out += String.fromCharCode(f);
    }
    return out;
  };
}

/** The fold the build uses for data with these character variants (for tools and tests; the build reuses its map). */
export function foldForVariants(variants: [string, string][]): Fold {
  return createFold(ScriptTable.fromPairs(buildScriptMap(variants, new Set(gb2312Hanzi()))));
}
