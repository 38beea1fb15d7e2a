/**
 * @module The Worker's bindings as the app reads them. `Env` is generated from wrangler.toml by `wrangler types`
 * (worker-configuration.d.ts, rewritten by `npm run types`); each variable is documented in wrangler.toml. Here
 * every binding is optional: unit tests and tools call the app without them, and each has a safe default.
 */
import type { Caller } from './auth';

/** The bindings and variables the app may be given. */
export type Bindings = Partial<Omit<Env, 'CF_VERSION_METADATA'>> & {
  /**
   * API keys of server-side callers (a secret: `wrangler secret put API_KEYS`), a JSON array of
   * `{ "name", "key" | "sha256", "limit"? }`; see src/http/auth.ts. Absent or empty: no keys, every caller is anonymous.
   */
  API_KEYS?: string;
  /** Rate-limiting bindings of keyed callers, one per limit: `KEY_RATE_LIMITER_<requests per period>` (see src/http/auth.ts). */
  [keyLimiter: `KEY_RATE_LIMITER_${number}`]: RateLimit | undefined;
  /**
   * Version metadata of the deployed Worker (`[version_metadata] binding = "CF_VERSION_METADATA"`), if bound: its id
   * goes into ETags so a deploy that changes response bodies without changing the index invalidates them.
   */
  CF_VERSION_METADATA?: { id: string; tag?: string; timestamp?: string };
};

/** Hono's environment type for this app: the bindings, and the caller the auth middleware identified. */
export type AppEnv = { Bindings: Bindings; Variables: { caller?: Caller } };
/** Parses a whole number of seconds from a variable; anything else (missing, negative, junk) gives `fallback`. */
export function seconds(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return fallback;
  return Number(value);
}
