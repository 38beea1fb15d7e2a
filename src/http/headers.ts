/**
 * @module Security headers shared by the API and the HTML search page: `nosniff` on every response, a strict
 * Content-Security-Policy on any HTML, and the contract's JSON content type.
 */

/**
 * The policy for every HTML response. Nothing is allowed unless listed: the page may load its own scripts,
 * styles, images and fonts and call its own API, but no inline script or style, no plugins, no foreign origins,
 * no `<base>` rewriting, no form posts elsewhere and no framing (clickjacking). A page that needs more should ask
 * for it here rather than loosen it locally, so there is one policy to review.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every HTML response carries, in addition to `nosniff` (e.g. for a static-assets `_headers` file). */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
};

/** True when a Content-Type names HTML (any parameters, any case). */
export function isHtml(contentType: string | null | undefined): boolean {
  return /^\s*text\/html\b/i.test(contentType ?? '');
}

/**
 * Adds the security headers a response needs, in place: `X-Content-Type-Options: nosniff` always (so a browser
 * never renders JSON that echoes user input as HTML), the CSP and referrer policy when the body is HTML, and
 * `charset=utf-8` on bare `application/json` as the contract promises.
 */
export function applySecurityHeaders(headers: Headers): void {
  headers.set('X-Content-Type-Options', 'nosniff');
  const type = headers.get('Content-Type');
  if (isHtml(type)) for (const [k, v] of Object.entries(HTML_SECURITY_HEADERS)) headers.set(k, v);
  else if (type && /^application\/json\s*$/i.test(type)) headers.set('Content-Type', 'application/json; charset=utf-8');
}

/** A copy of `response` with {@link applySecurityHeaders} applied (responses from `fetch` have immutable headers). */
export function withSecurityHeaders(response: Response): Response {
  const out = new Response(response.body, response);
  applySecurityHeaders(out.headers);
  return out;
}
