/**
 * @module Child processes for the tooling, each leading a process group of its own: run to completion (a build, a
 * fresh process that prints one JSON result), stopped as a group, and killed with this process if still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Process groups started here that are still running. They lead groups of their own, so a Ctrl-C at the terminal
 * does not reach them: whatever is left when this process exits is killed with it.
 */
const live = new Set<number>();
process.on('exit', () => {
  for (const pgid of live) signalGroup(pgid, 'SIGKILL');
});

/** Keeps `child`'s group (spawned with `detached: true`) in the set above until the child exits. */
export function track(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const pgid = child.pid;
  live.add(pgid);
  child.once('exit', () => live.delete(pgid));
}

/** What a finished child produced. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Options for {@link run}. */
export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Kill the child's whole process group after this many ms. */
  timeoutMs?: number;
}

/**
 * Runs a command to completion and collects its output. The child leads a new process group (`detached` calls
 * setsid), so a timeout stops everything it started.
 */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          void stopGroup(child);
        }, opts.timeoutMs)
      : undefined;
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Runs `tsx <script> ...args`; rejects with the script's last lines of output when it fails. */
export async function runTsx(script: string, args: string[], opts: RunOptions = {}): Promise<ChildResult> {
  const r = await run(process.execPath, ['--import', 'tsx', resolve(ROOT, script), ...args], opts);
  if (r.code !== 0 || r.timedOut) {
    const tail = (r.stderr || r.stdout).trim().split('\n').slice(-8).join('\n');
    throw new Error(`${script} ${args.join(' ')}: ${r.timedOut ? 'timed out' : `exit ${r.code}`}\n${tail}`);
  }
  return r;
}

/** Sends `signal` to a process group; false when the group is gone. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the process group `child` leads (spawned with `detached: true`, so its pid is the group id): SIGTERM,
 * then SIGKILL after `graceMs`. Once the leader has exited the group gets SIGKILL as well, since workerd would
 * outlive wrangler.
 */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    signalGroup(pgid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((done) => (timer = setTimeout(done, graceMs)))]);
    clearTimeout(timer);
  }
  signalGroup(pgid, 'SIGKILL');
}

/**
 * Runs `node --expose-gc [--import tsx] <script or -e code> ...args` and parses the last line it prints as JSON: a
 * fresh process for each cold measurement. `script` ending in .ts runs through tsx; anything else is module source.
 */
export async function runJson<T>(script: string, args: string[], opts: RunOptions = {}): Promise<T> {
  const node = script.endsWith('.ts') ? ['--expose-gc', '--import', 'tsx', resolve(ROOT, script)] : ['--expose-gc', '--input-type=module', '-e', script, '--'];
  const r = await run(process.execPath, [...node, ...args], opts);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{')) {
    const what = script.endsWith('.ts') ? script : 'node -e';
    throw new Error(`${what} failed (${r.timedOut ? 'timed out' : `exit ${r.code}`}): ${r.stderr.trim().split('\n').slice(-6).join(' | ')}`);
  }
  return JSON.parse(line) as T;
}
