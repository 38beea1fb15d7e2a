/**
 * @module Fixture articles of varied shapes and formats (test/fixtures/): each gives the entries its expectations
 * list (questions, categories, step counts, providers), keeps labels, decorations and noise out of every question
 * and answer, and has entry, step and contact spans that resolve to the stored file.
 */
import { describe, expect, it } from 'vitest';
import { detectArticleProvider } from '../../src/indexer/article-provider';
import { extractContact } from '../../src/indexer/extract-contact';
import { fixtureProviders, fixtures, skeleton, type Fixture } from '../fixtures/harness';
import { readArticles } from '../../src/indexer/artifact';
import { entriesOf, extractContext, modelOf, shippedFold, shippedSources } from '../support/indexer';
import type { Entry } from '../../src/model';

const providers = fixtureProviders();

/** What the entries are, in the shape of the expectations. */
function summary(entries: Entry[], f: Fixture) {
  const stated = typeof f.expected.provider === 'string' ? f.expected.provider : undefined;
  return entries.map((e, i) => {
    const want = f.expected.entries[i];
    return {
      ...(want?.question !== undefined || !e.questionGenerated ? { question: e.question } : {}),
      ...(e.questionGenerated ? { generated: true } : {}),
      category: Array.isArray(want?.category) && want.category.includes(e.category) ? want.category : e.category,
      steps: e.steps.length,
      ...(e.provider !== stated ? { provider: e.provider } : {}),
    };
  });
}

describe.each(fixtures().map((f) => [f.name, f] as const))('%s', (_, f) => {
  it('is in a format an adapter reads', () => {
    expect(f.readable, `no adapter in src/indexer/formats/index.ts reads ${f.file.doc}`).toBe(true);
  });

  it('gives the expected entries', () => {
    const entries = entriesOf(f.file, providers);
    const expected = f.expected.entries.map(({ question, generated, category, steps, provider }) => ({
      ...(question !== undefined ? { question } : {}),
      ...(generated ? { generated } : {}),
      category,
      steps,
      ...(provider !== undefined ? { provider } : {}),
    }));
    expect(summary(entries, f)).toEqual(expected);
    const ids = [...new Set([f.expected.provider].flat())];
    expect(ids).toEqual(expect.arrayContaining([...new Set(entries.map((e) => e.provider))]));
    if (f.expected.title !== undefined) expect(modelOf(f.file).title).toBe(f.expected.title);
  });

  it('keeps labels, decorations and noise out of questions and answers', () => {
    const entries = entriesOf(f.file, providers);
    for (const e of entries) {
      for (const absent of f.expected.absent ?? []) {
        expect(e.question, e.id).not.toContain(absent);
        expect(e.answer, e.id).not.toContain(absent);
      }
      expect(e.answer).not.toMatch(/\r/);
    }
  });

  it('has entry, step and contact spans that resolve to the stored file', () => {
    const { text } = f.file;
    const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
    for (const e of entriesOf(f.file, providers)) {
      expect(e.source.doc).toBe(f.file.doc);
      expect(0 <= e.source.start && e.source.start < e.source.end && e.source.end <= text.length, e.id).toBe(true);
      const body = skeleton(slice(e.source));
      // The question opens the span (after its numbering or Q/A label).
      if (!e.questionGenerated) expect(body.slice(0, skeleton(e.question).length + 6), e.id).toContain(skeleton(e.question));
      for (const line of e.answer.split('\n')) expect(body, e.id).toContain(skeleton(line));
      for (const s of e.steps) {
        expect(e.source.start <= s.source.start && s.source.end <= e.source.end, `${e.id} step`).toBe(true);
        expect(skeleton(slice(s.source))).toContain(skeleton(s.text.split('\n')[0]));
      }
    }
    const model = modelOf(f.file);
    const provider = detectArticleProvider(model, providers, shippedFold());
    const contact = extractContact(provider, model, null, shippedFold());
    const statements = [...(contact.hours ? [contact.hours] : []), ...contact.prepare, ...contact.steps, ...contact.escalation, ...contact.safety];
    for (const s of statements) expect(skeleton(slice(s.source))).toBe(skeleton(s.text));
    for (const c of contact.channels) expect(skeleton(slice(c.source))).toBe(skeleton(c.how));
  });
});

describe('fixtures beside the shipped articles', () => {
  it('adding every fixture article to data/articles changes none of the shipped entries, ids included', () => {
    const context = extractContext(providers);
    const shipped = shippedSources().articles;
    const added = fixtures()
      .filter((f) => f.readable)
      .map((f) => ({ ...f.file, bytes: Buffer.from(f.file.text) }));
    const entries = (articles: typeof shipped) => readArticles(articles, context).flatMap((a) => a.entries);
    const alone = entries(shipped);
    const together = entries([...shipped, ...added]).filter((e) => shipped.some((a) => a.doc === e.source.doc));
    expect(together).toEqual(alone);
  });
});
