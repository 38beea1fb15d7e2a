/**
 * @module Bench: everything measured for one corpus (the embedded one or a synthetic size): build, artifact
 * size, bundle, start-up, the radix-tree trap and query cost. Each step records its own failure and the rest go on.
 */
import { join } from 'node:path';
import { artifactStats, type ArtifactStats } from './artifact-stats';
import { runBuild, type BuildRun } from './build-run';
import type { CorpusSummary } from '../corpus/generate';
import { probe, runTsJson } from './proc';
import type { QueryCost } from './query-cost';
import { measureStartup, measureTrap, type StartupResult, type TrapResult } from './startup';
import type { SplitCost, SplitPrepared } from './split-cost';
import { combineRounds, load1 } from './stats';
import { dryRunBundle, prepareWorker, type BundleSize, type WorkerCopy } from './worker-copy';

/** Build-time provider detection, sampled (see probe.ts detectProbe). */
export interface DetectEstimate {
  perArticleMs: number;
  sampled: number;
  articles: number;
  aliases: number;
  chars: number;
  estimatedMs: number;
}

/** All results for one corpus. */
export interface SizeResult {
  label: string;
  /** Requested entries (synthetic sizes only). */
  target?: number;
  corpus?: CorpusSummary;
  build?: BuildRun;
  detect?: DetectEstimate;
  artifact?: ArtifactStats;
  bundle?: BundleSize;
  /** Bundle gzip estimated from the artifact's gzip plus the embedded bundle's code, when no bundle was built. */
  bundleEstimateBytes?: number;
  startup?: StartupResult;
  trap?: TrapResult;
  query?: QueryCost;
  /** The split index (large sizes): its core and shards, and its start-up and query cost. */
  split?: { prepared: SplitPrepared; cost?: SplitCost; bundle?: BundleSize };
  /** Seconds spent measuring this size, and the load average at the end. */
  seconds?: number;
  load?: number;
  errors: string[];
}

/** What to measure for one corpus. */
export interface SizePlan {
  label: string;
  dataDir: string;
  workDir: string;
  runs: number;
  queryMs: number;
  /** Fresh-process rounds of the query cost; the report gives their median (see combineRounds). */
  queryRounds: number;
  buildTimeoutMs: number;
  bundle: boolean;
  workerImport: boolean;
  trap: boolean;
  trapRuns: number;
  detectSample: number;
  /** Also split the artifact and measure the split index (sizes that do not fit a Worker bundle whole). */
  split: boolean;
}

/** Runs `step`, recording a failure in `r.errors` instead of throwing. */
async function step<T>(r: SizeResult, name: string, f: () => Promise<T> | T): Promise<T | undefined> {
  const t0 = performance.now();
  try {
    const v = await f();
    log(`  ${r.label}: ${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return v;
  } catch (e) {
    const msg = `${name}: ${(e as Error).message}`;
    r.errors.push(msg);
    log(`  ${r.label}: ${msg}`);
    return undefined;
  }
}

/** Progress goes to stderr so stdout carries only the report. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Builds and measures one corpus; the worker copy is returned for the workerd part. */
export async function measureSize(plan: SizePlan, result: SizeResult): Promise<{ result: SizeResult; copy?: WorkerCopy }> {
  const started = performance.now();
  const artifact = join(plan.workDir, 'artifact.txt');
  if (plan.detectSample > 0) result.detect = await step(result, 'provider detection sample', () => runTsJson<DetectEstimate>(probe(), ['detect', plan.dataDir, String(plan.detectSample)], { timeoutMs: 600_000 }));
  result.build = await step(result, 'build', () => runBuild(plan.dataDir, artifact, plan.buildTimeoutMs));
  if (!result.build?.ok) {
    if (result.build?.error) result.errors.push(`build: ${result.build.error}`);
    return { result: finish(result, started) };
  }
  result.artifact = await step(result, 'artifact size', () => artifactStats(artifact));
  const copy = await step(result, 'worker copy', () => prepareWorker(artifact, join(plan.workDir, 'worker')));
  if (plan.bundle && copy) result.bundle = await step(result, 'bundle (wrangler dry-run)', () => dryRunBundle(copy));
  result.startup = await step(result, 'startup', () =>
    measureStartup({ artifact, runs: plan.runs, workerEntry: plan.workerImport ? copy?.entry : undefined, bundle: result.bundle?.bundlePath, toml: copy ? join(copy.dir, 'wrangler.toml') : undefined }),
  );
  result.errors.push(...(result.startup?.errors ?? []));
  if (plan.trap) result.trap = await step(result, 'radix-tree trap', () => measureTrap(artifact, plan.trapRuns));
  result.query = await step(result, 'query cost', async () => {
    const rounds: QueryCost[] = [];
    for (let i = 0; i < plan.queryRounds; i++) rounds.push(await runTsJson<QueryCost>(probe(), ['query', artifact, String(plan.queryMs)], { timeoutMs: 900_000 }));
    return combineRounds(rounds);
  });
  if (plan.split) await measureSplitIndex(plan, result, artifact);
  return { result: finish(result, started), copy };
}

/** Splits the built artifact, bundles a worker with the core, and measures the split engine. */
async function measureSplitIndex(plan: SizePlan, result: SizeResult, artifact: string): Promise<void> {
  const dir = join(plan.workDir, 'split');
  const prepared = await step(result, 'split', () => runTsJson<SplitPrepared>(probe(), ['split-prepare', artifact, dir], { timeoutMs: 600_000 }));
  if (!prepared) return;
  result.split = { prepared };
  const copy = await step(result, 'split worker copy', () => prepareWorker(prepared.core, join(plan.workDir, 'split-worker')));
  if (copy) result.split.bundle = await step(result, 'split bundle (wrangler dry-run)', () => dryRunBundle(copy));
  result.split.cost = await step(result, 'split query cost', () => runTsJson<SplitCost>(probe(), ['split', prepared.core, prepared.assets], { timeoutMs: 600_000 }));
}

function finish(result: SizeResult, started: number): SizeResult {
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  result.load = load1();
  return result;
}
