/** @module Unit tests for the .json adapter (src/indexer/formats/json.ts): CMS exports of question–answer records. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { covered, expectInvariants, kindsAndTexts, parse } from './format-helpers';

const json = (text: string) => {
  const model = parse('export.json', text);
  expectInvariants(model);
  return model;
};

afterEach(() => vi.restoreAllMocks());

describe('json adapter: where the records are', () => {
  it('reads a top-level array of records under common field names', () => {
    const model = json('[{"q": "如何充值？", "a": "打开 App。"}, {"问题": "如何提现？", "答案": "进入钱包。", "分类": "提现", "平台": "泰和钱包"}]');
    expect(model.blocks.map((b) => [b.kind, b.text, b.hints])).toEqual([
      ['question', '如何充值？', undefined],
      ['paragraph', '打开 App。', undefined],
      ['question', '如何提现？', { category: '提现', provider: '泰和钱包' }],
      ['paragraph', '进入钱包。', undefined],
    ]);
  });

  it('finds the list inside a response wrapper; the root\'s provider and title are the article\'s', () => {
    const model = json('{"code": 0, "title": "帮助中心", "provider": "惠民付", "data": {"total": 1, "list": [{"title": "如何开票？", "content": "在账单页申请。"}]}}');
    expect(model.title).toBe('帮助中心');
    expect(model.hints).toEqual({ provider: '惠民付' });
    expect(kindsAndTexts(model)).toEqual([
      ['question', '如何开票？'],
      ['paragraph', '在账单页申请。'],
    ]);
    expect(model.blocks[0].hints).toBeUndefined();
  });

  it('reads groups: their name heads their records and their category applies to them', () => {
    const model = json(`{"faqs": [
  {"name": "账户安全", "category": "security", "items": [{"question": "被盗刷怎么办？", "answer": "立即冻结。", "category": "fraud"}, {"question": "如何改密码？", "answer": "在设置中修改。"}]},
  {"name": "充值", "items": [{"question": "能用信用卡吗？", "answer": "不能。"}]}
]}`);
    expect(model.blocks.map((b) => [b.kind, b.text, b.level, b.hints])).toEqual([
      ['heading', '账户安全', 2, undefined],
      ['question', '被盗刷怎么办？', undefined, { category: 'fraud' }],
      ['paragraph', '立即冻结。', undefined, undefined],
      ['question', '如何改密码？', undefined, { category: 'security' }],
      ['paragraph', '在设置中修改。', undefined, undefined],
      ['heading', '充值', 2, undefined],
      ['question', '能用信用卡吗？', undefined, undefined],
      ['paragraph', '不能。', undefined, undefined],
    ]);
  });
  it('reads a schema.org FAQPage (JSON-LD): a Question\'s name and the text of its acceptedAnswer, with no heading or warning for its terms', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = json(`{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": [
  {"@type": "Question", "name": "如何充值？", "acceptedAnswer": {"@type": "Answer", "text": "打开 App 充值。"}},
  {"@type": "Question", "name": "多久到账？", "acceptedAnswer": [{"@type": "Answer", "text": "<p>T+1 到账。</p>"}]}
]}`);
    expect(kindsAndTexts(model)).toEqual([
      ['question', '如何充值？'],
      ['paragraph', '打开 App 充值。'],
      ['question', '多久到账？'],
      ['paragraph', 'T+1 到账。'],
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads records under keys that name them, the key heading them', () => {
    const model = json('{"data": {"充值": [{"q": "能用信用卡吗？", "a": "不能。"}], "meta": {"total": 1}, "提现": {"items": [{"q": "多久到账？", "a": "T+1。"}]}}}');
    expect(model.blocks.map((b) => [b.kind, b.text, b.level])).toEqual([
      ['heading', '充值', 2],
      ['question', '能用信用卡吗？', undefined],
      ['paragraph', '不能。', undefined],
      ['heading', '提现', 2],
      ['question', '多久到账？', undefined],
      ['paragraph', 'T+1。', undefined],
    ]);
  });
});

describe('json adapter: answers', () => {
  it('reads a list of strings as steps, numbered by their place unless they number themselves', () => {
    const plain = json('[{"question": "如何绑卡？", "answer": ["打开 App", "点击添加\\n输入卡号", "温馨提示：仅限储蓄卡"]}]');
    expect(plain.blocks.map((b) => [b.kind, b.text, b.marker?.ordinal])).toEqual([
      ['question', '如何绑卡？', undefined],
      ['item', '打开 App', 1],
      ['item', '点击添加\n输入卡号', 2],
      ['note', '仅限储蓄卡', undefined],
    ]);
    const numbered = json('[{"question": "如何绑卡？", "answer": ["请按以下步骤：", "1. 打开 App", "2. 点击添加"]}]');
    expect(numbered.blocks.map((b) => [b.kind, b.marker?.ordinal])).toEqual([
      ['question', undefined],
      ['paragraph', undefined],
      ['item', 1],
      ['item', 2],
    ]);
  });

  it('splits a text answer into lines and reads an HTML answer as HTML', () => {
    const model = json('[{"question": "Q1：如何注销？", "answer": "注销前：\\r\\n1. 提现余额\\n2. 解绑银行卡"}, {"question": "如何联系？", "answer": "<p>电话：<a href=\\"tel:95188\\">95188</a></p>"}]');
    expect(model.blocks.map((b) => [b.kind, b.text, b.label?.text, b.links?.[0].href])).toEqual([
      ['question', '如何注销？', 'Q', undefined],
      ['paragraph', '注销前：', undefined, undefined],
      ['item', '提现余额', undefined, undefined],
      ['item', '解绑银行卡', undefined, undefined],
      ['question', '如何联系？', undefined, undefined],
      ['paragraph', '95188', '电话', 'tel:95188'],
    ]);
    const link = model.blocks[5].links![0];
    expect(model.text.slice(link.span.start, link.span.end)).toBe('<a href=\\"tel:95188\\">95188</a>');
  });

  it('maps string text onto the literal: escapes decoded outside the runs, spans inside the quotes', () => {
    const text = '\ufeff[\n  {"question": "\\u5982\\u4f55\\u5145\\u503c\\uff1f", "answer": "点击\\"充值\\"\\t按钮"}\n]';
    const model = json(text);
    const [question, answer] = model.blocks;
    expect(question.text).toBe('如何充值？');
    expect(covered(question)).toBe(0);
    expect(text.slice(question.span.start, question.span.end)).toBe('\\u5982\\u4f55\\u5145\\u503c\\uff1f');
    expect(question.line).toBe(2);
    expect(answer.text).toBe('点击"充值"\t按钮');
    expect(covered(answer)).toBe(answer.text.length - 3);
  });
});

describe('json adapter: errors and warnings', () => {
  it('fails on invalid JSON at the line of the problem', () => {
    expect(() => parse('x.json', '[\n  {"question": "a", "answer": "b"},\n  {"question": "c" "answer": "d"}\n]')).toThrow(/x\.json:3: invalid JSON: comma expected/);
    expect(() => parse('x.json', '[\n  {"question": "a", "answer": "b"},\n]')).toThrow(/x\.json:3: invalid JSON/);
    expect(() => parse('x.json', '// comment\n[]')).toThrow(/x\.json:1: invalid JSON/);
    expect(() => parse('x.json', '[\r{"question": "a", "answer": "b"},\r{"question" "c"}]')).toThrow(/x\.json:3: invalid JSON: colon expected/);
    expect(() => parse('x.json', '  \n')).toThrow(/x\.json:1: no content/);
  });

  it('regression: a question without an answer (no field, empty or null) failed the whole build; it stays in the model for the report', () => {
    const model = parse('x.json', '[\n{"question": "孤立的问题"},\n{"question": "b", "answer": "  "},\n{"question": "c", "answer": null},\n{"question": "d", "answer": "e"}]');
    expect(model.blocks.map((b) => [b.text, b.line])).toEqual([['孤立的问题', 2], ['b', 3], ['c', 4], ['d', 5], ['e', 5]]);
  });

  it('an answer given as a list of one text is that text, not a procedure of one step', () => {
    const model = parse('x.json', '[{"question": "退款多久到账？", "answer": ["1到3个工作日原路退回。"]}]');
    expect(model.blocks.map((b) => b.kind)).toEqual(['question', 'paragraph']);
  });

  it('fails on records it cannot read, at their lines', () => {
    expect(() => parse('x.json', '[\n{"question": "a",\n "question": "b", "answer": "c"}]')).toThrow(/x\.json:3: "question" is given twice/);
    expect(() => parse('x.json', '[\n{"answer": "孤立的答案"}]')).toThrow(/x\.json:2: a record with an answer but no question field/);
    // A name is a record's question only where it holds no records of its own: here it names a group.
    expect(() => parse('x.json', '[\n{"name": "充值", "content": "充值相关", "items": [{"q": "a", "a": "b"}]}]')).toThrow(/x\.json:2: a record with an answer but no question field/);
    expect(() => parse('x.json', '[{"question": "a",\n "answer": {"zh": "b"}}]')).toThrow(/x\.json:2: "answer" must be text, a list of texts, or an object with a text field/);
    expect(() => parse('x.json', '[{"question": "a", "answer": [\n1]}]')).toThrow(/x\.json:2: "answer" must be text, a list of texts/);
    expect(() => parse('x.json', '[{"question": " ", "answer": "b"}]')).toThrow(/x\.json:1: empty "question"/);
    expect(() => parse('x.json', '{"total": 0, "list": []}')).toThrow(/no content: no question\/answer records/);
  });

  it('warns once about record fields of no known role that hold words', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    json('[\n{"id": 1, "question": "a", "answer": "b", "备注": "内部", "updated": "2024-05-01"},\n{"id": 2, "question": "c", "answer": "d", "备注": "x"}]');
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['test/export.json:2: warning: record field "备注" ignored (not a question, answer, category or provider)']);
  });
});
