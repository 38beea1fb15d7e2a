/**
 * @module Provider isolation, as a property over every provider and the query sets: a response about a provider
 * (named in `q`, or the `provider` parameter) never carries a contact value that only another provider's sources
 * state, and /v1/answer's answer is that provider's entry or the general guidance's. Run on the shipped articles
 * plus test/eval/growth and the fixture articles (every format), whose articles state hotline numbers, e-mail
 * addresses and URLs (the shipped ones state none, where the property would hold trivially). A provider's sources
 * are its articles, or for a file whose entries name several providers, the spans of its own entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Provider } from '../../src/model';
import { SearchEngine } from '../../src/search/engine';
import { loadQueries } from '../eval/evaluate';
import { buildGrownCorpus, type GrownCorpus } from '../eval/growth';
import { loadArtifact } from '../eval/systems';

/** What a reader could dial, visit or write to, as articles write it. */
const VALUE = /(?:\+?86[-\s]?)?(?:\d[-\s]?){6,}\d|https?:\/\/[\w./?=&%-]+|www\.[\w.-]+\w|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

let grown: GrownCorpus;
let engine: SearchEngine;
let app: ReturnType<typeof createApp>;
let providers: Provider[];
let general: string;
/** Per provider, the contact values of its own articles and contact guidance. */
const valuesOf = new Map<string, Set<string>>();

beforeAll(() => {
  grown = buildGrownCorpus(['test/eval/growth', 'test/fixtures'], process.cwd(), { readableOnly: true });
  const artifact = loadArtifact(grown.artifactPath);
  engine = new SearchEngine(artifact);
  app = createApp(engine);
  providers = artifact.providers;
  general = providers.find((p) => p.general)!.id;
  const ownersOf = new Map<string, Set<string>>();
  for (const e of artifact.entries) ownersOf.set(e.source.doc, (ownersOf.get(e.source.doc) ?? new Set()).add(e.provider));
  const textsOf = new Map<string, string[]>();
  const add = (id: string, text: string) => textsOf.set(id, [...(textsOf.get(id) ?? []), text]);
  for (const [doc, owners] of ownersOf) {
    const text = readFileSync(join(grown.dataDir, 'articles', doc), 'utf8');
    if (owners.size === 1) add([...owners][0], text);
    else for (const e of artifact.entries) if (e.source.doc === doc) add(e.provider, text.slice(e.source.start, e.source.end));
  }
  for (const p of providers) {
    const values = new Set<string>();
    for (const text of textsOf.get(p.id) ?? []) for (const m of text.matchAll(VALUE)) values.add(m[0]);
    for (const c of artifact.contacts[p.id]?.channels ?? []) if (c.value && !c.general && new RegExp(VALUE.source).test(c.value)) values.add(c.value);
    valuesOf.set(p.id, values);
  }
}, 120_000);

afterAll(() => grown?.dispose());

/** Values that only providers other than `about` (and the general guidance) state. */
function foreignValues(about: string): string[] {
  const own = new Set([...valuesOf.get(about)!, ...valuesOf.get(general)!]);
  return [...valuesOf].filter(([id]) => id !== about && id !== general).flatMap(([, vs]) => [...vs].filter((v) => !own.has(v)));
}

async function get(route: string, q: string, provider?: string): Promise<any> {
  const res = await app.request(`${route}?${new URLSearchParams({ q, ...(provider ? { provider } : {}) })}`);
  expect(res.status, q).toBe(200);
  return res.json();
}

/** Checks one question about `about` (named in it, or passed as `provider`) on both routes. */
async function check(q: string, about: string, provider?: string): Promise<string[]> {
  const failures: string[] = [];
  const foreign = foreignValues(about);
  const answer = await get('/v1/answer', q, provider);
  const search = await get('/v1/search', q, provider);
  for (const [route, body] of [['answer', answer], ['search', search]] as const) {
    const json = JSON.stringify(body);
    for (const v of foreign) if (json.includes(v)) failures.push(`${route} ${q} (${about}): carries ${v}`);
  }
  if (answer.answer && ![about, general].includes(answer.answer.provider.id)) failures.push(`answer ${q} (${about}): answered from ${answer.answer.provider.id}`);
  if (answer.contact && ![about, general].includes(answer.contact.provider.id)) failures.push(`answer ${q} (${about}): contact of ${answer.contact.provider.id}`);
  return failures;
}

const sets = ['queries', 'holdout', 'answerable', 'unanswerable'].flatMap((s) => loadQueries(`test/eval/${s}.jsonl`).map((q) => q.q));
/** Questions about any provider, to be asked with each provider's name in front. */
const TEMPLATES = ['客服电话是多少', '客服几点上班', '客服邮箱', '官网是什么', '在线客服在哪', '怎么转人工', '我要投诉', '退款多久到账', '密码忘了', '账户被冻结了', '支付失败怎么办'];

describe('provider isolation', () => {
  it('the grown corpus states contact values for several providers (else the property holds trivially)', () => {
    expect(providers.filter((p) => valuesOf.get(p.id)!.size > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('every provider named in the question, with the query sets\' questions and contact questions', async () => {
    const failures: string[] = [];
    for (const p of providers) {
      for (const t of TEMPLATES) failures.push(...(await check(`${p.name}${t}`, p.id)));
      // The sets' questions that name no provider, with this one's name in front.
      for (const q of sets) if (!engine.analyze(q).provider) failures.push(...(await check(`${p.name} ${q}`, p.id)));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('every provider as the provider parameter, over the query sets', async () => {
    const failures: string[] = [];
    for (const p of providers) {
      for (const q of [...sets, ...TEMPLATES]) failures.push(...(await check(q, p.id, p.id)));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('questions that name a provider themselves', async () => {
    const failures: string[] = [];
    for (const q of sets) {
      const named = engine.analyze(q).provider?.provider;
      if (named) failures.push(...(await check(q, named.id)));
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
