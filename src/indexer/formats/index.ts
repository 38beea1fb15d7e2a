/**
 * @module Format adapters, registered by file extension: each turns one stored source file into the article model
 * (../article.ts). A file whose extension no adapter claims is not an article; the build fails on it unless it is
 * listed as ignored on purpose.
 */
import type { ArticleModel, SourceFormat } from '../article';
import { csvAdapter, tsvAdapter } from './delimited';
import { htmlAdapter } from './html';
import { jsonAdapter } from './json';
import { markdownAdapter } from './markdown';

/** A source file as read from data/articles: its name, its path for messages, its decoded text. */
export interface SourceFile {
  doc: string;
  path: string;
  text: string;
}

/** What adapters may use besides the file: the text pipeline's normalizer (for `Block.norm`). */
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
export const ADAPTERS: readonly FormatAdapter[] = [markdownAdapter, htmlAdapter, csvAdapter, tsvAdapter, jsonAdapter];

/** The adapter for a file name (its extension, case-insensitively), or undefined. */
export function adapterFor(fileName: string): FormatAdapter | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return ADAPTERS.find((a) => a.extensions.includes(ext));
}
