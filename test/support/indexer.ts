/** @module Test support: the build's own reading of sources (loader, fold, adapters, extraction) for unit tests. */
import { join, resolve } from 'node:path';
import type { ArticleModel } from '../../src/indexer/article';
import { extractEntries, withIds, type ExtractContext, type ProviderInfo } from '../../src/indexer/extract-entries';
import { foldForVariants, type Fold } from '../../src/indexer/fold';
import { parseSource, type SourceFile } from '../../src/indexer/formats/index';
import { loadSources, type Sources } from '../../src/indexer/load-sources';
import type { Entry } from '../../src/model';

export const ROOT = resolve(import.meta.dirname, '../..');

let shipped: Sources | undefined;
let fold: Fold | undefined;

/** data/ as the build reads it (every article, whatever its format). */
export function shippedSources(): Sources {
  return (shipped ??= loadSources(join(ROOT, 'data'), ROOT));
}

/** The build's fold for data/ (its character variants and the traditional → simplified map). */
export function shippedFold(): Fold {
  return (fold ??= foldForVariants(shippedSources().variants));
}

export function extractContext(providers: ProviderInfo[] = shippedSources().providers): ExtractContext {
  return { providers, lexicon: shippedSources().categories, fold: shippedFold() };
}

/** A source file's model, as the build parses it. */
export function modelOf(file: SourceFile): ArticleModel {
  return parseSource(file, { normalize: shippedFold() });
}

/**
 * A source file's entries with their ids, as the build makes them for that file alone. `provider` states the
 * article's provider, as a front matter would, for texts too short to name it twice.
 */
export function entriesOf(file: SourceFile, providers: ProviderInfo[] = shippedSources().providers, provider?: string): Entry[] {
  const context = extractContext(providers);
  const model = modelOf(file);
  if (provider) model.hints = { provider };
  const drafts = extractEntries(model, context).entries;
  return withIds(drafts, providers, context.fold).map(({ id, provider, category, question, questionGenerated, answer, steps, source }) => ({
    id,
    provider,
    category,
    question,
    questionGenerated,
    answer,
    steps,
    source,
  }));
}
