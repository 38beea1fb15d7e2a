/** @module The generated artifact: its format version, shape and file layout, shared by the build that writes it and the worker that reads it. */
import type { Category, Contact, Entry, Provider, SourceSpan } from './model';
import { Lines, packLines, type PackedLines } from './text/sorted-table';
import type { CategoryLexicon } from './text/category';
import type { SoundData } from './text/pinyin';
import type { PackedScriptMap } from './text/script-table';
import type { EntryColumns } from './search/entry-columns';
import type { GramIndexData } from './search/gram-index';
import type { WordIndexData } from './search/word-index';
import type { PackedLexicon } from './text/tokenize';
import type { PackedSynonyms } from './search/query';

/** Bumped whenever the artifact's shape or meaning changes; the worker refuses any other version. */
export const ARTIFACT_FORMAT = 19;

/** Everything the worker needs, produced only by `npm run build`. */
export interface Artifact {
  format: number;
  /** SHA-256 (hex, first 16 chars) of everything below: changes iff the content changes. */
  hash: string;
  /**
   * Source files with their SHA-256, in name order: each with its title (the one it states, or null) and format (txt, md, html, csv, tsv, json). The build also writes each one's text to
   * `<assets>/sources/<doc>.txt`, so a page can show the passage a span points at.
   */
  sources: { doc: string; sha256: string; entries: number; title: string | null; format: string }[];
  providers: Provider[];
  /** What ranking needs of every entry, in index order (postings refer to entries by position), as columns. */
  meta: EntryColumns;
  /**
   * Every entry, in index order; empty when the index is split (see `split`). In an artifact read by
   * parseArtifact the entries stay unparsed text until used: `entryReader` reads one, this property all of them.
   */
  entries: Entry[];
  contacts: Record<string, Contact>;
  categories: CategoryLexicon;
  text: {
    /** [variant, simplified] character pairs for the script step of normalization, packed (see script-table.ts). */
    scriptMap: PackedScriptMap;
    /** Segmentation lexicon, grouped by first character (see packLexicon). */
    lexicon: PackedLexicon;
    stopwords: string[];
    /** Provider names and aliases, normalized, longest first: [alias, provider id] (see providerAliases). */
    aliases: [string, string][];
    /** Greetings and politeness to strip; normalized, longest first. */
    fillers: string[];
    /** Words that ask about service hours; normalized. */
    hoursWords: string[];
    /** Everyday words of general Chinese that no domain list names, sorted (see general-words.ts everydayWords). */
    everydayWords: string[];
    /** Colloquial and regional phrase → canonical words; normalized, grouped by first character (see packSynonyms). */
    synonyms: PackedSynonyms;
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

/** Where the shards of a split artifact are and what each holds. */
export interface SplitManifest {
  /** Path of the shard directory under the static assets root, e.g. `/_index/0123abcd`. */
  base: string;
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

/*
 * The file layout. JSON.parse of a whole artifact would dominate an isolate's start-up at scale: it copies every
 * long string (posting lists, lexicon) out of the text and builds an object per entry that a query may never
 * return. So the file is one line of JSON (the header: everything small) followed by a blob of long strings the
 * header points into. The worker parses the header, takes each long string as a slice of the module text (no
 * copy), and parses an entry only when a query returns it.
 */

/**
 * Long strings with characters outside ASCII (lexicon, sound tables, keys) go to the blob; shorter ones cost less
 * inline than as a reference. ASCII strings (posting lists, offsets) stay in the header: JSON.parse makes them
 * one-byte strings, while a slice of the module text is two-byte like the text (it holds Chinese), and postings
 * decode markedly slower from a two-byte string on the query path.
 */
const BLOB_MIN = 256;
const NON_ASCII = /[^\x00-\x7f]/;

/** Where a contact states its service hours, as the header keeps it. */
type HoursTuple = [doc: string, start: number, end: number];

/** The header of an artifact file: the artifact without entries and contacts, long strings replaced by blob ranges. */
interface ArtifactHeader extends Omit<Artifact, 'entries' | 'contacts'> {
  /** Path of each string moved to the blob, and its [start, end) in the blob. */
  blobs: [path: (string | number)[], start: number, end: number][];
  /** Every entry as one line of JSON, in index order. */
  entryLines: PackedLines;
  /**
   * Each provider's contact guidance as one line of JSON, parsed on first read: a query needs at most one. `hours`
   * holds, in the same order, where each states its service hours: a query asking about hours without naming a
   * provider needs every provider's, and reading them here parses no contact.
   */
  contactLines: { ids: string[]; lines: PackedLines; hours: (HoursTuple | null)[] };
}

/** Writes an artifact in the file layout parseArtifact reads. Deterministic. */
export function serializeArtifact(artifact: Artifact): string {
  const { entries, contacts, ...rest } = artifact;
  const ids = Object.keys(contacts);
  const blob: string[] = [];
  let length = 0;
  const blobs: ArtifactHeader['blobs'] = [];
  const move = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') {
      if (value.length < BLOB_MIN || !NON_ASCII.test(value)) return value;
      blobs.push([path, length, length + value.length]);
      blob.push(value);
      length += value.length;
      return '';
    }
    if (Array.isArray(value)) return value.map((v, i) => move(v, [...path, i]));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, [...path, k])]));
    }
    return value;
  };
  const header = move(
    {
      ...rest,
      entryLines: packLines(entries.map((e) => JSON.stringify(e))),
      contactLines: { ids, lines: packLines(ids.map((id) => JSON.stringify(contacts[id]))), hours: ids.map((id) => hoursTuple(contacts[id])) },
    },
    [],
  ) as ArtifactHeader;
  header.blobs = blobs;
  // JSON.stringify writes no raw newline, so the header is exactly the first line.
  return `${JSON.stringify(header)}\n${blob.join('')}`;
}

/** Where a contact states its service hours, as the header keeps it (null: it states none). */
function hoursTuple(contact: Contact): HoursTuple | null {
  const source = contact.hours?.source;
  return source ? [source.doc, source.start, source.end] : null;
}

/** Entry readers of the artifacts parseArtifact returned (by identity: the artifact stays plain data). */
const readers = new WeakMap<Artifact, (position: number) => Entry>();

/** The header's hours statements of the artifacts parseArtifact returned. */
const hoursLists = new WeakMap<Artifact, (HoursTuple | null)[]>();

/**
 * Reads an artifact file (checking its format first). Long strings are slices of `text`; entries are parsed one
 * by one on first use (`entryReader`), or all at once when `entries` is read; a provider's contact guidance when
 * `contacts[id]` is first read.
 */
export function parseArtifact(text: string): Artifact {
  const newline = text.indexOf('\n');
  const header = assertArtifact(JSON.parse(newline === -1 ? text : text.slice(0, newline))) as unknown as ArtifactHeader;
  const base = newline + 1;
  for (const [path, start, end] of header.blobs) {
    let node = header as unknown as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]] = text.slice(base + start, base + end);
  }
  const lines = new Lines(header.entryLines);
  const parsed: Entry[] = [];
  const entryAt = (position: number): Entry => (parsed[position] ??= JSON.parse(lines.get(position)) as Entry);
  const { blobs: _blobs, entryLines: _lines, contactLines, ...fields } = header;
  const artifact = fields as Omit<Artifact, 'entries' | 'contacts'> as Artifact;
  artifact.contacts = lazyRecord(contactLines.ids, new Lines(contactLines.lines));
  // All of them for tools and tests; the engine reads entries one at a time.
  defineLazy(artifact, 'entries', () => Array.from({ length: lines.size }, (_, p) => entryAt(p)));
  readers.set(artifact, entryAt);
  hoursLists.set(artifact, contactLines.hours);
  return artifact;
}

/**
 * An object whose property ids[i] is line i parsed as JSON on first read. The properties stay getters over a
 * cache: redefining a property on first read changes the object's shape each time, which makes enumerating a
 * record of hundreds of contacts slow.
 */
function lazyRecord<T>(ids: string[], lines: Lines): Record<string, T> {
  const record: Record<string, T> = {};
  const values: (T | undefined)[] = [];
  ids.forEach((id, i) => {
    Object.defineProperty(record, id, { enumerable: true, configurable: true, get: () => (values[i] ??= JSON.parse(lines.get(i)) as T) });
  });
  return record;
}

/** Gives `object` an enumerable property `key` computed on first read, then kept as an ordinary property. */
function defineLazy<T>(object: object, key: string, compute: () => T): void {
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get(): T {
      const value = compute();
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/**
 * Where every provider's contact guidance states its service hours, in the order of `contacts`: from the header for
 * an artifact from parseArtifact (no contact is parsed), else from `contacts`.
 */
export function hoursSources(artifact: Artifact): SourceSpan[] {
  const listed = hoursLists.get(artifact);
  if (listed) return listed.flatMap((h) => (h ? [{ doc: h[0], start: h[1], end: h[2] }] : []));
  return Object.values(artifact.contacts).flatMap((c) => (c.hours ? [c.hours.source] : []));
}

/** Reads the entry at a position: lazily for an artifact from parseArtifact, else from its `entries`. */
export function entryReader(artifact: Artifact): (position: number) => Entry {
  return readers.get(artifact) ?? ((position) => artifact.entries[position]);
}

export type { Category };
