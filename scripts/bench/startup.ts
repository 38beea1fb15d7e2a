/**
 * @module Bench: the isolate's start-up and first requests, measured on the wrangler --minify bundle imported in a
 * fresh plain-Node process per run (Node 20 runs the same V8 as workerd, give or take). The Text modules wrangler
 * keeps apart (the artifact, the OpenAPI document) are read into memory first, as workerd holds them, and the
 * bundle's imports of them read those strings. Node's lazily loaded fetch classes and Web Crypto, built into
 * workerd, are loaded first too, and the heap is collected right before the timed import: a new isolate starts
 * with an empty heap, and a scavenge of the harness's own garbage would otherwise land inside the timing.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJson } from '../lib/process';

/** One fresh process: the import, then each request through the bundle's fetch handler, in ms. */
export interface ImportRun {
  importMs: number;
  requestMs: number[];
  /** Live heap after the requests, as the isolate's 128 MB limit counts it. */
  heapMB: number;
}

/**
 * The child. It times `mod.default.fetch(request, env, ctx)` until the Response exists, as workerd runs the
 * handler: the Request is built before and the body read after, untimed, since both are native in workerd. The
 * rate limiter is a stub that allows, with a CF-Connecting-IP header so its middleware runs as in production.
 */
const CHILD = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const { bundle, texts, paths } = JSON.parse(process.argv[process.argv.length - 1]);
globalThis.__benchText = Object.fromEntries(Object.entries(texts).map(([name, file]) => [name, readFileSync(file, 'utf8')]));
// The shapes of Request, Response, Headers and crypto.subtle the worker uses, so their first use is not timed.
const warm = new Request('http://bench.local/v1/x?q=%E8%B4%A6', { headers: { 'x-a': 'b' } });
const res = new Response(new TextEncoder().encode(warm.url), { status: 200, headers: { 'Content-Type': 'application/json', ETag: 'W/"x"' } });
res.headers.set('X-Content-Type-Options', 'nosniff');
res.headers.get('Content-Type');
await new Response(res.body, res).arrayBuffer();
await new Response(JSON.stringify({ url: warm.url, h: warm.headers.get('x-a') }), { headers: { 'content-type': 'application/json' } }).text();
new Response(null, { status: 204, headers: { Vary: 'Origin' } });
new Response(null, { status: 304 });
await crypto.subtle.digest('SHA-256', new TextEncoder().encode(warm.url));
globalThis.gc();
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - t0;
const env = { RATE_LIMITER: { limit: async () => ({ success: true }) } };
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
const requestMs = [];
for (const path of paths) {
  const request = new Request('http://bench.local' + path, { headers: { 'CF-Connecting-IP': '198.18.0.1' } });
  const t = performance.now();
  const response = await mod.default.fetch(request, env, ctx);
  requestMs.push(performance.now() - t);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error('GET ' + path + ': HTTP ' + response.status);
}
globalThis.gc();
console.log(JSON.stringify({ importMs, requestMs, heapMB: process.memoryUsage().heapUsed / 1e6 }));
`;

/**
 * Writes `<bundle>/bench-import.mjs`: index.js with each import of a module wrangler kept apart replaced by a read
 * of the preloaded string. Returns its path and those modules by name.
 */
function importableBundle(dir: string): { entry: string; texts: Record<string, string> } {
  const texts: Record<string, string> = {};
  const modules = readdirSync(dir).filter((f) => !/\.(m?js|map)$/.test(f) && f !== 'README.md');
  let code = readFileSync(join(dir, 'index.js'), 'utf8');
  for (const name of modules) {
    const re = new RegExp(`import\\s*([\\w$]+)\\s*from\\s*["']\\./${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'];?`);
    if (!re.test(code)) throw new Error(`the bundle does not import ${name} as expected`);
    code = code.replace(re, (_m, id: string) => `const ${id}=globalThis.__benchText[${JSON.stringify(name)}];`);
    texts[name] = join(dir, name);
  }
  const entry = join(dir, 'bench-import.mjs');
  writeFileSync(entry, code);
  return { entry, texts };
}

/** One fresh process per element of `requests`: imports the bundle in `dir`, then sends those paths in order. */
export async function importRuns(dir: string, requests: string[][]): Promise<ImportRun[]> {
  const { entry, texts } = importableBundle(dir);
  const runs: ImportRun[] = [];
  for (const paths of requests) runs.push(await runJson<ImportRun>(CHILD, [JSON.stringify({ bundle: entry, texts, paths })], { timeoutMs: 120_000 }));
  return runs;
}
