/** @module Build-only: links made from a contact value alone. */
import type { ContactValueKind } from './types';

/** Where an extension starts in a (width-folded) phone value. */
const EXTENSION = /(?:\(?\s*(?:转|轉|分机|分機|内线|內線|ext\.?|x)\s*:?\s*)(\d+)\s*\)?\s*$/i;
/** A service number's line after a dash (95188-6), dialled like an extension. */
const SUB_LINE = /(?<=^\s*9[56]\d{3})\s*[-‐‑‒–—―−﹣]\s*(\d{1,2})\s*$/;
const AT = /\s*(?:\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|【\s*at\s*】)\s*/gi;
const DOT = /\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|【\s*dot\s*】)\s*/gi;

/**
 * The link for a value: `tel:` for a phone (digits and a leading + only; an extension follows a `,`, the pause a
 * phone dials before sending the extension's digits, since dialers ignore RFC 3966's `;ext=`), `mailto:` for an
 * e-mail address, the URL itself or `https://` + a bare domain. Undefined for every other kind: an account name,
 * an in-app path or hours are not addresses a link can open.
 */
export function hrefFor(v: { kind: ContactValueKind; value: string }): string | undefined {
  const half = v.value.normalize('NFKC');
  switch (v.kind) {
    case 'phone':
      return telHref(half);
    case 'email':
      return `mailto:${half.replace(AT, '@').replace(DOT, '.').replace(/\s+/g, '')}`;
    case 'url':
      return /^https?:\/\//i.test(half) ? half.replace(/^https?/i, (s) => s.toLowerCase()) : `https://${half}`;
    default:
      return undefined;
  }
}

function telHref(half: string): string {
  const ext = EXTENSION.exec(half) ?? SUB_LINE.exec(half);
  let main = ext ? half.slice(0, ext.index) : half;
  // The trunk 0 in "+86 (0)21 …" is not dialled after a country code.
  if (/^\(?\s*\+/.test(main)) main = main.replace(/\(0\)/, '');
  const plus = /^\(?\s*\+|^\(\s*(?:86|852|853|886)\s*\)\s*\d/.test(main) ? '+' : '';
  return `tel:${plus}${main.replace(/\D/g, '')}${ext ? `,${ext[1]}` : ''}`;
}
