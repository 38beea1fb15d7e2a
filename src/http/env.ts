/** @module The Worker's bindings and variables (wrangler.toml `[vars]` and `[[ratelimits]]`), and how they are read. */
import type { Caller } from './auth';

/** Worker bindings and variables. Every one is optional: the app has a safe default for each. */
export interface Env {
  /** Allowed CORS origin: `*` (default), one origin, or a comma-separated list of origins. */
  CORS_ORIGIN?: string;
  /** Seconds shared caches and browsers may reuse a search/answer response (default 60). */
  CACHE_MAX_AGE?: string;
  /** Responses an isolate keeps for repeated requests (default 512; 0 turns the response cache off). */
  RESPONSE_CACHE_SIZE?: string;
  /** Seconds a rate-limited client is told to wait; keep equal to `[[ratelimits]] simple.period` (default 60). */
  RATE_LIMIT_PERIOD?: string;
  /** The Workers rate-limiting binding for anonymous callers (per IP); absent in plain unit tests, where nothing is limited. */
  RATE_LIMITER?: RateLimit;
  /**
   * API keys of server-side callers (a secret: `wrangler secret put API_KEYS`), a JSON array of
   * `{ "name", "key" | "sha256", "limit"? }`; see src/http/auth.ts. Absent or empty: no keys, every caller is anonymous.
   */
  API_KEYS?: string;
  /** With keys configured, `closed` answers 401 to callers without a key; `open` (default) serves them per IP as before. */
  ANONYMOUS_ACCESS?: string;
  /** Rate-limiting bindings of keyed callers, one per limit: `KEY_RATE_LIMITER_<requests per period>` (see src/http/auth.ts). */
  [keyLimiter: `KEY_RATE_LIMITER_${number}`]: RateLimit | undefined;
  /**
   * Version metadata of the deployed Worker (`[version_metadata] binding = "CF_VERSION_METADATA"`), if bound: its id
   * goes into ETags so a deploy that changes response bodies without changing the index invalidates them.
   */
  CF_VERSION_METADATA?: { id: string; tag?: string; timestamp?: string };
  /** Static assets (`[assets] binding = "ASSETS"`): the search page, and the index shards of a split artifact. */
  ASSETS?: Fetcher;
}

/** Hono's environment type for this app: the bindings, and the caller the auth middleware identified. */
export type AppEnv = { Bindings: Env; Variables: { caller?: Caller } };

/** Parses a whole number of seconds from a variable; anything else (missing, negative, junk) gives `fallback`. */
export function seconds(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return fallback;
  return Number(value);
}
