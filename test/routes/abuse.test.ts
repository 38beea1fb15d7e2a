/**
 * @module Route tests inside workerd for the smaller findings of an adversarial pass: ETags bound to the deployed
 * version, invisible and filler characters, malformed percent-encoding, and JSON 405s on the page and widget paths.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { etagFor, requestKey } from '../../src/http/cache';
import { excerpt } from '../../src/http/errors';
import { ErrorResponse } from '../../src/http/response-schemas';
import { SearchEngine } from '../../src/search/engine';

const artifact = parseArtifact(artifactText);
const bindings = env as unknown as Env;
const app = createApp(new SearchEngine(artifact));
const call = (path: string, init?: RequestInit) => Promise.resolve(app.fetch(new Request(`http://localhost${path}`, init), bindings));
const worker = (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default;

/** Asserts a JSON error response with this status and code. */
async function expectError(res: Response, status: number, code: string): Promise<{ code: string; message: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  const { error } = ErrorResponse.parse(await res.json());
  expect(error.code).toBe(code);
  return error;
}

describe('deployed version', () => {
  it('regression: the version metadata is bound, and ETags are keyed by its id (a changed body once got 304)', async () => {
    const id = bindings.CF_VERSION_METADATA?.id;
    expect(typeof id).toBe('string');
    expect(id!.length).toBeGreaterThan(0);
    const res = await worker.fetch(new Request('http://localhost/v1/search?q=%E9%80%80%E6%AC%BE'));
    expect(res.headers.get('ETag')).toBe(etagFor(artifact.hash, requestKey('/v1/search', { q: '退款', limit: 5 }, id)));
  });
});

describe('invisible and filler characters', () => {
  it('regression: a q of Hangul fillers, braille blanks or other invisible characters is missing_query, not a search', async () => {
    for (const q of ['\u3164\u3164\u3164', '\u115f\u1160', '\uffa0', '\u2800', '\u17b4', '\u{e0100}\u{1d173}', '\u3164\u200b\u2800']) {
      for (const route of ['/v1/search', '/v1/answer']) await expectError(await call(`${route}?q=${encodeURIComponent(q)}`), 400, 'missing_query');
    }
  });

  it('regression: quoted input shows invisible, filler and private-use characters as escapes', async () => {
    expect(excerpt('a\u3164b\u115fc\uffa0d\u2800e\u034ff\u{e0100}g\ue000h\u{f0000}')).toBe('a\\u{3164}b\\u{115f}c\\u{ffa0}d\\u{2800}e\\u{34f}f\\u{e0100}g\\u{e000}h\\u{f0000}');
    const { message } = await expectError(await call(`/v1/search?q=${encodeURIComponent('退款')}&provider=${encodeURIComponent('x\u3164y')}`), 400, 'unknown_provider');
    expect(message).toContain('x\\u{3164}y');
    expect(message).not.toContain('\u3164');
  });
});

describe('percent-encoding', () => {
  it('regression: a malformed percent-encoding is 400 invalid_parameter (q=%E5%AF was searched as "e5 af")', async () => {
    for (const route of ['/v1/search', '/v1/answer']) {
      for (const raw of ['q=%E5%AF', 'q=%E5%AF%E6', 'q=%ZZ', 'q=100%', 'q=%ED%A0%80', `q=${encodeURIComponent('退款')}&limit=%E5`, `q=${encodeURIComponent('退款')}&x=%`]) {
        await expectError(await call(`${route}?${raw}`), 400, 'invalid_parameter');
      }
      expect((await call(`${route}?q=${encodeURIComponent('退款 100%')}`)).status).toBe(200);
      expect((await call(`${route}?q=%E9%80%80%E6%AC%BE+%E5%87%A0%E5%A4%A9`)).status).toBe(200);
    }
  });
});

describe('page and widget paths', () => {
  it('regression: other methods on the page, the widget and their assets are JSON 405s with Allow (they were empty)', async () => {
    for (const path of ['/', '/index.html', '/widget.js', '/assets/app.js']) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const res = await call(path, { method, body: method === 'DELETE' ? undefined : '{}' });
        await expectError(res, 405, 'method_not_allowed');
        expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
        expect(res.headers.get('Cache-Control')).toBe('no-store');
      }
      const options = await call(path, { method: 'OPTIONS' });
      expect(options.status).toBe(204);
      expect(options.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('GET and HEAD serve the page and the widget from the assets, untouched; a missing asset is the JSON 404', async () => {
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<html');
    const widget = await call('/widget.js', { method: 'HEAD' });
    expect(widget.status).toBe(200);
    expect(widget.headers.get('Content-Type')).toMatch(/javascript/);
    await expectError(await call('/assets/no-such-file.js'), 404, 'not_found');
  });
});
