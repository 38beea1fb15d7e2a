/**
 * @module Bench: everything measured for one corpus (the embedded one or a synthetic size): the build, the artifact's
 * size and, where the corpus is bundled whole, the bundle, start-up and first requests in fresh processes (the
 * realistic first question and each kind of worst case), and in-process query cost in fresh-process rounds. Each
 * step records its own failure and the rest go on.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArtifact } from '../../src/artifact';
import { runJson } from '../lib/process';
import { copyWorker } from '../lib/worker-copy';
import { runBuild, type BuildRun } from './build-run';
import { dryRunBundle, type Bundle } from './bundle';
import { BENCH_QUERIES, corpusText, FIRST_QUERY, worstCaseQueries, type WorstKind } from './queries';
import type { TaskCost } from './query-cost';
import { importRuns, type ImportRun } from './startup';

/** What to measure for one corpus. */
export interface Plan {
  label: string;
  dataDir: string;
  /** Scratch directory of this corpus (artifact, query files). */
  workDir: string;
  buildTimeoutMs: number;
  /** Bundle it whole and measure the Worker (start-up, requests, query cost); else the build and size alone. */
  worker: boolean;
  /** Fresh processes per start-up figure. */
  runs: number;
  /** Fresh-process rounds of in-process query cost, and the time each task runs in a round. */
  queryRounds: number;
  queryMs: number;
}

/** All results for one corpus; absent parts were not measured or failed (see errors). */
export interface CorpusResult {
  label: string;
  entries?: number;
  build?: BuildRun;
  artifact?: { rawBytes: number; gzipBytes: number };
  /** The Worker copy that was bundled (served by wrangler dev for the HTTP load). */
  workerDir?: string;
  bundle?: Bundle;
  /** Fresh processes whose requests were the realistic first and second questions. */
  startup?: ImportRun[];
  /** Per kind of worst case, the first request of fresh processes (one new query each). */
  worstFirstMs?: Record<WorstKind, number[]>;
  /** In-process query cost, one list of tasks per round. */
  query?: TaskCost[][];
  errors: string[];
}

/** The first two requests of a fresh isolate: a plain question, then a different one. */
const FIRST_PATHS = [FIRST_QUERY, '钱付了但是没到账'].map((q) => `/v1/search?q=${encodeURIComponent(q)}`);

/** Progress goes to stderr, so stdout carries only the report. */
export const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs `f`, recording a failure in `r.errors` instead of throwing. */
async function step<T>(r: CorpusResult, name: string, f: () => Promise<T> | T): Promise<T | undefined> {
  const t0 = performance.now();
  try {
    const value = await f();
    log(`  ${r.label}: ${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    r.errors.push(`${name}: ${(error as Error).message}`);
    log(`  ${r.label}: ${name} FAILED: ${(error as Error).message}`);
    return undefined;
  }
}

/** The longest `n` queries of each kind: each fresh process gets one it has never seen. */
function longestByKind(queries: ReturnType<typeof worstCaseQueries>, n: number): Record<WorstKind, string[]> {
  const out = {} as Record<WorstKind, string[]>;
  for (const { q, kind } of [...queries].sort((a, b) => b.q.length - a.q.length)) {
    const list = (out[kind as WorstKind] ??= []);
    if (list.length < n) list.push(q);
  }
  return out;
}

/** Builds and measures one corpus. */
export async function measureCorpus(plan: Plan): Promise<CorpusResult> {
  const r: CorpusResult = { label: plan.label, errors: [] };
  mkdirSync(plan.workDir, { recursive: true });
  const artifact = join(plan.workDir, 'artifact.txt');
  r.build = await step(r, 'build', () => runBuild(plan.dataDir, artifact, plan.buildTimeoutMs));
  if (!r.build?.ok) {
    r.errors.push(`build: ${r.build?.error ?? 'failed'}`);
    return r;
  }
  const text = readFileSync(artifact);
  r.artifact = { rawBytes: text.length, gzipBytes: gzipSync(text).length };
  r.entries = parseArtifact(text.toString('utf8')).words.count;
  if (!plan.worker) return r;

  const worst = worstCaseQueries(corpusText(plan.dataDir), 4000);
  const worstFile = join(plan.workDir, 'worst.json');
  writeFileSync(worstFile, JSON.stringify(worst));
  const copy = await step(r, 'worker copy', () => copyWorker(`bench-${plan.label}`, artifact));
  r.workerDir = copy?.dir;
  r.bundle = copy && (await step(r, 'bundle (wrangler --dry-run --minify)', () => dryRunBundle(copy)));
  if (r.bundle) {
    const dir = r.bundle.dir;
    r.startup = await step(r, `start-up, ${plan.runs} fresh processes`, () => importRuns(dir, Array.from({ length: plan.runs }, () => FIRST_PATHS)));
    r.worstFirstMs = await step(r, 'worst-case first requests', async () => {
      const out = {} as Record<WorstKind, number[]>;
      for (const [kind, queries] of Object.entries(longestByKind(worst, plan.runs))) {
        const runs = await importRuns(dir, queries.map((q) => [`/v1/search?q=${encodeURIComponent(q)}`]));
        out[kind as WorstKind] = runs.map((run) => run.requestMs[0]);
      }
      return out;
    });
  }
  r.query = await step(r, `query cost, ${plan.queryRounds} rounds of ${BENCH_QUERIES.length} + ${worst.length} queries`, async () => {
    const rounds: TaskCost[][] = [];
    for (let i = 0; i < plan.queryRounds; i++) rounds.push((await runJson<{ tasks: TaskCost[] }>('scripts/bench/query-cost.ts', [artifact, worstFile, String(plan.queryMs)], { timeoutMs: 900_000 })).tasks);
    return rounds;
  });
  return r;
}
