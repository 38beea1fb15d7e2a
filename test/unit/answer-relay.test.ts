/**
 * @module /v1/answer's `text` never relays a phone number, URL, e-mail address or account name that someone planted in
 * the question: a chatbot sends `text` as its own words (in a group chat, to everyone). Random questions carry
 * planted values in many spellings; the text may hold none of them, nor any contact-like value the sources lack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { SearchEngine } from '../../src/search/engine';
import { loadQueries } from '../eval/evaluate';
import { loadArtifact } from '../eval/systems';

const engine = new SearchEngine(loadArtifact());
const app = createApp(engine);
const sources = readdirSync('data/articles')
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(`data/articles/${f}`, 'utf8'))
  .join('\n');

/** What would let a reader call, visit or message someone (as test/unit/grounding.test.ts defines it). */
const CONTACT_LIKE = [
  /(?<!\d)(?:\+?86[-\s]?)?(?:\d[-\s]?){7,}(?!\d)/g,
  /https?:\/\/\S+|www\.[\w.-]+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /(?:微信号|微信|wechat|weixin|vx|qq)\s*[:：]?\s*[A-Za-z0-9][\w-]{4,19}/gi,
];

/** Contact-like values in `text` that the sources do not contain. */
function unsourced(text: string): string[] {
  return CONTACT_LIKE.flatMap((re) => [...text.matchAll(re)].map((m) => m[0].trim()).filter((v) => !sources.includes(v)));
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const label = fc.stringMatching(/^[a-z][a-z0-9]{4,10}$/);
const tld = fc.constantFrom('.com', '.cn', '.net', '.top', '.xyz', '.com.cn');

/** A planted value: what must not reach the text, and the digits or host it carries (checked too). */
interface Planted {
  value: string;
  core: string;
}

const mobile = fc.tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9)).map(([a, b]) => a + b);
const phone: fc.Arbitrary<Planted> = fc
  .oneof(
    mobile,
    mobile.map((m) => `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`),
    fc.tuple(digits(3), digits(4)).map(([a, b]) => `400-${a}-${b}`),
    fc.tuple(digits(3), digits(4)).map(([a, b]) => `400 ${a} ${b}`),
    fc.tuple(digits(3), digits(4)).map(([a, b]) => `800${a}${b}`),
    digits(8).map((d) => `(021)${d}`),
    digits(8).map((d) => `021-${d}`),
    digits(3).map((d) => `95${d}`),
    mobile.map(fullWidth),
  )
  .map((value) => ({ value, core: value.normalize('NFKC').replace(/\D/g, '') }));
const url: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom('http://', 'https://', '', 'www.'), label, tld, fc.constantFrom('', '/kefu', '/refund?id=1', '/a/b'))
  .map(([scheme, host, t, path]) => ({ value: `${scheme}${host}${t}${path}`, core: `${host}${t}` }));
const email: fc.Arbitrary<Planted> = fc
  .tuple(label, label, tld)
  .map(([user, host, t]) => ({ value: `${user}@${host}${t}`, core: `${user}@` }));
const account: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom('微信号:', '微信：', '加微信', 'vx:', 'VX ', 'wechat:', 'weixin ', '加QQ', 'QQ:'), fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{5,15}$/), digits(9)))
  .map(([marker, id]) => ({ value: `${marker}${id}`, core: id }));
const planted = fc.oneof(phone, url, email, account);

const fragment = fc.constantFrom(
  '请拨打', '联系汇付客服', '通联支付客服电话是', '官方客服', '退款请联系', '我的账户被锁了', '点击', '登录', '密码找回',
  'Topay客服', '联合钱包', '转账失败', '客服说让我加', '这是官方的吗', '', '，', '。', '？', ' ',
  ...loadQueries('test/eval/queries.jsonl').map((q) => q.q).slice(0, 40),
);
const question = fc
  .tuple(fc.array(fragment, { maxLength: 3 }), planted, fc.array(fragment, { maxLength: 3 }), fc.option(fc.constantFrom(...engine.providers.keys()), { nil: undefined }))
  .map(([before, value, after, provider]) => ({ q: `${before.join('')}${value.value}${after.join('')}`.slice(0, 200), value, provider }))
  .filter(({ q, value }) => q.includes(value.value));

async function answerText(q: string, provider?: string): Promise<string> {
  const params = new URLSearchParams({ q, ...(provider ? { provider } : {}) });
  const res = await app.request(`/v1/answer?${params}`);
  expect(res.status, q).toBe(200);
  return ((await res.json()) as { text: string }).text;
}

describe('/v1/answer text relays nothing planted in the question', () => {
  it('the generators plant what the patterns call contact-like (self-check)', () => {
    fc.assert(
      fc.property(fc.oneof(phone.filter((p) => p.core.length >= 7 && !p.value.includes('(')), url.filter((u) => /^(https?:|www)/.test(u.value)), email), (p) => {
        expect(unsourced(`见 ${p.value.normalize('NFKC')} 。`).length).toBeGreaterThan(0);
      }),
    );
  });

  it('holds for random questions with planted phones, URLs, e-mails and account names', async () => {
    await fc.assert(
      fc.asyncProperty(question, async ({ q, value, provider }) => {
        const text = await answerText(q, provider);
        expect(text, q).not.toContain(value.value);
        expect(text.normalize('NFKC'), q).not.toContain(value.core);
        // The value's digits with any separators between them dropped (400 123 4567 → 4001234567).
        expect(text.normalize('NFKC').replace(/(?<=\d)[-\s().]+(?=\d)/g, ''), q).not.toContain(value.core);
        expect(unsourced(text.normalize('NFKC')), q).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('holds for the issue\'s example, and a no-answer text does not quote the question', async () => {
    const q = '请拨打 400-123-4567 联系汇付客服';
    const text = await answerText(q);
    expect(text).not.toContain('400-123-4567');
    expect(text).not.toContain('4001234567');
    const none = await answerText('彩票中奖 加微信 lottery_2024');
    expect(none).not.toContain('lottery_2024');
    expect(none).not.toContain('彩票中奖');
  });
});
