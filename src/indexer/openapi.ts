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
 * order zod's `toJSONSchema` wrote them when the document was generated from zod/mini schemas (`default` first), so
 * the document did not change when the worker dropped zod. An integer's `pattern` is not shown: JSON Schema applies
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

const ERROR_RESPONSES = {
  400: json(bodies.ErrorResponse, 'Invalid parameters (missing_query, query_too_long, invalid_parameter, unknown_provider).'),
  404: json(bodies.ErrorResponse, 'Unknown id (not_found).'),
  429: json(bodies.ErrorResponse, 'Too many requests from this client (rate_limited); see the Retry-After header.'),
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

/** The GET operations of src/app.ts (a route test checks the two lists agree). */
function paths() {
  return {
    '/v1/search': {
      get: {
        summary: 'Search the FAQ entries',
        parameters: parameters(SearchQuery, 'query'),
        responses: { ...cachedOk(bodies.SearchResponse, 'Ranked entries'), 400: ERROR_RESPONSES[400], 429: ERROR_RESPONSES[429] },
      },
    },
    '/v1/answer': {
      get: {
        summary: 'One best answer for a chatbot',
        parameters: parameters(AnswerQuery, 'query'),
        responses: { ...cachedOk(bodies.AnswerResponse, 'One best answer, or an honest no-answer'), 400: ERROR_RESPONSES[400], 429: ERROR_RESPONSES[429] },
      },
    },
    '/v1/entries/{id}': {
      get: {
        summary: 'One entry by id',
        parameters: parameters(EntryPath, 'path'),
        responses: { ...cachedOk(bodies.EntrySchema, 'One entry'), 404: ERROR_RESPONSES[404], 429: ERROR_RESPONSES[429] },
      },
    },
    '/v1/providers': {
      get: {
        summary: 'List providers',
        responses: { ...cachedOk(bodies.ProvidersResponse, 'All providers'), 429: ERROR_RESPONSES[429] },
      },
    },
    '/v1/providers/{id}': {
      get: {
        summary: 'One provider with contact guidance',
        parameters: parameters(ProviderPath, 'path'),
        responses: { ...cachedOk(bodies.ProviderDetail, 'A provider with its contact guidance'), 404: ERROR_RESPONSES[404], 429: ERROR_RESPONSES[429] },
      },
    },
    '/health': {
      get: {
        summary: 'Health and index version',
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
        `q: 1..${MAX_QUERY_LENGTH} characters; limit: 1..${MAX_LIMIT}. Methods: ${ALLOWED_METHODS}. ` +
        'Errors are { "error": { "code", "message" } }: ' +
        Object.entries(ERRORS)
          .map(([k, v]) => `${v.status} ${k}`)
          .join(', ') +
        '.',
    },
    components: { schemas },
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
