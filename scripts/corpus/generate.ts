/**
 * @module Synthetic corpus: generates a synthetic data directory of about N entries: the real data (config files, the five
 * real articles and providers) plus one synthetic article per synthetic provider, counted with the build's own
 * segmenter so the entry total is what the build will produce.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '../../src/model';
import type { CategoryLexicon } from '../../src/text/category';
import { entriesOfSource, providerOfSource } from '../../src/indexer/extract-entries';
import { createFold } from '../../src/indexer/fold';
import { ScriptTable } from '../../src/text/script-table';
import { generalWords } from '../../src/indexer/general-words';
import { writeArticle } from './article';
import { harvestPool, type Pool } from './pool';
import { makeProviders } from './providers';
import { BENCH_QUERIES } from '../bench/queries';
import { createRng, type Rng } from './rng';

/** The articles, real and synthetic, are simplified Chinese: the build's fold without a script map reads them alike. */
const SIMPLIFIED = createFold(ScriptTable.fromPairs([]));

/** What to generate. */
export interface CorpusOptions {
  /** Target number of entries (real + synthetic). */
  entries: number;
  /** Output data directory (replaced). */
  out: string;
  /** Source data directory (config files, real articles). */
  data: string;
  seed: number;
  /** Topic sections per synthetic article, [min, max]. */
  sections: [number, number];
}

/** What was generated. */
export interface CorpusSummary {
  entries: number;
  articles: number;
  providers: number;
  bytes: number;
  ms: number;
}

const CONFIG_FILE = /\.(json|txt|tsv)$/;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Copies config files and real articles; returns the real providers and how many entries the real articles yield. */
function copyRealData(opts: CorpusOptions, lexicon: CategoryLexicon): { providers: Provider[]; entries: number } {
  rmSync(opts.out, { recursive: true, force: true });
  mkdirSync(join(opts.out, 'articles'), { recursive: true });
  for (const f of readdirSync(opts.data)) if (CONFIG_FILE.test(f) && f !== 'providers.json') copyFileSync(join(opts.data, f), join(opts.out, f));
  const providers = readJson<{ providers: Provider[] }>(join(opts.data, 'providers.json')).providers;
  let entries = 0;
  for (const doc of readdirSync(join(opts.data, 'articles')).filter((n) => n.endsWith('.txt'))) {
    const text = readFileSync(join(opts.data, 'articles', doc), 'utf8');
    copyFileSync(join(opts.data, 'articles', doc), join(opts.out, 'articles', doc));
    entries += entriesOfSource({ doc, path: doc, text }, { providers, lexicon, fold: SIMPLIFIED }).entries.length;
  }
  return { providers, entries };
}

/** Enough synthetic providers for the target (estimated from the mean section count, with slack). */
function providersFor(opts: CorpusOptions, remaining: number, real: Provider[], pool: Pool, rng: Rng): Provider[] {
  const meanSections = (opts.sections[0] + opts.sections[1]) / 2;
  const count = Math.ceil((remaining / (meanSections * 0.8)) * 1.3) + 5;
  const taken = new Set(real.flatMap((p) => [p.name, ...p.aliases]));
  const commonWords = new Set(generalWords().keys());
  const forbiddenText = `${pool.allText}\n${BENCH_QUERIES.map((q) => q.q).join('\n')}`;
  return makeProviders({ count, forbiddenText, commonWords, taken }, rng);
}

/** Writes articles until the entry target is reached; returns the providers used and totals. */
function writeSynthetic(opts: CorpusOptions, pool: Pool, candidates: Provider[], target: number, lexicon: CategoryLexicon, rng: Rng) {
  const used: Provider[] = [];
  let entries = 0;
  let bytes = 0;
  for (const provider of candidates) {
    if (entries >= target) break;
    const doc = `syn_${provider.id.slice(4)}.txt`;
    const text = writeArticle(pool, provider, rng.int(opts.sections[0], opts.sections[1]), rng);
    entries += entriesOfSource({ doc, path: doc, text }, { providers: [provider], lexicon, fold: SIMPLIFIED }).entries.length;
    writeFileSync(join(opts.out, 'articles', doc), text);
    bytes += Buffer.byteLength(text);
    used.push(provider);
  }
  if (entries < target) throw new Error(`ran out of provider names at ${entries} entries (target ${target})`);
  return { used, entries, bytes };
}

/** Checks, on a sample, that the build will attribute each synthetic article to its own provider. */
function checkAttribution(out: string, providers: Provider[], sample: Provider[]): void {
  for (const p of sample) {
    const doc = `syn_${p.id.slice(4)}.txt`;
    const found = providerOfSource({ doc, path: doc, text: readFileSync(join(out, 'articles', doc), 'utf8') }, providers, SIMPLIFIED);
    if (found.id !== p.id) throw new Error(`${doc} is attributed to ${found.id}, not ${p.id}`);
  }
}

/** Generates the data directory; deterministic for the same options. */
export function generateCorpus(opts: CorpusOptions): CorpusSummary {
  const started = performance.now();
  const rng = createRng(opts.seed);
  const lexicon = readJson<{ categories: CategoryLexicon }>(join(opts.data, 'categories.json')).categories;
  const pool = harvestPool(opts.data, lexicon);
  const real = copyRealData(opts, lexicon);
  const target = Math.max(0, opts.entries - real.entries);
  const candidates = providersFor(opts, target, real.providers, pool, rng);
  const synthetic = writeSynthetic(opts, pool, candidates, target, lexicon, rng);
  const providers = [...real.providers, ...synthetic.used];
  writeFileSync(join(opts.out, 'providers.json'), JSON.stringify({ providers }, null, 1));
  checkAttribution(opts.out, providers, rng.sample(synthetic.used, 8));
  return {
    entries: real.entries + synthetic.entries,
    articles: real.providers.length + synthetic.used.length,
    providers: providers.length,
    bytes: synthetic.bytes,
    ms: performance.now() - started,
  };
}
