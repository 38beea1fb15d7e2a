/**
 * @module Build-only: the contact values a text states — phone numbers, e-mail addresses, URLs, WeChat accounts,
 * mini-programs, in-app paths and service hours — each verbatim with its offsets, so a channel can show the number
 * the article gives instead of only the sentence around it.
 *
 * Matching runs on a folded copy of the text with the same length (see fold.ts): full-width forms, upper case and
 * traditional characters match like their plain forms, while every value is sliced from the input as written.
 *
 *     findContactValues('客服電話：４００－８２０－８８８８（週一至週五 9:00-18:00）', normalize)
 *     // → [{ kind: 'phone', value: '４００－８２０－８８８８', start: 5, end: 17, href: 'tel:4008208888', owner: 'provider' },
 *     //    { kind: 'hours', value: '週一至週五 9:00-18:00', start: 18, end: 35,
 *     //      hours: { allDay: false, days: '週一至週五', from: '09:00', to: '18:00' } }]
 */
import { viewOf } from './fold';
import { findAccounts, findAppPaths } from './accounts';
import { findHours } from './hours';
import { ownerAt } from './owner';
import { findPhones } from './phone';
import { findEmails, findUrls } from './web';
import type { ContactValue, Normalize, ProviderNames } from './types';

export type * from './types';
export { classifyOwner } from './owner';
export { hrefFor } from './href';
export { labelKind, splitLabel, type LabelKind, type LabelSplit } from './labels';
export { PUBLIC_SERVICE_NUMBERS } from './public-services';

export interface FindOptions {
  /** The provider whose article this is, so a value the text attributes to it by name stays its own. */
  provider?: ProviderNames;
}

/** True when `text` states where to reach someone: a phone number, e-mail address, URL or WeChat account (see findContactValues). */
export function statesAddress(text: string, normalize: Normalize): boolean {
  return findContactValues(text, normalize).some((v) => v.kind === 'phone' || v.kind === 'email' || v.kind === 'url' || v.kind === 'wechat');
}

/**
 * Every contact value in `text`, ordered by position and never overlapping: where two finders claim the same
 * characters, the value that starts first wins, then the longer one (an e-mail address over the domain inside it).
 * `normalize` is the shared pipeline's (src/text/normalize.ts), which supplies the traditional → simplified fold.
 */
export function findContactValues(text: string, normalize: Normalize, options: FindOptions = {}): ContactValue[] {
  const view = viewOf(text, normalize);
  const owned = [...findPhones(view), ...findEmails(view), ...findUrls(view), ...findAccounts(view)].map(
    (v): ContactValue => {
      const { owner, name } = ownerAt(view, v.start, v.end, v.kind, options.provider, normalize);
      return { ...v, owner, ...(name ? { ownerName: name } : {}) } as ContactValue;
    },
  );
  const candidates: ContactValue[] = [...owned, ...findAppPaths(view), ...findHours(view)];
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ContactValue[] = [];
  for (const v of candidates) if (!out.length || v.start >= out[out.length - 1].end) out.push(v);
  return out;
}
