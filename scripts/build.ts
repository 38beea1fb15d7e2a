/**
 * @module `npm run build`: data/ → src/generated/artifact.json (entries, contact guidance, lexicon, prebuilt index).
 *
 * Flags: --data <dir> (default data), --out <file> (default src/generated/artifact.json), --quiet.
 * A problem in the sources prints `file:line: message` and exits 1; problems that still leave a safe artifact print
 * `file:line: warning: message` and the build goes on. The artifact is validated as a whole and only then replaces
 * the previous one atomically, so a failed build leaves the previous artifact byte-identical.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { SearchEngine } from '../src/search/engine';
import { buildArtifact, validateArtifact, writeArtifact } from './build/artifact';
import { BuildError, warnings } from './build/errors';
import { loadSources } from './build/load-sources';
import { writeOpenApi } from './build/openapi';

let values: { data?: string; out?: string; quiet?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data' },
      out: { type: 'string', default: 'src/generated/artifact.json' },
      quiet: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  console.error(`build: ${(error as Error).message}\nusage: tsx scripts/build.ts [--data <dir>] [--out <file>] [--quiet]`);
  process.exit(2);
}

const started = performance.now();
try {
  const sources = loadSources(resolve(values.data!));
  const { artifact, summary } = buildArtifact(sources);
  const out = resolve(values.out!);
  validateArtifact(artifact, sources, (a) => new SearchEngine(a), relative(process.cwd(), out) || out);
  const bytes = writeArtifact(artifact, out);
  writeOpenApi(); // GET /openapi.json, always to src/generated/ (where the worker imports it), whatever --out is
  if (!values.quiet) {
    const gz = gzipSync(readFileSync(out)).length;
    const per = Object.entries(summary.entriesPerProvider)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ');
    console.log(
      `build: ${summary.articles} articles → ${summary.entries} entries (${per}); ${summary.terms} terms; ` +
        `artifact ${(bytes / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB gzip), hash ${artifact.hash}; ` +
        `${((performance.now() - started) / 1000).toFixed(2)} s` +
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
