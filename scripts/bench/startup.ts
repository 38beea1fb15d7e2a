/**
 * @module Bench: start-up measured in fresh processes, several runs each, reported as medians (and minima, the
 * least disturbed run on a shared machine): the engine alone (with its breakdown and a first request without the
 * start-up warm-up), the worker module through tsx and the wrangler-built bundle in plain Node (closest to what
 * workerd evaluates), each followed by the isolate's first requests, and the radix-tree trap (MiniSearch.loadJS
 * with encoded versus raw Han terms, against the shipped packed index).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { probe, runJsJson, runTsJson } from './proc';
import { load1, median, medianOf } from './stats';
import { bundleTextModules } from './text-module-hook';
import { FIRST_PATHS, WORKER_REQUEST_URL } from './worker-request';

/** One engine probe run (see probe.ts engineProbe). */
export interface EngineRun {
  readMs: number;
  parseMs: number;
  /** Cold createAnalyzer (--warm runs only). */
  analyzerMs?: number;
  ctorMs: number;
  appMs: number;
  readyMs: number;
  pinyinMs?: number;
  healthFirstMs?: number;
  analyzeFirstMs?: number;
  searchFirstMs?: number;
  firstRequestMs: number;
  secondRequestMs: number;
  heapMB: number;
  rssMB: number;
}

/** One import of the worker module or bundle, then its first two requests (see worker-request.ts). */
export interface ImportRun {
  importMs: number;
  firstRequestMs: number;
  secondRequestMs: number;
}

/** Medians (and minima) over the runs of one import kind. */
export interface ImportResult {
  importMs: number;
  importMinMs: number;
  firstRequestMs: number;
  firstRequestMinMs: number;
  secondRequestMs: number;
}

/** Medians over the runs of one size. */
export interface StartupResult {
  runs: number;
  /** JSON.parse + SearchEngine + createApp (no module loading): the isolate's own start-up work. */
  engineReadyMs: number;
  engineReadyMinMs: number;
  readMs: number;
  parseMs: number;
  /** new SearchEngine(artifact). */
  ctorMs: number;
  /** createAnalyzer alone, cold (in the --warm runs): the constructor's first step. */
  analyzerMs?: number;
  appMs: number;
  /**
   * First /v1/search through the engine probe's app right after createApp, without the warm-up query src/index.ts
   * runs at module start-up (so JIT warm-up and lazy structures land in it): an upper bound.
   */
  engineFirstRequestMs: number;
  engineFirstRequestMinMs: number;
  /** Same request after all the above were warmed: validation, presenters, ETag, JSON. */
  firstRequestPrebuiltMs?: number;
  pinyinBuildMs?: number;
  /** The framework's first request (GET /health) in a fresh process. */
  healthFirstMs?: number;
  /** The first engine.analyze of the first query, after the above. */
  analyzeFirstMs?: number;
  /** The first engine.search (same query, analysis code now compiled): ranking and snippets. */
  searchFirstMs?: number;
  secondRequestMs: number;
  heapMB: number;
  /** src/index.ts imported through tsx (includes TypeScript transforms and all of hono), then its first requests. */
  worker?: ImportResult;
  /**
   * The wrangler --minify bundle imported in plain Node (parse + evaluate, like workerd at isolate start, with the
   * start-up warm-up query), then the isolate's first requests through its fetch handler.
   */
  bundle?: ImportResult;
  load: number;
  /** Failures of the optional parts (worker import, bundle import). */
  errors: string[];
}

/** MiniSearch.loadJS (not shipped) of the encoded vs raw-term index, full postings and tree only, against the shipped form; medians in ms. */
export interface TrapResult {
  encodedFullMs: number;
  rawFullMs: number;
  encodedKeysMs: number;
  rawKeysMs: number;
  terms: number;
  encodedRootFanout: number;
  rawRootFanout: number;
  /** The shipped packed word index: new WordIndex(artifact.words, boosts), and its first search of a term. */
  shippedCtorMs: number;
  shippedFirstSearchMs: number;
  /** Untimed preparation: MiniSearch addAll over the entries (for scale; the build does the same). */
  prepareBuildMs: number;
}

/**
 * Plain-Node child: imports a copy of the bundle whose Text-module imports read strings preloaded into memory (as
 * workerd holds Text modules in memory), loads Node's fetch classes, all outside the timing; then imports the bundle
 * and sends the isolate's first two requests through its fetch handler. One JSON argument: see bundleImport.
 * No module loader hook: Node runs hooks on a separate thread and every import then pays a round trip (~9 ms over
 * the bundle's imports, measured), which is Node's cost, not the worker's. The heap is collected just before the
 * timing starts, as a new isolate's is empty: without that, a scavenge of the harness's garbage fell inside the
 * import and the first request (import 22.5 → 18.3 ms and first request 9.2 → 5.0 ms, medians of 7, measured).
 */
const BUNDLE_CHILD = `
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
const { bundle, texts, requests, paths } = JSON.parse(process.argv[process.argv.length - 1]);
globalThis.__benchText = {};
for (const f of texts) globalThis.__benchText[basename(f)] = readFileSync(f, 'utf8');
const { warmNodeFetch, firstRequests } = await import(requests);
await warmNodeFetch();
// A new isolate starts with an empty heap: collect the harness's own garbage (file reads, Node's fetch classes)
// first, or its scavenge lands inside the timed import and first request (~4 ms each, measured).
globalThis.gc();
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
const first = await firstRequests(mod.default, paths);
console.log(JSON.stringify({ importMs: t1 - t0, ...first, textModules: texts.length }));
`;

/**
 * Writes `<bundle dir>/bench-import.mjs`: the bundle with each import of one of its Text modules replaced by a read
 * of the preloaded string. Throws if an expected Text import is not found (the bundle's form changed).
 */
function withoutTextImports(bundle: string, texts: string[]): string {
  let code = readFileSync(bundle, 'utf8');
  for (const file of texts) {
    const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`import\\s*([A-Za-z_$][\\w$]*)\\s*from\\s*["']\\./${name}["'];?`);
    if (!re.test(code)) throw new Error(`no import of Text module ${basename(file)} in ${bundle}`);
    code = code.replace(re, (_m: string, id: string) => `const ${id}=globalThis.__benchText[${JSON.stringify(basename(file))}];`);
  }
  const out = join(dirname(bundle), 'bench-import.mjs');
  writeFileSync(out, code);
  return out;
}

async function repeat<T>(runs: number, once: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await once());
  return out;
}

function importResult(runs: ImportRun[]): ImportResult {
  return {
    importMs: medianOf(runs, (r) => r.importMs),
    importMinMs: Math.min(...runs.map((r) => r.importMs)),
    firstRequestMs: medianOf(runs, (r) => r.firstRequestMs),
    firstRequestMinMs: Math.min(...runs.map((r) => r.firstRequestMs)),
    secondRequestMs: medianOf(runs, (r) => r.secondRequestMs),
  };
}

/**
 * Imports the bundle (a path to index.js, written by `wrangler deploy --outdir`) `runs` times in plain Node, with
 * the Text modules `toml`'s rules select, and sends the first requests.
 */
export async function bundleImport(bundle: string, toml: string, runs: number): Promise<ImportResult> {
  const texts = bundleTextModules(dirname(bundle), toml);
  const arg = JSON.stringify({ bundle: withoutTextImports(bundle, texts), texts, requests: WORKER_REQUEST_URL, paths: FIRST_PATHS });
  return importResult(await repeat(runs, () => runJsJson<ImportRun>(BUNDLE_CHILD, [arg], { timeoutMs: 120_000 })));
}

/** Engine (and optionally worker-module and bundle) start-up for one artifact. */
export async function measureStartup(opts: { artifact: string; runs: number; workerEntry?: string; bundle?: string; toml?: string }): Promise<StartupResult> {
  const timeoutMs = 300_000;
  const plain: EngineRun[] = [];
  const prebuilt: EngineRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    plain.push(await runTsJson<EngineRun>(probe(), ['engine', opts.artifact], { timeoutMs }));
    prebuilt.push(await runTsJson<EngineRun>(probe(), ['engine', opts.artifact, '--warm'], { timeoutMs }));
  }
  const errors: string[] = [];
  const optional = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (e) {
      errors.push(`${what}: ${(e as Error).message}`);
      return undefined;
    }
  };
  const worker = opts.workerEntry
    ? await optional('worker import', async () => importResult(await repeat(opts.runs, () => runTsJson<ImportRun>(probe(), ['worker', opts.workerEntry!], { timeoutMs }))))
    : undefined;
  const bundle = opts.bundle && opts.toml ? await optional('bundle import', () => bundleImport(opts.bundle!, opts.toml!, opts.runs)) : undefined;
  const ready = plain.map((r) => r.parseMs + r.ctorMs + r.appMs);
  return {
    runs: opts.runs,
    engineReadyMs: median(ready),
    engineReadyMinMs: Math.min(...ready),
    readMs: medianOf(plain, (r) => r.readMs),
    parseMs: medianOf(plain, (r) => r.parseMs),
    ctorMs: medianOf(plain, (r) => r.ctorMs),
    analyzerMs: medianOf(prebuilt, (r) => r.analyzerMs),
    appMs: medianOf(plain, (r) => r.appMs),
    engineFirstRequestMs: medianOf(plain, (r) => r.firstRequestMs),
    engineFirstRequestMinMs: Math.min(...plain.map((r) => r.firstRequestMs)),
    firstRequestPrebuiltMs: medianOf(prebuilt, (r) => r.firstRequestMs),
    pinyinBuildMs: medianOf(prebuilt, (r) => r.pinyinMs),
    healthFirstMs: medianOf(prebuilt, (r) => r.healthFirstMs),
    analyzeFirstMs: medianOf(prebuilt, (r) => r.analyzeFirstMs),
    searchFirstMs: medianOf(prebuilt, (r) => r.searchFirstMs),
    secondRequestMs: medianOf(plain, (r) => r.secondRequestMs),
    heapMB: medianOf(plain, (r) => r.heapMB),
    worker,
    bundle,
    load: load1(),
    errors,
  };
}

/**
 * The radix-tree trap, kept because the issue asks for it although the worker no longer loads MiniSearch:
 * MiniSearch.loadJS of the index the build makes (prepared once from the artifact's entries, untimed) with encoded
 * (as the build stores them) vs decoded Han terms, with and without postings; and the shipped packed word index
 * (constructor + first search) for comparison.
 */
export async function measureTrap(artifact: string, runs: number): Promise<TrapResult> {
  type Run = { loadJsMs: number; terms: number; rootFanout: number };
  type Shipped = { ctorMs: number; firstSearchMs: number };
  const index = join(dirname(artifact), 'minisearch-index.json');
  const prepared = await runTsJson<{ buildMs: number; terms: number }>(probe(), ['trap-prepare', artifact, index], { timeoutMs: 600_000 });
  // Interleaved, so drifting load on the shared machine hits every variant alike.
  const modes = [['enc', 'full'], ['raw', 'full'], ['enc', 'keys'], ['raw', 'keys']];
  const results: Run[][] = modes.map(() => []);
  const shipped: Shipped[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const [k, [terms, scope]] of modes.entries()) results[k].push(await runTsJson<Run>(probe(), ['trap', index, terms, scope], { timeoutMs: 300_000 }));
      shipped.push(await runTsJson<Shipped>(probe(), ['shipped', artifact], { timeoutMs: 300_000 }));
    }
  } finally {
    rmSync(index, { force: true });
  }
  const [encFull, rawFull, encKeys, rawKeys] = results;
  const ms = (runs: Run[]) => medianOf(runs, (r) => r.loadJsMs);
  return {
    encodedFullMs: ms(encFull),
    rawFullMs: ms(rawFull),
    encodedKeysMs: ms(encKeys),
    rawKeysMs: ms(rawKeys),
    terms: prepared.terms,
    encodedRootFanout: encFull[0].rootFanout,
    rawRootFanout: rawFull[0].rootFanout,
    shippedCtorMs: medianOf(shipped, (r) => r.ctorMs),
    shippedFirstSearchMs: medianOf(shipped, (r) => r.firstSearchMs),
    prepareBuildMs: prepared.buildMs,
  };
}
