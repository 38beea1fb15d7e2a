/** @module What ranking needs of every entry (id, provider, category, source span), shipped as columns and read into typed arrays. */
import { CATEGORIES, type Entry } from '../model';
import { Lines, packLines, type PackedLines } from '../text/sorted-table';
import { decodeNumbers, encodeNumbers } from './postings';

/**
 * The entries' ranking data in index order (position p is entry p), one column per field. Columns, not an object
 * per entry: objects would all be parsed at start-up and kept for the collector to trace; columns are a few
 * strings that decode straight into typed arrays.
 */
export interface EntryColumns {
  ids: PackedLines;
  /** Per entry (encodeNumbers): index of its provider in the artifact's `providers`. */
  provider: string;
  /** Per entry: index of its category in CATEGORIES. */
  category: string;
  /** Per entry: index of its source document in the artifact's `sources`, and the span's start and end offsets. */
  doc: string;
  start: string;
  end: string;
}

/** Packs the columns of `entries` (build time); throws on a provider or document the lists do not hold. */
export function packEntryColumns(entries: Entry[], providers: string[], docs: string[]): EntryColumns {
  const indexIn = (list: string[], what: string) => {
    const index = new Map(list.map((v, i) => [v, i]));
    return (value: string) => {
      const i = index.get(value);
      if (i === undefined) throw new Error(`entry refers to unknown ${what} ${value}`);
      return i;
    };
  };
  const provider = indexIn(providers, 'provider');
  const category = indexIn([...CATEGORIES], 'category');
  const doc = indexIn(docs, 'source document');
  return {
    ids: packLines(entries.map((e) => e.id)),
    provider: encodeNumbers(entries.map((e) => provider(e.provider))),
    category: encodeNumbers(entries.map((e) => category(e.category))),
    doc: encodeNumbers(entries.map((e) => doc(e.source.doc))),
    start: encodeNumbers(entries.map((e) => e.source.start)),
    end: encodeNumbers(entries.map((e) => e.source.end)),
  };
}

/** The columns, decoded: typed arrays by position, ids read in place, positions by id built on first need. */
export class EntryTable {
  readonly size: number;
  /** Per position: index of the entry's provider in the artifact's list, and of its category in CATEGORIES. */
  readonly providerOf: Int32Array;
  readonly categoryOf: Uint8Array;
  readonly docOf: Int32Array;
  readonly startOf: Int32Array;
  readonly endOf: Int32Array;
  private readonly ids: Lines;
  private positions: Map<string, number> | null = null;

  constructor(columns: EntryColumns) {
    this.ids = new Lines(columns.ids);
    this.size = this.ids.size;
    this.providerOf = decodeNumbers(columns.provider);
    this.categoryOf = Uint8Array.from(decodeNumbers(columns.category));
    this.docOf = decodeNumbers(columns.doc);
    this.startOf = decodeNumbers(columns.start);
    this.endOf = decodeNumbers(columns.end);
    for (const column of [this.providerOf, this.categoryOf, this.docOf, this.startOf, this.endOf]) {
      if (column.length !== this.size) throw new Error(`entry column of ${column.length} values for ${this.size} entries`);
    }
  }

  /** Id of the entry at `position`. */
  id(position: number): string {
    return this.ids.get(position);
  }

  /** Position of the entry with this id, or undefined. */
  position(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      for (let p = 0; p < this.size; p++) this.positions.set(this.ids.get(p), p);
    }
    return this.positions.get(id);
  }
}
