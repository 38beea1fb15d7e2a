/**
 * @module The .html adapter: parse5 (the WHATWG parsing algorithm, with source offsets) turns the page into a tree;
 * only what a reader sees becomes blocks. Site chrome (nav, site header and footer, aside), scripts, styles, form
 * controls and hidden elements are left out. Spans point at an element's text in the file; entities are decoded in
 * `text` and, not being held verbatim by the file, fall outside the runs.
 */
import { decodeHTML } from 'entities';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import type { Link, Marker, MarkerKind, Span } from '../article';
import { BuildError } from '../errors';
import {
  type Draft,
  EMPTY,
  LineIndex,
  type SourcedText,
  align,
  attachLinks,
  collapseWhitespace,
  concat,
  join,
  lines,
  requireContent,
  slice,
  synthetic,
  toBlock,
  trim,
} from './blocks';
import type { FormatAdapter } from './index';
import { type LineOptions, headingDraft, itemDraft, lineDrafts, paragraphDrafts, questionDraft, questionItemDrafts, spanUnion } from './line-blocks';
import { recordRows, tableRecordDrafts } from './records';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];

export interface HtmlOptions {
  normalize: (s: string) => string;
  /**
   * The markup is a structured source's answer (rich text in a CSV field or JSON string): its headings,
   * summaries and 问： lines are part of the answer, not questions or sections of their own.
   */
  inAnswer?: boolean;
}

export const htmlAdapter: FormatAdapter = {
  format: 'html',
  extensions: ['html', 'htm'],
  parse(file, context) {
    requireContent(file);
    const { drafts, title } = htmlDrafts(file.text, { normalize: context.normalize });
    if (drafts.length === 0) throw new BuildError(file.path, 1, 'no content: nothing visible (only markup, scripts or site chrome)');
    const lineIndex = new LineIndex(file.text);
    return {
      doc: file.doc,
      path: file.path,
      format: 'html',
      text: file.text,
      ...(title ? { title } : {}),
      blocks: drafts.map((draft) => toBlock(draft, lineIndex, context)),
    };
  },
};

/** The blocks of an HTML document or fragment, with offsets into `source`, and its `<title>` (or first `<h1>`). */
export function htmlDrafts(source: string, options: HtmlOptions): { drafts: Draft[]; title?: string } {
  const document = parse(source, { sourceCodeLocationInfo: true });
  const walk = new Walk(source, options, controlledIds(document));
  walk.children(document);
  walk.flush();
  walk.closeItem();
  const drafts = options.inAnswer ? walk.drafts.map(asAnswerText) : walk.drafts;
  return { drafts, title: walk.title ?? walk.firstH1 };
}

function asAnswerText(draft: Draft): Draft {
  if (draft.kind !== 'heading' && draft.kind !== 'question') return draft;
  const { level: _level, ...rest } = draft;
  return { ...rest, kind: 'paragraph' };
}

/** Never shown: scripts, styles, metadata, embedded objects and form controls. */
const INVISIBLE = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'link', 'meta', 'base', 'iframe', 'object', 'embed', 'svg', 'math',
  'canvas', 'audio', 'video', 'map', 'img', 'picture', 'input', 'select', 'textarea', 'option', 'optgroup', 'datalist',
  'output', 'progress', 'meter', 'dialog',
]);
/** Site chrome: navigation and side content everywhere; header and footer outside an article (see Walk.scoped). */
const CHROME = new Set(['nav', 'aside']);
const PAGE_CHROME = new Set(['header', 'footer']);
/** ARIA roles of the same chrome. */
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
/**
 * Class and id words of the parts of a help-centre page around an article's text: its byline, votes, share and
 * call-to-action buttons, related articles, comments and pager (Zendesk's article-author, article-votes,
 * article-relatives; WordPress's comments-area, wp-block-buttons). The page's own containers (html, body, main,
 * article) are never chrome, whatever their classes.
 */
const CHROME_WORDS = new Set([
  'author', 'buttons', 'byline', 'breadcrumb', 'breadcrumbs', 'comment', 'comments', 'feedback', 'pager', 'pagination', 'related', 'relatives',
  'share', 'sharing', 'sidebar', 'social', 'vote', 'votes',
]);
const NEVER_CHROME = new Set(['html', 'body', 'main', 'article']);
/**
 * Elements a browser displays as blocks by default. Every other element (span, a, strong, font, Word's o:p, a
 * custom element) is inline: its text runs on inside the enclosing block.
 */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'xmp',
]);
/** Class words of a button that opens an FAQ answer. */
const TOGGLE_WORDS = new Set(['accordion', 'question', 'toggle', 'collapse', 'collapsible', 'faq']);
/** Block elements that end the own text of the list item they sit in (what follows is not the item's text). */
const ENDS_ITEM_TEXT = new Set(['ol', 'ul', 'menu', 'dl', 'table', 'blockquote', 'details', 'pre', 'hr', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HEADING = /^h([1-6])$/;
/** A line break inside gathered text until lines are split (U+2028 is the Unicode line separator). */
const BREAK = '\u2028';

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Bold text: <b>, <strong>, or a font weight in the style attribute as CMS editors write it. */
function isBold(el: Element): boolean {
  if (el.tagName === 'b' || el.tagName === 'strong') return true;
  return /font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b/i.test(attr(el, 'style') ?? '');
}

/** Where a link leads; an in-page anchor (#top) or a script (javascript:) leads nowhere a reader can be sent. */
function linkTarget(el: Element): string | undefined {
  const href = attr(el, 'href')?.trim();
  return href && !href.startsWith('#') && !/^javascript:/i.test(href) ? href : undefined;
}

/** Words of an element's class names ("faq-item__q" → faq, item, q). */
function classWords(el: Element): string[] {
  return (attr(el, 'class') ?? '').toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

/** Words of an element's id ("comments", "related-posts" → related, posts). */
function idWords(el: Element): string[] {
  return (attr(el, 'id') ?? '').toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

/** Whether an element shows nothing a reader reads as the article: not part of it, or hidden. */
function isHidden(el: Element, scoped: boolean, inTitle = false): boolean {
  return isNotArticle(el, scoped, inTitle) || isConcealed(el);
}

/**
 * Scripts, metadata, form controls and site chrome. A button is a form control, unless it is the toggle of an FAQ
 * item (an accordion's question is often a button) or sits in a heading or question (`inTitle`).
 */
function isNotArticle(el: Element, scoped: boolean, inTitle = false): boolean {
  const tag = el.tagName;
  if (INVISIBLE.has(tag) || CHROME.has(tag) || (PAGE_CHROME.has(tag) && !scoped)) return true;
  if (CHROME_ROLES.has(attr(el, 'role') ?? '')) return true;
  if (!NEVER_CHROME.has(tag) && [...classWords(el), ...idWords(el)].some((w) => CHROME_WORDS.has(w))) return true;
  return tag === 'button' && !inTitle && !classWords(el).some((w) => TOGGLE_WORDS.has(w));
}

/** Hidden from every reader (aria-hidden: from screen readers), until a script shows it, as a collapsed answer is. */
function isConcealed(el: Element): boolean {
  return isHiddenUntilShown(el) || attr(el, 'aria-hidden') === 'true';
}

/** Not displayed, by the `hidden` attribute or an inline style. */
function isHiddenUntilShown(el: Element): boolean {
  const style = (attr(el, 'style') ?? '').toLowerCase().replace(/\s+/g, '');
  return attr(el, 'hidden') !== undefined || style.includes('display:none') || style.includes('visibility:hidden');
}

/** The ids a toggle names as what it opens (aria-controls), anywhere in the document. */
function controlledIds(root: { childNodes: Node[] }): Set<string> {
  const ids = new Set<string>();
  const visit = (node: Node): void => {
    if (!('tagName' in node)) return;
    for (const id of (attr(node, 'aria-controls') ?? '').split(/\s+/)) if (id) ids.add(id);
    node.childNodes.forEach(visit);
    if (node.tagName === 'template') visit((node as DefaultTreeAdapterMap['template']).content as unknown as Node);
  };
  root.childNodes.forEach(visit);
  return ids;
}

/**
 * An accordion's collapsed answer: hidden in the markup until its question is clicked, the answer all the same. It
 * is the panel a toggle names (aria-controls), or an element hidden by an attribute or style (not merely kept from
 * screen readers, as a decorative aria-hidden breadcrumb is) right after a question, a heading or a toggle (the
 * panel of <h3>问题</h3><div style="display:none">答案</div>). A hidden element anywhere else (an editor's note in an
 * answer) stays hidden.
 */
function isCollapsedAnswer(el: Element, controlled: ReadonlySet<string>): boolean {
  const id = attr(el, 'id');
  if (id && controlled.has(id)) return true;
  const before = isHiddenUntilShown(el) ? previousElement(el) : undefined;
  return before !== undefined && opensAnswer(before);
}

/** The element before `el` among its siblings, when only white space and comments stand between them. */
function previousElement(el: Element): Element | undefined {
  const siblings: Node[] = el.parentNode?.childNodes ?? [];
  for (let i = siblings.indexOf(el) - 1; i >= 0; i--) {
    const node = siblings[i];
    if ('tagName' in node) return node;
    if (node.nodeName === '#text' && (node as TextNode).value.trim()) return undefined;
  }
  return undefined;
}

/** Class words of the element a collapsed answer follows: its question, title, toggle or trigger (toggle-title). */
const PANEL_OPENER_WORDS = new Set(['question', 'title', 'toggle', 'trigger', 'tab']);

/**
 * A question, a heading or a toggle (an element that states aria-expanded or holds one, or one whose class names
 * a question's title or trigger: toggle-title, faq-question): what an answer panel follows.
 */
function opensAnswer(el: Element): boolean {
  if (HEADING.test(el.tagName) || el.tagName === 'dt' || el.tagName === 'summary' || isQuestionElement(el, false)) return true;
  if (classWords(el).some((w) => PANEL_OPENER_WORDS.has(w))) return true;
  const toggles = (e: Element): boolean => attr(e, 'aria-expanded') !== undefined || e.childNodes.some((c) => 'tagName' in c && toggles(c));
  return toggles(el);
}

/** An element that holds an FAQ question: a class naming it (question, faq-q, q) or schema.org Question's name. */
function isQuestionElement(el: Element, inSchemaQuestion: boolean): boolean {
  const words = classWords(el);
  if (words.includes('question') || words.includes('questions') || (attr(el, 'class') ?? '').split(/\s+/).some((c) => /^(?:.*[-_])?q$/i.test(c)))
    return !words.includes('answer');
  return inSchemaQuestion && attr(el, 'itemprop') === 'name';
}

/**
 * A container of one FAQ item (faq-item, qa-entry, accordion-item): its first heading or bold line is the
 * question. A container of many (class "faq", "faq-list") is not one: its headings are section headings.
 */
function isFaqItem(el: Element): boolean {
  const words = classWords(el);
  const faq = words.includes('faq') || words.includes('qa') || words.includes('accordion');
  return faq && ['item', 'entry', 'card', 'panel'].some((w) => words.includes(w));
}

/** Text gathered from inline content, with its span (first to last visible character), links and leading bold text. */
interface Chunk {
  text: SourcedText;
  span: Span;
  links: Link[];
  /** The chunk's first bold text (collapsed and trimmed), if any. */
  bold?: string;
}

/** Collects the inline content of one block as it is walked. */
class Inline {
  private parts: SourcedText[] = [];
  private links: Link[] = [];
  private bold?: { index: number; text?: string };

  constructor(private readonly source: string) {}

  text(node: TextNode): void {
    const loc = node.sourceCodeLocation;
    if (!loc) return;
    this.parts.push(align(this.source, loc.startOffset, loc.endOffset, node.value, decodeHTML));
  }

  lineBreak(): void {
    this.parts.push(synthetic(BREAK));
  }

  /** Marks where a bold element starts; only the first counts (a label when a line opens with it, see boldLabel). */
  openBold(): number | undefined {
    if (this.bold) return undefined;
    this.bold = { index: this.parts.length };
    return this.parts.length;
  }

  closeBold(): void {
    if (this.bold && this.bold.text === undefined) this.bold.text = flat(concat(this.parts.slice(this.bold.index)), true).text;
  }

  openLink(): number {
    return this.parts.length;
  }

  closeLink(index: number, href: string, span: Span): void {
    this.links.push({ text: flat(concat(this.parts.slice(index)), true).text, href, span });
  }

  /** The chunk gathered so far (undefined when nothing visible), and a fresh start. */
  take(collapse: boolean): Chunk | undefined {
    const text = flat(concat(this.parts), collapse);
    const span = spanUnion(lines(text));
    const chunk: Chunk | undefined =
      span === undefined ? undefined : { text, span, links: this.links, ...(this.bold?.text ? { bold: this.bold.text } : {}) };
    this.parts = [];
    this.links = [];
    this.bold = undefined;
    return chunk;
  }
}

/** Collapses white space (unless in `<pre>`) and turns the BREAK placeholders into '\n'. */
function flat(st: SourcedText, collapse: boolean): SourcedText {
  const collapsed = collapse ? collapseWhitespace(st) : st;
  if (!collapsed.text.includes(BREAK)) return collapse ? trim(collapsed) : collapsed;
  const parts: SourcedText[] = [];
  let last = 0;
  for (let i = collapsed.text.indexOf(BREAK); i !== -1; i = collapsed.text.indexOf(BREAK, i + 1)) {
    parts.push(slice(collapsed, last, i), synthetic('\n'));
    last = i + 1;
  }
  parts.push(slice(collapsed, last));
  return concat(parts);
}

/** The list an item is in: how its items are numbered and the number of the next one. */
interface ListState {
  kind: MarkerKind;
  next: number;
}

/** An `<li>` whose own text (up to its first nested list, table, …) is being gathered. */
interface OpenItem {
  marker: Marker;
  chunks: Chunk[];
  done: boolean;
}

/** The walk over the tree: the drafts so far and the context of the current element. */
class Walk {
  readonly drafts: Draft[] = [];
  title?: string;
  firstH1?: string;
  private readonly inline: Inline;
  private depth = -1;
  private list?: ListState;
  private item?: OpenItem;
  private note = false;
  private pre = false;
  /** Inside an article or main element, where header and footer belong to the article. */
  private scoped = false;
  private schemaQuestion = false;
  /** Inside an FAQ item container: whether its question was found yet. */
  private faq?: { found: boolean };
  private headingLevel = 1;
  private headingSeen = false;

  constructor(
    private readonly source: string,
    private readonly options: HtmlOptions,
    /** Ids of the panels toggles open (see isCollapsedAnswer). */
    private readonly controlled: ReadonlySet<string>,
  ) {
    this.inline = new Inline(source);
  }

  private lineOptions(): LineOptions {
    return {
      normalize: this.options.normalize,
      depth: Math.max(0, this.depth),
      questions: !this.options.inAnswer,
      note: this.note,
      continuation: false,
    };
  }

  children(node: { childNodes: Node[] }): void {
    for (const child of node.childNodes) this.node(child);
  }

  private node(node: Node): void {
    if (node.nodeName === '#text') this.inline.text(node as TextNode);
    else if ('tagName' in node) this.element(node);
  }

  private element(el: Element): void {
    const tag = el.tagName;
    if (tag === 'head' || tag === 'title') return this.head(el);
    if (isNotArticle(el, this.scoped) || (isConcealed(el) && !isCollapsedAnswer(el, this.controlled))) return;
    if (tag === 'br') return this.inline.lineBreak();
    // A question may be marked on an inline element (<span itemprop="name">); it is a block all the same.
    const question = tag === 'summary' || tag === 'dt' || isQuestionElement(el, this.schemaQuestion);
    if (!BLOCK.has(tag) && !question) return this.phrasing(el, () => this.children(el));
    this.flush();
    // The open item is the <li> this element sits in: what follows its own text is more of it.
    if (ENDS_ITEM_TEXT.has(tag)) this.closeItem(true);
    const saved = { scoped: this.scoped, faq: this.faq, schemaQuestion: this.schemaQuestion, note: this.note, pre: this.pre };
    if (tag === 'article' || tag === 'main') this.scoped = true;
    if (/schema\.org\/Question$/i.test(attr(el, 'itemtype') ?? '')) this.schemaQuestion = true;
    if (isFaqItem(el) || tag === 'details') this.faq = { found: false };
    const heading = HEADING.exec(tag);
    if (heading) this.heading(el, Number(heading[1]));
    else if (question) this.question(el);
    else if (tag === 'ol' || tag === 'ul' || tag === 'menu') this.listElement(el);
    else if (tag === 'li') this.listItem(el);
    else if (tag === 'table') this.table(el);
    else {
      if (tag === 'blockquote') this.note = true;
      if (tag === 'pre' || tag === 'listing' || tag === 'xmp') this.pre = true;
      this.children(el);
      this.flush();
    }
    Object.assign(this, saved);
  }

  /** The document's title (parse5 keeps a `<title>` of a fragment where it stands, outside any head). */
  private head(el: Element): void {
    const title = el.tagName === 'title' ? el : el.childNodes.find((n): n is Element => 'tagName' in n && n.tagName === 'title');
    if (!title || this.title !== undefined) return;
    const chunk = gather(title, this.source, this.scoped, true);
    if (chunk) this.title = join(lines(chunk.text), ' ').text;
  }

  /** An inline element: bold lead-ins and links are recorded around its content. */
  private phrasing(el: Element, content: () => void): void {
    const bold = isBold(el) ? this.inline.openBold() : undefined;
    const href = el.tagName === 'a' ? linkTarget(el) : undefined;
    const link = href ? this.inline.openLink() : undefined;
    content();
    if (link !== undefined) this.inline.closeLink(link, href!, elementSpan(el));
    if (bold !== undefined) this.inline.closeBold();
  }

  /** Ends the current block of inline content: its lines become blocks, or the open item's own text. */
  flush(): void {
    const chunk = this.inline.take(!this.pre);
    if (!chunk) return;
    if (this.item && !this.item.done) this.item.chunks.push(chunk);
    else this.flow(chunk);
  }

  private flow(chunk: Chunk): void {
    const drafts = paragraphDrafts(chunk.text, chunk.span, chunk.bold, this.lineOptions(), (line, span) =>
      this.headingDraft(line, span, Math.min(6, this.headingLevel + 1), false),
    );
    this.push(drafts, chunk.links);
  }

  private push(drafts: Draft[], links: Link[]): void {
    this.drafts.push(...attachLinks(drafts, links));
  }

  /** A heading, or the question of the FAQ item it opens. Bold lines count as sub-headings but not as `<h1>`. */
  private headingDraft(text: SourcedText, span: Span, level: number, real: boolean): Draft {
    if (this.faq && !this.faq.found) {
      this.faq.found = true;
      return { ...questionDraft(text, span, this.options.normalize), level };
    }
    if (real) {
      this.headingLevel = level;
      if (!this.headingSeen && level === 1) this.firstH1 = text.text;
      this.headingSeen = true;
    }
    return headingDraft(text, span, level, this.options.normalize);
  }

  private heading(el: Element, level: number): void {
    const chunk = gather(el, this.source, this.scoped, true);
    if (!chunk) return;
    this.push([this.headingDraft(join(lines(chunk.text), '\n'), chunk.span, level, true)], chunk.links);
  }

  private question(el: Element): void {
    const chunk = gather(el, this.source, this.scoped, true);
    if (!chunk) return;
    if (this.faq) this.faq.found = true;
    this.push([questionDraft(join(lines(chunk.text), '\n'), chunk.span, this.options.normalize)], chunk.links);
  }

  private listElement(el: Element): void {
    const saved = this.list;
    const ordered = el.tagName === 'ol';
    const type = attr(el, 'type') ?? '1';
    const start = Number.parseInt(attr(el, 'start') ?? '1', 10);
    this.list = { kind: !ordered ? 'bullet' : /^[aA]$/.test(type) ? 'letter' : 'decimal', next: Number.isFinite(start) ? start : 1 };
    this.depth++;
    this.children(el);
    this.flush();
    this.closeItem();
    this.depth--;
    this.list = saved;
  }

  private listItem(el: Element): void {
    this.closeItem();
    const list = this.list ?? { kind: 'bullet' as const, next: 1 };
    const value = Number.parseInt(attr(el, 'value') ?? '', 10);
    const ordinal = Number.isFinite(value) ? value : list.next;
    list.next = ordinal + 1;
    const saved = this.item;
    const depth = Math.max(0, this.depth);
    this.item = { marker: list.kind === 'bullet' ? { kind: 'bullet', depth } : { kind: list.kind, ordinal, depth }, chunks: [], done: false };
    this.children(el);
    this.flush();
    this.closeItem();
    this.item = saved;
  }

  /** Emits the open item from its own text, once; `followed` when blocks of the item come after that text. */
  closeItem(followed = false): void {
    const item = this.item;
    if (!item || item.done) return;
    item.done = true;
    if (item.chunks.length === 0) return;
    const { chunks } = item;
    const span = { start: chunks[0].span.start, end: chunks[chunks.length - 1].span.end };
    const text = join(chunks.flatMap((c) => lines(c.text)), '\n');
    const options = this.lineOptions();
    const drafts = questionItemDrafts(text, span, item.marker, chunks[0].bold, options, followed) ?? [itemDraft(text, span, item.marker, chunks[0].bold, options)];
    this.push(drafts, chunks.flatMap((c) => c.links));
  }

  /** The blocks of a table cell that holds an answer: its own paragraphs and lists, read as answer text. */
  private cellDrafts(cell: Element): Draft[] {
    const walk = new Walk(this.source, { ...this.options, inAnswer: true }, this.controlled);
    walk.children(cell);
    walk.flush();
    walk.closeItem();
    return walk.drafts.map(asAnswerText);
  }

  private table(el: Element): void {
    for (const child of el.childNodes)
      if ('tagName' in child && child.tagName === 'caption' && !isHidden(child, this.scoped)) {
        const chunk = gather(child, this.source, this.scoped);
        if (chunk) this.push(lineDrafts(chunk.text, chunk.span, this.lineOptions()), chunk.links);
      }
    const rows = tableRows(el).map((row) => {
      const chunks = row.cells.map((cell) => (isHidden(cell, this.scoped) ? undefined : gather(cell, this.source, this.scoped)));
      const cells = chunks.map((c, i) => ({ text: c ? join(lines(c.text), '\n') : EMPTY, span: c?.span ?? elementSpan(row.cells[i]) }));
      return { cells, elements: row.cells, links: chunks.flatMap((c) => c?.links ?? []), header: row.header, empty: chunks.every((c) => !c) };
    });
    const records = this.options.inAnswer ? undefined : recordRows(rows, this.options.normalize);
    if (records) {
      for (const row of records.rows) {
        const cellDrafts = (_: unknown, index: number) => this.cellDrafts(row.elements[index]);
        this.drafts.push(...tableRecordDrafts(row.cells, records.header, records.columns, this.options.normalize, cellDrafts));
      }
      return;
    }
    if (isLayoutTable(el)) {
      // A table that lays out the page: its cells hold the article's blocks, read in order as anywhere else.
      for (const row of rows)
        for (const cell of row.elements) {
          if (isHidden(cell, this.scoped)) continue;
          this.children(cell);
          this.flush();
        }
      return;
    }
    for (const row of rows) {
      if (row.empty) continue;
      const filled = row.cells.filter((c) => c.text.text);
      const draft: Draft = {
        kind: 'row',
        text: join(
          row.cells.map((c) => c.text),
          ' | ',
        ),
        span: { start: Math.min(...filled.map((c) => c.span.start)), end: Math.max(...filled.map((c) => c.span.end)) },
        cells: row.cells,
      };
      if (row.header) draft.header = true;
      this.push([draft], row.links);
    }
  }
}

/**
 * The whole visible text of an element as one chunk: nested blocks and `<br>` become line breaks. `title`: the
 * element is a heading or question, whose buttons are its text (see isHidden).
 */
function gather(el: Element, source: string, scoped: boolean, title = false): Chunk | undefined {
  const inline = new Inline(source);
  const visit = (node: Node): void => {
    if (node.nodeName === '#text') return inline.text(node as TextNode);
    if (!('tagName' in node) || isHidden(node, scoped, title)) return;
    if (node.tagName === 'br') return inline.lineBreak();
    const bold = isBold(node) ? inline.openBold() : undefined;
    const href = node.tagName === 'a' ? linkTarget(node) : undefined;
    const link = href ? inline.openLink() : undefined;
    const block = BLOCK.has(node.tagName);
    if (block) inline.lineBreak();
    node.childNodes.forEach(visit);
    if (block) inline.lineBreak();
    if (link !== undefined) inline.closeLink(link, href!, elementSpan(node));
    if (bold !== undefined) inline.closeBold();
  };
  el.childNodes.forEach(visit);
  return inline.take(true);
}

/** Elements that make a cell hold a page's blocks rather than a value. */
const LAYOUT_CONTENT = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'blockquote', 'details']);

/** A table used for layout: one column only, or a cell holding headings, lists or tables of its own. */
function isLayoutTable(table: Element): boolean {
  const rows = tableRows(table);
  if (rows.length > 0 && rows.every((r) => r.cells.length === 1)) return true;
  const holdsBlocks = (el: Element): boolean =>
    el.childNodes.some((c) => 'tagName' in c && (LAYOUT_CONTENT.has(c.tagName) || holdsBlocks(c)));
  return rows.some((r) => r.cells.some(holdsBlocks));
}

/** The element in the file, start tag to end tag. */
function elementSpan(el: Element): Span {
  const loc = el.sourceCodeLocation;
  return loc ? { start: loc.startOffset, end: loc.endOffset } : { start: 0, end: 0 };
}

/** The rows of a table (not of tables nested in its cells), each with its cells and whether it is a header row. */
function tableRows(table: Element): { row: Element; cells: Element[]; header: boolean }[] {
  const rows: { row: Element; cells: Element[]; header: boolean }[] = [];
  const visit = (el: Element, inHead: boolean): void => {
    for (const child of el.childNodes) {
      if (!('tagName' in child)) continue;
      if (child.tagName === 'tr') {
        const cells = child.childNodes.filter((c): c is Element => 'tagName' in c && (c.tagName === 'td' || c.tagName === 'th'));
        if (cells.length === 0) continue;
        rows.push({ row: child, cells, header: inHead || cells.every((c) => c.tagName === 'th') });
      } else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') visit(child, child.tagName === 'thead');
    }
  };
  visit(table, false);
  return rows;
}
