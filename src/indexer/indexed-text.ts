/**
 * @module Build-only: what the index holds of an entry. The entry keeps its text as written (it is what answers
 * show); the word index, the character-gram index and the lexicon learn from that text less two things that are not
 * what the entry says:
 *
 * - E-mail addresses and URLs are values, not vocabulary. A mailbox name such as `kefu` learned as a word would
 *   stop a query's `kefu` from being read as pinyin (客服), and a URL's path would match English queries. The
 *   contact guidance states them.
 * - Article boilerplate: a sentence that the bodies of several entries of one article repeat (a slogan after every
 *   section) says nothing about any one of them, yet would let every section match its words and grow longer.
 */
import type { Entry } from '../model';
import { hasSentenceEnd } from './article-roles';
import { gramText, toIndexDoc, type IndexDoc } from '../search/index-options';
import { viewOf } from './contact-values/fold';
import { findEmails, findUrls } from './contact-values/web';
import type { Normalize } from './contact-values/types';

/** What the indexes hold of one entry: its word-index document and the text its character grams come from. */
export interface IndexedText {
  doc: IndexDoc;
  grams: string;
}

/** A sentence shorter than this (in letters, digits and Han characters) is too short to count as boilerplate. */
const MIN_BOILERPLATE = 8;

/** `text` with every e-mail address and URL (as the contact-value finders find them) replaced by spaces of the same length. */
export function blankAddresses(text: string, normalize: Normalize): string {
  const view = viewOf(text, normalize);
  const spans = [...findEmails(view), ...findUrls(view)];
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const { start, end } of spans) for (let i = start; i < end; i++) chars[i] = ' ';
  return chars.join('');
}

/** The sentences of `text` with their offsets: each runs to a sentence end (hasSentenceEnd) or a line break, inclusive. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || hasSentenceEnd(text[i])) {
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** A sentence as compared across entries: folded, letters, digits and Han only; '' when too short to count. */
function sentenceKey(sentence: string, normalize: Normalize): string {
  const key = normalize(sentence).replace(/[^\p{L}\p{N}]/gu, '');
  return Array.from(key).length >= MIN_BOILERPLATE ? key : '';
}

/** `text` with the sentences whose key is in `boilerplate` replaced by spaces of the same length. */
function blankSentences(text: string, boilerplate: ReadonlySet<string>, normalize: Normalize): string {
  if (boilerplate.size === 0) return text;
  let out = '';
  for (const { start, end } of sentences(text)) {
    const s = text.slice(start, end);
    const key = sentenceKey(s, normalize);
    out += key && boilerplate.has(key) ? ' '.repeat(s.length) : s;
  }
  return out;
}

/** Sentences the bodies (answers) of two or more of `entries` state, as keys (see sentenceKey). */
function boilerplateOf(entries: Entry[], normalize: Normalize): Set<string> {
  const seenIn = new Map<string, number>();
  for (const e of entries) {
    const keys = new Set(sentences(e.answer).map(({ start, end }) => sentenceKey(e.answer.slice(start, end), normalize)));
    for (const k of keys) if (k) seenIn.set(k, (seenIn.get(k) ?? 0) + 1);
  }
  return new Set([...seenIn].filter(([, n]) => n > 1).map(([k]) => k));
}

/**
 * What the indexes hold of each entry (in the order given): its question, steps and answer with addresses blanked,
 * and its steps and answer without the boilerplate of its article (the entries sharing its source document).
 */
export function indexedTexts(entries: Entry[], normalize: Normalize): IndexedText[] {
  const byDoc = new Map<string, Entry[]>();
  for (const e of entries) {
    const list = byDoc.get(e.source.doc);
    if (list) list.push(e);
    else byDoc.set(e.source.doc, [e]);
  }
  const boilerplate = new Map([...byDoc].map(([doc, list]) => [doc, boilerplateOf(list, normalize)]));
  return entries.map((e) => {
    const doc = toIndexDoc(e);
    const own = boilerplate.get(e.source.doc)!;
    const body = (text: string) => blankAddresses(blankSentences(text, own, normalize), normalize);
    const indexed = { ...doc, question: blankAddresses(doc.question, normalize), steps: body(doc.steps), answer: body(doc.answer) };
    return { doc: indexed, grams: gramText({ ...e, question: indexed.question, answer: indexed.answer }) };
  });
}
