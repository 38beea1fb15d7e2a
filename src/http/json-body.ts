/** @module JSON request bodies of the POST routes (/mcp, /v1/dify/retrieval): media type, a size bound, parsing. */
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { ApiError } from './errors';

/** `application/json` or any `+json` type, with or without parameters; anything else is not a JSON body. */
const JSON_TYPE = /^\s*application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The parsed JSON body of a request, reading at most `maxBytes` of it. A request without a Content-Type is read as
 * JSON (server-side clients often omit it); one that names another type is 415 `unsupported_media_type`, a longer
 * body 413 `payload_too_large`, and an empty body, invalid UTF-8 or invalid JSON 400 `invalid_body`.
 */
export async function readJsonBody(c: Context<AppEnv>, maxBytes: number): Promise<unknown> {
  const type = c.req.header('Content-Type');
  if (type !== undefined && !JSON_TYPE.test(type)) throw new ApiError('unsupported_media_type');
  const tooLarge = () => new ApiError('payload_too_large', `The request body is limited to ${maxBytes} bytes.`);
  if (Number(c.req.header('Content-Length')) > maxBytes) throw tooLarge();
  // Read as a stream and stop at the bound: a body without Content-Length is never buffered whole.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = c.req.raw.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  if (size === 0) throw new ApiError('invalid_body', 'The request body is empty; send a JSON object.');
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError('invalid_body', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('invalid_body', 'The request body is not valid JSON.');
  }
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
