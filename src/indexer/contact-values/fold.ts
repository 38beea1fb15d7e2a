/**
 * @module Build-only: the text the finders match on. Each UTF-16 unit of the input is folded on its own into exactly
 * one unit, so an offset into the folded text is the same offset into the input and every value is sliced verbatim
 * from the input, whatever width, case or script it was written in.
 */
import { inHanBlocks } from '../../text/char-class';
import { foldCase, foldWidth } from '../../text/normalize';
import type { Normalize } from './types';

export interface TextView {
  /** The input, verbatim: values and offsets come from it. */
  text: string;
  /**
   * `text` folded unit for unit (same length): full-width ASCII and the ideographic space to ASCII (the pipeline's
   * width step; not the full-width comma), Latin letters to lower case (its case step) and Han characters to
   * simplified (its script step, through the caller's `normalize`). Everything else is kept as it is, so punctuation that the full normalizer
   * would turn into spaces (：, “”, 「」, →) is still there to match on.
   */
  folded: string;
}

const caches = new WeakMap<Normalize, Map<number, string>>();

export function viewOf(text: string, normalize: Normalize): TextView {
  let cache = caches.get(normalize);
  if (!cache) caches.set(normalize, (cache = new Map()));
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let f = cache.get(c);
    if (f === undefined) {
      f = foldUnit(String.fromCharCode(c), normalize);
      cache.set(c, f);
    }
    folded += f;
  }
  return { text, folded };
}

/** One unit's fold, or the unit itself when the pipeline would change its length or its kind. */
function foldUnit(ch: string, normalize: Normalize): string {
  const c = ch.charCodeAt(0);
  // The full-width comma ends a clause in Chinese text and never groups digits (1,000), so it stays apart from ','.
  if (c === 0xff0c) return ch;
  if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) return foldCase(foldWidth(ch));
  if (c >= 0x41 && c <= 0x5a) return foldCase(ch);
  if (inHanBlocks(c) || (c >= 0xf900 && c <= 0xfaff)) {
    const simplified = normalize(ch);
    if (simplified.length === 1 && inHanBlocks(simplified.charCodeAt(0))) return simplified;
  }
  return ch;
}

/** Ends a sentence in folded text (full-width forms are already ASCII there). */
const SENTENCE_END = /[。!?;！？；\n]/;
/** Ends a clause: a sentence end or a comma (not the comma of 1,000). */
const CLAUSE_END = /[。!?;！？；\n,，]/;

/** The [start, end) of the sentence of folded text around [at, to). */
export function sentenceAround(folded: string, at: number, to = at): [number, number] {
  return boundsAround(folded, at, to, SENTENCE_END);
}

/** The [start, end) of the clause of folded text around [at, to). */
export function clauseAround(folded: string, at: number, to = at): [number, number] {
  return boundsAround(folded, at, to, CLAUSE_END);
}

/** How far context reaches on either side: a sentence longer than this says nothing more about a value in it. */
const MAX_CONTEXT = 120;

function boundsAround(folded: string, at: number, to: number, end: RegExp): [number, number] {
  const min = Math.max(0, at - MAX_CONTEXT);
  const max = Math.min(folded.length, to + MAX_CONTEXT);
  let a = at;
  while (a > min && !isBreak(folded, a - 1, end)) a--;
  let b = to;
  while (b < max && !isBreak(folded, b, end)) b++;
  return [a, b];
}

function isBreak(folded: string, i: number, end: RegExp): boolean {
  const ch = folded[i];
  if (!end.test(ch)) return false;
  // 1,000 and 1.5 are numbers; an ASCII comma between digits breaks nothing.
  return !(ch === ',' && isDigit(folded[i - 1]) && isDigit(folded[i + 1]));
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
