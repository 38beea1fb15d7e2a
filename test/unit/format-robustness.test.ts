/**
 * @module Every format adapter on arbitrary input: it either builds a model that obeys the invariants or fails with
 * a BuildError naming the file and a line in it, never with any other error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../src/indexer/errors';
import { expectInvariants, parse } from './format-helpers';

/** Characters that matter to some format's syntax, line endings of every kind, and text in both scripts. */
const UNITS = [
  '<', '>', '/', '=', '"', "'", '&', ';', '#', '*', '_', '`', '[', ']', '(', ')', '|', '-', ':', '：', ',', '\t', ' ',
  '\n', '\r', '\r\n', '\\', '{', '}', '1', '.', '、', '①', '问', '答', '充值', '帳戶', 'p', 'li', 'a', 'b', 'x',
  '&amp;', '&nbsp;', '<p>', '</p>', '<br>', '<li>', '<ol>', '<table><tr><td>', '<details><summary>', '<!--', '-->',
  '---\n', '```', '> ', '- ', '1. ', '**', '\\n', '\\u4e2d', '\ufeff', 'question', 'answer', '问题', '答案', '"q":',
];

const arbitraryText = fc.array(fc.constantFrom(...UNITS), { maxLength: 60 }).map((units) => units.join(''));

describe.each(['page.md', 'page.html', 'export.csv', 'export.tsv', 'export.json'])('%s on arbitrary input', (name) => {
  it('builds a valid model or fails with a BuildError at a line of the file', () => {
    fc.assert(
      fc.property(arbitraryText, (text) => {
        let model;
        try {
          model = parse(name, text);
        } catch (error) {
          expect(error).toBeInstanceOf(BuildError);
          const { line } = error as BuildError;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length);
          return;
        }
        expectInvariants(model);
        expect(model.blocks.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
