/**
 * @module End to end in workerd: a worker bundling a split artifact (scripts/build.ts --split) and reading its shards
 * through the ASSETS binding under `wrangler dev` answers every route exactly as the embedded artifact does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { parseArtifact, type Artifact } from '../../src/artifact';
import { SearchEngine } from '../../src/search/engine';
import { loadArtifact } from '../eval/systems';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, '.tmp/split-worker');
const embedded = createApp(new SearchEngine(loadArtifact()));
let child: ChildProcess | undefined;
let base = '';
let log = '';
let core: Artifact;

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
  core = parseArtifact(readFileSync(join(DIR, 'src/generated/artifact.txt'), 'utf8'));
  const port = await freePort();
  const inspector = await freePort();
  child = spawn(join(ROOT, 'node_modules/.bin/wrangler'), ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--log-level', 'warn'], {
    cwd: DIR,
    detached: true, // its own process group, stopped as a whole in afterAll (workerd would outlive wrangler)
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' },
  });
  child.stdout!.on('data', (d) => (log = (log + d).slice(-8000)));
  child.stderr!.on('data', (d) => (log = (log + d).slice(-8000)));
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited\n${log}`);
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev not ready\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 240_000);

afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child!.pid!, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(DIR, { recursive: true, force: true });
});

/** A response body without its timing field. */
const body = async (res: Response) => {
  const json = (await res.json()) as Record<string, unknown>;
  delete json.tookMs;
  return json;
};

describe('split artifact under wrangler dev', () => {
  it('bundles a core without posting values or entry text', () => {
    expect(core.split).toBeDefined();
    expect(core.entries).toEqual([]);
    expect(core.words.postings.values).toBe('');
  });

  it('answers search, answer and entry routes exactly as the embedded artifact', async () => {
    const queries = readFileSync(join(ROOT, 'test/eval/queries.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q)
      .filter((_, i) => i % 4 === 0);
    const paths = [
      ...queries.flatMap((q) => [`/v1/search?q=${encodeURIComponent(q)}`, `/v1/answer?q=${encodeURIComponent(q)}&provider=topay`]),
      ...loadArtifact().entries.map((e) => `/v1/entries/${e.id}`),
      '/v1/providers',
      '/v1/entries/no-such-entry',
    ];
    for (const path of paths) {
      const [a, b] = await Promise.all([fetch(base + path), embedded.request(path)]);
      expect(a.status, path).toBe(b.status);
      expect(await body(a), path).toEqual(await body(b));
    }
  }, 120_000);

  it('never serves the shard files themselves', async () => {
    const res = await fetch(`${base}${core.split!.base}/w0.txt`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
