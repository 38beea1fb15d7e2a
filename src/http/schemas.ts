/** @module Request parameters described once, as data: what ./validate.ts checks is what /openapi.json documents. */
// src/indexer/openapi.ts turns these very specs into the document's parameters and ./validate.ts interprets them at
// request time, so the two cannot drift. Plain objects, not a schema library: even zod/mini adds to every isolate's
// start-up (loading it and building the schemas), while these cost nothing to build. Response bodies are described
// in ./response-schemas.ts (full zod), which only the build and the tests import.
import { CATEGORIES } from '../model';
import type { ErrorCode } from './errors';

/** Longest accepted query, in characters (code points) after trimming: long chatty questions (~100) fit with room to spare. */
export const MAX_QUERY_LENGTH = 200;

/** Largest `limit`; the default is {@link DEFAULT_LIMIT}. */
export const MAX_LIMIT = 20;

/** Results returned when `limit` is not given. */
export const DEFAULT_LIMIT = 5;

/** The error a failed check answers with. */
export interface ParamError {
  code: ErrorCode;
  message: string;
}

/** What every parameter has: its documentation (the OpenAPI parameter object) and whether it must be given. */
interface ParamBase {
  /** The OpenAPI parameter's (and its schema's) description. */
  description: string;
  /** The OpenAPI schema's example. */
  example: string | number;
  /** Must be given (path parameters always are). */
  required?: boolean;
  /** Absent while `required`; by default invalid_parameter "The <name> parameter is required.". */
  missing?: ParamError;
}

/**
 * A string. Lengths count code points after the optional trim, as JSON Schema's minLength/maxLength do (𠀀 is one
 * character, a lone surrogate one too).
 */
export interface StringParam extends ParamBase {
  kind: 'string';
  /** Strip surrounding whitespace (String.prototype.trim) before the length checks; the value is returned trimmed. */
  trim?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Shorter than `minLength`. */
  tooShort?: ParamError;
  /** Longer than `maxLength`. */
  tooLong?: ParamError;
}

/** One of a fixed list of strings. */
export interface EnumParam<V extends string = string> extends ParamBase {
  kind: 'enum';
  values: readonly V[];
  /** Not one of `values`. */
  invalid: ParamError;
}

/**
 * An integer sent as text. Only text matching `pattern` is read as a number at all (a bare Number() would also take
 * '1e1', '0x10', ' 5' and '' as 0); anything else, or a number outside minimum..maximum, is `invalid`.
 */
export interface IntegerParam extends ParamBase {
  kind: 'integer';
  /** Anchored, and without the g or y flag: those make test() keep state from one request to the next. */
  pattern: RegExp;
  minimum: number;
  maximum: number;
  /** Used when the parameter is absent (which makes it optional for clients). */
  default?: number;
  invalid: ParamError;
}

/** One parameter's spec. */
export type ParamSpec = StringParam | EnumParam | IntegerParam;

/** The parameters of one route, in the order they are checked (the first failing one is reported). */
export type ParamsSpec = Record<string, ParamSpec>;

/** The value a parameter validates to. */
type ValueOf<P> = P extends { kind: 'integer' } ? number : P extends { kind: 'enum'; values: readonly (infer V)[] } ? V : string;
/** Whether a validated parameter is always present: required, or defaulted. */
type Always<P> = P extends { required: true } ? true : P extends { default: number } ? true : false;

/** The validated values of a {@link ParamsSpec}: required and defaulted parameters always, the others when given. */
export type ParamsOf<S extends ParamsSpec> = {
  [K in keyof S as Always<S[K]> extends true ? K : never]: ValueOf<S[K]>;
} & {
  [K in keyof S as Always<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
};

/** Declares a route's parameters, keeping the literal types (`required: true`, enum values) {@link ParamsOf} reads. */
const params = <const S extends ParamsSpec>(spec: S): S => spec;

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_LIMIT}.`;

const q = {
  kind: 'string',
  required: true,
  trim: true,
  minLength: 1,
  maxLength: MAX_QUERY_LENGTH,
  missing: { code: 'missing_query', message: 'The q parameter is required.' },
  tooShort: { code: 'missing_query', message: 'The q parameter must not be empty.' },
  tooLong: { code: 'query_too_long', message: `The q parameter is limited to ${MAX_QUERY_LENGTH} characters.` },
  description: `The user's words, any script (simplified, traditional, pinyin, Latin); 1..${MAX_QUERY_LENGTH} characters.`,
  example: '通联支付退款要几天',
} as const satisfies StringParam;

// Checked against the registry by the route (the ids are data, not a spec), so only its shape is validated here; an
// empty value is passed on and the route treats it as absent.
const provider = {
  kind: 'string',
  description: 'Provider id (see /v1/providers). Restricts results to that provider and the general guidance, and attaches its contact guidance.',
  example: 'allinpay',
} as const satisfies StringParam;

/** Query parameters of GET /v1/search. */
export const SearchQuery = params({
  q,
  provider,
  category: {
    kind: 'enum',
    values: CATEGORIES,
    invalid: { code: 'invalid_parameter', message: `category must be one of: ${CATEGORIES.join(', ')}.` },
    description: 'Only entries of this category.',
    example: 'refund',
  },
  limit: {
    kind: 'integer',
    // Up to 3 digits: '020' is 20, '0020' is invalid (and 1e20 never reaches Number()).
    pattern: /^\d{1,3}$/,
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    invalid: { code: 'invalid_parameter', message: LIMIT_MESSAGE },
    description: `Results to return, 1..${MAX_LIMIT} (default ${DEFAULT_LIMIT}), decimal digits only.`,
    example: DEFAULT_LIMIT,
  },
});

/** Query parameters of GET /v1/answer. */
export const AnswerQuery = params({ q, provider });

/** Path parameter of GET /v1/entries/:id (an unknown id is a 404, decided by the route). */
export const EntryPath = params({
  id: {
    kind: 'string',
    required: true,
    description: 'Entry id (`provider-category`), as in search results; stable across rebuilds of the same sources.',
    example: 'allinpay-refund',
  },
});

/** Path parameter of GET /v1/providers/:id (an unknown id is a 404, decided by the route). */
export const ProviderPath = params({
  id: {
    kind: 'string',
    required: true,
    description: 'Provider id (see /v1/providers).',
    example: 'allinpay',
  },
});
