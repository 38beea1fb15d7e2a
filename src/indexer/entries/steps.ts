/**
 * @module Build-only: an entry's steps from the list items of its body, whatever their markers (1. ① 第一步 Step 1 •).
 * Items nested under an item belong to its step; items of a list a note introduces (温馨提示：• … • …) are caveats,
 * never steps.
 */
import { shownText, type Block } from '../article';
import type { SourceSpan, Step } from '../../model';

/** A note that only opens what follows (温馨提示：, 注意事项：) makes the list under it part of the note. */
function opensNoteList(block: Block): boolean {
  return block.kind === 'note' && (block.text.trim() === '' || /[:：]$/.test(block.text.trim()));
}

/** The items of `body` that are steps, each with the items nested under it. */
export function stepItems(body: Block[]): Block[][] {
  const steps: Block[][] = [];
  let inNoteList = false;
  let topDepth = -1;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b.kind !== 'item') {
      inNoteList = opensNoteList(b);
      topDepth = -1;
      continue;
    }
    if (inNoteList) continue;
    const depth = b.marker?.depth ?? 0;
    if (topDepth === -1 || depth <= topDepth) {
      topDepth = depth;
      steps.push([b]);
    } else {
      steps[steps.length - 1].push(b);
    }
  }
  return steps;
}

/** One step: the item's label as title, its text (nested items on lines of their own), its span to the last of them. */
export function toStep(items: Block[], doc: string): Step {
  const [item, ...nested] = items;
  const text = [item.text, ...nested.map(shownText)].join('\n');
  const source: SourceSpan = { doc, start: item.span.start, end: items[items.length - 1].span.end };
  return { title: item.label?.text.trim() ?? '', text, source };
}
