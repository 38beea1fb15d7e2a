/**
 * @module Route tests inside workerd for hostile input, methods, headers (nosniff, CORS, caching, ETag/304),
 * rate limiting and error handling: nothing a client sends may produce a 5xx, leak internals or change the index.
 *
 * Most requests go straight to the app (`createApp(engine).fetch(request, env)`) with the real bindings of
 * wrangler.toml: through the Worker entry (`exports.default.fetch`) every request in a test file gets slower than
 * the one before (cloudflare/workers-sdk#15446), which would make hundreds of requests take minutes. The
 * `worker entry` block checks that the deployed entry wires the same app.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { ifNoneMatch } from '../../src/http/cache';
import { ERRORS, excerpt } from '../../src/http/errors';
import { clientKey } from '../../src/http/rate-limit';
import { AnswerResponse, ErrorResponse, SearchResponse } from '../../src/http/response-schemas';
import { MAX_QUERY_LENGTH } from '../../src/http/schemas';
import { SearchEngine } from '../../src/search/engine';

const artifact = parseArtifact(artifactText);
const PROVIDER_IDS = artifact.providers.map((p) => p.id);
const q = (s: string) => encodeURIComponent(s);
const bindings = env as unknown as Env;
const app = createApp(new SearchEngine(artifact));

/** Sends a request to the app with the real bindings; `path` may contain raw (unencoded) text. */
function call(path: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`http://localhost${path}`, init), bindings));
}

/** GETs `path` and parses the JSON body. */
async function getJson<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}

/** A fresh app over the real index, called directly with the given bindings. */
function appWith(custom: Env) {
  const own = createApp(new SearchEngine(artifact));
  return { app: own, fetch: (path: string, init?: RequestInit) => Promise.resolve(own.fetch(new Request(`http://localhost${path}`, init), custom)) };
}

/** Asserts the invariants of every error response and returns its code. */
async function expectError(res: Response, status: number, code?: string): Promise<{ code: string; message: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  const body = ErrorResponse.parse(await res.json());
  if (code) expect(body.error.code).toBe(code);
  expect(ERRORS[body.error.code as keyof typeof ERRORS]?.status).toBe(status);
  return body.error;
}

describe('query validation', () => {
  for (const route of ['/v1/search', '/v1/answer']) {
    it(`${route}: missing, empty, whitespace-only and term-less q → 400 missing_query`, async () => {
      for (const query of ['', '?q=', '?q=%20%20', '?q=%09%0A', '?q=%E3%80%80%C2%A0', '?q=%E2%80%8B', '?q=%EF%BC%9F%EF%BC%81', '?q=...', '?q=%F0%9F%98%80']) {
        await expectError(await call(route + query), 400, 'missing_query');
      }
    });

    it(`${route}: q up to ${MAX_QUERY_LENGTH} characters works, longer → 400 query_too_long without echo`, async () => {
      const chatty = '您好，我上周三在你们平台上用通联支付给一家网店付了三百块钱，结果商家一直没发货，我已经申请了退款但是到现在还没到账，请问退款一般要几个工作日才能到账，我应该找谁问呢？';
      expect(chatty.length).toBeGreaterThanOrEqual(80);
      expect((await call(`${route}?q=${q(chatty)}`)).status).toBe(200);
      const max = '退款'.repeat(MAX_QUERY_LENGTH / 2);
      expect((await call(`${route}?q=${q(max)}`)).status).toBe(200);
      // Surrounding whitespace is trimmed before the limit applies.
      expect((await call(`${route}?q=${q(`   ${max}   `)}`)).status).toBe(200);
      const secret = 'UNIQUEMARKER';
      const error = await expectError(await call(`${route}?q=${q(max + secret)}`), 400, 'query_too_long');
      expect(error.message).not.toContain(secret);
      expect(error.message).toContain(String(MAX_QUERY_LENGTH));
    });

    it(`${route}: unknown provider → 400 unknown_provider listing the valid ids, input truncated`, async () => {
      const error = await expectError(await call(`${route}?q=${q('退款')}&provider=nope`), 400, 'unknown_provider');
      for (const id of PROVIDER_IDS) expect(error.message).toContain(id);
      const long = await expectError(await call(`${route}?q=${q('退款')}&provider=${'x'.repeat(5000)}`), 400, 'unknown_provider');
      expect(long.message.length).toBeLessThan(400);
      // Case matters: ids are lowercase identifiers.
      await expectError(await call(`${route}?q=${q('退款')}&provider=ALLINPAY`), 400, 'unknown_provider');
    });

    it(`${route}: a repeated parameter is invalid, not "missing"`, async () => {
      await expectError(await call(`${route}?q=a&q=b`), 400, 'invalid_parameter');
      await expectError(await call(`${route}?q=${q('退款')}&provider=huifu&provider=topay`), 400, 'invalid_parameter');
    });
  }

  it('/v1/search: bad limit and category → 400 invalid_parameter; 1 and 20 work', async () => {
    for (const limit of ['0', '21', '-1', '1.5', 'abc', '', '%20', '1e3', 'Infinity', 'NaN', '5abc', '99999999999999999999']) {
      await expectError(await call(`/v1/search?q=${q('退款')}&limit=${limit}`), 400, 'invalid_parameter');
    }
    await expectError(await call(`/v1/search?q=${q('退款')}&limit=1&limit=2`), 400, 'invalid_parameter');
    await expectError(await call(`/v1/search?q=${q('退款')}&category=nope`), 400, 'invalid_parameter');
    for (const limit of [1, 20]) {
      const { status, body } = await getJson(`/v1/search?q=${q('退款')}&limit=${limit}`);
      expect(status).toBe(200);
      expect(body.results.length).toBeLessThanOrEqual(limit);
    }
  });

  it('excerpt bounds and neutralizes echoed input', () => {
    expect(excerpt('a'.repeat(100))).toBe('a'.repeat(40) + '…');
    expect(excerpt('x\u202Ey\u0000z\u200B')).toBe('x\\u{202e}y\\u{0}z\\u{200b}');
    expect(excerpt('\uD800')).toBe('\\u{d800}');
    expect(excerpt('😀'.repeat(41))).toBe('😀'.repeat(40) + '…');
  });
});

/** Raw query strings (already in URL form) a hostile or broken client might send. */
const HOSTILE: string[] = [
  '%E4%B8', // truncated UTF-8
  '%E4%B8%ZZ',
  '%ZZ',
  '%',
  '%%%',
  '%ED%A0%80', // an encoded lone surrogate: not valid UTF-8
  '%ED%B0%80abc',
  '\uD800', // raw lone surrogates in the URL string
  '\uDC00退款',
  '%00',
  '退款%00%00密码',
  '%01%02%03%1B%7F%C2%80%C2%9F',
  '%E2%80%8B%E2%80%8C%E2%80%8D%EF%BB%BF退款', // zero-width characters and BOM
  '%E2%80%AE%E2%80%AD%E2%81%A6退款%E2%81%A9', // bidi overrides and isolates
  q('😀🙏🏽👨‍👩‍👧‍👦 退款 🇨🇳'),
  q('.*+?^${}()|[]\\/ 退款 (a+)+$ \\p{L} [^]'),
  q('<script>alert(1)</script>'),
  q('"><img src=x onerror=alert(1)> 通联支付'),
  q("' OR 1=1; DROP TABLE entries; --"),
  q('1; SELECT * FROM users WHERE name = \'\' UNION SELECT password --'),
  q('{{constructor.constructor("return process")()}}'),
  q('__proto__ constructor prototype toString hasOwnProperty'),
  q('../../etc/passwd'),
  q('汇付天下'.repeat(50)), // 200 characters of one alias
  q('的'.repeat(200)),
  q('a '.repeat(100)),
  q('退'.repeat(100) + '款'.repeat(100)),
  q('tonglian '.repeat(22)),
  q('\u0301\u0301\u0301退款\u0308'),
  q('ｔｏｐａｙ　密碼　找回'),
  'q=' + q('退款'), // a parameter inside a parameter
  '&&&=&=',
];

describe('hostile input', () => {
  it('never produces a 5xx, non-JSON, or markup; 200 bodies match the schema', async () => {
    for (const route of ['/v1/search', '/v1/answer']) {
      for (const raw of HOSTILE) {
        for (const extra of ['', '&provider=topay', '&limit=20']) {
          const path = `${route}?q=${raw}${route === '/v1/answer' && extra === '&limit=20' ? '' : extra}`;
          const res = await call(path);
          expect([200, 400], path).toContain(res.status);
          expect(res.headers.get('Content-Type'), path).toBe('application/json; charset=utf-8');
          expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
          const body = await res.json();
          if (res.status === 200) (route === '/v1/search' ? SearchResponse : AnswerResponse).parse(body);
          else ErrorResponse.parse(body);
        }
      }
    }
  });

  it('16 KB URLs are rejected cleanly, on every route', async () => {
    const big = 'x'.repeat(16 * 1024);
    await expectError(await call(`/v1/search?q=${big}`), 400, 'query_too_long');
    await expectError(await call(`/v1/answer?q=${q('退款'.repeat(4000))}`), 400, 'query_too_long');
    await expectError(await call(`/v1/entries/${big}`), 404, 'not_found');
    await expectError(await call(`/v1/providers/${big}`), 404, 'not_found');
    await expectError(await call(`/${big}`), 404, 'not_found');
    const many = Array.from({ length: 2000 }, (_, i) => `p${i}=${i}`).join('&');
    expect((await call(`/v1/search?q=${q('退款')}&${many}`)).status).toBe(200);
  });

  it('hostile path segments are 404, never 5xx', async () => {
    for (const id of ['%ZZ', '%E4%B8', '%00', '..%2F..%2Fetc', '%2F', '<script>', '__proto__', 'constructor', 'toString', '%ED%A0%80']) {
      await expectError(await call(`/v1/entries/${id}`), 404, 'not_found');
      await expectError(await call(`/v1/providers/${id}`), 404, 'not_found');
    }
  });

  it('leaves the index unchanged: same hash and same ranking afterwards', async () => {
    const probe = `/v1/search?q=${q('通联支付退款要几天')}&limit=20`;
    const before = await getJson(probe);
    const health = await getJson('/health');
    for (const raw of HOSTILE) await call(`/v1/search?q=${raw}`);
    const after = await getJson(probe);
    expect((await getJson('/health')).body).toEqual(health.body);
    const strip = (b: any) => ({ ...b, tookMs: 0 });
    expect(strip(after.body)).toEqual(strip(before.body));
  });
});

describe('methods', () => {
  it('HEAD: the GET headers, no body', async () => {
    const path = `/v1/search?q=${q('通联支付退款')}`;
    const get = await call(path);
    const head = await call(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const h of ['Content-Type', 'ETag', 'Cache-Control', 'X-Content-Type-Options', 'Access-Control-Allow-Origin']) expect(head.headers.get(h), h).toBe(get.headers.get(h));
    const badHead = await call('/v1/search', { method: 'HEAD' });
    expect(badHead.status).toBe(400);
    expect(await badHead.text()).toBe('');
  });

  it('other methods on known routes → 405 with Allow; unknown routes → 404', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
      for (const path of ['/v1/search?q=x', '/v1/answer', '/v1/entries/x', '/v1/providers', '/v1/providers/topay', '/health', '/openapi.json']) {
        const res = await call(path, { method, body: method === 'POST' ? '{"q":"退款"}' : undefined });
        await expectError(res, 405, 'method_not_allowed');
        expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
      }
      await expectError(await call('/v2/nothing', { method }), 404, 'not_found');
    }
  });

  it('OPTIONS preflight answers with CORS on known routes, 404 elsewhere', async () => {
    const res = await call('/v1/search', {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('if-none-match');
    expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect((await call('/v1/entries/anything', { method: 'OPTIONS' })).status).toBe(204);
    await expectError(await call('/nope', { method: 'OPTIONS' }), 404, 'not_found');
  });
});

describe('headers', () => {
  it('nosniff and JSON content type everywhere; CORS on ordinary responses', async () => {
    for (const path of ['/health', '/openapi.json', '/v1/providers', `/v1/search?q=${q('退款')}`, '/v1/search', '/nope']) {
      const res = await call(path, { headers: { Origin: 'https://site.example' } });
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('Content-Type'), path).toBe('application/json; charset=utf-8');
      expect(res.headers.get('Access-Control-Allow-Origin'), path).toBe('*');
      expect(res.headers.get('Access-Control-Expose-Headers')).toContain('ETag');
    }
  });

  it('Cache-Control: public max-age on index-derived responses, no-store on errors and /health', async () => {
    for (const path of [`/v1/search?q=${q('退款')}`, `/v1/answer?q=${q('退款')}`, '/v1/providers', '/v1/providers/topay', `/v1/entries/${artifact.entries[0].id}`]) {
      expect((await call(path)).headers.get('Cache-Control'), path).toBe('public, max-age=60');
    }
    expect((await call('/health')).headers.get('Cache-Control')).toBe('no-store');
    expect((await call('/v1/search')).headers.get('Cache-Control')).toBe('no-store');
    expect((await call('/v1/entries/nope')).headers.get('Cache-Control')).toBe('no-store');
  });

  it('CACHE_MAX_AGE and CORS_ORIGIN come from the environment', async () => {
    const one = appWith({ CACHE_MAX_AGE: '300', CORS_ORIGIN: 'https://a.example' });
    const res = await one.fetch(`/v1/search?q=${q('退款')}`);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://a.example');
    const junk = appWith({ CACHE_MAX_AGE: '-5' });
    expect((await junk.fetch(`/v1/search?q=${q('退款')}`)).headers.get('Cache-Control')).toBe('public, max-age=60');
    const list = appWith({ CORS_ORIGIN: 'https://a.example, https://b.example' });
    const b = await list.fetch('/v1/providers', { headers: { Origin: 'https://b.example' } });
    expect(b.headers.get('Access-Control-Allow-Origin')).toBe('https://b.example');
    expect(b.headers.get('Vary')).toContain('Origin');
    const evil = await list.fetch('/v1/providers', { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('ETag follows the index and the normalized request; If-None-Match gives a bodiless 304', async () => {
    const a = await call(`/v1/search?q=${q('通联支付 退款')}&limit=5`);
    const b = await call(`/v1/search?limit=5&q=${q('  通联支付 退款 ')}&unknown=1`);
    const c = await call(`/v1/search?q=${q('通联支付 退款')}`);
    const d = await call(`/v1/search?q=${q('通联支付 退款')}&limit=6`);
    const e = await call(`/v1/answer?q=${q('通联支付 退款')}`);
    const etag = a.headers.get('ETag')!;
    expect(etag).toMatch(new RegExp(`^W/"${artifact.hash}-[0-9a-f]{16}"$`));
    expect(b.headers.get('ETag')).toBe(etag);
    expect(c.headers.get('ETag')).toBe(etag);
    expect(d.headers.get('ETag')).not.toBe(etag);
    expect(e.headers.get('ETag')).not.toBe(etag);

    for (const inm of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
      const res = await call(`/v1/search?q=${q('通联支付 退款')}`, { headers: { 'If-None-Match': inm } });
      expect(res.status, inm).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('ETag')).toBe(etag);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=60');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect((await call(`/v1/search?q=${q('通联支付 退款')}`, { headers: { 'If-None-Match': '"stale"' } })).status).toBe(200);
    // Validation still comes first: a bad request is 400 whatever the client holds.
    expect((await call('/v1/search?q=x&limit=0', { headers: { 'If-None-Match': '*' } })).status).toBe(400);

    const entryPath = `/v1/entries/${artifact.entries[0].id}`;
    const entryTag = (await call(entryPath)).headers.get('ETag')!;
    expect((await call(entryPath, { headers: { 'If-None-Match': entryTag } })).status).toBe(304);
    expect(ifNoneMatch('x'.repeat(5000), entryTag)).toBe(false);

    // A new deployment (version metadata bound) invalidates old ETags even when the index is the same.
    const path = `/v1/search?q=${q('通联支付 退款')}`;
    const v1 = (await appWith({ CF_VERSION_METADATA: { id: 'v1' } }).fetch(path)).headers.get('ETag')!;
    const v2 = (await appWith({ CF_VERSION_METADATA: { id: 'v2' } }).fetch(path)).headers.get('ETag')!;
    expect(v1).not.toBe(v2);
    expect(v1.startsWith(`W/"${artifact.hash}-`)).toBe(true);
  });
});

describe('rate limiting', () => {
  it('the workers pool provides the RATE_LIMITER binding from wrangler.toml', () => {
    expect(typeof bindings.RATE_LIMITER?.limit).toBe('function');
  });

  it('the real binding answers 429 rate_limited with Retry-After once a client is over the limit; /health stays open', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const headers = { 'CF-Connecting-IP': ip };
    // 600 a minute; a window boundary may reset the count once, so 2 × limit + 1 requests always reach a 429.
    let res: Response | null = null;
    for (let i = 0; i < 1201; i++) {
      res = await call('/v1/providers', { method: 'HEAD', headers });
      if (res.status === 429) break;
      expect(res.status).toBe(200);
    }
    expect(res!.status).toBe(429);
    const limited = await call('/v1/providers', { headers });
    await expectError(limited, 429, 'rate_limited');
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect((await call('/health', { headers })).status).toBe(200);
    // Another client is unaffected.
    expect((await call('/v1/providers', { headers: { 'CF-Connecting-IP': '203.0.113.77' } })).status).toBe(200);
  }, 60_000);

  it('a fake binding sees one key per client, is skipped for /health and internal calls, and fails open', async () => {
    const keys: string[] = [];
    let verdict: boolean | 'throw' = true;
    const RATE_LIMITER = {
      async limit({ key }: { key: string }) {
        keys.push(key);
        if (verdict === 'throw') throw new Error('limiter down');
        return { success: verdict };
      },
    };
    const { fetch } = appWith({ RATE_LIMITER, RATE_LIMIT_PERIOD: '10' });
    const from = (ip: string) => ({ headers: { 'CF-Connecting-IP': ip } });
    expect((await fetch('/v1/providers', from('192.0.2.1'))).status).toBe(200);
    expect((await fetch('/v1/providers', from('2001:db8:1:2:3:4:5:6'))).status).toBe(200);
    expect((await fetch('/v1/providers', from('2001:db8:1:2::9'))).status).toBe(200);
    expect((await fetch('/health', from('192.0.2.1'))).status).toBe(200);
    expect((await fetch('/v1/providers')).status).toBe(200);
    expect(keys).toEqual(['192.0.2.1', '2001:db8:1:2::/64', '2001:db8:1:2::/64']);

    verdict = false;
    const res = await fetch(`/v1/search?q=${q('退款')}`, from('192.0.2.1'));
    await expectError(res, 429, 'rate_limited');
    expect(res.headers.get('Retry-After')).toBe('10');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await fetch('/health', from('192.0.2.1'))).status).toBe(200);

    verdict = 'throw';
    const warned: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      expect((await fetch('/v1/providers', from('192.0.2.1'))).status).toBe(200);
    } finally {
      console.warn = original;
    }
    expect(warned.length).toBe(1);
  });

  it('clientKey groups IPv6 by /64 and keeps IPv4 whole', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('2001:0db8:0000:0001:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('not an ip ' + 'x'.repeat(200)).length).toBe(64);
  });
});

describe('errors', () => {
  it('an unexpected failure is a generic 500 that leaks nothing', async () => {
    const engine = new SearchEngine(artifact);
    engine.search = () => {
      throw new Error('secret internal detail at /srv/index.ts:42');
    };
    const broken = createApp(engine);
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const res = await broken.fetch(new Request(`http://localhost/v1/search?q=${q('退款')}`), {});
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
      expect(text).not.toContain('secret');
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    } finally {
      console.error = original;
    }
    expect(errors.length).toBe(1);
  });
});

describe('worker entry', () => {
  const worker = (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default;
  const viaEntry = (path: string, init?: RequestInit) => worker.fetch(new Request(`http://localhost${path}`, init));

  it('serves the same app: headers, validation, 405, rate limiter binding', async () => {
    const ok = await viaEntry(`/v1/search?q=${q('通联支付退款')}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ETag')).toMatch(new RegExp(`^W/"${artifact.hash}-`));
    expect(ok.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(ok.headers.get('X-Content-Type-Options')).toBe('nosniff');
    SearchResponse.parse(await ok.json());
    await expectError(await viaEntry(`/v1/search?q=${'x'.repeat(16 * 1024)}`), 400, 'query_too_long');
    await expectError(await viaEntry('/v1/answer?q=%E4%B8', { method: 'DELETE' }), 405, 'method_not_allowed');
    const health = await viaEntry('/health', { headers: { 'CF-Connecting-IP': '203.0.113.1' } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', index: artifact.hash });
  });
});
