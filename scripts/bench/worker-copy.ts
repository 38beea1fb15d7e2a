/**
 * @module Bench: a private copy of the worker (src/ and wrangler.toml as they are now) with a chosen artifact,
 * under bench-results/tmp, so wrangler can bundle and serve any corpus size without touching src/generated
 * (which other work rebuilds concurrently); and the bundle size from `wrangler deploy --dry-run --minify`.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { codePath, ROOT, run, WRANGLER_ENV } from './proc';

/** A prepared worker copy. */
export interface WorkerCopy {
  dir: string;
  /** Its src/index.ts. */
  entry: string;
}

/** Bundle size as wrangler reports it, and as measured on its output. */
export interface BundleSize {
  uploadKiB: number;
  gzipKiB: number;
  /** gzip bytes of wrangler's reported gzip size (KiB × 1024). */
  gzipBytes: number;
  bundleBytes: number;
  /** Our own gzip -9 of every uploaded module, as a cross-check. */
  ownGzipBytes: number;
  ms: number;
  bundlePath: string;
}

const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

/** Copies the measured src/ (without the generated artifact) and wrangler.toml into `dir`, then installs `artifact`. */
export function prepareWorker(artifact: string, dir: string): WorkerCopy {
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(codePath('src'), join(dir, 'src'), { recursive: true, filter: (p) => !p.endsWith(join('generated', 'artifact.txt')) });
  mkdirSync(join(dir, 'src/generated'), { recursive: true });
  cpSync(artifact, join(dir, 'src/generated/artifact.txt'));
  const toml = readFileSync(codePath('wrangler.toml'), 'utf8');
  writeFileSync(join(dir, 'wrangler.toml'), toml);
  ensureAssets(toml, dir);
  return { dir, entry: join(dir, 'src/index.ts') };
}

/** wrangler refuses to start when `[assets] directory` is missing: copy the built one, or leave an empty one. */
function ensureAssets(toml: string, dir: string): void {
  const m = /^\s*directory\s*=\s*"([^"]+)"/m.exec(toml);
  if (!m) return;
  const target = join(dir, m[1]);
  rmSync(target, { recursive: true, force: true });
  const source = join(ROOT, m[1]);
  if (existsSync(source)) cpSync(source, target, { recursive: true });
  else mkdirSync(target, { recursive: true });
}

/** Runs `wrangler deploy --dry-run --outdir <dir>/bundle --minify` in the copy and reads the sizes. */
export async function dryRunBundle(copy: WorkerCopy): Promise<BundleSize> {
  const outdir = join(copy.dir, 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  const r = await run(WRANGLER, ['deploy', '--dry-run', '--outdir', outdir, '--minify'], { cwd: copy.dir, env: WRANGLER_ENV, timeoutMs: 600_000 });
  const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(r.stdout + r.stderr);
  const bundlePath = join(outdir, 'index.js');
  if (r.code !== 0 || !existsSync(bundlePath)) throw new Error(`wrangler dry-run failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().split('\n').slice(-5).join(' | ')}`);
  // Every uploaded module: index.js plus modules kept apart by [[rules]] (the artifact as Text); not maps or README.
  const modules = readdirSync(outdir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
  const files = modules.map((f) => readFileSync(join(outdir, f)));
  const bytes = { length: files.reduce((n, b) => n + b.length, 0) };
  const ownGzipBytes = files.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  const gzipKiB = m ? Number(m[2]) : ownGzipBytes / 1024;
  return {
    uploadKiB: m ? Number(m[1]) : bytes.length / 1024,
    gzipKiB,
    gzipBytes: Math.round(gzipKiB * 1024),
    bundleBytes: bytes.length,
    ownGzipBytes,
    ms: r.ms,
    bundlePath,
  };
}
