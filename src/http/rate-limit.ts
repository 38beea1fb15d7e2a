/** @module Rate limiting through the Workers rate-limiting bindings (`[[ratelimits]]` in wrangler.toml): per API key, else per client IP. */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';
import { seconds, type AppEnv, type Bindings } from './env';

/** Default wait announced in `Retry-After`: the binding's period (wrangler.toml `simple.period`). */
export const DEFAULT_RATE_LIMIT_PERIOD = 60;

/** Paths never limited: monitoring must see the service even while a client is being throttled. */
const UNLIMITED = new Set(['/health']);

/**
 * The key a client is counted under. IPv4 addresses count alone; IPv6 clients usually own a whole /64 and can
 * rotate through it freely, so they count per /64. Unparseable values are used as given, bounded in length.
 */
export function clientKey(ip: string): string {
  const value = ip.trim().toLowerCase();
  if (!value.includes(':')) return value.slice(0, 64);
  // An IPv4 client seen through IPv6 (::ffff:a.b.c.d) is that IPv4 client; other dotted forms are kept whole.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) return mapped[1];
  if (value.includes('.')) return value.slice(0, 64);
  const [head, tail = ''] = value.split('::', 2);
  const left = head ? head.split(':') : [];
  const right = value.includes('::') && tail ? tail.split(':') : [];
  const groups = value.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  if (groups.length < 4 || !groups.slice(0, 4).every((g) => /^[0-9a-f]{1,4}$/.test(g))) return value.slice(0, 64);
  return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
}

/** Names of the keyed limiters already reported missing: warned once per isolate, not on every request. */
const missingLimiters = new Set<string>();

/** The rate-limiting binding of a key's limit (`KEY_RATE_LIMITER_<limit>`), or undefined when none is bound. */
function keyLimiter(env: Bindings | undefined, limit: number): RateLimit | undefined {
  const name = `KEY_RATE_LIMITER_${limit}` as const;
  const binding = env?.[name];
  if (binding) return binding;
  if (env && !missingLimiters.has(name)) {
    missingLimiters.add(name);
    console.warn(`no [[ratelimits]] binding ${name}: requests with keys of limit ${limit} are not limited`);
  }
  return undefined;
}

/**
 * Counts each request against its caller and answers 429 `rate_limited` with `Retry-After` once the binding says no.
 * A keyed caller (see ./auth.ts) counts under its key's name against the binding of its limit; anyone else counts
 * per client (`CF-Connecting-IP`) against `RATE_LIMITER`. Without a binding (plain tests) or, for anonymous callers,
 * without the header (Cloudflare sets it on every request from the internet; its absence means an internal caller
 * such as a test harness) nothing is limited. OPTIONS is never counted, like preflights answered before this. If the
 * limiter itself fails the request goes through: an outage of the limiter must not take the API down.
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || UNLIMITED.has(c.req.path)) return next();
    const caller = c.get('caller');
    const keyed = caller?.kind === 'key' ? caller : undefined;
    const ip = keyed ? undefined : c.req.header('CF-Connecting-IP');
    const limiter = keyed ? keyLimiter(c.env, keyed.limit) : ip ? c.env?.RATE_LIMITER : undefined;
    if (!limiter) return next();
    let allowed = true;
    try {
      allowed = (await limiter.limit({ key: keyed ? `key:${keyed.name}` : clientKey(ip!) })).success;
    } catch (error) {
      console.warn('rate limiter failed; request allowed', error);
    }
    if (!allowed) {
      const wait = seconds(c.env?.RATE_LIMIT_PERIOD, DEFAULT_RATE_LIMIT_PERIOD);
      const who = keyed ? `with API key "${keyed.name}"` : 'from this client';
      throw new ApiError('rate_limited', `Too many requests ${who}; retry in ${wait} s.`, { 'Retry-After': String(wait) });
    }
    await next();
  };
}
