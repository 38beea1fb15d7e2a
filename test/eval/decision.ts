/**
 * @module The answer decision judged: for each labelled question, whether /v1/answer's answer (or the entry it would
 * answer with at a lower threshold) is correct, then precision and recall of `answered` over thresholds, the
 * operating point, and the precision–recall curve as an SVG.
 */
import type { Entry } from '../../src/model';
import { answer, type Answer, type DecisionFeatures } from '../../src/search/answer';
import type { SearchEngine } from '../../src/search/engine';
import { holdsLabel, type Accept, type LabelledQuery } from './evaluate';

/** How one question came out. */
export interface Judged {
  query: LabelledQuery;
  /** The sources can answer it: an entry of the provider it names (or the general guidance's) holds a label. */
  answerable: boolean;
  /** The entry /v1/answer answers with, or would at a lower threshold, is a correct answer. */
  correct: boolean;
  confidence: number;
  answered: boolean;
  kind: Answer['kind'];
  /** The candidate entry's id, for reports. */
  entry: string | null;
  /** What the decision read, for an entry answer (what the calibration is fitted on). */
  features: DecisionFeatures | null;
}

/**
 * Judges /v1/answer on one question. A question naming a provider is answerable only from that provider's entries
 * or the general guidance (provider isolation): a label that only another provider's entry holds makes it a
 * question the sources do not answer for that provider. A contact answer from the right provider's guidance is
 * correct for a contact-labelled question, or when a statement it cites holds a label.
 */
export function judge(engine: SearchEngine, query: LabelledQuery, entries: Entry[], general: string, accept: Accept = holdsLabel): Judged {
  const a = answer(engine, { q: query.q });
  const allowed = (provider: string) => query.provider === null || provider === query.provider || provider === general;
  const holds = (e: Entry) => allowed(e.provider) && accept(query, e);
  const answerable = !query.ood && (query.contact === true || entries.some(holds));
  const contactOk =
    a.kind === 'contact' &&
    a.contact !== null &&
    (query.provider ? a.contact.provider.id === query.provider : a.contact.general) &&
    (query.contact === true || a.citations.some((c) => query.expect.some((s) => c.text.includes(s))));
  const correct = !query.ood && a.candidate !== null && (contactOk || holds(a.candidate.entry));
  return { query, answerable, correct, confidence: a.confidence, answered: a.answered, kind: a.kind, entry: a.candidate?.entry.id ?? null, features: a.features };
}

/** Precision and recall of answering when confidence ≥ threshold. */
export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  answered: number;
}

/** Precision and recall of `answered` as the decision made them. */
export function decisionMetrics(judged: Judged[]): { positives: number; negatives: number; answered: number; precision: number | null; recall: number | null } {
  const answered = judged.filter((j) => j.answered);
  const tp = answered.filter((j) => j.correct).length;
  const positives = judged.filter((j) => j.answerable).length;
  return {
    positives,
    negatives: judged.length - positives,
    answered: answered.length,
    precision: answered.length ? tp / answered.length : null,
    recall: positives ? tp / positives : null,
  };
}

/** The curve over every threshold that changes the decision (each distinct confidence), highest first. */
export function prCurve(judged: Judged[]): CurvePoint[] {
  const positives = judged.filter((j) => j.answerable).length;
  const candidates = judged.filter((j) => j.entry !== null).sort((a, b) => b.confidence - a.confidence);
  const points: CurvePoint[] = [];
  let tp = 0;
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i].correct) tp++;
    if (i + 1 < candidates.length && candidates[i + 1].confidence === candidates[i].confidence) continue;
    points.push({ threshold: candidates[i].confidence, precision: tp / (i + 1), recall: positives ? tp / positives : 0, answered: i + 1 });
  }
  return points;
}

/** The point with the most recall whose precision is at least `minPrecision` (the lowest such threshold), or null. */
export function operatingPoint(curve: CurvePoint[], minPrecision: number): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const p of curve) if (p.precision >= minPrecision && (!best || p.recall > best.recall)) best = p;
  return best;
}

/** A minimal SVG of precision against recall, with the operating point and the shipped threshold marked. */
export function curveSvg(curve: CurvePoint[], marks: { label: string; point: CurvePoint | null; color: string }[], title: string): string {
  const W = 480;
  const H = 360;
  const pad = { left: 56, right: 20, top: 36, bottom: 48 };
  const x = (recall: number) => pad.left + recall * (W - pad.left - pad.right);
  const y = (precision: number) => H - pad.bottom - precision * (H - pad.top - pad.bottom);
  const fmt = (n: number) => n.toFixed(1);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="13">${esc(title)}</text>`,
  ];
  for (let i = 0; i <= 10; i += 2) {
    const v = i / 10;
    parts.push(`<line x1="${fmt(x(0))}" y1="${fmt(y(v))}" x2="${fmt(x(1))}" y2="${fmt(y(v))}" stroke="#eee"/>`);
    parts.push(`<line x1="${fmt(x(v))}" y1="${fmt(y(0))}" x2="${fmt(x(v))}" y2="${fmt(y(1))}" stroke="#eee"/>`);
    parts.push(`<text x="${fmt(x(0) - 6)}" y="${fmt(y(v) + 4)}" text-anchor="end">${v.toFixed(1)}</text>`);
    parts.push(`<text x="${fmt(x(v))}" y="${fmt(y(0) + 16)}" text-anchor="middle">${v.toFixed(1)}</text>`);
  }
  parts.push(`<line x1="${fmt(x(0))}" y1="${fmt(y(0))}" x2="${fmt(x(1))}" y2="${fmt(y(0))}" stroke="#333"/>`);
  parts.push(`<line x1="${fmt(x(0))}" y1="${fmt(y(0))}" x2="${fmt(x(0))}" y2="${fmt(y(1))}" stroke="#333"/>`);
  parts.push(`<text x="${fmt((x(0) + x(1)) / 2)}" y="${H - 12}" text-anchor="middle">recall of answered</text>`);
  parts.push(`<text x="14" y="${fmt((y(0) + y(1)) / 2)}" text-anchor="middle" transform="rotate(-90 14 ${fmt((y(0) + y(1)) / 2)})">precision of answered</text>`);
  if (curve.length) {
    const path = curve.map((p) => `${fmt(x(p.recall))},${fmt(y(p.precision))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>`);
  }
  marks.forEach((m, i) => {
    if (!m.point) return;
    const cx = x(m.point.recall);
    const cy = y(m.point.precision);
    parts.push(`<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="4" fill="${m.color}"/>`);
    parts.push(`<text x="${fmt(x(0) + 8)}" y="${fmt(y(0) - 10 - 14 * i)}" fill="${m.color}">${esc(m.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
