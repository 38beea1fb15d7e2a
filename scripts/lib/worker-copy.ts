/**
 * @module A private copy of the Worker (src/, wrangler.toml and its static assets) under .tmp/, so wrangler can
 * bundle and serve another artifact (a synthetic corpus, a split index) while the project's src/generated and
 * dist/ui stay as they are. It lives inside the project so the bundler still finds node_modules.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT } from './process';

/** A prepared copy. */
export interface WorkerCopy {
  /** The copy's root (its wrangler.toml); serve it with startWranglerDev({ cwd: dir }). */
  dir: string;
  /** Where the bundled artifact goes: `<dir>/src/generated/artifact.txt` (a build's --out). */
  artifact: string;
  /** Its static assets directory (a split build's --assets). */
  assets: string;
}

/** wrangler.toml's `[assets] directory`, relative to the project root, read by wrangler's own config reader. */
async function assetsDirectory(): Promise<string | undefined> {
  const { unstable_readConfig } = await import('wrangler');
  const directory = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') }).assets?.directory;
  return directory ? relative(ROOT, resolve(ROOT, directory)) : undefined;
}

/**
 * Copies the Worker to `.tmp/<name>` (replacing what was there) without its artifact, and installs `artifact` when
 * given; the built assets come along (an empty directory when there are none: wrangler refuses a missing one).
 */
export async function copyWorker(name: string, artifact?: string): Promise<WorkerCopy> {
  const dir = join(ROOT, '.tmp', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src/generated'), { recursive: true });
  const generatedArtifact = join(ROOT, 'src/generated/artifact.txt');
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true, filter: (p) => p !== generatedArtifact });
  cpSync(join(ROOT, 'wrangler.toml'), join(dir, 'wrangler.toml'));
  const copy = { dir, artifact: join(dir, 'src/generated/artifact.txt'), assets: join(dir, (await assetsDirectory()) ?? 'dist/ui') };
  const builtAssets = join(ROOT, relative(dir, copy.assets));
  if (existsSync(builtAssets)) cpSync(builtAssets, copy.assets, { recursive: true });
  else mkdirSync(copy.assets, { recursive: true });
  if (artifact) cpSync(artifact, copy.artifact);
  return copy;
}
