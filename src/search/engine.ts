/** @module The search engine: loads the artifact once per isolate and ranks entries for a query. */
import { entryReader, hoursSources, type Artifact } from '../artifact';
import { CATEGORIES, type Category, type Contact, type Entry, type Provider, type ProviderRef, type SourceSpan } from '../model';
import { PinyinMatcher } from '../text/pinyin';
import { createAnalyzer, type Analyzer } from './index-options';
import { bm25Idf, BOOST, EVERYDAY_UNKNOWN, FIELD_BOOSTS, LENGTH_PIVOT, LENGTH_POWER, QUALIFIED_CREDIT, SINGLE_CHAR_WEIGHT, UNKNOWN_CAP } from './ranking';
import { EntryTable } from './entry-columns';
import { GramIndex } from './gram-index';
import { capPostings, PostingCounts } from './limits';
import { ShardCache, ShardedTable, type ShardLoader } from './shards';
import { SortedTable } from '../text/sorted-table';
import { TermCache } from './term-cache';
import { WordIndex, type TermScores } from './word-index';
import { ProviderDetector } from './provider-detect';
import { analyzeQuery, createSynonyms, type Alternative, type Concept, type QueryAnalysis, type QueryResources } from './query';
import { buildSnippet, normalizedQuestion, type Snippet } from './snippet';

/** Search parameters after validation. */
export interface SearchParams {
  q: string;
  provider?: string;
  category?: Category;
  limit: number;
  /**
   * Restrict to a provider named in the query (and the general guidance) as `provider` restricts, instead of
   * only boosting it: an answer about a named provider must come from its own sources (see answer.ts).
   */
  isolate?: boolean;
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
  /**
   * Share (0..1) of the query's concepts that the entry's own question states (by any word alternative): an FAQ
   * entry whose question asks what the user asks answers it, one that only mentions the words in its body may not.
   */
  titled: number;
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

/** A ranked entry before its text is needed: position in the index, id and ranking data (Hit.titled reads the text). */
interface Ranked extends Omit<Hit, 'snippet' | 'entry' | 'titled'> {
  position: number;
  id: string;
}

/** Who and what a query is about, as ranking resolves it (see SearchEngine.scope). */
interface Scope {
  /** The `provider` parameter's provider, or when isolated the one named: results are restricted to it and the general guidance. */
  requested: Provider | null;
  /** The requested provider, else the one named in the query. */
  provider: Provider | null;
  /** The query names a provider and nothing else: it lists that provider's entries. */
  onlyProvider: boolean;
  /** The `category` parameter, else the query's intent. */
  category: Category | null;
}

/** A query's concepts' total weight: of those the corpus knows a way to match, and of those it does not. */
interface QueryWeight {
  known: number;
  unknown: number;
}

/** A query's scope as indices into the entry columns (-1: none), resolved once per query for the scoring loop. */
interface BoostContext {
  requestedIdx: number;
  generalIdx: number;
  namedIdx: number;
  namedIsGeneral: boolean;
  /** The `category` parameter's index (a filter), and the intent's (a boost). */
  onlyCategory: number;
  intent: number;
  about: number;
  /** Where the named provider's sources state the hours a query asks about (see hoursSpans). */
  hoursSpans: DocSpan[];
  /** For a query about hours that names no provider, the entries stating any provider's hours (see hoursHolders). */
  hoursHolders: Uint8Array | null;
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
  readonly general: Provider;
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
  /** Source titles by file name, read on first use. */
  private titles: Map<string, string | null> | null = null;
  /** Per entry, the share of its coverage that counts (see LENGTH_PIVOT), computed on first search. */
  private lengthShare: Float64Array | null = null;
  /** The artifact's everyday words (see EVERYDAY_UNKNOWN), as a set on first need. */
  private everyday: Set<string> | null = null;
  /** Per entry, whether it states some provider's service hours (see hoursHolders), computed on first need. */
  private allHoursHolders: Uint8Array | null = null;
  /** Number of entries any word or gram of the current search matched (the first slots of `acc.candidates`). */
  private matchedCount = 0;
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

  /** The title a source article states (by its file name), or null. */
  sourceTitle(doc: string): string | null {
    this.titles ??= new Map(this.artifact.sources.map((s) => [s.doc, s.title]));
    return this.titles.get(doc) ?? null;
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

  /** Id of the entry whose source holds `span` (a statement of the contact guidance), or undefined. */
  entryIdHolding(span: SourceSpan): string | undefined {
    const doc = this.docIndex.get(span.doc);
    if (doc === undefined) return undefined;
    const { docOf, startOf, endOf } = this.table;
    for (let p = 0; p < this.table.size; p++) {
      if (docOf[p] === doc && startOf[p] <= span.start && span.end <= endOf[p]) return this.table.id(p);
    }
    return undefined;
  }

  /**
   * The entry with this id as a hit for `analysis`, though no ranking chose it: its snippet is the passage holding
   * `passage` (normalized and matched like a query term, so it is also highlighted), and its score 1, as a listed
   * entry's. Undefined for an unknown id. The entry of a split index must be loaded first (see entryAsync).
   */
  hitFor(id: string, analysis: QueryAnalysis, passage: string): Hit | undefined {
    const p = this.table.position(id);
    if (p === undefined) return undefined;
    const entry = this.entryAt(p);
    const terms = [this.normalize(passage), ...this.highlightTerms(analysis)];
    return { entry, score: 1, coverage: 0, support: 0, evidence: 0, titled: 0, wordMatch: false, snippet: buildSnippet(entry, terms, this.analyzer) };
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
      // Fields copied by name, not with `({ position, id, ...rest }) => ({ ...rest, … })`: in V8 the garbage of
      // that object rest and spread survives scavenges and is promoted, which makes every scavenge slower.
      hits: top.map((r) => {
        const entry = this.entryAt(r.position);
        return {
          score: r.score,
          coverage: r.coverage,
          support: r.support,
          evidence: r.evidence,
          titled: this.titled(entry, analysis),
          wordMatch: r.wordMatch,
          entry,
          snippet: buildSnippet(entry, highlightTerms, this.analyzer),
        };
      }),
      contact: this.contactFor(provider, category),
    };
  }

  /**
   * Scores and orders entries; reads postings only (entry text is not needed until `complete`). The steps: resolve
   * the scope, accumulate the concepts' and grams' scores per entry, score and select the candidates, clear the
   * accumulators, and fall back to the provider's entries when a named provider's query matched nothing.
   */
  private rank(params: SearchParams, query: QueryAnalysis): Ranking {
    this.termCache.begin();
    // At most LIMITS.postings postings to decode and score, the commonest terms left out first (see limits.ts).
    const analysis = capPostings(query, (term, field) => this.termCache.get(`${field}\u0000${term}`)?.positions.length ?? this.postingCounts.count(term, field), this.size);
    const scope = this.scope(params, analysis);
    let top: Ranked[];
    let matches: number;
    try {
      const weight = this.accumulateConcepts(analysis);
      this.accumulateGrams(analysis);
      // When most entries matched (a long question over a large index), candidates are visited in position order
      // and the accumulators cleared with fill(): sequential reads and writes instead of scattered ones.
      const dense = !scope.onlyProvider && this.matchedCount > this.table.size >> 2;
      ({ top, matches } = this.scoreCandidates(params, analysis, scope, weight, dense));
      this.resetAccumulators(dense);
    } catch (error) {
      // A lookup that failed midway (a shard missing) left partial sums behind: the next search must start clean.
      for (const column of Object.values(this.acc)) column.fill(0);
      this.matchedCount = 0;
      throw error;
    }
    const { provider, requested, onlyProvider, category } = scope;
    if (matches === 0 && provider && !onlyProvider) {
      // Nothing matched, but a provider was named or chosen: list its entries (contact first) as help, but keep
      // the user's own query in the response and mark the hits as no word match, so /v1/answer says no answer.
      return { analysis, fallback: { ...params, q: provider.name, provider: requested?.id } };
    }
    return { analysis, provider, category, top };
  }

  /** The provider and category a query is about, from the parameters first, then from the query itself. */
  private scope(params: SearchParams, analysis: QueryAnalysis): Scope {
    const named = analysis.provider?.provider ?? null;
    const requested = params.provider ? this.providers.get(params.provider) ?? null : params.isolate ? named : null;
    const provider = requested ?? named;
    // A query that only names a provider ("汇付天下") is asking how to reach it.
    const onlyProvider = analysis.concepts.length === 0 && provider !== null;
    const category = params.category ?? analysis.category ?? (onlyProvider ? 'contact' : null);
    return { requested, provider, onlyProvider, category };
  }

  /**
   * Adds each concept's score to every entry its alternatives match (`acc.word`), with the share of the query
   * that match covers (`acc.covered`), and records newly matched entries as candidates. Returns the query's
   * known and unknown weight (see conceptWeight).
   */
  private accumulateConcepts(analysis: QueryAnalysis): QueryWeight {
    let known = 0;
    let unknown = 0;
    let previous: { end: number; known: boolean; multi: boolean } | null = null;
    const single = analysis.concepts.length === 1;
    for (const concept of analysis.concepts) {
      const cw = this.conceptWeight(concept, single);
      if (cw.known) known += cw.weight;
      else unknown += cw.weight;
      // A known word right after an unknown word (游戏账号, 路由器密码) is most likely that thing's account or
      // password, not the one the corpus talks about: a match on it earns only part of its weight.
      const qualified = cw.known && previous !== null && !previous.known && previous.multi && previous.end === concept.start;
      previous = { end: concept.end, known: cw.known, multi: Array.from(concept.surface).length > 1 };
      const credit = (qualified ? QUALIFIED_CREDIT : 1) * cw.weight;
      // A single character's matches score at its weight's scale too (SINGLE_CHAR_WEIGHT), not only its coverage.
      const scale = cw.weight / cw.idf;
      if (concept.alternatives.length === 1) this.accumulateAlternative(concept, credit, cw.idf, scale);
      else this.accumulateBestAlternative(concept, credit, cw.idf, scale);
    }
    return { known, unknown };
  }

  /**
   * The share of concept `c` an entry covers by matching alternative `a` (held by `df` entries): the alternative's
   * trust, and for an inner word no more than its rarity relative to the concept's (`conceptIdf`). Matching 支付
   * inside 支付宝, or 验证 inside 双重验证, says little about an entry covering 支付宝 or 双重验证: the common inner
   * word earns its own weight, not the rare word's. Unless the rest of the word is a function word: 准备 is what
   * 准备哪些 asks about.
   */
  private coverShare(c: Concept, a: Alternative, df: number, conceptIdf: number): number {
    const trust = Math.min(1, a.weight);
    if (a.via !== 'inner' || this.analyzer.stopwords.has(c.surface.replace(a.term, ''))) return trust;
    return trust * Math.min(1, this.idf(df) / conceptIdf);
  }

  /**
   * A concept with one way to match (the common case): its scores go straight into the accumulators, with no
   * per-entry best-of bookkeeping; the sums are those accumulateBestAlternative would make. `credit` is the
   * concept's weight after QUALIFIED_CREDIT, `conceptIdf` its rarity (see coverShare), `scale` what its scores are
   * multiplied by (SINGLE_CHAR_WEIGHT for a lone character among other words, else 1).
   */
  private accumulateAlternative(concept: Concept, credit: number, conceptIdf: number, scale: number): void {
    const a = concept.alternatives[0];
    const { positions, scores } = this.lookup(a);
    const { word, covered, seen, candidates } = this.acc;
    // In a local: alternatives come in several shapes, and reading a double field through a polymorphic load
    // inside the loop allocates a heap number per posting.
    const w = a.weight * scale;
    const cover = credit * this.coverShare(concept, a, positions.length, conceptIdf);
    let count = this.matchedCount;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      word[p] += scores[i] * w;
      covered[p] += cover;
      if (!seen[p]) {
        seen[p] = 1;
        candidates[count++] = p;
      }
    }
    this.matchedCount = count;
  }

  /**
   * A concept with several ways to match: per entry, the best weighted score through any alternative, and the
   * largest share of the concept any matching alternative covers (see coverShare), added once. `credit`,
   * `conceptIdf` and `scale` as in accumulateAlternative.
   */
  private accumulateBestAlternative(concept: Concept, credit: number, conceptIdf: number, scale: number): void {
    const { word, covered, best, share, seen, inConcept, candidates, touched } = this.acc;
    let touchedCount = 0;
    for (const a of concept.alternatives) {
      const { positions, scores } = this.lookup(a);
      const w = a.weight * scale; // a local, as in accumulateAlternative
      const cover = this.coverShare(concept, a, positions.length, conceptIdf);
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        const score = scores[i] * w;
        if (!inConcept[p]) {
          inConcept[p] = 1;
          touched[touchedCount++] = p;
          best[p] = score;
          share[p] = cover;
        } else {
          if (score > best[p]) best[p] = score;
          if (cover > share[p]) share[p] = cover;
        }
      }
    }
    let count = this.matchedCount;
    for (let i = 0; i < touchedCount; i++) {
      const p = touched[i];
      word[p] += best[p];
      covered[p] += credit * share[p];
      inConcept[p] = 0;
      best[p] = 0;
      share[p] = 0;
      if (!seen[p]) {
        seen[p] = 1;
        candidates[count++] = p;
      }
    }
    this.matchedCount = count;
  }

  /** Adds the character-gram fallback's scores (`acc.gram`) and records newly matched entries as candidates. */
  private accumulateGrams(analysis: QueryAnalysis): void {
    const { gram, seen, candidates } = this.acc;
    let count = this.matchedCount;
    for (const g of analysis.grams) {
      const { positions, scores } = this.lookup({ term: g, weight: 1, field: 'grams', via: 'gram' });
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i];
        gram[p] += scores[i];
        if (!seen[p]) {
          seen[p] = 1;
          candidates[count++] = p;
        }
      }
    }
    this.matchedCount = count;
  }

  /**
   * Scores every candidate (the named provider's entries for a query that only names one) and keeps the best
   * `limit` in hit order, the first place then decided by topic (leadTopic). `matches` counts the candidates the
   * provider and category filters let through.
   */
  private scoreCandidates(params: SearchParams, analysis: QueryAnalysis, scope: Scope, weight: QueryWeight, dense: boolean): { top: Ranked[]; matches: number } {
    const { onlyProvider } = scope;
    const { word, covered, gram, seen, candidates } = this.acc;
    const boosts = this.boostContext(params, analysis, scope);
    // Words the corpus never uses count against an answer, but only up to UNKNOWN_CAP of them.
    const supportBase = weight.known + Math.min(weight.unknown, UNKNOWN_CAP * this.maxIdf) || 1;
    const limit = Math.max(0, params.limit);
    const top: Ranked[] = [];
    let matches = 0;
    const scan = onlyProvider ? (this.byProvider.get(scope.provider!.id) ?? new Int32Array(0)) : candidates;
    // The visiting order does not matter: hit order (precedes) is total, as it ends with the id.
    const scanCount = onlyProvider ? scan.length : dense ? this.table.size : this.matchedCount;
    // Integer columns instead of the entries' strings: this loop runs over every candidate (thousands at scale).
    const { providerOf, categoryOf } = this.table;
    const { requestedIdx, generalIdx, onlyCategory } = boosts;
    const lengthShare = (this.lengthShare ??= this.lengthShares());
    // Per category, the best entry of the provider the query is about (see leadTopic).
    const preferredIdx = onlyProvider ? -1 : scope.provider ? this.providerIndex.get(scope.provider.id)! : generalIdx;
    const preferred: (Ranked | undefined)[] = preferredIdx === -1 ? [] : new Array(CATEGORIES.length);
    // An index loop, not for-of: for-of over a typed array allocates an iterator result per candidate.
    for (let n = 0; n < scanCount; n++) {
      const p = dense ? n : scan[n];
      if (dense && seen[p] === 0) continue;
      const providerIdx = providerOf[p];
      if (requestedIdx !== -1 && providerIdx !== requestedIdx && providerIdx !== generalIdx) continue;
      if (onlyCategory !== -1 && categoryOf[p] !== onlyCategory) continue;
      matches++;
      const matched = covered[p] * lengthShare[p];
      const coverage = onlyProvider ? 1 : weight.known > 0 ? Math.min(1, matched / weight.known) : 0;
      const score = this.coordinate(this.boosted(p, onlyProvider ? 1 : word[p] + BOOST.grams * gram[p], boosts), coverage);
      const wordMatch = onlyProvider || word[p] > 0;
      if (providerIdx === preferredIdx && wordMatch) {
        const held = preferred[categoryOf[p]];
        if (!held || this.precedes(wordMatch, score, p, held)) preferred[categoryOf[p]] = this.ranked(p, score, coverage, matched, supportBase, wordMatch, onlyProvider);
      }
      // Most candidates of a large index lose to the current last place: decide that before building a hit.
      if (top.length === limit && (limit === 0 || !this.precedes(wordMatch, score, p, top[limit - 1]))) continue;
      this.insertTop(top, limit, this.ranked(p, score, coverage, matched, supportBase, wordMatch, onlyProvider));
    }
    if (preferredIdx !== -1) this.leadTopic(top, limit, preferred, scope.provider !== null, generalIdx);
    return { top, matches };
  }

  /**
   * The topic's own answer first: when the best hit is another provider's, the best entry of the same category of
   * the provider the query is about moves before it. For a query naming a provider that is its own entry (another
   * provider's procedure does not apply to its users; general guidance first stays first). For a query naming none
   * it is the general guidance's, whose advice applies to whoever asks, when it covers at least as much of the
   * question (else the provider's entry that answers more stays first). `preferred` holds that provider's best
   * entry per category.
   */
  private leadTopic(top: Ranked[], limit: number, preferred: (Ranked | undefined)[], named: boolean, generalIdx: number): void {
    const first = top[0];
    if (!first?.wordMatch) return;
    const { providerOf, categoryOf } = this.table;
    const own = preferred[categoryOf[first.position]];
    if (!own || own.position === first.position || providerOf[first.position] === providerOf[own.position]) return;
    if (named ? providerOf[first.position] === generalIdx : own.coverage < first.coverage) return;
    const i = top.findIndex((r) => r.position === own.position);
    if (i !== -1) top.splice(i, 1);
    top.unshift(own);
    if (top.length > limit) top.pop();
  }

  /** A ranked entry from the scoring loop's values (see scoreCandidates). */
  private ranked(p: number, score: number, coverage: number, matched: number, supportBase: number, wordMatch: boolean, onlyProvider: boolean): Ranked {
    return {
      position: p,
      id: this.table.id(p),
      score,
      coverage,
      support: onlyProvider ? 1 : Math.min(1, matched / supportBase),
      evidence: onlyProvider ? 1 : matched / this.maxIdf,
      wordMatch,
    };
  }

  /** Hit.titled: the share of the query's concepts one of whose word alternatives the entry's question holds. */
  private titled(entry: Entry, analysis: QueryAnalysis): number {
    const { concepts } = analysis;
    if (concepts.length === 0) return 0;
    const question = normalizedQuestion(entry, this.analyzer);
    let stated = 0;
    for (const c of concepts) if (c.alternatives.some((a) => a.field === 'words' && question.includes(a.term))) stated++;
    return stated / concepts.length;
  }

  /** Per entry, min(1, (pivot ÷ length)^LENGTH_POWER): how much of its coverage counts (see LENGTH_PIVOT). */
  private lengthShares(): Float64Array {
    const lengths = this.grams.entryLengths();
    return Float64Array.from(lengths, (length) => (length <= LENGTH_PIVOT ? 1 : Math.pow(LENGTH_PIVOT / length, LENGTH_POWER)));
  }

  /** The scope of a query as the integer indices the scoring loop compares entries' columns with (-1: none). */
  private boostContext(params: SearchParams, analysis: QueryAnalysis, scope: Scope): BoostContext {
    const { requested, provider, category } = scope;
    const providerIndex = (id: string | undefined) => (id === undefined ? -1 : (this.providerIndex.get(id) ?? -1));
    const categoryIndex = (c: Category | null | undefined) => (c ? CATEGORY_INDEX.get(c)! : -1);
    return {
      requestedIdx: requested ? providerIndex(requested.id) : -1,
      generalIdx: providerIndex(this.general.id),
      namedIdx: provider ? providerIndex(provider.id) : -1,
      namedIsGeneral: provider?.general === true,
      onlyCategory: categoryIndex(params.category),
      intent: categoryIndex(category),
      about: CATEGORY_INDEX.get('about')!,
      hoursSpans: analysis.asksHours && provider ? this.hoursSpans(provider) : [],
      hoursHolders: analysis.asksHours && !provider ? this.hoursHolders() : null,
    };
  }

  /** `score` of the entry at `p` times its provider, category, hours and intro boosts (BOOST). */
  private boosted(p: number, score: number, c: BoostContext): number {
    const providerIdx = this.table.providerOf[p];
    const categoryIdx = this.table.categoryOf[p];
    if (c.namedIdx !== -1 && !c.namedIsGeneral) {
      score *= providerIdx === c.namedIdx ? BOOST.namedProvider : providerIdx === c.generalIdx ? BOOST.generalWhenNamed : BOOST.otherProvider;
    } else if (c.namedIsGeneral) {
      // Naming the general guidance (数字钱包, 电子钱包) asks for it as naming a provider asks for that provider.
      score *= providerIdx === c.generalIdx ? BOOST.namedProvider : BOOST.otherProvider;
    }
    if (c.intent !== -1 && categoryIdx === c.intent) score *= BOOST.category;
    // The entry that states the hours asked about is the answer even when it is an intro (汇付's 24小时 line).
    const statesHours = c.hoursHolders ? c.hoursHolders[p] === 1 : c.hoursSpans.length > 0 && this.statesHours(p, c.hoursSpans);
    if (statesHours) score *= BOOST.hours;
    else if (categoryIdx === c.about && c.intent !== c.about) score *= BOOST.about;
    return score;
  }

  /** Coordination: an entry that answers more of what was asked beats one that repeats a common word. */
  private coordinate(score: number, coverage: number): number {
    return score * (BOOST.coordFloor + (1 - BOOST.coordFloor) * (BOOST.coordPower === 1 ? coverage : Math.pow(coverage, BOOST.coordPower)));
  }

  /**
   * Hit order, the engine's one comparator: word matches before character-fallback matches, then the higher
   * score, then the smaller id (a total order, so results never depend on the order candidates are visited in).
   * Only the first place may then go to the topic's own answer (leadTopic).
   * It takes a candidate's parts rather than a Ranked so the scoring loop can ask before building a hit, and reads
   * the candidate's id only on a tie.
   */
  private precedes(wordMatch: boolean, score: number, position: number, other: Ranked): boolean {
    if (wordMatch !== other.wordMatch) return wordMatch;
    if (score !== other.score) return score > other.score;
    return this.table.id(position) < other.id;
  }

  /** Inserts `hit` into `top` (kept in hit order, at most `limit` long). */
  private insertTop(top: Ranked[], limit: number, hit: Ranked): void {
    let i = top.length;
    while (i > 0 && this.precedes(hit.wordMatch, hit.score, hit.position, top[i - 1])) i--;
    top.splice(i, 0, hit);
    if (top.length > limit) top.pop();
  }

  /** Zeroes the accumulators a search wrote to (every entry when it was dense) and forgets its candidates. */
  private resetAccumulators(dense: boolean): void {
    const { word, covered, gram, seen, candidates } = this.acc;
    if (dense) {
      word.fill(0);
      covered.fill(0);
      gram.fill(0);
      seen.fill(0);
    } else {
      for (let i = 0; i < this.matchedCount; i++) {
        const p = candidates[i];
        word[p] = 0;
        covered[p] = 0;
        gram[p] = 0;
        seen[p] = 0;
      }
    }
    this.matchedCount = 0;
  }

  /** Where the named provider's sources state service hours (the general statement when its article has none). */
  private hoursSpans(provider: Provider): DocSpan[] {
    const source = this.artifact.contacts[provider.id]?.hours?.source;
    const span = source && this.docSpan(source);
    return span ? [span] : [];
  }

  /** A source span with its document as this index numbers it (undefined for a document the index does not hold). */
  private docSpan(source: SourceSpan): DocSpan | undefined {
    const doc = this.docIndex.get(source.doc);
    return doc === undefined ? undefined : { doc, start: source.start, end: source.end };
  }

  /**
   * Per entry, 1 when it holds some provider's service-hours statement: the hours boost of a query naming none.
   * Computed once, from the artifact's list of statements (no contact is parsed), so a query tests each candidate
   * once instead of against every provider's statement.
   */
  private hoursHolders(): Uint8Array {
    if (this.allHoursHolders) return this.allHoursHolders;
    const byDoc = new Map<number, DocSpan[]>();
    for (const source of hoursSources(this.artifact)) {
      const span = this.docSpan(source);
      if (!span) continue;
      const list = byDoc.get(span.doc);
      if (list) list.push(span);
      else byDoc.set(span.doc, [span]);
    }
    const holders = new Uint8Array(this.table.size);
    const { docOf } = this.table;
    for (let p = 0; p < holders.length; p++) {
      const spans = byDoc.get(docOf[p]);
      if (spans && this.statesHours(p, spans)) holders[p] = 1;
    }
    return (this.allHoursHolders = holders);
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

  /** BM25 idf of a term held by `df` entries of this index. */
  private idf(df: number): number {
    return bm25Idf(this.table.size, df);
  }

  /** Weight of a word the corpus never uses. */
  private get maxIdf(): number {
    return this.idf(0);
  }

  /**
   * A concept counts by the rarity (BM25 idf) of the most trusted alternative the corpus knows: the user's own
   * word if the corpus has it, else the best synonym or reading (`idf`, before the single-character scale). A
   * concept the corpus knows no way to match is `known: false` and counts as the rarest word: it is what an
   * out-of-domain query is made of. Unless it is an everyday word, which counts EVERYDAY_UNKNOWN of that.
   */
  private conceptWeight(concept: Concept, only: boolean): { weight: number; known: boolean; idf: number } {
    const { alternatives } = concept;
    // A single character is weak evidence either way, unless it is all there is (SINGLE_CHAR_WEIGHT).
    const scale = !only && Array.from(concept.surface).length === 1 ? SINGLE_CHAR_WEIGHT : 1;
    let best: { trust: number; weight: number } | null = null;
    for (const a of alternatives) {
      const df = this.lookup(a).positions.length;
      if (df === 0) continue;
      const cand = { trust: a.weight, weight: this.idf(df) };
      if (!best || cand.trust > best.trust || (cand.trust === best.trust && cand.weight > best.weight)) best = cand;
    }
    if (best) return { weight: scale * best.weight, known: true, idf: best.weight };
    this.everyday ??= new Set(this.artifact.text.everydayWords);
    const share = this.everyday.has(concept.surface) ? EVERYDAY_UNKNOWN : 1;
    return { weight: share * scale * this.idf(0), known: false, idf: this.idf(0) };
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

  /** Forgets every cached term score, so the next search looks its terms up again (the bench times cold queries so). */
  resetTermCache(): void {
    this.termCache.clear();
  }
}
