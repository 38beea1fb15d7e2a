/**
 * @module HTTP caching: `Cache-Control` and an `ETag` per (index version, normalized request), the
 * `If-None-Match` check that turns a repeat request into a bodiless 304, and the isolate's response cache.
 */
import { seconds, type Bindings } from './env';

/** Default freshness of index-derived responses, in seconds (env CACHE_MAX_AGE overrides). */
export const DEFAULT_CACHE_MAX_AGE = 60;

/** Cache-Control of a successful response derived only from the index and the request. */
export function cacheControl(env: Bindings | undefined): string {
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
 * The identity of a response: `route` plus the validated, defaulted parameters in sorted order (so `?limit=5&q=x`
 * and `?q=x` share one), the response format revision and the deployed version. Key of the response cache and
 * input of the ETag.
 */
export function requestKey(route: string, params: Record<string, string | number | undefined>, version = ''): string {
  const given: [string, string | number][] = [];
  // sort() without a comparator orders by UTF-16 code units; names are distinct, so no tie is left to order.
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    if (value !== undefined && value !== '') given.push([name, value]);
  }
  return JSON.stringify([RESPONSE_REVISION, version, route, given]);
}

/**
 * The ETag of a response. It changes with the index (a rebuild with other content changes the hash), with the
 * code (RESPONSE_REVISION, and the deployed version id when `CF_VERSION_METADATA` is bound) and with the request
 * only as far as the response can (see requestKey). It is weak because bodies carry `tookMs`, which differs
 * byte-wise between two otherwise identical answers.
 *
 * The request part is a 64-bit hash of the key (two independent 32-bit FNV-1a lanes), computed synchronously: an
 * ETag needs to tell apart the few thousand requests a client caches, not resist forgery (the index hash before it
 * already pins the content), and `crypto.subtle.digest` is an asynchronous call whose round trip would land in
 * the slowest percentiles of every search.
 */
export function etagFor(indexHash: string, key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `W/"${indexHash}-${hex(a)}${hex(b)}"`;
}

/** Default number of responses an isolate keeps (env RESPONSE_CACHE_SIZE overrides; 0 turns the cache off). */
export const DEFAULT_RESPONSE_CACHE_SIZE = 512;

/** Characters of bodies kept at most, whatever the count (about 2 bytes each): a few megabytes of an isolate's 128 MB. */
const RESPONSE_CACHE_CHARS = 2_000_000;

/**
 * Recently served JSON bodies by request key, least recently used evicted first. Real traffic asks the same
 * questions over and over (退款, 客服电话, a provider's name); a repeat costs a map lookup instead of analysis,
 * ranking, snippets and serialization. Bodies depend only on the index and the request (the index is immutable
 * per isolate), so a kept body is exactly what a fresh search would produce, `tookMs` aside, which then reports
 * the search that produced it. The ETag is not kept: it is a cheap function of the key (etagFor). Bodies are kept
 * as the JSON text a response is made from: the runtime encodes a string body to UTF-8 natively, so encoding it
 * in JavaScript first would only add a copy to every response that is not a repeat.
 */
export class ResponseCache {
  private entries = new Map<string, string>();
  private chars = 0;

  /** The body kept for `key` (marking it recently used), or undefined. */
  get(key: string): string | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps `body` for `key`, evicting the least recently used beyond `limit` bodies or the character budget. */
  set(key: string, body: string, limit: number): void {
    if (limit <= 0 || body.length > RESPONSE_CACHE_CHARS / 4) return;
    const old = this.entries.get(key);
    if (old !== undefined) this.chars -= old.length;
    this.entries.delete(key);
    this.entries.set(key, body);
    this.chars += body.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= limit && this.chars <= RESPONSE_CACHE_CHARS) break;
      this.entries.delete(k);
      this.chars -= v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
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
