/** @module CORS: which origin may read responses, and the preflight answer for known routes. */
import type { Env } from './env';

/** Methods every route accepts; everything else is 405. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

/** Response headers a browser script may read besides the CORS-safelisted ones (ETag for revalidation, Retry-After for 429). */
const EXPOSED = 'ETag, Retry-After';

/**
 * The `Access-Control-Allow-Origin` value for a request, or null when its origin is not allowed.
 * `CORS_ORIGIN` is `*` (default), one origin, or a comma-separated list; with a list the matching origin is echoed,
 * so the response varies by Origin.
 */
export function allowedOrigin(env: Env | undefined, requestOrigin: string | undefined): { value: string | null; vary: boolean } {
  const configured = (env?.CORS_ORIGIN ?? '').trim() || '*';
  if (configured === '*') return { value: '*', vary: false };
  const list = configured.split(',').map((o) => o.trim()).filter(Boolean);
  if (list.length === 1) return { value: list[0], vary: false };
  return { value: requestOrigin && list.includes(requestOrigin) ? requestOrigin : null, vary: true };
}

/** Adds the CORS headers of an ordinary (non-preflight) response, in place. */
export function applyCorsHeaders(headers: Headers, env: Env | undefined, requestOrigin: string | undefined): void {
  const { value, vary } = allowedOrigin(env, requestOrigin);
  if (value) {
    headers.set('Access-Control-Allow-Origin', value);
    headers.set('Access-Control-Expose-Headers', EXPOSED);
  }
  if (vary) headers.append('Vary', 'Origin');
}

/** Headers of the 204 answer to an OPTIONS request on a known route (a CORS preflight or a plain capability probe). */
export function preflightHeaders(requestedHeaders: string | undefined): Record<string, string> {
  return {
    Allow: ALLOWED_METHODS,
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    // Read-only API, no credentials: any request header the browser wants to send is harmless. Bounded, though.
    'Access-Control-Allow-Headers': (requestedHeaders ?? '').slice(0, 512) || 'If-None-Match',
    'Access-Control-Max-Age': '86400',
    'Cache-Control': 'no-store',
  };
}
