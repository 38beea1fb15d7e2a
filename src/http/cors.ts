/** @module CORS: which origins may read responses (`CORS_ORIGIN`), through Hono's cors middleware. */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './env';

/** Methods every read-only route accepts (the OpenAPI document says so); anything else is 405. */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

/** Response headers a browser script may read besides the CORS-safelisted ones (ETag for revalidation, Retry-After for 429). */
const EXPOSED = ['ETag', 'Retry-After'];

/**
 * Hono's `origin` option for a `CORS_ORIGIN` value: `*` (the default), one origin (always sent), or a
 * comma-separated list (the request's origin is echoed when listed; Hono then adds `Vary: Origin`).
 */
function originOption(configured: string | undefined): string | string[] | (() => string) {
  const value = (configured ?? '').trim() || '*';
  if (value === '*') return '*';
  const list = value.split(',').map((o) => o.trim()).filter(Boolean);
  return list.length === 1 ? () => list[0] : list;
}

/** Whether a page of `origin` may read responses under a `CORS_ORIGIN` value (the MCP endpoint refuses the others). */
export function originAllowed(configured: string | undefined, origin: string): boolean {
  const option = originOption(configured);
  if (option === '*') return true;
  return typeof option === 'function' ? option() === origin : option.includes(origin);
}

/**
 * CORS for every response, and the answer to a preflight (Hono answers OPTIONS itself with 204). `allowed(path)`
 * gives the methods of the route at `path`; the app lets OPTIONS through only where a route exists. The middleware
 * is made once per `CORS_ORIGIN` value, which is fixed for a deployment.
 */
export function corsFor(allowed: (path: string) => string | null): MiddlewareHandler<AppEnv> {
  const made = new Map<string, MiddlewareHandler<AppEnv>>();
  return (c, next) => {
    const configured = c.env?.CORS_ORIGIN ?? '';
    let handler = made.get(configured);
    if (!handler) {
      handler = cors({
        origin: originOption(configured),
        // One element: Hono joins the list with "," and the contract spells it as the Allow header does.
        allowMethods: (_origin, ctx) => [allowed(ctx.req.path) ?? ALLOWED_METHODS],
        exposeHeaders: EXPOSED,
        maxAge: 86_400,
      }) as MiddlewareHandler<AppEnv>;
      made.set(configured, handler);
    }
    return handler(c, next);
  };
}
