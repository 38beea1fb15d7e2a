/**
 * @module Bench: the isolate's first requests, sent straight to an imported worker module (`mod.default.fetch(request,
 * env, ctx)`, as workerd calls it) right after its import in the same fresh process. The code is one plain-JS
 * module, imported from a data: URL both by the TypeScript probe (worker source through tsx) and by the plain-Node
 * child that imports the wrangler bundle, so the two measure exactly the same thing.
 */
import { FIRST_QUERY } from './queries';

/** The second request's query: a different one, so it is not answered from anything the first one cached. */
export const SECOND_QUERY = '钱付了但是没到账';

/** Paths of the first and second request. */
export const FIRST_PATHS = [`/v1/search?q=${encodeURIComponent(FIRST_QUERY)}`, `/v1/search?q=${encodeURIComponent(SECOND_QUERY)}`] as const;

/**
 * The module source. `warmNodeFetch`: Node loads its fetch classes (undici: Request, Response, Headers) lazily,
 * ~20 ms on first use, and runs their JavaScript cold the first time each shape of call is made, and its Web Crypto
 * likewise (~2 ms on the first crypto.subtle.digest, which the ETag of every response needs), while workerd has
 * both built in; touching them before the import keeps Node's own loading out of both the import and the first
 * request. `firstRequests`: times the worker's fetch handler until its Response exists. The body is read
 * afterwards, untimed: the handler has already built it (a string), and reading it is the runtime's
 * work, in workerd outside the isolate's CPU time. Every Env field is optional (src/http/env.ts); the rate limiter
 * is a stub that always allows, with a CF-Connecting-IP header so its middleware runs as in production.
 */
const SOURCE = `
export async function warmNodeFetch() {
  const req = new Request('http://bench.local/?q=x', { headers: { 'x-a': 'b' } });
  await new Response(JSON.stringify({ url: req.url, h: req.headers.get('x-a') }), { headers: { 'content-type': 'application/json' } }).text();
  await crypto.subtle.digest('SHA-256', new TextEncoder().encode(req.url));
  // The shapes the worker itself uses (a bare Request, a byte body with a status and a header record, headers set
  // after the fact, a body-less 204/304, a response copied from another), so their first use is not timed either.
  const bare = new Request('http://bench.local/v1/x?q=%E8%B4%A6');
  const res = new Response(new TextEncoder().encode(bare.url), { status: 200, headers: { 'Content-Type': 'application/json', ETag: 'W/"x"' } });
  res.headers.set('X-Content-Type-Options', 'nosniff');
  res.headers.get('Content-Type');
  await new Response(res.body, res).arrayBuffer();
  new Response(null, { status: 204, headers: { Vary: 'Origin' } });
  new Response(null, { status: 304 });
}
const env = { RATE_LIMITER: { limit: async () => ({ success: true }) } };
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
async function timed(worker, path) {
  const request = new Request('http://bench.local' + path, { headers: { 'CF-Connecting-IP': '198.18.0.1' } });
  const t0 = performance.now();
  const res = await worker.fetch(request, env, ctx);
  const ms = performance.now() - t0;
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error('GET ' + path + ': HTTP ' + res.status);
  return ms;
}
export async function firstRequests(worker, paths) {
  if (typeof worker?.fetch !== 'function') throw new Error('worker module has no default fetch handler');
  const firstRequestMs = await timed(worker, paths[0]);
  const secondRequestMs = await timed(worker, paths[1]);
  return { firstRequestMs, secondRequestMs };
}
`;

/** The data: URL of the module above. */
export const WORKER_REQUEST_URL = `data:text/javascript,${encodeURIComponent(SOURCE)}`;

/** What `firstRequests` reports, in ms. */
export interface FirstRequests {
  firstRequestMs: number;
  secondRequestMs: number;
}

/** The module's exports, typed. */
export interface WorkerRequestModule {
  warmNodeFetch(): Promise<void>;
  firstRequests(worker: unknown, paths: readonly string[]): Promise<FirstRequests>;
}

/** Imports the module (from TypeScript). */
export async function workerRequests(): Promise<WorkerRequestModule> {
  return (await import(WORKER_REQUEST_URL)) as WorkerRequestModule;
}
