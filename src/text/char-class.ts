/** @module Character classes the query path asks about (Han, letter or digit), answered by code range before any Unicode-property regex. */

/**
 * A regex built on its first use. A Unicode-property regex costs twice in every new isolate: V8 validates a
 * literal's property names while it compiles the script, even inside functions that never run, and compiles the
 * pattern on its first match. Built from a string on first use, a pattern that no request needs costs nothing.
 */
export function lazyRegExp(source: string, flags: string): () => RegExp {
  let re: RegExp | null = null;
  return () => (re ??= new RegExp(source, flags));
}

/**
 * Characters that render as nothing: Unicode's Default_Ignorable_Code_Point set (zero-width spaces and joiners, bidi
 * marks and isolates, the soft hyphen, the combining grapheme joiner, variation selectors, tag characters, the
 * Khmer inherent vowels, shorthand and musical format controls, reserved ranges) without the blank fillers below.
 * Spelled out rather than `\p{Default_Ignorable_Code_Point}`: normalization removes them, and the build and the
 * worker must remove the same ones whatever Unicode version their JavaScript engines ship; a unit test compares this
 * list with the property. UTF-16 units, so the pattern needs no `u` flag (and no property tables).
 */
export const ZERO_WIDTH_SOURCE =
  '[\\u00ad\\u034f\\u061c\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufe00-\\ufe0f\\ufeff\\ufff0-\\ufff8]' +
  '|\\ud82f[\\udca0-\\udca3]|\\ud834[\\udd73-\\udd7a]|[\\udb40-\\udb43][\\udc00-\\udfff]';

/**
 * Characters that render as blank space, not as a glyph: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0, which
 * Unicode counts as default-ignorable) and U+2800 BRAILLE PATTERN BLANK. Typed alone they pass for a word (ㅤㅤㅤ), so
 * normalization folds them to a space: they separate words as the blank they look like, and search for nothing.
 */
export const BLANK_FILLER_SOURCE = '[\\u115f\\u1160\\u2800\\u3164\\uffa0]';

const INVISIBLE = new RegExp(`${ZERO_WIDTH_SOURCE}|${BLANK_FILLER_SOURCE}`);

/** Whether `ch` (one code point) is invisible where text is shown: zero-width or a blank filler (see above). */
export const isInvisible = (ch: string): boolean => INVISIBLE.test(ch);

/**
 * The characters that fill real queries (ASCII and the two big Han blocks) are answered by range; only other
 * characters reach the one shared regex of each class. The unit tests compare both functions with the regexes on
 * every code point.
 */
const HAN = lazyRegExp('\\p{Script=Han}', 'u');
const LETTER_OR_DIGIT = lazyRegExp('[\\p{L}\\p{N}]', 'u');

/**
 * CJK Unified Ideographs and Extension A: every code point of both is Script=Han, a letter, and left as is by NFKC
 * and case folding.
 */
export const inHanBlocks = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** UTF-16 units of the code point at `s[i]`: 2 for a surrogate pair, else 1 (a lone surrogate counts alone). */
export const unitsAt = (s: string, i: number): 1 | 2 => (s.codePointAt(i)! > 0xffff ? 2 : 1);

/** ASCII letters and digits. */
const isAsciiAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);

/** Whether the code point at `s[i]` is Script=Han (false past the end). */
export function isHanAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (inHanBlocks(c)) return true;
  if (c < 0x80 || Number.isNaN(c)) return false;
  const cp = s.codePointAt(i)!;
  return HAN().test(String.fromCodePoint(cp));
}

/** Whether `ch` (one code point) is Script=Han. */
export function isHan(ch: string): boolean {
  return ch.length > 0 && isHanAt(ch, 0);
}

/** Whether `s` is non-empty and all Script=Han (as /^\p{Script=Han}+$/u). */
export function isHanWord(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i += unitsAt(s, i)) if (!isHanAt(s, i)) return false;
  return true;
}

/** The maximal runs of Script=Han characters in `s`, with their UTF-16 offsets (as s.matchAll(/\p{Script=Han}+/gu)). */
export function hanRuns(s: string): { text: string; index: number }[] {
  const runs: { text: string; index: number }[] = [];
  let start = -1;
  let i = 0;
  while (i < s.length) {
    const size = unitsAt(s, i);
    if (isHanAt(s, i)) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      runs.push({ text: s.slice(start, i), index: start });
      start = -1;
    }
    i += size;
  }
  if (start !== -1) runs.push({ text: s.slice(start), index: start });
  return runs;
}

/** Whether `s` holds a letter or a digit (as /[\p{L}\p{N}]/u). */
export function hasLetterOrDigit(s: string): boolean {
  let other = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAsciiAlnum(c) || inHanBlocks(c)) return true;
    if (c >= 0x80) other = true;
  }
  return other && LETTER_OR_DIGIT().test(s);
}
