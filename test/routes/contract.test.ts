/** @module Route tests inside workerd: every route, field, parameter rule and error of the public contract (docs/api.md). */
import { describe, expect, it } from 'vitest';
import artifactJson from '../../src/generated/artifact.txt';
import { createApp } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { MAX_LIMIT, MAX_QUERY_LENGTH } from '../../src/http/schemas';
import { CATEGORIES } from '../../src/model';
import { SearchEngine } from '../../src/search/engine';
import { call, getJson } from './worker';

const artifact = parseArtifact(artifactJson);
const PROVIDER_IDS = artifact.providers.map((p) => p.id);
const GENERAL_ID = artifact.providers.find((p) => p.general)!.id;
const DOCS = new Set(artifact.sources.map((s) => s.doc));
const CHANNEL_TYPES = ['phone', 'online_chat', 'email', 'app', 'website', 'wechat', 'weibo'];
const ENTRY_KEYS = ['answer', 'category', 'id', 'provider', 'question', 'source', 'steps'];
const RESULT_KEYS = [...ENTRY_KEYS, 'highlights', 'score', 'snippet'].sort();
const SEARCH_KEYS = ['category', 'contact', 'normalized', 'provider', 'query', 'results', 'terms', 'tookMs'];
const ANSWER_KEYS = ['alternatives', 'answer', 'answered', 'citations', 'confidence', 'contact', 'kind', 'provider', 'query', 'text'];

/** `/v1/search` (or another route) with `q` URL-encoded and the other parameters appended. */
function url(route: string, q: string | undefined, params: Record<string, string | number> = {}): string {
  const parts = q === undefined ? [] : [`q=${encodeURIComponent(q)}`];
  for (const [k, v] of Object.entries(params)) parts.push(`${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${route}?${parts.join('&')}` : route;
}
const search = (q: string | undefined, params?: Record<string, string | number>) => getJson(url('/v1/search', q, params));
const answer = (q: string | undefined, params?: Record<string, string | number>) => getJson(url('/v1/answer', q, params));

const isInt = (n: unknown) => typeof n === 'number' && Number.isInteger(n);

function expectSpan(span: any): void {
  expect(Object.keys(span).sort()).toEqual(['doc', 'end', 'start']);
  expect(DOCS.has(span.doc)).toBe(true);
  expect(isInt(span.start) && isInt(span.end)).toBe(true);
  expect(span.start).toBeGreaterThanOrEqual(0);
  expect(span.end).toBeGreaterThan(span.start);
}

function expectProviderRef(ref: any): void {
  expect(Object.keys(ref).sort()).toEqual(['id', 'name']);
  expect(PROVIDER_IDS).toContain(ref.id);
  expect(ref.name).toBe(artifact.providers.find((p) => p.id === ref.id)!.name);
}

function expectStatement(s: any): void {
  expect(typeof s.text).toBe('string');
  expect(s.text.length).toBeGreaterThan(0);
  expectSpan(s.source);
  if ('general' in s) expect(typeof s.general).toBe('boolean');
}

function expectContact(c: any): void {
  expectProviderRef(c.provider);
  expect(typeof c.name).toBe('string');
  expect(typeof c.general).toBe('boolean');
  if (c.hours !== null) {
    expectStatement(c.hours);
    expect(typeof c.hours.value).toBe('string');
    expect(c.hours.text).toContain(c.hours.value);
    expect(typeof c.hours.reading.allDay).toBe('boolean');
  }
  expect(Array.isArray(c.channels)).toBe(true);
  for (const ch of c.channels) {
    expect(CHANNEL_TYPES).toContain(ch.type);
    expect(typeof ch.how).toBe('string');
    // The contract shows "value" on every channel: the value as the source states it, or null.
    expect(ch.value === null || typeof ch.value === 'string').toBe(true);
    if (ch.href !== undefined) expect(ch.href).toMatch(/^(?:tel:|mailto:|https?:\/\/)/);
    expectSpan(ch.source);
  }
  expect(Array.isArray(c.thirdParty)).toBe(true);
  for (const t of c.thirdParty) {
    expect(CHANNEL_TYPES).toContain(t.type);
    expect(typeof t.value).toBe('string');
    expectSpan(t.source);
  }
  for (const key of ['prepare', 'escalation', 'safety', 'steps']) {
    expect(Array.isArray(c[key])).toBe(true);
    for (const s of c[key]) expectStatement(s);
  }
  for (const s of c.steps) expect(typeof s.title).toBe('string');
}

/** An entry as GET /v1/entries/:id returns it (also the query-independent part of a result). */
function expectEntry(e: any): void {
  expect(typeof e.id).toBe('string');
  expect(artifact.entries.some((x) => x.id === e.id)).toBe(true);
  expectProviderRef(e.provider);
  expect(CATEGORIES).toContain(e.category);
  expect(typeof e.question).toBe('string');
  expect(e.question.length).toBeGreaterThan(0);
  expect(typeof e.answer).toBe('string');
  expect(e.answer.length).toBeGreaterThan(0);
  expect(Array.isArray(e.steps)).toBe(true);
  for (const s of e.steps) {
    expect(typeof s.title).toBe('string');
    expect(typeof s.text).toBe('string');
    expect(s.text.length).toBeGreaterThan(0);
    expectSpan(s.source);
  }
  // The entry's own span also names its source's title (for a page that shows the passage).
  const { title, ...span } = e.source;
  expect(title === null || typeof title === 'string').toBe(true);
  expectSpan(span);
}

function expectResult(r: any, extra: string[] = []): void {
  expect(Object.keys(r).sort()).toEqual([...RESULT_KEYS, ...extra].sort());
  expectEntry(r);
  expect(typeof r.snippet).toBe('string');
  expect(r.snippet.length).toBeGreaterThan(0);
  expect(Array.isArray(r.highlights)).toBe(true);
  let previousEnd = 0;
  for (const h of r.highlights) {
    expect(h).toHaveLength(2);
    const [start, end] = h;
    expect(isInt(start) && isInt(end)).toBe(true);
    expect(start).toBeGreaterThanOrEqual(previousEnd);
    expect(start).toBeLessThan(end);
    expect(end).toBeLessThanOrEqual(r.snippet.length);
    previousEnd = end;
  }
  expect(typeof r.score).toBe('number');
  expect(Number.isFinite(r.score)).toBe(true);
  expect(r.score).toBeGreaterThan(0);
}

function expectSearchBody(b: any): void {
  expect(Object.keys(b).sort()).toEqual(SEARCH_KEYS);
  expect(typeof b.query).toBe('string');
  expect(typeof b.normalized).toBe('string');
  expect(Array.isArray(b.terms)).toBe(true);
  for (const t of b.terms) expect(typeof t).toBe('string');
  if (b.provider !== null) expectProviderRef(b.provider);
  if (b.category !== null) expect(CATEGORIES).toContain(b.category);
  expect(Array.isArray(b.results)).toBe(true);
  for (const r of b.results) expectResult(r);
  if (b.contact !== null) expectContact(b.contact);
  expect(typeof b.tookMs).toBe('number');
  expect(b.tookMs).toBeGreaterThanOrEqual(0);
}

function expectAnswerBody(b: any): void {
  expect(Object.keys(b).sort()).toEqual(ANSWER_KEYS);
  expect(typeof b.query).toBe('string');
  expect(typeof b.answered).toBe('boolean');
  expect(typeof b.confidence).toBe('number');
  expect(b.confidence).toBeGreaterThanOrEqual(0);
  expect(b.confidence).toBeLessThanOrEqual(1);
  if (b.answered) expectResult(b.answer);
  else expect(b.answer).toBeNull();
  expect(Array.isArray(b.alternatives)).toBe(true);
  expect(b.alternatives.length).toBeLessThanOrEqual(2);
  for (const r of b.alternatives) {
    expectResult(r, ['otherProvider']);
    expect(typeof r.otherProvider).toBe('boolean');
  }
  if (b.provider !== null) expectProviderRef(b.provider);
  expect(b.kind).toBe(b.answered ? (b.kind === 'contact' ? 'contact' : 'entry') : 'none');
  expect(Array.isArray(b.citations)).toBe(true);
  for (const s of b.citations) expectStatement(s);
  if (b.kind !== 'contact') expect(b.citations).toEqual([]);
  if (b.answer) expect(b.alternatives.map((r: any) => r.id)).not.toContain(b.answer.id);
  if (b.contact !== null) expectContact(b.contact);
  expect(typeof b.text).toBe('string');
  expect(b.text.trim().length).toBeGreaterThan(0);
  // The ready-to-send text always closes with how to reach a human.
  expect(b.text.split('\n').at(-1)).toMatch(/^如需人工帮助.*联系.*。$/);
}

/** Asserts an error response: status, JSON content type and `{ error: { code, message } }`. */
async function expectError(path: string, status: number, code: string, init?: RequestInit) {
  const res = await call(path, init);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body: any = await res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return { res, body };
}

const ids = (b: any): string[] => b.results.map((r: any) => r.id);

describe('product "done when" checks', () => {
  it('通联支付退款要几天 → allinpay-refund first, allinpay contact', async () => {
    const { status, body } = await search('通联支付退款要几天');
    expect(status).toBe(200);
    expectSearchBody(body);
    expect(body.results[0].id).toBe('allinpay-refund');
    expect(body.provider).toEqual({ id: 'allinpay', name: '通联支付' });
    expect(body.category).toBe('refund');
    expect(body.contact.provider.id).toBe('allinpay');
  });

  it('Topay密码找回步骤 → topay-password first, with its 4 steps', async () => {
    const { body } = await search('Topay密码找回步骤');
    expectSearchBody(body);
    const top = body.results[0];
    expect(top.id).toBe('topay-password');
    expect(top.steps).toHaveLength(4);
    expect(body.provider.id).toBe('topay');
    expect(body.contact.provider.id).toBe('topay');
  });

  it('汇付天下客服几点上班 → provider huifu, contact hours 24小时', async () => {
    const { body } = await search('汇付天下客服几点上班');
    expectSearchBody(body);
    expect(body.provider).toEqual({ id: 'huifu', name: '汇付天下' });
    expect(body.contact.provider.id).toBe('huifu');
    expect(body.contact.hours.text).toContain('24小时');
    expect(body.results[0].provider.id).toBe('huifu');
  });
});

describe('GET /v1/search', () => {
  it('returns every contract field with its type', async () => {
    const { status, body, res } = await search('通联支付的退款几天到');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectSearchBody(body);
    expect(body.query).toBe('通联支付的退款几天到');
    expect(body.normalized).toBe('通联支付的退款几天到');
    // Terms segment the normalized query: together they spell it, spaces aside.
    expect(body.terms.join('')).toBe(body.normalized.replace(/ /g, ''));
    expect(body.terms).toEqual(expect.arrayContaining(['通联支付', '退款']));
    expect(body.results.length).toBeGreaterThan(0);
  });

  it('trims q (ASCII and ideographic spaces) and reports it as received otherwise', async () => {
    const a = await search('  退款 \t');
    expect(a.body.query).toBe('退款');
    const b = await search('\u3000退款\u3000');
    expect(b.body.query).toBe('退款');
    const c = await search(' Topay 退款 ');
    expect(c.body.query).toBe('Topay 退款');
    expect(c.body.normalized).toBe('topay 退款');
  });

  it('normalizes and segments into terms', async () => {
    const { body } = await search('Topay密码找回步骤');
    expect(body.normalized).toBe('topay密码找回步骤');
    expect(body.terms).toEqual(['topay', '密码', '找回', '步骤']);
  });

  it('accepts Chinese both URL-encoded and raw (unencoded UTF-8 in the URL)', async () => {
    const encoded = await getJson(`/v1/search?q=${encodeURIComponent('通联支付退款要几天')}`);
    const raw = await getJson('/v1/search?q=通联支付退款要几天');
    expect(raw.status).toBe(200);
    expectSearchBody(raw.body);
    const { tookMs: _a, ...e } = encoded.body;
    const { tookMs: _b, ...r } = raw.body;
    expect(r).toEqual(e);
    expect(r.query).toBe('通联支付退款要几天');
  });

  it('folds traditional script: 匯付天下客服熱線', async () => {
    const { status, body } = await getJson('/v1/search?q=匯付天下客服熱線');
    expect(status).toBe(200);
    expectSearchBody(body);
    expect(body.query).toBe('匯付天下客服熱線');
    expect(body.normalized).toBe('汇付天下客服热线');
    expect(body.provider.id).toBe('huifu');
    expect(body.category).toBe('contact');
    expect(body.results[0].provider.id).toBe('huifu');
    expect(body.results[0].category).toBe('contact');
    expect(body.contact.provider.id).toBe('huifu');
  });

  it('folds full width: ｔｏｐａｙ退款', async () => {
    const { body } = await search('ｔｏｐａｙ退款');
    expectSearchBody(body);
    expect(body.query).toBe('ｔｏｐａｙ退款');
    expect(body.normalized).toBe('topay退款');
    expect(body.provider.id).toBe('topay');
    expect(body.results[0].id).toBe('topay-refund');
  });

  it('detects the provider from q, and the provider parameter overrides it', async () => {
    const detected = await search('通联支付退款');
    expect(detected.body.provider.id).toBe('allinpay');
    const given = await search('通联支付退款', { provider: 'topay' });
    expect(given.body.provider).toEqual({ id: 'topay', name: 'Topay' });
    expect(given.body.contact.provider.id).toBe('topay');
  });

  it.each(PROVIDER_IDS)('provider=%s keeps only that provider and the general guidance', async (id) => {
    const { status, body } = await search('客服', { provider: id, limit: 20 });
    expect(status).toBe(200);
    expectSearchBody(body);
    expect(body.provider.id).toBe(id);
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect([id, GENERAL_ID]).toContain(r.provider.id);
    expect(body.results.some((r: any) => r.provider.id === id)).toBe(true);
    expect(body.contact.provider.id).toBe(id);
  });

  it('an empty provider parameter is the same as none', async () => {
    const { status, body } = await search('退款', { provider: '' });
    expect(status).toBe(200);
    expect(body.provider).toBeNull();
  });

  it('category filter keeps only that category and reports it', async () => {
    const { body } = await search('客服', { category: 'contact', limit: 20 });
    expectSearchBody(body);
    expect(body.category).toBe('contact');
    expect(body.results.length).toBeGreaterThan(1);
    for (const r of body.results) expect(r.category).toBe('contact');
    const refund = await search('账户', { category: 'refund', limit: 20 });
    for (const r of refund.body.results) expect(r.category).toBe('refund');
  });

  it('detects the category (intent) of q, or null', async () => {
    expect((await search('退款')).body.category).toBe('refund');
    expect((await search('彩票中奖')).body.category).toBeNull();
  });

  it('limit: default 5, 1..20 respected', async () => {
    const dflt = await search('客服');
    expect(dflt.body.results).toHaveLength(5);
    const one = await search('客服', { limit: 1 });
    expect(one.body.results).toHaveLength(1);
    const twenty = await search('客服', { limit: 20 });
    expect(twenty.body.results.length).toBeGreaterThan(5);
    expect(twenty.body.results.length).toBeLessThanOrEqual(20);
    expect(twenty.body.results.slice(0, 5).map((r: any) => r.id)).toEqual(ids(dflt.body));
    expect(new Set(ids(twenty.body)).size).toBe(twenty.body.results.length);
  });

  it('ranks results by descending score', async () => {
    const { body } = await search('账户被锁定怎么办', { limit: 20 });
    const scores = body.results.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('highlights mark query words inside the snippet', async () => {
    const { body } = await search('通联支付退款要几天');
    const top = body.results[0];
    expect(top.highlights.length).toBeGreaterThan(0);
    const marked = top.highlights.map(([s, e]: [number, number]) => top.snippet.slice(s, e));
    expect(marked.some((m: string) => m.includes('退款'))).toBe(true);
  });

  it('highlights of a traditional query point at the simplified text of the snippet', async () => {
    const { body } = await search('匯付天下客服熱線');
    const marked = body.results.flatMap((r: any) => r.highlights.map(([s, e]: [number, number]) => r.snippet.slice(s, e)));
    expect(marked.some((m: string) => m.includes('客服') || m.includes('热线'))).toBe(true);
  });

  // Regression: splitPassages() split on '\n' and then joined a short sentence with the next one, so an intro line and
  // step "1." (or steps "3." and "4.") were glued into one snippet that appears nowhere in the answer.
  it('snippet is a verbatim passage of the answer (regression: splitPassages glued lines across \\n)', async () => {
    for (const q of ['通联支付交易出现异常该怎么处理', '账户被锁定了该怎么处理', 'Topay账户被锁了多久能自动解开']) {
      const { body } = await search(q, { limit: 20 });
      for (const r of body.results) {
        const core = r.snippet.replace(/^…/, '').replace(/…$/, '');
        expect(r.answer, `${q} ${r.id}`).toContain(core);
      }
    }
  });

  it('a result carries the same entry data as GET /v1/entries/:id', async () => {
    const { body } = await search('通联支付退款要几天');
    const { snippet: _s, highlights: _h, score: _c, ...entry } = body.results[0];
    const direct = await getJson(`/v1/entries/${entry.id}`);
    expect(direct.body).toEqual(entry);
  });

  it('steps is [] for an entry that is not a procedure', async () => {
    const { body } = await search('什么是通联支付', { limit: 20 });
    const about = body.results.find((r: any) => r.id === 'allinpay-about');
    expect(about).toBeDefined();
    expect(about.steps).toEqual([]);
  });

  it('contact is null when no provider is named and the query is not about contacting', async () => {
    const { body } = await search('退款');
    expect(body.provider).toBeNull();
    expect(body.contact).toBeNull();
  });

  it('contact is the general guidance for a contact question naming no provider', async () => {
    const { body } = await search('客服电话');
    expect(body.provider).toBeNull();
    expect(body.category).toBe('contact');
    expectContact(body.contact);
    expect(body.contact.general).toBe(true);
    expect(body.contact.provider.id).toBe(GENERAL_ID);
  });

  it('a query that only names a provider lists its entries, contact first', async () => {
    const { body } = await search('汇付天下');
    expect(body.provider.id).toBe('huifu');
    expect(body.category).toBe('contact');
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(r.provider.id).toBe('huifu');
    expect(body.results[0].category).toBe('contact');
  });

  it('an out-of-domain query returns 200 with no results', async () => {
    const { status, body } = await search('彩票中奖');
    expect(status).toBe(200);
    expectSearchBody(body);
    expect(body.results).toEqual([]);
    expect(body.contact).toBeNull();
  });
});

describe('GET /v1/answer', () => {
  it('answers 通联支付退款要几天 with allinpay-refund and a contact line naming 通联支付', async () => {
    const { status, body, res } = await answer('通联支付退款要几天');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectAnswerBody(body);
    expect(body.query).toBe('通联支付退款要几天');
    expect(body.answered).toBe(true);
    expect(body.confidence).toBeGreaterThan(0.5);
    expect(body.answer.id).toBe('allinpay-refund');
    expect(body.contact.provider.id).toBe('allinpay');
    expect(body.text.startsWith(body.answer.question)).toBe(true);
    expect(body.text.split('\n').at(-1)).toContain('通联支付');
  });

  it('writes the steps of a procedure as a numbered list', async () => {
    const { body } = await answer('Topay密码找回步骤');
    expectAnswerBody(body);
    expect(body.answer.id).toBe('topay-password');
    const lines = body.text.split('\n');
    for (let i = 1; i <= 4; i++) expect(lines.some((l: string) => l.startsWith(`${i}. `))).toBe(true);
    expect(lines.some((l: string) => l.startsWith('5. '))).toBe(false);
  });

  it('says no for an out-of-domain query (彩票中奖)', async () => {
    const { status, body } = await answer('彩票中奖');
    expect(status).toBe(200);
    expectAnswerBody(body);
    expect(body.answered).toBe(false);
    expect(body.answer).toBeNull();
    expect(body.confidence).toBeLessThan(0.5);
    // The text never quotes the question (it could carry a planted number or link; see answer.ts).
    expect(body.text).not.toContain('彩票中奖');
  });

  it('honours the provider parameter', async () => {
    const { body } = await answer('退款', { provider: 'topay' });
    expectAnswerBody(body);
    expect(body.contact.provider.id).toBe('topay');
    for (const r of [body.answer, ...body.alternatives].filter(Boolean)) expect(['topay', GENERAL_ID]).toContain(r.provider.id);
  });

  it('has at most 2 alternatives, none repeating the answer', async () => {
    for (const q of ['账户被锁定怎么办', '客服', '退款']) {
      const { body } = await answer(q);
      expectAnswerBody(body);
    }
  });

  // Regression: the ranker once put huifu-contact-2 (matching only 客服) above huifu-contact (设立了24小时客服电话) and
  // decide() looked only at hits[0], so the reply was "no answer" while its own contact line said 24小时.
  it('answers 汇付天下客服几点上班 (regression: hours question declined after ranking a 客服-only entry first)', async () => {
    const { body } = await answer('汇付天下客服几点上班');
    expectAnswerBody(body);
    expect(body.answered).toBe(true);
    expect(body.answer.provider.id).toBe('huifu');
    expect(body.text).toContain('24小时');
  });

  // Bug: contactLine() hides hours taken from the general guidance only when the statement is flagged general; the
  // general guidance's own hours are "很多公司会设定工作时间,如周一至周五的 9:00-18:00" (an example), and are then
  // presented as the service time of "官方客服".
  it('does not present the general guidance\'s example hours as a service time (regression: 客服电话 → 服务时间：周一至周五的9:00-18:00)', async () => {
    const { body } = await answer('客服电话');
    expect(body.contact.general).toBe(true);
    expect(body.text.split('\n').at(-1)).not.toContain('服务时间');
  });
});

describe('GET /v1/entries/:id', () => {
  it('returns one entry without query-dependent fields', async () => {
    const { status, body, res } = await getJson('/v1/entries/allinpay-refund');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(body).sort()).toEqual(ENTRY_KEYS);
    expectEntry(body);
    expect(body.id).toBe('allinpay-refund');
    expect(body.provider).toEqual({ id: 'allinpay', name: '通联支付' });
    expect(body.category).toBe('refund');
    expect(body.steps.length).toBeGreaterThan(0);
  });

  it('serves every entry of the artifact', async () => {
    for (const e of artifact.entries) {
      const { status, body } = await getJson(`/v1/entries/${encodeURIComponent(e.id)}`);
      expect(status).toBe(200);
      expectEntry(body);
      expect(body.question).toBe(e.question);
    }
  });

  it('404 not_found for an unknown id', async () => {
    await expectError('/v1/entries/no-such-entry', 404, 'not_found');
    await expectError(`/v1/entries/${encodeURIComponent('通联支付')}`, 404, 'not_found');
  });
});

describe('GET /v1/providers and /v1/providers/:id', () => {
  it('lists every provider with its aliases and entry count', async () => {
    const { status, body } = await getJson('/v1/providers');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['providers']);
    expect(body.providers.map((p: any) => p.id).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const p of body.providers) {
      expect(Object.keys(p).sort()).toEqual(['aliases', 'entries', 'id', 'name']);
      expect(typeof p.name).toBe('string');
      expect(Array.isArray(p.aliases)).toBe(true);
      for (const a of p.aliases) expect(typeof a).toBe('string');
      expect(p.entries).toBe(artifact.entries.filter((e) => e.provider === p.id).length);
      expect(p.entries).toBeGreaterThan(0);
    }
  });

  it.each(PROVIDER_IDS)('GET /v1/providers/%s returns it with its contact guidance', async (id) => {
    const { status, body } = await getJson(`/v1/providers/${id}`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['aliases', 'contact', 'id', 'name']);
    expect(body.id).toBe(id);
    expect(Array.isArray(body.aliases)).toBe(true);
    expectContact(body.contact);
    expect(body.contact.provider.id).toBe(id);
    expect(body.contact.general).toBe(id === GENERAL_ID);
  });

  it('404 not_found for an unknown provider', async () => {
    await expectError('/v1/providers/nope', 404, 'not_found');
  });
});

describe('GET /health', () => {
  it('reports ok, the entry count and the artifact hash', async () => {
    const { status, body } = await getJson('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', entries: artifact.entries.length, index: artifact.hash });
    expect(body.index).toMatch(/^[0-9a-f]{16}$/);
    const providers = await getJson('/v1/providers');
    expect(providers.body.providers.reduce((n: number, p: any) => n + p.entries, 0)).toBe(body.entries);
  });
});

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document with every route', async () => {
    const { status, body, res } = await getJson('/openapi.json');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof body.info.title).toBe('string');
    for (const path of ['/v1/search', '/v1/answer', '/v1/entries/{id}', '/v1/providers', '/v1/providers/{id}', '/health']) {
      expect(body.paths[path]?.get, path).toBeDefined();
    }
    const params = body.paths['/v1/search'].get.parameters.map((p: any) => p.name).sort();
    expect(params).toEqual(['category', 'limit', 'provider', 'q']);
    expect(body.paths['/v1/search'].get.responses['400']).toBeDefined();
    expect(body.paths['/v1/entries/{id}'].get.responses['404']).toBeDefined();
  });

  // The document is generated at build time (src/indexer/openapi.ts), the routes are registered in src/app.ts: a
  // route added to one and not the other shows up here.
  // Routes registered for all methods (app.all) take POST; /mcp speaks JSON-RPC and is left out on purpose.
  it('documents exactly the routes the app serves (besides itself and /mcp)', async () => {
    const { body } = await getJson('/openapi.json');
    const app = createApp(new SearchEngine(artifact));
    const served = new Set(
      app.routes.filter((r) => r.path !== '/*').map((r) => `${r.method === 'ALL' ? 'post' : r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    served.delete('get /openapi.json');
    served.delete('post /mcp');
    const documented = Object.entries<object>(body.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual([...served].sort());
  });

  it('documents the parameter bounds the worker validates with', async () => {
    const { body } = await getJson('/openapi.json');
    const params = Object.fromEntries(body.paths['/v1/search'].get.parameters.map((p: any) => [p.name, p]));
    expect(params.q.required).toBe(true);
    expect(params.q.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH });
    expect(params.limit.required).toBe(false);
    expect(params.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 5 });
    expect(params.category.schema.enum).toEqual([...CATEGORIES]);
    expect(body.paths['/v1/entries/{id}'].get.parameters).toMatchObject([{ name: 'id', in: 'path', required: true }]);
    // Nullable fields are `anyOf [ref, null]`; the referenced components themselves are never nullable.
    for (const [name, schema] of Object.entries<any>(body.components.schemas)) expect(schema.type, name).toBe('object');
  });

  it('is cacheable like the other index-derived routes: ETag and a bodiless 304', async () => {
    const { res } = await getJson('/openapi.json');
    const etag = res.headers.get('ETag')!;
    expect(etag).toMatch(/^W\/"/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60');
    const again = await call('/openapi.json', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});

describe('errors', () => {
  it('missing q → 400 missing_query', async () => {
    await expectError('/v1/search', 400, 'missing_query');
    await expectError('/v1/answer', 400, 'missing_query');
    await expectError('/v1/search?q=', 400, 'missing_query');
  });

  it('whitespace-only q → 400 missing_query', async () => {
    await expectError(url('/v1/search', '   '), 400, 'missing_query');
    await expectError(url('/v1/search', '\u3000\t'), 400, 'missing_query');
    await expectError(url('/v1/answer', '  '), 400, 'missing_query');
  });

  it('q with no letters or digits (punctuation, invisible characters) → 400 missing_query', async () => {
    await expectError(url('/v1/search', '？！。'), 400, 'missing_query');
    await expectError(url('/v1/search', '\u200b\u200d'), 400, 'missing_query');
  });

  it('q of 201+ characters → 400 query_too_long; 200 is accepted', async () => {
    await expectError(url('/v1/search', '退'.repeat(201)), 400, 'query_too_long');
    await expectError(url('/v1/answer', 'a'.repeat(500)), 400, 'query_too_long');
    const ok = await search('退'.repeat(200));
    expect(ok.status).toBe(200);
    const padded = await search(`  ${'退'.repeat(200)}  `);
    expect(padded.status).toBe(200);
  });

  it.each(['0', '21', 'abc', '-1', '1.5', '1e3'])('limit=%s → 400 invalid_parameter', async (limit) => {
    await expectError(`${url('/v1/search', '退款')}&limit=${limit}`, 400, 'invalid_parameter');
  });

  it('unknown category → 400 invalid_parameter', async () => {
    await expectError(url('/v1/search', '退款', { category: 'nope' }), 400, 'invalid_parameter');
  });

  it('provider=nope → 400 unknown_provider, message lists the valid ids', async () => {
    for (const route of ['/v1/search', '/v1/answer']) {
      const { body } = await expectError(url(route, '退款', { provider: 'nope' }), 400, 'unknown_provider');
      for (const id of PROVIDER_IDS) expect(body.error.message).toContain(id);
    }
  });

  it('unknown route → 404 not_found', async () => {
    await expectError('/nope', 404, 'not_found');
    await expectError('/v1/search/extra', 404, 'not_found');
    await expectError('/v1/entries/', 404, 'not_found');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s /v1/search → 405 method_not_allowed with Allow', async (method) => {
    const { res } = await expectError(url('/v1/search', '退款'), 405, 'method_not_allowed', { method, body: method === 'DELETE' ? undefined : '{}' });
    expect(res.headers.get('allow')).toMatch(/\bGET\b/);
  });

  it('405 also on the other routes', async () => {
    for (const path of ['/v1/answer', '/v1/entries/allinpay-refund', '/v1/providers', '/v1/providers/huifu', '/health', '/openapi.json']) {
      const { res } = await expectError(path, 405, 'method_not_allowed', { method: 'POST' });
      expect(res.headers.get('allow')).toContain('GET');
    }
  });

  it('nothing a client sends produces a 5xx', async () => {
    const hostile = [
      '/v1/search?q=%E0%A4%A',
      '/v1/search?q=%',
      '/v1/search?q=%ED%A0%80',
      '/v1/search?q=%00%01',
      '/v1/search?q=a&q=b',
      `/v1/search?q=${'😀'.repeat(150)}`,
      `/v1/search?q=${encodeURIComponent('退款')}&provider=${'x'.repeat(5000)}`,
      `/v1/search?q=${encodeURIComponent('退款')}&limit=99999999999999999999`,
      '/v1/entries/%E0',
      '/v1/providers/%ZZ',
      '/v1/answer?q=%F0%9F',
    ];
    for (const path of hostile) {
      const res = await call(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      const body: any = await res.json();
      if (res.status >= 400) expect(typeof body.error.code, path).toBe('string');
    }
  });
});

describe('content type', () => {
  const paths = [
    url('/v1/search', '退款'),
    url('/v1/answer', '退款'),
    '/v1/entries/allinpay-refund',
    '/v1/providers',
    '/v1/providers/huifu',
    '/health',
    '/openapi.json',
    '/v1/search',
    '/v1/entries/nope',
    '/nope',
  ];

  it('every response is application/json', async () => {
    for (const path of paths) {
      const res = await call(path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json\b/);
      await res.json();
    }
    const post = await call('/v1/search', { method: 'POST' });
    expect(post.headers.get('content-type')).toMatch(/^application\/json\b/);
  });

  // Regression: API.md promises `application/json; charset=utf-8`; Hono's c.json() sent bare `application/json`.
  it('declares charset=utf-8 as API.md states (regression: bare application/json)', async () => {
    for (const path of paths) {
      const res = await call(path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json;\s*charset=utf-8$/i);
    }
  });
});
