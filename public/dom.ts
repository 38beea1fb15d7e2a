/**
 * @module DOM helpers shared by the page and the widget. Elements are made with createElement and filled with text
 * nodes, so API text is never parsed as HTML; highlights are `<mark>` elements cut at UTF-16 offsets; a link is
 * made only from an absolute URL of a scheme a person can safely follow.
 */

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element; string children become text nodes. `attrs` are attributes (booleans add or omit them). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** `text` with `<mark>` around the given [start, end) UTF-16 ranges (clamped, sorted; overlaps merged). */
export function highlighted(text: string, ranges: readonly (readonly [number, number])[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  const clamp = (i: number) => Math.max(0, Math.min(i, text.length));
  let at = 0;
  for (const [s0, e0] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(clamp(s0), at);
    const end = clamp(e0);
    if (end <= start) continue;
    if (start > at) frag.appendChild(document.createTextNode(text.slice(at, start)));
    frag.appendChild(h('mark', null, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
  return frag;
}

/** A step of a procedure: its title in bold and a colon when it has one, then its text. */
export function stepText(step: { title: string; text: string }): Child[] {
  return step.title ? [h('strong', { class: 'step-title' }, step.title), '：', step.text] : [step.text];
}

const LINK_SCHEMES = new Set(['tel:', 'mailto:', 'https:', 'http:']);

/** `href` when it is an absolute URL whose scheme is tel:, mailto:, https: or http:; otherwise null. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    return LINK_SCHEMES.has(new URL(href).protocol) ? href : null;
  } catch {
    return null;
  }
}
