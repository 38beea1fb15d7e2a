/** @module The Hono application: routes of the public contract, validation, errors, CORS and headers. */
import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { ApiError, ERRORS, errorBody, type ErrorCode } from './http/errors';
import { presentEntry, presentHit } from './http/present';
import {
  AnswerQuery,
  AnswerResponse,
  ErrorResponse,
  HealthResponse,
  IdParam,
  ProviderDetail,
  ProvidersResponse,
  SearchQuery,
  SearchResponse,
  EntrySchema,
} from './http/schemas';
import { composeText, decide } from './search/answer';
import type { SearchEngine } from './search/engine';

/** Worker bindings and variables (wrangler.toml [vars]). */
export interface Env {
  CORS_ORIGIN?: string;
  CACHE_MAX_AGE?: string;
}

type AppEnv = { Bindings: Env };

const json = (schema: z.ZodTypeAny, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorResponse, 'Invalid parameters (missing_query, query_too_long, invalid_parameter, unknown_provider).'),
  404: json(ErrorResponse, 'Unknown id (not_found).'),
};

/** Maps a zod validation issue on a parameter to the contract's error code. */
function codeFor(path: PropertyKey | undefined, issue: string): ErrorCode {
  if (path === 'q') return issue === 'too_big' ? 'query_too_long' : 'missing_query';
  if (path === 'provider') return 'unknown_provider';
  return 'invalid_parameter';
}

/** Routes that exist, for telling 405 from 404. */
const ROUTES = [/^\/health$/, /^\/openapi\.json$/, /^\/v1\/search$/, /^\/v1\/answer$/, /^\/v1\/entries\/[^/]+$/, /^\/v1\/providers$/, /^\/v1\/providers\/[^/]+$/];
const ALLOW = 'GET, HEAD, OPTIONS';

/** Builds the app around an engine (constructed once per isolate by the entry module). */
export function createApp(engine: SearchEngine) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new ApiError(codeFor(issue?.path[0], issue?.code ?? ''), issue?.message);
      }
    },
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.use('*', (c, next) => cors({ origin: c.env?.CORS_ORIGIN || '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 86400 })(c, next));

  const provider = (id: string | undefined) => {
    if (id === undefined || id === '') return undefined;
    if (!engine.providers.has(id))
      throw new ApiError('unknown_provider', `Unknown provider "${id.slice(0, 40)}". Valid ids: ${[...engine.providers.keys()].join(', ')}.`);
    return id;
  };
  const requireTerms = (q: string) => {
    if (!/[\p{L}\p{N}]/u.test(engine.analyzer.normalizer.normalize(q))) throw new ApiError('missing_query', 'The q parameter must contain a search term (letters or digits).');
  };

  app.openapi(
    createRoute({ method: 'get', path: '/v1/search', request: { query: SearchQuery }, responses: { 200: json(SearchResponse, 'Ranked entries'), 400: errors[400] }, summary: 'Search the FAQ entries' }),
    (c) => {
      const t0 = performance.now();
      const p = c.req.valid('query');
      requireTerms(p.q);
      const out = engine.search({ q: p.q, provider: provider(p.provider), category: p.category, limit: p.limit });
      return c.json(
        {
          query: p.q,
          normalized: out.analysis.normalized,
          terms: out.analysis.terms,
          provider: out.provider ? { id: out.provider.id, name: out.provider.name } : null,
          category: out.category,
          results: out.hits.map((h) => presentHit(h, engine)),
          contact: out.contact,
          tookMs: Math.round((performance.now() - t0) * 100) / 100,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/answer', request: { query: AnswerQuery }, responses: { 200: json(AnswerResponse, 'One best answer, or an honest no-answer'), 400: errors[400] }, summary: 'One best answer for a chatbot' }),
    (c) => {
      const p = c.req.valid('query');
      requireTerms(p.q);
      const out = engine.search({ q: p.q, provider: provider(p.provider), limit: 3 });
      const decision = decide(out.hits);
      const best = decision.answered ? out.hits[0] : null;
      return c.json(
        {
          query: p.q,
          answered: decision.answered,
          confidence: decision.confidence,
          answer: best ? presentHit(best, engine) : null,
          alternatives: out.hits.slice(best ? 1 : 0, best ? 3 : 2).map((h) => presentHit(h, engine)),
          contact: out.contact,
          text: composeText(best, decision, out.contact, p.q),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/entries/{id}', request: { params: IdParam }, responses: { 200: json(EntrySchema, 'One entry'), 404: errors[404] }, summary: 'One entry by id' }),
    (c) => {
      const entry = engine.entries.get(c.req.valid('param').id);
      if (!entry) throw new ApiError('not_found', 'No entry with that id.');
      return c.json(presentEntry(entry, engine), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/providers', responses: { 200: json(ProvidersResponse, 'All providers') }, summary: 'List providers' }),
    (c) =>
      c.json(
        {
          providers: engine.artifact.providers.map((p) => ({
            id: p.id,
            name: p.name,
            aliases: p.aliases,
            entries: engine.artifact.entries.filter((e) => e.provider === p.id).length,
          })),
        },
        200,
      ),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/providers/{id}', request: { params: IdParam }, responses: { 200: json(ProviderDetail, 'A provider with its contact guidance'), 404: errors[404] }, summary: 'One provider with contact guidance' }),
    (c) => {
      const p = engine.providers.get(c.req.valid('param').id);
      if (!p) throw new ApiError('not_found', 'No provider with that id.');
      return c.json({ id: p.id, name: p.name, aliases: p.aliases, contact: engine.artifact.contacts[p.id] ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/health', responses: { 200: json(HealthResponse, 'Service health') }, summary: 'Health and index version' }),
    (c) => c.json({ status: 'ok' as const, entries: engine.entries.size, index: engine.artifact.hash }, 200),
  );

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Chinese customer-service FAQ search',
      version: '1.0.0',
      description: 'Keyword search and one-best-answer over payment providers\' customer-service guides. Errors: ' + Object.entries(ERRORS).map(([k, v]) => `${v.status} ${k}`).join(', ') + '.',
    },
  });

  app.notFound((c) => {
    if (ROUTES.some((r) => r.test(c.req.path))) {
      return c.json(errorBody('method_not_allowed', `${c.req.method} is not allowed here; use ${ALLOW}.`), 405, { Allow: ALLOW });
    }
    return c.json(errorBody('not_found', 'No such route. See /openapi.json.'), 404);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status, err.headers);
    // Hono's own HTTP errors (e.g. a malformed request it rejects) keep their 4xx status.
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json(errorBody('invalid_parameter', 'Malformed request.'), 400);
    console.error('unhandled error', err);
    return c.json(errorBody('internal'), 500);
  });

  return app;
}
