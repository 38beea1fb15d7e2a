/**
 * @module Regressions found by articles in help-centre shapes (Zendesk/WordPress/Intercom-like HTML, nested CMS
 * exports, emoji-decorated text, tables of contents): each test names the shape and what the build did wrong.
 */
import { describe, expect, it } from 'vitest';
import type { ProviderInfo } from '../../src/indexer/extract-entries';
import type { SourceFile } from '../../src/indexer/formats/index';
import { entriesOf, shippedSources } from '../support/indexer';

const acme: ProviderInfo = { id: 'acme', name: '安心付', aliases: ['安心付', 'AnxinPay'] };
const providers = [...shippedSources().providers, acme];
const file = (doc: string, text: string | string[]): SourceFile => ({ doc, path: doc, text: Array.isArray(text) ? text.join('\n') : text });
const entries = (doc: string, text: string | string[]) => entriesOf(file(doc, text), providers, 'acme');

describe('regressions: help-centre shapes', () => {
  it('regression: keycap-emoji steps (1️⃣ 2️⃣) read as headings, losing the question above them; ❓ stayed in questions', () => {
    const got = entries('e.txt', [
      '❓ 怎么开通安心付免密支付？',
      '👉 打开安心付App，按以下步骤操作：',
      '1️⃣ 点击“我的”-“支付设置”',
      '2️⃣ 选择“免密支付”',
      '3️⃣ 设置单笔免密额度并验证支付密码',
      '',
      '❓ 怎么关闭免密支付？',
      '进入“支付设置-免密支付”，点击“关闭”即可。',
    ]);
    expect(got.map((e) => [e.question, e.steps.map((s) => s.text)])).toEqual([
      ['怎么开通安心付免密支付？', ['点击“我的”-“支付设置”', '选择“免密支付”', '设置单笔免密额度并验证支付密码']],
      ['怎么关闭免密支付？', []],
    ]);
  });
});
