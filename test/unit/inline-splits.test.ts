/** @module Unit tests for structure written on one line (src/indexer/formats/inline-splits.ts), in every format. */
import { describe, expect, it } from 'vitest';
import type { ArticleModel } from '../../src/indexer/article';
import { shownText } from '../../src/indexer/article';
import { parseSource } from '../../src/indexer/formats/index';
import { context, expectInvariants } from './format-helpers';

const model = (doc: string, text: string): ArticleModel => {
  const parsed = parseSource({ doc, path: `test/${doc}`, text }, context);
  expectInvariants(parsed);
  return parsed;
};

/** Blocks as "kind ordinal: shown text", for compact expectations. */
const shown = (m: ArticleModel) => m.blocks.map((b) => `${b.kind}${b.marker?.ordinal ?? ''}: ${shownText(b)}`);

describe('steps written on one line (yunzhou-cms-groups, fuyuan-lowercase-qa, litong-brackets-tw)', () => {
  it('a line that numbers its steps is one item per step, in text, CSV, JSON and HTML alike', () => {
    const steps = ['item1: 1.打开首页', 'item2: 2.点击“充值”', 'item3: 3.输入金额'];
    expect(shown(model('a.txt', '怎么充值？\n答：1.打开首页 2.点击“充值” 3.输入金额')).slice(1)).toEqual(steps);
    expect(shown(model('a.csv', '问题,答案\n怎么充值？,1.打开首页 2.点击“充值” 3.输入金额\n')).slice(1)).toEqual(steps);
    expect(shown(model('a.json', '[{"q":"怎么充值？","a":"1.打开首页 2.点击“充值” 3.输入金额"}]')).slice(1)).toEqual(steps);
    expect(shown(model('a.html', '<h3>怎么充值？</h3><p>1.打开首页 2.点击“充值” 3.输入金额</p>')).slice(1)).toEqual(steps);
  });

  it('keeps a lead-in before the first step and a remark after the last one as paragraphs', () => {
    expect(shown(model('a.json', '[{"q":"怎么解冻？","a":"请按以下步骤解冻：①点击申请解冻；②上传照片；③等待审核。审核通过后短信通知。"}]')).slice(1)).toEqual([
      'paragraph: 请按以下步骤解冻：',
      'item1: ①点击申请解冻；',
      'item2: ②上传照片；',
      'item3: ③等待审核。',
      'paragraph: 审核通过后短信通知。',
    ]);
    // A lead-in the line's colon made a label (請依下列步驟辦理：１．…) is a paragraph all the same.
    expect(shown(model('b.txt', '如何開戶？\n請依下列步驟辦理：１．下載App　２．註冊　３．完成驗證。')).slice(1)).toEqual([
      'paragraph: 請依下列步驟辦理：',
      'item1: １．下載App',
      'item2: ２．註冊',
      'item3: ３．完成驗證。',
    ]);
    expect(shown(model('c.html', '<h3>修改手机号</h3><div>第一步：进入设置；第二步：验证原手机号；第三步：输入新手机号。</div>')).slice(1)).toEqual([
      'item1: 第一步：进入设置；',
      'item2: 第二步：验证原手机号；',
      'item3: 第三步：输入新手机号。',
    ]);
  });

  it('an item that goes on with the next numbers of its list is split too', () => {
    expect(shown(model('a.csv', '问题,答案\n怎么退款？,"1.进入交易查询 2.点击退款 3.输入密码确认\n注意：超过90天无法退款。"\n')).slice(1)).toEqual([
      'item1: 1.进入交易查询',
      'item2: 2.点击退款',
      'item3: 3.输入密码确认',
      'note: 注意：超过90天无法退款。',
    ]);
  });

  it('leaves alone numbers that are not a list: decimals, one marker, numbers out of order, mid-sentence, a note', () => {
    for (const answer of [
      '收取1.5%手续费，2.5元封顶。',
      '1.打开首页即可充值。',
      '1.打开首页 3.点击充值',
      '请在工作日 1. 点击 2. 查看',
      '温馨提示：1.勿泄露验证码 2.勿点陌生链接',
    ]) {
      const m = model('a.txt', `怎么充值？\n答：${answer}`);
      expect(m.blocks.slice(1).map(shownText), answer).toEqual([answer]);
    }
  });
});

describe('an answer on its question\'s line (问：…？答：…)', () => {
  it('is a block of its own after the question, in text, Markdown and CSV alike, and its steps are read too', () => {
    expect(shown(model('a.txt', '问：怎么充值？答：打开首页充值。\nQ：怎么提现? A: 1.打开钱包 2.点击提现'))).toEqual([
      'question: 怎么充值？',
      'paragraph: 打开首页充值。',
      'question: 怎么提现?',
      'item1: 1.打开钱包',
      'item2: 2.点击提现',
    ]);
    expect(shown(model('a.md', '**问：怎么充值？答：打开首页充值。**\n'))).toEqual(['question: 怎么充值？', 'paragraph: 打开首页充值。']);
    expect(shown(model('a.csv', '问题,答案\n怎么充值？答：打开首页。,详见充值说明。\n'))).toEqual(['question: 怎么充值？', 'paragraph: 打开首页。', 'paragraph: 详见充值说明。']);
  });

  it('needs no question mark before an answer label that ends in a colon or bracket', () => {
    expect(shown(model('c.txt', '问：怎么注册 答：下载 App 注册。\n问：怎么实名 【答】上传身份证。'))).toEqual([
      'question: 怎么注册',
      'paragraph: 下载 App 注册。',
      'question: 怎么实名',
      'paragraph: 上传身份证。',
    ]);
  });

  it('leaves a question alone whose question mark no answer label follows, or where a letter and number only look like one', () => {
    expect(shown(model('b.txt', '问：为什么提示“余额不足？”怎么办？\n答：请先充值。'))).toEqual(['question: 为什么提示“余额不足？”怎么办？', 'paragraph: 请先充值。']);
    expect(shown(model('d.txt', '问：A1 级商户怎么升级 A2 级？\n答：提交资料。'))).toEqual(['question: A1 级商户怎么升级 A2 级？', 'paragraph: 提交资料。']);
  });
});
