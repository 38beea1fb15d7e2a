/** @module Bench: artifact size, raw and gzip, and where the bytes go (entries, contacts, each text table, index postings per field). */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Sizes in bytes. */
export interface ArtifactStats {
  entries: number;
  providers: number;
  terms: number;
  rawBytes: number;
  gzipBytes: number;
  /** Raw JSON bytes of each top-level part (text tables and the index's postings per field separately). */
  parts: Record<string, number>;
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v) ?? '');

/** Posting bytes per index field (MiniSearch toJSON layout: [term, {fieldId: {docId: tf}}]). */
function postingBytes(index: { index?: [string, Record<string, unknown>][]; fieldIds?: Record<string, number> }): Record<string, number> {
  const names = Object.fromEntries(Object.entries(index.fieldIds ?? {}).map(([name, id]) => [String(id), name]));
  const out: Record<string, number> = {};
  for (const [, fields] of index.index ?? []) {
    for (const [id, postings] of Object.entries(fields)) {
      const key = `index.${names[id] ?? id}`;
      out[key] = (out[key] ?? 0) + bytesOf(postings);
    }
  }
  return out;
}

/** Reads and measures an artifact file. */
export function artifactStats(file: string): ArtifactStats {
  const raw = readFileSync(file);
  const artifact = JSON.parse(raw.toString('utf8')) as Record<string, unknown> & {
    entries: unknown[];
    providers: unknown[];
    index: { index?: [string, Record<string, unknown>][]; fieldIds?: Record<string, number> };
  };
  const parts: Record<string, number> = {};
  for (const [k, v] of Object.entries(artifact)) {
    if (k === 'index') continue;
    // The text-analysis data is many tables; name each one.
    if (k === 'text' && v && typeof v === 'object') for (const [t, w] of Object.entries(v)) parts[`text.${t}`] = bytesOf(w);
    else parts[k] = bytesOf(v);
  }
  Object.assign(parts, postingBytes(artifact.index));
  return {
    entries: artifact.entries.length,
    providers: artifact.providers.length,
    terms: artifact.index.index?.length ?? 0,
    rawBytes: raw.length,
    gzipBytes: gzipSync(raw, { level: 6 }).length,
    parts,
  };
}
