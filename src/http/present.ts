/** @module Presenters: engine objects → the JSON shapes of the public contract (docs/api.md). */
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
    source: { doc: entry.source.doc, start: entry.source.start, end: entry.source.end, title: engine.sourceTitle(entry.source.doc) },
  };
}

/** A ranked search result. */
export function presentHit(hit: Hit, engine: SearchEngine) {
  // Fields added to the entry's object rather than spread into a new one: the spread's garbage outlives a
  // scavenge and V8 promotes it, which makes every scavenge slower (see SearchEngine.complete).
  return Object.assign(presentEntry(hit.entry, engine), {
    snippet: hit.snippet.text,
    highlights: hit.snippet.highlights,
    score: Math.round(hit.score * 1000) / 1000,
  });
}
