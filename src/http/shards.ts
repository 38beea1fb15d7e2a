/** @module Loading index shards of a split artifact from the Worker's static assets (the ASSETS binding). */
import type { ShardLoader } from '../search/shards';
import type { Bindings } from './env';

/**
 * A shard loader reading through `env.ASSETS`. Shards live under `/_index/<hash>/` in the assets directory; the
 * binding reads them without a network round trip to the origin and without counting as a subrequest, and they are
 * never served to the public (wrangler.toml routes `/_index/*` to the worker, which has no such route).
 */
export function assetLoader(env: Bindings | undefined): ShardLoader {
  return async (path) => {
    const assets = env?.ASSETS;
    if (!assets) throw new Error('the index is split into shards but the ASSETS binding is missing ([assets] binding in wrangler.toml)');
    const res = await assets.fetch(new Request(`https://assets.invalid${path}`));
    if (!res.ok) throw new Error(`index shard ${path}: HTTP ${res.status}`);
    return res.text();
  };
}
