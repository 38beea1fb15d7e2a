/**
 * @module `wrangler dev` on 127.0.0.1 and a free (or chosen) port, ready once GET /health answers: the one way the
 * soak, the bench, `npm start`, the browser tests and the integration tests start the Worker. wrangler runs offline
 * (no calls to Cloudflare, no telemetry) in its own process group, which `stop()` ends as a whole: workerd would
 * outlive wrangler otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import getPort from 'get-port';
import { ROOT, stopGroup, track } from './process';

/** Environment for every wrangler command the tooling runs: offline, no telemetry. */
export const WRANGLER_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };

/** The project's wrangler CLI. */
export const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

/** How to start wrangler dev. */
export interface DevOptions {
  /** Directory of the wrangler.toml to serve (default: the project root). */
  cwd?: string;
  /** Port to listen on; default a free one. A port that is taken is an error, not silently another port. */
  port?: number;
  /** Variables that override wrangler.toml's [vars] (`--var NAME:value`). */
  vars?: Record<string, string>;
  /** Also copy wrangler's output to this process's stdout and stderr (it is always kept for error messages). */
  echo?: boolean;
  /** How long to wait for GET /health to answer 200 (default 120 s). */
  readyTimeoutMs?: number;
}

/** A running wrangler dev. */
export interface DevServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  /** Process group of wrangler, esbuild and both workerd processes (wrangler leads it: its pid). */
  pgid: number;
  /** The last 20 KB of wrangler's output. */
  output(): string;
  /** Settles with wrangler's exit code when it exits. */
  exited: Promise<number | null>;
  /** Stops the whole group and removes the server's temporary state directory. */
  stop(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that is free now (get-port also keeps it from being handed out twice in this process). */
export function freePort(): Promise<number> {
  return getPort({ host: '127.0.0.1' });
}

/** Resolves `port` when it is free on 127.0.0.1, else rejects saying so. */
async function checkedPort(port: number): Promise<number> {
  const got = await getPort({ host: '127.0.0.1', port });
  if (got !== port) throw new Error(`port ${port} on 127.0.0.1 is in use`);
  return port;
}

/** Starts wrangler dev and resolves once GET /health answers 200; on failure the group is stopped and the error carries wrangler's output. */
export async function startWranglerDev(opts: DevOptions = {}): Promise<DevServer> {
  const port = opts.port ? await checkedPort(opts.port) : await freePort();
  // Each server gets its own inspector port and state directory, so several can run side by side.
  const inspector = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'faq-wrangler-'));
  const vars = Object.entries(opts.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const args = ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', state];
  args.push('--log-level', 'warn', '--show-interactive-dev-session=false', ...vars);
  // detached: the child calls setsid, so it leads a new process group whose id is its pid.
  const child = spawn(WRANGLER, args, { cwd: opts.cwd ?? ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...WRANGLER_ENV } });
  track(child);
  let log = '';
  const keep = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
    if (opts.echo) to.write(chunk);
  };
  child.stdout!.on('data', keep(process.stdout));
  child.stderr!.on('data', keep(process.stderr));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const server: DevServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    pgid: child.pid!,
    output: () => log,
    exited,
    stop: async () => {
      await stopGroup(child);
      rmSync(state, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  while (!gone && Date.now() < deadline) {
    try {
      if ((await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2000) })).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`wrangler dev ${gone ? 'exited' : 'was not ready'} on ${server.url} (in ${opts.cwd ?? ROOT}):\n${log.slice(-4000)}`);
}
