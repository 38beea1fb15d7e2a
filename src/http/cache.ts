/**
 * @module HTTP caching: `Cache-Control` and an `ETag` per (index version, normalized request), and the
 * `If-None-Match` check that turns a repeat request into a bodiless 304.
 */
import { seconds, type Env } from './env';

/** Default freshness of index-derived responses, in seconds (env CACHE_MAX_AGE overrides). */
export const DEFAULT_CACHE_MAX_AGE = 60;

/** Cache-Control of a successful response derived only from the index and the request. */
export function cacheControl(env: Env | undefined): string {
  return `public, max-age=${seconds(env?.CACHE_MAX_AGE, DEFAULT_CACHE_MAX_AGE)}`;
}

/** Cache-Control of errors and anything else that must not be reused (a fixed bad request could be retried). */
export const NO_STORE = 'no-store';

/**
 * Revision of the response format. Bump it when a code change alters bodies for the same index and request (a
 * new field, a changed snippet rule), so clients holding old bodies stop getting 304 for them. Deployments with
 * the version-metadata binding get this automatically from the version id.
 */
export const RESPONSE_REVISION = 1;

/**
 * The ETag of a response. It changes with the index (a rebuild with other content changes the hash), with the
 * code (RESPONSE_REVISION, and the deployed version id when `CF_VERSION_METADATA` is bound) and with the request
 * only as far as the response can: `route` plus the validated, defaulted parameters in sorted order, so
 * `?limit=5&q=x` and `?q=x` share one. It is weak because bodies carry `tookMs`, which differs byte-wise between
 * two otherwise identical answers.
 */
export async function etagFor(
  indexHash: string,
  route: string,
  params: Record<string, string | number | undefined>,
  version = '',
): Promise<string> {
  const normalized = JSON.stringify([
    RESPONSE_REVISION,
    version,
    route,
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalized)));
  let hex = '';
  for (let i = 0; i < 8; i++) hex += digest[i].toString(16).padStart(2, '0');
  return `W/"${indexHash}-${hex}"`;
}

/**
 * True when an `If-None-Match` header matches `etag` (RFC 9110 §13.1.2: weak comparison, a list, or `*`).
 * Oversized headers are not parsed: a real client sends a handful of tags.
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header || header.length > 4096) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}
