/** @module Presenters: engine objects → the JSON shapes of the public contract (shared/API.md). */
import type { Entry } from '../model';
import type { Hit, SearchEngine } from '../search/engine';

/** Each engine's source titles by file name, built on first use. */
const titles = new WeakMap<SearchEngine, Map<string, string>>();

/** The title of the source an entry comes from (the artifact's sources list it; a page shows it with the passage). */
function sourceTitle(engine: SearchEngine, doc: string): string | undefined {
  let byDoc = titles.get(engine);
  if (!byDoc) titles.set(engine, (byDoc = new Map(engine.artifact.sources.map((s) => [s.doc, s.title]))));
  return byDoc.get(doc);
}

/** An entry without query-dependent fields (GET /v1/entries/:id). */
export function presentEntry(entry: Entry, engine: SearchEngine) {
  return {
    id: entry.id,
    provider: engine.ref(entry.provider) ?? { id: entry.provider, name: entry.provider },
    category: entry.category,
    question: entry.question,
    answer: entry.answer,
    steps: entry.steps.map((s) => ({ title: s.title, text: s.text, source: s.source })),
    source: { doc: entry.source.doc, start: entry.source.start, end: entry.source.end, title: sourceTitle(engine, entry.source.doc) },
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
