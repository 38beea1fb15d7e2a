/**
 * @module The fixture articles in the formats of the format adapters, read through the registry. Every such model
 * obeys the invariants and maps its text to the file. The fixtures written for the adapters (ADAPTER_FIXTURES) are
 * also held to what their expected entries say of the model: the questions are question or heading blocks, the
 * title is stated, the absent text (markup, escapes, site chrome) is nowhere, a record has its steps. Other
 * fixtures' expectations speak of entries, which the extractor makes; the entry harness checks those.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ArticleModel, Block } from '../../src/indexer/article';
import { expectInvariants, parse } from './format-helpers';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const FORMATS = /\.(md|html|csv|tsv|json)$/i;

interface Expected {
  provider: string | string[];
  title?: string;
  entries: { question?: string; generated?: boolean; steps: number; category: string | string[]; provider?: string }[];
  absent?: string[];
}

/** The fixtures in these formats that have an expected file (those of the .txt adapter are read elsewhere). */
const fixtures = readdirSync(join(root, 'articles'))
  .filter((name) => FORMATS.test(name))
  .filter((name) => readdirSync(join(root, 'expected')).includes(name.replace(/\.[^.]+$/, '.json')))
  .sort();

/** The fixtures written for the format adapters, whose expected files describe what the model must hold. */
const ADAPTER_FIXTURES = new Set([
  'dingxin-help-center.html',
  'hengda-merchant.tsv',
  'huimin-cms-export.json',
  'huitong-topup-help.md',
  'kangfu-faq-fragment.html',
  'lianxin-faq-tw.html',
  'taihe-huitong-export.csv',
  'yuetong-guide-hk.md',
  'yunfutong-fees.md',
]);

const read = (name: string) => readFileSync(join(root, 'articles', name), 'utf8');
const expected = (name: string): Expected => JSON.parse(readFileSync(join(root, 'expected', name.replace(/\.[^.]+$/, '.json')), 'utf8'));

/** What a reader sees of the model: every block's text and its cells. */
const shown = (model: ArticleModel) => model.blocks.flatMap((b) => [b.text, ...(b.cells ?? []).map((c) => c.text)]);

/** Characters of a block's text that no run maps, white space and the cell separator aside. */
function unmappedCharacters(block: Block): number {
  const mapped = new Uint8Array(block.text.length);
  for (const run of block.runs) mapped.fill(1, run.at, run.at + run.length);
  let n = 0;
  for (let i = 0; i < block.text.length; i++) if (!mapped[i] && !/[\s|]/.test(block.text[i])) n++;
  return n;
}

/** Escapes and references in the file: the only way a character of text can come from it without being verbatim. */
const ENCODED = /&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);?|\\u[0-9a-f]{4}|\\.|""/gi;

describe('format fixtures', () => {
  it('has fixtures of its own in every format', () => {
    expect(fixtures.filter((f) => ADAPTER_FIXTURES.has(f))).toEqual([...ADAPTER_FIXTURES].sort());
    const formats = new Set([...ADAPTER_FIXTURES].map((f) => f.split('.').pop()!.toLowerCase()));
    expect([...formats].sort()).toEqual(['csv', 'html', 'json', 'md', 'tsv']);
  });

  describe.each(fixtures)('%s', (name) => {
    const text = read(name);
    const model = parse(name, text);
    const want = expected(name);

    it('builds a model whose blocks obey the invariants', () => {
      expectInvariants(model);
    });

    it('maps all its text to the file but what the file encodes and what joins lines and cells', () => {
      const unmapped = model.blocks.reduce((n, b) => n + unmappedCharacters(b), 0);
      expect(unmapped).toBeLessThanOrEqual(text.match(ENCODED)?.length ?? 0);
    });

    if (!ADAPTER_FIXTURES.has(name)) return;

    it('holds each expected question as a question or heading, in order', () => {
      const asked = model.blocks.filter((b) => b.kind === 'question' || b.kind === 'heading').map((b) => b.text);
      const questions = want.entries.flatMap((e) => (e.question ? [e.question] : []));
      let from = 0;
      for (const question of questions) {
        const at = asked.indexOf(question, from);
        expect(at, `"${question}" among ${JSON.stringify(asked)}`).toBeGreaterThanOrEqual(from);
        from = at + 1;
      }
    });

    it('states the expected title', () => {
      expect(model.title).toBe(want.title);
    });

    it('shows none of the text that must be absent (markup, escapes, site chrome)', () => {
      for (const absent of want.absent ?? []) for (const t of shown(model)) expect(t, `"${absent}"`).not.toContain(absent);
    });

    if (/\.(csv|tsv|json)$/i.test(name))
      it('gives each record the expected number of steps', () => {
        const steps: number[] = [];
        for (const block of model.blocks) {
          if (block.kind === 'question') steps.push(0);
          else if (block.kind === 'item' && block.marker?.depth === 0) steps[steps.length - 1]++;
        }
        expect(steps).toEqual(want.entries.map((e) => e.steps));
      });
  });
});
