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

describe('regressions: tables of contents', () => {
  it('regression: a table of contents (目录 and a list of the questions below) became an entry with every question as a step', () => {
    const questions = ['如何注册安心付？', '如何绑定银行卡？', '安心付客服电话是多少？'];
    const answers = ['下载安心付App，输入手机号注册。', '进入“我的-银行卡”，添加储蓄卡。', '客服电话：400-100-2233。'];
    const text = ['安心付使用指南', '', '目录', ...questions.map((q, i) => `${i + 1}. ${q}`), '', ...questions.flatMap((q, i) => [`${i + 1}. ${q}`, answers[i], ''])];
    expect(entries('toc.txt', text).map((e) => [e.question, e.answer])).toEqual(questions.map((q, i) => [q, answers[i]]));
    const html = `<h1>安心付帮助</h1><h2>目录</h2><ul>${questions.map((q, i) => `<li><a href="#q${i}">${q}</a></li>`).join('')}</ul>${questions.map((q, i) => `<h2 id="q${i}">${q}</h2><p>${answers[i]}</p>`).join('')}`;
    expect(entries('toc.html', html).map((e) => e.question)).toEqual(questions);
    // A list that repeats only some of the headings below it is content, not contents.
    const partial = ['怎么充值？', '可以用这些方式：', '- 如何绑定银行卡？', '- 网银充值', '如何绑定银行卡？', '进入“我的-银行卡”，添加储蓄卡。'];
    expect(entries('p.txt', partial)[0].answer).toContain('网银充值');
  });
});

describe('regressions: help-centre page chrome', () => {
  it('regression: a help-centre article\'s byline, votes, related articles, call-to-action buttons and comments became answer text and entries', () => {
    const page = `<html><body><main><article class="article">
<header><h1>安心付提现常见问题</h1><div class="article-author"><div class="article-meta">安心付客服团队 <time>2024年3月2日 10:21</time></div></div></header>
<div class="article-body"><h2>提现多久到账？</h2><p>普通提现 T+1 个工作日到账。</p>
<div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/contact">联系客服</a></div></div>
<h2>提现失败怎么办？</h2><p>资金会原路退回余额，请核对银行卡信息后重试。</p></div>
<footer><div class="article-votes"><span>这篇文章有帮助吗？</span></div>
<section class="article-relatives"><h3>相关文章</h3><ul><li><a href="/a/2">如何绑定银行卡？</a></li></ul></section></footer>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 条评论</h2><ol class="comment-list"><li>请问支持信用卡吗？</li></ol></div>
</main></body></html>`;
    expect(entries('z.html', page).map((e) => [e.question, e.answer])).toEqual([
      ['提现多久到账？', '普通提现 T+1 个工作日到账。'],
      ['提现失败怎么办？', '资金会原路退回余额，请核对银行卡信息后重试。'],
    ]);
  });
});
