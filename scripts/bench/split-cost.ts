/**
 * @module Bench: the split index (scripts/build.ts --split) of a large corpus, measured in probe children. `prepare`
 * splits a built artifact into a core and shard files on disk; `measure` starts an engine on the core in a fresh
 * process and runs the query list through searchAsync with a loader reading the shard files, as the worker reads
 * them from static assets: first queries (shards loading) and then repeated ones (shards in memory).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseArtifact, serializeArtifact, type Artifact } from '../../src/artifact';
import { BENCH_QUERIES } from './queries';
import { median } from './stats';

/** What `prepare` wrote. */
export interface SplitPrepared {
  core: string;
  assets: string;
  coreBytes: number;
  coreGzipBytes: number;
  shards: number;
  shardBytes: number;
  largestShardBytes: number;
}

/** Splits `artifactFile` into `<dir>/core.txt` and `<dir>/assets/_index/<hash>/*`. */
export async function prepareSplit(artifactFile: string, dir: string): Promise<SplitPrepared> {
  const { splitArtifact, writeShards } = await import('../../src/indexer/split');
  const split = splitArtifact(parseArtifact(readFileSync(artifactFile, 'utf8')));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const core = join(dir, 'core.txt');
  const text = serializeArtifact(split.core);
  writeFileSync(core, text);
  writeShards(split, join(dir, 'assets'));
  const sizes = [...split.files.values()].map((t) => Buffer.byteLength(t));
  return {
    core,
    assets: join(dir, 'assets'),
    coreBytes: Buffer.byteLength(text),
    coreGzipBytes: gzipSync(text).length,
    shards: sizes.length,
    shardBytes: sizes.reduce((a, b) => a + b, 0),
    largestShardBytes: Math.max(...sizes),
  };
}

/** What `measure` found. */
export interface SplitCost {
  parseMs: number;
  ctorMs: number;
  /** Each bench query once, in a fresh engine: shard reads included (from local files here). */
  firstPassMs: number[];
  /** Shard files the first pass read, and their characters. */
  firstPassShards: number;
  firstPassChars: number;
  /** Later passes with the shards in memory and the term cache cleared before each query. */
  warmP50Ms: number;
  warmP99Ms: number;
  heapMB: number;
}

/** Starts an engine on the core and runs the query list (call in a fresh process). */
export async function measureSplit(core: string, assets: string, passes = 20): Promise<SplitCost> {
  const { SearchEngine } = await import('../../src/search/engine');
  const text = readFileSync(core, 'utf8');
  const t0 = performance.now();
  const artifact = parseArtifact(text);
  const t1 = performance.now();
  const engine = new SearchEngine(artifact);
  const t2 = performance.now();
  let shards = 0;
  let chars = 0;
  const load = async (path: string) => {
    const s = readFileSync(join(assets, path), 'utf8');
    shards++;
    chars += s.length;
    return s;
  };
  const firstPassMs: number[] = [];
  for (const { q } of BENCH_QUERIES) {
    const s = performance.now();
    await engine.searchAsync({ q, limit: 5 }, load);
    firstPassMs.push(performance.now() - s);
  }
  const firstPassShards = shards;
  const firstPassChars = chars;
  const warm: number[] = [];
  const cache = (engine as unknown as { termCache: { clear(): void } }).termCache;
  for (let r = 0; r < passes; r++) {
    for (const { q } of BENCH_QUERIES) {
      cache.clear();
      const s = performance.now();
      await engine.searchAsync({ q, limit: 5 }, load);
      warm.push(performance.now() - s);
    }
  }
  warm.sort((a, b) => a - b);
  (globalThis as { gc?: () => void }).gc?.();
  return {
    parseMs: t1 - t0,
    ctorMs: t2 - t1,
    firstPassMs,
    firstPassShards,
    firstPassChars,
    warmP50Ms: median(warm),
    warmP99Ms: warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.99))],
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e5) / 10,
  };
}
