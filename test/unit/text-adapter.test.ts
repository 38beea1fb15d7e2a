/** @module The .txt adapter (src/indexer/formats/text.ts): blocks, markers, labels and exact spans of plain-text articles. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/indexer/article';
import { adapterFor } from '../../src/indexer/formats/index';
import { BuildError } from '../../src/indexer/errors';
import { entriesOf, modelOf } from '../support/indexer';

const read = (lines: string[], doc = 'a.txt') => modelOf({ doc, path: doc, text: lines.join('\n') });
const kinds = (blocks: Block[]) => blocks.map((b) => `${b.kind}:${b.text}`);

/** Every run of every block copies the file verbatim, and `norm` is offset-aligned with `text`. */
function expectExact(text: string, blocks: Block[]): void {
  for (const b of blocks) {
    expect(b.norm.length, b.text).toBe(b.text.length);
    expect(0 <= b.span.start && b.span.start <= b.span.end && b.span.end <= text.length).toBe(true);
    for (const r of b.runs) {
      expect(text.slice(r.from, r.from + r.length)).toBe(b.text.slice(r.at, r.at + r.length));
      expect(b.span.start <= r.from && r.from + r.length <= b.span.end).toBe(true);
    }
    // A label's span covers its characters (and any bold markup between them).
    if (b.label) expect(text.slice(b.label.span.start, b.label.span.end).replace(/\*\*/g, '')).toBe(b.label.text);
  }
}

describe('.txt adapter', () => {
  it('is chosen by extension in any case', () => {
    expect(adapterFor('a.txt')?.format).toBe('txt');
    expect(adapterFor('A.TXT')?.format).toBe('txt');
    expect(adapterFor('a.Txt')?.format).toBe('txt');
    expect(adapterFor('a.docx')).toBeUndefined();
    expect(adapterFor('txt')).toBeUndefined();
  });

  it('reads every marker kind with its ordinal, and what a reader sees before the text', () => {
    const model = read(['如何退款？', '第三步：点击退款。', '步骤二、提交。', 'Step 4 确认。', '③ 等待。', '(5) 查看。', '６．完成。', 'b) 返回。', '（二）说明。', '• 提示。']);
    const items = model.blocks.filter((b) => b.kind === 'item');
    expect(items.map((b) => [b.marker!.kind, b.marker!.ordinal, b.text, b.prefix])).toEqual([
      ['step', 3, '点击退款。', '第三步：'],
      ['step', 2, '提交。', '步骤二、'],
      ['step', 4, '确认。', 'Step 4 '],
      ['circled', 3, '等待。', '③ '],
      ['decimal', 5, '查看。', '(5) '],
      ['decimal', 6, '完成。', '６．'],
      ['letter', 2, '返回。', 'b) '],
      ['cjk', 2, '说明。', '（二）'],
      ['bullet', undefined, '提示。', '• '],
    ]);
  });

  it('does not read numbers, times or amounts as markers', () => {
    const model = read(['1.5%的手续费按笔收取。', '10.00元起充。', '24小时客服热线。', '2024年起调整。']);
    expect(model.blocks.every((b) => b.kind !== 'item')).toBe(true);
  });

  it('nests items by indentation, and by the order marker styles appear in when all sit at one indentation', () => {
    const indented = read(['如何退款？', '1. 登录。', '   - 打开App。', '   - 点击我的。', '2. 申请。']).blocks.filter((b) => b.kind === 'item');
    expect(indented.map((b) => b.marker!.depth)).toEqual([0, 1, 1, 0]);
    const flat = read(['如何退款？', '一、登录', '(1) 打开App。', '(2) 点击我的。', '二、申请', '(1) 填写原因。']).blocks;
    expect(kinds(flat)).toEqual(['question:如何退款？', 'heading:登录', 'item:打开App。', 'item:点击我的。', 'heading:申请', 'item:填写原因。']);
  });

  it('settles numbered lines with their neighbours: sections when each has content of its own, a list when they follow each other', () => {
    const sections = read(['1、如何退款？', '在订单页申请退款。', '2、开发票', '在发票页申请。']).blocks;
    expect(kinds(sections)).toEqual(['question:如何退款？', 'paragraph:在订单页申请退款。', 'heading:开发票', 'paragraph:在发票页申请。']);
    const list = read(['开通前请准备：', '1. 营业执照', '2. 法人身份证', '3. 银行卡']).blocks;
    expect(list.filter((b) => b.kind === 'item').length).toBe(3);
  });

  it('strips Q/A labels, 【】 brackets and ▍ glyphs from text, with exact spans', () => {
    const lines = ['【账户安全】', '▍常见问题', 'Q1 忘记密码怎么办？', 'A1 点击忘记密码。', '【问】怎么注销？', '【答】联系客服。', '问：怎么退款？', '答：', '在订单页申请。'];
    const model = read(lines);
    expect(kinds(model.blocks)).toEqual([
      'heading:账户安全',
      'heading:常见问题',
      'question:忘记密码怎么办？',
      'paragraph:点击忘记密码。',
      'question:怎么注销？',
      'paragraph:联系客服。',
      'question:怎么退款？',
      'paragraph:在订单页申请。',
    ]);
    expectExact(model.text, model.blocks);
  });

  it('reads brackets around nothing but space as text, not as a blank label (property counterexample 【　】1.)', () => {
    const model = read(['【　】1. 退款说明', '【 】']);
    expect(model.blocks.map((b) => [b.text, b.label?.text])).toEqual([
      ['【　】1. 退款说明', undefined],
      ['【 】', undefined],
    ]);
    expectExact(model.text, model.blocks);
  });

  it('reads labels (bold or before a colon) and notes, and keeps times and URLs whole', () => {
    const model = read(['如何联系客服？', '1. **拨打电话**——拨打客服热线。', '客服热线：400-620-8899', '工作时间9:00-18:00。', '官网 https://example.com/help', '温馨提示：请勿泄露验证码。', '注：节假日顺延。']);
    const [, item, hotline, hours, site, tip, note] = model.blocks;
    expect([item.label?.text, item.text, item.prefix]).toEqual(['拨打电话', '拨打客服热线。', '1. 拨打电话——']);
    expect([hotline.kind, hotline.label?.text, hotline.text]).toEqual(['paragraph', '客服热线', '400-620-8899']);
    expect([hours.label, hours.text]).toEqual([undefined, '工作时间9:00-18:00。']);
    expect(site.label).toBeUndefined();
    expect([tip.kind, tip.label?.text, tip.text]).toEqual(['note', '温馨提示', '请勿泄露验证码。']);
    expect([note.kind, note.label?.text]).toEqual(['note', '注']);
    expectExact(model.text, model.blocks);
  });

  it('reads Markdown headings with their levels, setext headings and pipe tables', () => {
    const model = read(['# 指南', '## 费用', '| 项目 | 费率 |', '| --- | --- |', '| 提现 | 0.1% |', '退款说明', '========', '退款三天内到账。']);
    expect(model.blocks.map((b) => [b.kind, b.level ?? null, b.text])).toEqual([
      ['heading', 1, '指南'],
      ['heading', 2, '费用'],
      ['row', null, '项目 | 费率'],
      ['row', null, '提现 | 0.1%'],
      ['heading', 1, '退款说明'],
      ['paragraph', null, '退款三天内到账。'],
    ]);
    expect(model.blocks[2].header).toBe(true);
    expect(model.blocks[2].cells!.map((c) => model.text.slice(c.span.start, c.span.end))).toEqual(['项目', '费率']);
  });

  it('reads a numbered or bulleted 问/Q line as a question and its 答/A line as the answer, not as steps', () => {
    const model = read(['安心付 FAQ', '- Q：怎么充值？', '  A：打开首页充值。', '- Q：多久到账？', '  A：T+1 到账。', '1. 问：如何改密码？', '答：进入设置修改。']);
    expect(model.blocks.map((b) => [b.kind, (b.prefix ?? '') + b.text])).toEqual([
      ['heading', '安心付 FAQ'],
      ['question', '怎么充值？'],
      ['paragraph', '打开首页充值。'],
      ['question', '多久到账？'],
      ['paragraph', 'T+1 到账。'],
      ['question', '如何改密码？'],
      ['paragraph', '进入设置修改。'],
    ]);
    expectExact(model.text, model.blocks);
  });

  it('reads a pipe table of questions and answers as records, as the Markdown adapter does (it was one entry of rows)', () => {
    const text = ['安心付常见问题', '', '| 问题 | 答案 | 备注 |', '| --- | --- | --- |', '| 怎么充值？ | 打开 **首页** 充值。 | 限储蓄卡 |', '| 多久到账？ | T+1 到账。 | |', '', '| 怎么改密码？ | 在设置中修改。 |', '| 怎么注销？ | 在设置中注销。 |', '', '| 提现 | 0.1% |', '| 充值 | 免费 |'];
    const model = read(text);
    expect(model.blocks.map((b) => [b.kind, (b.prefix ?? '') + b.text])).toEqual([
      ['heading', '安心付常见问题'],
      ['question', '怎么充值？'],
      ['paragraph', '打开 首页 充值。'],
      ['paragraph', '备注：限储蓄卡'],
      ['question', '多久到账？'],
      ['paragraph', 'T+1 到账。'],
      ['question', '怎么改密码？'],
      ['paragraph', '在设置中修改。'],
      ['question', '怎么注销？'],
      ['paragraph', '在设置中注销。'],
      // A table of data after a blank line is a table of its own, read as rows.
      ['row', '提现 | 0.1%'],
      ['row', '充值 | 免费'],
    ]);
    expectExact(model.text, model.blocks);
    expect(model.blocks.every((b) => b.line === model.text.slice(0, b.span.start).split('\n').length)).toBe(true);
  });

  it('folds traditional and full-width text in norm, offset for offset', () => {
    const [b] = read(['帳戶被凍結了怎麼辦？ＡＢＣ']).blocks;
    expect(b.norm).toBe('账户被冻结了怎么办?abc');
  });

  it('maps every block exactly into any text, whatever its shape (property)', () => {
    const piece = fc.constantFrom('1. ', '1、', '(2) ', '一、', '（三）', '① ', '第一步：', 'Step 2 ', '- ', '• ', '▍', '【', '】', '问：', 'A1 ', '**', '：', '？', '。', '#', '## ', '温馨提示：', '|', ' ', '\u3000', '\t', '退款', '客服', '帳戶', 'ｔｏｐａｙ', '9:00', 'https://x.y', '');
    const line = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(fc.array(fc.tuple(line, eol), { minLength: 1, maxLength: 12 }), (lines) => {
        const text = lines.map(([l, e]) => l + e).join('') + '退款说明';
        const file = { doc: 'p.txt', path: 'p.txt', text };
        const model = modelOf(file);
        expectExact(text, model.blocks);
        for (const b of model.blocks) expect(b.text).not.toMatch(/[\r]/);
        // Extraction either gives entries inside the text or says why not, with a file:line.
        try {
          for (const e of entriesOf(file, undefined, 'topay')) {
            expect(0 <= e.source.start && e.source.start <= e.source.end && e.source.end <= text.length).toBe(true);
            expect(e.question.trim() && e.answer.trim()).toBeTruthy();
          }
        } catch (e) {
          expect(e).toBeInstanceOf(BuildError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
