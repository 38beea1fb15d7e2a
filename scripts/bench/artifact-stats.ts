/** @module Bench: artifact size, raw and gzip, and where the bytes go (entries, contacts, each text table, the word and gram indexes' postings and lengths). */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArtifact } from '../../src/artifact';
import { SortedKeys, type PackedTable } from '../../src/text/sorted-table';

/** Sizes in bytes. */
export interface ArtifactStats {
  entries: number;
  providers: number;
  /** Terms of the word index (keys of its packed postings table). */
  terms: number;
  /** Grams of the character-gram index. */
  grams: number;
  rawBytes: number;
  gzipBytes: number;
  /** Raw JSON bytes of each top-level part; text, words and grams split into their fields (words.postings, text.lexicon…). */
  parts: Record<string, number>;
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '');

/** Parts made of several tables, each worth naming on its own. */
const SPLIT = new Set(['text', 'words', 'grams']);

/** Keys in a PackedTable: one per line, none when empty. */
const keyCount = (table: PackedTable | undefined) => (table ? new SortedKeys(table).size : 0);

/** Reads and measures an artifact file. */
export function artifactStats(file: string): ArtifactStats {
  const raw = readFileSync(file);
  const artifact = parseArtifact(raw.toString('utf8')) as unknown as Record<string, unknown> & {
    entries: unknown[];
    providers: unknown[];
    words?: { postings?: PackedTable };
    grams?: { postings?: PackedTable };
  };
  const parts: Record<string, number> = {};
  for (const [k, v] of Object.entries(artifact)) {
    if (SPLIT.has(k) && v && typeof v === 'object') for (const [t, w] of Object.entries(v)) parts[`${k}.${t}`] = bytesOf(w);
    else parts[k] = bytesOf(v);
  }
  return {
    entries: artifact.entries.length,
    providers: artifact.providers.length,
    terms: keyCount(artifact.words?.postings),
    grams: keyCount(artifact.grams?.postings),
    rawBytes: raw.length,
    gzipBytes: gzipSync(raw, { level: 6 }).length,
    parts,
  };
}
