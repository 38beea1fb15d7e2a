/** @module Request parameter validation: interprets the specs of ./schemas.ts, throwing the contract's errors. */
import { ApiError } from './errors';
import type { ParamError, ParamSpec, ParamsOf, ParamsSpec } from './schemas';

/** Raw parameters as the route collected them: one string per name, an array when a name was repeated. */
export type RawParams = Record<string, string | string[]>;

/**
 * Throws invalid_parameter when the query string of `url` holds a malformed percent-encoding: a truncated UTF-8
 * sequence (`q=%E5%AF`), an encoded lone surrogate, or a `%` not followed by two hex digits. Such a value cannot be
 * decoded, and the router would otherwise pass its raw text on (`%E5%AF` searched as "e5 af").
 */
export function checkQueryEncoding(url: string): void {
  const start = url.indexOf('?');
  if (start === -1 || url.indexOf('%', start) === -1) return;
  try {
    decodeURIComponent(url.slice(start + 1));
  } catch {
    throw new ApiError('invalid_parameter', 'The query string is not valid percent-encoded UTF-8.');
  }
}

/** Throws the error a failed check answers with. */
function fail(error: ParamError): never {
  throw new ApiError(error.code, error.message);
}

/**
 * Length in code points, as JSON Schema's minLength/maxLength count (and /openapi.json promises): a surrogate pair
 * is one character, a lone surrogate one too.
 */
function codePointLength(s: string): number {
  // Most queries have no astral characters at all: then UTF-16 units are code points.
  if (!/[\uD800-\uDBFF]/.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/** The value of one given (single) parameter, or the spec's error. */
function check(spec: ParamSpec, value: string): string | number {
  switch (spec.kind) {
    case 'string': {
      const s = spec.trim ? value.trim() : value;
      const length = codePointLength(s);
      if (spec.minLength !== undefined && length < spec.minLength) fail(spec.tooShort ?? { code: 'invalid_parameter', message: 'A parameter is too short.' });
      if (spec.maxLength !== undefined && length > spec.maxLength) fail(spec.tooLong ?? { code: 'invalid_parameter', message: 'A parameter is too long.' });
      return s;
    }
    case 'enum':
      return (spec.values as readonly string[]).includes(value) ? value : fail(spec.invalid);
    case 'integer': {
      // Only text the pattern admits becomes a number (Number() alone takes '1e1', ' 5', '' …); the rest is invalid.
      const n = spec.pattern.test(value) ? Number(value) : NaN;
      return Number.isInteger(n) && n >= spec.minimum && n <= spec.maximum ? n : fail(spec.invalid);
    }
  }
}

/**
 * Validates raw parameters against a route's spec and returns the parsed values (trimmed, defaulted, numbers as
 * numbers; unknown names dropped), or throws the contract's {@link ApiError} for the first problem, in the spec's
 * order (q, provider, category, limit): a repeated parameter is invalid_parameter "must be given once", an absent
 * required one the spec's `missing` error, a bad value the error of the check it fails.
 */
export function validate<S extends ParamsSpec>(spec: S, raw: RawParams): ParamsOf<S> {
  const out: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(spec)) {
    // Own keys only: a parameter named like an Object.prototype member must not read the prototype's.
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    // `?q=a&q=b` arrives as an array; say so instead of claiming the parameter is missing or malformed.
    if (Array.isArray(value)) throw new ApiError('invalid_parameter', `The ${name} parameter must be given once.`);
    if (value !== undefined) out[name] = check(param, value);
    else if (param.kind === 'integer' && param.default !== undefined) out[name] = param.default;
    else if (param.required) fail(param.missing ?? { code: 'invalid_parameter', message: `The ${name} parameter is required.` });
  }
  return out as ParamsOf<S>;
}
