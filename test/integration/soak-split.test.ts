/**
 * @module SHORT SPLIT SOAK (kept apart so it can be left out of `npm test` on its own): `scripts/soak.ts --split`
 * on a synthetic corpus of 10,000 entries (smaller ones load too few shards to stress their loading), built split
 * into a private Worker copy and served by wrangler dev, under 64 connections of mixed and new worst-case queries
 * for 15 s. It fails on any 5xx, non-JSON error or request without a response in 10 s.
 * `npm run soak -- --split` runs the same for 60 s.
 */
import { expect, it } from 'vitest';
import { run } from '../../scripts/lib/process';

it('serves a split index under 64 connections for 15 s with no 5xx, no error without JSON and no hung request', async () => {
  const args = ['--import', 'tsx', 'scripts/soak.ts', '--split', '--entries', '10000', '--duration', '15'];
  const r = await run(process.execPath, args, { timeoutMs: 290_000 });
  const output = r.stdout + r.stderr;
  console.log(output.trim().split('\n').slice(-14).join('\n'));
  expect(r.code, output.slice(-4000)).toBe(0);
  expect(output).toMatch(/soak passed/);
}, 300_000);
