/**
 * @module A corpus that grew: the shipped data/ plus the articles and providers of other directories (e.g.
 * test/eval/growth, test/fixtures), built into a temporary artifact with scripts/build.ts, for evaluating and testing
 * ranking, provider isolation and contact answers on more (and longer) articles than the five shipped ones.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArticles } from '../../src/indexer/artifact';
import { adapterFor } from '../../src/indexer/formats/index';
import { readArticle } from '../../src/indexer/load-sources';
import type { Provider } from '../../src/model';
import { shippedFold, shippedSources } from '../support/indexer';

/** Where a grown corpus was built: its data directory and artifact. */
export interface GrownCorpus {
  dataDir: string;
  artifactPath: string;
  /** Articles of the extra directories left out because the build rejects them on their own (see `readableOnly`). */
  skipped: { path: string; reason: string }[];
  /** Removes the temporary directory. */
  dispose(): void;
}

/**
 * Copies data/ to a temporary directory, adds each extra directory's articles (every file under its `articles/` an
 * adapter reads) and providers (its `providers.json`, appended to the shipped registry), and builds the artifact
 * there with scripts/build.ts. With `only`, just the article of that file name is added. With `readableOnly`, an
 * article the build rejects when read on its own (an adapter or extraction error) is left out and listed in
 * `skipped` instead of failing the build. Throws with the build's output when the build fails.
 */
export function buildGrownCorpus(extra: string | string[], root = process.cwd(), options: { readableOnly?: boolean; only?: string } = {}): GrownCorpus {
  const dirs = [extra].flat();
  const dir = mkdtempSync(join(tmpdir(), 'faq-grown-'));
  const dataDir = join(dir, 'data');
  cpSync(join(root, 'data'), dataDir, { recursive: true });
  const registry = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { providers: Provider[] }).providers;
  const providers = [...registry(join(root, 'data/providers.json')), ...dirs.flatMap((d) => registry(join(d, 'providers.json')))];
  writeFileSync(join(dataDir, 'providers.json'), `${JSON.stringify({ providers }, null, 2)}\n`);
  const skipped: GrownCorpus['skipped'] = [];
  for (const d of dirs) {
    for (const name of readdirSync(join(d, 'articles')).sort()) {
      const path = join(d, 'articles', name);
      if (!adapterFor(name) || (options.only !== undefined && name !== options.only)) continue;
      const reason = options.readableOnly ? rejection(path, name, providers) : null;
      if (reason) skipped.push({ path, reason });
      else cpSync(path, join(dataDir, 'articles', name));
    }
  }
  const artifactPath = join(dir, 'artifact.txt');
  const run = spawnSync('npx', ['tsx', 'scripts/build.ts', '--data', dataDir, '--out', artifactPath, '--quiet'], { cwd: root, encoding: 'utf8' });
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) {
    dispose();
    throw new Error(`build of ${dataDir} failed:\n${run.stdout}${run.stderr}`);
  }
  return { dataDir, artifactPath, skipped, dispose };
}

/** Why the build rejects an article read on its own, or null when it reads it. */
function rejection(path: string, doc: string, providers: Provider[]): string | null {
  try {
    const article = readArticle(path, doc);
    readArticles([article], { providers, lexicon: shippedSources().categories, fold: shippedFold() });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
