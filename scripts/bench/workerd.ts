/**
 * @module Bench: the worker in workerd through `wrangler dev` on 127.0.0.1. Started with setsid semantics
 * (its own process group) and stopped by killing the group, since workerd would outlive wrangler otherwise.
 * Latency is taken on the client: inside a Worker the clock does not advance during CPU work, so the worker
 * cannot time itself (its tookMs reads 0).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { FIRST_QUERY, BENCH_QUERIES } from './queries';
import { freePort, killGroup, ROOT, sleep, WRANGLER_ENV } from './proc';
import { median, percentile } from './stats';

/** A running wrangler dev. */
export interface DevServer {
  base: string;
  child: ChildProcess;
  /** Spawn until the port accepts connections. */
  bootMs: number;
  output(): string;
}

/** First request vs warm requests of one cold start. */
export interface ColdStart {
  bootMs: number;
  firstMs: number;
  firstStatus: number;
  warmP50Ms: number;
  warmP99Ms: number;
}

/** Summary over several cold starts. */
export interface WorkerdResult {
  starts: ColdStart[];
  firstMs: number;
  warmP50Ms: number;
  warmP99Ms: number;
  bootMs: number;
}

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });

/** Starts `wrangler dev` in the worker copy `dir` on a free port and waits until the port accepts connections. */
export async function startDev(dir: string, timeoutMs = 90_000): Promise<DevServer> {
  const port = await freePort();
  const started = performance.now();
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  const child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), args, { cwd: dir, env: { ...process.env, ...WRANGLER_ENV }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const server: DevServer = { base: `http://127.0.0.1:${port}`, child, bootMs: NaN, output: () => log };
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}): ${log.trim().slice(-600)}`);
    if (await portOpen(port)) {
      server.bootMs = performance.now() - started;
      return server;
    }
    await sleep(50);
  }
  await killGroup(child);
  throw new Error(`wrangler dev did not open port ${port} within ${timeoutMs} ms: ${log.trim().slice(-600)}`);
}

/** Stops wrangler dev and everything in its process group (workerd included). */
export function stopDev(server: DevServer): Promise<void> {
  return killGroup(server.child);
}

/** One GET, timed on the client; resolves with [ms, status]. */
async function timedGet(url: string): Promise<[number, number]> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { 'CF-Connecting-IP': '198.18.255.1' } });
  await res.arrayBuffer();
  return [performance.now() - t0, res.status];
}

const searchUrl = (base: string, q: string) => `${base}/v1/search?q=${encodeURIComponent(q)}`;

/** The first request after start-up (retried while the runtime still refuses it), then `warm` sequential requests. */
async function firstAndWarm(server: DevServer, warm: number, settleMs: number): Promise<ColdStart> {
  await sleep(settleMs);
  let first: [number, number] = [NaN, 0];
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      first = await timedGet(searchUrl(server.base, FIRST_QUERY));
      break;
    } catch {
      await sleep(250);
    }
  }
  const times: number[] = [];
  for (let i = 0; i < warm; i++) times.push((await timedGet(searchUrl(server.base, BENCH_QUERIES[i % BENCH_QUERIES.length].q)))[0]);
  return { bootMs: server.bootMs, firstMs: first[0], firstStatus: first[1], warmP50Ms: median(times), warmP99Ms: percentile(times, 99) };
}

/**
 * `starts` cold starts of wrangler dev in `dir`; the last server is left running and returned for the load test.
 * `settleMs` lets workerd finish loading the script after the port opens, so the first request measures the
 * first request, not the tail of the boot.
 */
export async function measureWorkerd(dir: string, starts: number, warm: number, settleMs = 1500): Promise<{ result: WorkerdResult; server: DevServer }> {
  const runs: ColdStart[] = [];
  let server: DevServer | undefined;
  for (let i = 0; i < starts; i++) {
    if (server) await stopDev(server);
    server = await startDev(dir);
    runs.push(await firstAndWarm(server, warm, settleMs));
  }
  const result: WorkerdResult = {
    starts: runs,
    firstMs: median(runs.map((r) => r.firstMs)),
    warmP50Ms: median(runs.map((r) => r.warmP50Ms)),
    warmP99Ms: median(runs.map((r) => r.warmP99Ms)),
    bootMs: median(runs.map((r) => r.bootMs)),
  };
  return { result, server: server! };
}
