/**
 * @module Build-only: e-mail addresses and URLs in text. Both are matched on the folded text, so ＠, full-width
 * letters and upper case are found like their ASCII forms, and sliced from the input as written.
 */
import type { TextView } from './fold';
import { hrefFor } from './href';
import type { EmailValue, Unowned, UrlValue } from './types';

/** One label of a domain name: letters and digits, with hyphens inside. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** `@`, or `[at]`/`(at)`/`{at}`/`【at】` (spaced or not), the spellings that hide an address from harvesters. */
const AT = '(?:@|[ ]?(?:\\[[ ]?at[ ]?\\]|\\([ ]?at[ ]?\\)|\\{[ ]?at[ ]?\\}|【[ ]?at[ ]?】)[ ]?)';
const DOT = '(?:\\.|[ ]?(?:\\[[ ]?dot[ ]?\\]|\\([ ]?dot[ ]?\\))[ ]?)';
const EMAIL = new RegExp(
  `(?<![a-z0-9._%+-])[a-z0-9](?:[a-z0-9._%+-]{0,62}[a-z0-9_-])?${AT}(?:${LABEL}${DOT})+[a-z]{2,24}(?![a-z0-9-]|\\.[a-z0-9])`,
  'g',
);

/**
 * Top-level domains a bare domain may end in. A closed list, because a name with a dot is far more often a file
 * (说明.txt, a.png) or a product (Node.js) than a site; extensions that are also file types (.zip, .app, .md, .py,
 * .sh, .cc) are left out, so a bare domain there needs its scheme.
 */
const TLDS = [
  'com', 'net', 'org', 'cn', 'hk', 'tw', 'mo', 'sg', 'my', 'jp', 'kr', 'us', 'uk', 'de', 'fr', 'au', 'ca', 'io', 'co',
  'info', 'biz', 'gov', 'edu', 'mil', 'int', 'me', 'tv', 'top', 'xyz', 'vip', 'site', 'online', 'store', 'tech',
  'ltd', 'group', 'shop', 'club', 'wang', 'link', 'ai', 'pay', 'bank', 'mobi', 'asia', 'cloud', 'ren', 'fun', 'life',
  'work', 'live', 'news', 'email', 'help', 'services', 'support',
].sort((a, b) => b.length - a.length);
/** Characters a URL's path, query and fragment may hold (RFC 3986, ASCII only: a URL ends at the first Han). */
const PATH = "[a-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
const SCHEME_URL = new RegExp(`https?://${PATH}+`, 'g');
const BARE_URL = new RegExp(
  `(?<![a-z0-9@._/-])(?:${LABEL}\\.)+(?:${TLDS.join('|')})(?![a-z0-9-]|\\.[a-z0-9])(?::\\d{2,5})?(?:/${PATH}*)?`,
  'g',
);
/** Punctuation that ends a sentence rather than a URL when it comes last. */
const TRAILING = /[.,;:!?'"*~]$/;
/** Full-width punctuation that a URL typed in half width never holds: the sentence's, though it folds to ASCII. */
const FULL_WIDTH_STOP = /[！？（）：]/;

export function findEmails(view: TextView): Unowned<EmailValue>[] {
  return [...view.folded.matchAll(EMAIL)].map((m) => {
    const value = view.text.slice(m.index, m.index + m[0].length);
    return { kind: 'email', value, start: m.index, end: m.index + m[0].length, href: hrefFor({ kind: 'email', value })! };
  });
}

export function findUrls(view: TextView): Unowned<UrlValue>[] {
  const out: Unowned<UrlValue>[] = [];
  for (const re of [SCHEME_URL, BARE_URL]) {
    for (const m of view.folded.matchAll(re)) {
      const start = m.index;
      const end = urlEnd(view, start, start + m[0].length);
      const value = view.text.slice(start, end);
      out.push({ kind: 'url', value, start, end, href: hrefFor({ kind: 'url', value })! });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Where a matched URL really ends: a URL typed in half width ends before full-width punctuation (the sentence's
 * "（官方）" or "？"), then any URL ends before trailing sentence punctuation and unbalanced closing brackets.
 */
function urlEnd(view: TextView, start: number, end: number): number {
  const halfWidth = view.text[start] === view.folded[start];
  for (let i = start; i < end && halfWidth; i++) {
    if (FULL_WIDTH_STOP.test(view.text[i])) {
      end = i;
      break;
    }
  }
  for (;;) {
    const s = view.folded.slice(start, end);
    if (TRAILING.test(s)) end--;
    else if (s.endsWith(')') && count(s, '(') < count(s, ')')) end--;
    else if (s.endsWith(']') && count(s, '[') < count(s, ']')) end--;
    else return end;
  }
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
