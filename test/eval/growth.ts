/**
 * @module A corpus that grew: the shipped data/ plus the articles and providers of another directory (e.g.
 * test/eval/growth), built into a temporary artifact with scripts/build.ts, for evaluating and testing ranking
 * and provider isolation on more (and longer) articles than the five shipped ones.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provider } from '../../src/model';

/** Where a grown corpus was built: its data directory and artifact. */
export interface GrownCorpus {
  dataDir: string;
  artifactPath: string;
  /** Removes the temporary directory. */
  dispose(): void;
}

/**
 * Copies data/ to a temporary directory, adds `extraDir`'s articles (its `articles/*.txt`) and providers (its
 * `providers.json`, appended to the shipped registry), and builds the artifact there. Throws with the build's
 * output when the build fails.
 */
export function buildGrownCorpus(extraDir: string, root = process.cwd()): GrownCorpus {
  const dir = mkdtempSync(join(tmpdir(), 'faq-grown-'));
  const dataDir = join(dir, 'data');
  cpSync(join(root, 'data'), dataDir, { recursive: true });
  for (const name of readdirSync(join(extraDir, 'articles'))) {
    if (name.endsWith('.txt')) cpSync(join(extraDir, 'articles', name), join(dataDir, 'articles', name));
  }
  const registry = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { providers: Provider[] }).providers;
  const providers = [...registry(join(root, 'data/providers.json')), ...registry(join(extraDir, 'providers.json'))];
  writeFileSync(join(dataDir, 'providers.json'), `${JSON.stringify({ providers }, null, 2)}\n`);
  const artifactPath = join(dir, 'artifact.txt');
  const run = spawnSync('npx', ['tsx', 'scripts/build.ts', '--data', dataDir, '--out', artifactPath, '--quiet'], { cwd: root, encoding: 'utf8' });
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) {
    dispose();
    throw new Error(`build of ${dataDir} failed:\n${run.stdout}${run.stderr}`);
  }
  return { dataDir, artifactPath, dispose };
}
