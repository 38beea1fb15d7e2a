/** @module Unit tests for entry extraction (src/indexer/extract-entries.ts) on the shipped articles and small synthetic ones. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from '../../src/model';
import { detectArticleProvider } from '../../src/indexer/article-provider';
import { BuildError, SourceError } from '../../src/indexer/errors';
import type { ProviderInfo } from '../../src/indexer/extract-entries';
import type { SourceFile } from '../../src/indexer/formats/index';
import { extractEntries } from '../../src/indexer/extract-entries';
import { entriesOf as extract, extractContext, modelOf, ROOT, shippedFold, shippedSources } from '../support/indexer';

const providers: ProviderInfo[] = shippedSources().providers;

/** A shipped article by the prefix of its file name (000 … 004); tests on it do not depend on what else is in data/. */
function article(prefix: string): SourceFile {
  const doc = ['000_8dba20ee40b73ee2.txt', '001_4d48ce789d6595e1.txt', '002_99c4f84d5604f059.txt', '003_ae72d8057e33202e.txt', '004_6ccfe515cc449cfd.txt'].find((d) => d.startsWith(prefix))!;
  const path = join(ROOT, 'data/articles', doc);
  return { doc, path, text: readFileSync(path, 'utf8') };
}
const shippedArticles = () => ['000', '001', '002', '003', '004'].map(article);

function detect(file: SourceFile, list: ProviderInfo[] = providers): ProviderInfo {
  return detectArticleProvider(modelOf(file), list, shippedFold());
}

function entriesOf(input: SourceFile, list: ProviderInfo[] = providers): Entry[] {
  return extract(input, list);
}

const txt = (doc: string, lines: string[]): SourceFile => ({ doc, path: doc, text: lines.join('\n') });

/** id | question | category | number of steps, the shape the expectations below are written in. */
function summary(entries: Entry[]): string[] {
  return entries.map((e) => `${e.id} | ${e.question} | ${e.category} | ${e.steps.length}`);
}

function byQuestion(entries: Entry[], question: string): Entry {
  const entry = entries.find((e) => e.question === question);
  if (!entry) throw new Error(`no entry "${question}" in ${summary(entries).join('\n')}`);
  return entry;
}

const withoutBold = (s: string) => s.replace(/\*\*/g, '');

/** Every span must slice back to the text it claims (bold markers aside). */
function expectSpansSliceBack(input: SourceFile, entries: Entry[]): void {
  for (const entry of entries) {
    expect(entry.source.doc).toBe(input.doc);
    const slice = withoutBold(input.text.slice(entry.source.start, entry.source.end));
    for (const line of entry.answer.split('\n')) expect(slice).toContain(line);
    if (!entry.questionGenerated) expect(slice).toContain(entry.question); // the heading opens the span
    for (const step of entry.steps) {
      expect(step.source.doc).toBe(input.doc);
      const stepSlice = withoutBold(input.text.slice(step.source.start, step.source.end));
      expect(stepSlice).toMatch(/^\S/); // no leading indentation
      expect(stepSlice).toContain(step.text);
      expect(stepSlice).toContain(step.title);
      expect(entry.source.start).toBeLessThanOrEqual(step.source.start);
      expect(entry.source.end).toBeGreaterThanOrEqual(step.source.end);
    }
  }
}

describe('detectArticleProvider', () => {
  it('recognizes the provider of each shipped article', () => {
    expect(shippedArticles().map((a) => detect(a).id)).toEqual(['allinpay', 'unionwallet', 'huifu', 'digital-wallet', 'topay']);
  });

  it('counts the longest alias once per position (通联支付 is not also 通联)', () => {
    // Counted twice, allinpay would tie topay at 4 and the article would be ambiguous.
    expect(detect(txt('mix.txt', ['通联支付,通联支付。Topay Topay Topay Topay'])).id).toBe('topay');
  });

  it('matches Latin aliases case-insensitively and only as whole words', () => {
    expect(detect(txt('a.txt', ['TOPAY 与 topay'])).id).toBe('topay');
    expect(() => detect(txt('b.txt', ['autopay autopay']))).toThrow(SourceError);
  });

  it('regression: a traditional article is found through simplified-only aliases', () => {
    const acme: ProviderInfo = { id: 'acme', name: '华银钱包', aliases: ['华银钱包', '华银'] };
    expect(detect(txt('trad.txt', ['華銀錢包常見問題', '華銀錢包支援掃碼付款。']), [...providers, acme]).id).toBe('acme');
  });

  it('matches full-width Latin aliases', () => {
    expect(detect(txt('w.txt', ['ＴＯＰＡＹ退款说明', 'Ｔｏｐａｙ会退回。'])).id).toBe('topay');
  });

  it('counts the title a source states outside its blocks, once (ruixin-numbered-questions: front matter title and one question)', () => {
    const doc = (text: string, doc = 'fm.md'): SourceFile => ({ doc, path: doc, text });
    expect(detect(doc('---\ntitle: Topay帮助文档\n---\n\n## 常见问题\n\nTopay支持信用卡还款吗？\n')).id).toBe('topay');
  });

  it('regression: an article naming its provider once, in its title only, failed the build; the title decides', () => {
    const doc = (text: string, doc = 't.md'): SourceFile => ({ doc, path: doc, text });
    const sections = '\n\n## 如何还款？\n\n在首页点击还款。\n\n## 如何提现？\n\n在钱包页提现。\n';
    expect(detect(doc(`# Topay帮助${sections}`)).id).toBe('topay');
    expect(detect(txt('t.txt', ['Topay常见问题', '', '如何还款？', '在首页点击还款。', '如何提现？', '在钱包页提现。'])).id).toBe('topay');
    // One mention elsewhere, or a title naming two providers, still decides nothing.
    expect(() => detect(doc(`# 帮助中心\n\n## 如何还款？\n\n在Topay首页点击还款。\n\n## 如何提现？\n\n在钱包页提现。\n`))).toThrow(SourceError);
    expect(() => detect(doc(`# Topay与通联支付帮助${sections}`))).toThrow(SourceError);
  });

  it('rejects an article without a clear winner', () => {
    expect(() => detect(txt('tie.txt', ['通联支付与联合钱包,通联支付与联合钱包。']))).toThrow(/^tie\.txt:1: /);
    try {
      detect(txt('one.txt', ['通联支付']));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SourceError);
      expect((e as SourceError).line).toBe(1);
    }
  });
});

describe('extractEntries on the articles', () => {
  it('000 (headless 通联支付): one entry per topic with generated questions', () => {
    const entries = entriesOf(article('000'));
    expect(summary(entries)).toEqual([
      'allinpay-about | 什么是通联支付? | about | 0',
      'allinpay-contact | 如何联系通联支付客服? | contact | 3',
      'allinpay-account | 如何顺利进行账户的注册与登录? | account | 4',
      'allinpay-transaction | 交易异常怎么办? | transaction | 4',
      'allinpay-refund | 通联支付如何申请退款? | refund | 5',
    ]);
    expect(entries.every((e) => e.questionGenerated)).toBe(true);
    const contact = entries[1];
    // The paragraph about the hotline, its lead-in, the list and the paragraph after it stay together.
    expect(contact.answer).toMatch(/^通联支付客服电话是用户与企业沟通的桥梁/);
    expect(contact.answer).toContain('可以通过以下几种方式获取信息:');
    expect(contact.answer).toMatch(/通过上述方式.*迅速联系上客服。$/);
    expect(contact.steps.map((s) => s.title)).toEqual(['在通联支付的官方网站上', '在通联支付的APP中', '社交媒体或客服平台']);
    expect(entries[2].steps.map((s) => s.title)).toEqual(['注册账户', '短信验证', '完成注册', '登录账户']);
    expect(entries[2].steps[0].text).toMatch(/^用户需要访问通联支付的官方网站/);
    expect(entries[3].answer).toMatch(/^在进行在线支付时,交易异常是一种较为常见的问题/);
    expect(entries[4].answer).toMatch(/提前了解并遵守这些政策尤为重要。$/);
  });

  it('001 (联合钱包): intro, both contact sections and the five numbered questions', () => {
    const entries = entriesOf(article('001'));
    expect(summary(entries)).toEqual([
      'unionwallet-about | 什么是联合钱包? | about | 0',
      'unionwallet-contact | 联合钱包客服电话概述 | contact | 0',
      'unionwallet-contact-kefudianhualianxifangfa | 客服电话的联系方法 | contact | 5',
      'unionwallet-password | 如何找回我的联合钱包密码? | password | 4',
      'unionwallet-security | 联合钱包如何保证交易的安全性? | security | 0',
      'unionwallet-payment-failure | 如何处理支付失败的问题? | payment-failure | 0',
      'unionwallet-international | 联合钱包是否支持国际支付? | international | 0',
      'unionwallet-complaint | 联合钱包如何处理用户投诉? | complaint | 0',
    ]);
    expect(entries[0].questionGenerated).toBe(true);
    expect(entries.slice(1).every((e) => !e.questionGenerated)).toBe(true);
    const method = entries[2];
    expect(method.steps.map((s) => s.title)).toEqual(['拨打官方客服电话', '准备好个人信息', '耐心等待接听', '', '记录反馈']);
    // The one item without a colon keeps its full text and gets no title.
    expect(method.steps[3].text).toBe('清晰表达接通后,用户应简明扼要地说明问题,最好按照问题的发生过程逐步讲解,这样客服能更快速准确地理解情况。');
    expect(method.steps[0].text).toMatch(/^首先,用户需要获得联合钱包的官方客服电话/);
    // Unlabelled numbered steps: no title, text without numbering.
    const password = entries[3];
    expect(password.steps.every((s) => s.title === '')).toBe(true);
    expect(password.steps[0].text).toBe('打开联合钱包应用,点击“登录”界面中的“忘记密码?”选项。');
    expect(password.answer).toContain('\n1. 打开联合钱包应用');
    expect(password.answer).toMatch(/完成密码重置。$/);
  });

  it('002 (汇付): service list with bold labels, how-to-call steps and the four bare questions', () => {
    const entries = entriesOf(article('002'));
    expect(summary(entries)).toEqual([
      'huifu-about | 什么是汇付天下? | about | 0',
      'huifu-contact | 上海汇付客服热线的基本信息 | contact | 0',
      'huifu-service | 客服的服务内容 | service | 4',
      'huifu-contact-bodakefurexian | 如何拨打客服热线 | contact | 4',
      'huifu-misoperation | 我在使用汇付时误操作了,如何处理? | misoperation | 0',
      'huifu-records | 如何查询我的交易记录? | records | 0',
      'huifu-locked | 我的账户被锁,怎么办? | locked | 0',
      'huifu-complaint | 如何投诉汇付的客服服务? | complaint | 0',
    ]);
    const service = entries[2];
    expect(service.steps.map((s) => s.title)).toEqual(['账户相关问题', '支付服务问题', '交易记录与账务问题', '其他服务']);
    expect(service.steps[0].text).toMatch(/^帮助用户处理账户的注册/);
    expect(service.answer).not.toContain('**');
    expect(service.answer).toContain('1. 账户相关问题——帮助用户');
    expect(entries[3].steps.map((s) => s.title)).toEqual(['获取电话号码', '拨打电话', '语音引导', '专业咨询']);
  });

  it('003 (headless 数字钱包): about, contact and one entry per problem list', () => {
    const entries = entriesOf(article('003'));
    expect(summary(entries)).toEqual([
      'digital-wallet-about | 什么是数字钱包? | about | 0',
      'digital-wallet-contact | 如何联系数字钱包客服? | contact | 0',
      'digital-wallet-locked | 账户被锁定怎么办? | locked | 4',
      'digital-wallet-transaction | 交易失败或资金未到账怎么办? | transaction | 4',
      'digital-wallet-login | 无法登录数字钱包账户怎么办? | login | 4',
      'digital-wallet-refund | 数字钱包如何申请退款? | refund | 4',
    ]);
    const [about, contact, locked] = entries;
    expect(about.answer).toContain('是一种可以存储用户支付信息');
    expect(about.answer).toContain('数字钱包的起源可以追溯到20世纪90年代');
    for (const part of ['联系我们', '9:00-18:00', '准备好个人信息', '保持耐心', '上级客服']) expect(contact.answer).toContain(part);
    // The lead paragraph and the short lead-in "解决方法通常如下:" both open the list's entry.
    expect(locked.answer.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^账户被锁定是数字钱包用户中比较普遍的问题/),
      '解决方法通常如下:',
    ]);
    expect(locked.steps.map((s) => s.title)).toEqual(['联系客服', '找回密码', '安全验证', '耐心等待']);
    expect(locked.steps[0].text).toBe('拨打数字钱包的客服电话,提供相关身份信息,说明情况,请求客服解锁账户。');
  });

  it('004 (Topay): the six questions under 常见问题解析 with bullet steps', () => {
    const entries = entriesOf(article('004'));
    expect(summary(entries)).toEqual([
      'topay-about | 什么是Topay? | about | 0',
      'topay-contact | 为什么选择Topay官方客服? | contact | 3',
      'topay-contact-lianxikefu | 如何联系客服? | contact | 3',
      'topay-payment-failure | 支付失败怎么办? | payment-failure | 3',
      'topay-refund | 如何申请退款? | refund | 4',
      'topay-password | 密码忘记了怎么办? | password | 4',
      'topay-locked | 账户被锁定怎么办? | locked | 3',
      'topay-security | 如何保证账户安全? | security | 3',
    ]);
    const contact = byQuestion(entries, '如何联系客服?');
    expect(contact.steps.map((s) => [s.title, s.text])).toEqual([
      ['在线聊天', '大多数用户选择通过官方网站上的在线客服功能进行咨询。'],
      ['电话支持', '用户可以拨打官方提供的客服电话进行咨询,通常响应很快。'],
      ['邮件支持', '对于一些较复杂的问题,用户可以选择发送邮件,客服人员会在规定时间内回复。'],
    ]);
    // Bullets are kept as written, indentation is not.
    expect(contact.answer).toContain('\n• 在线聊天:');
    expect(contact.source.start).toBe(article('004').text.indexOf('如何联系客服?'));
  });

  it('no entry for container headings whose body is only an intro line', () => {
    const questions = shippedArticles().flatMap((a) => entriesOf(a).map((e) => e.question));
    for (const container of ['常见用户问题及解答', '常见问题解答', '常见问题解析', '引言', '结语', '总结']) {
      expect(questions).not.toContain(container);
    }
  });

  it('every entry and step span slices back to its text', () => {
    for (const input of shippedArticles()) expectSpansSliceBack(input, entriesOf(input));
  });

  it('noise never reaches an answer: tagline, truncated fragments, outros', () => {
    const answers = shippedArticles().flatMap((a) => entriesOf(a).map((e) => e.answer)).join('\n');
    for (const noise of [
      'Topay官方客服:解决您的支付疑问和问题',
      '以下是几个涉及到客服热线的常见',
      '在使用数字钱包时,用户可能会遇到以下常见',
      '综上所述',
      '希望本文',
      '通过本文的详细介绍',
      'Topay官方客服凭借专业',
    ]) {
      expect(answers).not.toContain(noise);
    }
  });

  it('outro at the end of the last question is dropped, not merged into its answer (002)', () => {
    const complaint = byQuestion(entriesOf(article('002')), '如何投诉汇付的客服服务?');
    expect(complaint.answer).toMatch(/客户忠诚度的策略。$/);
    expect(complaint.source.end).toBe(article('002').text.indexOf('客户忠诚度的策略。') + '客户忠诚度的策略。'.length);
  });

  it('ids are unique and output is deterministic', () => {
    for (const input of shippedArticles()) {
      const first = entriesOf(input);
      expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
      expect(entriesOf(input)).toEqual(first);
    }
  });

  it('answers carry no heading, markup or indentation', () => {
    for (const input of shippedArticles()) {
      for (const entry of entriesOf(input)) {
        expect(entry.answer).not.toMatch(/\*\*|^\s|\n\s/);
        if (!entry.questionGenerated) expect(entry.answer.split('\n')).not.toContain(entry.question);
        for (const step of entry.steps) expect(step.text).not.toMatch(/^(\d+[.、]|•|\*\*)/);
      }
    }
  });

  it('CRLF line endings give the same entries with spans into the CRLF text', () => {
    for (const prefix of ['001', '003', '004']) {
      const lf = article(prefix);
      const crlf = { ...lf, text: lf.text.replace(/\n/g, '\r\n') };
      const a = entriesOf(lf);
      const b = entriesOf(crlf);
      expect(b.map(({ source, steps, ...rest }) => rest)).toEqual(a.map(({ source, steps, ...rest }) => rest));
      expect(b.map((e) => e.steps.map((s) => [s.title, s.text]))).toEqual(a.map((e) => e.steps.map((s) => [s.title, s.text])));
      expect(b.some((e) => e.answer.includes('\r'))).toBe(false);
      expectSpansSliceBack(crlf, b);
    }
  });
});

describe('extractEntries on new articles in the same styles', () => {
  const acme: ProviderInfo = { id: 'acme', name: '安心付', aliases: ['安心付'] };
  const withAcme = [...providers, acme];
  const acmeEntries = (input: SourceFile) => entriesOf(input, withAcme);
  const statedAcme = (input: SourceFile) => extract(input, withAcme, 'acme');

  it('splits a headless article by its lists and topic sentences', () => {
    const input = txt('acme.txt', [
      '安心付是一种面向个人用户的移动支付工具,本文介绍常见问题的处理办法。',
      '安心付客服热线是用户求助的主要渠道,工作时间为每天8:00-22:00。',
      '客服电话:95000',
      '支付失败是安心付用户经常遇到的问题,可能由于余额不足或网络波动导致。',
      '处理办法如下:',
      '1. **检查余额**:确认账户余额是否充足。',
      '2. **更换网络**:切换到稳定的网络后重试。',
      '3. 如果仍然失败,请拨打客服电话。',
      '在申请退款之前,用户需要了解商家的退款政策,以下是具体流程:',
      '  • 提交申请:在订单页面点击申请退款。',
      '  • 等待审核:一般在3个工作日内完成审核。',
      '总之,遇到问题及时联系客服即可。',
    ]);
    const entries = acmeEntries(input);
    expect(summary(entries)).toEqual([
      'acme-about | 什么是安心付? | about | 0',
      'acme-contact | 如何联系安心付客服? | contact | 0',
      'acme-payment-failure | 支付失败怎么办? | payment-failure | 3',
      'acme-refund | 安心付如何申请退款? | refund | 2',
    ]);
    // A "label:value" line without a full stop is a fact, not a truncated fragment.
    expect(entries[1].answer).toContain('客服电话:95000');
    expect(entries[2].steps.map((s) => s.title)).toEqual(['检查余额', '更换网络', '']);
    expect(entries.map((e) => e.answer).join('\n')).not.toContain('总之');
    expectSpansSliceBack(input, entries);
  });

  it('container regression: a section answered in one paragraph is kept even when question headings follow', () => {
    const input = txt('container.txt', [
      '三、客服热线的使用',
      '客服热线24小时接听,拨打后按语音提示操作即可。',
      '1. 如何联系在线客服?',
      '在应用内打开在线客服,即可与客服在线聊天。',
      '四、常见问题解答',
      '以下是几个常见问题的解答。',
      '2. 如何投诉?',
      '拨打客服热线说明情况,客服会记录并跟进投诉。',
    ]);
    expect(statedAcme(input).map((e) => e.question)).toEqual(['客服热线的使用', '如何联系在线客服?', '如何投诉?']);
  });

  it('keeps numbered checklist items ending in "?" as steps, not questions', () => {
    const input = txt('check.txt', ['如何确认支付失败的原因?', '可以逐项检查以下内容:', '1. 余额是否充足?', '2. 网络是否稳定?', '3. 银行卡是否被冻结?']);
    const [entry, ...rest] = statedAcme(input);
    expect(rest).toEqual([]);
    expect(entry.question).toBe('如何确认支付失败的原因?');
    expect(entry.steps.map((s) => s.text)).toEqual(['余额是否充足?', '网络是否稳定?', '银行卡是否被冻结?']);
  });

  it('a repeated category gets ids from each entry\'s own question, so removing one renames no other', () => {
    const lines = [
      '一、联系方式',
      '拨打客服电话即可联系人工客服。',
      '二、客服热线的使用',
      '客服热线24小时接听,拨打后按提示操作。',
      '1. 如何联系在线客服?',
      '在应用内打开在线客服,即可与客服在线聊天。',
    ];
    const entries = statedAcme(txt('ids.txt', lines));
    expect(entries.map((e) => e.question)).toEqual(['联系方式', '客服热线的使用', '如何联系在线客服?']);
    expect(entries.map((e) => e.id)).toEqual(['acme-contact', 'acme-contact-kefurexianshiyong', 'acme-contact-lianxizaixiankefu']);
    const without = statedAcme(txt('ids.txt', [...lines.slice(0, 2), ...lines.slice(4)]));
    expect(without.map((e) => e.id)).toEqual(['acme-contact', 'acme-contact-lianxizaixiankefu']);
  });
});

describe('regressions: shapes the first build read wrong', () => {
  const acme: ProviderInfo = { id: 'acme', name: '安心付', aliases: ['安心付', 'AnxinPay'] };
  const withAcme = [...providers, acme];
  const acmeEntries = (lines: string[]) => {
    const input = txt('acme.txt', lines);
    const entries = extract(input, withAcme, 'acme');
    expectSpansSliceBack(input, entries);
    return entries;
  };

  it('a "### 4. …？" heading after a numbered list is a question, not a fourth item', () => {
    const entries = acmeEntries([
      '# 安心付帮助',
      '### 3. 如何修改密码？',
      '1. 打开安心付。',
      '2. 进入设置。',
      '3. 点击修改密码。',
      '### 4. 如何注销账户？',
      '注销前请确认余额为零。',
      '### 5. 如何联系客服？',
      '拨打安心付客服电话。',
    ]);
    expect(summary(entries)).toEqual([
      'acme-password | 如何修改密码？ | password | 3',
      'acme-account | 如何注销账户？ | account | 0',
      'acme-contact | 如何联系客服？ | contact | 0',
    ]);
    expect(entries[1].answer).toBe('注销前请确认余额为零。');
  });

  it('第一步…, ①②③, 步骤一 and ・ items are steps', () => {
    for (const markers of [['第一步：', '第二步：', '第三步：'], ['①', '②', '③'], ['步骤一、', '步骤二、', '步骤三、'], ['・', '・', '・'], ['Step 1 ', 'Step 2 ', 'Step 3 '], ['(1)', '(2)', '(3)']]) {
      const entries = acmeEntries(['安心付如何申请退款？', `${markers[0]}登录安心付。`, `${markers[1]}找到订单。`, `${markers[2]}点击申请退款。`]);
      expect(entries.map((e) => e.steps.length), markers[0]).toEqual([3]);
      expect(entries[0].steps.map((s) => s.text)).toEqual(['登录安心付。', '找到订单。', '点击申请退款。']);
    }
  });

  it('问：/答：, Q1/A1 and 【问】/【答】 labels leave questions and answers', () => {
    for (const [q, a] of [['问：', '答：'], ['Q1 ', 'A1 '], ['Q：', 'A：'], ['【问】', '【答】'], ['問：', '答：']]) {
      const entries = acmeEntries([`${q}安心付怎么申请退款？`, `${a}在订单页点击申请退款即可。`, `${q.replace('1', '2')}安心付支持境外支付吗？`, `${a.replace('1', '2')}支持，按当日汇率结算。`]);
      expect(entries.map((e) => e.question), q).toEqual(['安心付怎么申请退款？', '安心付支持境外支付吗？']);
      expect(entries.map((e) => e.answer)).toEqual(['在订单页点击申请退款即可。', '支持，按当日汇率结算。']);
    }
  });

  it('【section】 and ▍section titles lose their brackets and glyphs', () => {
    const entries = acmeEntries(['【退款说明】', '安心付退款会在3个工作日内原路退回。', '▍账户安全', '安心付不会索要您的验证码。']);
    expect(entries.map((e) => e.question)).toEqual(['退款说明', '账户安全']);
  });

  it('an intro that only announces the article is no entry; one that says what the provider is, is', () => {
    expect(acmeEntries(['本文整理了安心付用户最常问的问题。', '如何申请退款？', '在安心付订单页点击申请退款即可。']).map((e) => e.question)).toEqual(['如何申请退款？']);
    const about = acmeEntries(['安心付成立于2015年，是一家支付机构。', '如何申请退款？', '在安心付订单页点击申请退款即可。']);
    expect(summary(about)[0]).toBe('acme-about | 什么是安心付? | about | 0');
  });

  it('an outro is not glued to the last answer', () => {
    const entries = acmeEntries(['如何申请退款？', '在安心付订单页点击申请退款即可。', '以上就是安心付的常见问题，希望对您有所帮助。']);
    expect(entries.map((e) => e.answer)).toEqual(['在安心付订单页点击申请退款即可。']);
  });

  it('contact details closing the article become an entry of their own, not part of the last answer', () => {
    const entries = acmeEntries(['如何申请退款？', '在安心付订单页点击申请退款即可。', '客服热线：400-620-8899', '客服邮箱：help@anxin.example.com']);
    expect(summary(entries)).toEqual(['acme-refund | 如何申请退款？ | refund | 0', 'acme-contact | 如何联系安心付客服? | contact | 0']);
    expect(entries[0].answer).toBe('在安心付订单页点击申请退款即可。');
  });

  it('traditional text is categorized after folding to simplified', () => {
    const entries = acmeEntries(['忘記密碼怎麼辦？', '點選「忘記密碼」重設。', '帳戶被凍結怎麼辦？', '請聯絡安心付客服解凍。']);
    expect(entries.map((e) => e.category)).toEqual(['password', 'locked']);
  });

  it('a merchant set-up procedure that mentions passwords is filed under merchant, not password', () => {
    const entries = acmeEntries(['商户开户', '1. 填写企业名称。', '2. 上传营业执照。', '3. 设置登录密码和支付密码。', '4. 等待审核。', '安心付会在3个工作日内完成审核。']);
    expect(entries.map((e) => e.category)).toEqual(['merchant']);
  });

  it('a procedure no category fits is "other", not the category of a word it mentions', () => {
    const entries = acmeEntries(['如何设置头像？', '1. 打开安心付。', '2. 点击我的。', '3. 上传照片。', '4. 输入支付密码确认。']);
    expect(entries.map((e) => e.category)).toEqual(['other']);
  });

  it('items of a list a note opens are caveats, not steps', () => {
    const entries = acmeEntries(['如何提现？', '在安心付钱包页点击提现。', '温馨提示：', '• 提现不收手续费。', '• 请勿泄露验证码。']);
    expect(entries[0].steps).toEqual([]);
    expect(entries[0].answer).toContain('温馨提示：\n• 提现不收手续费。');
  });

  it('CR-only line endings read like LF', () => {
    const lf = ['如何申请退款？', '1. 登录安心付。', '2. 点击申请退款。', '安心付会在3天内处理。'];
    const a = extract(txt('lf.txt', lf), withAcme, 'acme');
    const b = extract({ doc: 'cr.txt', path: 'cr.txt', text: lf.join('\r') }, withAcme, 'acme');
    expect(b.map((e) => [e.question, e.answer, e.steps.length])).toEqual(a.map((e) => [e.question, e.answer, e.steps.length]));
  });
});

describe('regressions: shapes the fixtures in other formats found', () => {
  const acme: ProviderInfo = { id: 'acme', name: '安心付', aliases: ['安心付', 'AnxinPay'] };
  const withAcme = [...providers, acme];

  it('an <h1> under a <title> that also names the site is the page\'s title, so the intro below it is the about entry (dingxin-help-center)', () => {
    const page = `<html><head><title>常见问题 - 安心付帮助中心</title></head><body>
<h1>安心付常见问题</h1><p>安心付是一家持牌支付机构，为个人和商户提供收款服务。</p>
<h2>账户</h2><p>如何注册？</p><p>下载安心付 App 并用手机号注册。</p>
<h2>退款</h2><p>如何申请退款？</p><p>在订单页点击申请退款。</p></body></html>`;
    const entries = extract({ doc: 'page.html', path: 'page.html', text: page }, withAcme);
    expect(entries[0]).toMatchObject({ category: 'about', questionGenerated: true });
    expect(entries.map((e) => e.question)).not.toContain('安心付常见问题');
    // A first heading that a later one outranks is a section, whatever the page's title.
    const flat = page.replace('<h1>安心付常见问题</h1>', '<h2>安心付常见问题</h2>').replace('<h2>账户</h2>', '<h1>账户</h1>');
    expect(extract({ doc: 'flat.html', path: 'flat.html', text: flat }, withAcme).map((e) => e.question)).toContain('安心付常见问题');
  });

  it('an intro that names the provider only as the object of a clause does not describe it (yunfutong-fees)', () => {
    const intro = (first: string) => extract(txt('intro.txt', [first, '如何申请退款？', '在安心付订单页点击申请退款，3个工作日内原路退回。']), withAcme, 'acme');
    expect(intro('以下费率自 2024 年 7 月 1 日起执行，适用于安心付个人账户。').map((e) => e.category)).toEqual(['refund']);
    expect(intro('作为一家持牌支付机构，安心付为个人和商户提供收款服务。').map((e) => e.category)).toEqual(['about', 'refund']);
  });

  it('a closing paragraph that carries on the last answer (也可以拨打…) stays in it rather than becoming a contact entry (yunfutong-fees)', () => {
    const lines = (last: string) => ['如何申诉手续费？', '1. 打开安心付账单。', '2. 点击对此有疑问。', last];
    const entries = extract(txt('appeal.txt', lines('也可以发送邮件至 fee@anxin.example.com 或拨打 400-820-6617。')), withAcme, 'acme');
    expect(entries.map((e) => e.question)).toEqual(['如何申诉手续费？']);
    expect(entries[0].answer).toContain('也可以发送邮件');
    const footer = extract(txt('appeal.txt', lines('客服邮箱：fee@anxin.example.com，客服热线 400-820-6617。')), withAcme, 'acme');
    expect(footer.map((e) => [e.questionGenerated, e.category])).toEqual([[false, 'fees'], [true, 'contact']]);
  });
});

describe('regressions: shapes the second round of fixtures found', () => {
  const acme: ProviderInfo = { id: 'acme', name: '安心付', aliases: ['安心付', 'AnxinPay'] };
  const withAcme = [...providers, acme];
  const acmeEntries = (doc: string, text: string) => {
    const input = { doc, path: doc, text };
    const entries = extract(input, withAcme, 'acme');
    if (doc.endsWith('.txt')) expectSpansSliceBack(input, entries);
    return entries;
  };

  it('an answer without a closing full stop is not dropped as a cut-off fragment (fuyuan-lowercase-qa, CSV exports)', () => {
    const text = acmeEntries('faq.txt', ['q: 安心付怎么充值', 'a: 进入首页，点击充值', 'q: 如何联系客服', 'a: 客服热线 400-818-6688 转 2（每天9:00-21:00）', '客服邮箱 help@anxin.example.com'].join('\n'));
    expect(text.map((e) => [e.question, e.answer])).toEqual([
      ['安心付怎么充值', '进入首页，点击充值'],
      ['如何联系客服', '客服热线 400-818-6688 转 2（每天9:00-21:00）\n客服邮箱 help@anxin.example.com'],
    ]);
    const csv = acmeEntries('faq.csv', '问题,答案\n安心付怎么改密码？,"进入设置，点击修改密码\n如忘记原密码，请点击找回密码"\n');
    expect(csv[0].answer).toBe('进入设置，点击修改密码\n如忘记原密码，请点击找回密码');
    // Prose cut off after the answer it follows still is a fragment.
    const cut = acmeEntries('cut.txt', ['如何申请退款？', '在订单页点击申请退款即可。', '在使用安心付的过程中，用户可能会遇到以下常见'].join('\n'));
    expect(cut[0].answer).toBe('在订单页点击申请退款即可。');
  });

  it('a line that only dates or versions the page is no about entry, heading or answer line (shunda-qa-table, fuyuan-lowercase-qa)', () => {
    const page = acmeEntries('p.html', '<h1>常见问题</h1><p>更新时间：2024-06-18　适用版本：安心付 App 5.2 及以上</p><h3>如何充值？</h3><p>在安心付首页点击充值。</p><h3>联系我们</h3><p>服务时间：周一至周日 9:00-21:00</p><p>發佈日期：2024/05/02</p>');
    expect(page.map((e) => [e.question, e.answer])).toEqual([
      ['如何充值？', '在安心付首页点击充值。'],
      ['联系我们', '服务时间：周一至周日 9:00-21:00'],
    ]);
    const text = modelOf(txt('d.txt', ['安心付 FAQ', '（2024年3月更新）', 'q: 怎么充值', 'a: 在首页点击充值。', 'q: 怎么提现', 'a: 在钱包页点击提现。', '更新：新版已支持指纹支付']));
    expect(text.blocks.map((b) => b.role)).toEqual(['title', 'dateline', undefined, undefined, undefined, undefined, undefined]);
  });

  it('a first heading that groups sections before a sibling is the first section, not the title (yunzhou-cms-groups)', () => {
    const json = modelOf({ doc: 'g.json', path: 'g.json', text: '{"groups":[{"name":"充值与提现","faqs":[{"q":"怎么充值？","a":"打开首页。"}]},{"name":"账户安全","faqs":[{"q":"怎么解冻？","a":"提交申请。"}]}]}' });
    expect(json.title).toBeUndefined();
    expect(json.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.role])).toEqual([['充值与提现', undefined], ['账户安全', undefined]]);
    const md = modelOf({ doc: 'g.md', path: 'g.md', text: '## 账户\n\n### 怎么注册？\n\n下载 App。\n\n## 交易\n\n### 怎么退款？\n\n在订单页申请。\n' });
    expect(md.blocks[0].role).toBeUndefined();
    // A first heading that outranks the sections after it is the title, at whatever level; so is one over an intro
    // that sections of its own rank follow (an editor's bold title line above bold questions).
    expect(modelOf({ doc: 'h.md', path: 'h.md', text: `## 安心付帮助\n\n${md.text.replace(/## /g, '### ')}` }).title).toBe('安心付帮助');
    const page = '<p><b>安心付常见问题</b></p><p>安心付是一家支付机构。</p><p><b>1、怎么充值？</b></p><p>打开首页。</p><p><b>2、怎么提现？</b></p><p>打开钱包。</p>';
    expect(modelOf({ doc: 'e.html', path: 'e.html', text: page }).title).toBe('安心付常见问题');
    const decorated = modelOf(txt('d.txt', ['▍安心付客服中心', '安心付是一家支付机构。', '问：怎么充值？', '答：打开首页。', '问：怎么提现？', '答：打开钱包。', '▍联系我们', '客服电话：95017']));
    expect(decorated.title).toBe('安心付客服中心');
  });

  it('regression: questions sharing one short answer (请联系在线客服处理。) were dropped as boilerplate; each keeps it', () => {
    const same = '请联系在线客服处理。';
    const csv = acmeEntries('s.csv', `问题,答案\n安心付发票怎么开？,${same}\n怎么修改登录密码？,进入设置，点击修改密码。\n积分可以转让吗？,${same}\n合同怎么下载？,${same}\n`);
    expect(csv.map((e) => [e.question, e.answer])).toEqual([
      ['安心付发票怎么开？', same],
      ['怎么修改登录密码？', '进入设置，点击修改密码。'],
      ['积分可以转让吗？', same],
      ['合同怎么下载？', same],
    ]);
    const text = acmeEntries('s.txt', ['安心付发票怎么开？', same, '怎么修改登录密码？', '进入设置，点击修改密码。', '安心付，让支付更简单。', '积分可以转让吗？', same, '安心付，让支付更简单。'].join('\n'));
    // A slogan after an answer is still boilerplate; an answer that is a question's whole text is not.
    expect(text.map((e) => [e.question, e.answer])).toEqual([
      ['安心付发票怎么开？', same],
      ['怎么修改登录密码？', '进入设置，点击修改密码。'],
      ['积分可以转让吗？', same],
    ]);
  });

  it('a stated category broader than ours (充值与提现, 充值提现) files each entry under the one of them its text reads as', () => {
    for (const category of ['充值与提现', '充值提现', '充值/提现']) {
      const entries = acmeEntries('b.csv', `问题,答案,分类\n安心付怎么充值？,在首页点击充值。,${category}\n提现多久到账？,T+1 到账。,${category}\n怎么查进度？,在首页查看。,${category}\n`);
      expect(entries.map((e) => e.category), category).toEqual(['topup', 'withdrawal', 'topup']);
    }
  });

  it('regression: a CMS category that names none of ours (售后, FAQ, 常见问题) failed the whole build; the text now files the entry', () => {
    const rows = ['问题,答案,分类', '安心付怎么充值？,在首页点击充值。,售后', '忘记登录密码怎么办？,在登录页点击忘记密码。,FAQ', '退款多久到账？,1到3个工作日原路退回。,常见问题'];
    const entries = acmeEntries('u.csv', rows.join('\n') + '\n');
    expect(entries.map((e) => e.category)).toEqual(['topup', 'password', 'refund']);
  });

  it('contact details closing the article are split off the last answer when they end with a 微信公众号 line too (kaitong-numbered-labels)', () => {
    const entries = acmeEntries('w.txt', ['如何申请退款？', '在安心付订单页点击申请退款即可。', '', '客服热线：400-620-8899（工作日9:00-18:00）', '微信公众号：安心付服务号'].join('\n'));
    expect(entries.map((e) => [e.question, e.answer])).toEqual([
      ['如何申请退款？', '在安心付订单页点击申请退款即可。'],
      ['如何联系安心付客服?', '客服热线：400-620-8899（工作日9:00-18:00）\n微信公众号：安心付服务号'],
    ]);
  });

  it('a stated category 账户 is the account category, not security, whose label 账户与交易安全 merely starts with it (minfu-qa-table)', () => {
    const csv = (category: string) => acmeEntries('c.csv', `问题,答案,分类\n安心付如何实名认证？,上传身份证并完成人脸识别。,${category}\n`)[0].category;
    expect(csv('账户')).toBe('account');
    expect(csv('帳戶')).toBe('account');
    expect(csv('交易安全')).toBe('security');
    expect(csv('防骗')).toBe('fraud');
  });
});

describe('what a structured source states (the hints of CSV, JSON and front-matter adapters)', () => {
  const context = () => extractContext(providers);
  /** A model whose question blocks carry the hints a structured adapter would set. */
  const stated = (rows: { question: string; answer: string; category?: string; provider?: string }[]) => {
    const model = modelOf(txt('rows.txt', rows.flatMap((r) => [r.question, r.answer])));
    model.blocks.filter((b) => b.kind === 'question').forEach((b, i) => (b.hints = { category: rows[i].category, provider: rows[i].provider }));
    return model;
  };

  it('takes a row\'s provider (by id, name or alias, any script) and category (by id or label)', () => {
    const model = stated([
      { question: '怎么退款？', answer: '在订单页申请退款。', category: '退款', provider: '匯付天下' },
      { question: '客服几点上班？', answer: '每天9点到18点。', category: 'contact', provider: 'topay' },
      { question: '支付失败怎么办？', answer: '检查网络后重试。', provider: 'Allinpay' },
    ]);
    const { entries } = extractEntries(model, context());
    expect(entries.map((e) => [e.provider, e.category])).toEqual([
      ['huifu', 'refund'],
      ['topay', 'contact'],
      ['allinpay', 'payment-failure'],
    ]);
  });

  it('takes a category a CMS names in its own words: part of a label or a name its keywords give (hengda-merchant, taihe-huitong-export)', () => {
    const model = stated([
      { question: '收款码怎么申请？', answer: '在后台申请。', category: '商户', provider: 'topay' },
      { question: '接到冒充客服的电话怎么办？', answer: '立即挂断。', category: '防骗', provider: 'topay' },
      { question: '转账转错了能追回吗？', answer: '联系收款方。', category: '转错账', provider: 'topay' },
    ]);
    expect(extractEntries(model, context()).entries.map((e) => e.category)).toEqual(['merchant', 'fraud', 'misoperation']);
  });

  it('fails at the row\'s line on a provider the registry does not know', () => {
    expect(() => extractEntries(stated([{ question: '怎么退款？', answer: '申请退款。' }, { question: '怎么投诉？', answer: '拨打热线。', provider: '某某支付' }]), context())).toThrow(/^rows\.txt:3: unknown provider "某某支付"/);
  });
});

describe('extractEntries errors', () => {
  function errorOf(text: string, doc = 'bad.txt'): BuildError {
    try {
      extract({ doc, path: doc, text }, providers, 'allinpay');
    } catch (e) {
      expect(e).toBeInstanceOf(BuildError);
      return e as BuildError;
    }
    throw new Error('expected a BuildError');
  }

  it('rejects an empty article at line 1', () => {
    for (const text of ['', '\n\n  \r\n']) {
      const error = errorOf(text, 'empty.txt');
      expect(error.line).toBe(1);
      expect(error.message).toMatch(/^empty\.txt:1: /);
    }
  });

  it('rejects an article with no recognizable entries, at its first line', () => {
    expect(errorOf('你好').message).toMatch(/^bad\.txt:1: /);
    expect(errorOf('short line.').line).toBe(1);
    expect(errorOf('如何联系客服?').line).toBe(1);
    expect(errorOf('\n\n你好\n').line).toBe(3);
  });

  it('rejects a provider or category a source states that the registry does not know, at its line', () => {
    expect(() => extract(txt('x.txt', ['如何退款？', '点击退款。']), providers, 'nopay')).toThrow(/^x\.txt:1: unknown provider "nopay"/);
  });
});
