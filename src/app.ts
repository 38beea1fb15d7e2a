/**
 * @module The Hono application: routes of the public contract, validation, errors, CORS, caching, rate limiting
 * and security headers.
 */
import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cacheControl, etagFor, ifNoneMatch, NO_STORE } from './http/cache';
import { ALLOWED_METHODS, applyCorsHeaders, preflightHeaders } from './http/cors';
import type { AppEnv } from './http/env';
import { ApiError, ERRORS, errorBody, excerpt, type ErrorCode } from './http/errors';
import { applySecurityHeaders } from './http/headers';
import { presentEntry, presentHit } from './http/present';
import { rateLimit } from './http/rate-limit';
import {
  AnswerQuery,
  AnswerResponse,
  ErrorResponse,
  HealthResponse,
  IdParam,
  MAX_QUERY_LENGTH,
  ProviderDetail,
  ProvidersResponse,
  SearchQuery,
  SearchResponse,
  EntrySchema,
} from './http/schemas';
import { composeText, decide } from './search/answer';
import type { SearchEngine } from './search/engine';

export type { Env } from './http/env';

type Ctx = Context<AppEnv>;

const json = (schema: z.ZodTypeAny, description: string) => ({ content: { 'application/json': { schema } }, description });
const errorResponses = {
  400: json(ErrorResponse, 'Invalid parameters (missing_query, query_too_long, invalid_parameter, unknown_provider).'),
  404: json(ErrorResponse, 'Unknown id (not_found).'),
  429: json(ErrorResponse, 'Too many requests from this client (rate_limited); see the Retry-After header.'),
};
const notModified = { 304: { description: 'Not modified: the If-None-Match header matched the ETag. No body.' } };
const cachedOk = (schema: z.ZodTypeAny, description: string) => ({
  ...json(schema, description),
  headers: {
    ETag: { schema: { type: 'string' as const }, description: 'Weak validator of index version + normalized request; send back in If-None-Match.' },
    'Cache-Control': { schema: { type: 'string' as const }, description: 'public, max-age=CACHE_MAX_AGE (default 60).' },
  },
});

/** Maps a zod validation issue on a parameter to the contract's error code. */
function codeFor(path: PropertyKey | undefined, issue: string): ErrorCode {
  if (path === 'q') return issue === 'too_big' ? 'query_too_long' : 'missing_query';
  if (path === 'provider') return 'unknown_provider';
  return 'invalid_parameter';
}

/** A Hono route pattern (`/v1/entries/:id`) as a regular expression over concrete paths. */
function patternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Builds the app around an engine (constructed once per isolate by the entry module). */
export function createApp(engine: SearchEngine) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const key = issue?.path[0];
      // `?q=a&q=b` arrives as an array; say so instead of claiming the parameter is missing.
      if (typeof key === 'string' && (c.req.queries(key)?.length ?? 0) > 1)
        throw new ApiError('invalid_parameter', `The ${key} parameter must be given once.`);
      throw new ApiError(codeFor(key, issue?.code ?? ''), issue?.message);
    },
  });

  // Routes that exist (any method), for telling 405 from 404 and answering OPTIONS. Taken from the registered GET
  // routes on first use, so a route added later is covered without a second list to keep in sync.
  let known: RegExp[] | null = null;
  const isKnownRoute = (path: string) =>
    (known ??= app.routes.filter((r) => r.method === 'GET').map((r) => patternToRegExp(r.path))).some((r) => r.test(path));

  // Outermost, so it also sees errors, 404/405, 304 and 429: headers every response must carry.
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
    applyCorsHeaders(headers, c.env, c.req.header('Origin'));
    // An error is about this one request; no cache may replay it (the client may fix the request or wait out a limit).
    if (c.res.status >= 400) headers.set('Cache-Control', NO_STORE);
  });

  // OPTIONS on a route that exists: CORS preflight (or a capability probe), answered before rate limiting so a
  // throttled browser still learns why its real request fails. OPTIONS elsewhere falls through to 404.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'OPTIONS' || !isKnownRoute(c.req.path)) return next();
    return c.body(null, 204, preflightHeaders(c.req.header('Access-Control-Request-Headers')));
  });

  app.use('*', rateLimit());

  const provider = (id: string | undefined) => {
    if (id === undefined || id === '') return undefined;
    if (!engine.providers.has(id))
      throw new ApiError('unknown_provider', `Unknown provider "${excerpt(id)}". Valid ids: ${[...engine.providers.keys()].join(', ')}.`);
    return id;
  };
  const requireTerms = (q: string) => {
    if (!/[\p{L}\p{N}]/u.test(engine.analyzer.normalizer.normalize(q))) throw new ApiError('missing_query', 'The q parameter must contain a search term (letters or digits).');
  };

  /**
   * Answers with `build()` as JSON, or with a bodiless 304 when the client already holds this version. The ETag
   * is computed from validated parameters before any search runs, so a revalidation costs no ranking work.
   */
  const cached = async (c: Ctx, route: string, params: Record<string, string | number | undefined>, build: () => unknown) => {
    const etag = await etagFor(engine.artifact.hash, route, params, c.env?.CF_VERSION_METADATA?.id);
    const headers = { ETag: etag, 'Cache-Control': cacheControl(c.env) };
    if (ifNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
    return c.json(build() as object, 200, headers);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/search',
      request: { query: SearchQuery },
      responses: { 200: cachedOk(SearchResponse, 'Ranked entries'), ...notModified, 400: errorResponses[400], 429: errorResponses[429] },
      summary: 'Search the FAQ entries',
    }),
    (c) => {
      const p = c.req.valid('query');
      requireTerms(p.q);
      const providerId = provider(p.provider);
      return cached(c, '/v1/search', { q: p.q, provider: providerId, category: p.category, limit: p.limit }, () => {
        const t0 = performance.now();
        const out = engine.search({ q: p.q, provider: providerId, category: p.category, limit: p.limit });
        return {
          query: p.q,
          normalized: out.analysis.normalized,
          terms: out.analysis.terms,
          provider: out.provider ? { id: out.provider.id, name: out.provider.name } : null,
          category: out.category,
          results: out.hits.map((h) => presentHit(h, engine)),
          contact: out.contact,
          tookMs: Math.round((performance.now() - t0) * 100) / 100,
        };
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/answer',
      request: { query: AnswerQuery },
      responses: { 200: cachedOk(AnswerResponse, 'One best answer, or an honest no-answer'), ...notModified, 400: errorResponses[400], 429: errorResponses[429] },
      summary: 'One best answer for a chatbot',
    }),
    (c) => {
      const p = c.req.valid('query');
      requireTerms(p.q);
      const providerId = provider(p.provider);
      return cached(c, '/v1/answer', { q: p.q, provider: providerId }, () => {
        const out = engine.search({ q: p.q, provider: providerId, limit: 3 });
        const decision = decide(out.hits);
        const best = decision.answered ? out.hits[0] : null;
        return {
          query: p.q,
          answered: decision.answered,
          confidence: decision.confidence,
          answer: best ? presentHit(best, engine) : null,
          alternatives: out.hits.slice(best ? 1 : 0, best ? 3 : 2).map((h) => presentHit(h, engine)),
          contact: out.contact,
          text: composeText(best, decision, out.contact, p.q),
        };
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/entries/{id}',
      request: { params: IdParam },
      responses: { 200: cachedOk(EntrySchema, 'One entry'), ...notModified, 404: errorResponses[404], 429: errorResponses[429] },
      summary: 'One entry by id',
    }),
    (c) => {
      const id = c.req.valid('param').id;
      const entry = engine.entries.get(id);
      if (!entry) throw new ApiError('not_found', 'No entry with that id.');
      return cached(c, '/v1/entries', { id }, () => presentEntry(entry, engine));
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/providers',
      responses: { 200: cachedOk(ProvidersResponse, 'All providers'), ...notModified, 429: errorResponses[429] },
      summary: 'List providers',
    }),
    (c) =>
      cached(c, '/v1/providers', {}, () => ({
        providers: engine.artifact.providers.map((p) => ({
          id: p.id,
          name: p.name,
          aliases: p.aliases,
          entries: engine.artifact.entries.filter((e) => e.provider === p.id).length,
        })),
      })),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/providers/{id}',
      request: { params: IdParam },
      responses: { 200: cachedOk(ProviderDetail, 'A provider with its contact guidance'), ...notModified, 404: errorResponses[404], 429: errorResponses[429] },
      summary: 'One provider with contact guidance',
    }),
    (c) => {
      const id = c.req.valid('param').id;
      const p = engine.providers.get(id);
      if (!p) throw new ApiError('not_found', 'No provider with that id.');
      return cached(c, '/v1/providers', { id }, () => ({ id: p.id, name: p.name, aliases: p.aliases, contact: engine.artifact.contacts[p.id] ?? null }));
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/health', responses: { 200: json(HealthResponse, 'Service health (never rate limited, never cached)') }, summary: 'Health and index version' }),
    (c) => c.json({ status: 'ok' as const, entries: engine.entries.size, index: engine.artifact.hash }, 200, { 'Cache-Control': NO_STORE }),
  );

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Chinese customer-service FAQ search',
      version: '1.0.0',
      description:
        "Keyword search and one-best-answer over payment providers' customer-service guides. " +
        `q: 1..${MAX_QUERY_LENGTH} characters; limit: 1..20. Methods: ${ALLOWED_METHODS}. ` +
        'Errors are { "error": { "code", "message" } }: ' +
        Object.entries(ERRORS)
          .map(([k, v]) => `${v.status} ${k}`)
          .join(', ') +
        '.',
    },
  });

  app.notFound((c) => {
    if (isKnownRoute(c.req.path)) {
      return c.json(errorBody('method_not_allowed', `${excerpt(c.req.method, 16)} is not allowed here; use ${ALLOWED_METHODS}.`), 405, { Allow: ALLOWED_METHODS });
    }
    return c.json(errorBody('not_found', 'No such route. See /openapi.json.'), 404);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status, err.headers);
    // Hono's own HTTP errors (e.g. a malformed request it rejects) are the client's doing: 400, no detail echoed.
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json(errorBody('invalid_parameter', 'Malformed request.'), 400);
    // Anything else is a bug: log it with enough to reproduce (bounded), tell the client nothing about it.
    console.error('unhandled error', c.req.method, c.req.url.slice(0, 2048), err);
    return c.json(errorBody('internal'), 500);
  });

  return app;
}
