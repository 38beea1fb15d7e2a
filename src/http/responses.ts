/**
 * @module The bodies of the search and answer routes, built in one place so every surface that answers a question
 * (GET /v1/search and /v1/answer, and any other protocol that wraps them) gives the same answer.
 */
import type { Category } from '../model';
import { hasLetterOrDigit } from '../text/char-class';
import { answerAsync, isOtherProvider, type AnswerRequest } from '../search/answer';
import { contactValues, entryStatesContactValue } from '../search/contact-values';
import type { Hit, SearchEngine } from '../search/engine';
import type { ShardLoader } from '../search/shards';
import { ApiError, excerpt } from './errors';
import { presentHit, type KeptJson } from './present';

/** A search request after parameter validation. */
export interface SearchRequest {
  q: string;
  provider?: string;
  category?: Category;
  limit: number;
}

export type { AnswerRequest };

/** The provider id if it is known; throws unknown_provider otherwise. An empty id means none. */
export function knownProvider(engine: SearchEngine, id: string | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  if (!engine.providers.has(id))
    throw new ApiError('unknown_provider', `Unknown provider "${excerpt(id)}". Valid ids: ${[...engine.providers.keys()].join(', ')}.`);
  return id;
}

/**
 * Checks what the parameter specs cannot of a search or answer request: a q with a term, then a known provider id
 * (in the contract's order of complaints: q, provider, category, limit, terms, provider id).
 */
export function checkQuestion<P extends { q: string; provider?: string }>(engine: SearchEngine, p: P): P {
  if (!hasLetterOrDigit(engine.normalize(p.q))) throw new ApiError('missing_query', 'The q parameter must contain a search term (letters or digits).');
  return { ...p, provider: knownProvider(engine, p.provider) };
}

/** The body of GET /v1/search. */
export function searchBody(engine: SearchEngine, params: SearchRequest, load: ShardLoader) {
  return searchBodyOf(engine, params, load, (h) => presentHit(h, engine));
}

/**
 * The JSON text of GET /v1/search: `JSON.stringify(searchBody(…))`, with the results and the contact guidance
 * written from `kept` texts.
 */
export async function searchJson(engine: SearchEngine, params: SearchRequest, load: ShardLoader, kept: KeptJson): Promise<string> {
  const body = await searchBodyOf(engine, params, load, (h) => kept.hit(h));
  const results = body.results;
  const contact = body.contact;
  body.results = [];
  body.contact = null;
  return fillHole(JSON.stringify(body), `"results":[${results.join(',')}],"contact":${kept.contact(contact)}`);
}

/** The body of GET /v1/search with its results presented by `present`. */
async function searchBodyOf<R>(engine: SearchEngine, params: SearchRequest, load: ShardLoader, present: (hit: Hit) => R) {
  const t0 = performance.now();
  const out = await engine.searchAsync(params, load);
  // A search about a provider still lists other providers' entries (ranked lower), but none that states a contact
  // value: another provider's number beside the one asked about is the number a user would dial by mistake.
  const hits = out.hits.filter((h) => !isOtherProvider(engine, h, out.provider) || !entryStatesContactValue(h.entry, contactValues(engine.contactOf(h.entry.provider))));
  return {
    query: params.q,
    normalized: out.analysis.normalized,
    terms: out.analysis.terms,
    provider: out.provider ? { id: out.provider.id, name: out.provider.name } : null,
    category: out.category,
    results: hits.map(present),
    contact: out.contact,
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
  };
}

/** A search body's results and contact (adjacent fields) as JSON.stringify writes them empty. */
const HOLE = '"results":[],"contact":null';

/**
 * `json`, a search body written with empty results and contact, with `filled` in their place. The first HOLE is those
 * fields: the fields before them are strings, whose quotes JSON escapes, and objects of fixed keys.
 */
function fillHole(json: string, filled: string): string {
  const at = json.indexOf(HOLE);
  if (at === -1) throw new Error('search body without adjacent results and contact');
  return json.slice(0, at) + filled + json.slice(at + HOLE.length);
}

/** The body of GET /v1/answer (see answer.ts for what it decides). */
export async function answerBody(engine: SearchEngine, params: AnswerRequest, load: ShardLoader) {
  const { q, provider } = params;
  const a = await answerAsync(engine, { q, provider }, load);
  return {
    query: q,
    answered: a.answered,
    confidence: a.confidence,
    answer: a.best ? presentHit(a.best, engine) : null,
    alternatives: a.alternatives.map((alt) => Object.assign(presentHit(alt.hit, engine), { otherProvider: alt.otherProvider })),
    contact: a.contact,
    text: a.text,
    provider: a.provider ? { id: a.provider.id, name: a.provider.name } : null,
    kind: a.kind,
    citations: a.citations,
  };
}
