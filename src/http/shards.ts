/** @module Loading index shards of a split artifact from the Worker's static assets (the ASSETS binding). */
import { ShardUnavailableError, type ShardLoader } from '../search/shards';
import type { Bindings } from './env';
import { ApiError } from './errors';

/** Seconds a client is told to wait (Retry-After) when the shards could not be read. */
export const UNAVAILABLE_RETRY_AFTER = 2;

/**
 * A shard loader reading through `env.ASSETS`. Shards live under `/_index/<hash>/` in the assets directory; the
 * binding reads them without a network round trip to the origin and without counting as a subrequest, and they are
 * never served to the public (wrangler.toml routes `/_index/*` to the worker, which has no such route).
 *
 * A read that throws or that the store answers with a 5xx or 429 is transient (ShardUnavailableError: the client
 * may retry); a missing binding or a missing shard (404) means the deploy itself is broken, a plain error.
 */
export function assetLoader(env: Bindings | undefined): ShardLoader {
  return async (path) => {
    const assets = env?.ASSETS;
    if (!assets) throw new Error('the index is split into shards but the ASSETS binding is missing ([assets] binding in wrangler.toml)');
    let res: Response;
    try {
      res = await assets.fetch(new Request(`https://assets.invalid${path}`));
    } catch (error) {
      throw new ShardUnavailableError([path], `asset read failed (${error instanceof Error ? error.message : String(error)})`);
    }
    if (res.status >= 500 || res.status === 429) throw new ShardUnavailableError([path], `asset store answered HTTP ${res.status}`);
    if (!res.ok) throw new Error(`index shard ${path}: HTTP ${res.status}`);
    return res.text();
  };
}

/**
 * The API error for a failure a retry may fix (shards unreadable for now: 503 service_unavailable with
 * Retry-After), or null for any other error.
 */
export function unavailable(error: unknown): ApiError | null {
  if (!(error instanceof ShardUnavailableError)) return null;
  return new ApiError('service_unavailable', undefined, { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER) });
}
