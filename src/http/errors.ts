/** @module The one map from error code to HTTP status and message, and the error the routes throw. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code the API returns, with its status and default message. */
export const ERRORS = {
  missing_query: { status: 400, message: 'The q parameter is required and must contain a search term.' },
  query_too_long: { status: 400, message: 'The q parameter is too long.' },
  invalid_parameter: { status: 400, message: 'A parameter has an invalid value.' },
  unknown_provider: { status: 400, message: 'Unknown provider.' },
  not_found: { status: 404, message: 'Not found.' },
  method_not_allowed: { status: 405, message: 'Method not allowed.' },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
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
