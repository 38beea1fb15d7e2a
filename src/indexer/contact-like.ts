/**
 * @module Build-only: a small finder of contact-like values (phone numbers, e-mail addresses, URLs) in source text,
 * for the build report's "found in no contact statement" check and for telling a contact footer from an answer.
 * It finds candidates, not channels: src/indexer/contact-values.ts owns the contact extractor's value patterns.
 */

export interface ContactLike {
  kind: 'phone' | 'email' | 'url';
  value: string;
  /** Offset of the value in the searched text. */
  at: number;
}

const PATTERNS: [ContactLike['kind'], RegExp][] = [
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g],
  ['url', /(?:https?:\/\/|www\.)[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+[A-Za-z0-9/]/g],
  // Seven or more digits with the separators phone numbers are written with (400-620-8899, (02)2655-8800, +852
  // 2345 6789), or a five-digit service number (95188) that stands alone; never part of a longer number or a date.
  ['phone', /(?<![\d.,:/])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?)?\d(?:[\d\s-]{5,16}\d)(?![\d.,%])|(?<![\d.,:/-])9\d{4}(?:-\d{1,2})?(?![\d.,%年月日])/g],
];

/** Every contact-like value in `text`, in order; overlapping finds keep the earlier pattern's (an e-mail over digits). */
export function findContactLike(text: string): ContactLike[] {
  const found: ContactLike[] = [];
  for (const [kind, re] of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const value = m[0].trim();
      // A date (2024-01-15) is written like a phone number but is none.
      if (kind === 'phone' && (value.replace(/\D/g, '').length < 5 || /^\d{4}-\d{1,2}-\d{1,2}$/.test(value))) continue;
      const at = m.index!;
      if (found.some((f) => at < f.at + f.value.length && f.at < at + value.length)) continue;
      found.push({ kind, value, at });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}
