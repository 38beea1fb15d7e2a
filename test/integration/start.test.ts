/** @module `npm start` (scripts/start.ts): serves on the port it is given, says so in one line, and stops wrangler on SIGINT. */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/process';
import { freePort } from '../../scripts/lib/wrangler-dev';

it('PORT=<n> start --no-build prints one ready line with the URLs, serves, and stops everything on SIGINT', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--no-build'], { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = await new Promise<string>((done, fail) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('ready: '));
      if (line) done(line);
    });
    void exited.then((code) => fail(new Error(`start exited ${code} before it was ready:\n${out}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  expect(ready).toContain(`page ${base}/ `);
  expect(ready).toContain(`API ${base}/v1/search?q=`);
  expect(out.split('\n').filter((l) => l.startsWith('ready')).length).toBe(1);
  expect((await fetch(`${base}/health`)).status).toBe(200);
  expect((await fetch(`${base}/`)).headers.get('content-type')).toMatch(/text\/html/);
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  await expect(fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
}, 150_000);
