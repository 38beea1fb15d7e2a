/**
 * @module Route tests inside workerd for a split index whose shards cannot be read: a 503 service_unavailable JSON
 * error with Retry-After when the asset store fails transiently, a generic 500 when a shard is missing from the
 * deploy, and normal answers once the store recovers.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact, type Artifact } from '../../src/artifact';
import { ErrorResponse, SearchResponse } from '../../src/http/response-schemas';
import { UNAVAILABLE_RETRY_AFTER } from '../../src/http/shards';
import { splitArtifact } from '../../src/indexer/split';
import { SearchEngine } from '../../src/search/engine';

const split = splitArtifact(parseArtifact(artifactText), { shardChars: 4000, entryShardChars: 8000 });
const core = JSON.parse(JSON.stringify(split.core)) as Artifact;
const base = core.split!.base;

/** An ASSETS binding over the split's files whose answers `mode` decides. */
function assets(mode: { value: 'ok' | 'down' | 'throws' | 'missing' }): Fetcher {
  return {
    fetch: async (input: RequestInfo | URL) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      if (mode.value === 'throws') throw new Error('connection reset');
      if (mode.value === 'down') return new Response('busy', { status: 503 });
      const text = split.files.get(path.slice(base.length + 1));
      if (mode.value === 'missing' || text === undefined) return new Response('not found', { status: 404 });
      return new Response(text);
    },
  } as unknown as Fetcher;
}

function appWith(mode: { value: 'ok' | 'down' | 'throws' | 'missing' }) {
  const app = createApp(new SearchEngine(core));
  const bindings: Env = { ...(env as unknown as Env), ASSETS: assets(mode) };
  return (path: string) => Promise.resolve(app.fetch(new Request(`http://localhost${path}`), bindings));
}

describe('split index with an unreadable asset store', () => {
  it('a store answering 5xx or failing the read → 503 service_unavailable with Retry-After; the same request works once it recovers', async () => {
    const mode = { value: 'down' as 'ok' | 'down' | 'throws' | 'missing' };
    const call = appWith(mode);
    for (const failure of ['down', 'throws'] as const) {
      mode.value = failure;
      for (const path of [`/v1/search?q=${encodeURIComponent('退款要几天')}`, `/v1/answer?q=${encodeURIComponent('密码找回')}`, '/v1/entries/allinpay-refund']) {
        const res = await call(path);
        expect(res.status, `${failure} ${path}`).toBe(503);
        expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
        expect(res.headers.get('Retry-After')).toBe(String(UNAVAILABLE_RETRY_AFTER));
        expect(res.headers.get('Cache-Control')).toBe('no-store');
        expect(ErrorResponse.parse(await res.json()).error.code).toBe('service_unavailable');
      }
    }
    mode.value = 'ok';
    const res = await call(`/v1/search?q=${encodeURIComponent('退款要几天')}`);
    expect(res.status).toBe(200);
    expect(SearchResponse.parse(await res.json()).results.length).toBeGreaterThan(0);
  });

  it('a shard missing from the deploy → a generic 500 internal (a broken deploy, not a retryable state)', async () => {
    const call = appWith({ value: 'missing' });
    const res = await call(`/v1/search?q=${encodeURIComponent('退款要几天')}`);
    expect(res.status).toBe(500);
    expect(ErrorResponse.parse(await res.json()).error.code).toBe('internal');
  });
});
