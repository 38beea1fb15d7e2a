/**
 * @module `npm run eval:each`: adds each article of a directory on its own to data/ and reports the labelled set's
 * R@1 against data/ alone. Runs the real script on a directory of two fixture articles.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'eval-each-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reports one row per article, each judged against data/ alone, and how many lower R@1', () => {
  mkdirSync(join(dir, 'articles'));
  const articles = ['chengzi-help.md', 'lepay-qa-labels.txt'];
  for (const a of articles) copyFileSync(join(ROOT, 'test/fixtures/articles', a), join(dir, 'articles', a));
  copyFileSync(join(ROOT, 'test/fixtures/providers.json'), join(dir, 'providers.json'));
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/eval-each.ts', dir], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^test\/eval\/queries\.jsonl on data\/: R@1 \d+\.\d%$/m);
  for (const a of articles) expect(r.stdout).toMatch(new RegExp(`^${a.replace('.', '\\.')} +\\d+\\.\\d% +\\d+\\.\\d%`, 'm'));
  expect(r.stdout).toMatch(/^\d of 2 articles lower R@1 \(by category\) when added on their own\.$/m);
}, 300_000);
