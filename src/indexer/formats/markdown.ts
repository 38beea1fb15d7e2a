/**
 * @module The .md adapter: mdast-util-from-markdown (CommonMark, with GFM tables and autolinks and YAML front
 * matter) gives a tree with source offsets; each text node's decoded value is aligned back onto the file, so
 * emphasis markers, escapes and list and quote prefixes fall outside the runs and every other character is exact.
 */
import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import type { Nodes, Parents, PhrasingContent, RootContent, Yaml } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { parseDocument } from 'yaml';
import type { ArticleModel, Link, Marker, Span } from '../article';
import { BuildError } from '../errors';
import {
  type Draft,
  EMPTY,
  LineIndex,
  type SourcedText,
  align,
  attachLinks,
  bomLength,
  concat,
  join,
  lines,
  relocate,
  requireContent,
  synthetic,
  toBlock,
  trim,
} from './blocks';
import { htmlDrafts } from './html';
import type { FormatAdapter, SourceFile } from './index';
import { type LineOptions, headingDraft, itemDraft, paragraphDrafts, questionItemDrafts, spanUnion } from './line-blocks';
import { fieldRole, recordRows, tableRecordDrafts } from './records';

export const markdownAdapter: FormatAdapter = {
  format: 'md',
  extensions: ['md', 'markdown'],
  parse(file, context) {
    requireContent(file);
    const base = bomLength(file.text);
    const tree = fromMarkdown(file.text.slice(base), {
      extensions: [frontmatter(['yaml']), gfm()],
      mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmFromMarkdown()],
    });
    const lineIndex = new LineIndex(file.text);
    const walk = new Walk(file.text, base, context.normalize);
    const model: ArticleModel = { doc: file.doc, path: file.path, format: 'md', text: file.text, blocks: [] };
    const [first] = tree.children;
    if (first?.type === 'yaml') Object.assign(model, frontMatter(first, file, base, lineIndex, context.normalize));
    walk.collectDefinitions(tree);
    walk.blocks(tree.children.filter((n) => n.type !== 'yaml'));
    if (walk.drafts.length === 0) throw new BuildError(file.path, 1, 'no content: nothing but front matter or markup');
    model.title ??= walk.firstH1;
    model.blocks = walk.drafts.map((draft) => toBlock(draft, lineIndex, context));
    return model;
  },
};

/** The article's title and hints from YAML front matter (title, provider, category and their Chinese names). */
function frontMatter(node: Yaml, file: SourceFile, base: number, lineIndex: LineIndex, normalize: (s: string) => string): Partial<ArticleModel> {
  const firstLine = lineIndex.lineOf(base + node.position!.start.offset!) + 1;
  const doc = parseDocument(node.value);
  const error = doc.errors[0];
  if (error) throw new BuildError(file.path, firstLine + (error.linePos?.[0].line ?? 1) - 1, `front matter: ${error.message.split('\n')[0]}`);
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new BuildError(file.path, firstLine, 'front matter must be "key: value" lines');
  const out: Partial<ArticleModel> = {};
  const hints: NonNullable<ArticleModel['hints']> = {};
  for (const [key, value] of Object.entries(data)) {
    const role = /^(title|标题|標題)$/i.test(key.trim()) ? 'title' : fieldRole(key, normalize);
    if (role !== 'title' && role !== 'provider' && role !== 'category') continue;
    if (typeof value !== 'string' && typeof value !== 'number') {
      const line = firstLine + Math.max(0, node.value.split(/\r\n?|\n/).findIndex((l) => l.trimStart().startsWith(key)));
      throw new BuildError(file.path, line, `front matter "${key}" must be a single text value`);
    }
    const text = String(value).trim();
    if (!text) continue;
    if (role === 'title') out.title = text;
    else hints[role] = text;
  }
  if (hints.category !== undefined || hints.provider !== undefined) out.hints = hints;
  return out;
}

/** An inline HTML anchor's opening tag, with its href in double, single or no quotes. */
const ANCHOR = /^<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>$/i;

/** A list item's marker as CommonMark writes it: a bullet, or a number and its delimiter. */
const LIST_MARKER = /^(?:[-*+]|[0-9]{1,9}[.)])/;

/** Inline content gathered into text, with its links and its first bold text. */
interface Chunk {
  text: SourcedText;
  links: Link[];
  bold?: string;
}

/** The walk over the tree: the drafts so far and the context of the current node. */
class Walk {
  readonly drafts: Draft[] = [];
  firstH1?: string;
  /** Link reference definitions by identifier. */
  private readonly definitions = new Map<string, string>();
  private depth = -1;
  private note = false;
  private headingLevel = 1;
  private headingSeen = false;

  constructor(
    private readonly file: string,
    private readonly base: number,
    private readonly normalize: (s: string) => string,
  ) {}

  private span(node: Nodes): Span {
    return { start: this.base + node.position!.start.offset!, end: this.base + node.position!.end.offset! };
  }

  private options(): LineOptions {
    return { normalize: this.normalize, depth: Math.max(0, this.depth), questions: true, note: this.note, continuation: true };
  }

  blocks(nodes: readonly RootContent[]): void {
    for (const node of nodes) this.block(node);
  }

  private block(node: RootContent): void {
    switch (node.type) {
      case 'heading':
        return this.heading(node.depth, this.inline(node.children), this.span(node));
      case 'paragraph':
        return this.paragraph(node.children, this.span(node));
      case 'list':
        return this.list(node.ordered ? (node.start ?? 1) : undefined, node.children);
      case 'table':
        return this.table(node.children);
      case 'blockquote': {
        const saved = this.note;
        this.note = true;
        this.blocks(node.children);
        this.note = saved;
        return;
      }
      case 'code': {
        const span = this.span(node);
        const text = trim(align(this.file, span.start, span.end, node.value));
        if (text.text) this.drafts.push({ kind: this.note ? 'note' : 'paragraph', text, span: spanUnion([text]) ?? span });
        return;
      }
      case 'html':
        return this.html(node.value, this.span(node));
      case 'footnoteDefinition':
        return this.blocks(node.children);
      default:
        // thematicBreak, definition (link targets): nothing a reader reads as text.
        return;
    }
  }

  private heading(level: number, chunk: Chunk, span: Span): void {
    const text = join(lines(chunk.text), '\n');
    if (!text.text) return;
    this.headingLevel = level;
    if (!this.headingSeen && level === 1) this.firstH1 = text.text;
    this.headingSeen = true;
    this.drafts.push(...attachLinks([headingDraft(text, span, level, this.normalize)], chunk.links));
  }

  private paragraph(children: PhrasingContent[], span: Span): void {
    const chunk = this.inline(children);
    const drafts = paragraphDrafts(chunk.text, span, chunk.bold, this.options(), (text, lineSpan) =>
      headingDraft(text, lineSpan, Math.min(6, this.headingLevel + 1), this.normalize),
    );
    if (drafts.length === 0) return;
    // The paragraph's markup at either end (** of a bold lead-in, a trailing link's target) belongs to its blocks.
    drafts[0].span = { ...drafts[0].span, start: Math.min(drafts[0].span.start, span.start) };
    const last = drafts[drafts.length - 1];
    last.span = { ...last.span, end: Math.max(last.span.end, span.end) };
    this.drafts.push(...attachLinks(drafts, chunk.links));
  }

  private list(start: number | undefined, items: RootContent[]): void {
    this.depth++;
    items.forEach((item, index) => {
      if (item.type !== 'listItem') return this.block(item);
      const depth = Math.max(0, this.depth);
      const written = LIST_MARKER.exec(this.file.slice(this.span(item).start))?.[0];
      const marker: Marker = start === undefined ? { kind: 'bullet', depth } : { kind: 'decimal', ordinal: start + index, depth };
      if (written) marker.text = written;
      // The item's own text is its leading paragraphs; what follows (a nested list, a table) is blocks of its own.
      const own = item.children.findIndex((c) => c.type !== 'paragraph');
      const paragraphs = (own === -1 ? item.children : item.children.slice(0, own)) as Extract<RootContent, { type: 'paragraph' }>[];
      if (paragraphs.length > 0) {
        const chunks = paragraphs.map((p) => this.inline(p.children));
        const text = join(chunks.flatMap((c) => lines(c.text)), '\n');
        const span = { start: this.span(item).start, end: this.span(paragraphs[paragraphs.length - 1]).end };
        if (text.text) {
          const drafts =
            questionItemDrafts(text, span, marker, chunks[0].bold, this.options(), own !== -1) ?? [itemDraft(text, span, marker, chunks[0].bold, this.options())];
          this.drafts.push(...attachLinks(drafts, chunks.flatMap((c) => c.links)));
        }
      }
      this.blocks(own === -1 ? [] : item.children.slice(own));
    });
    this.depth--;
  }

  private table(rows: RootContent[]): void {
    const read = rows.flatMap((row) => {
      if (row.type !== 'tableRow') return [];
      const cells = row.children.map((cell) => {
        const chunk = this.inline(cell.children);
        const text = join(lines(chunk.text), '\n');
        return { text, span: spanUnion([text]) ?? this.span(cell), links: chunk.links };
      });
      return [{ cells, span: this.span(row) }];
    });
    // A GFM table always opens with its header row; one naming a question and an answer column holds records, and
    // so do rows (the first one included) that each pair a question with its answer.
    const records = recordRows(read, this.normalize);
    if (records) {
      for (const row of records.rows)
        this.drafts.push(...attachLinks(tableRecordDrafts(row.cells, records.header, records.columns, this.normalize), row.cells.flatMap((c) => c.links)));
      return;
    }
    read.forEach((row, index) => {
      const links = row.cells.flatMap((c) => c.links);
      if (row.cells.every((c) => !c.text.text)) return;
      const draft: Draft = {
        kind: 'row',
        text: join(
          row.cells.map((c) => c.text),
          ' | ',
        ),
        span: row.span,
        cells: row.cells.map(({ text, span }) => ({ text, span })),
      };
      if (index === 0) draft.header = true;
      this.drafts.push(...attachLinks([draft], links));
    });
  }

  /**
   * Raw HTML in the Markdown (a `<details>` block, say) goes through the HTML adapter, offsets carried over. In a
   * list or quote the node's value lacks the line prefixes of the file, so the value is aligned with it first.
   */
  private html(value: string, span: Span): void {
    // align() turns the value's line endings into '\n'; the HTML is parsed from that same text.
    const source = align(this.file, span.start, span.end, value);
    const { drafts } = htmlDrafts(source.text, { normalize: this.normalize });
    for (const draft of drafts) {
      const moved = relocate(draft, source, span);
      if (this.note && moved.kind !== 'heading') {
        moved.kind = 'note';
        delete moved.marker;
      }
      this.drafts.push(moved);
    }
  }

  /** The text of inline content: emphasis, code and link markup removed, breaks as '\n', images left out. */
  private inline(nodes: PhrasingContent[]): Chunk {
    const parts: SourcedText[] = [];
    const links: Link[] = [];
    const openAnchors: { from: number; links: number; href: string; start: number }[] = [];
    let bold: string | undefined;
    const visit = (node: PhrasingContent): void => {
      switch (node.type) {
        case 'text':
        case 'inlineCode': {
          const span = this.span(node);
          parts.push(align(this.file, span.start, span.end, node.value, node.type === 'text' ? decodeHTMLStrict : undefined));
          return;
        }
        case 'break':
          parts.push(synthetic('\n'));
          return;
        case 'html': {
          // Inline HTML: <br> breaks the line; <a href> … </a> is a link like Markdown's own; other tags show nothing.
          if (/^<br\s*\/?>$/i.test(node.value)) parts.push(synthetic('\n'));
          const href = ANCHOR.exec(node.value);
          if (href) {
            const target = decodeHTMLAttribute(href[1] ?? href[2] ?? href[3]).trim();
            openAnchors.push({ from: parts.length, links: links.length, href: target, start: this.span(node).start });
          } else if (/^<\/a\s*>$/i.test(node.value) && openAnchors.length) {
            const open = openAnchors.pop()!;
            // The anchor is the link; an address autolinked inside it is the same link.
            links.splice(open.links);
            if (open.href) links.push({ text: trim(concat(parts.slice(open.from))).text, href: open.href, span: { start: open.start, end: this.span(node).end } });
          }
          return;
        }
        case 'strong': {
          // The first bold text: a label when a line (after its marker) opens with it, see boldLabel.
          const first = bold === undefined;
          const from = parts.length;
          node.children.forEach(visit);
          if (first) bold = trim(concat(parts.slice(from))).text;
          return;
        }
        case 'emphasis':
        case 'delete':
          node.children.forEach(visit);
          return;
        case 'link':
        case 'linkReference': {
          const from = parts.length;
          node.children.forEach(visit);
          const href = node.type === 'link' ? node.url : this.definitions.get(node.identifier);
          if (href) links.push({ text: trim(concat(parts.slice(from))).text, href, span: this.span(node) });
          return;
        }
        default:
          // image, imageReference, footnoteReference: not read as text.
          return;
      }
    };
    nodes.forEach(visit);
    return { text: parts.length ? concat(parts) : EMPTY, links, ...(bold ? { bold } : {}) };
  }

  /** Records the link reference definitions ([label]: url) that `[text][label]` links resolve to. */
  collectDefinitions(tree: Parents): void {
    for (const node of tree.children) {
      if (node.type === 'definition') this.definitions.set(node.identifier, node.url);
      else if ('children' in node) this.collectDefinitions(node);
    }
  }
}
