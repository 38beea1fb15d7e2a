/**
 * @module Route tests inside workerd for POST /mcp on the wire: the handshake revisions (2025-11-25, 2025-06-18,
 * 2025-03-26, 2024-11-05) and the stateless 2026-07-28 one, the transport's status codes and headers, Origin
 * checks and rate limiting. The SDK clients' view is in test/unit/mcp-client.test.ts.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { LEGACY_VERSIONS, SUPPORTED_VERSIONS } from '../../src/http/mcp';
import { SearchEngine } from '../../src/search/engine';

const artifact = parseArtifact(artifactText);
const bindings = env as unknown as Env;
const app = createApp(new SearchEngine(artifact));

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
const MODERN = '2026-07-28';
const META = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientInfo': { name: 't', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };

/** POSTs a body (an object is sent as JSON) to /mcp with the given headers and bindings. */
function post(body: unknown, headers: Record<string, string> = {}, custom: Env = bindings): Promise<Response> {
  const init = { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
  return Promise.resolve(app.fetch(new Request('http://localhost/mcp', init), custom));
}

const rpc = (id: number | string, method: string, params?: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
const initialize = (version: string) => rpc(1, 'initialize', { protocolVersion: version, capabilities: {}, clientInfo: { name: 't', version: '1' } });

/** A 2026-07-28 request with its `_meta` and the headers that must mirror it. */
function modern(id: number, method: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { 'MCP-Protocol-Version': MODERN, 'Mcp-Method': method, ...headers };
  if (method === 'tools/call' && typeof params.name === 'string' && !('Mcp-Name' in headers)) h['Mcp-Name'] = params.name;
  return post(rpc(id, method, { ...params, _meta: META }), h);
}

async function json(res: Response): Promise<any> {
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  return res.json();
}

/** Asserts a JSON-RPC error response: HTTP status, error code, and the id it answers. */
async function expectRpcError(res: Response, status: number, code: number, id: unknown = null) {
  expect(res.status).toBe(status);
  const body = await json(res);
  expect(body.jsonrpc).toBe('2.0');
  expect(body.id).toEqual(id);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

describe('handshake revisions', () => {
  it.each(LEGACY_VERSIONS)('initialize %s: the same version back, tools capability, server info, instructions', async (version) => {
    const res = await post(initialize(version));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: version, capabilities: { tools: {} }, serverInfo: { name: 'faq-search' } } });
    expect(body.result.instructions).toContain('answer_faq');
    // Stateless: no session to resume.
    expect(res.headers.get('Mcp-Session-Id')).toBeNull();
  });

  it('initialize with a version the server does not know offers the newest handshake revision', async () => {
    const body = await json(await post(initialize('2099-01-01')));
    expect(body.result.protocolVersion).toBe(LEGACY_VERSIONS[0]);
  });

  it('notifications (initialized, cancelled) and client responses → 202 without a body', async () => {
    for (const msg of [
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } },
      { jsonrpc: '2.0', id: 'srv-1', result: {} },
    ]) {
      const res = await post(msg, { 'MCP-Protocol-Version': '2025-11-25' });
      expect(res.status).toBe(202);
      expect(await res.text()).toBe('');
    }
  });

  it('tools/list and ping with the negotiated version in MCP-Protocol-Version', async () => {
    const list = await json(await post(rpc(2, 'tools/list'), { 'MCP-Protocol-Version': '2025-06-18' }));
    expect(list.result.tools.map((t: any) => t.name)).toEqual(['answer_faq', 'search_faq', 'get_faq_entry', 'get_provider_contact']);
    expect(list.result.resultType).toBeUndefined();
    expect(await json(await post(rpc(3, 'ping'), { 'MCP-Protocol-Version': '2025-06-18' }))).toEqual({ jsonrpc: '2.0', id: 3, result: {} });
  });

  it('an unsupported MCP-Protocol-Version → 400 naming the supported versions', async () => {
    const error = await expectRpcError(await post(rpc(2, 'tools/list'), { 'MCP-Protocol-Version': '1999-01-01' }), 400, -32022, 2);
    expect(error.data).toEqual({ supported: [...SUPPORTED_VERSIONS], requested: '1999-01-01' });
  });

  it('tools/call answers in the body; an unknown method is a JSON-RPC error with 200', async () => {
    const call = await json(await post(rpc(4, 'tools/call', { name: 'answer_faq', arguments: { query: '汇付天下客服几点上班' } }), { 'MCP-Protocol-Version': '2025-03-26' }));
    expect(call.result.content[0].text).toContain('24小时');
    expect(call.result.structuredContent.answered).toBe(true);
    await expectRpcError(await post(rpc(5, 'resources/list'), { 'MCP-Protocol-Version': '2025-11-25' }), 200, -32601, 5);
  });

  it('without MCP-Protocol-Version (2025-03-26 assumed) a batch is answered as an array; later revisions refuse batches', async () => {
    const batch = [rpc(1, 'tools/list'), { jsonrpc: '2.0', method: 'notifications/initialized' }, rpc('b', 'ping')];
    const res = await post(batch);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.map((r: any) => r.id)).toEqual([1, 'b']);
    expect(body[0].result.tools).toHaveLength(4);
    const onlyNotifications = await post([{ jsonrpc: '2.0', method: 'notifications/initialized' }]);
    expect(onlyNotifications.status).toBe(202);
    await expectRpcError(await post(batch, { 'MCP-Protocol-Version': '2025-06-18' }), 400, -32600);
    await expectRpcError(await post([]), 400, -32600);
    await expectRpcError(await post(Array.from({ length: 11 }, (_, i) => rpc(i, 'ping'))), 400, -32600);
  });
});

describe('stateless revision 2026-07-28', () => {
  it('server/discover: supported versions, capabilities, instructions, resultType, serverInfo and cache hints', async () => {
    const res = await modern(1, 'server/discover');
    expect(res.status).toBe(200);
    const { result } = await json(res);
    expect(result.supportedVersions).toEqual([...SUPPORTED_VERSIONS]);
    expect(result.supportedVersions).toContain(MODERN);
    expect(result.capabilities).toEqual({ tools: {} });
    expect(result.instructions).toContain('get_provider_contact');
    expect(result.resultType).toBe('complete');
    expect(result._meta['io.modelcontextprotocol/serverInfo'].name).toBe('faq-search');
    expect(result).toMatchObject({ ttlMs: 60_000, cacheScope: 'public' });
  });

  it('tools/list and tools/call carry resultType and serverInfo; tools/list its cache hints', async () => {
    const list = (await json(await modern(2, 'tools/list'))).result;
    expect(list.tools).toHaveLength(4);
    expect(list).toMatchObject({ resultType: 'complete', ttlMs: 60_000, cacheScope: 'public' });
    const call = (await json(await modern(3, 'tools/call', { name: 'search_faq', arguments: { query: '退款', limit: 2 } }))).result;
    expect(call.resultType).toBe('complete');
    expect(call.structuredContent.results).toHaveLength(2);
  });

  it('header and body must agree: MCP-Protocol-Version, Mcp-Method, Mcp-Name → 400 HeaderMismatch (-32020)', async () => {
    // _meta names the revision but the header does not.
    await expectRpcError(await post(rpc(1, 'tools/list', { _meta: META }), { 'Mcp-Method': 'tools/list' }), 400, -32020, 1);
    // The header names the revision but the body has no _meta.
    await expectRpcError(await post(rpc(2, 'tools/list'), { 'MCP-Protocol-Version': MODERN, 'Mcp-Method': 'tools/list' }), 400, -32020, 2);
    await expectRpcError(await modern(3, 'tools/list', {}, { 'Mcp-Method': 'tools/call' }), 400, -32020, 3);
    await expectRpcError(await post(rpc(4, 'tools/list', { _meta: META }), { 'MCP-Protocol-Version': MODERN }), 400, -32020, 4);
    await expectRpcError(await modern(5, 'tools/call', { name: 'answer_faq', arguments: { query: '退款' } }, { 'Mcp-Name': 'search_faq' }), 400, -32020, 5);
  });

  it('Mcp-Name may be base64-encoded', async () => {
    const encoded = `=?base64?${btoa('answer_faq')}?=`;
    const res = await modern(6, 'tools/call', { name: 'answer_faq', arguments: { query: '退款' } }, { 'Mcp-Name': encoded });
    expect(res.status).toBe(200);
  });

  it('an unsupported revision → 400 UnsupportedProtocolVersion (-32022) with the supported list', async () => {
    const meta = { ...META, 'io.modelcontextprotocol/protocolVersion': '2027-01-01' };
    const res = await post(rpc(7, 'tools/list', { _meta: meta }), { 'MCP-Protocol-Version': '2027-01-01', 'Mcp-Method': 'tools/list' });
    const error = await expectRpcError(res, 400, -32022, 7);
    expect(error.data).toEqual({ supported: [...SUPPORTED_VERSIONS], requested: '2027-01-01' });
  });

  it('a method the revision does not have → 404 Method not found (-32601)', async () => {
    await expectRpcError(await modern(8, 'ping'), 404, -32601, 8);
    await expectRpcError(await modern(9, 'resources/list'), 404, -32601, 9);
  });
});

describe('transport', () => {
  it.each(['GET', 'DELETE', 'PUT'])('%s /mcp → 405 with Allow: POST, OPTIONS and a JSON-RPC body', async (method) => {
    const res = await app.fetch(new Request('http://localhost/mcp', { method, headers: { Accept: 'text/event-stream' } }), bindings);
    const error = await expectRpcError(res, 405, -32000);
    expect(error.message).toMatch(/POST/);
    expect(res.headers.get('Allow')).toBe('POST, OPTIONS');
  });

  it('OPTIONS (CORS preflight) → 204 allowing POST and the requested headers', async () => {
    const res = await app.fetch(
      new Request('http://localhost/mcp', { method: 'OPTIONS', headers: { Origin: 'https://chat.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, mcp-protocol-version' } }),
      bindings,
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')?.split(/,\s*/)).toEqual(['content-type', 'mcp-protocol-version']);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('an Origin CORS_ORIGIN does not allow → 403; allowed origins and requests without Origin go through', async () => {
    const custom = { ...bindings, CORS_ORIGIN: 'https://chat.example' };
    await expectRpcError(await post(initialize('2025-11-25'), { Origin: 'https://evil.example' }, custom), 403, -32000);
    await expectRpcError(await post(initialize('2025-11-25'), { Origin: 'null' }, custom), 403, -32000);
    expect((await post(initialize('2025-11-25'), { Origin: 'https://chat.example' }, custom)).status).toBe(200);
    expect((await post(initialize('2025-11-25'), {}, custom)).status).toBe(200);
    const list = { ...bindings, CORS_ORIGIN: 'https://a.example, https://chat.example' };
    expect((await post(initialize('2025-11-25'), { Origin: 'https://chat.example' }, list)).status).toBe(200);
    await expectRpcError(await post(initialize('2025-11-25'), { Origin: 'https://evil.example' }, list), 403, -32000);
    // CORS_ORIGIN "*" (the default) lets every page call it.
    expect((await post(initialize('2025-11-25'), { Origin: 'https://evil.example' })).status).toBe(200);
  });

  it('malformed bodies: invalid JSON → 400 -32700, not JSON-RPC → 400 -32600, other media type → 415, too large → 413', async () => {
    await expectRpcError(await post('{"jsonrpc":'), 400, -32700);
    await expectRpcError(await post(''), 400, -32700);
    await expectRpcError(await post({ id: 1, method: 'ping' }), 400, -32600, 1);
    await expectRpcError(await post({ jsonrpc: '2.0', id: null, method: 'ping' }), 400, -32600);
    await expectRpcError(await post({ jsonrpc: '2.0', id: 1 }), 400, -32600, 1);
    await expectRpcError(await post(rpc(1, 'ping'), { 'Content-Type': 'text/plain' }), 415, -32000);
    await expectRpcError(await post(JSON.stringify(rpc(1, 'ping')) + ' '.repeat(70_000)), 413, -32000);
    const params = await post({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: [1] });
    await expectRpcError(params, 200, -32602, 2);
  });

  it('tools/call without a name, with non-object arguments, or of an unknown tool → -32602', async () => {
    await expectRpcError(await post(rpc(1, 'tools/call', {})), 200, -32602, 1);
    await expectRpcError(await post(rpc(2, 'tools/call', { name: 'answer_faq', arguments: 'q' })), 200, -32602, 2);
    const error = await expectRpcError(await post(rpc(3, 'tools/call', { name: '__proto__' })), 200, -32602, 3);
    expect(error.message).toContain('Unknown tool');
  });

  it('is rate limited like every route: per client IP, 429 with Retry-After and a JSON-RPC body', async () => {
    const keys: string[] = [];
    let success = true;
    const RATE_LIMITER = { limit: async ({ key }: { key: string }) => (keys.push(key), { success }) };
    const custom = { ...bindings, RATE_LIMITER, RATE_LIMIT_PERIOD: '10' };
    expect((await post(initialize('2025-11-25'), { 'CF-Connecting-IP': '192.0.2.7' }, custom)).status).toBe(200);
    expect(keys).toEqual(['192.0.2.7']);
    success = false;
    const res = await post(rpc(2, 'tools/list'), { 'CF-Connecting-IP': '192.0.2.7' }, custom);
    const error = await expectRpcError(res, 429, -32000);
    expect(error.message).toMatch(/Too many requests/);
    expect(res.headers.get('Retry-After')).toBe('10');
    // A preflight is never counted.
    const preflight = await app.fetch(new Request('http://localhost/mcp', { method: 'OPTIONS', headers: { 'CF-Connecting-IP': '192.0.2.7' } }), custom);
    expect(preflight.status).toBe(204);
  });

  it('nothing a client sends produces a 5xx', async () => {
    const hostile: unknown[] = [
      'null',
      '[null]',
      '"text"',
      '123',
      { jsonrpc: '2.0', id: {}, method: 'ping' },
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_faq', arguments: { query: '退款', limit: 1e300 } } },
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_faq_entry', arguments: { id: 'x'.repeat(10_000) } } },
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'answer_faq', arguments: { query: '😀'.repeat(300), provider: ['a'] } } },
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 5 } },
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': 7 } } },
      '\uFEFF{"jsonrpc":"2.0","id":1,"method":"ping"}',
    ];
    for (const body of hostile) {
      const res = await post(body, { 'Mcp-Name': '=?base64?!!!?=' });
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      if (res.status === 202) continue;
      const answer = await json(res);
      for (const r of Array.isArray(answer) ? answer : [answer]) expect(r.jsonrpc, JSON.stringify(body)).toBe('2.0');
    }
  });

  it('the Worker entry serves /mcp (wiring)', async () => {
    const worker = (exports as unknown as { default: { fetch(r: Request): Promise<Response> } }).default;
    const res = await worker.fetch(new Request('http://localhost/mcp', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(initialize('2025-11-25')) }));
    expect(res.status).toBe(200);
    expect((await res.json()) as any).toMatchObject({ result: { serverInfo: { name: 'faq-search' } } });
  });
});
