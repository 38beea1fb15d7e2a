/** @module Build: the OpenAPI 3.1 document served at GET /openapi.json, generated from the worker's parameter specs and the response schemas into src/generated/openapi.json. */
import { writeAtomic } from './write-file';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ALLOWED_METHODS } from '../http/cors';
import { ERRORS } from '../http/errors';
import * as bodies from '../http/response-schemas';
import { AnswerQuery, EntryPath, MAX_LIMIT, MAX_QUERY_LENGTH, ProviderPath, SearchQuery, type ParamSpec, type ParamsSpec } from '../http/schemas';

/** Where the worker imports the document from (src/app.ts), whatever `--out` the artifact went to. */
export const OPENAPI_PATH = fileURLToPath(new URL('../generated/openapi.json', import.meta.url));

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of one parameter as a client sends it, from the spec the worker validates with. Keys are in the
 * order zod's `toJSONSchema` writes them (`default` first), the order the published document keeps: reordering
 * would change its bytes, and so its ETag, for nothing. An integer's `pattern` is not shown: JSON Schema applies
 * `pattern` to strings only, and the schema describes the number the text must denote (the description says
 * "decimal digits only").
 */
function parameterSchema(spec: ParamSpec): JsonSchema {
  switch (spec.kind) {
    case 'string':
      return { type: 'string', minLength: spec.minLength, maxLength: spec.maxLength };
    case 'enum':
      return { type: 'string', enum: [...spec.values] };
    case 'integer':
      return { default: spec.default, type: 'integer', minimum: spec.minimum, maximum: spec.maximum };
  }
}

/**
 * The OpenAPI parameter objects of a route's parameter spec (src/http/schemas.ts). Required: a path parameter, or
 * one the spec requires; a defaulted one is optional for clients.
 */
function parameters(spec: ParamsSpec, where: 'query' | 'path') {
  return Object.entries(spec).map(([name, param]) => {
    // Drop what the spec leaves unset (a string without minLength) rather than carry `undefined` keys in the object.
    const schema = Object.fromEntries(Object.entries(parameterSchema(param)).filter(([, v]) => v !== undefined));
    return {
      name,
      in: where,
      required: where === 'path' || param.required === true,
      description: param.description,
      schema: { ...schema, description: param.description, example: param.example },
    };
  });
}

/** `{ $ref }` to a registered response schema; an unregistered one would be inlined silently, so it is an error. */
function ref(schema: z.ZodType): JsonSchema {
  const id = bodies.components.get(schema)?.id;
  if (!id) throw new Error('openapi: response schema is not registered in src/http/response-schemas.ts components');
  return { $ref: `#/components/schemas/${id}` };
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: ref(schema) } } });

/** Where importers send requests when `OPENAPI_SERVER_URL` is not set at build time: `npm start`'s address. */
export const DEFAULT_SERVER_URL = 'http://localhost:8787';

/**
 * The absolute URL of `servers[0]`, which importers (GPT Actions, Dify and Coze tools) call: `OPENAPI_SERVER_URL`
 * at build time (e.g. `OPENAPI_SERVER_URL=https://faq.example.com npm run deploy`), else {@link DEFAULT_SERVER_URL}.
 * A value that is not an absolute http(s) URL fails the build rather than ship a document importers reject.
 */
export function serverUrl(value: string | undefined = process.env.OPENAPI_SERVER_URL): string {
  const given = value?.trim() || DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`OPENAPI_SERVER_URL must be an absolute http(s) URL, got "${given}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`OPENAPI_SERVER_URL must be http(s), got "${given}"`);
  return given.replace(/\/+$/, '');
}

/** Name of the security scheme of API keys (components.securitySchemes). */
const KEY_SCHEME = 'apiKey';

const ERROR_RESPONSES = {
  400: json(bodies.ErrorResponse, 'Invalid parameters (missing_query, query_too_long, invalid_parameter, unknown_provider).'),
  401: {
    ...json(bodies.ErrorResponse, 'An API key is required (unauthorized): only when the operator configured keys and closed anonymous access.'),
    headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="faq-search"' } },
  },
  403: json(bodies.ErrorResponse, 'The API key is not accepted (forbidden).'),
  404: json(bodies.ErrorResponse, 'Unknown id (not_found).'),
  429: json(bodies.ErrorResponse, 'Too many requests from this client or API key (rate_limited); see the Retry-After header.'),
};

/** A 200 of a route with ETag revalidation (src/app.ts `cached`), and its 304. */
const cachedOk = (schema: z.ZodType, description: string) => ({
  200: {
    ...json(schema, description),
    headers: {
      ETag: { schema: { type: 'string' }, description: 'Weak validator of index version + normalized request; send back in If-None-Match.' },
      'Cache-Control': { schema: { type: 'string' }, description: 'public, max-age=CACHE_MAX_AGE (default 60).' },
    },
  },
  304: { description: 'Not modified: the If-None-Match header matched the ETag. No body.' },
});

/** The errors of every route that serves FAQ content: keys (401, 403) and rate limiting (429). */
const GUARDED = { 401: ERROR_RESPONSES[401], 403: ERROR_RESPONSES[403], 429: ERROR_RESPONSES[429] };

/** The Dify route's request body, inlined (importers resolve no $ref there), with zod's JSON Schema tidied. */
function difyRequestSchema(): JsonSchema {
  const schema = z.toJSONSchema(bodies.DifyRetrievalRequest, { io: 'input' }) as JsonSchema;
  tidy(schema);
  return schema;
}

const difyError = (description: string) => ({ description, content: { 'application/json': { schema: ref(bodies.DifyError) } } });

/**
 * The operations of src/app.ts but /mcp, which speaks JSON-RPC (a route test checks the lists agree). Each has an
 * operationId importers name their tools by, and a summary and description short enough for them (≤ 300
 * characters; the lint test in test/unit/openapi-lint.test.ts checks these rules).
 */
function paths() {
  return {
    '/v1/search': {
      get: {
        operationId: 'searchFaq',
        summary: 'Search the FAQ entries',
        description:
          "Ranked FAQ entries of payment providers' customer-service guides for the user's words (any script): question, answer, numbered steps, snippet, and the named provider's contact guidance.",
        parameters: parameters(SearchQuery, 'query'),
        responses: { ...cachedOk(bodies.SearchResponse, 'Ranked entries'), 400: ERROR_RESPONSES[400], ...GUARDED },
      },
    },
    '/v1/answer': {
      get: {
        operationId: 'answerFaq',
        summary: 'One best answer for a chatbot',
        description:
          'One best answer to a customer-service question, or an honest no-answer (answered: false). `text` is ready to send: the question, numbered steps and how to reach official customer service.',
        parameters: parameters(AnswerQuery, 'query'),
        responses: { ...cachedOk(bodies.AnswerResponse, 'One best answer, or an honest no-answer'), 400: ERROR_RESPONSES[400], ...GUARDED },
      },
    },
    '/v1/entries/{id}': {
      get: {
        operationId: 'getFaqEntry',
        summary: 'One entry by id',
        description: 'One FAQ entry in full by its id (from search or answer results): question, answer, steps and source span.',
        parameters: parameters(EntryPath, 'path'),
        responses: { ...cachedOk(bodies.EntrySchema, 'One entry'), 404: ERROR_RESPONSES[404], ...GUARDED },
      },
    },
    '/v1/providers': {
      get: {
        operationId: 'listProviders',
        summary: 'List providers',
        description: 'Every payment provider the guides cover: id (for the provider parameter), name, aliases and number of entries.',
        responses: { ...cachedOk(bodies.ProvidersResponse, 'All providers'), ...GUARDED },
      },
    },
    '/v1/providers/{id}': {
      get: {
        operationId: 'getProviderContact',
        summary: 'One provider with contact guidance',
        description:
          "How to reach one provider's official customer service: channels, hours, what to prepare, steps, escalation and safety, each statement with its source span. Nothing the guide does not state.",
        parameters: parameters(ProviderPath, 'path'),
        responses: { ...cachedOk(bodies.ProviderDetail, 'A provider with its contact guidance'), 404: ERROR_RESPONSES[404], ...GUARDED },
      },
    },
    '/v1/dify/retrieval': {
      post: {
        operationId: 'difyRetrieval',
        summary: "Dify's External Knowledge API: retrieve records",
        description:
          'Register https://<host>/v1/dify in Dify as an external knowledge API. Records are ranked entries scored 0..1: the best scores the /v1/answer confidence (0.5 and up answers), the others less.',
        requestBody: { required: true, content: { 'application/json': { schema: difyRequestSchema() } } },
        responses: {
          200: { description: 'Matching records, best first; none is {"records": []}', content: { 'application/json': { schema: ref(bodies.DifyRetrievalResponse) } } },
          400: difyError('Malformed request (error_code 400).'),
          401: difyError('Malformed or missing Authorization header (error_code 1001).'),
          403: difyError('The API key is not accepted (error_code 1002).'),
          404: difyError('Unknown knowledge_id (error_code 2001).'),
          429: difyError('Too many requests (error_code 429); see Retry-After.'),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Health and index version',
        description: 'Service health, number of entries and the index content hash. Never rate limited, never cached, never asks for a key.',
        security: [],
        responses: { 200: json(bodies.HealthResponse, 'Service health (never rate limited, never cached)') },
      },
    },
  };
}

/**
 * Tidies zod's JSON Schema for an OpenAPI component, in place: drops the per-schema `$schema` and `$id` (an OpenAPI
 * document has one dialect, and components are addressed by their key), `additionalProperties: false` (API.md lets
 * the API add fields, and a client validating against closed objects would break on the next one), and the
 * ±2^53 bounds zod puts on every integer (noise: no count or offset comes near them).
 */
function tidy(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(tidy);
  if (!node || typeof node !== 'object') return;
  const o = node as JsonSchema;
  delete o.$schema;
  delete o.$id;
  if (o.additionalProperties === false) delete o.additionalProperties;
  if (o.type === 'integer') {
    if (o.minimum === Number.MIN_SAFE_INTEGER) delete o.minimum;
    if (o.maximum === Number.MAX_SAFE_INTEGER) delete o.maximum;
  }
  Object.values(o).forEach(tidy);
}

/** The whole document. Deterministic: the same code gives the same bytes. */
export function openApiDocument() {
  const { schemas } = z.toJSONSchema(bodies.components, { uri: (id) => `#/components/schemas/${id}` });
  tidy(schemas);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chinese customer-service FAQ search',
      version: '1.0.0',
      description:
        "Keyword search and one-best-answer over payment providers' customer-service guides. " +
        `q: 1..${MAX_QUERY_LENGTH} characters; limit: 1..${MAX_LIMIT}. Methods: ${ALLOWED_METHODS} (POST for Dify retrieval). ` +
        'MCP clients connect to POST /mcp (JSON-RPC, not described here). ' +
        'Errors are { "error": { "code", "message" } } (Dify retrieval: { "error_code", "error_msg" }): ' +
        Object.entries(ERRORS)
          .map(([k, v]) => `${v.status} ${k}`)
          .join(', ') +
        '.',
    },
    servers: [{ url: serverUrl(), description: 'This deployment' }],
    // Keys are optional: anonymous callers are served unless the operator closes anonymous access.
    security: [{}, { [KEY_SCHEME]: [] }],
    components: {
      schemas,
      securitySchemes: {
        [KEY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key from the operator, sent as Authorization: Bearer <key>; keyed callers get their own rate limit.',
        },
      },
    },
    paths: paths(),
  };
}

/**
 * Writes the document to `path` (default {@link OPENAPI_PATH}) atomically, as the artifact is written: a temporary
 * file in the same directory, flushed, then renamed over the old one, so wrangler or vitest never bundle half a
 * file. An unchanged document is not rewritten (no reload for watchers). Returns the size in bytes.
 */
export function writeOpenApi(path: string = OPENAPI_PATH): number {
  return writeAtomic(path, Buffer.from(JSON.stringify(openApiDocument())));
}
