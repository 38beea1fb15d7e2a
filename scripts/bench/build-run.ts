/**
 * @module Bench: runs the real build (`tsx scripts/build.ts --data <dir> --out <file> --quiet`) as a child
 * process under `/usr/bin/time -v` for wall time and peak RSS; without GNU time, a preload reports the child's
 * own process.resourceUsage().maxRSS instead.
 */
import { codePath, gnuTime, run } from './proc';

/** One build. */
export interface BuildRun {
  ok: boolean;
  timedOut: boolean;
  ms: number;
  peakRssMB?: number;
  error?: string;
}

/** The build's own last lines of stderr, without GNU time's report (which follows them and would hide them). */
function buildError(stderr: string): string {
  const own = stderr.split(/^\s*Command (?:being timed|exited with non-zero status)/m)[0];
  return own.trim().split('\n').slice(-4).join(' | ');
}

/** Builds `dataDir` into `out`, killing the build after `timeoutMs`. */
export async function runBuild(dataDir: string, out: string, timeoutMs: number): Promise<BuildRun> {
  const node = [process.execPath, '--import', 'tsx'];
  const build = [codePath('scripts/build.ts'), '--data', dataDir, '--out', out, '--quiet'];
  const time = gnuTime();
  const [cmd, ...args] = time ? [time, '-v', ...node, ...build] : [...node, '--import', codePath('scripts/bench/maxrss.ts'), ...build];
  const r = await run(cmd, args, { timeoutMs });
  const rss = time ? /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(r.stderr) : /maxrss-kb:(\d+)/.exec(r.stderr);
  const ok = r.code === 0 && !r.timedOut;
  return {
    ok,
    timedOut: r.timedOut,
    ms: r.ms,
    peakRssMB: rss ? Math.round(Number(rss[1]) / 1024) : undefined,
    error: ok ? undefined : r.timedOut ? `killed after ${Math.round(timeoutMs / 1000)} s` : buildError(r.stderr),
  };
}
