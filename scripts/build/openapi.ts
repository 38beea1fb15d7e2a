/** @module Build: the OpenAPI 3.1 document served at GET /openapi.json, generated from the worker's parameter schemas and the response schemas into src/generated/openapi.json. */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ALLOWED_METHODS } from '../../src/http/cors';
import { ERRORS } from '../../src/http/errors';
import * as bodies from '../../src/http/response-schemas';
import { AnswerQuery, DEFAULT_LIMIT, IdParam, MAX_LIMIT, MAX_QUERY_LENGTH, SearchQuery } from '../../src/http/schemas';

/** Where the worker imports the document from (src/app.ts), whatever `--out` the artifact went to. */
export const OPENAPI_PATH = fileURLToPath(new URL('../../src/generated/openapi.json', import.meta.url));

type JsonSchema = Record<string, unknown>;

/** A parameter's documentation; its type, bounds and whether it is required come from the schema the worker validates with. */
interface ParameterDoc {
  description: string;
  example: string | number;
}

/**
 * Descriptions and examples of the query parameters. They are documentation only, so they live here rather than in
 * the worker's schemas (whose bundle they would enlarge); a parameter without an entry here fails the build.
 */
const QUERY_DOCS: Record<string, ParameterDoc> = {
  q: {
    description: `The user's words, any script (simplified, traditional, pinyin, Latin); 1..${MAX_QUERY_LENGTH} characters.`,
    example: '通联支付退款要几天',
  },
  provider: {
    description: 'Provider id (see /v1/providers). Restricts results to that provider and the general guidance, and attaches its contact guidance.',
    example: 'allinpay',
  },
  category: { description: 'Only entries of this category.', example: 'refund' },
  limit: { description: `Results to return, 1..${MAX_LIMIT} (default ${DEFAULT_LIMIT}), decimal digits only.`, example: DEFAULT_LIMIT },
};

/** The OpenAPI parameter objects of a zod (or zod/mini) object schema of parameters. */
function parameters(schema: z.core.$ZodType, where: 'query' | 'path', docs: Record<string, ParameterDoc>) {
  // `input`: what a client sends. A defaulted parameter (limit) is optional there, and limit's digits-to-number
  // transform is described by the number it must become.
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const doc = docs[name];
    if (!doc) throw new Error(`openapi: parameter "${name}" has no description in scripts/build/openapi.ts`);
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      description: doc.description,
      schema: { ...property, description: doc.description, example: doc.example },
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

const idParam = (description: string, example: string) => parameters(IdParam, 'path', { id: { description, example } });

/** The GET operations of src/app.ts (a route test checks the two lists agree). */
function paths() {
  return {
    '/v1/search': {
      get: {
        summary: 'Search the FAQ entries',
        parameters: parameters(SearchQuery, 'query', QUERY_DOCS),
        responses: { ...cachedOk(bodies.SearchResponse, 'Ranked entries'), 400: ERROR_RESPONSES[400], 429: ERROR_RESPONSES[429] },
      },
    },
    '/v1/answer': {
      get: {
        summary: 'One best answer for a chatbot',
        parameters: parameters(AnswerQuery, 'query', QUERY_DOCS),
        responses: { ...cachedOk(bodies.AnswerResponse, 'One best answer, or an honest no-answer'), 400: ERROR_RESPONSES[400], 429: ERROR_RESPONSES[429] },
      },
    },
    '/v1/entries/{id}': {
      get: {
        summary: 'One entry by id',
        parameters: idParam('Entry id (`provider-category`), as in search results; stable across rebuilds of the same sources.', 'allinpay-refund'),
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
        parameters: idParam('Provider id (see /v1/providers).', 'allinpay'),
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
  const bytes = Buffer.from(JSON.stringify(openApiDocument()));
  if (existsSync(path) && readFileSync(path).equals(bytes)) return bytes.length;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  return bytes.length;
}
