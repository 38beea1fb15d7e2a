/** @module The generated artifact: its format version and shape, shared by the build that writes it and the worker that reads it. */
import type { Category, Contact, Entry, Provider } from './model';
import type { CategoryLexicon } from './text/category';
import type { SoundData } from './text/pinyin';
import type { GramIndexData } from './search/gram-index';
import type { WordIndexData } from './search/word-index';
import type { PackedLexicon } from './text/tokenize';

/** Bumped whenever the artifact's shape or meaning changes; the worker refuses any other version. */
export const ARTIFACT_FORMAT = 8;

/** Everything the worker needs, produced only by `npm run build`. */
export interface Artifact {
  format: number;
  /** SHA-256 (hex, first 16 chars) of everything below: changes iff the content changes. */
  hash: string;
  /** Source files with their SHA-256, in name order. */
  sources: { doc: string; sha256: string; entries: number }[];
  providers: Provider[];
  /** Every entry, in index order; empty when the index is split (see `split`). */
  entries: Entry[];
  contacts: Record<string, Contact>;
  categories: CategoryLexicon;
  text: {
    /** Pairs of [variant, simplified] characters for the script step of normalization. */
    scriptMap: [string, string][];
    /** Segmentation lexicon, grouped by first character (see packLexicon). */
    lexicon: PackedLexicon;
    stopwords: string[];
    /** Provider names and aliases, normalized, longest first: [alias, provider id] (see providerAliases). */
    aliases: [string, string][];
    /** Greetings and politeness to strip; normalized, longest first. */
    fillers: string[];
    /** Words that ask about service hours; normalized. */
    hoursWords: string[];
    /** Colloquial and regional phrase → canonical words; normalized, longest phrase first. */
    synonyms: [string, string[]][];
    /** Readings and the sound index of the corpus vocabulary, for pinyin and homophone matching. */
    sound: SoundData;
  };
  /** Word index of the question, steps and answer fields (built with MiniSearch, shipped as compact postings). */
  words: WordIndexData;
  /** Character-gram fallback postings. */
  grams: GramIndexData;
  /**
   * Present when the build split a large index: posting values and full entries then live in shard files served
   * as static assets, and `words.postings.values`, `grams.postings.values` and `entries` are empty.
   */
  split?: SplitManifest;
}

/** What ranking needs of an entry: everything but its text. */
export interface EntryMeta {
  id: string;
  provider: string;
  category: Category;
  source: Entry['source'];
}

/** Where the shards of a split artifact are and what each holds. */
export interface SplitManifest {
  /** Path of the shard directory under the static assets root, e.g. `/_index/0123abcd`. */
  base: string;
  /** Ranking data of every entry, in index order. */
  entries: EntryMeta[];
  /** Entry p is in `e<⌊p / entriesPerShard⌋>.json`, a JSON array of entries. */
  entriesPerShard: number;
  /**
   * First key index of each postings shard, in key order: shard i (`w<i>.txt`, `g<i>.txt`) holds the values of
   * keys [first[i], first[i + 1]) of the table's `keys`, joined with '\n'.
   */
  wordShards: number[];
  gramShards: number[];
}

/** Thrown when the artifact was written by a build this worker does not understand. */
export class ArtifactFormatError extends Error {
  constructor(found: unknown) {
    super(`artifact format ${String(found)} is not supported (expected ${ARTIFACT_FORMAT}); run npm run build`);
    this.name = 'ArtifactFormatError';
  }
}

/** Checks the version of a parsed artifact before anything else reads it. */
export function assertArtifact(value: unknown): Artifact {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== ARTIFACT_FORMAT) throw new ArtifactFormatError(format);
  return value as Artifact;
}

export type { Category };
