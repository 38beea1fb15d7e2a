/**
 * @module Question–answer records wherever a source holds them (CSV and TSV columns, JSON keys, a table whose header
 * names a question and an answer column): the names their fields go by, and the question block of a record.
 */
import type { Span } from '../article';
import { type Draft, type SourcedText, trim } from './blocks';
import { type LineOptions, lineDrafts, questionDraft } from './line-blocks';

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

/** The category and provider a record states, verbatim. */
export interface RecordHints {
  category?: string;
  provider?: string;
}

/** A record's question block, carrying the category and provider the record states. */
export function questionWithHints(question: FieldValue, hints: RecordHints, normalize: (s: string) => string): Draft {
  const draft = questionDraft(question.text, question.span, normalize);
  const stated = { ...(hints.category ? { category: hints.category } : {}), ...(hints.provider ? { provider: hints.provider } : {}) };
  if (stated.category !== undefined || stated.provider !== undefined) draft.hints = stated;
  return draft;
}

/** How an answer's lines are read: only the question field holds a question, a 问： line in an answer does not. */
export function answerOptions(normalize: (s: string) => string): LineOptions {
  return { normalize, depth: 0, questions: false, note: false, continuation: false };
}

/** Which column of a table or export holds what. */
export type Columns = Partial<Record<FieldRole, number>>;

/**
 * The columns of a question–answer table, when its header row names a question and an answer column (问题 | 答案);
 * otherwise the table is data (a fee table) and undefined is returned. A role named twice keeps its first column.
 */
export function tableColumns(header: readonly string[], normalize: (s: string) => string): Columns | undefined {
  const columns: Columns = {};
  header.forEach((name, index) => {
    const role = fieldRole(name.trim(), normalize);
    if (role && columns[role] === undefined) columns[role] = index;
  });
  return columns.question !== undefined && columns.answer !== undefined ? columns : undefined;
}

/**
 * A row of a question–answer table as a record: its question (with the category and provider cells as hints),
 * then its answer cell's blocks. The cells of other columns follow, labelled by their header (备注：…), so nothing
 * in the table is lost; a row without a question continues the answer of the row before. `cellDrafts` reads a
 * cell's blocks (by default its lines; HTML reads the cell's own lists and paragraphs).
 */
export function tableRecordDrafts(
  cells: readonly FieldValue[],
  header: readonly FieldValue[],
  columns: Columns,
  normalize: (s: string) => string,
  cellDrafts: (cell: FieldValue, index: number) => Draft[] = (cell) => lineDrafts(cell.text, cell.span, answerOptions(normalize)),
): Draft[] {
  const cell = (role: FieldRole) => (columns[role] === undefined ? undefined : cells[columns[role]!]);
  const hint = (role: FieldRole) => cell(role)?.text.text.trim() || undefined;
  const drafts: Draft[] = [];
  const question = cell('question');
  if (question?.text.text.trim()) drafts.push(questionWithHints(question, { category: hint('category'), provider: hint('provider') }, normalize));
  const answer = columns.answer!;
  if (cells[answer]?.text.text.trim()) drafts.push(...cellDrafts(cells[answer], answer));
  const roleColumns = new Set(Object.values(columns));
  cells.forEach((other, index) => {
    if (roleColumns.has(index) || !other.text.text.trim()) return;
    const extra = cellDrafts(other, index);
    const name = header[index];
    if (extra.length && name?.text.text.trim() && !extra[0].label) extra[0] = { ...extra[0], label: trim(name.text) };
    drafts.push(...extra);
  });
  return drafts;
}
