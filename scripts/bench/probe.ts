/**
 * @module Bench: the child-process probe. Each run is a fresh Node process, so what it times is cold (module
 * caches, JIT, lazy structures). Prints one JSON line. Modes:
 *   engine <artifact.txt> [--warm]              read → JSON.parse → SearchEngine → createApp → first request (no
 *                                                start-up warm-up query); --warm: analyzer creation timed cold first,
 *                                                then sound index, framework and query analysis warmed, each timed
 *   worker <src/index.ts>                        import the worker module (tsx) with its Text modules, then its first
 *                                                two /v1/search through mod.default.fetch
 *   trap-prepare <artifact.txt> <out.json>      MiniSearch over the artifact's entries, as the build indexes them,
 *                                                written as toJSON for the trap modes (untimed)
 *   trap <out.json> enc|raw full|keys            MiniSearch.loadJS of that index with encoded or raw (decoded) terms
 *   shipped <artifact.txt>                      the shipped form: new WordIndex + its first search
 *   query <artifact.txt> <ms>                   tinybench query cost (see query-cost.ts)
 *   detect <dataDir> <sample>                    build-time provider detection cost per article
 *   split-prepare <artifact.txt> <dir>          split the artifact into a core and shard files (split-cost.ts)
 *   split <core.txt> <assets dir>                start-up and query cost of the split index (split-cost.ts)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArtifact, type Artifact } from '../../src/artifact';
import { FIRST_QUERY } from './queries';
import { registerTextModules, sourceTextModules } from './text-module-hook';
import { FIRST_PATHS, workerRequests } from './worker-request';

// Everything else is imported by the mode that needs it: the worker mode must load hono and the app
// modules itself, or its import time would leave them out.

const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;

/** A full collection (probe children run with --expose-gc; see runTsJson). */
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('the probe needs node --expose-gc');
  collect();
}

/**
 * Cold engine start-up and the first request, which here runs without the warm-up query src/index.ts makes at
 * module scope (so it is an upper bound of the isolate's first request). The engine does its work in the
 * constructor (MiniSearch is gone: the index ships as strings read on first use), so start-up splits into read,
 * JSON.parse, constructor and createApp; the --warm runs also time a cold createAnalyzer, the constructor's first step.
 */
async function engineProbe(file: string, warm: boolean) {
  const { warmNodeFetch } = await workerRequests();
  await warmNodeFetch();
  const { SearchEngine } = await import('../../src/search/engine');
  const { createApp } = await import('../../src/app');
  const { createAnalyzer } = await import('../../src/search/index-options');
  // Start from a collected heap, as a new isolate does (see BUNDLE_CHILD in startup.ts).
  gc();
  const t0 = performance.now();
  const text = readFileSync(file, 'utf8');
  const t1 = performance.now();
  const artifact = parseArtifact(text);
  const t2 = performance.now();
  let analyzerMs: number | undefined;
  if (warm) {
    // Cold here, in a process whose own constructor is not reported: the analyzer's share of a cold constructor.
    analyzerMs = -performance.now();
    createAnalyzer(artifact.text);
    analyzerMs += performance.now();
  }
  const t3a = performance.now();
  const engine = new SearchEngine(artifact);
  const t3 = performance.now();
  const app = createApp(engine);
  const t4 = performance.now();
  let pinyinMs: number | undefined;
  let healthFirstMs: number | undefined;
  let analyzeFirstMs: number | undefined;
  let searchFirstMs: number | undefined;
  if (warm) {
    // Split the first request: the lazy sound index, the framework's own first request (routing, CORS, headers),
    // the first query analysis and the first engine.search, so the timed request below is validation,
    // presenters, ETag and JSON alone.
    const build = (engine as unknown as { pinyin?: () => unknown }).pinyin;
    if (typeof build === 'function') {
      pinyinMs = -performance.now();
      build.call(engine);
      pinyinMs += performance.now();
    }
    healthFirstMs = -performance.now();
    await (await app.request('http://bench.local/health')).text();
    healthFirstMs += performance.now();
    analyzeFirstMs = -performance.now();
    engine.analyze(FIRST_QUERY);
    analyzeFirstMs += performance.now();
    searchFirstMs = -performance.now();
    engine.search({ q: FIRST_QUERY, limit: 5 });
    searchFirstMs += performance.now();
  }
  const t5 = performance.now();
  const res = await app.request(`http://bench.local${FIRST_PATHS[0]}`);
  await res.text();
  const t6 = performance.now();
  const second = performance.now();
  await (await app.request(`http://bench.local${FIRST_PATHS[1]}`)).text();
  const secondMs = performance.now() - second;
  // Live heap, as an isolate's memory limit sees it.
  gc();
  const mem = process.memoryUsage();
  return {
    readMs: t1 - t0,
    parseMs: t2 - t1,
    analyzerMs,
    ctorMs: t3 - t3a,
    appMs: t4 - t3,
    readyMs: t2 - t1 + (t4 - t3a),
    pinyinMs,
    healthFirstMs,
    analyzeFirstMs,
    searchFirstMs,
    firstRequestMs: t6 - t5,
    firstStatus: res.status,
    secondRequestMs: secondMs,
    heapMB: mb(mem.heapUsed),
    rssMB: mb(mem.rss),
  };
}

/**
 * Import of the worker entry module through tsx (its Text modules preloaded, as workerd holds them), from the start
 * of the import to the module being evaluated (including its start-up warm-up query); then the isolate's first two
 * requests through the module's own fetch handler.
 */
async function workerProbe(entry: string) {
  const texts = sourceTextModules(dirname(dirname(entry)));
  registerTextModules(texts);
  const requests = await workerRequests();
  await requests.warmNodeFetch();
  gc();
  const t0 = performance.now();
  const mod = (await import(pathToFileURL(entry).href)) as { default?: unknown };
  const t1 = performance.now();
  const first = await requests.firstRequests(mod.default, FIRST_PATHS);
  return { importMs: t1 - t0, ...first, textModules: texts.length, rssMB: mb(process.memoryUsage().rss) };
}

/**
 * The MiniSearch index the trap modes load, built from the artifact's entries exactly as the build indexes them
 * (the shipped word index is converted from that index). Written to a file and loaded by separate processes:
 * building it here would compile MiniSearch's radix-tree code, and loadJS must be timed cold.
 */
async function trapPrepare(file: string, out: string) {
  const { default: MiniSearch } = await import('minisearch');
  const { createAnalyzer, indexOptions, toIndexDoc } = await import('../../src/search/index-options');
  const artifact = parseArtifact(readFileSync(file, 'utf8'));
  if (artifact.entries.length === 0) throw new Error('the artifact ships no entries (split into shards?): nothing to index');
  const t0 = performance.now();
  const index = new MiniSearch(indexOptions(createAnalyzer(artifact.text)));
  index.addAll(artifact.entries.map(toIndexDoc));
  const buildMs = performance.now() - t0;
  writeFileSync(out, JSON.stringify(index));
  return { buildMs, terms: index.termCount };
}

/**
 * MiniSearch.loadJS (not shipped any more) of the prepared index, as the build stores terms (encoded) or with raw
 * Han terms; `keys` keeps one tiny posting per term to time the tree alone.
 */
async function trapProbe(file: string, terms: string, scope: string) {
  const { default: MiniSearch } = await import('minisearch');
  const { decodeTerm } = await import('../../src/search/index-options');
  const index = JSON.parse(readFileSync(file, 'utf8')) as { index: [string, unknown][]; fieldIds: Record<string, number> };
  const posting = { 0: { 0: 1 } };
  const entries = index.index.map(([t, d]) => [terms === 'raw' ? decodeTerm(t) : t, scope === 'keys' ? posting : d]);
  const js = { ...index, index: entries };
  const t0 = performance.now();
  const ms = MiniSearch.loadJS(js as never, { fields: Object.keys(index.fieldIds) });
  const loadJsMs = performance.now() - t0;
  const firstChars = new Set(entries.map(([t]) => String(t)[0])).size;
  return { loadJsMs, terms: ms.termCount, rootFanout: firstChars };
}

/**
 * The shipped form for comparison: `new WordIndex(artifact.words, boosts)` (what the engine constructor does) and
 * its first search, which splits the packed table, decodes the field lengths and one posting list.
 */
async function shippedProbe(file: string) {
  const { WordIndex } = await import('../../src/search/word-index');
  const { FIELD_BOOSTS } = await import('../../src/search/index-options');
  const artifact = parseArtifact(readFileSync(file, 'utf8'));
  const words = artifact.words;
  if (!words.postings.values) throw new Error('the artifact ships no posting values (split into shards?)');
  const boosts = words.fields.map((f) => FIELD_BOOSTS[f as keyof typeof FIELD_BOOSTS] ?? 1);
  // A term from the middle of the sorted keys (found through a separate reader: the timed search loads its own).
  const { SortedKeys } = await import('../../src/text/sorted-table');
  const sorted = new SortedKeys(words.postings);
  const term = sorted.key(sorted.size >> 1);
  const t0 = performance.now();
  const index = new WordIndex(words, boosts);
  const t1 = performance.now();
  const found = index.search(term).positions.length;
  const t2 = performance.now();
  if (found === 0) throw new Error(`term ${JSON.stringify(term)} of the table found nothing`);
  return { ctorMs: t1 - t0, firstSearchMs: t2 - t1, terms: sorted.size };
}

/** Mean time of the build's provider detection on a sample of synthetic articles, with the full provider list. */
async function detectProbe(dataDir: string, sample: number) {
  const { detectArticleProvider } = await import('../../src/indexer/article-provider');
  const { parseSource } = await import('../../src/indexer/formats/index');
  const { createFold } = await import('../../src/indexer/fold');
  const { ScriptTable } = await import('../../src/text/script-table');
  const fold = createFold(ScriptTable.fromPairs([]));
  const { loadSources } = await import('../../src/indexer/load-sources');
  const sources = loadSources(dataDir);
  const synthetic = sources.articles.filter((a) => a.doc.startsWith('syn_'));
  const step = Math.max(1, Math.floor(synthetic.length / sample));
  const picked = synthetic.filter((_, i) => i % step === 0).slice(0, sample);
  const models = picked.map((a) => parseSource(a, { normalize: fold }));
  const t0 = performance.now();
  for (const m of models) detectArticleProvider(m, sources.providers, fold);
  const perArticleMs = (performance.now() - t0) / Math.max(1, picked.length);
  const aliases = sources.providers.reduce((n, p) => n + p.aliases.length, 0);
  const chars = sources.articles.reduce((n, a) => n + a.text.length, 0);
  return { perArticleMs, sampled: picked.length, articles: sources.articles.length, aliases, chars, estimatedMs: perArticleMs * sources.articles.length };
}

async function main(): Promise<unknown> {
  const [mode, a, b, c] = process.argv.slice(2);
  switch (mode) {
    case 'engine':
      return engineProbe(a, b === '--warm');
    case 'worker':
      return workerProbe(a);
    case 'trap-prepare':
      return trapPrepare(a, b);
    case 'trap':
      return trapProbe(a, b, c);
    case 'shipped':
      return shippedProbe(a);
    case 'query':
      return (await import('./query-cost')).measureQueryCost(parseArtifact(readFileSync(a, 'utf8')), Number(b));
    case 'detect':
      return detectProbe(a, Number(b));
    case 'split-prepare':
      return (await import('./split-cost')).prepareSplit(a, b);
    case 'split':
      return (await import('./split-cost')).measureSplit(a, b);
    default:
      throw new Error(`unknown probe mode "${mode}"`);
  }
}

console.log(JSON.stringify(await main()));
