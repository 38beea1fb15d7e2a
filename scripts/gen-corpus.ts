/**
 * @module `tsx scripts/gen-corpus.ts --entries 10000 --out /tmp/x`: writes a synthetic data directory (the real
 * config files and articles plus many synthetic providers and articles in the real articles' shapes) for
 * `tsx scripts/build.ts --data /tmp/x`. Used by `npm run bench` (the scale figures) and
 * `npm run soak -- --split`; the generator itself is scripts/corpus/.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { generateCorpus, type CorpusOptions } from './corpus/generate';

/** Default sections (topics) per synthetic article: a provider's help page, a little longer than the real ones. */
export const DEFAULT_SECTIONS: [number, number] = [6, 18];

/** Parses "6-18" (or "10") into a [min, max] range. */
export function parseRange(s: string): [number, number] {
  const [a, b = a] = s.split('-').map(Number);
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 1 || b < a) throw new Error(`bad range "${s}" (expected e.g. 6-18)`);
  return [a, b];
}

/** Reads the command line into generator options. */
export function cliOptions(argv = process.argv.slice(2)): CorpusOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      entries: { type: 'string', default: '1000' },
      out: { type: 'string' },
      data: { type: 'string', default: 'data' },
      seed: { type: 'string', default: '1' },
      sections: { type: 'string', default: DEFAULT_SECTIONS.join('-') },
    },
  });
  if (!values.out) throw new Error('usage: tsx scripts/gen-corpus.ts --entries N --out DIR [--data data] [--seed 1] [--sections 6-18]');
  return {
    entries: Number(values.entries),
    out: resolve(values.out),
    data: resolve(values.data!),
    seed: Number(values.seed),
    sections: parseRange(values.sections!),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const opts = cliOptions();
  const s = generateCorpus(opts);
  console.log(
    `gen-corpus: ${s.entries} entries in ${s.articles} articles (${s.providers} providers, ${(s.bytes / 1e6).toFixed(1)} MB synthetic text) → ${opts.out} in ${(s.ms / 1000).toFixed(1)} s`,
  );
}
