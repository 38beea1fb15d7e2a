/** @module Build-only: assembles the artifact from sources, hashes it and writes it atomically. */
import { createHash } from 'node:crypto';
import { writeAtomic } from './write-file';
import MiniSearch from 'minisearch';
import { ARTIFACT_FORMAT, parseArtifact, serializeArtifact, type Artifact } from '../artifact';
import type { Contact, Entry } from '../model';
import { createAnalyzer, decodeTerm, indexOptions, WORD_FIELDS, type IndexDoc } from '../search/index-options';
import { indexedTexts } from './indexed-text';
import { packWordIndex, type MiniSearchJson } from '../search/word-index';
import { buildGramIndex } from '../search/gram-index';
import { packEntryColumns } from '../search/entry-columns';
import { providerAliases } from '../search/provider-detect';
import { packSynonyms } from '../search/query';
import type { ArticleModel } from './article';
import { blockProviders } from './article-provider';
import { BuildError, lineAt, SourceError, warn } from './errors';
import { extractEntries, withIds, type ArticleEntries, type EntryDraft, type ExtractContext } from './extract-entries';
import { extractContact } from './extract-contact';
import { createFold, type Fold } from './fold';
import { parseSource } from './formats/index';
import type { Article, Sources } from './load-sources';
import { ScriptTable } from '../text/script-table';
import { buildReport, type BuildReport } from './report';
import { buildReadingTable, gb2312Hanzi } from './readings';
import { buildSoundData } from '../text/pinyin';
import { buildScriptMap } from './script-map';
import { packScriptMap } from '../text/script-table';
import { learnLexicon } from './segment';
import { everydayWords, generalWords } from './general-words';
import { regionalPhrases } from './regional-phrases';
import { packLexicon } from '../text/tokenize';

/** Counts the build reports. */
export interface BuildSummary {
  articles: number;
  entries: number;
  entriesPerProvider: Record<string, number>;
  terms: number;
}

/** One source as the build read it. */
export interface ParsedArticle extends ArticleEntries {
  article: Article;
  model: ArticleModel;
  /** Its entries with their ids, in document order. */
  entries: (EntryDraft & { id: string })[];
}

/** Turns validated sources into the artifact (pure apart from jieba's global dictionary). */
export function buildArtifact(sources: Sources): { artifact: Artifact; summary: BuildSummary; report: BuildReport } {
  const scriptMap = packScriptMap(buildScriptMap(sources.variants, new Set(gb2312Hanzi())));
  const fold = createFold(new ScriptTable(scriptMap));
  const general = sources.providers.find((p) => p.general)!;

  // 1. Articles → model → provider → entries; ids over all articles, in file order.
  const perArticle = readArticles(sources.articles, { providers: sources.providers, lexicon: sources.categories, fold });
  const entries: Entry[] = perArticle.flatMap((a) =>
    a.entries.map(({ id, provider, category, question, questionGenerated, answer, steps, source }) => ({ id, provider, category, question, questionGenerated, answer, steps, source })),
  );
  for (const p of sources.providers) {
    // Safe to ship: the provider is still detected in queries and answered with the general guidance.
    if (!entries.some((e) => e.provider === p.id))
      warn(sources.providerLines?.path ?? 'providers.json', sources.providerLines?.lines[p.id] ?? 1, `provider "${p.id}" has no entries (no article is about it); it is served with the general guidance only`);
  }

  // 2. Contact guidance: the general article's first, then each provider's own (every block of its articles that
  // is its own) with gaps filled from it.
  const ownModels = modelsByProvider(perArticle, sources.providers, fold);
  const generalArticle = ownModels.get(general.id)?.[0] ?? null;
  const generalContact = generalArticle ? extractContact(general, generalArticle, null, fold, sources.providers) : undefined;
  const contacts: Record<string, Contact> = {};
  for (const p of sources.providers) {
    const own = ownModels.get(p.id);
    if (p.general && generalContact) contacts[p.id] = generalContact;
    else if (own) contacts[p.id] = extractContact(p, own, generalArticle ? { article: generalArticle, contact: generalContact } : null, fold, sources.providers);
    else if (generalContact) contacts[p.id] = asGeneral(generalContact, p);
  }

  // 3. Lexicon learned by jieba over normalized text, plus every word the query side relies on.
  const preNormalizer = createAnalyzer({ scriptMap, lexicon: packLexicon({}), stopwords: [] }).normalizer;
  const dictionary = new Map(sources.dictionary);
  const addWord = (w: string, f = 10) => {
    const n = preNormalizer.normalize(w).replace(/ /g, '');
    if (n && !dictionary.has(n)) dictionary.set(n, f);
  };
  for (const p of sources.providers) for (const a of [p.name, ...p.aliases]) if (!/ /.test(preNormalizer.normalize(a))) addWord(a, 30);
  for (const [phrase, words] of sources.synonyms) {
    addWord(phrase);
    words.forEach((w) => addWord(w));
  }
  for (const c of Object.values(sources.categories)) for (const k of Object.keys(c.keywords)) addWord(k);
  // Stop words and fillers must win segmentation over general words, or 能不能 is cut as 能不 + 能.
  for (const w of [...sources.stopwords, ...sources.fillers]) addWord(w, 30);
  for (const w of sources.hoursWords) addWord(w);
  // Query-side phrase data ships normalized and sorted (longest first), so the worker does no work on it at start-up.
  const synonyms = normalizeSynonyms([...sources.synonyms, ...regionalPhrases()], (t) => preNormalizer.normalize(t));
  for (const [phrase] of synonyms) addWord(phrase);
  const normalizedList = (words: string[]) =>
    [...new Set(words.map((w) => preNormalizer.normalize(w)).filter(Boolean))].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // The lexicon learns from what the index holds (indexed-text.ts): no addresses, no article boilerplate.
  const indexed = indexedTexts(entries, fold);
  const texts = indexed.flatMap(({ doc }) => [doc.question, doc.answer]).map((t) => preNormalizer.normalize(t));
  const learned = learnLexicon(texts, dictionary);
  const frequencies: Record<string, number> = { ...learned };
  const generalVocabulary = generalWords();
  for (const [word, freq] of generalVocabulary) if (!(word in frequencies)) frequencies[word] = freq;
  const lexicon = packLexicon(frequencies);

  // 4. The index, through the same analyzer the worker will rebuild from the artifact.
  const analyzer = createAnalyzer({ scriptMap, lexicon, stopwords: sources.stopwords });
  const search = new MiniSearch<IndexDoc>(indexOptions(analyzer));
  search.addAll(indexed.map(({ doc }) => doc));
  const ids = entries.map((e) => e.id);

  const corpusChars = new Set<string>();
  for (const t of texts) for (const ch of t) corpusChars.add(ch);
  for (const w of Object.keys(learned)) for (const ch of w) corpusChars.add(ch);

  const body: Omit<Artifact, 'hash'> = {
    format: ARTIFACT_FORMAT,
    sources: perArticle.map(({ article, model, entries: list }) => ({
      doc: article.doc,
      sha256: createHash('sha256').update(article.bytes).digest('hex'),
      entries: list.length,
      title: sourceTitle(model),
      format: model.format,
    })),
    providers: sources.providers,
    meta: packEntryColumns(
      entries,
      sources.providers.map((p) => p.id),
      perArticle.map(({ article }) => article.doc),
    ),
    entries,
    contacts,
    categories: sources.categories,
    text: {
      scriptMap,
      lexicon,
      stopwords: sources.stopwords,
      fillers: normalizedList(sources.fillers),
      hoursWords: normalizedList(sources.hoursWords),
      // The dictionary holds every domain list's words (see addWord above).
      everydayWords: everydayWords(generalVocabulary, new Set(dictionary.keys())),
      aliases: providerAliases(sources.providers, (t) => analyzer.normalizer.normalize(t)),
      synonyms: packSynonyms(synonyms),
      // Vocabulary for sound matching: corpus words of two or more Han characters, most frequent first.
      sound: buildSoundData(
        buildReadingTable(corpusChars),
        Object.keys(learned)
          .filter((w) => /^\p{Script=Han}{2,}$/u.test(w))
          .sort((a, b) => learned[b] - learned[a] || (a < b ? -1 : 1)),
      ),
    },
    words: packWordIndex(search.toJSON() as unknown as MiniSearchJson, ids, WORD_FIELDS, decodeTerm),
    grams: buildGramIndex(indexed.map(({ grams }) => grams), analyzer.grams),
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  const { format, ...rest } = body;
  const artifact: Artifact = { format, hash, ...rest };

  const entriesPerProvider: Record<string, number> = {};
  for (const e of entries) entriesPerProvider[e.provider] = (entriesPerProvider[e.provider] ?? 0) + 1;
  return {
    artifact,
    summary: { articles: sources.articles.length, entries: entries.length, entriesPerProvider, terms: search.termCount },
    report: buildReport(perArticle, contacts, hash, fold),
  };
}

/**
 * Parses every article once and extracts its entries, then gives ids over all of them in file order (so two
 * articles of one provider never collide). The same entry twice (a copied article) fails the build at the copy.
 */
export function readArticles(articles: Article[], context: ExtractContext): ParsedArticle[] {
  const { fold } = context;
  const read = articles.map((article) => {
    try {
      const model = parseSource(article, { normalize: fold });
      return { article, model, ...extractEntries(model, context) };
    } catch (e) {
      // Extraction knows the file name; the build reports the path a content editor can open.
      if (e instanceof SourceError) throw new BuildError(article.path, e.line, e.detail);
      throw e;
    }
  });
  const ids = withIds(
    read.flatMap((a) => a.entries),
    context.providers,
    fold,
  );
  let next = 0;
  const parsed = read.map((a) => ({ ...a, entries: a.entries.map(() => ids[next++]) }));
  const seen = new Map<string, string>();
  for (const { article, entries } of parsed) {
    for (const e of entries) {
      const key = `${e.provider}\u0000${fold(e.question)}\u0000${e.answer}`;
      const other = seen.get(key);
      if (other) throw new BuildError(article.path, e.line, `duplicate entry "${e.question}" (also in ${other}); the same text must not be loaded twice`);
      seen.set(key, `${article.path}:${e.line}`);
    }
  }
  return parsed;
}

/** A source's title as it states one (front matter, `<title>`, a title line), else null: a section heading is no title. */
function sourceTitle(model: ArticleModel): string | null {
  return model.title?.trim() || null;
}

/**
 * Normalizes synonym phrases and their words, drops pairs that normalization makes identical (a regional
 * phrase already equal to the mainland one), keeps the first entry for a phrase (curated data wins over
 * opencc's tables), and sorts longest phrase first.
 */
function normalizeSynonyms(pairs: [string, string[]][], normalize: (s: string) => string): [string, string[]][] {
  const seen = new Map<string, string[]>();
  for (const [phrase, words] of pairs) {
    const p = normalize(phrase);
    const ws = words.map(normalize).filter((w) => w && w !== p);
    if (!p || ws.length === 0 || seen.has(p)) continue;
    seen.set(p, ws);
  }
  return [...seen].sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
}

/**
 * Per provider, its articles narrowed to its own blocks (see blockProviders), in file order: an article about it
 * whole, and the rows that name it in a structured source about another.
 */
function modelsByProvider(perArticle: ParsedArticle[], providers: Sources['providers'], fold: Fold): Map<string, ArticleModel[]> {
  const out = new Map<string, ArticleModel[]>();
  for (const { model, provider } of perArticle) {
    const owners = blockProviders(model, provider, providers, fold);
    for (const id of new Set(owners.map((p) => p.id))) {
      const blocks = model.blocks.filter((_, i) => owners[i].id === id);
      const list = out.get(id) ?? [];
      list.push(blocks.length === model.blocks.length ? model : { ...model, blocks });
      out.set(id, list);
    }
  }
  return out;
}

/** The general guidance served for a provider that has no article of its own, every statement marked general. */
function asGeneral(contact: Contact, p: { id: string; name: string }): Contact {
  const mark = <T extends object>(items: T[]) => items.map((x) => ({ ...x, general: true }));
  return {
    ...contact,
    provider: { id: p.id, name: p.name },
    name: p.name,
    hours: contact.hours ? { ...contact.hours, general: true } : null,
    channels: mark(contact.channels),
    prepare: mark(contact.prepare),
    steps: mark(contact.steps),
    escalation: mark(contact.escalation),
    safety: mark(contact.safety),
    thirdParty: [],
    general: true,
  };
}

/**
 * Serializes deterministically (serializeArtifact), checks that the text reads back as the same artifact, and
 * replaces `path` atomically: the text goes to a temporary file in the same
 * directory, is flushed to disk, then renamed over the old artifact, so a reader (wrangler, vitest, a crash) sees
 * either the old file or the new one, never half of one. An unchanged artifact is not rewritten at all, so watchers
 * do not reload for nothing. Returns the size in bytes.
 */
export function writeArtifact(artifact: Artifact, path: string): number {
  const text = serializeArtifact(artifact);
  // Read back and written again, the file must come out the same: nothing lost or reordered in the layout.
  if (serializeArtifact(parseArtifact(text)) !== text) throw new Error('the serialized artifact does not read back as itself');
  return writeAtomic(path, Buffer.from(text));
}

/** Matches an unpaired UTF-16 surrogate: text that cannot be encoded as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks the finished artifact before it may replace the shipped one; throws BuildError naming what is wrong.
 * The segmenter and the lexicon are complex; these are the invariants the worker and the contract rely on, checked
 * once on the whole result so a bug anywhere upstream cannot ship:
 * - there are entries, ids are unique, every entry has a question and an answer;
 * - every source span lies inside the article it names (offsets are served to clients as-is), and every contact
 *   value (a channel's or a third party's) stands in the file at its statement's span, verbatim;
 * - every string is well-formed Unicode (a lone surrogate is not UTF-8 and breaks JSON consumers);
 * - the worker's engine loads the artifact and answers each article's first question without throwing.
 */
export function validateArtifact(
  artifact: Artifact,
  sources: Pick<Sources, 'articles'>,
  load: (a: Artifact) => { search(p: { q: string; limit: number }): { hits: unknown[] } },
  label = 'artifact',
): void {
  const fail = (detail: string): never => {
    throw new BuildError(label, 0, detail);
  };
  const texts = new Map(sources.articles.map((a) => [a.doc, a]));
  if (artifact.entries.length === 0) fail('no entries');
  const ids = new Set<string>();
  const checkSpan = (what: string, span: { doc: string; start: number; end: number }) => {
    const article = texts.get(span.doc);
    if (!article) fail(`${what}: span names unknown document "${span.doc}"`);
    const ok = Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= article!.text.length;
    if (!ok) throw new BuildError(article!.path, lineAt(article!.text, span.start), `${what}: span ${span.start}..${span.end} is outside the article (length ${article!.text.length})`);
  };
  for (const e of artifact.entries) {
    if (ids.has(e.id)) fail(`duplicate entry id "${e.id}"`);
    ids.add(e.id);
    if (!e.question.trim() || !e.answer.trim()) {
      const article = texts.get(e.source.doc);
      throw new BuildError(article?.path ?? e.source.doc, article ? lineAt(article.text, e.source.start) : 1, `entry "${e.id}" has an empty question or answer`);
    }
    checkSpan(`entry "${e.id}"`, e.source);
    e.steps.forEach((step, i) => checkSpan(`entry "${e.id}" step ${i + 1}`, step.source));
  }
  for (const [id, c] of Object.entries(artifact.contacts)) {
    const what = `contact of "${id}"`;
    for (const s of [...(c.hours ? [c.hours] : []), ...c.channels, ...c.prepare, ...c.steps, ...c.escalation, ...c.safety, ...c.thirdParty]) checkSpan(what, s.source);
    for (const v of [...c.channels, ...c.thirdParty]) {
      if (v.value === null) continue;
      const { doc, start, end } = v.source;
      if (!texts.get(doc)!.text.slice(start, end).includes(v.value)) fail(`${what}: value "${v.value}" is not in the file at ${doc} ${start}..${end}`);
    }
    if (c.hours && !c.hours.text.includes(c.hours.value)) fail(`${what}: hours "${c.hours.value}" are not in their statement "${c.hours.text}"`);
  }
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) fail(`${path} contains a lone UTF-16 surrogate (${JSON.stringify(value.slice(0, 20))}); an astral character was split in two`);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (LONE_SURROGATE.test(k)) fail(`${path} has a key with a lone UTF-16 surrogate (${JSON.stringify(k)}); an astral character was split in two`);
        walk(v, `${path}.${k}`);
      }
    }
  };
  walk(artifact, 'artifact');
  let engine;
  try {
    engine = load(JSON.parse(JSON.stringify(artifact)) as Artifact);
  } catch (e) {
    fail(`the worker cannot load it: ${(e as Error).message}`);
  }
  const firstOfEach = new Map<string, string>();
  for (const e of artifact.entries) if (!firstOfEach.has(e.source.doc)) firstOfEach.set(e.source.doc, e.question);
  for (const [doc, question] of firstOfEach) {
    let hits: unknown[] = [];
    try {
      hits = engine!.search({ q: question, limit: 5 }).hits;
    } catch (e) {
      fail(`searching "${question}" (from ${doc}) throws: ${(e as Error).message}`);
    }
    if (hits.length === 0) fail(`searching "${question}" (from ${doc}) finds nothing: the index does not cover its own entries`);
  }
}
