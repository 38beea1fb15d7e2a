/** @module Shared by the format adapter tests: a normalizer like the build's, parsing a string, and the model's invariants. */
import * as OpenCC from 'opencc-js/t2cn';
import { expect } from 'vitest';
import type { ArticleModel, Block } from '../../src/indexer/article';
import { LineIndex } from '../../src/indexer/formats/blocks';
import { type AdapterContext, adapterFor } from '../../src/indexer/formats/index';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Width and case folded, traditional → simplified: what the build's normalizer does to the characters that matter here. */
export const context: AdapterContext = { normalize: (s) => toSimplified(s.normalize('NFKC')).toLowerCase() };

/** The model of `text` read as a file named `name` (its extension picks the adapter). */
export function parse(name: string, text: string): ArticleModel {
  const adapter = adapterFor(name);
  if (!adapter) throw new Error(`no adapter for ${name}`);
  return adapter.parse({ doc: name, path: `test/${name}`, text }, context);
}

/** Blocks as [kind, text] pairs, for compact expectations. */
export function kindsAndTexts(model: ArticleModel): [string, string][] {
  return model.blocks.map((b) => [b.kind, b.text]);
}

/** The number of characters of `block.text` that runs map to the file. */
export function covered(block: Block): number {
  return block.runs.reduce((n, r) => n + r.length, 0);
}

/**
 * What every block of every model must satisfy: runs copy text from the file exactly, in order and without
 * overlap; spans lie in the file; the line is the span's; norm is the normalized text; cells, labels and links
 * point at their own text.
 */
export function expectInvariants(model: ArticleModel): void {
  const file = model.text;
  const lines = new LineIndex(file);
  for (const block of model.blocks) {
    const where = `${block.kind} "${block.text.slice(0, 30)}"`;
    let lastAt = 0;
    for (const run of block.runs) {
      expect(run.length, where).toBeGreaterThan(0);
      expect(run.at, where).toBeGreaterThanOrEqual(lastAt);
      expect(run.at + run.length, where).toBeLessThanOrEqual(block.text.length);
      expect(file.slice(run.from, run.from + run.length), where).toBe(block.text.slice(run.at, run.at + run.length));
      lastAt = run.at + run.length;
    }
    expect(block.span.start, where).toBeGreaterThanOrEqual(0);
    expect(block.span.end, where).toBeLessThanOrEqual(file.length);
    expect(block.span.end, where).toBeGreaterThan(block.span.start);
    for (const run of block.runs) {
      expect(run.from, where).toBeGreaterThanOrEqual(block.span.start);
      expect(run.from + run.length, where).toBeLessThanOrEqual(block.span.end);
    }
    expect(block.line, where).toBe(lines.lineOf(block.span.start));
    expect(block.norm, where).toBe(context.normalize(block.text));
    expect(block.text, where).toBe(block.text.trim());
    // A label none of whose characters maps to the file has the block's span (as sourceSpan falls back to it).
    if (block.label && block.label.span !== block.span) expectOwnSpan(file, block.label, where);
    for (const cell of block.cells ?? []) expectOwnSpan(file, cell, where);
    for (const link of block.links ?? []) expect(file.slice(link.span.start, link.span.end), where).toContain(link.text);
  }
}

/**
 * A label's or cell's span runs from its first to its last character (markup in between is the file's); where
 * the file spells an end character as an entity or escape, only the order of the span is checked.
 */
function expectOwnSpan(file: string, part: { text: string; span: { start: number; end: number } }, where: string): void {
  expect(part.span.end, where).toBeGreaterThanOrEqual(part.span.start);
  const inFile = file.slice(part.span.start, part.span.end);
  if (!part.text || /[&\\]/.test(inFile)) return;
  expect(inFile[0], where).toBe(part.text[0]);
  expect(inFile[inFile.length - 1], where).toBe(part.text[part.text.length - 1]);
}
