/**
 * @module `npm start`: builds (`npm run build`), serves the Worker with wrangler dev on 127.0.0.1 and prints one
 * line once it answers: the search page's URL and the API's. The port is `--port N`, else `PORT`, else 8787;
 * `--no-build` serves what was built last. SIGINT (Ctrl-C) or SIGTERM stops wrangler and its workerd.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT } from './lib/process';
import { startWranglerDev } from './lib/wrangler-dev';

const USAGE = 'usage: npm start -- [--port N] [--no-build]   (or PORT=N npm start)';

/** The port and whether to build, from the command line and PORT. */
export function startOptions(argv: string[], env: Record<string, string | undefined>): { port: number; build: boolean; help: boolean } {
  const options = { port: { type: 'string' }, 'no-build': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } as const;
  const { values } = parseArgs({ args: argv, options });
  const raw = values.port ?? env.PORT ?? '8787';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) throw new Error(`the port must be a number from 1 to 65535, not ${JSON.stringify(raw)}`);
  return { port, build: !values['no-build'], help: values.help };
}

async function main(): Promise<void> {
  let options;
  try {
    options = startOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`start: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) return void console.log(USAGE);
  if (options.build) {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const server = await startWranglerDev({ port: options.port, echo: true });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      void server.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  console.log(`ready: page ${server.url}/  API ${server.url}/v1/search?q=${encodeURIComponent('退款')} (reference ${server.url}/openapi.json)`);
  const code = await server.exited;
  if (stopping) return;
  console.error(`start: wrangler dev exited (${code})`);
  await server.stop();
  process.exit(code || 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`start: ${(error as Error).message}`);
    process.exit(1);
  });
}
