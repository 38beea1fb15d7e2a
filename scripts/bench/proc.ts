/** @module Bench: child processes (fresh Node processes for cold measurements, builds, wrangler), free ports and process-group cleanup. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (two levels above this file). */
export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

let codeRoot = ROOT;

/**
 * Points every later build, probe and worker copy at a snapshot of src/, scripts/, data/ and wrangler.toml
 * taken when the bench started: the code is edited concurrently, and one run must measure one version.
 */
export function useCodeSnapshot(dir: string): void {
  codeRoot = dir;
}

/** A path inside the code being measured (the snapshot, once taken; else the project). */
export function codePath(rel: string): string {
  return join(codeRoot, rel);
}

/** The child probe script (scripts/bench/probe.ts) of the code being measured. */
export function probe(): string {
  return codePath('scripts/bench/probe.ts');
}

/** Environment for wrangler: no network calls to Cloudflare, no telemetry. */
export const WRANGLER_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };

/** What a finished child produced. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Options for running a child. */
export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Kill the child's process group after this many ms. */
  timeoutMs?: number;
}

/**
 * Runs a command to completion in its own process group (so a timeout kills everything it started) and
 * collects its output.
 */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup(child);
        }, opts.timeoutMs)
      : undefined;
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** Runs `node --expose-gc --import tsx <script> ...args` and parses the last stdout line as JSON. */
export async function runTsJson<T>(script: string, args: string[], opts: RunOptions = {}): Promise<T> {
  const r = await run(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], opts);
  return parseLastJson<T>(r, `${script} ${args.join(' ')}`);
}

/** Runs `node --expose-gc -e <code>` (plain Node, no TypeScript loader) and parses the last stdout line as JSON. */
export async function runJsJson<T>(code: string, args: string[] = [], opts: RunOptions = {}): Promise<T> {
  const r = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', code, '--', ...args], opts);
  return parseLastJson<T>(r, 'node -e');
}

function parseLastJson<T>(r: ChildResult, what: string): T {
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !line.startsWith('{')) {
    throw new Error(`${what} failed (exit ${r.code}${r.timedOut ? ', timed out' : ''}): ${r.stderr.trim().split('\n').slice(-6).join(' | ')}`);
  }
  return JSON.parse(line) as T;
}

/** Sends SIGTERM to the child's process group, then SIGKILL if it is still there after `graceMs`. */
export function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  return new Promise((done) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return done();
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, s);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      signal('SIGKILL');
      done();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Whatever the leader left behind in its group (workerd) goes too.
      signal('SIGKILL');
      done();
    });
    signal('SIGTERM');
  });
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** `/usr/bin/time` when installed (for peak RSS with -v). */
export function gnuTime(): string | null {
  return existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
