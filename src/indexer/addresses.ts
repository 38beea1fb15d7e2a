/**
 * @module Build-only: e-mail addresses and URLs are values, not vocabulary. Their parts (kefu@…, help.….com/refund)
 * are not words of the language the corpus is written in: learned as words, a mailbox name such as `kefu` would
 * stop a query's `kefu` from being read as pinyin (客服), and a URL's path would match English queries. So the text
 * the lexicon learns from and the text the word index holds have every address blanked; the entry keeps it as
 * written, and the contact guidance states it.
 */
import type { Entry } from '../model';
import { toIndexDoc, type IndexDoc } from '../search/index-options';
import { viewOf } from './contact-values/fold';
import { findEmails, findUrls } from './contact-values/web';
import type { Normalize } from './contact-values/types';

/** `text` with every e-mail address and URL (as the contact-value finders find them) replaced by spaces of the same length. */
export function blankAddresses(text: string, normalize: Normalize): string {
  const view = viewOf(text, normalize);
  const spans = [...findEmails(view), ...findUrls(view)];
  if (spans.length === 0) return text;
  const chars = text.split('');
  for (const { start, end } of spans) for (let i = start; i < end; i++) chars[i] = ' ';
  return chars.join('');
}

/** The document the word index holds for an entry: toIndexDoc with its addresses blanked (see blankAddresses). */
export function indexedDoc(entry: Entry, normalize: Normalize): IndexDoc {
  const doc = toIndexDoc(entry);
  return { ...doc, question: blankAddresses(doc.question, normalize), steps: blankAddresses(doc.steps, normalize), answer: blankAddresses(doc.answer, normalize) };
}
