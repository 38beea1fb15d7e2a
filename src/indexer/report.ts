/**
 * @module Build-only: the operator's build report. Per source: its provider, entries, steps and what deserves a
 * look: questions the build wrote, very long entries, answers that hold list markers but no steps, contact values
 * (phone numbers, e-mail addresses, URLs, WeChat accounts) that no contact statement carries, categories chosen on little
 * evidence, near-duplicate entries, and text no entry carries. `npm run build` prints one line per source and writes
 * the whole report as a self-contained HTML page (no scripts, no styles: the site's CSP allows neither inline).
 */
import type { Block } from './article';
import { asksQuestion, endsWithPunctuation, hasSentenceEnd } from './article-roles';
import type { ParsedArticle } from './artifact';
import { findContactValues, type ContactValueKind } from './contact-values';
import { LOW_EVIDENCE } from './entries/category';
import type { Omitted } from './entries/sections';
import type { Fold } from './fold';
import type { Contact } from '../model';

export type FindingKind =
  | 'generated-question'
  | 'long-entry'
  | 'markers-without-steps'
  | 'uncited-contact-value'
  | 'low-evidence-category'
  | 'unknown-stated-category'
  | 'unanswered-question'
  | 'near-duplicate'
  | 'fragment';

export interface Finding {
  kind: FindingKind;
  /** 1-based line in the source. */
  line: number;
  message: string;
}

export interface EntryReport {
  id: string;
  question: string;
  generated: boolean;
  category: string;
  steps: number;
  line: number;
  /** The start of the entry's source span, as stored. */
  preview: string;
}

export interface SourceReport {
  doc: string;
  path: string;
  format: string;
  title: string;
  /** The article's provider first, then any other provider its entries name. */
  providers: string[];
  entries: EntryReport[];
  steps: number;
  findings: Finding[];
  /** Text no entry carries, and why (title, tagline, dateline, intro, outro, container heading, fragment). */
  omitted: { line: number; why: Omitted['why']; text: string }[];
}

export interface BuildReport {
  hash: string;
  sources: SourceReport[];
}

/** An answer longer than this likely merged several answers under one heading. */
const LONG_ENTRY_CHARS = 1200;
/** Questions (or answers) this similar, by character bigrams, are reported as near-duplicates. */
const NEAR_DUPLICATE = 0.8;
/** Numbered or step markers in running text ("1、登录 2、点击", "第一步…第二步…"). */
const INLINE_MARKER = /(?:^|[\s。；;，,:：])(?:\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[)）]|[\u2460-\u2473]|第[一二三四五六七八九十\d]{1,3}步|步骤[一二三四五六七八九十\d]{1,3})/g;
const PREVIEW_CHARS = 80;

/** The report of a finished build: every source with its entries and findings. */
export function buildReport(parsed: ParsedArticle[], contacts: Record<string, Contact>, hash: string, fold: Fold): BuildReport {
  const cited = citedText(contacts);
  const sources = parsed.map((a): SourceReport => {
    const findings: Finding[] = [];
    for (const e of a.entries) findings.push(...entryFindings(e));
    findings.push(...uncitedValues(a.model.blocks, cited.get(a.article.doc) ?? '', fold));
    findings.push(...cutOffEndings(a.model.blocks));
    const omitted = a.omitted.map(({ block, why }) => ({ line: block.line, why, text: block.text }));
    findings.push(...omittedFindings(a.omitted));
    return {
      doc: a.article.doc,
      path: a.article.path,
      format: a.model.format,
      // The title the article states, as the API shows it; a section heading is no title.
      title: a.model.title?.trim() || '(no title)',
      providers: [...new Set([a.provider.id, ...a.entries.map((e) => e.provider)])],
      entries: a.entries.map((e) => ({
        id: e.id,
        question: e.question,
        generated: e.questionGenerated,
        category: e.category,
        steps: e.steps.length,
        line: e.line,
        preview: clip(a.article.text.slice(e.source.start, e.source.end).replace(/\s+/g, ' '), PREVIEW_CHARS),
      })),
      steps: a.entries.reduce((n, e) => n + e.steps.length, 0),
      findings,
      omitted,
    };
  });
  addNearDuplicates(parsed, sources, fold);
  for (const s of sources) s.findings.sort((x, y) => x.line - y.line);
  return { hash, sources };
}

/**
 * What the build left out that a reader would miss: text cut off mid-sentence, and a question over no text of its
 * own (read as a heading grouping the sections after it; one that asks had an answer the source lost).
 */
function omittedFindings(omitted: readonly Omitted[]): Finding[] {
  const out: Finding[] = [];
  for (const { block, why } of omitted) {
    if (why === 'fragment') out.push({ kind: 'fragment', line: block.line, message: `left out, cut off mid-sentence: "${clip(block.text, 40)}"` });
    else if (why === 'container' && asksQuestion(block)) out.push({ kind: 'unanswered-question', line: block.line, message: `left out, it has no answer: "${clip(block.text, 40)}"` });
  }
  return out;
}

function entryFindings(e: ParsedArticle['entries'][number]): Finding[] {
  const out: Finding[] = [];
  const at = (kind: FindingKind, message: string) => out.push({ kind, line: e.line, message: `${e.id}: ${message}` });
  if (e.questionGenerated) at('generated-question', `question written by the build ("${e.question}"); the source has no heading or question here`);
  if (e.answer.length > LONG_ENTRY_CHARS) at('long-entry', `very long entry (${e.answer.length} characters): several answers may lack their headings`);
  if (e.steps.length === 0 && (e.answer.match(INLINE_MARKER)?.length ?? 0) >= 2) at('markers-without-steps', 'the answer holds list markers but has no steps (items written inside a paragraph?)');
  const { choice } = e;
  if (choice.unknownStated !== undefined) {
    at('unknown-stated-category', `the source files it under "${choice.unknownStated}", which names none of our categories; filed under "${e.category}" by its text`);
  } else if (!choice.stated && e.origin !== 'intro') {
    if (e.category === 'other') at('low-evidence-category', 'no category fits its text; filed under "other"');
    else if (choice.evidence < LOW_EVIDENCE || choice.evidence < 1.5 * choice.runnerUp)
      at('low-evidence-category', `category "${e.category}" chosen on little evidence (score ${round(choice.evidence)}, next ${round(choice.runnerUp)})`);
  }
  return out;
}

/** Per source document, the text of every contact statement and value taken from it. */
function citedText(contacts: Record<string, Contact>): Map<string, string> {
  const byDoc = new Map<string, string>();
  const add = (s: { source: { doc: string } }, text: string) => byDoc.set(s.source.doc, `${byDoc.get(s.source.doc) ?? ''}\n${text}`);
  for (const c of Object.values(contacts)) {
    if (c.hours) add(c.hours, c.hours.text);
    for (const ch of c.channels) add(ch, `${ch.how}\n${ch.value ?? ''}`);
    for (const t of c.thirdParty) add(t, `${t.how}\n${t.value}`);
    for (const s of [...c.prepare, ...c.steps, ...c.escalation, ...c.safety]) add(s, s.text);
  }
  return byDoc;
}

/** The values the report looks for, by what it calls them: the ones a reader dials, writes to, visits or follows. */
const REPORTED: Partial<Record<ContactValueKind, string>> = {
  phone: 'phone number',
  email: 'e-mail address',
  url: 'URL',
  wechat: 'WeChat account',
  mini_program: 'mini-program',
};

/** Contact values the source states that no contact statement carries (the API will never show them). */
function uncitedValues(blocks: Block[], cited: string, fold: Fold): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const b of blocks) {
    for (const v of findContactValues(b.text, fold)) {
      const what = REPORTED[v.kind];
      if (!what || seen.has(v.value) || cited.includes(v.value)) continue;
      seen.add(v.value);
      out.push({ kind: 'uncited-contact-value', line: b.line, message: `${what} ${v.value} is in no contact statement: the contact guidance does not offer it` });
    }
  }
  return out;
}

/**
 * Paragraphs that end without punctuation after complete sentences: the last sentence may be cut off. They stay
 * in their answer (nothing is dropped for a missing full stop), so the report asks for a look.
 */
function cutOffEndings(blocks: Block[]): Finding[] {
  return blocks
    .filter((b) => b.kind === 'paragraph' && !b.role && !b.label && hasSentenceEnd(b.text) && !endsWithPunctuation(b.text))
    .map((b) => ({ kind: 'fragment' as const, line: b.line, message: `ends without punctuation, perhaps cut off: "…${clipEnd(b.text, 24)}"` }));
}

function clipEnd(s: string, n: number): string {
  const chars = Array.from(s.trim());
  return chars.slice(Math.max(0, chars.length - n)).join('');
}

/** Entries of one provider whose questions (or answers) are nearly the same, across all sources. */
function addNearDuplicates(parsed: ParsedArticle[], sources: SourceReport[], fold: Fold): void {
  const byProvider = new Map<string, { source: SourceReport; path: string; e: ParsedArticle['entries'][number]; q: Set<string>; a: Set<string> }[]>();
  parsed.forEach((p, i) => {
    for (const e of p.entries) {
      const list = byProvider.get(e.provider) ?? [];
      list.push({ source: sources[i], path: p.article.path, e, q: bigrams(fold(e.question)), a: bigrams(fold(e.answer)) });
      byProvider.set(e.provider, list);
    }
  });
  for (const list of byProvider.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const [x, y] = [list[j], list[i]];
        if (dice(x.q, y.q) < NEAR_DUPLICATE && dice(x.a, y.a) < NEAR_DUPLICATE) continue;
        y.source.findings.push({ kind: 'near-duplicate', line: y.e.line, message: `${y.e.id}: nearly the same as ${x.e.id} (${x.path}:${x.e.line})` });
      }
    }
  }
}

function bigrams(s: string): Set<string> {
  const chars = Array.from(s.replace(/[\s\p{P}]/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function clip(s: string, n: number): string {
  const chars = Array.from(s);
  return chars.length > n ? `${chars.slice(0, n).join('')}…` : s;
}

function round(x: number): string {
  return String(Math.round(x * 10) / 10);
}

// ---------------------------------------------------------------------------------------------------------
// Output

/** One line per source for the console: path, format, provider(s), entries, steps, warnings. */
export function summaryLines(report: BuildReport): string[] {
  return report.sources.map(
    (s) =>
      `  ${s.path}  ${s.format}  ${s.providers.join(', ')}: ${s.entries.length} entr${s.entries.length === 1 ? 'y' : 'ies'}, ` +
      `${s.steps} step${s.steps === 1 ? '' : 's'}, ${s.findings.length} warning${s.findings.length === 1 ? '' : 's'}`,
  );
}

const FINDING_TITLES: Record<FindingKind, string> = {
  'generated-question': 'Question written by the build',
  'long-entry': 'Very long entry',
  'markers-without-steps': 'List markers but no steps',
  'uncited-contact-value': 'Contact value in no contact statement',
  'low-evidence-category': 'Category on little evidence',
  'unknown-stated-category': 'Stated category not in the taxonomy',
  'unanswered-question': 'Question without an answer',
  'near-duplicate': 'Near-duplicate entry',
  fragment: 'Text cut off',
};

const OMITTED_TITLES: Record<Omitted['why'], string> = {
  title: 'title',
  tagline: 'repeated line',
  dateline: 'date or version of the page',
  fragment: 'cut off mid-sentence',
  contents: 'table of contents',
  outro: 'closing text',
  intro: 'intro about the text itself',
  container: 'heading of the sections under it',
  short: 'too short for an entry',
  empty: 'empty',
};

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/** The report as one HTML page: escaped text, no scripts, no styles. */
export function renderReport(report: BuildReport): string {
  const total = report.sources.reduce((n, s) => n + s.entries.length, 0);
  const warnings = report.sources.reduce((n, s) => n + s.findings.length, 0);
  const rows = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  const head = (cells: string[]) => `<tr>${cells.map((c) => `<th scope="col">${c}</th>`).join('')}</tr>`;
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build report</title></head>',
    '<body>',
    '<h1>Build report</h1>',
    `<p>Index ${escape(report.hash)}: ${report.sources.length} sources, ${total} entries, ${warnings} warnings. <a href="/">Search page</a></p>`,
    '<table>',
    '<caption>Sources</caption>',
    head(['Source', 'Format', 'Title', 'Provider', 'Entries', 'Steps', 'Warnings']),
    ...report.sources.map((s, i) =>
      rows([`<a href="#s${i}">${escape(s.path)}</a>`, escape(s.format), escape(s.title), escape(s.providers.join(', ')), String(s.entries.length), String(s.steps), String(s.findings.length)]),
    ),
    '</table>',
  ];
  report.sources.forEach((s, i) => {
    parts.push(`<section id="s${i}">`, `<h2>${escape(s.path)}</h2>`, `<p>${escape(s.title)} · ${escape(s.format)} · ${escape(s.providers.join(', '))} · <a href="sources/${encodeURIComponent(s.doc)}.txt">stored text</a></p>`);
    if (s.findings.length) {
      parts.push('<h3>Warnings</h3>', '<ul>');
      for (const f of s.findings) parts.push(`<li><strong>${escape(FINDING_TITLES[f.kind])}</strong>, line ${f.line}: ${escape(f.message)}</li>`);
      parts.push('</ul>');
    }
    parts.push(
      '<table>',
      '<caption>Entries</caption>',
      head(['Line', 'Id', 'Question', 'Category', 'Steps', 'Source text']),
      ...s.entries.map((e) =>
        rows([String(e.line), `<code>${escape(e.id)}</code>`, `${escape(e.question)}${e.generated ? ' <em>(written by the build)</em>' : ''}`, escape(e.category), String(e.steps), escape(e.preview)]),
      ),
      '</table>',
    );
    if (s.omitted.length) {
      parts.push('<details><summary>Text in no entry</summary>', '<ul>');
      for (const o of s.omitted) parts.push(`<li>line ${o.line}, ${escape(OMITTED_TITLES[o.why])}: ${escape(clip(o.text, 60))}</li>`);
      parts.push('</ul>', '</details>');
    }
    parts.push('</section>');
  });
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
