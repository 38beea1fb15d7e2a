/**
 * @module Question–answer records wherever a source holds them (CSV and TSV columns, JSON keys, a table whose header
 * names a question and an answer column): the names their fields go by, and the question block of a record.
 */
import type { Span } from '../article';
import { endsAsQuestion } from '../article-roles';
import { type Draft, type SourcedText, trim } from './blocks';
import { type LineOptions, lineDrafts, questionDraft } from './line-blocks';

/** What a column or key holds. */
export type FieldRole = 'question' | 'answer' | 'category' | 'provider';

/** Names of each role, compared after normalization (simplified script, lower case). */
const ROLE_NAMES: Record<FieldRole, readonly string[]> = {
  question: ['question', 'questions', 'q', 'faq', 'query', 'ask', '问题', '问', '常见问题', '提问', '题目', '问法'],
  answer: ['answer', 'answers', 'a', 'reply', 'response', 'solution', '答案', '回答', '答', '解答', '答复', '答覆', '回复', '解决方案', '解决办法', '处理方法', '处理办法'],
  category: ['category', 'categories', 'cat', 'topic', 'group', '分类', '类别', '类目', '栏目', '分组', '类型', '主题'],
  provider: ['provider', 'brand', 'company', 'vendor', 'platform', 'institution', '服务商', '机构', '平台', '品牌', '公司', '服务机构', '支付机构'],
};
/**
 * Names that say what form a value has rather than what it is: alone they name a role (a title is the question,
 * a content the answer), after a role name they take its role (question_text is the question, 分类名称 the category).
 */
const FORM_NAMES: Record<string, FieldRole | undefined> = {
  title: 'question', subject: 'question', 标题: 'question', text: 'answer', content: 'answer', body: 'answer', html: 'answer',
  内容: 'answer', 正文: 'answer', 详情: 'answer', name: undefined, label: undefined, value: undefined, 名称: undefined, 名字: undefined,
};
/** Names of values that are about a record, not part of it: question_id, 问题编号 and answer_count hold no role. */
const META_NAMES = new Set(['#', 'id', 'no', 'num', 'number', 'count', 'date', 'time', 'at', 'status', 'url', 'link', 'sort', 'order', 'type', 'lang', 'code', '编号', '序号', '时间', '日期', '状态', '链接', '数量', '排序']);
const KNOWN = [...Object.values(ROLE_NAMES).flat(), ...Object.keys(FORM_NAMES), ...META_NAMES].filter((n) => !/^[a-z]+$/.test(n));

/** How well a name names its role: the whole name is a role's name (0), or its last words say so (1). */
export interface NamedRole {
  role: FieldRole;
  rank: 0 | 1;
}

/**
 * The role of a column or key name (问题, Answer, 分類 through the normalizer, faq_question, answerContent, 问题分类,
 * 所属平台), or undefined. The last word decides; a word of form (text, 内容) takes the role of a role word before it.
 */
export function namedRole(name: string, normalize: (s: string) => string): NamedRole | undefined {
  const words = nameWords(name, normalize);
  if (words.length === 0) return undefined;
  const whole = roleOf(words.join(''));
  if (whole) return { role: whole, rank: 0 };
  const last = words[words.length - 1];
  if (META_NAMES.has(last)) return undefined;
  const previous = words.length > 1 ? roleOf(words[words.length - 2]) : undefined;
  const role = last in FORM_NAMES ? (previous ?? FORM_NAMES[last]) : roleOf(last);
  return role ? { role, rank: 1 } : undefined;
}

/** Whether a name is of a value about a record (an id, a date, a status) rather than of its content. */
export function nameIsMeta(name: string, normalize: (s: string) => string): boolean {
  const words = nameWords(name, normalize);
  return words.length > 0 && META_NAMES.has(words[words.length - 1]);
}

/** The role of a column or key name, however well named (see namedRole). */
export function fieldRole(name: string, normalize: (s: string) => string): FieldRole | undefined {
  return namedRole(name, normalize)?.role;
}

function roleOf(word: string): FieldRole | undefined {
  for (const role of Object.keys(ROLE_NAMES) as FieldRole[]) if (ROLE_NAMES[role].includes(word)) return role;
  return FORM_NAMES[word];
}

/** A name's words: English words split at '_', '-', spaces and camelCase; Chinese words split before known names. */
function nameWords(name: string, normalize: (s: string) => string): string[] {
  const spaced = normalize(name.replace(/([a-z])([A-Z])/g, '$1 $2')).replace(/([a-z])(?=[\u4e00-\u9fff])|([\u4e00-\u9fff])(?=[a-z])/g, '$1$2 ');
  return spaced.split(/[\s_\-.:：/]+/).filter(Boolean).flatMap(splitChinese);
}

/** 问题分类 → 问题, 分类: a Chinese word ending in a known name is that name and what comes before it. */
function splitChinese(word: string): string[] {
  if (/^[a-z0-9]+$/.test(word)) return [word];
  const known = KNOWN.filter((n) => word.length > n.length && word.endsWith(n)).sort((a, b) => b.length - a.length)[0];
  return known ? [...splitChinese(word.slice(0, -known.length)), known] : [word];
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
 * Which column holds each role, from the header's names: per role the best named column (a whole name before a
 * compound one), the first of equals. `duplicate` is a role that two columns name outright (问题 and question).
 */
export function columnsOf(header: readonly string[], normalize: (s: string) => string): { columns: Columns; duplicate?: [FieldRole, number, number] } {
  const columns: Columns = {};
  const ranks: Partial<Record<FieldRole, number>> = {};
  let duplicate: [FieldRole, number, number] | undefined;
  header.forEach((name, index) => {
    const named = namedRole(name.trim(), normalize);
    if (!named) return;
    const { role, rank } = named;
    const held = ranks[role];
    if (held === 0 && rank === 0) duplicate ??= [role, columns[role]!, index];
    if (held === undefined || rank < held) {
      columns[role] = index;
      ranks[role] = rank;
    }
  });
  return duplicate ? { columns, duplicate } : { columns };
}

/**
 * The columns of a question–answer table, when its header row names a question and an answer column (问题 | 答案);
 * otherwise the table is data (a fee table) and undefined is returned.
 */
function tableColumns(header: readonly string[], normalize: (s: string) => string): Columns | undefined {
  const { columns } = columnsOf(header, normalize);
  return columns.question !== undefined && columns.answer !== undefined ? columns : undefined;
}

/** Fewest rows of questions that make a table without a header a question–answer table. */
const MIN_QUESTION_ROWS = 2;

/** A table row as an adapter reads it: its cells, and whether none of them shows anything. */
interface TableRow {
  cells: readonly FieldValue[];
  empty?: boolean;
}

/**
 * A table's rows as question–answer records, when they are: under a header row that names a question and an answer
 * column (问题 | 答案), or, without a header, when every row pairs a question with its answer (怎么充值？ | 打开
 * App…: two columns, each first cell a question, each second one filled). Undefined for a table of data.
 */
export function recordRows<R extends TableRow>(rows: readonly R[], normalize: (s: string) => string): { columns: Columns; header: readonly FieldValue[]; rows: R[] } | undefined {
  const [first, ...rest] = rows;
  if (!first) return undefined;
  const named = tableColumns(first.cells.map((c) => c.text.text), normalize);
  if (named) return { columns: named, header: first.cells, rows: rest };
  const filled = rows.filter((r) => !r.empty && r.cells.some((c) => c.text.text.trim()));
  const paired = (r: R) => r.cells.length === 2 && endsAsQuestion(r.cells[0].text.text) && r.cells[1].text.text.trim() !== '';
  return filled.length >= MIN_QUESTION_ROWS && filled.every(paired) ? { columns: { question: 0, answer: 1 }, header: [], rows: filled } : undefined;
}

/**
 * A row of a question–answer table as a record: its question (with the category and provider cells as hints),
 * then its answer cell's blocks. The cells of other columns follow, labelled by their header (备注：…), so nothing
 * in the table is lost, except those of a column about the row rather than its content (序号, 编号, 更新时间: see
 * nameIsMeta), which a reader does not read as part of the answer; a row without a question continues the answer
 * of the row before. `cellDrafts` reads a cell's blocks (by default its lines; HTML reads the cell's own lists and
 * paragraphs).
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
    const name = header[index];
    if (roleColumns.has(index) || !other.text.text.trim() || (name && nameIsMeta(name.text.text.trim(), normalize))) return;
    const extra = cellDrafts(other, index);
    // The column's name is what a reader of the table sees the value under: it is shown before the value.
    if (extra.length && name?.text.text.trim() && !extra[0].label) {
      const label = trim(name.text);
      extra[0] = { ...extra[0], label, prefix: `${label.text}：${extra[0].prefix ?? ''}` };
    }
    drafts.push(...extra);
  });
  return drafts;
}

/** Han characters, or a Latin word of two letters or more: what an id (Q001), a date or a flag does not hold. */
const WORDS = /\p{Script=Han}|\p{L}{2,}/u;

/** Whether a value of a column or key that no role uses holds words a reader would miss if it were dropped. */
export function holdsWords(value: string): boolean {
  return WORDS.test(value);
}
