/** @module Presenters: engine objects → the JSON shapes of the public contract (shared/API.md). */
import type { Entry } from '../model';
import type { Hit, SearchEngine } from '../search/engine';

/** An entry without query-dependent fields (GET /v1/entries/:id). */
export function presentEntry(entry: Entry, engine: SearchEngine) {
  return {
    id: entry.id,
    provider: engine.ref(entry.provider) ?? { id: entry.provider, name: entry.provider },
    category: entry.category,
    question: entry.question,
    answer: entry.answer,
    steps: entry.steps.map((s) => ({ title: s.title, text: s.text, source: s.source })),
    source: entry.source,
  };
}

/** A ranked search result. */
export function presentHit(hit: Hit, engine: SearchEngine) {
  return {
    ...presentEntry(hit.entry, engine),
    snippet: hit.snippet.text,
    highlights: hit.snippet.highlights,
    score: Math.round(hit.score * 1000) / 1000,
  };
}
