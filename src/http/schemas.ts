/** @module Request parameter schemas (zod/mini) and their validation: what the worker checks is what /openapi.json documents. */
// scripts/build/openapi.ts turns these very schemas into the document's parameters, so the two cannot drift. zod/mini,
// not zod: the full library and @hono/zod-openapi cost ~30 ms of isolate start. Response bodies are described in
// ./response-schemas.ts (full zod), which only the build and the tests import.
// A namespace import, not `import { z }`: esbuild can then keep only the functions used (~20 KB of zod's core); the
// `z` object would keep all of zod/mini and its 260 KB of locales in the bundle, adding ~10 ms of parse at isolate start.
import * as z from 'zod/mini';
import { CATEGORIES } from '../model';
import { ApiError, type ErrorCode } from './errors';

/** Longest accepted query, in characters (code points) after trimming: long chatty questions (~100) fit with room to spare. */
export const MAX_QUERY_LENGTH = 200;

/** Largest `limit`; the default is {@link DEFAULT_LIMIT}. */
export const MAX_LIMIT = 20;

/** Results returned when `limit` is not given. */
export const DEFAULT_LIMIT = 5;

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_LIMIT}.`;

// zod's length checks count code points, not UTF-16 units, so 𠀀 is one character as in JSON Schema's maxLength.
const query = z.string({ error: 'The q parameter is required.' }).check(
  z.trim(),
  z.minLength(1, 'The q parameter must not be empty.'),
  z.maxLength(MAX_QUERY_LENGTH, `The q parameter is limited to ${MAX_QUERY_LENGTH} characters.`),
);

// Checked against the registry by the route (the ids are data, not schema), so only its shape is validated here.
const provider = z.optional(z.string());

/** Query parameters of GET /v1/search. */
export const SearchQuery = z.object({
  q: query,
  provider,
  category: z.optional(z.enum(CATEGORIES, { error: `category must be one of: ${CATEGORIES.join(', ')}.` })),
  limit: z.pipe(
    // Plain decimal digits only: a bare Number() would also take '1e1', '0x10', ' 5' and '' (as 0). Anything else
    // is passed on unchanged and fails the number check below with the same message.
    z.transform((v: unknown) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v)),
    z._default(z.int({ error: LIMIT_MESSAGE }).check(z.gte(1, LIMIT_MESSAGE), z.lte(MAX_LIMIT, LIMIT_MESSAGE)), DEFAULT_LIMIT),
  ),
});

/** Query parameters of GET /v1/answer. */
export const AnswerQuery = z.object({ q: query, provider });

/** Path parameter of GET /v1/entries/:id and GET /v1/providers/:id (unknown ids are a 404, decided by the route). */
export const IdParam = z.object({ id: z.string() });

/** Raw parameters as Hono's validator collected them: one string per name, an array when a name was repeated. */
export type RawParams = Record<string, string | string[]>;

/** Maps a validation issue on a parameter to the contract's error code. */
function codeFor(key: PropertyKey | undefined, issue: string): ErrorCode {
  if (key === 'q') return issue === 'too_big' ? 'query_too_long' : 'missing_query';
  if (key === 'provider') return 'unknown_provider';
  return 'invalid_parameter';
}

/**
 * Validates raw parameters against one of the schemas above and returns the parsed, defaulted values, or throws
 * the contract's {@link ApiError} for the first problem (parameters are checked in schema order: q, provider,
 * category, limit).
 */
export function validate<T extends z.ZodMiniType>(schema: T, raw: RawParams): z.output<T> {
  const result = z.safeParse(schema, raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  // `?q=a&q=b` arrives as an array; say so instead of claiming the parameter is missing.
  if (typeof key === 'string' && Array.isArray(raw[key])) throw new ApiError('invalid_parameter', `The ${key} parameter must be given once.`);
  throw new ApiError(codeFor(key, issue?.code ?? ''), issue?.message);
}
