/**
 * @module Property-based tests inside workerd: thousands of random and adversarial requests per route (any Unicode,
 * lone surrogates, arbitrary bytes percent-encoded, broken escapes, CJK + punctuation + emoji + control and
 * invisible characters, random parameters, methods and headers). Every response must have an allowed status,
 * carry `nosniff`, and be JSON of the contract's shape (200 bodies validated with the zod schemas /openapi.json documents).
 *
 * Requests go straight to `createApp(engine).fetch(request, env)` with the real bindings: through the Worker entry
 * each request in a file is slower than the last (cloudflare/workers-sdk#15446). A failure prints fast-check's
 * seed and path; replay it by passing them to `fc.assert(…, { seed, path })`.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import artifactText from '../../src/generated/artifact.txt';
import { createApp, type Env } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { ERRORS } from '../../src/http/errors';
import {
  AnswerResponse,
  EntrySchema,
  ErrorResponse,
  HealthResponse,
  ProviderDetail,
  ProvidersResponse,
  SearchResponse,
} from '../../src/http/response-schemas';
import { MAX_QUERY_LENGTH } from '../../src/http/schemas';
import { CATEGORIES } from '../../src/model';
import { SearchEngine } from '../../src/search/engine';

const artifact = parseArtifact(artifactText);
const engine = new SearchEngine(artifact);
const app = createApp(engine);
const bindings = env as unknown as Env;
const DOCS = new Set(artifact.sources.map((s) => s.doc));
const PROVIDER_IDS = artifact.providers.map((p) => p.id);
const ALLOWED = new Set([200, 204, 304, 400, 404, 405, 429]);

// ---------------------------------------------------------------------------------------------------------------
// Text arbitraries
// ---------------------------------------------------------------------------------------------------------------

const char = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
const cjk = fc.oneof(char(0x4e00, 0x9fff), char(0x3400, 0x4dbf), char(0x20000, 0x2a6df), char(0xf900, 0xfaff));
const punctuation = fc.constantFrom(...'，。？！、：；“”‘’（）【】《》…—～·?!,.;:()[]{}<>/\\|"\'`~@#$%^&*+=-_ \t\u3000\u00a0'.split(''));
const emoji = fc.constantFrom('😀', '🙏🏽', '👨‍👩‍👧‍👦', '🇨🇳', '❤️', '💳', '\u{1F9D1}\u200D\u{1F4BB}', '\u20E3');
const control = fc.oneof(char(0, 0x1f), char(0x7f, 0x9f));
const invisible = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029', '\ufffd', '\uffff');
const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const combining = char(0x300, 0x36f);
const domainWord = fc.constantFrom(
  ...artifact.providers.flatMap((p) => [p.name, ...p.aliases]),
  '退款', '密码', '客服', '转账', '冻结', '到账', '人工', '电话', '怎么办', '几天', '通聯支付', '匯付', 'tuikuan', 'mima', 'kefu',
  '.*', '(a+)+$', '\\', '$&', '<script>', '</script>', "' OR 1=1 --", '; DROP TABLE', '__proto__', 'constructor', 'toString',
);
const mixed = fc
  .array(fc.oneof(cjk, punctuation, emoji, control, invisible, surrogate, combining, domainWord, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 })
  .map((parts) => parts.join(''));
/** Any text a client might put in a parameter. */
const text = fc.oneof(
  { weight: 4, arbitrary: mixed },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: cjk, minLength: MAX_QUERY_LENGTH - 10, maxLength: MAX_QUERY_LENGTH + 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(cjk, domainWord, punctuation), minLength: 30, maxLength: 120 }) },
);

// ---------------------------------------------------------------------------------------------------------------
// How a value reaches the URL
// ---------------------------------------------------------------------------------------------------------------

const hex = (b: number) => '%' + b.toString(16).toUpperCase().padStart(2, '0');
/** Every byte of the UTF-8 encoding escaped (lone surrogates become U+FFFD, as in any real client). */
const utf8Escaped = (s: string) => Array.from(new TextEncoder().encode(s), hex).join('');

/** A parameter value as it appears in the URL, with the decoded value the server must see when that is known. */
interface Encoded {
  raw: string;
  decoded?: string;
}
const encodedText: fc.Arbitrary<Encoded> = fc.oneof(
  { weight: 4, arbitrary: text.map((s) => ({ raw: utf8Escaped(s), decoded: new TextDecoder().decode(new TextEncoder().encode(s)) })) },
  // Unescaped: the URL parser escapes what it must; '&', '#' and '=' cut the value, on purpose.
  { weight: 2, arbitrary: text.map((s) => ({ raw: s })) },
  // Arbitrary bytes, mostly not UTF-8.
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 80 }).map((b) => ({ raw: Array.from(b, hex).join('') })) },
  // Broken escapes.
  {
    weight: 1,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom('%', '%E4', '%B8', '%E4%B8', '%ZZ', '%%', '%2', '%00', '%ED%A0%80', '%C0%AF', '%F4%90%80%80', '+', '&', '=', '?', '/', '%23', '%26'), cjk), { maxLength: 20 })
      .map((parts) => ({ raw: parts.join('') })),
  },
);

/** A value for a parameter with a fixed vocabulary: usually valid, sometimes anything. */
const vocabulary = (valid: readonly string[]): fc.Arbitrary<Encoded> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid).map((v) => ({ raw: v, decoded: v })) }, { weight: 1, arbitrary: encodedText });
const limitValue: fc.Arbitrary<Encoded> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 25 }).map((n) => ({ raw: String(n), decoded: String(n) })) },
  { weight: 1, arbitrary: fc.constantFrom('1.5', '1e1', '0x10', ' 5', '５', 'NaN', 'Infinity', '', '99999999999999999999').map((v) => ({ raw: encodeURIComponent(v) })) },
  { weight: 1, arbitrary: encodedText },
);

interface QueryCase {
  q?: Encoded;
  provider?: Encoded;
  category?: Encoded;
  limit?: Encoded;
  junk: [string, string][];
  repeatQ: boolean;
}
const queryCase = (withSearchParams: boolean): fc.Arbitrary<QueryCase> =>
  fc.record({
    q: fc.option(encodedText, { freq: 10, nil: undefined }),
    provider: fc.option(vocabulary(PROVIDER_IDS), { freq: 2, nil: undefined }),
    category: withSearchParams ? fc.option(vocabulary(CATEGORIES), { freq: 2, nil: undefined }) : fc.constant(undefined),
    limit: withSearchParams ? fc.option(limitValue, { freq: 2, nil: undefined }) : fc.constant(undefined),
    junk: fc.array(fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 6 }), fc.string({ unit: 'grapheme-ascii', maxLength: 6 })), { maxLength: 2 }),
    repeatQ: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  });

function queryString(c: QueryCase): string {
  const parts: string[] = [];
  if (c.q) parts.push(`q=${c.q.raw}`);
  if (c.q && c.repeatQ) parts.push(`q=${c.q.raw}`);
  if (c.provider) parts.push(`provider=${c.provider.raw}`);
  if (c.category) parts.push(`category=${c.category.raw}`);
  if (c.limit) parts.push(`limit=${c.limit.raw}`);
  for (const [k, v] of c.junk) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.join('&');
}

/** Whether a path's query string is valid percent-encoded UTF-8 (else the routes answer 400 invalid_parameter). */
function decodable(path: string): boolean {
  const i = path.indexOf('?');
  try {
    decodeURIComponent(i === -1 ? '' : new URL(`http://localhost${path}`).search.slice(1));
    return true;
  } catch {
    return false;
  }
}

/** Paths of the static assets (the search page and the widget). */
const ASSET_PATHS = /^\/(?:index\.html|widget\.js|assets\/.*)?$/;

/** Sends a request, or returns null when the client side cannot even form it (not the server's concern). */
async function send(path: string, init?: RequestInit): Promise<Response | null> {
  let request: Request;
  try {
    request = new Request(`http://localhost${path}`, init);
  } catch {
    return null;
  }
  return app.fetch(request, bindings);
}

// ---------------------------------------------------------------------------------------------------------------
// What every response must satisfy
// ---------------------------------------------------------------------------------------------------------------

const SCHEMAS = {
  search: SearchResponse,
  answer: AnswerResponse,
  entry: EntrySchema,
  provider: ProviderDetail,
  providers: ProvidersResponse,
  health: HealthResponse,
} as const;
type Route = keyof typeof SCHEMAS;

function checkSpan(span: { doc: string; start: number; end: number }): void {
  expect(DOCS.has(span.doc)).toBe(true);
  expect(span.start).toBeGreaterThanOrEqual(0);
  expect(span.end).toBeGreaterThanOrEqual(span.start);
}

function checkResult(r: any): void {
  checkSpan(r.source);
  for (const [start, end] of r.highlights) {
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(r.snippet.length);
  }
}

/** Asserts the response invariants and returns the parsed body (null for bodiless responses). */
async function check(res: Response, route: Route | null, method = 'GET'): Promise<any> {
  const context = `${method} → ${res.status}`;
  expect(ALLOWED.has(res.status), context).toBe(true);
  expect(res.headers.get('X-Content-Type-Options'), context).toBe('nosniff');
  const raw = await res.text();
  if (res.status === 204 || res.status === 304 || method === 'HEAD') {
    expect(raw, context).toBe('');
    return null;
  }
  expect(res.headers.get('Content-Type'), context).toBe('application/json; charset=utf-8');
  const body = JSON.parse(raw);
  if (res.status === 200) {
    expect(route, context).not.toBeNull();
    SCHEMAS[route!].parse(body);
    if (route === 'search') body.results.forEach(checkResult);
    if (route === 'answer') {
      if (body.answer) checkResult(body.answer);
      body.alternatives.forEach(checkResult);
      expect(body.alternatives.length).toBeLessThanOrEqual(2);
    }
  } else {
    const { error } = ErrorResponse.parse(body);
    expect(ERRORS[error.code as keyof typeof ERRORS]?.status, `${context} ${error.code}`).toBe(res.status);
    // Messages are bounded however long the input.
    expect(error.message.length).toBeLessThanOrEqual(300);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  }
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

// Per CI run; the whole file takes about 15 s. Raise locally for a deeper search (the seed is random each run).
const RUNS = { search: 8000, answer: 5000, ids: 1500, anything: 4000 };

/** Statuses seen per property: a property that only ever saw 400s would prove little about 200 bodies. */
function tally() {
  const seen = new Map<number, number>();
  return {
    add: (status: number) => seen.set(status, (seen.get(status) ?? 0) + 1),
    share: (status: number) => (seen.get(status) ?? 0) / Math.max(1, [...seen.values()].reduce((a, b) => a + b, 0)),
  };
}

describe('properties', () => {
  it(`/v1/search: ${RUNS.search} random requests, no 5xx, contract shape, q echoed trimmed, limit respected`, async () => {
    const searched = tally();
    await fc.assert(
      fc.asyncProperty(queryCase(true), async (c) => {
        const url = `/v1/search?${queryString(c)}`;
        const res = await send(url);
        if (!res) return;
        const body = await check(res, 'search');
        // A query string that is not valid percent-encoded UTF-8 is refused whatever it holds.
        if (!decodable(url)) {
          expect(res.status).toBe(400);
          expect(body.error.code).toBe('invalid_parameter');
          return;
        }
        searched.add(res.status);
        if (res.status === 400) expect(['missing_query', 'query_too_long', 'invalid_parameter', 'unknown_provider']).toContain(body.error.code);
        if (res.status !== 200) return;
        // What the server was actually sent: unescaped values may contain '&' or '#', which split or cut the query.
        const sent = new URL(`http://localhost${url}`).searchParams;
        if (c.q?.decoded !== undefined && sent.getAll('q').length === 1) expect(body.query).toBe(c.q.decoded.trim());
        // The limit counts characters (code points), as JSON Schema's maxLength does: 𠀀 is one, not two.
        expect(Array.from(body.query).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
        const limit = sent.getAll('limit');
        expect(limit.length).toBeLessThanOrEqual(1);
        if (limit.length) expect(limit[0]).toMatch(/^\d{1,2}$/);
        expect(body.results.length).toBeLessThanOrEqual(limit.length ? Number(limit[0]) : 5);
        const provider = sent.getAll('provider');
        if (provider.length === 1 && provider[0]) expect(body.provider?.id).toBe(provider[0]);
      }),
      { numRuns: RUNS.search },
    );
    expect(searched.share(200)).toBeGreaterThan(0.25);
    expect(searched.share(400)).toBeGreaterThan(0.1);
  }, 120_000);

  it(`/v1/answer: ${RUNS.answer} random requests, no 5xx, contract shape`, async () => {
    const answered = tally();
    await fc.assert(
      fc.asyncProperty(queryCase(false), async (c) => {
        const res = await send(`/v1/answer?${queryString(c)}`);
        if (!res) return;
        const body = await check(res, 'answer');
        if (!decodable(`/v1/answer?${queryString(c)}`)) {
          expect(body.error.code).toBe('invalid_parameter');
          return;
        }
        answered.add(res.status);
        const sent = new URL(`http://localhost/v1/answer?${queryString(c)}`).searchParams;
        if (res.status === 200 && c.q?.decoded !== undefined && sent.getAll('q').length === 1) expect(body.query).toBe(c.q.decoded.trim());
        if (res.status === 200) expect(body.answered).toBe(body.answer !== null);
      }),
      { numRuns: RUNS.answer },
    );
    expect(answered.share(200)).toBeGreaterThan(0.25);
  }, 120_000);

  it(`/v1/entries/:id and /v1/providers/:id: ${RUNS.ids} random ids each, 200 or 404`, async () => {
    const ids = [...artifact.entries.map((e) => e.id), ...PROVIDER_IDS];
    const segment = fc.oneof(fc.constantFrom(...ids).map((raw) => ({ raw })), encodedText);
    await fc.assert(
      fc.asyncProperty(segment, fc.constantFrom('entries', 'providers'), async (id, kind) => {
        const res = await send(`/v1/${kind}/${id.raw.replace(/[/?#]/g, encodeURIComponent)}`);
        if (!res) return;
        expect([200, 404]).toContain(res.status);
        await check(res, kind === 'entries' ? 'entry' : 'provider');
      }),
      { numRuns: RUNS.ids * 2 },
    );
  }, 120_000);

  it(`any method, path and headers: ${RUNS.anything} random requests, allowed status and JSON errors`, async () => {
    const known: [string, Route | null][] = [
      ['/v1/search', 'search'],
      ['/v1/answer', 'answer'],
      ['/v1/providers', 'providers'],
      ['/v1/providers/topay', 'provider'],
      [`/v1/entries/${artifact.entries[0].id}`, 'entry'],
      ['/health', 'health'],
    ];
    const path = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: encodedText.map((e): [string, Route | null] => [`/${e.raw.replace(/[?#]/g, encodeURIComponent)}`, null]) },
    );
    const method = fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND', 'BREW');
    const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 80 });
    const headers = fc.record(
      {
        'If-None-Match': fc.oneof(headerValue, fc.constant('*'), fc.constant(`W/"${artifact.hash}-0000000000000000"`)),
        Origin: fc.oneof(headerValue, fc.constant('https://site.example')),
        'CF-Connecting-IP': fc.oneof(fc.ipV4(), fc.ipV6(), headerValue),
        'Access-Control-Request-Headers': headerValue,
        'Content-Type': fc.constantFrom('application/json', 'text/html', 'multipart/form-data; boundary=x'),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(path, method, headers, queryCase(true), fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), async ([p, route], m, h, c, body) => {
        const url = route === 'search' || route === 'answer' ? `${p}?${queryString(c)}` : p;
        const init: RequestInit = { method: m, headers: h as Record<string, string> };
        if (body !== undefined && !['GET', 'HEAD'].includes(m)) init.body = body;
        const res = await send(url, init);
        if (!res) return;
        // The search page and the widget are static assets: GET and HEAD serve them, other methods are JSON 405s.
        if ((m === 'GET' || m === 'HEAD') && ASSET_PATHS.test(new URL(`http://localhost${url}`).pathname) && res.status === 200) return;
        const parsed = await check(res, route, m);
        if (['POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND', 'BREW'].includes(m)) {
          expect([404, 405, 429]).toContain(res.status);
          if (res.status === 405) expect(res.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
        }
        if (m === 'OPTIONS') expect([204, 404]).toContain(res.status);
        if (res.status === 404 && route !== null && route !== 'entry' && route !== 'provider') expect(parsed?.error.code ?? 'not_found').toBe('not_found');
      }),
      { numRuns: RUNS.anything },
    );
  }, 120_000);

  it('leaves the index as it was: same hash, same ranking for a fixed query', async () => {
    const probe = `/v1/search?q=${encodeURIComponent('通联支付退款要几天')}&limit=20`;
    const fresh = createApp(new SearchEngine(artifact));
    const a = (await (await send(probe))!.json()) as any;
    const b = (await (await fresh.fetch(new Request(`http://localhost${probe}`), bindings)).json()) as any;
    expect({ ...a, tookMs: 0 }).toEqual({ ...b, tookMs: 0 });
    expect(engine.artifact.hash).toBe(artifact.hash);
  });
});
