/** @module Unit tests of the artifact file: header plus blob, read back exactly, entries parsed on use, unknown formats refused. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ARTIFACT_FORMAT, ArtifactFormatError, entryReader, hoursSources, parseArtifact, serializeArtifact } from '../../src/artifact';
import { CATEGORIES } from '../../src/model';
import { EntryTable } from '../../src/search/entry-columns';
import { SearchEngine } from '../../src/search/engine';

const text = readFileSync(join(process.cwd(), 'src/generated/artifact.txt'), 'utf8');

describe('artifact file', () => {
  it('reads back as the artifact it was written from, and writes out the same text again', () => {
    const artifact = parseArtifact(text);
    expect(serializeArtifact(artifact)).toBe(text);
    const again = parseArtifact(serializeArtifact(artifact));
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(artifact)));
    const table = new EntryTable(again.meta);
    expect(again.entries.map((e) => e.id)).toEqual(Array.from({ length: table.size }, (_, p) => table.id(p)));
    again.entries.forEach((e, p) => {
      expect(again.providers[table.providerOf[p]].id).toBe(e.provider);
      expect(CATEGORIES[table.categoryOf[p]]).toBe(e.category);
      expect([again.sources[table.docOf[p]].doc, table.startOf[p], table.endOf[p]]).toEqual([e.source.doc, e.source.start, e.source.end]);
      expect(table.position(e.id)).toBe(p);
    });
  });

  it('keeps the header to one line of JSON, long Chinese strings in the blob and ASCII strings (postings) inline', () => {
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { blobs: [string[], number, number][]; words: { postings: { values: string } } };
    expect(header.blobs.length).toBeGreaterThan(0);
    for (const [path, start, end] of header.blobs) {
      expect(end - start, path.join('.')).toBeGreaterThanOrEqual(256);
      expect(/[^\x00-\x7f]/.test(text.slice(newline + 1 + start, newline + 1 + end)), path.join('.')).toBe(true);
    }
    expect(header.words.postings.values.length).toBeGreaterThan(0);
    expect(parseArtifact(text).text.lexicon.groups.values.length).toBeGreaterThan(1000);
    // Regression: ~1,100 synonym pairs as JSON arrays were 3–4 ms of a cold header parse; their groups are one blob slice.
    expect(header.blobs.map(([path]) => path.join('.'))).toContain('text.synonyms.values');
  });

  it('lists where contacts state their hours from the header, without parsing a contact, as the contacts say', () => {
    const artifact = parseArtifact(text);
    const parse = vi.spyOn(JSON, 'parse');
    let listed;
    try {
      listed = hoursSources(artifact);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    const stated = Object.values(artifact.contacts).flatMap((c) => (c.hours ? [c.hours.source] : []));
    expect(listed).toEqual(stated);
    expect(stated.length).toBeGreaterThan(0);
    expect(hoursSources({ ...artifact, contacts: Object.fromEntries(Object.entries(artifact.contacts)) })).toEqual(stated);
  });

  it('refuses an artifact of another format, old whole-JSON files included, before reading anything else', () => {
    const artifact = parseArtifact(text);
    expect(() => parseArtifact(serializeArtifact({ ...artifact, format: ARTIFACT_FORMAT - 1 }))).toThrow(ArtifactFormatError);
    expect(() => parseArtifact(JSON.stringify({ format: 8, entries: [] }))).toThrow(/format 8 is not supported/);
    expect(() => parseArtifact('{"hash":"x"}\n')).toThrow(ArtifactFormatError);
  });

  it('regression: an engine parses only the entries a search returns (JSON.parse of every entry was most of a 10k start-up)', () => {
    const artifact = parseArtifact(text);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const engine = new SearchEngine(artifact);
      const hits = engine.search({ q: '账户被锁了怎么办', limit: 2 }).hits;
      expect(hits.length).toBe(2);
      expect(parse.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      parse.mockRestore();
    }
    const read = entryReader(artifact);
    expect(read(3)).toBe(read(3));
    expect(read(3)).toEqual(artifact.entries[3]);
  });
});
