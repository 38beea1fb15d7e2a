/**
 * @module What CSV, TSV and JSON exports share: the names their columns and keys go by, and the blocks of one
 * question–answer record (a question block carrying the record's category and provider, then the answer's blocks).
 */
import type { Span } from '../article';
import { type Draft, type SourcedText, join, lines, relocate, trim } from './blocks';
import { htmlDrafts } from './html';
import { type LineOptions, lineDraft, lineDrafts, questionDraft, spanUnion } from './line-blocks';
import { leadingMarker } from './markers';

/** What a column or key holds. */
export type FieldRole = 'question' | 'answer' | 'category' | 'provider';

/** Column and key names by role, compared after normalization with spaces, '_' and '-' removed. */
const FIELD_NAMES: Record<FieldRole, readonly string[]> = {
  question: ['question', 'q', 'title', 'faq', 'query', 'ask', '问题', '问', '标题', '常见问题', '提问', '题目', '问法'],
  answer: ['answer', 'a', 'content', 'body', 'text', 'reply', 'response', '答案', '回答', '答', '解答', '答复', '内容', '回复', '正文'],
  category: ['category', 'categories', 'cat', 'topic', 'group', '分类', '类别', '类目', '栏目', '分组', '类型', '主题'],
  provider: ['provider', 'brand', 'company', 'vendor', 'platform', 'institution', '服务商', '机构', '平台', '品牌', '公司', '服务机构', '支付机构'],
};

/**
 * The role of a column or key name: the whole name is a known one (问题, 答案, 分類 through the normalizer), or,
 * for compound English names, its last word is (faq_question, answerText is not: the last word must be the role).
 */
export function fieldRole(name: string, normalize: (s: string) => string): FieldRole | undefined {
  const words = normalize(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(/[\s_-]+/)
    .filter(Boolean);
  const whole = words.join('');
  for (const role of Object.keys(FIELD_NAMES) as FieldRole[]) {
    const names = FIELD_NAMES[role];
    if (names.includes(whole) || (words.length > 1 && /^[a-z]+$/.test(words[words.length - 1]) && names.includes(words[words.length - 1])))
      return role;
  }
  return undefined;
}

/** A record's values, each as read from the file with its span (the content of the field or string literal). */
export interface FieldValue {
  text: SourcedText;
  span: Span;
}

export interface RecordInput {
  question: FieldValue;
  /** One answer text, or a list of steps (a JSON array). */
  answer: FieldValue | FieldValue[];
  category?: string;
  provider?: string;
}

/** Markup that makes an answer rich text: an HTML element a CMS editor produces. */
const HTML_ANSWER = /<(?:p|br|div|ol|ul|li|strong|b|em|span|a|h[1-6]|table|img)\b[^>]*>/i;

/** The blocks of one record: its question (with the record's hints), then its answer's blocks. */
export function recordDrafts(record: RecordInput, normalize: (s: string) => string): Draft[] {
  const question = questionDraft(record.question.text, record.question.span, normalize);
  const hints = { ...(record.category ? { category: record.category } : {}), ...(record.provider ? { provider: record.provider } : {}) };
  if (hints.category !== undefined || hints.provider !== undefined) question.hints = hints;
  const answer = Array.isArray(record.answer) ? stepDrafts(record.answer, normalize) : answerDrafts(record.answer, normalize);
  return [question, ...answer];
}

function answerOptions(normalize: (s: string) => string): LineOptions {
  return { normalize, depth: 0, questions: false, note: false, continuation: false };
}

/** An answer field: rich text through the HTML adapter, plain text line by line. */
export function answerDrafts(value: FieldValue, normalize: (s: string) => string): Draft[] {
  if (!HTML_ANSWER.test(value.text.text)) return lineDrafts(value.text, value.span, answerOptions(normalize));
  const { drafts } = htmlDrafts(value.text.text, { normalize, inAnswer: true });
  return drafts.map((draft) => relocate(draft, value.text, value.span));
}

/**
 * An answer given as a list of strings. When none of them is numbered, each is a step in list order; when some
 * are, those are the steps and the others (an intro, a closing remark) are running text.
 */
function stepDrafts(values: FieldValue[], normalize: (s: string) => string): Draft[] {
  const options = answerOptions(normalize);
  if (values.some((v) => leadingMarker(trim(v.text).text) !== undefined || HTML_ANSWER.test(v.text.text)))
    return values.flatMap((value) => answerDrafts(value, normalize));
  let ordinal = 0;
  return values.flatMap((value) => {
    const all = lines(value.text);
    if (all.length === 0) return [];
    const span = spanUnion(all) ?? value.span;
    const draft = lineDraft(all[0], span, options);
    // An unnumbered step is numbered by its place in the list; a labelled line (温馨提示：…) stays what it is.
    // The lines of one element are one step.
    if (draft.kind === 'paragraph' && !draft.label) {
      return [{ ...draft, kind: 'item', text: join([draft.text, ...all.slice(1)], '\n'), marker: { kind: 'decimal', ordinal: ++ordinal, depth: 0 } }];
    }
    return [draft, ...lineDrafts(join(all.slice(1), '\n'), span, options)];
  });
}
