/**
 * @module The short soak in `npm test`: `scripts/soak.ts --duration 10` against `wrangler dev` on 127.0.0.1 must
 * exit 0 (no 5xx, no socket errors, every status and body as expected). `npm run soak` runs the full 60 s.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

it('survives a 10 s mixed load under wrangler dev with no 5xx and no socket errors', async () => {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/soak.ts'), '--duration', '10', '--connections', '4'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  // The summary (req/s, p99, workerd RSS) is worth seeing in the test log either way.
  console.log(output.trim().split('\n').filter((l) => !l.includes('stack:')).slice(-12).join('\n'));
  expect(code, output.slice(-4000)).toBe(0);
  expect(output).toMatch(/soak passed/);
}, 180_000);
