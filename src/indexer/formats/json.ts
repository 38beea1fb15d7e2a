/**
 * @module The .json adapter: a CMS export of question–answer records, as an array of objects or an object holding
 * one (under entries, faqs, items, data.list …), possibly grouped (a group object with a title or category and its
 * own list). jsonc-parser gives every value's offsets, so each string's decoded text maps onto its literal in the
 * file; an escape (\n, \", \u4e2d) is decoded text outside the runs.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { ArticleModel } from '../article';
import { BuildError, warn } from '../errors';
import { type Draft, LineIndex, type SourcedText, bomLength, concat, requireContent, synthetic, toBlock, trim, verbatim } from './blocks';
import type { AdapterContext, FormatAdapter, SourceFile } from './index';
import { type FieldRole, type FieldValue, holdsWords, nameIsMeta, namedRole } from './records';
import { recordDrafts } from './structured';

export const jsonAdapter: FormatAdapter = {
  format: 'json',
  extensions: ['json'],
  parse(file, context) {
    requireContent(file);
    const lineIndex = new LineIndex(file.text);
    const base = bomLength(file.text);
    const errors: ParseError[] = [];
    const root = parseTree(file.text.slice(base), errors, { disallowComments: true, allowTrailingComma: false });
    if (errors.length > 0 || !root) {
      const error = errors[0];
      const at = error ? base + error.offset : base;
      throw new BuildError(file.path, lineIndex.lineOf(at), `invalid JSON: ${error ? describe(printParseErrorCode(error.error)) : 'no value'}`);
    }
    const reader = new Reader(file, base, lineIndex, context);
    const model: ArticleModel = { doc: file.doc, path: file.path, format: 'json', text: file.text, blocks: [] };
    const drafts = reader.value(root, {}, 2, model);
    if (drafts.length === 0)
      throw new BuildError(file.path, 1, 'no content: no question/answer records (objects with a question and an answer field)');
    reader.reportIgnored();
    model.blocks = drafts.map((draft) => toBlock(draft, lineIndex, context));
    return model;
  },
};

/** jsonc-parser's error codes in words. */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

type Hints = { category?: string; provider?: string };

/** Keys that only hold a list of records or groups, naming nothing about them. */
const CONTAINERS = /^(?:data|list|items|entries|records|rows|results?|children|payload|docs|documents|articles|nodes|groups|sections|faqs?|qas?|questions|列表|数据|数據|问答|問答|条目|條目|常见问题|常見問題)$/i;
/** Names a group object's own heading may go by (a question-role name such as title counts too). */
const GROUP_NAMES = /^(name|label|名称|名稱|名字)$/i;
/**
 * JSON-LD keywords (@context, @type, @id): what a node of a schema.org FAQPage is, never its content. An object that
 * has one is such a node, whose other keys are the vocabulary's terms (mainEntity), not headings of what they hold.
 */
const LINKED_DATA_KEYWORD = /^@/;
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\n', t: '\t' };

/** Whether a JSON value holds words anywhere in it (see holdsWords). */
function valueHoldsWords(node: Node): boolean {
  if (node.type === 'string') return holdsWords(String(node.value));
  if (node.type === 'property') return node.children?.[1] !== undefined && valueHoldsWords(node.children[1]);
  return (node.children ?? []).some(valueHoldsWords);
}

class Reader {
  /** Record keys of no known role that hold words, with the line of their first use (reported once per file). */
  private readonly ignored = new Map<string, number>();

  constructor(
    private readonly file: SourceFile,
    private readonly base: number,
    private readonly lineIndex: LineIndex,
    private readonly context: AdapterContext,
  ) {}

  private line(node: Node): number {
    return this.lineIndex.lineOf(this.base + node.offset);
  }

  private fail(node: Node, message: string): never {
    throw new BuildError(this.file.path, this.line(node), message);
  }

  reportIgnored(): void {
    if (this.ignored.size === 0) return;
    const [first] = this.ignored.values();
    const names = [...this.ignored.keys()].map((k) => `"${k}"`).join(', ');
    warn(this.file.path, first, `record field${this.ignored.size > 1 ? 's' : ''} ${names} ignored (not a question, answer, category or provider)`);
  }

  /**
   * Drafts of a value: records in arrays and groups, in document order. `level` is the level a group's heading
   * gets (2 at the root: level 1 is left to an article title, which an export does not have); `model` is set
   * only for the root, whose own values are the article's.
   */
  value(node: Node, hints: Hints, level: number, model?: ArticleModel): Draft[] {
    if (node.type === 'array') return (node.children ?? []).flatMap((child) => this.value(child, hints, level));
    if (node.type === 'object') return this.object(node, hints, level, model);
    return [];
  }

  private object(node: Node, inherited: Hints, level: number, model?: ArticleModel): Draft[] {
    const fields = this.fields(node);
    const role = (r: FieldRole) => fields.find((f) => f.role === r);
    if (role('answer')) return this.record(node, fields, inherited);
    // A group: its category and provider apply to the records inside; its title or name heads them.
    const hints = { ...inherited };
    for (const r of ['category', 'provider'] as const) {
      const f = role(r);
      if (f && (f.value.type === 'string' || f.value.type === 'number')) hints[r] = String(f.value.value).trim() || undefined;
    }
    const question = role('question');
    const name = question ?? fields.find((f) => GROUP_NAMES.test(f.key));
    const heading = !model && name?.value.type === 'string' ? trim(this.string(name.value)) : undefined;
    const inner = heading?.text ? level + 1 : level;
    const childHints = model ? inherited : hints;
    const children = fields.filter((f) => f.value.type === 'array' || f.value.type === 'object');
    const linkedData = fields.some((f) => LINKED_DATA_KEYWORD.test(f.key));
    const drafts = children.flatMap((f) => (linkedData ? undefined : this.keyedGroup(f, childHints, inner)) ?? this.value(f.value, childHints, inner));
    if (drafts.length === 0) {
      // A question without an answer (a draft record) stays in the model: extraction leaves it out and the report
      // says so.
      if (question && question.value.type === 'string' && !model) return this.record(node, fields, inherited);
      return [];
    }
    if (model) {
      if (name?.value.type === 'string' && name.value.value.trim()) model.title = name.value.value.trim();
      if (hints.category !== undefined || hints.provider !== undefined) model.hints = hints;
      return drafts;
    }
    if (!heading?.text) return drafts;
    return [{ kind: 'heading', text: heading, span: this.contentSpan(name!.value), level: Math.min(6, level) }, ...drafts];
  }

  /**
   * Records under a key that names them ({"充值": [...], "提现": [...]}): the key heads them, as a group's name does.
   * Undefined for a key that only holds them (data, list, items …), names a field or a value about the record.
   */
  private keyedGroup(field: { key: string; role?: FieldRole; value: Node; keyNode: Node }, hints: Hints, level: number): Draft[] | undefined {
    const { key, keyNode } = field;
    if (field.role || CONTAINERS.test(key.trim()) || !holdsWords(key) || nameIsMeta(key, this.context.normalize)) return undefined;
    const drafts = this.value(field.value, hints, level + 1);
    if (drafts.length === 0) return drafts;
    return [{ kind: 'heading', text: trim(this.string(keyNode)), span: this.contentSpan(keyNode), level: Math.min(6, level) }, ...drafts];
  }

  /** An object's properties with their roles; a key given twice is an error. */
  private fields(node: Node): { key: string; role?: FieldRole; rank: number; value: Node; keyNode: Node }[] {
    const seen = new Set<string>();
    const out = [];
    for (const property of node.children ?? []) {
      const [keyNode, value] = property.children ?? [];
      if (!keyNode || !value) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) this.fail(keyNode, `"${key}" is given twice in one object`);
      seen.add(key);
      const named = namedRole(key, this.context.normalize);
      out.push({ key, role: named?.role, rank: named?.rank ?? 1, value, keyNode });
    }
    return out;
  }

  private record(node: Node, fields: ReturnType<Reader['fields']>, inherited: Hints): Draft[] {
    const pick = (r: FieldRole) => fields.filter((f) => f.role === r).sort((x, y) => x.rank - y.rank);
    const used = new Set<string>();
    // A record may name a role twice (question and title): the best named is the field, the others are ignored.
    const one = (r: FieldRole) => {
      const f = pick(r)[0];
      if (f) used.add(f.key);
      return f;
    };
    // A record that names its question only as its name (schema.org's Question: "name" and "acceptedAnswer").
    const question = one('question') ?? this.named(fields, used);
    const answer = one('answer');
    if (!question) this.fail(node, 'a record with an answer but no question field');
    if (question.value.type !== 'string') this.fail(question.value, `"${question.key}" must be text`);
    const questionText = this.fieldValue(question.value);
    if (!questionText.text.text.trim()) this.fail(question.value, `empty "${question.key}"`);
    const hints: Hints = { ...inherited };
    for (const r of ['category', 'provider'] as const) {
      const f = one(r);
      if (!f) continue;
      if (f.value.type !== 'string' && f.value.type !== 'number' && f.value.type !== 'null') this.fail(f.value, `"${f.key}" must be text`);
      if (f.value.type !== 'null') hints[r] = String(f.value.value).trim() || hints[r];
    }
    for (const f of fields)
      if (!used.has(f.key) && !this.ignored.has(f.key) && !LINKED_DATA_KEYWORD.test(f.key) && valueHoldsWords(f.value)) this.ignored.set(f.key, this.line(f.keyNode));
    return recordDrafts({ question: questionText, answer: answer ? this.answer(answer) : [], ...hints }, this.context.normalize);
  }

  /**
   * The record's name field (name, 名称), marked used, when it has one and holds no list or object besides its
   * answer: a group's name over its own records is a heading, never a question.
   */
  private named(fields: ReturnType<Reader['fields']>, used: Set<string>): ReturnType<Reader['fields']>[number] | undefined {
    if (fields.some((f) => f.role !== 'answer' && (f.value.type === 'array' || f.value.type === 'object'))) return undefined;
    const name = fields.find((f) => GROUP_NAMES.test(f.key));
    if (name) used.add(name.key);
    return name;
  }

  private answer(field: { key: string; value: Node }): FieldValue | FieldValue[] {
    const { value } = field;
    const wrong = `"${field.key}" must be text, a list of texts, or an object with a text field`;
    if (value.type === 'string') {
      const text = this.fieldValue(value);
      return text.text.text.trim() ? text : [];
    }
    if (value.type === 'array') {
      const items = (value.children ?? []).map((c) => (c.type === 'object' ? (this.textOf(c) ?? c) : c));
      const bad = items.find((c) => c.type !== 'string');
      if (bad) this.fail(bad, wrong);
      return items.map((c) => this.fieldValue(c)).filter((t) => t.text.text.trim());
    }
    if (value.type === 'null') return [];
    const text = value.type === 'object' ? this.textOf(value) : undefined;
    if (text) return this.answer({ key: field.key, value: text });
    this.fail(value, wrong);
  }

  /** The text an answer object holds (schema.org's Answer: {"@type": "Answer", "text": "…"}): its best named answer-role string. */
  private textOf(node: Node): Node | undefined {
    const texts = this.fields(node).filter((f) => f.role === 'answer' && f.value.type === 'string');
    return texts.sort((x, y) => x.rank - y.rank)[0]?.value;
  }

  private fieldValue(node: Node): FieldValue {
    return { text: this.string(node), span: this.contentSpan(node) };
  }

  /** The string literal's content in the file (inside its quotes). */
  private contentSpan(node: Node): { start: number; end: number } {
    return { start: this.base + node.offset + 1, end: this.base + node.offset + node.length - 1 };
  }

  /** A string literal's decoded text mapped to the file; an escaped CR LF (or lone CR) is one '\n'. */
  private string(node: Node): SourcedText {
    const source = this.file.text;
    const { start, end } = this.contentSpan(node);
    const parts: SourcedText[] = [];
    let segment = start;
    let j = start;
    while (j < end) {
      if (source[j] !== '\\') {
        j++;
        continue;
      }
      parts.push(verbatim(source, segment, j));
      const escape = source[j + 1];
      let length = 2;
      let decoded: string;
      if (escape === 'u') {
        length = 6;
        decoded = String.fromCharCode(Number.parseInt(source.slice(j + 2, j + 6), 16));
      } else decoded = JSON_ESCAPES[escape] ?? escape;
      if (escape === 'r' && source.startsWith('\\n', j + 2)) length = 4;
      parts.push(synthetic(decoded, j, j + length));
      j += length;
      segment = j;
    }
    parts.push(verbatim(source, segment, end));
    return concat(parts);
  }
}
