/** @module `npm run build`: data/ → src/generated/artifact.json (entries, contact guidance, lexicon, prebuilt index). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { buildArtifact, writeArtifact } from './build/artifact';
import { BuildError } from './build/errors';
import { loadSources } from './build/load-sources';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'data' },
    out: { type: 'string', default: 'src/generated/artifact.json' },
    quiet: { type: 'boolean', default: false },
  },
});

const started = performance.now();
try {
  const sources = loadSources(resolve(values.data!));
  const { artifact, summary } = buildArtifact(sources);
  const out = resolve(values.out!);
  const bytes = writeArtifact(artifact, out);
  if (!values.quiet) {
    const gz = gzipSync(readFileSync(out)).length;
    const per = Object.entries(summary.entriesPerProvider)
      .map(([p, n]) => `${p} ${n}`)
      .join(', ');
    console.log(
      `build: ${summary.articles} articles → ${summary.entries} entries (${per}); ${summary.terms} terms; ` +
        `artifact ${(bytes / 1024).toFixed(0)} KB (${(gz / 1024).toFixed(0)} KB gzip), hash ${artifact.hash}; ` +
        `${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
  }
} catch (error) {
  // Source problems name file and line; nothing was written, so the previous artifact stays in place.
  if (error instanceof BuildError || (error as { name?: string }).name === 'SourceError') {
    console.error(`build failed: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}
