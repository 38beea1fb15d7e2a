/**
 * @module What CSV, TSV and JSON exports share: the blocks of one question–answer record, whose answer may be
 * plain text, rich text (HTML) or a list of steps.
 */
import { type Draft, join, lines, relocate, trim } from './blocks';
import { htmlDrafts } from './html';
import { lineDraft, lineDrafts, spanUnion } from './line-blocks';
import { leadingMarker } from './markers';
import { type FieldValue, answerOptions, questionWithHints } from './records';

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
  const question = questionWithHints(record.question, record, normalize);
  const answer = Array.isArray(record.answer) ? stepDrafts(record.answer, normalize) : answerDrafts(record.answer, normalize);
  return [question, ...answer];
}

/** An answer field: rich text through the HTML adapter, plain text line by line. */
export function answerDrafts(value: FieldValue, normalize: (s: string) => string): Draft[] {
  if (!HTML_ANSWER.test(value.text.text)) return lineDrafts(value.text, value.span, answerOptions(normalize));
  const { drafts } = htmlDrafts(value.text.text, { normalize, inAnswer: true });
  return drafts.map((draft) => relocate(draft, value.text, value.span));
}

/**
 * An answer given as a list of strings. When none of them is numbered, each is a step in list order (a list of one
 * is the answer's text); when some are, those are the steps and the others (an intro, a closing remark) are running
 * text.
 */
function stepDrafts(values: FieldValue[], normalize: (s: string) => string): Draft[] {
  // One text is an answer, not a procedure of one step.
  if (values.length === 1) return answerDrafts(values[0], normalize);
  const options = answerOptions(normalize);
  if (values.some((v) => leadingMarker(trim(v.text).text) !== undefined || HTML_ANSWER.test(v.text.text)))
    return values.flatMap((value) => answerDrafts(value, normalize));
  let ordinal = 0;
  return values.flatMap((value) => {
    const all = lines(value.text);
    if (all.length === 0) return [];
    const span = spanUnion(all) ?? value.span;
    const draft = lineDraft(all[0], span, options);
    if (!draft) return lineDrafts(join(all.slice(1), '\n'), span, options);
    // An unnumbered element is one step, all its lines, numbered by its place in the list; a labelled line
    // (温馨提示：…) stays what it is.
    if (draft.kind === 'paragraph' && !draft.label) {
      return [{ ...draft, kind: 'item', text: join([draft.text, ...all.slice(1)], '\n'), marker: { kind: 'decimal', ordinal: ++ordinal, depth: 0 } }];
    }
    return [draft, ...lineDrafts(join(all.slice(1), '\n'), span, options)];
  });
}
