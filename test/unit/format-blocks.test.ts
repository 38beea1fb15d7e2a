/** @module Unit tests for the adapters' shared parts: text mapped to its source (blocks.ts), line markers and labels (markers.ts). */
import { decodeHTML, decodeHTMLStrict } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SourcedText,
  LineIndex,
  align,
  collapseWhitespace,
  compose,
  concat,
  lines,
  relocate,
  slice,
  spanOf,
  synthetic,
  trim,
  verbatim,
} from '../../src/indexer/formats/blocks';
import { leadingLabel, leadingMarker, numberValue } from '../../src/indexer/formats/markers';
import { context } from './format-helpers';

/** Every run copies its text from `source`. */
function expectMapped(st: SourcedText, source: string): void {
  for (const run of st.runs) expect(source.slice(run.from, run.from + run.length)).toBe(st.text.slice(run.at, run.at + run.length));
}

describe('SourcedText', () => {
  const source = '  你好，世界  \n第二行';

  it('keeps runs exact through slice, trim, concat and lines, merging runs that continue each other', () => {
    const whole = verbatim(source, 0, source.length);
    const [first, second] = lines(whole);
    expect(first.text).toBe('你好，世界');
    expect(first.runs).toEqual([{ at: 0, from: 2, length: 5 }]);
    expect(second.runs).toEqual([{ at: 0, from: 10, length: 3 }]);
    const joined = concat([slice(whole, 2, 4), slice(whole, 4, 7)]);
    expect(joined.runs).toEqual([{ at: 0, from: 2, length: 5 }]);
    const gap = concat([first, synthetic('\n'), second]);
    expect(gap.text).toBe('你好，世界\n第二行');
    expect(gap.runs.map((r) => r.at)).toEqual([0, 6]);
    expectMapped(gap, source);
    expect(trim(verbatim(source, 0, 2))).toEqual({ text: '', runs: [] });
  });

  it('holds the run invariant under any sequence of slices, trims and concatenations', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), (text, cuts) => {
        let st = verbatim(text, 0, text.length);
        const pieces: SourcedText[] = [];
        for (const [a, b] of cuts) {
          const lo = a % (st.text.length + 1);
          const hi = lo + (b % (st.text.length - lo + 1));
          pieces.push(trim(slice(st, lo, hi)), synthetic('|'));
          st = concat(pieces);
        }
        expectMapped(st, text);
        expectMapped(collapseWhitespace(st), text);
      }),
    );
  });

  it('collapses white space as a browser does, mapping a stretch that starts with a space', () => {
    const html = 'a  \n b\tc\u00a0d';
    const st = collapseWhitespace(verbatim(html, 0, html.length));
    expect(st.text).toBe('a b c\u00a0d');
    expectMapped(st, html);
    // "a  \n b": the first space of the stretch stands for it; "\t" is not a space and maps nowhere.
    expect(st.runs.map((r) => [r.at, r.length])).toEqual([
      [0, 2],
      [2, 1],
      [4, 3],
    ]);
  });

  it('spans decoded characters too, so a span can start or end on an entity', () => {
    const html = '&ldquo;充值&rdquo;';
    const st = align(html, 0, html.length, '“充值”', decodeHTML);
    expect(st.runs).toEqual([{ at: 1, from: 7, length: 2 }]);
    expect(spanOf(st)).toEqual({ start: 0, end: html.length });
    expect(spanOf(slice(st, 1, 3))).toEqual({ start: 7, end: 9 });
    expect(spanOf(synthetic('\n'))).toBeUndefined();
  });
});

describe('align', () => {
  it('maps decoded HTML text back to the file, leaving references and CRs outside the runs', () => {
    const raw = 'a &amp; b\r\nc&nbsp;d &#20013;';
    const st = align(raw, 0, raw.length, 'a & b\nc\u00a0d 中', decodeHTML);
    expect(st.text).toBe('a & b\nc\u00a0d 中');
    expectMapped(st, raw);
    expect(st.runs.reduce((n, r) => n + r.length, 0)).toBe(st.text.length - 3);
  });

  it('maps a lone CR line ending to nothing and an LF to itself', () => {
    const raw = 'ab\rcd\nef';
    const st = align(raw, 0, raw.length, 'ab\ncd\nef');
    expect(st.text).toBe('ab\ncd\nef');
    expectMapped(st, raw);
    expect(st.runs.map((r) => [r.at, r.length])).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });

  it('skips Markdown markup the parser dropped: escapes, quote prefixes, continuation indents', () => {
    const raw = '注意\\*号\r\n>   第二行 &copy; &bogus;';
    const st = align(raw, 0, raw.length, '注意*号\n第二行 © &bogus;', decodeHTMLStrict);
    expectMapped(st, raw);
    expect(st.text).toBe('注意*号\n第二行 © &bogus;');
    // Everything but the decoded © is verbatim (the unknown reference stays text).
    expect(st.runs.reduce((n, r) => n + r.length, 0)).toBe(st.text.length - 1);
  });

  it('does not lose its place when the value holds a character the source lacks', () => {
    const raw = 'ab\u0000cd';
    const st = align(raw, 0, raw.length, 'ab\ufffdcd');
    expect(st.text).toBe('ab\ufffdcd');
    expectMapped(st, raw);
    expect(st.runs.reduce((n, r) => n + r.length, 0)).toBe(4);
  });
});

describe('compose and relocate', () => {
  it('carries offsets into a decoded value on to the file', () => {
    // A CSV field "说""明""": the value is 说"明", its quote mapped to the first of the two.
    const file = 'x,"说""明"';
    const value = concat([verbatim(file, 3, 5), verbatim(file, 6, 7)]);
    expect(value.text).toBe('说"明');
    const inner = verbatim(value.text, 0, 3);
    const carried = compose(inner, value);
    expectMapped(carried, file);
    expect(carried.runs).toEqual([
      { at: 0, from: 3, length: 2 },
      { at: 2, from: 6, length: 1 },
    ]);
    const moved = relocate({ kind: 'paragraph', text: inner, span: { start: 0, end: 3 } }, value, { start: 3, end: 7 });
    expect(moved.span).toEqual({ start: 3, end: 7 });
  });
});

describe('LineIndex', () => {
  it('counts CRLF, LF and a lone CR as one line end each', () => {
    const lines = new LineIndex('a\r\nb\nc\rd');
    expect([0, 3, 5, 7].map((o) => lines.lineOf(o))).toEqual([1, 2, 3, 4]);
    expect(lines.lineOf(1)).toBe(1);
    expect(lines.lineOf(2)).toBe(1);
  });
});

describe('leadingMarker', () => {
  const cases: [string, string | undefined, number | undefined, string][] = [
    ['1. 打开', 'decimal', 1, '打开'],
    ['12、确认', 'decimal', 12, '确认'],
    ['(3) 提交', 'decimal', 3, '提交'],
    ['（4）提交', 'decimal', 4, '提交'],
    ['２．提交', 'decimal', 2, '提交'],
    ['⑵提交', 'decimal', 2, '提交'],
    ['3) 提交', 'decimal', 3, '提交'],
    ['二、账户', 'cjk', 2, '账户'],
    ['（十二）账户', 'cjk', 12, '账户'],
    ['③ 输入', 'circled', 3, '输入'],
    ['❷输入', 'circled', 2, '输入'],
    ['第三步：确认', 'step', 3, '确认'],
    ['第 2 步，确认', 'step', 2, '确认'],
    ['步骤二 确认', 'step', 2, '确认'],
    ['Step 4: confirm', 'step', 4, 'confirm'],
    ['b. 其他', 'letter', 2, '其他'],
    ['(c)其他', 'letter', 3, '其他'],
    ['- 一项', 'bullet', undefined, '一项'],
    ['•一项', 'bullet', undefined, '一项'],
    ['1.5 元手续费', undefined, undefined, ''],
    ['2024年起', undefined, undefined, ''],
    ['-5元', undefined, undefined, ''],
    ['e.g. 例如', undefined, undefined, ''],
    ['第一次登录', undefined, undefined, ''],
    ['1.', undefined, undefined, ''],
    ['十分方便', undefined, undefined, ''],
  ];
  it.each(cases)('%s', (line, kind, ordinal, rest) => {
    const marker = leadingMarker(line);
    expect(marker?.kind).toBe(kind);
    if (!marker) return;
    expect(marker.ordinal).toBe(ordinal);
    expect(line.slice(marker.length)).toBe(rest);
  });

  it('reads Chinese numerals up to ninety-nine', () => {
    expect(['一', '十', '十二', '二十', '二十三', '两', '九十九', '7', '１２'].map(numberValue)).toEqual([1, 10, 12, 20, 23, 2, 99, 7, 12]);
    expect(numberValue('一二')).toBeUndefined();
    expect(numberValue('')).toBeUndefined();
  });
});

describe('leadingLabel', () => {
  const label = (line: string) => {
    const l = leadingLabel(line, context.normalize);
    return l && { role: l.role, label: line.slice(l.start, l.end), rest: line.slice(l.length) };
  };

  it('finds question, answer and tip labels, bracketed, with a colon or numbered', () => {
    expect(label('问：怎么充值？')).toEqual({ role: 'question', label: '问', rest: '怎么充值？' });
    expect(label('Q1. 怎么充值？')).toEqual({ role: 'question', label: 'Q', rest: '怎么充值？' });
    expect(label('Q2：怎么提现？')).toEqual({ role: 'question', label: 'Q', rest: '怎么提现？' });
    expect(label('【答】打开 App')).toEqual({ role: 'answer', label: '答', rest: '打开 App' });
    expect(label('A: 打开 App')).toEqual({ role: 'answer', label: 'A', rest: '打开 App' });
    expect(label('温馨提示：勿泄露验证码')).toEqual({ role: 'note', label: '温馨提示', rest: '勿泄露验证码' });
    expect(label('注意事項：勿泄露')).toEqual({ role: 'note', label: '注意事項', rest: '勿泄露' });
    expect(label('溫馨提示：勿泄露')).toEqual({ role: 'note', label: '溫馨提示', rest: '勿泄露' });
    expect(label('問：如何儲值？')).toEqual({ role: 'question', label: '問', rest: '如何儲值？' });
  });

  it('reads 「問」「答」 corner brackets, Q.1 / A-1 numbers set off by a dot or dash, and 问题一 numbered in Chinese (litong-brackets-tw)', () => {
    expect(label('「問」如何申請帳戶？')).toEqual({ role: 'question', label: '問', rest: '如何申請帳戶？' });
    expect(label('「答」請依下列步驟辦理')).toEqual({ role: 'answer', label: '答', rest: '請依下列步驟辦理' });
    expect(label('『Q』怎么充值？')).toEqual({ role: 'question', label: 'Q', rest: '怎么充值？' });
    expect(label('Q.1 怎么充值？')).toEqual({ role: 'question', label: 'Q', rest: '怎么充值？' });
    expect(label('q-12: 怎么充值？')).toEqual({ role: 'question', label: 'q', rest: '怎么充值？' });
    expect(label('A.1 打开 App')).toEqual({ role: 'answer', label: 'A', rest: '打开 App' });
    expect(label('问题一：怎么充值？')).toEqual({ role: 'question', label: '问题', rest: '怎么充值？' });
    expect(label('問題十二：如何儲值？')).toEqual({ role: 'question', label: '問題', rest: '如何儲值？' });
    // A quotation that opens a line is no label, nor a code such as A-1类.
    expect(label('「設定」頁面可以修改')).toBeUndefined();
    expect(label('A-1类商户无需审核')).toBeUndefined();
    expect(label('问题十分严重：请联系客服')).toBeUndefined();
  });

  it('leaves other colons alone and reports a label with nothing after it', () => {
    expect(label('客服电话：95017')).toBeUndefined();
    expect(label('问题描述：无法登录')).toBeUndefined();
    expect(label('Quick 充值')).toBeUndefined();
    expect(label('温馨提示：')).toEqual({ role: 'note', label: '温馨提示', rest: '' });
    // A number belongs to questions and answers only.
    expect(label('提示1：xx')).toBeUndefined();
  });
});
