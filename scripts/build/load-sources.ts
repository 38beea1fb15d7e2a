/** @module Build-only: reads and validates everything under data/, failing with file:line on the first bad input. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATEGORIES, type Provider } from '../../src/model';
import type { CategoryLexicon } from '../../src/text/category';
import { BuildError } from './errors';

/** A source article as stored: its file name (the `doc` of every span) and exact text. */
export interface Article {
  doc: string;
  /** Path relative to the project root, for error messages. */
  path: string;
  text: string;
  bytes: Buffer;
}

/** All build inputs. */
export interface Sources {
  articles: Article[];
  providers: Provider[];
  categories: CategoryLexicon;
  dictionary: Map<string, number>;
  synonyms: [string, string[]][];
  stopwords: string[];
  fillers: string[];
  hoursWords: string[];
  variants: [string, string][];
}

/** Reads `dataDir`; `root` is only used to print paths relative to the project. */
export function loadSources(dataDir: string, root = process.cwd()): Sources {
  const rel = (p: string) => relative(root, p) || p;
  const articlesDir = join(dataDir, 'articles');
  const names = readdirSync(articlesDir)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  if (names.length === 0) throw new BuildError(rel(articlesDir), 0, 'no .txt articles found');
  const articles = names.map((doc) => readArticle(join(articlesDir, doc), doc, rel));
  const providers = readProviders(join(dataDir, 'providers.json'), rel);
  return {
    articles,
    providers,
    categories: readCategories(join(dataDir, 'categories.json'), rel),
    dictionary: new Map(
      readLines(join(dataDir, 'dictionary.txt'), rel, (fields, fail) => {
        const [word, freq = '20'] = fields[0].split(/\s+/);
        const n = Number(freq);
        if (!Number.isInteger(n) || n < 1) fail(`frequency "${freq}" is not a positive integer`);
        return [word, n] as [string, number];
      }),
    ),
    synonyms: readLines(join(dataDir, 'synonyms.tsv'), rel, (fields, fail) => {
      if (fields.length !== 2 || !fields[0].trim() || !fields[1].trim()) fail('expected "phrase<TAB>canonical words"');
      return [fields[0].trim(), fields[1].trim().split(/\s+/)] as [string, string[]];
    }),
    stopwords: readLines(join(dataDir, 'stopwords.txt'), rel, (f) => f[0].trim()),
    fillers: readLines(join(dataDir, 'fillers.txt'), rel, (f) => f[0].trim()),
    hoursWords: readLines(join(dataDir, 'hours-words.txt'), rel, (f) => f[0].trim()),
    variants: readLines(join(dataDir, 'variants.tsv'), rel, (fields, fail) => {
      if (fields.length !== 2 || Array.from(fields[0]).length !== 1 || Array.from(fields[1]).length !== 1)
        fail('expected "variant<TAB>character", one character each');
      return [fields[0], fields[1]] as [string, string];
    }),
  };
}

/** Reads one article, rejecting binary files, invalid UTF-8 and empty text with the offending line. */
export function readArticle(path: string, doc: string, rel: (p: string) => string = (p) => p): Article {
  const bytes = readFileSync(path);
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new BuildError(rel(path), lineOfByte(bytes, nul), 'binary file (NUL byte); articles must be UTF-8 text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new BuildError(rel(path), lineOfByte(bytes, firstInvalidUtf8(bytes)), 'invalid UTF-8');
  }
  if (!text.trim()) throw new BuildError(rel(path), 1, 'empty article');
  return { doc, path: rel(path), text, bytes };
}

function readProviders(path: string, rel: (p: string) => string): Provider[] {
  const json = readJson(path, rel) as { providers?: Provider[] };
  const providers = json.providers;
  if (!Array.isArray(providers) || providers.length === 0) throw new BuildError(rel(path), 1, 'expected { "providers": [...] }');
  const text = readFileSync(path, 'utf8');
  const lineOf = (needle: string) => Math.max(1, text.split('\n').findIndex((l) => l.includes(needle)) + 1);
  const ids = new Set<string>();
  const aliasOwner = new Map<string, string>();
  for (const p of providers) {
    if (typeof p.id !== 'string' || !/^[a-z0-9-]+$/.test(p.id)) throw new BuildError(rel(path), lineOf(String(p.id)), `bad provider id ${JSON.stringify(p.id)}`);
    if (ids.has(p.id)) throw new BuildError(rel(path), lineOf(`"${p.id}"`), `duplicate provider id "${p.id}"`);
    ids.add(p.id);
    if (typeof p.name !== 'string' || !p.name) throw new BuildError(rel(path), lineOf(p.id), `provider "${p.id}" has no name`);
    for (const alias of [p.name, ...(p.aliases ?? [])]) {
      const key = alias.toLowerCase().replace(/\s+/g, '');
      const owner = aliasOwner.get(key);
      if (owner && owner !== p.id)
        throw new BuildError(rel(path), lineOf(alias), `alias "${alias}" names both "${owner}" and "${p.id}"`);
      aliasOwner.set(key, p.id);
    }
  }
  if (providers.filter((p) => p.general).length !== 1)
    throw new BuildError(rel(path), 1, 'exactly one provider must be marked "general": true');
  return providers;
}

function readCategories(path: string, rel: (p: string) => string): CategoryLexicon {
  const json = readJson(path, rel) as { categories?: CategoryLexicon };
  const cats = json.categories;
  if (!cats) throw new BuildError(rel(path), 1, 'expected { "categories": {...} }');
  for (const c of Object.keys(cats))
    if (!(CATEGORIES as readonly string[]).includes(c)) throw new BuildError(rel(path), lineOfText(readFileSync(path, 'utf8'), `"${c}"`), `unknown category "${c}"`);
  for (const c of CATEGORIES) if (!cats[c]) throw new BuildError(rel(path), 1, `category "${c}" is missing`);
  return cats;
}

function readJson(path: string, rel: (p: string) => string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    throw new BuildError(rel(path), line, `invalid JSON: ${(e as Error).message}`);
  }
}

/** Reads a line-based data file: '#' comments and blank lines are skipped, fields split on TAB. */
function readLines<T>(path: string, rel: (p: string) => string, parse: (fields: string[], fail: (m: string) => never) => T): T[] {
  const out: T[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/\r$/, '');
      if (!line.trim() || line.startsWith('#')) return;
      out.push(parse(line.split('\t'), (m) => {
        throw new BuildError(rel(path), i + 1, m);
      }));
    });
  return out;
}

function lineOfText(text: string, needle: string): number {
  return Math.max(1, text.split('\n').findIndex((l) => l.includes(needle)) + 1);
}

function lineOfByte(bytes: Buffer, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode as a complete stream.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
