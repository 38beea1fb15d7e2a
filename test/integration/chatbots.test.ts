/**
 * @module Chatbot clients against `wrangler dev` (workerd, the real rate-limit bindings): the official MCP SDK
 * clients (v1, and v2 on the stateless 2026-07-28 revision) and a Dify-shaped retrieval, with an API key configured
 * and anonymous access open, and CORS_ORIGIN naming one origin so a foreign page is refused.
 */
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type DevServer } from '../../scripts/lib/wrangler-dev';

const KEY = 'integration-key-0123456789abcdef';
const PAGE = 'https://chat.example';

let server: DevServer | undefined;
let base = '';

beforeAll(async () => {
  server = await startWranglerDev({ vars: { API_KEYS: JSON.stringify([{ name: 'integration', key: KEY }]), ANONYMOUS_ACCESS: 'open', CORS_ORIGIN: PAGE } });
  base = server.url;
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

interface AnyClient {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<any>;
  close(): Promise<void>;
}

async function connect(kind: 'v1' | 'v2-2026', headers: Record<string, string> = {}): Promise<AnyClient> {
  const info = { name: 'integration-test', version: '1.0.0' };
  const url = new URL(`${base}/mcp`);
  if (kind === 'v1') {
    const client = new ClientV1(info);
    await client.connect(new TransportV1(url, { requestInit: { headers } }));
    return client as unknown as AnyClient;
  }
  const client = new ClientV2(info, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(new TransportV2(url, { requestInit: { headers } }));
  return client as unknown as AnyClient;
}

describe.each([
  ['v1', {}],
  ['v2-2026', { Authorization: `Bearer ${KEY}` }],
] as const)('MCP SDK client %s under wrangler dev', (kind, headers) => {
  let client: AnyClient;
  beforeAll(async () => {
    client = await connect(kind, headers);
  }, 30_000);
  afterAll(async () => {
    await client?.close();
  });

  it('lists the tools and calls each', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['answer_faq', 'get_faq_entry', 'get_provider_contact', 'search_faq']);
    const answer = await client.callTool({ name: 'answer_faq', arguments: { query: '汇付天下客服几点上班' } });
    expect(answer.structuredContent).toMatchObject({ answered: true, provider: { id: 'huifu' } });
    expect(answer.content[0].text).toContain('24小时');
    const search = await client.callTool({ name: 'search_faq', arguments: { query: '退款', limit: 2 } });
    expect(search.structuredContent.results).toHaveLength(2);
    const entry = await client.callTool({ name: 'get_faq_entry', arguments: { id: search.structuredContent.results[0].id } });
    expect(entry.structuredContent.url).toBe(`${base}/?entry=${search.structuredContent.results[0].id}`);
    const contact = await client.callTool({ name: 'get_provider_contact', arguments: { provider: 'topay' } });
    expect(contact.structuredContent.provider.id).toBe('topay');
  });

  it('an off-topic question, bad arguments and an unknown tool', async () => {
    const offTopic = await client.callTool({ name: 'answer_faq', arguments: { query: '考研报名' } });
    expect(offTopic.isError).toBeFalsy();
    expect(offTopic.structuredContent.answered).toBe(false);
    const bad = await client.callTool({ name: 'search_faq', arguments: { query: '退款', limit: 0 } });
    expect(bad.isError).toBe(true);
    expect(bad.content[0].text).toMatch(/limit must be a whole number/);
    await expect(client.callTool({ name: 'delete_everything', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });
});

describe('transport under wrangler dev', () => {
  it('GET /mcp → 405; a foreign Origin → 403; the allowed page is served', async () => {
    const get = await fetch(`${base}/mcp`, { headers: { Accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    const init = (origin: string) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Origin: origin },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
    });
    const foreign = await fetch(`${base}/mcp`, init('https://evil.example'));
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).error.code).toBe(-32000);
    const page = await fetch(`${base}/mcp`, init(PAGE));
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBe(PAGE);
  });
});

describe('Dify under wrangler dev', () => {
  const retrieval = (authorization: string, body: unknown) =>
    fetch(`${base}/v1/dify/retrieval`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: authorization }, body: JSON.stringify(body) });

  it("Dify's documented request shape with the configured key: records; a wrong key: 1002", async () => {
    const body = { knowledge_id: 'all', query: 'Topay密码找回步骤', retrieval_setting: { top_k: 2, score_threshold: 0.5 } };
    const ok = await retrieval(`Bearer ${KEY}`, body);
    expect(ok.status).toBe(200);
    const { records } = (await ok.json()) as any;
    expect(records[0]).toMatchObject({ title: '密码忘记了怎么办?', metadata: { id: 'topay-password', url: `${base}/?entry=topay-password` } });
    const wrong = await retrieval('Bearer not-the-key-0123456789abcdef', body);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error_code: 1002 });
  });
});
