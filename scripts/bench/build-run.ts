/** @module Bench: the real build (`scripts/build.ts --data <dir> --out <file>`) in a child process: wall time and peak RSS. */
import { run } from '../lib/process';

/** One build. */
export interface BuildRun {
  ok: boolean;
  /** Killed at the time limit. */
  timedOut: boolean;
  ms: number;
  peakRssMB?: number;
  error?: string;
}

/** A preload that reports the process's peak resident memory as it exits. */
const PEAK_RSS = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`maxrss-kb:${process.resourceUsage().maxRSS}\\n`))';

/** Builds `dataDir` into `out`, killed after `timeoutMs`. */
export async function runBuild(dataDir: string, out: string, timeoutMs: number): Promise<BuildRun> {
  const r = await run(process.execPath, ['--import', PEAK_RSS, '--import', 'tsx', 'scripts/build.ts', '--data', dataDir, '--out', out, '--quiet'], { timeoutMs });
  const rss = /maxrss-kb:(\d+)/.exec(r.stderr);
  const ok = r.code === 0 && !r.timedOut;
  const error = r.timedOut ? `killed after ${Math.round(timeoutMs / 1000)} s` : r.stderr.replace(/maxrss-kb:\d+\n?/, '').trim().split('\n').slice(-4).join(' | ');
  return { ok, timedOut: r.timedOut, ms: r.ms, peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : undefined, error: ok ? undefined : error };
}
