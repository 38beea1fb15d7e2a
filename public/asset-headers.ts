/**
 * @module The response headers of the static assets (the page, its hashed files, the widget, the source texts), and
 * the one home of the page's Content-Security-Policy. The build writes them to dist/ui/_headers; the worker's own
 * responses are JSON and get theirs in src/http/headers.ts.
 */

/**
 * Nothing is allowed unless listed: the page loads its own script, stylesheet and icon and calls its own API (the
 * source texts included); no inline script or style, no plugins, no foreign origins, no `<base>` rewriting, no form
 * posts elsewhere, no framing. A page that needs more asks for it here, so there is one policy to review.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers by path pattern, in the order of the _headers file; rules that match one path are combined, so each
 * header is set by one rule only. The page's address carries the user's question (?q=), which no request needs to
 * repeat: hence no Referer at all, for the API and for the providers' sites the contact links lead to.
 */
export const ASSET_HEADERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '/*': {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'X-Frame-Options': 'DENY',
  },
  // The page: revalidated on every load (ETag), so a deploy shows at once; it names the hashed files.
  '/': { 'Cache-Control': 'public, max-age=0, must-revalidate' },
  '/index.html': { 'Cache-Control': 'public, max-age=0, must-revalidate' },
  // Content-hashed files never change under their name.
  '/assets/*': { 'Cache-Control': 'public, max-age=31536000, immutable' },
  // The widget keeps a stable URL for embedders: a short cache, then revalidation; loadable from any origin.
  '/widget.js': {
    'Cache-Control': 'public, max-age=600, stale-while-revalidate=86400',
    'Access-Control-Allow-Origin': '*',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  },
  // Source texts, read by the widget's "查看原文" from any origin.
  '/sources/*': { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' },
};

/** The _headers file of the static assets directory. */
export function headersFile(): string {
  const rules = Object.entries(ASSET_HEADERS).map(([path, headers]) => [path, ...Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`)].join('\n'));
  return `# Written by scripts/build-ui.ts from public/asset-headers.ts.\n\n${rules.join('\n\n')}\n`;
}
