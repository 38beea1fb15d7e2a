/**
 * @module `npm run build`: data/ → src/generated/artifact.txt (entries, contact guidance, lexicon, prebuilt index),
 * plus, in the static assets, each source's stored text (`sources/<doc>.txt`) and the build report
 * (`build-report.html`). Prints one line per source: provider, entries, steps, warnings.
 *
 * Flags: --data <dir> (default data), --out <file> (default src/generated/artifact.txt), --quiet, --split (write
 * posting values and entries as shard files under <assets>/_index/<hash>/ and a core artifact without them; for
 * corpora too large to bundle), --assets <dir> (the Workers static assets directory, default dist/ui). Source texts
 * and the report describe the artifact they were built with, so a build to another --out writes them only when
 * --assets is given.
 * A problem in the sources prints `file:line: message` and exits 1; problems that still leave a safe artifact print
 * `file:line: warning: message` and the build goes on. The artifact is validated as a whole and only then replaces
 * the previous one atomically, so a failed build leaves the previous artifact, source texts and report unchanged.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { SearchEngine } from '../src/search/engine';
import { buildArtifact, validateArtifact, writeArtifact } from '../src/indexer/artifact';
import { BuildError, warnings } from '../src/indexer/errors';
import { loadSources } from '../src/indexer/load-sources';
import { writeOpenApi } from '../src/indexer/openapi';
import { splitArtifact, validateSplit, writeShards } from '../src/indexer/split';
import { writeBuildOutputs } from '../src/indexer/build-outputs';
import { summaryLines } from '../src/indexer/report';

const DEFAULT_OUT = 'src/generated/artifact.txt';
const DEFAULT_ASSETS = 'dist/ui';

let values: { data?: string; out?: string; quiet?: boolean; split?: boolean; assets?: string };
try {
  ({ values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data' },
      out: { type: 'string', default: DEFAULT_OUT },
      quiet: { type: 'boolean', default: false },
      split: { type: 'boolean', default: false },
      assets: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`build: ${(error as Error).message}\nusage: tsx scripts/build.ts [--data <dir>] [--out <file>] [--split [--assets <dir>]] [--quiet]`);
  process.exit(2);
}

const started = performance.now();
/** A path as messages show it: relative to the project when inside it, else absolute. */
const shown = (p: string) => {
  const r = relative(process.cwd(), p);
  return !r ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r;
};
try {
  const sources = loadSources(resolve(values.data!));
  const { artifact, summary, report } = buildArtifact(sources);
  const out = resolve(values.out!);
  const assets = resolve(values.assets ?? DEFAULT_ASSETS);
  validateArtifact(artifact, sources, (a) => new SearchEngine(a), relative(process.cwd(), out) || out);
  let shipped = artifact;
  let shards = '';
  if (values.split) {
    // Shards first, checked and in place before the core that refers to them replaces the shipped artifact.
    const split = splitArtifact(artifact);
    await validateSplit(split, new SearchEngine(artifact), relative(process.cwd(), out) || out);
    writeShards(split, assets);
    shipped = split.core;
    shards = `; split: ${split.files.size} shards in ${join(shown(assets), split.core.split!.base)}`;
  }
  const describesShipped = values.assets !== undefined || resolve(values.out!) === resolve(DEFAULT_OUT);
  const outputs = describesShipped ? writeBuildOutputs(assets, sources.articles, report) : undefined;
  const bytes = writeArtifact(shipped, out);
  writeOpenApi(); // GET /openapi.json, always to src/generated/ (where the worker imports it), whatever --out is
  if (!values.quiet) {
    console.log(`build: sources\n${summaryLines(report).join('\n')}`);
    const gz = gzipSync(readFileSync(out)).length;
    // A synthetic corpus has thousands of providers: name the first ten, count the rest.
    const counts = Object.entries(summary.entriesPerProvider).map(([p, n]) => `${p} ${n}`);
    const per = counts.length > 10 ? `${counts.slice(0, 10).join(', ')} and ${counts.length - 10} more providers` : counts.join(', ');
    console.log(
      `build: ${summary.articles} articles → ${summary.entries} entries (${per}); ${summary.terms} terms; ` +
        `artifact ${(bytes / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB gzip), hash ${artifact.hash}; ` +
        `${((performance.now() - started) / 1000).toFixed(2)} s${shards}` +
        (outputs ? `; report ${shown(outputs.report)}` : '') +
        (warnings.length ? `; ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''),
    );
  }
} catch (error) {
  // Source problems name file and line; nothing was written, so the previous artifact stays in place.
  if (error instanceof BuildError) {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  }
  // A bug in the build itself: still nothing written; the stack is for whoever fixes it.
  console.error('build failed: unexpected error (a bug in the build, not in data/); the previous artifact is unchanged');
  console.error(error);
  process.exit(1);
}
