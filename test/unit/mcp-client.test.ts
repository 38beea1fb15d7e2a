/**
 * @module The official MCP SDK clients against the app in process (their `fetch` option calls app.fetch): the v1
 * client (`@modelcontextprotocol/sdk`, 2025-11-25 handshake), the v2 client (`@modelcontextprotocol/client`) with its
 * default handshake and pinned to the stateless 2026-07-28 revision (`server/discover`), each listing and calling
 * every tool as a chatbot host would.
 */
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type Env } from '../../src/app';
import { SearchEngine } from '../../src/search/engine';
import { loadArtifact } from '../eval/systems';

const engine = new SearchEngine(loadArtifact());
const app = createApp(engine);
const URL_MCP = new URL('http://faq.test/mcp');

/** Every request the clients send, for checks on the wire (method, headers), and the status it got. */
let sent: Request[] = [];
let statuses: number[] = [];
const fetchWith =
  (env: Env = {}) =>
  async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    sent.push(req.clone());
    const res = await app.fetch(req, env);
    statuses.push(res.status);
    return res;
  };

/** The surface the tests use, common to both clients. */
interface AnyClient {
  listTools(): Promise<{ tools: { name: string; inputSchema: any; outputSchema?: any; annotations?: any; description?: string }[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<any>;
  getServerVersion(): { name: string } | undefined;
  close(): Promise<void>;
}

type Kind = 'v1 (2025-11-25 handshake)' | 'v2 (handshake)' | 'v2 (2026-07-28, server/discover)';

async function connect(kind: Kind, env?: Env): Promise<AnyClient> {
  const info = { name: 'faq-test', version: '1.0.0' };
  if (kind.startsWith('v1')) {
    const client = new ClientV1(info);
    await client.connect(new TransportV1(URL_MCP, { fetch: fetchWith(env) }));
    return client as unknown as AnyClient;
  }
  const options = kind.includes('2026') ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {};
  const client = new ClientV2(info, options);
  await client.connect(new TransportV2(URL_MCP, { fetch: fetchWith(env) }));
  return client as unknown as AnyClient;
}

const clients: AnyClient[] = [];
afterEach(async () => {
  while (clients.length) await clients.pop()!.close();
  sent = [];
  statuses = [];
});

const KINDS: Kind[] = ['v1 (2025-11-25 handshake)', 'v2 (handshake)', 'v2 (2026-07-28, server/discover)'];

describe.each(KINDS)('MCP SDK client %s', (kind) => {
  // As a host does, the tools are listed first: the clients then check every structuredContent against the tool's
  // outputSchema (a mismatch rejects the call).
  const open = async (env?: Env) => {
    const c = await connect(kind, env);
    clients.push(c);
    await c.listTools();
    return c;
  };

  it('connects and lists the four read-only tools with schemas and bilingual descriptions', async () => {
    const client = await open();
    expect(client.getServerVersion()?.name).toBe('faq-search');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['answer_faq', 'get_faq_entry', 'get_provider_contact', 'search_faq']);
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      expect(t.inputSchema.type, t.name).toBe('object');
      expect(t.outputSchema?.type, t.name).toBe('object');
      expect(t.description, t.name).toMatch(/[\u4e00-\u9fff]/);
      expect(t.description, t.name).toMatch(/[A-Za-z]{4,} [A-Za-z]{2,}/);
    }
    const answer = tools.find((t) => t.name === 'answer_faq')!;
    expect(answer.inputSchema.required).toEqual(['query']);
    expect(answer.inputSchema.properties.provider.enum).toEqual([...engine.providers.keys()]);
  });

  it('answer_faq: the ready text and structured content (answered, confidence, entry, provider, contact)', async () => {
    const client = await open();
    const result = await client.callTool({ name: 'answer_faq', arguments: { query: 'Topay密码找回步骤' } });
    expect(result.isError).toBeFalsy();
    expect(result.content[0].type).toBe('text');
    expect(result.content[0].text).toContain('1. ');
    expect(result.content[0].text.split('\n').at(-1)).toMatch(/^如需人工帮助/);
    expect(result.structuredContent).toMatchObject({ answered: true, entryId: 'topay-password', provider: { id: 'topay' }, url: 'http://faq.test/?entry=topay-password' });
    expect(result.structuredContent.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('answer_faq: an off-topic question is an honest no, not an error', async () => {
    const client = await open();
    const result = await client.callTool({ name: 'answer_faq', arguments: { query: '打车软件怎么用' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ answered: false, entryId: null });
    expect(result.content[0].text).toMatch(/^抱歉，资料中没有找到/);
  });

  it('search_faq, get_faq_entry and get_provider_contact', async () => {
    const client = await open();
    const search = await client.callTool({ name: 'search_faq', arguments: { query: '退款', limit: 3, category: 'refund' } });
    expect(search.isError).toBeFalsy();
    expect(search.structuredContent.results).toHaveLength(3);
    for (const r of search.structuredContent.results) expect(r.category).toBe('refund');
    const id = search.structuredContent.results[0].id;
    expect(search.content[0].text).toContain(`id: ${id}`);

    const entry = await client.callTool({ name: 'get_faq_entry', arguments: { id } });
    expect(entry.isError).toBeFalsy();
    expect(entry.structuredContent).toMatchObject({ id, category: 'refund' });
    expect(entry.content[0].text.split('\n')[0]).toBe(entry.structuredContent.question);

    const contact = await client.callTool({ name: 'get_provider_contact', arguments: { provider: 'huifu' } });
    expect(contact.isError).toBeFalsy();
    expect(contact.structuredContent.provider).toEqual({ id: 'huifu', name: '汇付天下' });
    expect(contact.content[0].text).toContain('24小时');
  });

  it('bad arguments are isError results with a clear message', async () => {
    const client = await open();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['answer_faq', {}, /query is required/],
      ['answer_faq', { query: '   ' }, /query must not be empty/],
      ['answer_faq', { query: 42 }, /query must be a string/],
      ['answer_faq', { query: '退款', provider: 'nope' }, /Unknown provider "nope"\. Valid ids: allinpay/],
      ['search_faq', { query: '退款', limit: 50 }, /limit must be a whole number from 1 to 20/],
      ['search_faq', { query: '退款', category: 'nope' }, /category must be one of/],
      ['get_faq_entry', { id: 'nope' }, /No entry with id "nope"/],
      ['get_provider_contact', {}, /provider is required/],
    ];
    for (const [name, args, message] of cases) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(result.content[0].text).toMatch(message);
    }
  });

  it('an unknown tool is a JSON-RPC error (-32602)', async () => {
    const client = await open();
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/Unknown tool: nope/);
  });

  it('with a key configured, the client sends it as a Bearer token on every request', async () => {
    const counted: string[] = [];
    const KEY_RATE_LIMITER_6000 = { limit: async ({ key }: { key: string }) => (counted.push(key), { success: true }) };
    const env: Env = { API_KEYS: JSON.stringify([{ name: 'bot', key: 'k'.repeat(32) }]), ANONYMOUS_ACCESS: 'closed', KEY_RATE_LIMITER_6000 };
    await expect(connect(kind, env)).rejects.toThrow();
    const info = { name: 'faq-test', version: '1.0.0' };
    const requestInit = { headers: { Authorization: `Bearer ${'k'.repeat(32)}` } };
    const client = kind.startsWith('v1')
      ? new ClientV1(info)
      : new ClientV2(info, kind.includes('2026') ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {});
    sent = [];
    await client.connect(
      kind.startsWith('v1')
        ? new TransportV1(URL_MCP, { fetch: fetchWith(env), requestInit })
        : (new TransportV2(URL_MCP, { fetch: fetchWith(env), requestInit }) as any),
    );
    clients.push(client as unknown as AnyClient);
    const result = await (client as unknown as AnyClient).callTool({ name: 'answer_faq', arguments: { query: '汇付天下客服几点上班' } });
    expect(result.isError).toBeFalsy();
    const posts = sent.filter((r) => r.method === 'POST');
    expect(posts.every((r) => r.headers.get('authorization') === requestInit.headers.Authorization)).toBe(true);
    // Every request of the keyed client counted against its key, none per IP.
    expect(counted.length).toBeGreaterThanOrEqual(posts.length);
    expect(new Set(counted)).toEqual(new Set(['key:bot']));
  });
});

describe('what the clients send', () => {
  it('v2 pinned to 2026-07-28 sends per-request _meta with the matching MCP-Protocol-Version and Mcp-Method headers', async () => {
    const client = await connect('v2 (2026-07-28, server/discover)');
    clients.push(client);
    await client.listTools();
    await client.callTool({ name: 'answer_faq', arguments: { query: '退款' } });
    const posts = sent.filter((r) => r.method === 'POST');
    const bodies = await Promise.all(posts.map((r) => r.clone().json() as Promise<any>));
    expect(bodies.map((b) => b.method)).toEqual(['server/discover', 'tools/list', 'tools/call']);
    expect(posts[2].headers.get('mcp-name')).toBe('answer_faq');
    for (const [i, b] of bodies.entries()) {
      expect(b.params._meta['io.modelcontextprotocol/protocolVersion']).toBe('2026-07-28');
      expect(posts[i].headers.get('mcp-protocol-version')).toBe('2026-07-28');
      expect(posts[i].headers.get('mcp-method')).toBe(b.method);
    }
  });

  it('v1 negotiates 2025-11-25 and then sends it in MCP-Protocol-Version; its GET stream is refused with 405', async () => {
    const client = await connect('v1 (2025-11-25 handshake)');
    clients.push(client);
    await client.listTools();
    const init = (await sent[0].clone().json()) as any;
    expect(init.method).toBe('initialize');
    expect(init.params.protocolVersion).toBe('2025-11-25');
    const later = sent.filter((r) => r.method === 'POST').slice(1);
    expect(later.length).toBeGreaterThan(0);
    for (const r of later) expect(r.headers.get('mcp-protocol-version')).toBe('2025-11-25');
    // The v1 transport opens its server stream after initializing; a 405 tells it there is none.
    const get = sent.findIndex((r) => r.method === 'GET');
    expect(get).toBeGreaterThan(0);
    expect(statuses[get]).toBe(405);
  });
});
