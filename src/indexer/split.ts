/** @module Splitting a large artifact: the core the worker bundles, and shard files (postings, entries) served as static assets. */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Artifact } from '../artifact';
import { SearchEngine } from '../search/engine';
import { BuildError } from './errors';
import type { PackedTable } from '../text/sorted-table';

/** Where split shards go under the static assets directory; the worker fetches them through its ASSETS binding. */
export const SHARD_ROOT = '_index';

/** Shard sizing. */
export interface SplitOptions {
  /** Target characters of one postings shard. */
  shardChars: number;
  /** Target characters of one entries shard. */
  entryShardChars: number;
}

/**
 * ~64k characters a shard: one asset fetch returns the postings of a few hundred terms, and a query's dozen
 * terms touch a dozen shards at most (a fraction of a megabyte), which the isolate then keeps for later queries.
 */
export const DEFAULT_SPLIT: SplitOptions = { shardChars: 64_000, entryShardChars: 64_000 };

/** The core artifact and the shard files (name → text) of a split. */
export interface Split {
  core: Artifact;
  files: Map<string, string>;
}

/** Groups the values of a packed table into shards of about `target` characters; returns first key indices and texts. */
function shardValues(table: PackedTable, prefix: string, target: number, files: Map<string, string>): number[] {
  // ShardedTable looks keys up in the main key list only.
  if (table.rest) throw new Error(`${prefix}: a postings table with a rest table cannot be split`);
  const values = table.count === 0 ? [] : table.values.split('\n');
  const first: number[] = [];
  let start = 0;
  while (start < values.length || first.length === 0) {
    let end = start;
    let chars = 0;
    do chars += values[end++]?.length ?? 0;
    while (end < values.length && chars + values[end].length <= target);
    first.push(start);
    files.set(`${prefix}${first.length - 1}.txt`, values.slice(start, end).join('\n'));
    start = end;
  }
  return first;
}

/** A table's keys and key index without its values (they go to shards). */
function withoutValues(table: PackedTable): PackedTable {
  return { ...table, values: '', index: { ...table.index, values: '' } };
}

/**
 * Splits a finished artifact. The core keeps everything but posting values and entry texts, plus each entry's
 * ranking data; the content hash stays the artifact's, and names the shard directory, so a deploy's worker and
 * its shards always belong together. Deterministic.
 */
export function splitArtifact(artifact: Artifact, options: SplitOptions = DEFAULT_SPLIT): Split {
  const files = new Map<string, string>();
  const wordShards = shardValues(artifact.words.postings, 'w', options.shardChars, files);
  const gramShards = shardValues(artifact.grams.postings, 'g', options.shardChars, files);
  const sizes = artifact.entries.map((e) => JSON.stringify(e).length);
  const average = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const entriesPerShard = Math.max(1, Math.floor(options.entryShardChars / Math.max(1, average)));
  for (let i = 0; i * entriesPerShard < artifact.entries.length; i++) {
    files.set(`e${i}.json`, JSON.stringify(artifact.entries.slice(i * entriesPerShard, (i + 1) * entriesPerShard)));
  }
  const core: Artifact = {
    ...artifact,
    entries: [],
    words: { ...artifact.words, postings: withoutValues(artifact.words.postings) },
    grams: { ...artifact.grams, postings: withoutValues(artifact.grams.postings) },
    split: { base: `/${SHARD_ROOT}/${artifact.hash}`, entriesPerShard, wordShards, gramShards },
  };
  return { core, files };
}

/**
 * Writes the shard files into `<assets>/_index/<hash>/` (into a temporary directory renamed into place, so a
 * failed write leaves no half shard set) and removes shard sets of other builds. Call before the core replaces
 * the shipped artifact: the worker then never references shards that are not there.
 */
export function writeShards(split: Split, assetsDir: string): void {
  const root = join(assetsDir, SHARD_ROOT);
  const dir = join(root, split.core.hash);
  if (!existsSync(dir)) {
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    try {
      for (const [name, text] of split.files) writeFileSync(join(tmp, name), text);
      renameSync(tmp, dir);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  removeShards(assetsDir, split.core.hash);
}

/** Removes every shard set under `<assets>/_index` except `keep` (all of them when `keep` is undefined). */
export function removeShards(assetsDir: string, keep?: string): void {
  const root = join(assetsDir, SHARD_ROOT);
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) if (name !== keep) rmSync(join(root, name), { recursive: true, force: true });
  if (keep === undefined) rmSync(root, { recursive: true, force: true });
}

/**
 * Checks that the core with its shards answers exactly as the whole artifact does, on every entry's question:
 * same entries, scores and snippets. Throws BuildError (naming the artifact) otherwise.
 */
export async function validateSplit(split: Split, whole: SearchEngine, name: string): Promise<void> {
  const engine = new SearchEngine(JSON.parse(JSON.stringify(split.core)) as Artifact);
  const base = split.core.split!.base;
  const load = async (path: string) => {
    const text = split.files.get(path.slice(base.length + 1));
    if (text === undefined || !path.startsWith(`${base}/`)) throw new Error(`no shard ${path}`);
    return text;
  };
  const step = Math.max(1, Math.floor(whole.size / 200));
  for (let p = 0; p < whole.size; p += step) {
    const q = whole.allEntries()[p].question;
    const a = await engine.searchAsync({ q, limit: 5 }, load);
    const b = whole.search({ q, limit: 5 });
    const show = (o: typeof a) => JSON.stringify(o.hits.map((h) => [h.entry.id, h.score, h.snippet.text]));
    if (show(a) !== show(b)) throw new BuildError(name, 0, `the split index answers "${q}" differently from the whole one`);
  }
}
