/** @module Contact values in text (phone numbers, URLs, e-mail addresses, listed account names): what provider isolation keeps apart. */
import type { Contact, Entry } from '../model';

/**
 * Phone numbers (seven or more digits, spaces or hyphens between them), URLs and e-mail addresses as articles write
 * them: a backstop for values the contact extraction did not list as a channel's `value`. Times (9:00-18:00),
 * years and counts of days never reach seven digits in a row.
 */
const VALUE_PATTERN = /(?:\d[-\s]?){6}\d|https?:\/\/|www\.[\w-]|[\w.+-]+@[\w-]+\.[\w-]/;

/**
 * The values a provider's contact guidance lists (channels' `value` and `href`), for finding them in text. An
 * account named like the provider itself (公众号“康付钱包”) is left out: every mention of the provider would state it.
 */
export function contactValues(contact: Contact | null): string[] {
  const values: string[] = [];
  for (const c of contact?.channels ?? []) {
    if (c.value && c.value !== contact!.name) values.push(c.value);
    if (c.href) values.push(c.href.replace(/^(?:tel|mailto):/, ''));
  }
  return values;
}

/** True when `text` states a contact value: one of `values`, or anything that reads as a number, URL or e-mail address. */
export function statesContactValue(text: string, values: readonly string[]): boolean {
  return VALUE_PATTERN.test(text) || values.some((v) => v.length > 0 && text.includes(v));
}

/** True when an entry's question, answer or steps state a contact value (see statesContactValue). */
export function entryStatesContactValue(entry: Entry, values: readonly string[]): boolean {
  if (statesContactValue(entry.question, values) || statesContactValue(entry.answer, values)) return true;
  return entry.steps.some((s) => statesContactValue(s.title, values) || statesContactValue(s.text, values));
}

