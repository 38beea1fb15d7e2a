/** @module The build report (src/indexer/report.ts): what it flags per source, its console lines and its HTML page. */
import { describe, expect, it } from 'vitest';
import { readArticles } from '../../src/indexer/artifact';
import { extractContact } from '../../src/indexer/extract-contact';
import type { ProviderInfo } from '../../src/indexer/extract-entries';
import { buildReport, renderReport, summaryLines, type BuildReport } from '../../src/indexer/report';
import type { Contact } from '../../src/model';
import { extractContext, shippedFold, shippedSources } from '../support/indexer';

const acme: ProviderInfo = { id: 'acme', name: '安心付', aliases: ['安心付'] };
const context = extractContext([...shippedSources().providers, acme]);

/**
 * The report of a build of these articles alone (contact guidance from each article, as the build makes it, or
 * none at all with `contacts: false`).
 */
function reportOf(files: Record<string, string[]>, options: { contacts?: boolean } = {}): BuildReport {
  const articles = Object.entries(files).map(([doc, lines]) => {
    const text = lines.join('\n');
    return { doc, path: `data/articles/${doc}`, text, bytes: Buffer.from(text) };
  });
  const parsed = readArticles(articles, context);
  const contacts: Record<string, Contact> = {};
  if (options.contacts !== false) for (const a of parsed) contacts[`${a.provider.id}:${a.article.doc}`] = extractContact(a.provider, a.model, null, shippedFold());
  return buildReport(parsed, contacts, 'testhash', shippedFold());
}

const kindsOf = (r: BuildReport, doc: string) => r.sources.find((s) => s.doc === doc)!.findings.map((f) => `${f.line} ${f.kind}`);

describe('build report', () => {
  it('flags written questions, categories on little evidence, list markers without steps and cut-off text', () => {
    const report = reportOf({
      'a.txt': [
        '安心付支付失败怎么办？',
        '余额不足或网络波动都会导致安心付支付失败，可以检查余额后重试。',
        '如何设置头像？',
        // Numbers that do not count on (a list pasted with every item numbered 1) are not read as steps.
        '流程：1、打开安心付 1、点击我的 1、上传照片。',
        '在使用安心付的过程中，用户可能会遇到一些常见问题，以下是几个涉及到客服热线的常见',
      ],
      'b.txt': ['安心付成立于2015年，是一家支付机构。', '退款是安心付用户常见的问题，用户可以在订单页申请退款，审核通过后原路退回。'],
    });
    expect(kindsOf(report, 'a.txt')).toEqual(['3 markers-without-steps', '3 low-evidence-category', '5 fragment']);
    expect(report.sources[0].omitted.map((o) => [o.line, o.why])).toEqual([[5, 'fragment']]);
    expect(kindsOf(report, 'b.txt')).toEqual(['1 generated-question', '2 generated-question']);
  });

  it('names a stated category that is none of ours and the category the text chose instead', () => {
    const report = reportOf({ 'c.csv': ['问题,答案,分类', '安心付怎么充值？,在安心付首页点击充值。,售后', '安心付忘记登录密码怎么办？,在登录页点击忘记密码。,password'] });
    expect(kindsOf(report, 'c.csv')).toEqual(['2 unknown-stated-category']);
    expect(report.sources[0].findings[0].message).toContain('"售后", which names none of our categories; filed under "topup"');
    expect(report.sources[0].entries.map((e) => e.category)).toEqual(['topup', 'password']);
  });

  it('flags a question left without an answer (the next question follows it at once, or a row leaves it empty)', () => {
    const report = reportOf({ 'q.txt': ['安心付常见问题', '', '怎么修改登录密码？', '进入设置，点击修改密码。', '', '发票怎么开？', '', '账户被冻结了怎么办？', '请联系安心付客服核实身份。'] });
    expect(kindsOf(report, 'q.txt')).toEqual(['6 unanswered-question']);
    const rows = reportOf({ 'q.csv': ['问题,答案', '安心付怎么改密码？,在安心付设置里修改。', '发票怎么开,', '退款多久到账？,1到3个工作日。'] });
    expect(kindsOf(rows, 'q.csv')).toEqual(['3 unanswered-question']);
    expect(rows.sources[0].entries).toHaveLength(2);
    expect(report.sources[0].entries.map((e) => e.question)).toEqual(['怎么修改登录密码？', '账户被冻结了怎么办？']);
  });

  it('flags a paragraph that ends without punctuation after complete sentences, and keeps its text', () => {
    const report = reportOf({ 'f.txt': ['安心付如何开发票？', '发票可在安心付App申请。纸质发票邮寄需3到5个工作'] });
    expect(kindsOf(report, 'f.txt')).toEqual(['2 fragment']);
    expect(report.sources[0].entries).toHaveLength(1);
  });

  const contactPage = [
    '安心付客服',
    '安心付客服电话：400-620-8899，24小时在线。',
    '投诉请发邮件至 complaint@anxin.example.com。',
    '更多说明见 https://anxin.example.com/help 或 https://anxin.example.com/help。',
    '也可关注微信公众号“安心付服务”。',
  ];
  const uncited = (r: BuildReport) => r.sources[0].findings.filter((f) => f.kind === 'uncited-contact-value').map((f) => f.message);

  it('flags contact values that no contact statement carries, once each, by kind', () => {
    expect(uncited(reportOf({ 'b.txt': contactPage }, { contacts: false }))).toEqual([
      'phone number 400-620-8899 is in no contact statement: the contact guidance does not offer it',
      'e-mail address complaint@anxin.example.com is in no contact statement: the contact guidance does not offer it',
      'URL https://anxin.example.com/help is in no contact statement: the contact guidance does not offer it',
      'WeChat account 安心付服务 is in no contact statement: the contact guidance does not offer it',
    ]);
  });

  it('flags none of the values the contact guidance offers', () => {
    expect(uncited(reportOf({ 'b.txt': contactPage }))).toEqual([]);
  });

  it('flags near-duplicate entries of one provider across sources', () => {
    const report = reportOf({
      'c1.txt': ['安心付如何申请退款？', '在安心付订单页点击申请退款，填写原因后提交。'],
      'c2.txt': ['安心付如何申请退款?', '在安心付的订单页点击申请退款并提交。'],
    });
    expect(report.sources[1].findings.map((f) => f.kind)).toContain('near-duplicate');
    expect(report.sources[0].findings.map((f) => f.kind)).not.toContain('near-duplicate');
  });

  it('prints one line per source with provider, entries, steps and warnings', () => {
    const report = reportOf({ 'd.txt': ['安心付如何申请退款？', '1. 登录安心付。', '2. 点击申请退款。'] });
    expect(summaryLines(report)).toEqual(['  data/articles/d.txt  txt  acme: 1 entry, 2 steps, 0 warnings']);
  });

  it('renders every entry and warning as escaped text, with no script and no style', () => {
    const report = reportOf({ 'e.txt': ['安心付<script>alert(1)</script>怎么退款？', '在安心付订单页点击申请退款 & 提交 "原因"。'] });
    const html = renderReport(report);
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son\w+=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&amp; 提交 &quot;原因&quot;');
    expect(html).toContain(report.sources[0].entries[0].id);
    expect(html).toContain('href="sources/e.txt.txt"');
  });
});
