/**
 * @module Contact answers end to end: data/ plus the fixture, growth and held-out contact articles (real-looking
 * numbers, addresses and hours in every format) built through scripts/build.ts, then the ordinary contact questions
 * about each provider, in simplified, traditional and English wording, asked of /v1/answer. What a provider's
 * sources state is read from the source files here, with patterns of this test's own, not from the build's contact
 * guidance: a provider's sources are its articles, or for a file whose entries name several providers, the spans
 * of its own entries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/cn2t';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Artifact } from '../../src/artifact';
import type { Provider } from '../../src/model';
import { SearchEngine } from '../../src/search/engine';
import { buildGrownCorpus, type GrownCorpus } from '../eval/growth';
import { loadArtifact } from '../eval/systems';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Phone numbers as articles write them: digit groups with spaces, dashes, an area code in brackets, a country code. */
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:[(（]\d{2,4}[)）]\s?)?\d[\d\s-]{3,16}\d/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const URL = /https?:\/\/[\w./?=&%#~+-]*[\w/]|www\.[\w.-]*\w/g;
/** A time range (9:00-18:00, 上午9時至下午6時; a dash may be an HTML entity) or round-the-clock service. */
const HOURS =
  /\d{1,2}\s*[:：]\s*\d{2}\s*(?:[-–—~～至到]|&ndash;)\s*\d{1,2}\s*[:：]\s*\d{2}|(?:[上下]午|早上|晚上)?\d{1,2}[时時点點]\s*[至到-]\s*(?:[上下]午|早上|晚上)?\d{1,2}[时時点點]|7\s*[×xX*]\s*24(?:\s*小[时時])?|24\s*小[时時](?![内內後后到])/g;
/** Words of a sentence about service, which hours need to be a provider's service hours. */
const SERVICE = /客服|服务|服務|热线|熱線|专线|專線|电话|電話|接听|接聽|在线|在線/;

const digits = (s: string) => s.replace(/\D/g, '');
/** Hours compared without spaces, with half-width colons and one kind of dash. */
const hoursKey = (s: string) => s.replace(/&ndash;/g, '-').replace(/\s/g, '').replace(/：/g, ':').replace(/[–—~～至到]/g, '-');

/** Phone numbers of a text: five to fifteen digits, not a date. */
function phones(text: string): string[] {
  return [...text.matchAll(PHONE)].map((m) => m[0].trim()).filter((v) => digits(v).length >= 5 && digits(v).length <= 15 && !/^\d{4}-\d{1,2}-\d{1,2}/.test(v));
}

/** Hours phrases of the sentences about service in a text. */
function hoursIn(text: string): string[] {
  return text
    .split(/[。！？!?\n]/)
    .filter((s) => SERVICE.test(s))
    .flatMap((s) => [...s.matchAll(HOURS)].map((m) => m[0]));
}

interface Stated {
  texts: string[];
  phone: string[];
  email: string[];
  url: string[];
  hours: string[];
}

let grown: GrownCorpus;
let artifact: Artifact;
let app: ReturnType<typeof createApp>;
let providers: Provider[];
let general: string;
const stated = new Map<string, Stated>();

beforeAll(() => {
  grown = buildGrownCorpus(['test/eval/growth', 'test/fixtures', 'test/contact-heldout'], process.cwd(), { readableOnly: true });
  artifact = loadArtifact(grown.artifactPath);
  app = createApp(new SearchEngine(artifact));
  providers = artifact.providers;
  general = providers.find((p) => p.general)!.id;
  // A JSON-LD keyword's value (@context: https://schema.org) says what a node is, not a provider's value, and so
  // does the address of a page's script or stylesheet (<script src>, <link href>); blanked to their length, so entry
  // spans still slice the text.
  const file = (doc: string) =>
    readFileSync(join(grown.dataDir, 'articles', doc), 'utf8')
      .replace(/"@\w+"\s*:\s*"[^"]*"/g, (m) => ' '.repeat(m.length))
      .replace(/<(?:script|link)\b[^>]*>/gi, (m) => ' '.repeat(m.length));
  const ownersOf = new Map<string, Set<string>>();
  for (const e of artifact.entries) ownersOf.set(e.source.doc, (ownersOf.get(e.source.doc) ?? new Set()).add(e.provider));
  const textsOf = new Map<string, string[]>();
  const add = (id: string, text: string) => textsOf.set(id, [...(textsOf.get(id) ?? []), text]);
  for (const [doc, owners] of ownersOf) {
    const text = file(doc);
    if (owners.size === 1) add([...owners][0], text);
    else for (const e of artifact.entries) if (e.source.doc === doc) add(e.provider, text.slice(e.source.start, e.source.end));
  }
  for (const p of providers) {
    const texts = textsOf.get(p.id) ?? [];
    const all = texts.join('\n');
    stated.set(p.id, {
      texts,
      phone: phones(all),
      email: [...all.matchAll(EMAIL)].map((m) => m[0]),
      url: [...all.matchAll(URL)].map((m) => m[0]),
      hours: hoursIn(all),
    });
  }
}, 180_000);

afterAll(() => grown?.dispose());

/** Every value another provider's sources state and neither `about`'s nor the general guidance's do. */
function foreignValues(about: string): string[] {
  const own = [...stated.get(about)!.texts, ...stated.get(general)!.texts];
  const out = new Set<string>();
  for (const [id, s] of stated) {
    if (id === about || id === general) continue;
    for (const v of [...s.phone, ...s.email, ...s.url]) if (!own.some((t) => t.includes(v))) out.add(v);
  }
  return [...out];
}

type Kind = 'phone' | 'email' | 'url' | 'hours';

/** The questions asked about a provider, by the kind of value they ask for (the human question asks for a number). */
function questions(p: Provider): [Kind, string][] {
  const latin = p.aliases.find((a) => /^[A-Za-z][A-Za-z ]+$/.test(a) && a.length > 3);
  const zh: [Kind, string][] = [
    ['phone', `${p.name}客服电话是多少`],
    ['phone', `${p.name}人工客服电话`],
    ['phone', `${p.name}怎么转人工`],
    ['email', `${p.name}客服邮箱是什么`],
    ['url', `${p.name}官网是什么`],
    ['hours', `${p.name}客服几点上班`],
  ];
  const en: [Kind, string][] = latin
    ? [
        ['phone', `${latin} customer service phone number`],
        ['email', `${latin} customer service email`],
        ['url', `${latin} official website`],
        ['hours', `${latin} customer service hours`],
      ]
    : [];
  return [...zh, ...zh.map(([k, q]): [Kind, string] => [k, toTraditional(q)]), ...en];
}

/** Whether `text` states one of the values of this kind. */
function states(kind: Kind, text: string, values: string[]): boolean {
  if (kind === 'phone') {
    const said = new Set(phones(text).map(digits));
    return values.some((v) => said.has(digits(v)));
  }
  if (kind === 'hours') return values.some((v) => hoursKey(text).includes(hoursKey(v)));
  return values.some((v) => text.includes(v));
}

async function ask(q: string): Promise<any> {
  const res = await app.request(`/v1/answer?${new URLSearchParams({ q })}`);
  expect(res.status, q).toBe(200);
  return res.json();
}

/** What is wrong with the answers to the ordinary contact questions about `p`, one line each. */
async function failuresFor(p: Provider): Promise<string[]> {
  const own = stated.get(p.id)!;
  const foreign = foreignValues(p.id);
  const generalHours = stated.get(general)!.texts.flatMap((t) => [...t.matchAll(HOURS)].map((m) => hoursKey(m[0])));
  const ownText = own.texts.join('\n');
  const failures: string[] = [];
  for (const [kind, q] of questions(p)) {
    const body = await ask(q);
    const json = JSON.stringify(body);
    if (own[kind].length && !states(kind, body.text, own[kind])) failures.push(`${q}: the text states none of ${own[kind].join(', ')}`);
    for (const v of foreign) if (json.includes(v)) failures.push(`${q}: carries ${v}, another provider's`);
    for (const line of body.text.split('\n').filter((l: string) => /服务时间|服務時間/.test(l)))
      for (const g of generalHours) if (hoursKey(line).includes(g) && !hoursKey(ownText).includes(g)) failures.push(`${q}: presents the general hours as its own: ${line}`);
  }
  return failures;
}

describe('contact answers state the provider\'s own values', () => {
  it('builds every fixture, growth and held-out article into the corpus', () => {
    expect(grown.skipped.map((s) => `${s.path}: ${s.reason}`)).toEqual([]);
  });

  it('has providers that state each kind of value (else the checks hold trivially)', () => {
    for (const kind of ['phone', 'email', 'url', 'hours'] as const) expect([...stated.values()].filter((s) => s[kind].length).length, kind).toBeGreaterThanOrEqual(3);
  });

  it('answers each provider\'s ordinary contact questions with its own values and no other provider\'s', async () => {
    const report: Record<string, string[]> = {};
    for (const p of providers.filter((x) => !x.general)) {
      const s = stated.get(p.id)!;
      if (!(s.phone.length || s.email.length || s.url.length || s.hours.length)) continue;
      const failures = await failuresFor(p);
      if (failures.length) report[p.id] = failures;
    }
    expect(report).toEqual({});
  }, 180_000);
});
