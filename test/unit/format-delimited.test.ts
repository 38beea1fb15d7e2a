/** @module Unit tests for the .csv and .tsv adapters (src/indexer/formats/delimited.ts): RFC 4180 rows, columns, answers as blocks. */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LineIndex } from '../../src/indexer/formats/blocks';
import { scanRows } from '../../src/indexer/formats/delimited';
import { covered, expectInvariants, kindsAndTexts, parse } from './format-helpers';

const csv = (text: string, name = 'export.csv') => {
  const model = parse(name, text);
  expectInvariants(model);
  return model;
};
const rows = (text: string, delimiter = ',', strict = true) =>
  scanRows(text, 0, delimiter, strict, 'x.csv', new LineIndex(text)).map((r) => r.fields.map((f) => f.text.text));

afterEach(() => vi.restoreAllMocks());

describe('scanRows', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and any line ending', () => {
    expect(rows('a,"b,c","say ""hi"""\r\n"multi\r\nline",,x\rlast,"",\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['multi\nline', '', 'x'],
      ['last', '', ''],
    ]);
  });

  it('maps each field to its content in the file; a doubled quote is one character mapped to the first quote', () => {
    const text = 'q,"说""明"\n';
    const [row] = scanRows(text, 0, ',', true, 'x.csv', new LineIndex(text));
    const field = row.fields[1];
    expect(field.span).toEqual({ start: 3, end: 7 });
    expect(field.text.text).toBe('说"明');
    expect(field.text.runs).toEqual([
      { at: 0, from: 3, length: 2 },
      { at: 2, from: 6, length: 1 },
    ]);
  });

  it('round-trips any records written by the RFC 4180 rules, with exact runs', () => {
    const field = fc.string({ unit: fc.constantFrom('a', '说', ',', '"', '\n', ' ', '\t', 'x'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n'), (records, eol) => {
        // A record of one empty field is a blank line, which the scanner reads as an empty field too.
        const quote = (f: string) => (/[",\n\r]|^ |^$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
        const text = records.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const scanned = scanRows(text, 0, ',', true, 'x.csv', new LineIndex(text));
        expect(scanned.map((r) => r.fields.map((f) => f.text.text))).toEqual(records);
        for (const r of scanned)
          for (const f of r.fields) for (const run of f.text.runs) expect(text.slice(run.from, run.from + run.length)).toBe(f.text.text.slice(run.at, run.at + run.length));
      }),
    );
  });

  it('fails on a quote never closed and on text after a closing quote, at their lines', () => {
    expect(() => rows('q,a\nx,"open\nmore')).toThrow(/x\.csv:2: quoted field is never closed/);
    expect(() => rows('q,a\n\nx,"a"b')).toThrow(/x\.csv:3: text after a closing quote/);
  });

  it('reads such fields as plain text when quoting is optional (TSV), decoding \\n and \\t escapes', () => {
    expect(rows('他说"好"\t"引号"开头\n"a\\nb"x\tc\\td\\\\e\n', '\t', false)).toEqual([
      ['他说"好"', '"引号"开头'],
      ['"a\nb"x', 'c\td\\e'],
    ]);
  });
});

describe('csv adapter', () => {
  it('reads a header in Chinese or English, in either script, and records as question + answer blocks', () => {
    for (const header of ['问题,答案,分类,平台', 'Question,Answer,Category,Provider', '問題,回答,分類,服務商', 'faq_question,answer,category,brand']) {
      const model = csv(`${header}\n如何充值？,打开 App 点击充值。,充值,汇通钱包\n`);
      expect(model.blocks.map((b) => [b.kind, b.text, b.hints])).toEqual([
        ['question', '如何充值？', { category: '充值', provider: '汇通钱包' }],
        ['paragraph', '打开 App 点击充值。', undefined],
      ]);
    }
  });

  it('skips the "sep=," line Excel writes first', () => {
    expect(kindsAndTexts(csv('sep=,\r\n问题,答案\r\n如何充值？,打开 App。\r\n'))).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开 App。'],
    ]);
  });

  it('reads a file with the delimiter its "sep=;" line names, not the comma (it failed as a header without a question column)', () => {
    expect(kindsAndTexts(csv('sep=;\n问题;答案;分类\n如何充值？;打开 App，点击充值。;充值\n'))).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开 App，点击充值。'],
    ]);
  });

  it('reads a .csv saved with semicolons or tabs when its header, holding no comma, names the columns that way', () => {
    for (const d of [';', '\t']) {
      expect(kindsAndTexts(csv(`问题${d}"答案"${d}分类\n如何充值？${d}打开 App，点击充值。${d}充值\n`)), JSON.stringify(d)).toEqual([
        ['question', '如何充值？'],
        ['paragraph', '打开 App，点击充值。'],
      ]);
    }
    // A header with a comma, or one no other delimiter splits into names, keeps the comma.
    expect(() => csv('问题;答案\n如何充值？;打开 App\n'.replace('问题;答案', '问题;答案,备注'))).toThrow(/names no (question|answer) column/);
  });

  it('reads columns by position when there is no header: question, answer[, category][, provider]', () => {
    const model = csv('如何提现？,进入钱包点击提现。\n如何开票？,在账单页申请。,invoice,泰和钱包\n');
    expect(model.blocks.filter((b) => b.kind === 'question').map((b) => [b.text, b.hints])).toEqual([
      ['如何提现？', undefined],
      ['如何开票？', { category: 'invoice', provider: '泰和钱包' }],
    ]);
  });

  it('splits an answer into lines: numbered lines are items, labelled ones notes, the rest paragraphs', () => {
    const text = '\ufeffquestion,answer\r\n"Q：怎么绑卡？","您好：\r\n1、打开""我的""\r\n2、点击添加\r\n③ 验证\r\n第四步：完成\r\n温馨提示：仅限储蓄卡\r\n问：还有问题？"\r\n';
    const model = csv(text);
    expect(model.blocks.map((b) => [b.kind, b.text, b.marker && [b.marker.kind, b.marker.ordinal], b.label?.text])).toEqual([
      ['question', '怎么绑卡？', undefined, 'Q'],
      ['paragraph', '您好：', undefined, undefined],
      ['item', '打开"我的"', ['decimal', 1], undefined],
      ['item', '点击添加', ['decimal', 2], undefined],
      ['item', '验证', ['circled', 3], undefined],
      ['item', '完成', ['step', 4], undefined],
      ['note', '仅限储蓄卡', undefined, '温馨提示'],
      // Only the question column holds questions: a 问： line in an answer is a labelled line of the answer.
      ['paragraph', '还有问题？', undefined, '问'],
    ]);
    expect(model.blocks.map((b) => b.line)).toEqual([2, 2, 3, 4, 5, 6, 7, 8]);
    const question = model.blocks[0];
    expect(text.slice(question.span.start, question.span.end)).toBe('Q：怎么绑卡？');
  });

  it('reads rich-text answers through the HTML adapter, runs carried through the CSV quoting', () => {
    const text = 'q,a\n怎么绑卡？,"<p>请按步骤：</p><ol><li>打开""我的""</li><li>点击 &amp; 确认</li></ol><h3>小标题</h3>"\n';
    const model = csv(text);
    expect(kindsAndTexts(model)).toEqual([
      ['question', '怎么绑卡？'],
      ['paragraph', '请按步骤：'],
      ['item', '打开"我的"'],
      ['item', '点击 & 确认'],
      // A heading inside an answer is part of the answer.
      ['paragraph', '小标题'],
    ]);
    expect(covered(model.blocks[2])).toBe(model.blocks[2].text.length);
    expect(text.slice(model.blocks[3].span.start, model.blocks[3].span.end)).toBe('点击 &amp; 确认');
  });

  it('warns once about header columns it does not use when they hold words, and skips blank rows', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = csv('编号,问题,答案,备注,更新时间\n\n1,如何充值？,打开 App。,内部说明,2024-05-01\n,,,,\n2,如何提现？,进入钱包。,,2024-05-02\n');
    expect(model.blocks.filter((b) => b.kind === 'question')).toHaveLength(2);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['test/export.csv:1: warning: column "备注" ignored (not a question, answer, category or provider)']);
  });

  it('reads a chatbot export: the standard question is the question, similar phrasings are reported as ignored', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = csv('问题编号,标准问题,相似问题,答案内容,问题分类\nQ001,如何提现？,怎么取钱,进入钱包点击提现。,提现\n');
    expect(model.blocks.map((b) => [b.kind, b.text, b.hints])).toEqual([
      ['question', '如何提现？', { category: '提现' }],
      ['paragraph', '进入钱包点击提现。', undefined],
    ]);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['test/export.csv:1: warning: column "相似问题" ignored (not a question, answer, category or provider)']);
  });

  it('regression: a question without an answer (a draft row) failed the whole build; it stays in the model for the report', () => {
    const model = parse('x.csv', 'question,answer\nq1,"a\n1"\nq2,\n');
    expect(model.blocks.at(-1)).toMatchObject({ text: 'q2', line: 4 });
  });

  it('fails with the line on malformed rows', () => {
    expect(() => parse('x.csv', 'question,answer\nq1,a1\nq2,a2,a3\n')).toThrow(/x\.csv:3: 3 fields in a row of 2 columns/);
    expect(() => parse('x.csv', 'question,answer\nq1,a1\n,孤立的答案\n')).toThrow(/x\.csv:3: an answer without a question/);
    expect(() => parse('x.csv', 'question,category\nq1,a1\n')).toThrow(/x\.csv:1: the header row names no answer column/);
    expect(() => parse('x.csv', 'question,问题,answer\nq,q,a\n')).toThrow(/x\.csv:1: two columns hold the question/);
    expect(() => parse('x.csv', '如何充值？,打开 App,topup,汇通,多余\n')).toThrow(/x\.csv:1: 5 columns and no header row/);
    expect(() => parse('x.csv', 'question,answer\n')).toThrow(/no content/);
    expect(() => parse('x.csv', '\ufeff\r\n \r\n')).toThrow(/x\.csv:1: no content/);
  });
});

describe('tsv adapter', () => {
  it('reads tab-separated records with literal quotes, escaped line breaks and Excel-quoted fields', () => {
    const text = '问题\t答案\t分类\n微信"钱包"怎么开？\t第一步：打开\\n第二步：确认\t开户\n多行？\t"第一行\n第二行"\t\n';
    const model = csv(text, 'faq.tsv');
    expect(model.blocks.map((b) => [b.kind, b.text, b.marker?.kind])).toEqual([
      ['question', '微信"钱包"怎么开？', undefined],
      ['item', '打开', 'step'],
      ['item', '确认', 'step'],
      ['question', '多行？', undefined],
      ['paragraph', '第一行', undefined],
      ['paragraph', '第二行', undefined],
    ]);
    expect(model.format).toBe('tsv');
  });
});
