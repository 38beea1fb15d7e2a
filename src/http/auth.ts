/**
 * @module API keys of server-side callers: the format of the `API_KEYS` secret, the constant-time key check, and the
 * middleware that tells a keyed caller from an anonymous one on every route.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';
import type { AppEnv, Bindings } from './env';

/** A caller identified by its API key; counted per key, against the binding of its limit (src/http/rate-limit.ts). */
export interface KeyedCaller {
  kind: 'key';
  name: string;
  /** Requests per rate-limit period; the binding `KEY_RATE_LIMITER_<limit>` enforces it. */
  limit: number;
}

/** Who sent a request. Requests the middleware does not look at (OPTIONS, public paths, no keys configured) have none. */
export type Caller = KeyedCaller | { kind: 'anonymous' };

/** Requests per period of a key whose entry names no `limit` (wrangler.toml binds `KEY_RATE_LIMITER_6000`). */
export const DEFAULT_KEY_LIMIT = 6000;

/** Shortest accepted key: a key is a password that is never typed, so it can be long and random. */
export const MIN_KEY_LENGTH = 24;

/** Longest key or bearer token read; longer tokens are malformed (and never hashed). */
const MAX_TOKEN_LENGTH = 512;

/** RFC 6750 b64token: what a bearer token may contain, so every configured key can be sent as one. */
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** A key's name: shown in logs and rate-limit keys, so short and plain. */
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Paths that never ask for a key, so monitoring and OpenAPI importers work even with anonymous access closed: neither
 * serves FAQ content.
 */
const PUBLIC = new Set(['/health', '/openapi.json']);

/** One accepted key: its name, the SHA-256 digest of the key, and its limit. */
interface KeyEntry {
  name: string;
  digest: Uint8Array;
  limit: number;
}

/** The parsed secret: the valid entries, and why any others were left out. */
export interface KeyConfig {
  entries: KeyEntry[];
  errors: string[];
}

const UTF8 = new TextEncoder();

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', UTF8.encode(text)));
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Parses `API_KEYS`: a JSON array of `{ "name": "dify-prod", "key": "<random, 24+ characters>", "limit": 6000 }`, or
 * `"sha256": "<hex digest of the key>"` instead of `key` so the secret never holds the key itself. `limit` (requests
 * per rate-limit period, default {@link DEFAULT_KEY_LIMIT}) must have a `KEY_RATE_LIMITER_<limit>` binding. Invalid
 * entries are left out with a reason in `errors`; a secret that is not a JSON array gives no entries and one error.
 */
export async function parseKeys(secret: string): Promise<KeyConfig> {
  const errors: string[] = [];
  let list: unknown;
  try {
    list = JSON.parse(secret);
  } catch {
    return { entries: [], errors: ['API_KEYS is not valid JSON'] };
  }
  if (!Array.isArray(list)) return { entries: [], errors: ['API_KEYS must be a JSON array of {"name", "key" | "sha256", "limit"?}'] };
  const entries: KeyEntry[] = [];
  for (const [i, item] of list.entries()) {
    const at = `API_KEYS[${i}]`;
    if (!item || typeof item !== 'object') {
      errors.push(`${at} is not an object`);
      continue;
    }
    const { name, key, sha256: hex, limit = DEFAULT_KEY_LIMIT } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !NAME.test(name)) {
      errors.push(`${at}: name must be 1-64 letters, digits, '.', '_' or '-'`);
      continue;
    }
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1e9) {
      errors.push(`${at} (${name}): limit must be a whole number of requests per period`);
      continue;
    }
    let digest: Uint8Array;
    if (typeof key === 'string' && hex === undefined) {
      if (key.length < MIN_KEY_LENGTH || key.length > MAX_TOKEN_LENGTH || !TOKEN.test(key)) {
        errors.push(`${at} (${name}): key must be ${MIN_KEY_LENGTH}-${MAX_TOKEN_LENGTH} characters of A-Z a-z 0-9 - . _ ~ + /`);
        continue;
      }
      digest = await sha256(key);
    } else if (typeof hex === 'string' && key === undefined && /^[0-9a-fA-F]{64}$/.test(hex)) {
      digest = fromHex(hex);
    } else {
      errors.push(`${at} (${name}): give either "key" or "sha256" (64 hex digits)`);
      continue;
    }
    entries.push({ name, digest, limit });
  }
  return { entries, errors };
}

/**
 * Whether two digests are equal, in time independent of where they differ. Workers have
 * `crypto.subtle.timingSafeEqual`; elsewhere (Node tests) the same comparison is written out.
 */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (a.length !== b.length) return false;
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * The entry a token belongs to, or undefined. The token's digest is compared with every entry, without stopping at a
 * match, so the time taken tells nothing about which key (or how much of one) matched.
 */
export async function findKey(config: KeyConfig, token: string): Promise<KeyEntry | undefined> {
  const digest = await sha256(token);
  let found: KeyEntry | undefined;
  for (const entry of config.entries) if (digestsEqual(entry.digest, digest) && !found) found = entry;
  return found;
}

/** The token of an `Authorization: Bearer <token>` header (scheme in any case), or null when malformed. */
export function bearerToken(header: string): string | null {
  const m = /^Bearer +(\S+) *$/i.exec(header);
  return m && m[1].length <= MAX_TOKEN_LENGTH && TOKEN.test(m[1]) ? m[1] : null;
}

/**
 * The isolate's parsed secret, reparsed when the secret's text changes. Only finished values are kept: a parse is
 * not shared between requests while it runs, as Workers do not let one request await another's pending work.
 */
let parsed: { secret: string; config: KeyConfig } | undefined;

/** The configured keys, or null when there are none (no secret, a blank one, or `[]`): then nothing changes. */
export async function configuredKeys(env: Bindings | undefined): Promise<KeyConfig | null> {
  const secret = env?.API_KEYS?.trim();
  if (!secret || secret === '[]') return null;
  if (parsed?.secret === secret) return parsed.config;
  const config = await parseKeys(secret);
  // Logged once per isolate and secret: the operator's mistake, never the caller's.
  for (const error of config.errors) console.error(`API_KEYS: ${error}; entry ignored`);
  parsed = { secret, config };
  return config;
}

/** Whether callers without a key are turned away: only with keys configured and `ANONYMOUS_ACCESS = "closed"`. */
function anonymousClosed(env: Bindings | undefined): boolean {
  return (env?.ANONYMOUS_ACCESS ?? '').trim().toLowerCase() === 'closed';
}

/** Sent with every 401, as RFC 6750 asks: the scheme the caller must use. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="faq-search"' };

/**
 * Identifies the caller of every request but OPTIONS and {@link PUBLIC} paths. With no keys configured nothing is
 * checked (an `Authorization` header is ignored). With keys: no header is an anonymous caller
 * (or 401 `unauthorized` with anonymous access closed), a malformed header is 401, a key that matches no entry is
 * 403 `forbidden`, and a matching key makes a keyed caller.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || PUBLIC.has(c.req.path)) return next();
    const keys = await configuredKeys(c.env);
    if (!keys) return next();
    const header = c.req.header('Authorization');
    if (header === undefined) {
      if (anonymousClosed(c.env)) throw new ApiError('unauthorized', 'An API key is required: send Authorization: Bearer <key>.', CHALLENGE);
      c.set('caller', { kind: 'anonymous' });
      return next();
    }
    const token = bearerToken(header);
    if (!token) throw new ApiError('unauthorized', 'Malformed Authorization header: expected "Bearer <key>".', CHALLENGE);
    const entry = await findKey(keys, token);
    if (!entry) throw new ApiError('forbidden', 'This API key is not accepted.');
    c.set('caller', { kind: 'key', name: entry.name, limit: entry.limit });
    return next();
  };
}
