/** @module The search engine: loads the artifact once per isolate and ranks entries for a query. */
import { entryReader, type Artifact } from '../artifact';
import { CATEGORIES, type Category, type Contact, type Entry, type Provider, type ProviderRef } from '../model';
import { PinyinMatcher } from '../text/pinyin';
import { createAnalyzer, FIELD_BOOSTS, type Analyzer } from './index-options';
import { EntryTable } from './entry-columns';
import { GramIndex } from './gram-index';
import { capPostings, PostingCounts } from './limits';
import { ShardCache, ShardedTable, type ShardLoader } from './shards';
import { SortedTable } from '../text/sorted-table';
import { TermCache } from './term-cache';
import { WordIndex, type TermScores } from './word-index';
import { ProviderDetector } from './provider-detect';
import { analyzeQuery, createSynonyms, type Alternative, type Concept, type QueryAnalysis, type QueryResources } from './query';
import { buildSnippet, type Snippet } from './snippet';

/** Ranking multipliers; each says why in the comment beside it. */
const BOOST = {
  /** An entry of the provider the user named. */
  namedProvider: 1.6,
  /** Provider-neutral guidance still applies when a provider is named. */
  generalWhenNamed: 1.0,
  /** Another provider's entry when one was named: still useful if nothing else answers. */
  otherProvider: 0.55,
  /** The entry's category is the query's intent. */
  category: 1.35,
  /** Intros describe a company; keep them below real answers unless asked about. */
  about: 0.6,
  /** Weight of the bigram fallback inside a tier. */
  grams: 0.15,
  /** The entry that states the service hours the user asks about. */
  hours: 3,
  /** Coordination factor floor and power: score × (floor + (1 − floor) × coverage^power). */
  coordFloor: 0.2,
  coordPower: 1,
} as const;

/** Unknown words beyond this many (in units of the rarest word's weight) no longer lower support. */
const UNKNOWN_CAP = 1.5;

/** Share of a known word's weight an entry earns when an unknown word qualifies it (see search). */
const QUALIFIED_CREDIT = 0.4;

/** Weight of a one-character concept relative to a word (see conceptWeight). */
const SINGLE_CHAR_WEIGHT = 0.5;

/** Search parameters after validation. */
export interface SearchParams {
  q: string;
  provider?: string;
  category?: Category;
  limit: number;
}

/** One ranked entry with the query-dependent parts. */
export interface Hit {
  entry: Entry;
  score: number;
  /** Share (0..1) of the query's known concepts, weighted by rarity, that this entry matches. */
  coverage: number;
  /**
   * Share (0..1) of the whole query this entry supports: matched weight over known weight plus the weight of
   * unknown words (capped). Low when the query is about something the corpus does not cover.
   */
  support: number;
  /**
   * Absolute evidence: the rarity-weighted sum of the query's concepts this entry matches, in units of the
   * rarest word's weight (so it means the same at any corpus size). A long question that the entry answers
   * piles it up even when its small talk keeps `support` low.
   */
  evidence: number;
  /** True when the entry matched on words, not only on character fallback. */
  wordMatch: boolean;
  snippet: Snippet;
}

/** Everything a search produced. */
export interface SearchOutcome {
  analysis: QueryAnalysis;
  provider: Provider | null;
  category: Category | null;
  hits: Hit[];
  contact: Contact | null;
}

/** A ranked entry before its text is needed: position in the index, id and ranking data. */
interface Ranked extends Omit<Hit, 'snippet' | 'entry'> {
  position: number;
  id: string;
}

/** Hit order: word matches before character-fallback matches, then score, then id for a stable order. */
function before(a: Ranked, b: Ranked): boolean {
  if (a.wordMatch !== b.wordMatch) return a.wordMatch;
  if (a.score !== b.score) return a.score > b.score;
  return a.id < b.id;
}

/** What ranking decided: the top entries, or that the provider fallback must run instead. */
type Ranking =
  | { analysis: QueryAnalysis; provider: Provider | null; category: Category | null; top: Ranked[]; fallback?: undefined }
  | { analysis: QueryAnalysis; fallback: SearchParams };

/** A source span with its document as an index into the artifact's `sources` (as the entry columns hold it). */
interface DocSpan {
  doc: number;
  start: number;
  end: number;
}

/** Category → its index in CATEGORIES (the engine keeps categories as small integers per entry). */
const CATEGORY_INDEX = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));

/** Characters of shard text an isolate keeps (about 2 bytes each): a fraction of the 128 MB isolate limit. */
const SHARD_BUDGET = 12_000_000;

/** Engine options. */
export interface EngineOptions {
  /** Characters of shard text kept in memory for a split index (default SHARD_BUDGET). */
  shardBudget?: number;
}

/** The engine over one artifact. Construct once per isolate; `search` is synchronous and pure. */
export class SearchEngine {
  readonly artifact: Artifact;
  readonly analyzer: Analyzer;
  readonly providers: Map<string, Provider>;
  /** The provider-neutral (数字钱包) provider; the build guarantees exactly one. */
  private readonly general: Provider;
  /** Ranking data of the entries in index order (postings refer to entries by position): ids, providers, categories, spans. */
  private readonly table: EntryTable;
  /** The entry at a position of an artifact that is not split (parsed on first use; see parseArtifact). */
  private readonly entryOf: (position: number) => Entry;
  private readonly providerIndex: Map<string, number>;
  /** Source document name → its index in the artifact's `sources` (the entries' span column refers to them so). */
  private readonly docIndex: Map<string, number>;
  /** Shards of a split index (null when everything ships in the artifact). */
  private readonly shards: ShardCache | null;
  private readonly wordTable: ShardedTable | null;
  private readonly gramTable: ShardedTable | null;
  /** Positions of each provider's entries (the candidates of a query that only names a provider). */
  private readonly byProvider = new Map<string, Int32Array>();
  private words: WordIndex;
  private grams: GramIndex;
  private resources: QueryResources;
  private termCache: TermCache;
  /** Posting list lengths without decoding (the query-cost cap, limits.ts). */
  private readonly postingCounts: PostingCounts;
  private pinyinMatcher: PinyinMatcher | null = null;
  /** Every provider's service-hours statement (see hoursSpans), read on first need. */
  private allHoursSpans: DocSpan[] | null = null;
  /**
   * Per-entry accumulators of one search, indexed by entry position. Allocated once: a search touches only the
   * entries its terms occur in and zeroes exactly those again before it returns.
   */
  private readonly acc: {
    word: Float64Array;
    covered: Float64Array;
    gram: Float64Array;
    best: Float64Array;
    share: Float64Array;
    seen: Uint8Array;
    inConcept: Uint8Array;
    /** Entries matched by any term so far (first `candidates` slots used). */
    candidates: Int32Array;
    /** Entries matched by the current concept. */
    touched: Int32Array;
  };

  constructor(artifact: Artifact, options: EngineOptions = {}) {
    this.artifact = artifact;
    this.analyzer = createAnalyzer(artifact.text);
    const split = artifact.split ?? null;
    this.table = new EntryTable(artifact.meta);
    this.entryOf = entryReader(artifact);
    const n = this.table.size;
    if (artifact.words.count !== n || artifact.grams.count !== n) throw new Error(`index covers ${artifact.words.count}/${artifact.grams.count} entries of ${n}`);
    this.shards = split ? new ShardCache(split.base, options.shardBudget ?? SHARD_BUDGET) : null;
    this.wordTable = split ? new ShardedTable(artifact.words.postings, split.wordShards, 'w', this.shards!) : null;
    this.gramTable = split ? new ShardedTable(artifact.grams.postings, split.gramShards, 'g', this.shards!) : null;
    const boosts = artifact.words.fields.map((f) => FIELD_BOOSTS[f as keyof typeof FIELD_BOOSTS] ?? 1);
    this.words = this.wordTable ? new WordIndex(artifact.words, boosts, this.wordTable) : new WordIndex(artifact.words, boosts);
    this.grams = this.gramTable ? new GramIndex(artifact.grams, this.gramTable) : new GramIndex(artifact.grams);
    this.postingCounts = new PostingCounts(this.wordTable ?? new SortedTable(artifact.words.postings), this.gramTable ?? new SortedTable(artifact.grams.postings));
    // Room for the postings of many terms: a query over a large index touches a few of its most common terms.
    this.termCache = new TermCache(Math.max(1 << 16, 32 * n));
    this.providerIndex = new Map(artifact.providers.map((p, i) => [p.id, i]));
    this.docIndex = new Map(artifact.sources.map((s, i) => [s.doc, i]));
    const { providerOf } = this.table;
    const counts = new Int32Array(artifact.providers.length);
    for (let p = 0; p < n; p++) counts[providerOf[p]]++;
    const lists = artifact.providers.map((_, i) => new Int32Array(counts[i]));
    counts.fill(0);
    for (let p = 0; p < n; p++) {
      const i = providerOf[p];
      lists[i][counts[i]++] = p;
    }
    artifact.providers.forEach((provider, i) => {
      if (lists[i].length) this.byProvider.set(provider.id, lists[i]);
    });
    this.providers = new Map(artifact.providers.map((p) => [p.id, p]));
    this.general = artifact.providers.find((p) => p.general)!;
    this.acc = {
      word: new Float64Array(n),
      covered: new Float64Array(n),
      gram: new Float64Array(n),
      best: new Float64Array(n),
      share: new Float64Array(n),
      seen: new Uint8Array(n),
      inConcept: new Uint8Array(n),
      candidates: new Int32Array(n),
      touched: new Int32Array(n),
    };
    const pinyin = () => this.pinyin();
    this.resources = {
      analyzer: this.analyzer,
      detector: new ProviderDetector(artifact.providers, artifact.text.aliases, pinyin),
      pinyin,
      categories: artifact.categories,
      // Shipped normalized and sorted by the build.
      fillers: artifact.text.fillers,
      // Reads the shipped table in place: a group is parsed when a query first holds its character.
      synonyms: createSynonyms(artifact.text.synonyms),
      hoursWords: artifact.text.hoursWords,
    };
  }

  /** The pinyin matcher over the shipped sound data (constructing it costs nothing; its caches fill on use). */
  private pinyin(): PinyinMatcher {
    if (!this.pinyinMatcher) {
      this.pinyinMatcher = new PinyinMatcher(this.artifact.text.sound);
    }
    return this.pinyinMatcher;
  }

  /** Provider as API reference. */
  ref(id: string): ProviderRef | null {
    const p = this.providers.get(id);
    return p ? { id: p.id, name: p.name } : null;
  }

  /** Analyzes the query (exposed for tests and the parity check). */
  analyze(q: string): QueryAnalysis {
    return analyzeQuery(q, this.resources);
  }

  /** The artifact's content hash (changes iff the index changes). */
  get hash(): string {
    return this.artifact.hash;
  }

  /** Every provider, in the registry's order. */
  providerList(): readonly Provider[] {
    return this.artifact.providers;
  }

  /** A provider's contact guidance, or null for an unknown id. */
  contactOf(id: string): Contact | null {
    return this.artifact.contacts[id] ?? null;
  }

  /** `text` through the query pipeline's normalizer (script, width, case, invisible characters). */
  normalize(text: string): string {
    return this.analyzer.normalizer.normalize(text);
  }

  /** Number of entries. */
  get size(): number {
    return this.table.size;
  }

  /** Number of entries of a provider. */
  countOf(provider: string): number {
    return this.byProvider.get(provider)?.length ?? 0;
  }

  /**
   * Ranks entries for `params` with everything in memory: always for an artifact that is not split, and for a
   * split one only once the shards the query needs are loaded (else ShardMissingError; see searchAsync).
   * The provider id must already be validated.
   */
  search(params: SearchParams): SearchOutcome {
    const ranking = this.rank(params, this.analyze(params.q));
    if (ranking.fallback) return this.asFallback(ranking.analysis, this.search(ranking.fallback));
    return this.complete(ranking);
  }

  /**
   * Ranks entries for `params`, first loading the shards of a split index that the query needs (postings of its
   * terms, then the entries it returns) through `load`. Without a split index this is `search`.
   */
  async searchAsync(params: SearchParams, load: ShardLoader): Promise<SearchOutcome> {
    const shards = this.shards;
    if (!shards) return this.search(params);
    const pinned: string[] = [];
    const need = async (names: string[]) => {
      shards.pin(names);
      pinned.push(...names);
      await shards.load(names, load);
    };
    try {
      const analysis = this.analyze(params.q);
      await need(this.postingShards(analysis));
      const ranking = this.rank(params, analysis);
      if (ranking.fallback) return this.asFallback(ranking.analysis, await this.searchAsync(ranking.fallback, load));
      await need(ranking.top.map((r) => this.entryShard(r.position)));
      return this.complete(ranking);
    } finally {
      shards.unpin(pinned);
    }
  }

  /** The entry with this id (loading its shard of a split index first), or undefined. */
  async entryAsync(id: string, load: ShardLoader): Promise<Entry | undefined> {
    const p = this.table.position(id);
    if (p === undefined) return undefined;
    if (!this.shards) return this.entryAt(p);
    const names = [this.entryShard(p)];
    this.shards.pin(names);
    try {
      await this.shards.load(names, load);
      return this.entryAt(p);
    } finally {
      this.shards.unpin(names);
    }
  }

  /** Every entry, in index order (only for an artifact that is not split). */
  allEntries(): Entry[] {
    if (this.shards) throw new Error('the entries of a split index are in shards; use entryAsync');
    return this.artifact.entries;
  }

  private entryShard(position: number): string {
    return `e${Math.floor(position / this.artifact.split!.entriesPerShard)}.json`;
  }

  private entryAt(position: number): Entry {
    if (!this.shards) return this.entryOf(position);
    const per = this.artifact.split!.entriesPerShard;
    return this.shards.get<Entry[]>(this.entryShard(position))[position % per];
  }

  /** Postings shards the query's terms live in. */
  private postingShards(analysis: QueryAnalysis): string[] {
    const names: string[] = [];
    for (const c of analysis.concepts) {
      for (const a of c.alternatives) {
        const name = (a.field === 'words' ? this.wordTable : this.gramTable)!.shardFor(a.term);
        if (name) names.push(name);
      }
    }
    for (const g of analysis.grams) {
      const name = this.gramTable!.shardFor(g);
      if (name) names.push(name);
    }
    return names;
  }

  /** A provider fallback's outcome under the user's own analysis, with no hit counting as a word match. */
  private asFallback(analysis: QueryAnalysis, fallback: SearchOutcome): SearchOutcome {
    return { ...fallback, analysis, hits: fallback.hits.map((h) => ({ ...h, wordMatch: false })) };
  }

  /** Snippets and contact for a ranking. */
  private complete(ranking: Extract<Ranking, { fallback?: undefined }>): SearchOutcome {
    const { analysis, provider, category, top } = ranking;
    const highlightTerms = this.highlightTerms(analysis);
    return {
      analysis,
      provider,
      category,
      // Fields copied by name, not with `({ position, id, ...rest }) => ({ ...rest, … })`: in V8 that object rest
      // and spread left ~0.5 MB of garbage that survived every scavenge and was promoted (at 10k entries, with one
      // search per few hundred µs, scavenges then took 3-5 ms instead of ~1).
      hits: top.map((r) => {
        const entry = this.entryAt(r.position);
        return {
          score: r.score,
          coverage: r.coverage,
          support: r.support,
          evidence: r.evidence,
          wordMatch: r.wordMatch,
          entry,
          snippet: buildSnippet(entry, highlightTerms, this.analyzer),
        };
      }),
      contact: this.contactFor(provider, category),
    };
  }

  /** Scores and orders entries; reads postings only (entry text is not needed until `complete`). */
  private rank(params: SearchParams, query: QueryAnalysis): Ranking {
    this.termCache.begin();
    // At most LIMITS.postings postings to decode and score, the commonest terms left out first (see limits.ts).
    const analysis = capPostings(query, (term, field) => this.termCache.get(`${field}\u0000${term}`)?.positions.length ?? this.postingCounts.count(term, field), this.size);
    const requested = params.provider ? this.providers.get(params.provider) ?? null : null;
    const provider = requested ?? analysis.provider?.provider ?? null;
    // A query that only names a provider ("汇付天下") is asking how to reach it.
    const onlyProvider = analysis.concepts.length === 0 && provider !== null;
    const category = params.category ?? analysis.category ?? (onlyProvider ? 'contact' : null);
    const general = this.general;
    const { word, covered, gram, best, share, seen, inConcept, candidates, touched } = this.acc;
    /** Number of entries any word or gram matched (the first slots of `candidates`). */
    let matchedCount = 0;

    // Per concept, the best weighted score each entry reaches through any alternative, and how much of the
    // concept that match covers (the alternative's weight).
    let knownWeight = 0;
    let unknownWeight = 0;
    let previous: { end: number; known: boolean; multi: boolean } | null = null;
    const single = analysis.concepts.length === 1;
    for (const concept of analysis.concepts) {
      const { weight, known } = this.conceptWeight(concept, single);
      if (known) knownWeight += weight;
      else unknownWeight += weight;
      // A known word right after an unknown word (游戏账号, 路由器密码) is most likely that thing's account or
      // password, not the one the corpus talks about: a match on it earns only part of its weight.
      const qualified = known && previous !== null && !previous.known && previous.multi && previous.end === concept.start;
      previous = { end: concept.end, known, multi: Array.from(concept.surface).length > 1 };
      const credit = qualified ? QUALIFIED_CREDIT : 1;
      if (concept.alternatives.length === 1) {
        // One way to match (the common case): no per-entry best-of bookkeeping, same sums as below.
        const a = concept.alternatives[0];
        const { positions, scores } = this.lookup(a);
        // In a local: alternatives come in several shapes, and reading a double field through a polymorphic load
        // inside the loop allocated a heap number per posting (~1 MB for a long query).
        const w = a.weight;
        const cover = credit * weight * Math.min(1, w);
        for (let i = 0; i < positions.length; i++) {
          const p = positions[i];
          word[p] += scores[i] * w;
          covered[p] += cover;
          if (!seen[p]) {
            seen[p] = 1;
            candidates[matchedCount++] = p;
          }
        }
        continue;
      }
      let touchedCount = 0;
      for (const a of concept.alternatives) {
        const { positions, scores } = this.lookup(a);
        const w = a.weight; // a local, as above
        for (let i = 0; i < positions.length; i++) {
          const p = positions[i];
          const score = scores[i] * w;
          if (!inConcept[p]) {
            inConcept[p] = 1;
            touched[touchedCount++] = p;
            best[p] = score;
            share[p] = w;
          } else {
            if (score > best[p]) best[p] = score;
            if (w > share[p]) share[p] = w;
          }
        }
      }
      for (let i = 0; i < touchedCount; i++) {
        const p = touched[i];
        word[p] += best[p];
        covered[p] += credit * weight * Math.min(1, share[p]);
        inConcept[p] = 0;
        best[p] = 0;
        share[p] = 0;
        if (!seen[p]) {
          seen[p] = 1;
          candidates[matchedCount++] = p;
        }
      }
    }
    for (const g of analysis.grams) {
      const { positions, scores } = this.lookup({ term: g, weight: 1, field: 'grams', via: 'gram' });
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        gram[p] += scores[i];
        if (!seen[p]) {
          seen[p] = 1;
          candidates[matchedCount++] = p;
        }
      }
    }

    const hoursSpans = analysis.asksHours ? this.hoursSpans(provider) : [];
    // Words the corpus never uses count against an answer, but only up to about two of them: a short query made
    // of them is out of domain, while a long chatty question always carries some (前天, 网上, 衣服).
    const unknownCap = UNKNOWN_CAP * this.maxIdf;
    const supportBase = knownWeight + Math.min(unknownWeight, unknownCap) || 1;
    const limit = Math.max(0, params.limit);
    const top: Ranked[] = [];
    let matches = 0;
    const scan = onlyProvider ? (this.byProvider.get(provider!.id) ?? new Int32Array(0)) : candidates;
    // When most entries matched (a long question over a large index), walk the positions in order and skip the
    // unmatched ones: sequential reads instead of scattered ones, and the accumulators are cleared with fill().
    // The visiting order does not matter: `before` is a total order (it ends with the id).
    const dense = !onlyProvider && matchedCount > this.table.size >> 2;
    const scanCount = onlyProvider ? scan.length : dense ? this.table.size : matchedCount;
    // Integer columns instead of the entries' strings: this loop runs over every candidate (thousands at scale).
    const { providerOf, categoryOf } = this.table;
    const providerIndex = (id: string | undefined) => (id === undefined ? -1 : (this.providerIndex.get(id) ?? -1));
    const requestedIdx = requested ? providerIndex(requested.id) : -1;
    const generalIdx = providerIndex(general.id);
    const namedIdx = provider ? providerIndex(provider.id) : -1;
    const namedIsGeneral = provider?.general === true;
    const categoryIndex = (c: Category | null | undefined) => (c ? CATEGORY_INDEX.get(c)! : -1);
    const onlyCategory = categoryIndex(params.category);
    const intent = categoryIndex(category);
    const about = CATEGORY_INDEX.get('about')!;
    // An index loop: for-of over a typed array allocated an iterator result per candidate (~350 KB a query at 10k).
    for (let n = 0; n < scanCount; n++) {
      const p = dense ? n : scan[n];
      if (dense && seen[p] === 0) continue;
      const providerIdx = providerOf[p];
      if (requestedIdx !== -1 && providerIdx !== requestedIdx && providerIdx !== generalIdx) continue;
      if (onlyCategory !== -1 && categoryOf[p] !== onlyCategory) continue;
      matches++;
      let score = onlyProvider ? 1 : word[p] + BOOST.grams * gram[p];
      if (namedIdx !== -1 && !namedIsGeneral) {
        score *= providerIdx === namedIdx ? BOOST.namedProvider : providerIdx === generalIdx ? BOOST.generalWhenNamed : BOOST.otherProvider;
      } else if (namedIsGeneral && providerIdx === generalIdx) {
        score *= BOOST.namedProvider;
      }
      if (intent !== -1 && categoryOf[p] === intent) score *= BOOST.category;
      // The entry that states the hours asked about is the answer even when it is an intro (汇付's 24小时 line).
      if (hoursSpans.length > 0 && this.statesHours(p, hoursSpans)) score *= BOOST.hours;
      else if (categoryOf[p] === about && intent !== about) score *= BOOST.about;
      const matched = covered[p];
      const coverage = onlyProvider ? 1 : knownWeight > 0 ? Math.min(1, matched / knownWeight) : 0;
      // Coordination: an entry that answers more of what was asked beats one that repeats a common word.
      score *= BOOST.coordFloor + (1 - BOOST.coordFloor) * (BOOST.coordPower === 1 ? coverage : Math.pow(coverage, BOOST.coordPower));
      const wordMatch = onlyProvider || word[p] > 0;
      // Most candidates of a large index lose to the current last place: decide that before building a hit.
      if (top.length === limit && (limit === 0 || !this.beats(wordMatch, score, p, top[limit - 1]))) continue;
      const hit: Ranked = {
        position: p,
        id: this.table.id(p),
        score,
        coverage,
        support: onlyProvider ? 1 : Math.min(1, matched / supportBase),
        evidence: onlyProvider ? 1 : matched / this.maxIdf,
        wordMatch,
      };
      let i = top.length;
      while (i > 0 && before(hit, top[i - 1])) i--;
      top.splice(i, 0, hit);
      if (top.length > limit) top.pop();
    }
    if (dense) {
      word.fill(0);
      covered.fill(0);
      gram.fill(0);
      seen.fill(0);
    } else {
      for (let i = 0; i < matchedCount; i++) {
        const p = candidates[i];
        word[p] = 0;
        covered[p] = 0;
        gram[p] = 0;
        seen[p] = 0;
      }
    }
    if (matches === 0 && provider && !onlyProvider) {
      // Nothing matched, but a provider was named or chosen: list its entries (contact first) as help, but keep
      // the user's own query in the response and mark the hits as no word match, so /v1/answer says no answer.
      return { analysis, fallback: { ...params, q: provider.name, provider: requested?.id } };
    }
    return { analysis, provider, category, top };
  }

  /**
   * Where the sources state service hours: the named provider's statement (the general one when its article
   * has none), or every provider's when none is named.
   */
  private hoursSpans(provider: Provider | null): DocSpan[] {
    const spans = (c: Contact | undefined): DocSpan[] => {
      const source = c?.hours?.source;
      const doc = source ? this.docIndex.get(source.doc) : undefined;
      return source && doc !== undefined ? [{ doc, start: source.start, end: source.end }] : [];
    };
    if (provider) return spans(this.artifact.contacts[provider.id]);
    // Every provider's: read once (contacts are parsed on first use, and there may be hundreds).
    return (this.allHoursSpans ??= Object.values(this.artifact.contacts).flatMap(spans));
  }

  /**
   * Contact guidance to attach: the named provider's; for a query naming none, the general guidance only
   * when the user is asking how to reach customer service.
   */
  contactFor(provider: Provider | null, category: Category | null): Contact | null {
    if (provider) return this.artifact.contacts[provider.id] ?? null;
    if (category === 'contact') {
      return this.artifact.contacts[this.general.id] ?? null;
    }
    return null;
  }

  /** True when the entry at `position` holds one of `spans` (a plain loop: a closure per candidate is garbage). */
  private statesHours(position: number, spans: DocSpan[]): boolean {
    const { docOf, startOf, endOf } = this.table;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      if (span.doc === docOf[position] && span.start >= startOf[position] && span.end <= endOf[position]) return true;
    }
    return false;
  }

  /** True when a candidate (word match, score, position) goes before `last` in hit order (see before). */
  private beats(wordMatch: boolean, score: number, position: number, last: Ranked): boolean {
    if (wordMatch !== last.wordMatch) return wordMatch;
    if (score !== last.score) return score > last.score;
    return this.table.id(position) < last.id;
  }

  /** BM25 idf of a term with document frequency `df`. */
  private idf(df: number): number {
    const n = this.table.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Weight of a word the corpus never uses. */
  private get maxIdf(): number {
    return this.idf(0);
  }

  /**
   * A concept counts by the rarity (BM25 idf) of the most trusted alternative the corpus knows: the user's own
   * word if the corpus has it, else the best synonym or reading. A concept the corpus knows no way to match
   * is `known: false` and counts as the rarest word: it is what an out-of-domain query is made of.
   */
  private conceptWeight(concept: Concept, only: boolean): { weight: number; known: boolean } {
    const { alternatives } = concept;
    const idf = (df: number) => this.idf(df);
    // A single character is weak evidence either way (到, 查, 发 are mostly grammar), unless it is all there is.
    const scale = !only && Array.from(concept.surface).length === 1 ? SINGLE_CHAR_WEIGHT : 1;
    let best: { trust: number; weight: number } | null = null;
    for (const a of alternatives) {
      const df = this.lookup(a).positions.length;
      if (df === 0) continue;
      const cand = { trust: a.weight, weight: idf(df) };
      if (!best || cand.trust > best.trust || (cand.trust === best.trust && cand.weight > best.weight)) best = cand;
    }
    if (best) return { weight: scale * best.weight, known: true };
    return { weight: scale * idf(0), known: false };
  }

  /** Scores of one term in its fields, cached per isolate (bounded so hostile traffic cannot grow it). */
  private lookup(a: Alternative): TermScores {
    const key = `${a.field}\u0000${a.term}`;
    let hit = this.termCache.get(key);
    if (hit) return hit;
    hit = a.field === 'words' ? this.words.search(a.term, this.termCache) : this.grams.search(a.term, this.termCache);
    this.termCache.set(key, hit);
    return hit;
  }

  /** Terms to highlight: every word alternative the user's concepts can match, longest first. */
  private highlightTerms(analysis: QueryAnalysis): string[] {
    const set = new Set<string>();
    for (const c of analysis.concepts) {
      for (const a of c.alternatives) if (a.field === 'words' || Array.from(a.term).length > 1) set.add(a.term);
      if (c.alternatives.some((a) => a.field === 'grams')) set.add(c.surface);
    }
    return [...set].filter((t) => !this.analyzer.stopwords.has(t)).sort((a, b) => b.length - a.length);
  }
}
