/**
 * @module The Hono application: routes of the public contract, validation, errors, CORS, caching, rate limiting
 * and security headers.
 */
import type { Context } from 'hono';
import { HonoBase } from 'hono/hono-base';
import { METHOD_NAME_ALL } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';
import openapiText from './generated/openapi.json';
import { cacheControl, DEFAULT_RESPONSE_CACHE_SIZE, etagFor, ifNoneMatch, NO_STORE, requestKey, ResponseCache } from './http/cache';
import { authenticate } from './http/auth';
import { corsFor } from './http/cors';
import { difyApiError, handleDify } from './http/dify';
import { seconds, type AppEnv } from './http/env';
import { ApiError, errorBody, excerpt } from './http/errors';
import { applySecurityHeaders } from './http/headers';
import { handleMcp, mcpApiError } from './http/mcp';
import { KeptJson, presentEntry } from './http/present';
import { answerBody, checkQuestion, searchJson } from './http/responses';
import { rateLimit } from './http/rate-limit';
import { assetLoader, unavailable } from './http/shards';
import { AnswerQuery, EntryPath, ProviderPath, SearchQuery } from './http/schemas';
import { checkQueryEncoding, validate, type RawParams } from './http/validate';
import type { SearchEngine } from './search/engine';

// The bindings the app's fetch takes, every one optional (tests pass their own).
export type { Bindings as Env } from './http/env';

type Ctx = Context<AppEnv>;
type Params = Record<string, string | number | undefined>;

/**
 * GET /openapi.json, generated at build time (src/indexer/openapi.ts). wrangler bundles it as text ([[rules]] in
 * wrangler.toml), so the worker never parses it; Node tooling that imports this module (unit tests, benches) parses
 * `.json` imports instead, hence the fallback.
 */
const OPENAPI: string = typeof openapiText === 'string' ? openapiText : JSON.stringify(openapiText);

/**
 * Query parameters as `validate` takes them: one string per name, an array for a repeated name. A query string that
 * is not valid percent-encoded UTF-8 is a 400 (checkQueryEncoding).
 */
function queryParams(c: Ctx): RawParams {
  checkQueryEncoding(c.req.url);
  // fromEntries, not assignment: a parameter named __proto__ must stay a plain key.
  return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

/** Paths of the static assets (the search page and the widget; see [assets] in wrangler.toml). */
const isAssetPath = (path: string) => path === '/' || path === '/index.html' || path === '/widget.js' || path.startsWith('/assets/');

/** Builds the app around an engine (constructed once per isolate by the entry module). */
export function createApp(engine: SearchEngine) {
  // The trie router alone, not Hono's default SmartRouter(RegExpRouter, TrieRouter): the RegExpRouter builds and
  // compiles one big regex for all routes on the first match, a cost every isolate's start-up would pay to save
  // microseconds per match on a handful of routes. It matches paths as strictly (no trailing-slash or case folding;
  // the route tests pin that), and leaves the RegExpRouter out of the bundle.
  const app = new HonoBase<AppEnv>({ router: new TrieRouter() });

  // The methods of the routes at a path ("GET, HEAD, OPTIONS"), null where no route is: for 405 versus 404, the
  // Allow header and preflights. A router of the same kind holds each registered route's method, built on first
  // use, so a path matches here exactly as a request is routed and a route added later is covered.
  let methodsAt: TrieRouter<string> | null = null;
  const allowedMethods = (path: string): string | null => {
    if (isAssetPath(path)) return 'GET, HEAD, OPTIONS';
    if (!methodsAt) {
      methodsAt = new TrieRouter<string>();
      for (const r of app.routes) if (r.method !== METHOD_NAME_ALL) methodsAt.add(METHOD_NAME_ALL, r.path, r.method);
    }
    const methods = new Set(methodsAt.match('GET', path)[0].map(([method]) => method));
    if (methods.size === 0) return null;
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods, 'OPTIONS'].join(', ');
  };

  // The page and the widget (static assets that wrangler.toml routes here only so that other methods get a JSON
  // 405): GET and HEAD go to the assets as they are, before rate limiting and without the API's headers.
  app.use('*', async (c, next) => {
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && c.env?.ASSETS && isAssetPath(c.req.path)) {
      const asset = await c.env.ASSETS.fetch(c.req.raw);
      // No such file: the API's JSON 404, as for any other unknown path.
      if (asset.status !== 404) return asset;
    }
    return next();
  });

  // Outermost of the API, so it also sees errors, 404/405, 304 and 429: headers every API response must carry.
  app.use('*', async (c, next) => {
    await next();
    let headers = c.res.headers;
    try {
      headers.set('X-Content-Type-Options', 'nosniff');
    } catch {
      // Responses passed through from fetch() (e.g. static assets) have immutable headers: copy once.
      c.res = new Response(c.res.body, c.res);
      headers = c.res.headers;
    }
    applySecurityHeaders(headers);
    // An error is about this one request; no cache may replay it (the client may fix the request or wait out a limit).
    if (c.res.status >= 400) headers.set('Cache-Control', NO_STORE);
  });

  // CORS headers on every response, and the preflight answer (204) to OPTIONS on a route that exists, given before
  // rate limiting so a throttled browser still learns why its real request fails. OPTIONS elsewhere is a 404.
  const corsHeaders = corsFor(allowedMethods);
  app.use('*', async (c, next) => {
    if (c.req.method !== 'OPTIONS') return corsHeaders(c, next);
    const allow = allowedMethods(c.req.path);
    if (!allow) return next();
    c.header('Allow', allow);
    c.header('Cache-Control', NO_STORE);
    return corsHeaders(c, next);
  });

  // Who is calling (an API key, or anonymous), then their rate limit: per key, else per client IP.
  app.use('*', authenticate());
  app.use('*', rateLimit());

  /**
   * Answers with `send(headers, key)`, or with a bodiless 304 when the client already holds this version. The ETag
   * is computed from validated parameters before any search runs, so a revalidation costs no ranking work.
   */
  const conditional = async (
    c: Ctx,
    route: string,
    params: Params,
    send: (headers: Record<string, string>, key: string) => Response | Promise<Response>,
  ) => {
    const key = requestKey(route, params, c.env?.CF_VERSION_METADATA?.id);
    const headers = { ETag: etagFor(engine.hash, key), 'Cache-Control': cacheControl(c.env) };
    if (ifNoneMatch(c.req.header('If-None-Match'), headers.ETag)) return c.body(null, 304, headers);
    return send(headers, key);
  };

  /**
   * {@link conditional} with a JSON body built only when it is sent, and kept in the isolate's response cache: a
   * repeated request is answered from there without searching again.
   */
  const cachedJson = (c: Ctx, route: string, params: Params, json: () => Promise<string>) =>
    conditional(c, route, params, async (headers, key) => {
      const size = seconds(c.env?.RESPONSE_CACHE_SIZE, DEFAULT_RESPONSE_CACHE_SIZE);
      let body = size > 0 ? responses.get(key) : undefined;
      if (body === undefined) {
        body = await json();
        responses.set(key, body, size);
      }
      return c.body(body, 200, { ...headers, 'Content-Type': 'application/json' });
    });
  const responses = new ResponseCache();

  /** {@link cachedJson} of a body built as a value and written by JSON.stringify. */
  const cached = (c: Ctx, route: string, params: Params, build: () => unknown) => cachedJson(c, route, params, async () => JSON.stringify(await build()));

  // Search bodies are written from kept JSON texts of their entries and contact guidance (see searchJson).
  const kept = new KeptJson(engine);

  app.get('/v1/search', (c) => {
    const { q, provider, category, limit } = checkQuestion(engine, validate(SearchQuery, queryParams(c)));
    const params = { q, provider, category, limit };
    return cachedJson(c, '/v1/search', params, () => searchJson(engine, params, assetLoader(c.env), kept));
  });

  app.get('/v1/answer', (c) => {
    const { q, provider } = checkQuestion(engine, validate(AnswerQuery, queryParams(c)));
    const params = { q, provider };
    return cached(c, '/v1/answer', params, () => answerBody(engine, params, assetLoader(c.env)));
  });

  app.get('/v1/entries/:id', async (c) => {
    const { id } = validate(EntryPath, c.req.param());
    const entry = await engine.entryAsync(id, assetLoader(c.env));
    if (!entry) throw new ApiError('not_found', 'No entry with that id.');
    return cached(c, '/v1/entries', { id }, () => presentEntry(entry, engine));
  });

  app.get('/v1/providers', (c) =>
    cached(c, '/v1/providers', {}, () => ({
      providers: engine.providerList().map((p) => ({
        id: p.id,
        name: p.name,
        aliases: p.aliases,
        entries: engine.countOf(p.id),
      })),
    })),
  );

  app.get('/v1/providers/:id', (c) => {
    const { id } = validate(ProviderPath, c.req.param());
    const p = engine.providers.get(id);
    if (!p) throw new ApiError('not_found', 'No provider with that id.');
    return cached(c, '/v1/providers', { id }, () => ({ id: p.id, name: p.name, aliases: p.aliases, contact: engine.contactOf(p.id) }));
  });

  app.get('/health', (c) => c.json({ status: 'ok' as const, entries: engine.size, index: engine.hash }, 200, { 'Cache-Control': NO_STORE }));

  // The document itself goes into the ETag: it changes with the code that generated it, not with the index.
  app.get('/openapi.json', (c) =>
    conditional(c, '/openapi.json', { doc: OPENAPI }, (headers) => c.body(OPENAPI, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })),
  );

  // For chatbots: MCP (JSON-RPC) and Dify's External Knowledge API, each answering in its own protocol's shapes.
  app.post('/mcp', (c) => handleMcp(c, engine));
  app.post('/v1/dify/retrieval', (c) => handleDify(c, engine));

  /** An expected failure in the shape of the protocol the client speaks at this path. */
  const apiErrorResponse = (c: Ctx, err: ApiError) => {
    if (c.req.path === '/mcp') return mcpApiError(err);
    if (c.req.path === '/v1/dify/retrieval') return difyApiError(err);
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  };

  app.notFound((c) => {
    const allow = allowedMethods(c.req.path);
    // A method the path allows that still found nothing (a missing asset) is a 404, not a 405.
    if (allow && !allow.split(', ').includes(c.req.method)) return apiErrorResponse(c, new ApiError('method_not_allowed', `${excerpt(c.req.method, 16)} is not allowed here; use ${allow}.`, { Allow: allow }));
    return c.json(errorBody('not_found', 'No such route. See /openapi.json.'), 404);
  });

  app.onError((err, c) => {
    const api = err instanceof ApiError ? err : unavailable(err);
    if (api) {
      if (api.status >= 500) console.warn('request failed', api.code, err.message);
      return apiErrorResponse(c, api);
    }
    // Hono's own HTTP errors (e.g. a malformed request it rejects) are the client's doing: 400, no detail echoed.
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json(errorBody('invalid_parameter', 'Malformed request.'), 400);
    // Anything else is a bug: log it with enough to reproduce (bounded), tell the client nothing about it.
    console.error('unhandled error', c.req.method, c.req.url.slice(0, 2048), err);
    return c.json(errorBody('internal'), 500);
  });

  return app;
}
