/** @module Grounding invariant: no phone number, URL, e-mail address or WeChat ID in any response unless it stands verbatim in a source article. */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { SearchEngine } from '../../src/search/engine';
import { loadQueries } from '../eval/evaluate';
import { loadArtifact } from '../eval/systems';
import { shippedSources } from '../support/indexer';

const engine = new SearchEngine(loadArtifact());
const app = createApp(engine);
// Every article the build reads, whatever its format (the loader decides, as for the build).
const sources = shippedSources()
  .articles.map((a) => a.text)
  .join('\n');

/** Things that would let a user call, visit or message someone: what fake customer-service scams rely on. */
const CONTACT_LIKE = [
  /(?<!\d)(?:\+?86[-\s]?)?(?:\d[-\s]?){7,}(?!\d)/g, // phone numbers (7+ digits, separators allowed)
  /\b\d{3,4}-\d{3,4}-\d{3,4}\b/g,
  /https?:\/\/\S+|www\.[\w.-]+/gi, // URLs
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses
  /(?:微信号|微信|wechat|weixin)\s*[:：]?\s*[A-Za-z][\w-]{5,19}/gi, // WeChat IDs
];

function leaks(body: string): string[] {
  const found: string[] = [];
  for (const re of CONTACT_LIKE) for (const m of body.matchAll(re)) if (!sources.includes(m[0].trim())) found.push(m[0]);
  return found;
}

async function get(path: string): Promise<string> {
  const res = await app.fetch(new Request(`http://localhost${path}`));
  expect(res.status, path).toBeLessThan(500);
  return res.text();
}

describe('no invented contact details in any response', () => {
  const queries = [...loadQueries('test/eval/queries.jsonl'), ...loadQueries('test/eval/holdout.jsonl')].map((q) => q.q);

  it('the pattern catches what it must (self-check)', () => {
    const found = leaks('请拨打 400-820-1234 或 95588123 联系，网址 https://example.com，邮箱 help@example.com，微信号: kefu_2024').join('|');
    for (const s of ['400-820-1234', '95588123', 'https://example.com', 'help@example.com', 'kefu_2024']) expect(found).toContain(s);
  });

  it('provider routes, for every provider', async () => {
    const found: string[] = [];
    found.push(...leaks(await get('/v1/providers')));
    for (const p of engine.artifact.providers) found.push(...leaks(await get(`/v1/providers/${p.id}`)));
    for (const e of engine.artifact.entries) found.push(...leaks(await get(`/v1/entries/${e.id}`)));
    expect(found).toEqual([]);
  });

  it('search and answer, for every eval query, with and without each provider', async () => {
    const found: string[] = [];
    for (const q of queries) {
      const enc = encodeURIComponent(q);
      found.push(...leaks(await get(`/v1/search?q=${enc}&limit=20`)), ...leaks(await get(`/v1/answer?q=${enc}`)));
    }
    for (const p of engine.artifact.providers) {
      for (const q of ['客服电话', '怎么联系客服', '投诉', '退款']) found.push(...leaks(await get(`/v1/answer?q=${encodeURIComponent(q)}&provider=${p.id}`)));
    }
    expect(found).toEqual([]);
  });
});
