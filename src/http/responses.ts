/**
 * @module The bodies of the search and answer routes, built in one place so every surface that answers a question
 * (GET /v1/search and /v1/answer, and any other protocol that wraps them) gives the same answer.
 */
import type { Category } from '../model';
import { hasLetterOrDigit } from '../text/char-class';
import { composeText, decide } from '../search/answer';
import type { SearchEngine } from '../search/engine';
import type { ShardLoader } from '../search/shards';
import { ApiError, excerpt } from './errors';
import { presentHit } from './present';

/** A search request after parameter validation. */
export interface SearchRequest {
  q: string;
  provider?: string;
  category?: Category;
  limit: number;
}

/** An answer request after parameter validation. */
export interface AnswerRequest {
  q: string;
  provider?: string;
}

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
export async function searchBody(engine: SearchEngine, params: SearchRequest, load: ShardLoader) {
  const t0 = performance.now();
  const out = await engine.searchAsync(params, load);
  return {
    query: params.q,
    normalized: out.analysis.normalized,
    terms: out.analysis.terms,
    provider: out.provider ? { id: out.provider.id, name: out.provider.name } : null,
    category: out.category,
    results: out.hits.map((h) => presentHit(h, engine)),
    contact: out.contact,
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
  };
}

/** The body of GET /v1/answer. */
export async function answerBody(engine: SearchEngine, params: AnswerRequest, load: ShardLoader) {
  const { q, provider } = params;
  const out = await engine.searchAsync({ q, provider, limit: 3 }, load);
  const decision = decide(out.hits);
  const best = decision.answered ? out.hits[0] : null;
  return {
    query: q,
    answered: decision.answered,
    confidence: decision.confidence,
    answer: best ? presentHit(best, engine) : null,
    alternatives: out.hits.slice(best ? 1 : 0, best ? 3 : 2).map((h) => presentHit(h, engine)),
    contact: out.contact,
    text: composeText(best, decision, out.contact),
  };
}
