/**
 * @module Bench: start-up measured in fresh processes, several runs each, reported as medians (and minima, the
 * least disturbed run on a shared machine): the engine alone (with its breakdown and the first request), the
 * worker module through tsx, the wrangler-built bundle in plain Node (closest to what workerd evaluates), and
 * the radix-tree trap (loadJS with encoded versus raw Han terms).
 */
import { probe, runJsJson, runTsJson } from './proc';
import { load1, median, medianOf } from './stats';
import { TEXT_ARTIFACT_HOOK_URL } from './text-module-hook';

/** One engine probe run (see probe.ts engineProbe). */
export interface EngineRun {
  readMs: number;
  parseMs: number;
  analyzerMs: number;
  loadJsMs: number;
  otherMs: number;
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

/** Medians over the runs of one size. */
export interface StartupResult {
  runs: number;
  /** JSON.parse + SearchEngine + createApp (no module loading): the isolate's own start-up work. */
  engineReadyMs: number;
  engineReadyMinMs: number;
  parseMs: number;
  analyzerMs: number;
  loadJsMs: number;
  otherMs: number;
  appMs: number;
  /** First /v1/search after start-up, in the fresh process (the sound index is built lazily inside it). */
  firstRequestMs: number;
  firstRequestMinMs: number;
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
  /** import of src/index.ts through tsx (includes TypeScript transforms and all of hono/zod). */
  workerImportMs?: number;
  /** import of the wrangler --minify bundle in plain Node: parse + evaluate, like workerd at isolate start. */
  bundleImportMs?: number;
  bundleImportMinMs?: number;
  load: number;
  /** Failures of the optional parts (worker import, bundle import). */
  errors: string[];
}

/** Loadjs of the encoded vs raw-term index, full postings and tree-only, medians in ms. */
export interface TrapResult {
  encodedFullMs: number;
  rawFullMs: number;
  encodedKeysMs: number;
  rawKeysMs: number;
  terms: number;
  encodedRootFanout: number;
  rawRootFanout: number;
}

/**
 * Plain-Node child: registers the text-module hook and reads the bundle's Text modules into memory (workerd has
 * them in memory too), outside the timing; then imports the bundle.
 */
const BUNDLE_CHILD = `
import { register } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
register(${JSON.stringify(TEXT_ARTIFACT_HOOK_URL)});
const bundle = process.argv[process.argv.length - 1];
globalThis.__benchText = {};
for (const f of readdirSync(dirname(bundle)).filter((f) => f.endsWith('artifact.json'))) {
  globalThis.__benchText[pathToFileURL(join(dirname(bundle), f)).href] = readFileSync(join(dirname(bundle), f), 'utf8');
}
const t0 = performance.now();
const mod = await import(bundle);
const t1 = performance.now();
if (typeof mod.default?.fetch !== 'function') throw new Error('bundle has no fetch handler');
console.log(JSON.stringify({ importMs: t1 - t0 }));
`;

async function repeat<T>(runs: number, once: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await once());
  return out;
}

/** Imports the bundle (a path to index.js) `runs` times in plain Node; median and min in ms. */
export async function bundleImport(bundle: string, runs: number): Promise<{ median: number; min: number }> {
  const times = (await repeat(runs, () => runJsJson<{ importMs: number }>(BUNDLE_CHILD, [bundle], { timeoutMs: 120_000 }))).map((r) => r.importMs);
  return { median: median(times), min: Math.min(...times) };
}

/** Engine (and optionally worker-module and bundle) start-up for one artifact. */
export async function measureStartup(opts: { artifact: string; runs: number; workerEntry?: string; bundle?: string }): Promise<StartupResult> {
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
  const worker = opts.workerEntry ? ((await optional('worker import', () => repeat(opts.runs, () => runTsJson<{ importMs: number }>(probe(), ['worker', opts.workerEntry!], { timeoutMs })))) ?? []) : [];
  const bundle = opts.bundle ? await optional('bundle import', () => bundleImport(opts.bundle!, opts.runs)) : undefined;
  const ready = plain.map((r) => r.parseMs + r.ctorMs + r.appMs);
  return {
    runs: opts.runs,
    engineReadyMs: median(ready),
    engineReadyMinMs: Math.min(...ready),
    parseMs: medianOf(plain, (r) => r.parseMs),
    analyzerMs: medianOf(plain, (r) => r.analyzerMs),
    loadJsMs: medianOf(plain, (r) => r.loadJsMs),
    otherMs: medianOf(plain, (r) => r.otherMs),
    appMs: medianOf(plain, (r) => r.appMs),
    firstRequestMs: medianOf(plain, (r) => r.firstRequestMs),
    firstRequestMinMs: Math.min(...plain.map((r) => r.firstRequestMs)),
    firstRequestPrebuiltMs: medianOf(prebuilt, (r) => r.firstRequestMs),
    pinyinBuildMs: medianOf(prebuilt, (r) => r.pinyinMs),
    healthFirstMs: medianOf(prebuilt, (r) => r.healthFirstMs),
    analyzeFirstMs: medianOf(prebuilt, (r) => r.analyzeFirstMs),
    searchFirstMs: medianOf(prebuilt, (r) => r.searchFirstMs),
    secondRequestMs: medianOf(plain, (r) => r.secondRequestMs),
    heapMB: medianOf(plain, (r) => r.heapMB),
    workerImportMs: worker.length ? medianOf(worker, (r) => r.importMs) : undefined,
    bundleImportMs: bundle?.median,
    bundleImportMinMs: bundle?.min,
    load: load1(),
    errors,
  };
}

/** The radix-tree trap: loadJS with encoded (shipped) vs decoded Han terms, with and without postings. */
export async function measureTrap(artifact: string, runs: number): Promise<TrapResult> {
  type Run = { loadJsMs: number; terms: number; rootFanout: number };
  // Interleaved, so drifting load on the shared machine hits every variant alike.
  const modes = [['enc', 'full'], ['raw', 'full'], ['enc', 'keys'], ['raw', 'keys']];
  const results: Run[][] = modes.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, [terms, scope]] of modes.entries()) results[k].push(await runTsJson<Run>(probe(), ['trap', artifact, terms, scope], { timeoutMs: 300_000 }));
  }
  const [encFull, rawFull, encKeys, rawKeys] = results;
  const ms = (runs: Run[]) => medianOf(runs, (r) => r.loadJsMs);
  return {
    encodedFullMs: ms(encFull),
    rawFullMs: ms(rawFull),
    encodedKeysMs: ms(encKeys),
    rawKeysMs: ms(rawKeys),
    terms: encFull[0].terms,
    encodedRootFanout: encFull[0].rootFanout,
    rawRootFanout: rawFull[0].rootFanout,
  };
}
