/** @module Presenters: engine objects → the JSON shapes of the public contract (docs/api.md). */
import type { Contact, Entry } from '../model';
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

/** The fields a ranked result adds to its entry's, in their order. */
function hitFields(hit: Hit) {
  return { snippet: hit.snippet.text, highlights: hit.snippet.highlights, score: Math.round(hit.score * 1000) / 1000 };
}

/** A ranked search result. */
export function presentHit(hit: Hit, engine: SearchEngine) {
  // Fields added to the entry's object rather than spread into a new one: the spread's garbage outlives a
  // scavenge and V8 promotes it, which makes every scavenge slower (see SearchEngine.complete).
  return Object.assign(presentEntry(hit.entry, engine), hitFields(hit));
}

/**
 * JSON texts of what a search body holds that never changes, kept: the listed entries' (answer and steps, most of a
 * body), for the entries most recently listed, and the providers' contact guidance (one object per provider for
 * the engine's life). Entries are bounded, as a large index holds far more than an isolate should keep twice.
 */
export class KeptJson {
  private entries = new Map<string, string>();
  private fixed = new WeakMap<object, string>();

  constructor(
    private readonly engine: SearchEngine,
    private readonly limit = 512,
  ) {}

  /**
   * `JSON.stringify(presentHit(hit, engine))`: the entry's kept text, which is an object with at least its id, less
   * its closing "}", then the hit's fields, which are never empty (a snippet always has text), less their "{".
   */
  hit(hit: Hit): string {
    return `${this.entry(hit.entry)},${JSON.stringify(hitFields(hit)).slice(1)}`;
  }

  /** `JSON.stringify(contact)`, kept by identity: contact guidance is the artifact's own object, never changed. */
  contact(contact: Contact | null): string {
    if (contact === null) return 'null';
    let text = this.fixed.get(contact);
    if (text === undefined) this.fixed.set(contact, (text = JSON.stringify(contact)));
    return text;
  }

  /** `JSON.stringify(presentEntry(entry, engine))` without its closing "}", kept (the oldest dropped beyond the limit). */
  private entry(entry: Entry): string {
    let text = this.entries.get(entry.id);
    if (text === undefined) {
      text = JSON.stringify(presentEntry(entry, this.engine)).slice(0, -1);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(entry.id, text);
    }
    return text;
  }
}
