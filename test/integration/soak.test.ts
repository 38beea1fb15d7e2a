/**
 * @module The short soak in `npm test`: `scripts/soak.ts --duration 10` against `wrangler dev` on 127.0.0.1 must
 * exit 0 (no 5xx, no socket errors, every status and body as expected). `npm run soak` runs the full 60 s.
 */
import { expect, it } from 'vitest';
import { run } from '../../scripts/lib/process';

it('survives a 10 s mixed load under wrangler dev with no 5xx and no socket errors', async () => {
  const r = await run(process.execPath, ['--import', 'tsx', 'scripts/soak.ts', '--duration', '10', '--connections', '4'], { timeoutMs: 170_000 });
  const output = r.stdout + r.stderr;
  // The summary (req/s, p99, workerd RSS) is worth seeing in the test log either way.
  console.log(output.trim().split('\n').slice(-12).join('\n'));
  expect(r.code, output.slice(-4000)).toBe(0);
  expect(output).toMatch(/soak passed/);
}, 180_000);
