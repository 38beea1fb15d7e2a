/** @module The isolate's response cache: repeats answered without searching, bounded, identical to a fresh answer, and off when configured so. */
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { ResponseCache } from '../../src/http/cache';
import { SearchEngine } from '../../src/search/engine';
import { loadArtifact } from '../eval/systems';

const artifact = loadArtifact();

/** An app over a fresh engine, with a count of searches the engine ran. */
function app() {
  const engine = new SearchEngine(artifact);
  const spy = vi.spyOn(engine, 'searchAsync');
  return { app: createApp(engine), spy };
}

const strip = async (res: Response) => {
  const body = (await res.json()) as Record<string, unknown>;
  delete body.tookMs;
  return body;
};

describe('response cache', () => {
  it('answers a repeated request (in any parameter order) from memory with the same body and ETag', async () => {
    const { app: a, spy } = app();
    const first = await a.request('/v1/search?q=%E9%80%80%E6%AC%BE&limit=5');
    const second = await a.request('/v1/search?limit=5&q=%E9%80%80%E6%AC%BE');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(second.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await second.text()).toBe(await first.text());
  });

  it('gives the same bodies as an app that searches every time', async () => {
    const { app: a } = app();
    const { app: b } = app();
    for (const path of ['/v1/answer?q=topay%E5%AF%86%E7%A0%81', '/v1/search?q=%E9%94%81&provider=huifu', `/v1/entries/${artifact.entries[0].id}`, '/v1/providers']) {
      await a.request(path);
      expect(await strip(await a.request(path)), path).toEqual(await strip(await b.request(path, {}, { RESPONSE_CACHE_SIZE: '0' })));
    }
  });

  it('is off with RESPONSE_CACHE_SIZE=0, even for bodies kept by requests made with it on', async () => {
    const { app: a, spy } = app();
    await a.request('/v1/search?q=%E9%80%80%E6%AC%BE');
    for (let i = 0; i < 3; i++) await a.request('/v1/search?q=%E9%80%80%E6%AC%BE', {}, { RESPONSE_CACHE_SIZE: '0' });
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it('never keeps errors', async () => {
    const { app: a, spy } = app();
    expect((await a.request('/v1/search?q=%E9%80%80%E6%AC%BE&limit=0')).status).toBe(400);
    expect((await a.request('/v1/search?q=%E9%80%80%E6%AC%BE&limit=0')).status).toBe(400);
    expect(spy).toHaveBeenCalledTimes(0);
  });

  it('evicts the least recently used beyond its size', () => {
    const cache = new ResponseCache();
    const [x, y, z] = ['x', 'y', 'z'];
    cache.set('a', x, 2);
    cache.set('b', y, 2);
    cache.get('a');
    cache.set('c', z, 2);
    expect(cache.get('a')).toBe(x);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
