/** @module CORS: which origins may read responses (`CORS_ORIGIN`); preflights through Hono's cors middleware. */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './env';

/** Methods every read-only route accepts (the OpenAPI document says so); anything else is 405. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

/** Response headers a browser script may read besides the CORS-safelisted ones (ETag for revalidation, Retry-After for 429). */
const EXPOSED = ['ETag', 'Retry-After'];

/** A `CORS_ORIGIN` value as Hono's `origin` option: `*` (the default), one origin, or a list of origins. */
type OriginOption = string | string[] | (() => string);

/**
 * Hono's `origin` option for a `CORS_ORIGIN` value: `*` (the default), one origin (always sent), or a
 * comma-separated list (the request's origin is echoed when listed). Anything but `*` adds `Vary: Origin`.
 */
function originOption(configured: string | undefined): OriginOption {
  const value = (configured ?? '').trim() || '*';
  if (value === '*') return '*';
  const list = value.split(',').map((o) => o.trim()).filter(Boolean);
  return list.length === 1 ? () => list[0] : list;
}

/** The Access-Control-Allow-Origin value for a request from `origin`, as Hono's middleware gives it, or null for none. */
function allowOrigin(option: OriginOption, origin: string): string | null {
  if (typeof option === 'string') return option;
  if (typeof option === 'function') return option();
  return option.includes(origin) ? origin : null;
}

/** Whether a page of `origin` may read responses under a `CORS_ORIGIN` value (the MCP endpoint refuses the others). */
export function originAllowed(configured: string | undefined, origin: string): boolean {
  const option = originOption(configured);
  return option === '*' || allowOrigin(option, origin) === origin;
}

/** The CORS policy of one `CORS_ORIGIN` value: the preflight answer, and the origin option of every other response. */
interface Policy {
  preflight: MiddlewareHandler<AppEnv>;
  origin: OriginOption;
}

function policyFor(configured: string, allowed: (path: string) => string | null): Policy {
  const origin = originOption(configured);
  return {
    preflight: cors({
      origin,
      // One element: Hono joins the list with "," and the contract spells it as the Allow header does.
      allowMethods: (_origin, ctx) => [allowed(ctx.req.path) ?? ALLOWED_METHODS],
      exposeHeaders: EXPOSED,
      maxAge: 86_400,
    }) as MiddlewareHandler<AppEnv>,
    origin,
  };
}

/**
 * CORS for every response, and the answer to a preflight (Hono answers OPTIONS itself with 204). `allowed(path)`
 * gives the methods of the route at `path`; the app lets OPTIONS through only where a route exists. The policy is
 * made once per `CORS_ORIGIN` value, which is fixed for a deployment.
 *
 * Other requests get the headers Hono's middleware would give them, set on the final response after the handler:
 * Hono's sets them before, on a placeholder Response whose headers every later response is then copied with.
 */
export function corsFor(allowed: (path: string) => string | null): MiddlewareHandler<AppEnv> {
  const made = new Map<string, Policy>();
  return async (c, next) => {
    const configured = c.env?.CORS_ORIGIN ?? '';
    let policy = made.get(configured);
    if (!policy) made.set(configured, (policy = policyFor(configured, allowed)));
    if (c.req.method === 'OPTIONS') return policy.preflight(c, next);
    await next();
    const headers = c.res.headers;
    const origin = allowOrigin(policy.origin, c.req.header('Origin') ?? '');
    if (origin) headers.set('Access-Control-Allow-Origin', origin);
    headers.set('Access-Control-Expose-Headers', EXPOSED.join(','));
    if (policy.origin !== '*') headers.append('Vary', 'Origin');
  };
}
