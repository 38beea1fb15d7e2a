/** @module The Worker's bindings and variables (wrangler.toml `[vars]` and `[[ratelimits]]`), and how they are read. */

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
  /** The Workers rate-limiting binding; absent in plain unit tests, where nothing is limited. */
  RATE_LIMITER?: RateLimit;
  /**
   * Version metadata of the deployed Worker (`[version_metadata] binding = "CF_VERSION_METADATA"`), if bound: its id
   * goes into ETags so a deploy that changes response bodies without changing the index invalidates them.
   */
  CF_VERSION_METADATA?: { id: string; tag?: string; timestamp?: string };
  /** Static assets (`[assets] binding = "ASSETS"`): the search page, and the index shards of a split artifact. */
  ASSETS?: Fetcher;
}

/** Hono's environment type for this app. */
export type AppEnv = { Bindings: Env };

/** Parses a whole number of seconds from a variable; anything else (missing, negative, junk) gives `fallback`. */
export function seconds(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return fallback;
  return Number(value);
}
