/** @module The one map from error code to HTTP status and message, and the error the routes throw. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isInvisible, lazyRegExp } from '../text/char-class';

/**
 * Every error code the API returns, with its status and default message. This is the one place codes are
 * defined: routes throw {@link ApiError} with a code, `onError` renders it, /openapi.json lists them.
 */
export const ERRORS = {
  missing_query: { status: 400, message: 'The q parameter is required and must contain a search term.' },
  query_too_long: { status: 400, message: 'The q parameter is too long.' },
  invalid_parameter: { status: 400, message: 'A parameter has an invalid value.' },
  unknown_provider: { status: 400, message: 'Unknown provider.' },
  invalid_body: { status: 400, message: 'The request body must be a JSON object.' },
  unauthorized: { status: 401, message: 'An API key is required: send Authorization: Bearer <key>.' },
  forbidden: { status: 403, message: 'This request is not allowed.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'Method not allowed.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'The request body must be JSON (Content-Type: application/json).' },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
  // The index could not be read in time (a split index's shards); the request itself was fine: retry after Retry-After.
  service_unavailable: { status: 503, message: 'The index is temporarily unavailable; retry shortly.' },
  // Never caused by input: a bug. The message says nothing about the cause, which is only logged.
  internal: { status: 500, message: 'Internal error.' },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An expected failure: `onError` renders it as `{ error: { code, message } }` with its status. */
export class ApiError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    public readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): ContentfulStatusCode {
    return ERRORS[this.code].status;
  }
}

/** The JSON body of an error response. */
export function errorBody(code: ErrorCode, message: string = ERRORS[code].message) {
  return { error: { code, message } };
}

/** Longest piece of client input quoted back in an error message. */
export const MAX_ECHO = 40;

/** Control, format, surrogate, private-use and line/paragraph separator characters; built on first use (see lazyRegExp). */
const UNSAFE_TO_SHOW = lazyRegExp('[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Zl}\\p{Zp}]', 'u');

/**
 * Client input made safe to quote in a message: bounded to {@link MAX_ECHO} characters (whole code points) and
 * with control, format (zero-width, bidi), invisible or blank filler (Hangul fillers, variation selectors, braille
 * blank; see isInvisible), private-use and unpaired surrogate characters shown as `\u{…}` escapes, so a message can
 * neither grow with the input nor reorder, hide or fake text where it is displayed.
 */
export function excerpt(input: string, max: number = MAX_ECHO): string {
  // Only the head is ever shown, so only the head is split (a parameter of any length costs nothing extra).
  const chars = Array.from(input.slice(0, 2 * max + 2));
  const shown = chars
    .slice(0, max)
    .map((ch) => (UNSAFE_TO_SHOW().test(ch) || isInvisible(ch) ? `\\u{${ch.codePointAt(0)!.toString(16)}}` : ch))
    .join('');
  return chars.length > max ? `${shown}…` : shown;
}
