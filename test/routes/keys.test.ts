/**
 * @module Route tests inside workerd for API keys (the `API_KEYS` secret, `ANONYMOUS_ACCESS`): who may call, how a
 * keyed caller is rate-limited (per key, against the binding of its limit) and how anonymous callers still are
 * (per IP), on the REST routes and in the shapes of /mcp and /v1/dify/retrieval. Keys are compared with workerd's
 * own crypto.subtle.timingSafeEqual here.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { ERRORS } from '../../src/http/errors';
import { SearchEngine } from '../../src/search/engine';

const artifact = parseArtifact(artifactText);
const bindings = env as unknown as Env;
const app = createApp(new SearchEngine(artifact));

const BOT_KEY = 'bot-key-0123456789abcdefghijklmn';
const PARTNER_KEY = 'partner-key-0123456789abcdefghij';

/** sha256 of PARTNER_KEY in hex, as an operator would store it instead of the key. */
async function hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fake limiters that record the keys they count and answer with `verdict`. */
function limiters() {
  const seen: Record<string, string[]> = { ip: [], k6000: [], k30000: [] };
  const state = { verdict: true };
  const fake = (name: string) => ({ limit: async ({ key }: { key: string }) => (seen[name].push(key), { success: state.verdict }) });
  return {
    seen,
    state,
    bindings: { RATE_LIMITER: fake('ip'), KEY_RATE_LIMITER_6000: fake('k6000'), KEY_RATE_LIMITER_30000: fake('k30000') } as Partial<Env>,
  };
}

async function keyed(anonymous: 'open' | 'closed', extra: Partial<Env> = {}): Promise<Env> {
  const keys = [
    { name: 'bot', key: BOT_KEY },
    { name: 'partner', sha256: await hex(PARTNER_KEY), limit: 30000 },
  ];
  return { ...bindings, API_KEYS: JSON.stringify(keys), ANONYMOUS_ACCESS: anonymous, ...extra };
}

function get(path: string, headers: Record<string, string>, custom: Env): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`http://localhost${path}`, { headers }), custom));
}

const SEARCH = `/v1/search?q=${encodeURIComponent('退款')}`;
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body: any = await res.json();
  expect(body.error.code).toBe(code);
  expect(ERRORS[code as keyof typeof ERRORS].status).toBe(status);
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  return body.error.message as string;
}

describe('without keys', () => {
  it('everything works as before: an Authorization header is ignored, callers are limited per IP', async () => {
    const { seen, bindings: fakes } = limiters();
    const custom = { ...bindings, ...fakes, ANONYMOUS_ACCESS: 'closed' };
    for (const headers of [{}, bearer('anything'), { Authorization: 'Basic dXNlcjpwYXNz' }]) {
      expect((await get(SEARCH, { ...headers, 'CF-Connecting-IP': '192.0.2.1' }, custom)).status).toBe(200);
    }
    expect(seen.ip).toEqual(['192.0.2.1', '192.0.2.1', '192.0.2.1']);
    expect((await get(SEARCH, bearer('x'), { ...bindings, API_KEYS: '  ' })).status).toBe(200);
    expect((await get(SEARCH, bearer('x'), { ...bindings, API_KEYS: '[]' })).status).toBe(200);
  });
});

describe('with keys, anonymous access open', () => {
  it('a key is counted per key name against the binding of its limit; no key is counted per IP', async () => {
    const { seen, bindings: fakes } = limiters();
    const custom = await keyed('open', fakes);
    const ip = { 'CF-Connecting-IP': '198.51.100.4' };
    expect((await get(SEARCH, { ...bearer(BOT_KEY), ...ip }, custom)).status).toBe(200);
    expect((await get(SEARCH, { ...bearer(PARTNER_KEY), ...ip }, custom)).status).toBe(200);
    expect((await get(SEARCH, { ...bearer(BOT_KEY), ...ip }, custom)).status).toBe(200);
    expect((await get(SEARCH, ip, custom)).status).toBe(200);
    expect(seen).toEqual({ ip: ['198.51.100.4'], k6000: ['key:bot', 'key:bot'], k30000: ['key:partner'] });
  });

  it('a keyed caller over its limit → 429 naming the key, with Retry-After', async () => {
    const { state, bindings: fakes } = limiters();
    const custom = await keyed('open', fakes);
    state.verdict = false;
    const res = await get(SEARCH, bearer(BOT_KEY), custom);
    expect(await expectError(res, 429, 'rate_limited')).toContain('"bot"');
    expect(res.headers.get('Retry-After')).toBe('60');
  });

  it('a wrong key → 403 forbidden; a malformed header → 401 unauthorized with WWW-Authenticate', async () => {
    const custom = await keyed('open');
    await expectError(await get(SEARCH, bearer('not-a-configured-key-0123456789'), custom), 403, 'forbidden');
    // One character off, or the key's digest sent as a key, is still wrong.
    await expectError(await get(SEARCH, bearer(BOT_KEY.slice(0, -1) + 'X'), custom), 403, 'forbidden');
    await expectError(await get(SEARCH, bearer(await hex(PARTNER_KEY)), custom), 403, 'forbidden');
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Bearer ' + 'x'.repeat(600), 'Bearer abc,def']) {
      const res = await get(SEARCH, { Authorization: header }, custom);
      await expectError(res, 401, 'unauthorized');
      expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    }
    expect((await get(SEARCH, { Authorization: `bearer  ${BOT_KEY}` }, custom)).status).toBe(200);
  });

  it('the real bindings of wrangler.toml exist for the default limit and the 30000 tier', () => {
    expect(typeof bindings.KEY_RATE_LIMITER_6000?.limit).toBe('function');
    expect(typeof bindings.KEY_RATE_LIMITER_30000?.limit).toBe('function');
  });

  it('a key whose limit has no binding is served unlimited, and the missing binding is logged once', async () => {
    const custom: Env = { ...bindings, API_KEYS: JSON.stringify([{ name: 'odd', key: BOT_KEY, limit: 1234 }]) };
    const warned: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      expect((await get(SEARCH, bearer(BOT_KEY), custom)).status).toBe(200);
      expect((await get(SEARCH, bearer(BOT_KEY), custom)).status).toBe(200);
    } finally {
      console.warn = original;
    }
    expect(warned).toEqual([expect.stringContaining('KEY_RATE_LIMITER_1234')]);
  });
});

describe('with keys, anonymous access closed', () => {
  it('no key → 401 on content routes; /health, /openapi.json and preflights stay open', async () => {
    const custom = await keyed('closed');
    const res = await get(SEARCH, {}, custom);
    await expectError(res, 401, 'unauthorized');
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer realm="faq-search"');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
    for (const path of ['/v1/answer?q=x', '/v1/entries/topay-password', '/v1/providers', '/v1/providers/huifu']) {
      expect((await get(path, {}, custom)).status, path).toBe(401);
      expect((await get(path, bearer(BOT_KEY), custom)).status, path).toBe(200);
    }
    expect((await get('/health', {}, custom)).status).toBe(200);
    expect((await get('/openapi.json', {}, custom)).status).toBe(200);
    const preflight = await app.fetch(new Request(`http://localhost${SEARCH}`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Headers': 'authorization' } }), custom);
    expect(preflight.status).toBe(204);
  });

  it('/mcp answers 401 and 403 with JSON-RPC bodies; /v1/dify/retrieval with 1001 and 1002', async () => {
    const custom = await keyed('closed');
    const rpc = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const mcp = (headers: Record<string, string>) => app.fetch(new Request('http://localhost/mcp', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: rpc }), custom);
    const denied = await mcp({});
    expect(denied.status).toBe(401);
    expect(denied.headers.get('WWW-Authenticate')).toMatch(/^Bearer /);
    expect(await denied.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
    expect((await mcp(bearer('wrong-key-0123456789abcdefghijk'))).status).toBe(403);
    expect((await mcp(bearer(BOT_KEY))).status).toBe(200);

    const dify = (headers: Record<string, string>) =>
      app.fetch(new Request('http://localhost/v1/dify/retrieval', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"knowledge_id":"all","query":"退款"}' }), custom);
    expect(await (await dify({})).json()).toMatchObject({ error_code: 1001 });
    expect(await (await dify(bearer('wrong-key-0123456789abcdefghijk'))).json()).toMatchObject({ error_code: 1002 });
    expect((await dify(bearer(PARTNER_KEY))).status).toBe(200);
  });

  it('a secret with mistakes keeps its valid entries, logs the others, and never lets anyone in by them', async () => {
    const secret = JSON.stringify([{ name: 'bot', key: BOT_KEY }, { name: 'short', key: 'abc' }, { name: 'bad name!', key: PARTNER_KEY }, { name: 'both', key: PARTNER_KEY, sha256: 'ab' }]);
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      const custom: Env = { ...bindings, API_KEYS: secret, ANONYMOUS_ACCESS: 'closed' };
      expect((await get(SEARCH, bearer(BOT_KEY), custom)).status).toBe(200);
      expect((await get(SEARCH, bearer(PARTNER_KEY), custom)).status).toBe(403);
      expect((await get(SEARCH, bearer('abc'), custom)).status).toBe(403);
      const broken: Env = { ...bindings, API_KEYS: '{not json', ANONYMOUS_ACCESS: 'closed' };
      expect((await get(SEARCH, bearer(BOT_KEY), broken)).status).toBe(403);
      expect((await get(SEARCH, {}, broken)).status).toBe(401);
    } finally {
      console.error = original;
    }
    expect(errors.filter((e) => e.startsWith('API_KEYS'))).toHaveLength(4);
  });
});
