/**
 * @module Format adapters, registered by file extension: each turns one stored source file into the article model
 * (../article.ts). A file whose extension no adapter claims is not an article; the build fails on it unless it is
 * listed as ignored on purpose.
 */
import type { ArticleModel, SourceFormat } from '../article';
import { assignRoles } from '../article-roles';
import { BuildError } from '../errors';
import { csvAdapter, tsvAdapter } from './delimited';
import { htmlAdapter } from './html';
import { splitInline } from './inline-splits';
import { jsonAdapter } from './json';
import { markdownAdapter } from './markdown';
import { textAdapter } from './text';

/** A source file as read from data/articles: its name, its path for messages, its decoded text. */
export interface SourceFile {
  doc: string;
  path: string;
  text: string;
}

/**
 * What adapters may use besides the file: the build's normalizer for `Block.norm` (traditional → simplified, width
 * and case folded, punctuation kept; one character out for every character in, so `norm` aligns with `text`).
 */
export interface AdapterContext {
  normalize(text: string): string;
}

export interface FormatAdapter {
  format: SourceFormat;
  /** Lower-case extensions without the dot. */
  extensions: readonly string[];
  /** Parses the file; a malformed source throws BuildError naming its path and line. */
  parse(file: SourceFile, context: AdapterContext): ArticleModel;
}

/** Every adapter; an extension must be claimed by one adapter only. */
export const ADAPTERS: readonly FormatAdapter[] = [textAdapter, markdownAdapter, htmlAdapter, csvAdapter, tsvAdapter, jsonAdapter];

/** The adapter for a file name (its extension, case-insensitively), or undefined. */
export function adapterFor(fileName: string): FormatAdapter | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return ADAPTERS.find((a) => a.extensions.includes(ext));
}

/** Every extension some adapter claims, for messages ("articles must be .txt, .md …"). */
export function knownExtensions(): string[] {
  return ADAPTERS.flatMap((a) => a.extensions.map((e) => `.${e}`));
}

/**
 * Parses a source file into its article model with the adapter of its extension, splits what one line holds (an
 * answer on its question's line, steps numbered in a row: inline-splits.ts), then marks what each block is to the
 * article (title, intro, outro, tagline, fragment): the one parse every extractor reads.
 */
export function parseSource(file: SourceFile, context: AdapterContext): ArticleModel {
  const adapter = adapterFor(file.doc);
  if (!adapter) throw new BuildError(file.path, 1, `no format reads this file (articles are ${knownExtensions().join(', ')} files)`);
  const model = adapter.parse(file, context);
  splitInline(model, context);
  assignRoles(model, context.normalize);
  return model;
}
