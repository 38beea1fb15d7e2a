/**
 * @module Route tests inside workerd for POST /v1/dify/retrieval against Dify's External Knowledge API: the
 * documented example request, records and their scores, knowledge_id, top_k, score_threshold and
 * metadata_condition, and errors in Dify's `{ error_code, error_msg }` shape.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { SearchEngine } from '../../src/search/engine';

const artifact = parseArtifact(artifactText);
const bindings = env as unknown as Env;
const app = createApp(new SearchEngine(artifact));
const GENERAL = artifact.providers.find((p) => p.general)!.id;

/** The request body of Dify's documentation (External Knowledge API, "Request Syntax"), verbatim. */
const DOCUMENTED_EXAMPLE = {
  knowledge_id: 'your-knowledge-id',
  query: 'your question',
  retrieval_setting: {
    top_k: 2,
    score_threshold: 0.5,
  },
};

function retrieval(body: unknown, headers: Record<string, string> = {}, custom: Env = bindings): Promise<Response> {
  // A header given as '' is left out (as Dify's endpoint check sends no Content-Type).
  const all = { 'Content-Type': 'application/json', Authorization: 'Bearer your-api-key', ...headers };
  const init: RequestInit = { method: 'POST', headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== '')) };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  return Promise.resolve(app.fetch(new Request('https://faq.example/v1/dify/retrieval', init), custom));
}

const ask = (query: string, setting: Record<string, unknown> = { top_k: 5, score_threshold: 0 }, extra: Record<string, unknown> = {}) =>
  retrieval({ knowledge_id: 'all', query, retrieval_setting: setting, ...extra });

async function records(res: Response): Promise<any[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  const body: any = await res.json();
  expect(Object.keys(body)).toEqual(['records']);
  return body.records;
}

/** Asserts a Dify-shaped error: status, error_code and a message. */
async function expectDifyError(res: Response, status: number, errorCode: number): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
  const body: any = await res.json();
  expect(Object.keys(body).sort()).toEqual(['error_code', 'error_msg']);
  expect(body.error_code).toBe(errorCode);
  expect(typeof body.error_msg).toBe('string');
  return body.error_msg;
}

describe('Dify contract', () => {
  it("the documented example request: its knowledge_id is a placeholder, answered with Dify's 2001 (404)", async () => {
    const message = await expectDifyError(await retrieval(DOCUMENTED_EXAMPLE), 404, 2001);
    expect(message).toContain('your-knowledge-id');
    expect(message).toContain('all');
  });

  it('the documented example with a real knowledge_id and question: records of content, score, title, metadata', async () => {
    const list = await records(await retrieval({ ...DOCUMENTED_EXAMPLE, knowledge_id: 'all', query: 'Topay密码找回步骤' }));
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(2);
    for (const r of list) {
      expect(Object.keys(r).sort()).toEqual(['content', 'metadata', 'score', 'title']);
      expect(r.score).toBeGreaterThanOrEqual(0.5);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.metadata).not.toBeNull();
      expect(r.content.split('\n')[0]).toBe(r.title);
    }
    const [best] = list;
    expect(best.title).toBe('密码忘记了怎么办?');
    expect(best.content).toMatch(/\n1\. 进入找回密码页面：/);
    expect(best.content).toMatch(/\n4\. 设置新密码：/);
    expect(best.metadata).toEqual({
      id: 'topay-password',
      provider: 'topay',
      provider_name: 'Topay',
      category: 'password',
      source: expect.stringMatching(/^[\w.]+\.txt#\d+-\d+$/),
      url: 'https://faq.example/?entry=topay-password',
    });
  });

  it("Dify's endpoint check when the API is registered (POST without a body) gets neither 404, 403 nor 502", async () => {
    const res = await retrieval(undefined, { 'Content-Type': '' });
    expect([404, 403, 502]).not.toContain(res.status);
    await expectDifyError(res, 400, 400);
  });
});

describe('scores, top_k and score_threshold', () => {
  it('the best record scores what /v1/answer reports as confidence; the others less, in rank order', async () => {
    const question = '通联支付退款要几天';
    const list = await records(await ask(question, { top_k: 5, score_threshold: 0 }));
    const answer: any = await (await app.fetch(new Request(`http://x/v1/answer?q=${encodeURIComponent(question)}`), bindings)).json();
    expect(list[0].score).toBe(answer.confidence);
    expect(list[0].metadata.id).toBe(answer.answer.id);
    for (let i = 1; i < list.length; i++) expect(list[i].score).toBeLessThanOrEqual(list[i - 1].score);
  });

  it('score_threshold drops weaker records; an off-topic question above 0.5 has none (200, records: [])', async () => {
    const all = await records(await ask('退款', { top_k: 10, score_threshold: 0 }));
    const strong = await records(await ask('退款', { top_k: 10, score_threshold: all[0].score }));
    expect(strong.length).toBeGreaterThan(0);
    expect(strong.length).toBeLessThan(all.length);
    for (const r of strong) expect(r.score).toBeGreaterThanOrEqual(all[0].score);
    expect(await records(await ask('打车软件怎么用', { top_k: 5, score_threshold: 0.5 }))).toEqual([]);
  });

  it('top_k is clamped to 1..20; missing or null settings take the defaults', async () => {
    expect(await records(await ask('支付', { top_k: 0, score_threshold: 0 }))).toHaveLength(1);
    expect((await records(await ask('支付', { top_k: 1000, score_threshold: 0 }))).length).toBeLessThanOrEqual(20);
    expect((await records(await ask('支付', { top_k: 2.9, score_threshold: -1 }))).length).toBe(2);
    expect((await records(await ask('支付', { top_k: null, score_threshold: null }))).length).toBeLessThanOrEqual(5);
    expect((await records(await retrieval({ knowledge_id: 'all', query: '支付' }))).length).toBeLessThanOrEqual(5);
  });
});

describe('knowledge_id', () => {
  it('a provider id keeps to that provider and the general guidance; all, default and empty search everything', async () => {
    const huifu = await records(await retrieval({ knowledge_id: 'huifu', query: '退款', retrieval_setting: { top_k: 20, score_threshold: 0 } }));
    expect(huifu.length).toBeGreaterThan(0);
    for (const r of huifu) expect(['huifu', GENERAL]).toContain(r.metadata.provider);
    const everywhere = (id: string) => retrieval({ knowledge_id: id, query: '退款', retrieval_setting: { top_k: 20, score_threshold: 0 } });
    const all = await records(await everywhere('all'));
    expect(new Set(all.map((r) => r.metadata.provider)).size).toBeGreaterThan(2);
    expect(await records(await everywhere('default'))).toEqual(all);
    expect(await records(await everywhere(''))).toEqual(all);
  });
});

describe('metadata_condition', () => {
  const filtered = (condition: unknown) => ask('退款', { top_k: 20, score_threshold: 0 }, { metadata_condition: condition });

  it('filters records on their metadata: is, in, not contains, start with; and / or', async () => {
    const refunds = await records(await filtered({ logical_operator: 'and', conditions: [{ name: 'category', comparison_operator: 'is', value: 'refund' }] }));
    expect(refunds.length).toBeGreaterThan(1);
    for (const r of refunds) expect(r.metadata.category).toBe('refund');
    const two = await records(await filtered({ conditions: [{ name: ['provider'], comparison_operator: 'in', value: ['topay', 'huifu'] }] }));
    expect(two.length).toBeGreaterThan(0);
    for (const r of two) expect(['topay', 'huifu']).toContain(r.metadata.provider);
    const either = await records(
      await filtered({
        logical_operator: 'or',
        conditions: [
          { name: 'provider', comparison_operator: 'is', value: 'topay' },
          { name: 'id', comparison_operator: 'start with', value: 'huifu-' },
        ],
      }),
    );
    for (const r of either) expect(['topay', 'huifu']).toContain(r.metadata.provider);
    const notTopay = await records(await filtered({ conditions: [{ name: 'provider', comparison_operator: 'not contains', value: 'topay' }] }));
    expect(notTopay.some((r) => r.metadata.provider === 'topay')).toBe(false);
    expect(await records(await filtered({ conditions: [{ name: 'provider', comparison_operator: 'empty' }] }))).toEqual([]);
  });

  it('an unsupported operator or a malformed condition → 400', async () => {
    await expectDifyError(await filtered({ conditions: [{ name: 'category', comparison_operator: 'resembles', value: 'x' }] }), 400, 400);
    await expectDifyError(await filtered({ conditions: 'category=refund' }), 400, 400);
    await expectDifyError(await filtered({ logical_operator: 'xor', conditions: [] }), 400, 400);
  });
});

describe('errors', () => {
  it('malformed JSON, a body that is not an object, a missing or empty query → 400', async () => {
    await expectDifyError(await retrieval('{"knowledge_id":'), 400, 400);
    await expectDifyError(await retrieval('[1,2]'), 400, 400);
    await expectDifyError(await retrieval({ knowledge_id: 'all' }), 400, 400);
    expect(await expectDifyError(await retrieval({ knowledge_id: 'all', query: '  ' }), 400, 400)).toMatch(/^query/);
    await expectDifyError(await retrieval({ knowledge_id: 'all', query: '退款', retrieval_setting: { top_k: 'five' } }), 400, 400);
    await expectDifyError(await retrieval({ knowledge_id: 'all', query: '退款' }, { 'Content-Type': 'text/plain' }), 415, 415);
  });

  it('GET → 405 in the same shape', async () => {
    const res = await app.fetch(new Request('http://x/v1/dify/retrieval'), bindings);
    await expectDifyError(res, 405, 405);
    expect(res.headers.get('Allow')).toBe('POST, OPTIONS');
  });

  it('with no keys configured, any Bearer value (or none) is accepted, as a local Dify test sends', async () => {
    expect((await retrieval({ knowledge_id: 'all', query: '退款' }, { Authorization: 'Bearer anything-at-all' })).status).toBe(200);
    expect((await retrieval({ knowledge_id: 'all', query: '退款' }, { Authorization: 'Basic abc' })).status).toBe(200);
  });

  it('with keys configured: malformed Authorization → 1001 (401), a wrong key → 1002 (403), the right key → records', async () => {
    const key = 'dify-test-key-0123456789abcdef';
    const custom: Env = { ...bindings, API_KEYS: JSON.stringify([{ name: 'dify', key }]) };
    await expectDifyError(await retrieval({ knowledge_id: 'all', query: '退款' }, { Authorization: 'Token abc' }, custom), 401, 1001);
    await expectDifyError(await retrieval({ knowledge_id: 'all', query: '退款' }, { Authorization: 'Bearer wrong-key-0123456789abcdefgh' }, custom), 403, 1002);
    expect((await records(await retrieval({ knowledge_id: 'all', query: '退款' }, { Authorization: `Bearer ${key}` }, custom))).length).toBeGreaterThan(0);
    // Registering the endpoint in Dify with a wrong key fails its check (403), with the right key it passes.
    expect((await retrieval(undefined, { Authorization: 'Bearer wrong-key-0123456789abcdefgh', 'Content-Type': '' }, custom)).status).toBe(403);
    expect((await retrieval(undefined, { Authorization: `Bearer ${key}`, 'Content-Type': '' }, custom)).status).toBe(400);
  });

  it('rate limited like every route, in the same shape', async () => {
    const RATE_LIMITER = { limit: async () => ({ success: false }) };
    const res = await retrieval({ knowledge_id: 'all', query: '退款' }, { 'CF-Connecting-IP': '192.0.2.9' }, { ...bindings, RATE_LIMITER });
    await expectDifyError(res, 429, 429);
    expect(res.headers.get('Retry-After')).toBe('60');
  });
});
