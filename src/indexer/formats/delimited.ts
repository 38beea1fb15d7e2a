/**
 * @module The .csv and .tsv adapters: question–answer exports, one record per row. A header row names the columns
 * (question/问题, answer/答案, category/分类, provider/平台 …); without one the columns are question, answer[,
 * category][, provider]. Each row becomes a question block carrying the row's category and provider, followed by
 * its answer's blocks.
 */
import { BuildError, warn } from '../errors';
import { type Draft, LineIndex, type SourcedText, bomLength, concat, requireContent, synthetic, toBlock, trim, verbatim } from './blocks';
import type { AdapterContext, FormatAdapter, SourceFile } from './index';
import { type Columns, type FieldRole, type FieldValue, columnsOf, holdsWords } from './records';
import { recordDrafts } from './structured';

/** One record (a row, which may span lines when a quoted field holds line breaks). */
export interface Row {
  fields: FieldValue[];
  /** Offset where the row starts, for its line. */
  start: number;
}

/**
 * Splits delimited text into rows (RFC 4180): fields separated by `delimiter`, rows by CRLF, LF or CR; a field in
 * double quotes may hold delimiters, line breaks and doubled quotes (one quote of text, mapped to the first of the
 * two). Written here rather than taken from a CSV library because every field needs its exact offsets in the file,
 * which the libraries do not report. `strict` (CSV): text after a closing quote, or a quote never closed, is an
 * error. Otherwise (TSV, where quoting is optional and a quote is often just text) such a field is read as plain
 * text, and plain fields may escape line breaks and tabs as \n and \t.
 */
export function scanRows(text: string, from: number, delimiter: string, strict: boolean, path: string, lineIndex: LineIndex): Row[] {
  const rows: Row[] = [];
  let i = from;
  while (i < text.length) {
    const row: Row = { fields: [], start: i };
    for (;;) {
      const quoted = readQuoted(text, i, delimiter);
      let field: FieldValue;
      if (quoted.kind === 'field') {
        field = quoted.field;
        i = quoted.next;
      } else {
        if (strict && quoted.kind === 'unterminated')
          throw new BuildError(path, lineIndex.lineOf(quoted.at), 'quoted field is never closed (a " opens it here)');
        if (strict && quoted.kind === 'trailing')
          throw new BuildError(path, lineIndex.lineOf(quoted.at), `text after a closing quote; a quote inside a quoted field is written ""`);
        let end = i;
        while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++;
        field = { text: strict ? verbatim(text, i, end) : unescape(text, i, end), span: { start: i, end } };
        i = end;
      }
      row.fields.push(field);
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (i < text.length) i++;
      break;
    }
    rows.push(row);
  }
  return rows;
}

/** Escapes of unquoted TSV fields (the linear TSV convention of database exports): \n, \r\n and \r, \t, \\. */
const TSV_ESCAPES: Record<string, string> = { n: '\n', r: '\n', t: '\t', '\\': '\\' };

/** An unquoted TSV field with its escapes decoded (decoded text outside the runs); other backslashes are text. */
function unescape(text: string, start: number, end: number): SourcedText {
  const parts: SourcedText[] = [];
  let segment = start;
  for (let j = start; j < end - 1; j++) {
    const decoded = text[j] === '\\' ? TSV_ESCAPES[text[j + 1]] : undefined;
    if (decoded === undefined) continue;
    const length = text.startsWith('\\r\\n', j) ? 4 : 2;
    parts.push(verbatim(text, segment, j), synthetic(decoded, j, j + length));
    j += length - 1;
    segment = j + 1;
  }
  parts.push(verbatim(text, segment, end));
  return concat(parts);
}

type Quoted =
  | { kind: 'field'; field: FieldValue; next: number }
  | { kind: 'none' }
  | { kind: 'unterminated'; at: number }
  | { kind: 'trailing'; at: number };

/** A quoted field starting at `i` (spaces before the opening quote and after the closing one are allowed). */
function readQuoted(text: string, i: number, delimiter: string): Quoted {
  let open = i;
  while (text[open] === ' ') open++;
  if (text[open] !== '"') return { kind: 'none' };
  const parts: SourcedText[] = [];
  let segment = open + 1;
  let j = segment;
  for (;;) {
    if (j >= text.length) return { kind: 'unterminated', at: open };
    const c = text[j];
    if (c === '"' && text[j + 1] === '"') {
      parts.push(verbatim(text, segment, j + 1));
      j += 2;
      segment = j;
    } else if (c === '"') break;
    else if (c === '\r') {
      // A line break inside the field is '\n' in the text: CRLF maps its LF, a lone CR maps nowhere.
      parts.push(verbatim(text, segment, j));
      if (text[j + 1] === '\n') parts.push(verbatim(text, j + 1, j + 2));
      else parts.push(synthetic('\n', j, j + 1));
      j += text[j + 1] === '\n' ? 2 : 1;
      segment = j;
    } else j++;
  }
  parts.push(verbatim(text, segment, j));
  let next = j + 1;
  while (text[next] === ' ') next++;
  if (next < text.length && text[next] !== delimiter && text[next] !== '\n' && text[next] !== '\r') return { kind: 'trailing', at: next };
  return { kind: 'field', field: { text: concat(parts), span: { start: open + 1, end: j } }, next };
}

const POSITIONAL: FieldRole[] = ['question', 'answer', 'category', 'provider'];

function isBlank(row: Row): boolean {
  return row.fields.every((f) => !f.text.text.trim());
}

/**
 * The header row's columns, or undefined when the first row is data (it names no role). A header names at least a
 * question and an answer column. A column it does not use (an unknown name, a second question column such as 相似问题)
 * is reported as ignored when it holds words: an id or a date column holds none that a reader would miss.
 */
function headerColumns(rows: Row[], file: SourceFile, lineIndex: LineIndex, context: AdapterContext): Columns | undefined {
  const [row, ...data] = rows;
  const names = row.fields.map((f) => f.text.text.trim());
  const { columns, duplicate } = columnsOf(names, context.normalize);
  if (Object.keys(columns).length === 0) return undefined;
  const line = lineIndex.lineOf(row.start);
  if (duplicate) throw new BuildError(file.path, line, `two columns hold the ${duplicate[0]} ("${names[duplicate[1]]}" and "${names[duplicate[2]]}")`);
  for (const role of ['question', 'answer'] as const)
    if (columns[role] === undefined) throw new BuildError(file.path, line, `the header row names no ${role} column`);
  const used = new Set(Object.values(columns));
  const ignored = names.filter((_, index) => !used.has(index) && data.some((r) => holdsWords(r.fields[index]?.text.text ?? '')));
  if (ignored.length)
    warn(file.path, line, `column${ignored.length > 1 ? 's' : ''} ${ignored.map((n) => `"${n}"`).join(', ')} ignored (not a question, answer, category or provider)`);
  return columns;
}

/** Excel's first line "sep=;" names the delimiter (group 1); it is not a record. */
const SEPARATOR_LINE = /^sep=(.)(?:\r\n|\r|\n)/i;

/** Delimiters a ".csv" is saved with besides the comma: Excel's where the comma is the decimal mark, and the tab. */
const OTHER_CSV_DELIMITERS = [';', '\t'];

/**
 * The delimiter of a .csv that names none (sep=…): the comma, unless its first line holds no comma and is a header
 * whose question and answer columns another delimiter separates (问题;答案;分类, as Excel saves CSV where the comma
 * is the decimal mark).
 */
function csvDelimiter(text: string, context: AdapterContext): string {
  const first = /^[^\r\n]*/.exec(text)![0];
  if (first.includes(',')) return ',';
  const named = (d: string) => {
    const { columns } = columnsOf(first.split(d).map((n) => n.replace(/^\s*"|"\s*$/g, '').trim()), context.normalize);
    return columns.question !== undefined && columns.answer !== undefined;
  };
  return OTHER_CSV_DELIMITERS.find(named) ?? ',';
}

/** The adapter for one delimiter. */
function delimitedAdapter(format: 'csv' | 'tsv', delimiter: string): FormatAdapter {
  return {
    format,
    extensions: [format],
    parse(file, context) {
      requireContent(file);
      const lineIndex = new LineIndex(file.text);
      const from = bomLength(file.text);
      const separator = SEPARATOR_LINE.exec(file.text.slice(from));
      const start = from + (separator?.[0].length ?? 0);
      const used = separator?.[1] ?? (format === 'csv' ? csvDelimiter(file.text.slice(start), context) : delimiter);
      const rows = scanRows(file.text, start, used, format === 'csv', file.path, lineIndex).filter((r) => !isBlank(r));
      const header = rows.length ? headerColumns(rows, file, lineIndex, context) : undefined;
      const data = header ? rows.slice(1) : rows;
      const width = header ? rows[0].fields.length : Math.max(0, ...data.map((r) => r.fields.length));
      const columns: Columns = header ?? Object.fromEntries(POSITIONAL.slice(0, width).map((role, index) => [role, index]));
      if (!header && width > POSITIONAL.length)
        throw new BuildError(file.path, lineIndex.lineOf(data.find((r) => r.fields.length > POSITIONAL.length)!.start), `${width} columns and no header row; without one the columns are question, answer[, category][, provider]`);
      const drafts = data.flatMap((row) => rowDrafts(row, columns, width, file, lineIndex, context));
      if (drafts.length === 0) throw new BuildError(file.path, 1, 'no content: a header row and no records');
      return {
        doc: file.doc,
        path: file.path,
        format,
        text: file.text,
        blocks: drafts.map((draft) => toBlock(draft, lineIndex, context)),
      };
    },
  };
}

function rowDrafts(row: Row, columns: Columns, width: number, file: SourceFile, lineIndex: LineIndex, context: AdapterContext): Draft[] {
  const line = lineIndex.lineOf(row.start);
  if (row.fields.length > width) throw new BuildError(file.path, line, `${row.fields.length} fields in a row of ${width} columns (an unquoted delimiter in a field?)`);
  const value = (role: FieldRole): FieldValue | undefined => {
    const index = columns[role];
    const field = index === undefined ? undefined : row.fields[index];
    return field && field.text.text.trim() ? field : undefined;
  };
  const question = value('question');
  const answer = value('answer');
  if (!question) throw new BuildError(file.path, line, answer ? 'an answer without a question' : 'a row with no question and no answer');
  // A question without an answer (a draft row) stays in the model: extraction leaves it out and the report says so.
  return recordDrafts(
    { question, answer: answer ?? [], category: value('category') && trim(value('category')!.text).text, provider: value('provider') && trim(value('provider')!.text).text },
    context.normalize,
  );
}

export const csvAdapter = delimitedAdapter('csv', ',');
export const tsvAdapter = delimitedAdapter('tsv', '\t');
