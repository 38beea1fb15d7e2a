/**
 * @module End to end in workerd: a split index (scripts/build.ts --split) under `wrangler dev` answers
 * every one of many concurrent requests with JSON, also while other clients drop theirs. Concurrent requests that
 * needed the same shard used to share one in-flight read; a request waiting on another request's read could not be
 * woken by its own I/O, and workerd cancelled it as hung (a plain-text 500) or it never answered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, '.tmp/split-concurrency');

// ---- LOCAL START HELPER: to be replaced by the shared startWranglerDev() when the integration project lands. ----

/** A free TCP port on 127.0.0.1. */
const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });

/** Runs a command to completion; rejects with its output on failure. */
const run = (cmd: string, args: string[]) =>
  new Promise<void>((ok, fail) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${out}`))));
  });

/** `wrangler dev` in `cwd` on a free port, in its own process group; resolves once /health answers. */
async function startWranglerDev(cwd: string): Promise<{ base: string; stop: () => Promise<void>; log: () => string }> {
  const port = await freePort();
  const inspector = await freePort();
  let log = '';
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--log-level', 'warn'], {
    cwd,
    detached: true, // its own process group, stopped as a whole (workerd would outlive wrangler)
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' },
  });
  child.stdout!.on('data', (d) => (log = (log + d).slice(-8000)));
  child.stderr!.on('data', (d) => (log = (log + d).slice(-8000)));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited\n${log}`);
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev not ready\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, stop, log: () => log };
}

// ---- end of the local start helper ----

let server: Awaited<ReturnType<typeof startWranglerDev>> | undefined;

beforeAll(async () => {
  // A private copy of the worker: the shipped src/generated and dist/ui stay untouched.
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  cpSync(join(ROOT, 'src'), join(DIR, 'src'), { recursive: true });
  cpSync(join(ROOT, 'wrangler.toml'), join(DIR, 'wrangler.toml'));
  cpSync(join(ROOT, 'dist/ui'), join(DIR, 'dist/ui'), { recursive: true });
  await run(join(ROOT, 'node_modules/.bin/tsx'), [
    join(ROOT, 'scripts/build.ts'),
    '--quiet',
    '--split',
    '--out',
    join(DIR, 'src/generated/artifact.txt'),
    '--assets',
    join(DIR, 'dist/ui'),
  ]);
  server = await startWranglerDev(DIR);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  rmSync(DIR, { recursive: true, force: true });
});

const queries = ['test/eval/queries.jsonl', 'test/eval/holdout.jsonl'].flatMap((f) =>
  readFileSync(join(ROOT, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q),
);

describe('split index under concurrency', () => {
  it('concurrent first requests of a fresh isolate, some dropped by their clients: all others answer JSON 200', async () => {
    const { base } = server!;
    const failures: string[] = [];
    const url = (q: string) => `${base}/v1/search?q=${encodeURIComponent(q)}`;
    // Each request its own client address: the rate limiter must not be what answers.
    const headers = (i: number) => ({ 'CF-Connecting-IP': `198.18.7.${i & 255}` });
    // A third of the clients give up after a few milliseconds, mid-load: a request waiting on a shard read one of
    // them had started would never get an answer.
    const dropped = queries.slice(0, 32).map((q, i) => fetch(url(q), { headers: headers(i), signal: AbortSignal.timeout(2 + (i % 8)) }).then((r) => r.text(), () => ''));
    const kept = queries.slice(0, 64).map(async (q, i) => {
      const res = await fetch(url(q), { headers: headers(64 + i), signal: AbortSignal.timeout(60_000) });
      const type = res.headers.get('Content-Type') ?? '';
      const text = await res.text();
      if (res.status !== 200 || !type.startsWith('application/json')) failures.push(`${res.status} ${type} ${text.slice(0, 120)} (q=${q})`);
    });
    await Promise.all([...dropped, ...kept]);
    expect(failures, server!.log()).toEqual([]);
  }, 120_000);
});
