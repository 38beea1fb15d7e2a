/**
 * @module End to end in workerd: a worker bundling a split artifact (scripts/build.ts --split) and reading its shards
 * through the ASSETS binding under `wrangler dev` answers every route exactly as the embedded artifact does.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTsx, ROOT } from '../../scripts/lib/process';
import { copyWorker, type WorkerCopy } from '../../scripts/lib/worker-copy';
import { startWranglerDev, type DevServer } from '../../scripts/lib/wrangler-dev';
import { createApp } from '../../src/app';
import { parseArtifact, type Artifact } from '../../src/artifact';
import { SearchEngine } from '../../src/search/engine';
import { loadArtifact } from '../eval/systems';

const embedded = createApp(new SearchEngine(loadArtifact()));
let copy: WorkerCopy | undefined;
let server: DevServer | undefined;
let base = '';
let core: Artifact;

beforeAll(async () => {
  // A private copy of the worker: the shipped src/generated and dist/ui stay untouched.
  copy = await copyWorker('split-worker');
  await runTsx('scripts/build.ts', ['--quiet', '--split', '--out', copy.artifact, '--assets', copy.assets], { timeoutMs: 120_000 });
  core = parseArtifact(readFileSync(copy.artifact, 'utf8'));
  server = await startWranglerDev({ cwd: copy.dir });
  base = server.url;
}, 240_000);

afterAll(async () => {
  await server?.stop();
  if (copy) rmSync(copy.dir, { recursive: true, force: true });
});

/** A response body without its timing field. */
const body = async (res: Response) => {
  const json = (await res.json()) as Record<string, unknown>;
  delete json.tookMs;
  return json;
};

describe('split artifact under wrangler dev', () => {
  // Runs first, on the fresh isolate. Concurrent requests that needed the same shard used to share one in-flight
  // read; a request waiting on another request's read could not be woken by its own I/O, and workerd cancelled it as
  // hung (a plain-text 500) or it never answered.
  it('regression: concurrent first requests, some dropped by their clients, all answer JSON 200 (shared shard read hung)', async () => {
    const queries = ['test/eval/queries.jsonl', 'test/eval/holdout.jsonl'].flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { q: string }).q),
    );
    const failures: string[] = [];
    const url = (q: string) => `${base}/v1/search?q=${encodeURIComponent(q)}`;
    // Each request its own client address: the rate limiter must not be what answers.
    const headers = (i: number) => ({ 'CF-Connecting-IP': `198.18.7.${i & 255}` });
    // A third of the clients give up after a few milliseconds, mid-load.
    const dropped = queries.slice(0, 32).map((q, i) => fetch(url(q), { headers: headers(i), signal: AbortSignal.timeout(2 + (i % 8)) }).then((r) => r.text(), () => ''));
    const kept = queries.slice(0, 64).map(async (q, i) => {
      const res = await fetch(url(q), { headers: headers(64 + i), signal: AbortSignal.timeout(60_000) });
      const type = res.headers.get('Content-Type') ?? '';
      const text = await res.text();
      if (res.status !== 200 || !type.startsWith('application/json')) failures.push(`${res.status} ${type} ${text.slice(0, 120)} (q=${q})`);
    });
    await Promise.all([...dropped, ...kept]);
    expect(failures, server!.output()).toEqual([]);
  }, 120_000);

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
