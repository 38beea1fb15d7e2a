/**
 * @module Bench: the child-process probe. Each run is a fresh Node process, so what it times is cold (module
 * caches, JIT, lazy structures). Prints one JSON line. Modes:
 *   engine <artifact.json> [--warm]              read → JSON.parse → SearchEngine (analyzer | loadJS | other) → createApp → first request
 *                                                (--warm: sound index, framework and query analysis warmed first, each timed)
 *   worker <src/index.ts>                        import the worker module (tsx) until ready, with loadJS timed
 *   trap <artifact.json> enc|raw full|keys       MiniSearch.loadJS of the index with encoded or raw (decoded) terms
 *   query <artifact.json> <ms>                   tinybench query cost (see query-cost.ts)
 *   detect <dataDir> <sample>                    build-time provider detection cost per article
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Artifact } from '../../src/artifact';
import { hookLoadJs } from './hooks';
import { FIRST_QUERY } from './queries';
import { preloadTextModules, TEXT_ARTIFACT_HOOK_URL } from './text-module-hook';

// Everything else is imported by the mode that needs it: the worker mode must load hono, zod and the app
// modules itself, or its import time would leave them out.

const mb = (bytes: number) => Math.round((bytes / 1e6) * 10) / 10;

/**
 * Node loads its fetch implementation (undici: Request, Response, Headers) lazily, ~20 ms on first use; workerd
 * has them built in. Touch them before timing so a "first request" here is the worker's, not Node's.
 */
async function warmNodeFetch(): Promise<void> {
  const req = new Request('http://bench.local/?q=x', { headers: { 'x-a': 'b' } });
  await new Response(JSON.stringify({ url: req.url, h: req.headers.get('x-a') }), { headers: { 'content-type': 'application/json' } }).text();
}

/** Cold engine start-up and the first request, with the constructor split by the loadJS hook. */
async function engineProbe(file: string, warm: boolean) {
  await warmNodeFetch();
  const { SearchEngine } = await import('../../src/search/engine');
  const { createApp } = await import('../../src/app');
  const loadJs = hookLoadJs();
  const t0 = performance.now();
  const text = readFileSync(file, 'utf8');
  const t1 = performance.now();
  const artifact = JSON.parse(text) as Artifact;
  const t2 = performance.now();
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
  const res = await app.request(`http://bench.local/v1/search?q=${encodeURIComponent(FIRST_QUERY)}`);
  await res.text();
  const t6 = performance.now();
  const second = performance.now();
  await (await app.request(`http://bench.local/v1/search?q=${encodeURIComponent('钱付了但是没到账')}`)).text();
  const secondMs = performance.now() - second;
  // Live heap, as an isolate's memory limit sees it (the child runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  return {
    readMs: t1 - t0,
    parseMs: t2 - t1,
    analyzerMs: loadJs.start - t2,
    loadJsMs: loadJs.end - loadJs.start,
    otherMs: t3 - loadJs.end,
    ctorMs: t3 - t2,
    appMs: t4 - t3,
    readyMs: t4 - t1,
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

/** Whether the worker copy's wrangler.toml bundles the artifact as text ([[rules]] type = "Text"). */
function artifactIsText(entry: string): boolean {
  const toml = readFileSync(join(dirname(entry), '..', 'wrangler.toml'), 'utf8');
  return toml
    .split(/^(?=\[)/m)
    .some((section) => section.startsWith('[[rules]]') && /type\s*=\s*"Text"/.test(section) && section.includes('artifact.json'));
}

/** Import of the worker entry module through tsx, from the start of the import to the module being evaluated. */
async function workerProbe(entry: string) {
  if (artifactIsText(entry)) {
    register(TEXT_ARTIFACT_HOOK_URL);
    preloadTextModules([join(dirname(entry), 'generated', 'artifact.json')]);
  }
  const loadJs = hookLoadJs();
  const t0 = performance.now();
  const mod = (await import(pathToFileURL(entry).href)) as { default?: { fetch?: unknown } };
  const t1 = performance.now();
  if (typeof mod.default?.fetch !== 'function') throw new Error('worker module has no default fetch handler');
  return { importMs: t1 - t0, loadJsMs: loadJs.end - loadJs.start, rssMB: mb(process.memoryUsage().rss) };
}

/** The index as shipped (encoded terms) or with raw Han terms; `keys` keeps one tiny posting per term to time the tree alone. */
async function trapProbe(file: string, terms: string, scope: string) {
  const { default: MiniSearch } = await import('minisearch');
  const { decodeTerm } = await import('../../src/search/index-options');
  const artifact = JSON.parse(readFileSync(file, 'utf8')) as Artifact;
  const index = artifact.index as { index: [string, unknown][]; fieldIds: Record<string, number> };
  const posting = { 0: { 0: 1 } };
  const entries = index.index.map(([t, d]) => [terms === 'raw' ? decodeTerm(t) : t, scope === 'keys' ? posting : d]);
  const js = { ...index, index: entries };
  const t0 = performance.now();
  const ms = MiniSearch.loadJS(js as never, { fields: Object.keys(index.fieldIds) });
  const loadJsMs = performance.now() - t0;
  const firstChars = new Set(entries.map(([t]) => String(t)[0])).size;
  return { loadJsMs, terms: ms.termCount, rootFanout: firstChars };
}

/** Mean time of the build's provider detection on a sample of synthetic articles, with the full provider list. */
async function detectProbe(dataDir: string, sample: number) {
  const { detectArticleProvider } = await import('../build/extract-entries');
  const { loadSources } = await import('../build/load-sources');
  const sources = loadSources(dataDir);
  const synthetic = sources.articles.filter((a) => a.doc.startsWith('syn_'));
  const step = Math.max(1, Math.floor(synthetic.length / sample));
  const picked = synthetic.filter((_, i) => i % step === 0).slice(0, sample);
  const t0 = performance.now();
  for (const a of picked) detectArticleProvider(a, sources.providers);
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
    case 'trap':
      return trapProbe(a, b, c);
    case 'query':
      return (await import('./query-cost')).measureQueryCost(JSON.parse(readFileSync(a, 'utf8')) as Artifact, Number(b));
    case 'detect':
      return detectProbe(a, Number(b));
    default:
      throw new Error(`unknown probe mode "${mode}"`);
  }
}

console.log(JSON.stringify(await main()));
