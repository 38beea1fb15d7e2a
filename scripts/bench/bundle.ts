/** @module Bench: the Worker bundle as `wrangler deploy --dry-run --minify` builds it, and its size as wrangler reports it. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../lib/process';
import type { WorkerCopy } from '../lib/worker-copy';
import { WRANGLER, WRANGLER_ENV } from '../lib/wrangler-dev';

/** A built bundle. */
export interface Bundle {
  /** Directory of index.js and the modules wrangler keeps apart (the Text modules). */
  dir: string;
  uploadBytes: number;
  /** The gzip size wrangler reports, which Cloudflare's limits are checked against. */
  gzipBytes: number;
}

/** Bundles the Worker copy into `<copy>/bundle`. */
export async function dryRunBundle(copy: WorkerCopy): Promise<Bundle> {
  const dir = join(copy.dir, 'bundle');
  rmSync(dir, { recursive: true, force: true });
  const r = await run(WRANGLER, ['deploy', '--dry-run', '--outdir', dir, '--minify'], { cwd: copy.dir, env: WRANGLER_ENV, timeoutMs: 600_000 });
  const size = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(r.stdout + r.stderr);
  if (r.code !== 0 || !size || !existsSync(join(dir, 'index.js'))) {
    throw new Error(`wrangler deploy --dry-run failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`);
  }
  return { dir, uploadBytes: Math.round(Number(size[1]) * 1024), gzipBytes: Math.round(Number(size[2]) * 1024) };
}
