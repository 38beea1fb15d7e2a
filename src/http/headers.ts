/**
 * @module Headers every worker response carries: `nosniff`, and the contract's JSON content type. The worker answers
 * with JSON only; the page and the widget are static assets, whose headers (the CSP included) come from
 * public/asset-headers.ts.
 */

/**
 * Adds the headers a response needs, in place: `X-Content-Type-Options: nosniff` (so a browser never renders JSON
 * that echoes user input as HTML), and `charset=utf-8` on bare `application/json` as the contract promises.
 */
export function applySecurityHeaders(headers: Headers): void {
  headers.set('X-Content-Type-Options', 'nosniff');
  const type = headers.get('Content-Type');
  if (type && /^application\/json\s*$/i.test(type)) headers.set('Content-Type', 'application/json; charset=utf-8');
}
