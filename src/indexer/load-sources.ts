/** @module Build-only: reads and validates everything under data/, failing with file:line on the first bad input. */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { CATEGORIES, type Provider } from '../model';
import type { CategoryLexicon } from '../text/category';
import { BuildError, warn } from './errors';

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
  /** Where providers.json is and the line each provider's id is on, for warnings about a provider. */
  providerLines?: { path: string; lines: Record<string, number> };
}

/** Reads `dataDir`; `root` is only used to print paths relative to the project. */
export function loadSources(dataDir: string, root = process.cwd()): Sources {
  // Relative to the project when inside it (clickable in a terminal), absolute otherwise (no ../../tmp/…).
  const rel = (p: string) => {
    const r = relative(root, p);
    return !r ? p : r.startsWith('..') || isAbsolute(r) ? p : r;
  };
  const articlesDir = join(dataDir, 'articles');
  let listing;
  try {
    listing = readdirSync(articlesDir, { withFileTypes: true });
  } catch {
    throw new BuildError(rel(articlesDir), 1, 'missing directory of .txt articles');
  }
  const names: string[] = [];
  for (const entry of listing) {
    if (entry.isFile() && entry.name.endsWith('.txt')) names.push(entry.name);
    // Anything else (an image, a .docx, an editor's backup) is not an article; say so instead of dropping it silently.
    else if (!entry.name.startsWith('.')) warn(rel(join(articlesDir, entry.name)), 1, 'ignored: articles must be .txt files');
  }
  names.sort();
  if (names.length === 0) throw new BuildError(rel(articlesDir), 1, 'no .txt articles found');
  const articles = names.map((doc) => readArticle(join(articlesDir, doc), doc, rel));
  const providerLines = { path: rel(join(dataDir, 'providers.json')), lines: {} as Record<string, number> };
  const providers = readProviders(join(dataDir, 'providers.json'), rel, providerLines.lines);
  return {
    providerLines,
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
  const { bytes, text } = readText(path, rel, 'articles');
  if (!text.trim()) throw new BuildError(rel(path), 1, 'empty article');
  return { doc, path: rel(path), text, bytes };
}

/**
 * Reads a data file as strict UTF-8 text. A NUL byte (a binary file), a byte sequence that is not UTF-8 (a file
 * saved as GBK, say) or a missing file fails with the line it is on, instead of being decoded into U+FFFD and
 * indexed as garbage.
 */
export function readText(path: string, rel: (p: string) => string, what = 'data files'): { bytes: Buffer; text: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new BuildError(rel(path), 1, code === 'ENOENT' ? 'missing file' : `cannot read (${code ?? (e as Error).message})`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new BuildError(rel(path), lineOfByte(bytes, nul), `binary file (NUL byte); ${what} must be UTF-8 text`);
  try {
    return { bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    throw new BuildError(rel(path), lineOfByte(bytes, firstInvalidUtf8(bytes)), `invalid UTF-8; ${what} must be saved as UTF-8`);
  }
}

function readProviders(path: string, rel: (p: string) => string, lineOfId: Record<string, number> = {}): Provider[] {
  const { json, text } = readJson(path, rel);
  const providers = (json as { providers?: Provider[] } | null)?.providers;
  if (!Array.isArray(providers) || providers.length === 0) throw new BuildError(rel(path), 1, 'expected { "providers": [...] }');
  const lines = text.split('\n');
  /** First line at or after `from` (1-based) that contains `needle`, else `from`. */
  const lineOf = (needle: string, from = 1) => {
    const i = lines.findIndex((l, n) => n + 1 >= from && l.includes(needle));
    return i === -1 ? from : i + 1;
  };
  const ids = new Set<string>();
  const aliasOwner = new Map<string, string>();
  let at = 1;
  for (const p of providers) {
    const fail = (line: number, message: string): never => {
      throw new BuildError(rel(path), line, message);
    };
    if (typeof p !== 'object' || p === null) fail(at, 'each provider must be an object');
    // Each provider's messages point into its own object: the line of its id, searched from the previous one on.
    at = typeof p.id === 'string' ? lineOf(JSON.stringify(p.id), at) : at;
    if (typeof p.id !== 'string' || !/^[a-z0-9-]+$/.test(p.id)) fail(at, `bad provider id ${JSON.stringify(p.id)} (lowercase letters, digits and -)`);
    if (ids.has(p.id)) fail(at, `duplicate provider id "${p.id}"`);
    ids.add(p.id);
    lineOfId[p.id] = at;
    if (typeof p.name !== 'string' || !p.name.trim()) fail(at, `provider "${p.id}" has no name`);
    if (!Array.isArray(p.aliases) || p.aliases.some((a) => typeof a !== 'string' || !a.trim()))
      fail(lineOf('"aliases"', at), `provider "${p.id}": "aliases" must be a list of non-empty strings`);
    for (const alias of [p.name, ...p.aliases]) {
      // Spelling variants that the query side treats as one (case, spaces) must name one provider only.
      const key = alias.toLowerCase().replace(/\s+/g, '');
      const owner = aliasOwner.get(key);
      if (owner && owner !== p.id)
        fail(lineOf(JSON.stringify(alias), at), `alias "${alias}" names both "${owner}" and "${p.id}"; an alias must name one provider`);
      aliasOwner.set(key, p.id);
    }
  }
  if (providers.filter((p) => p.general).length !== 1)
    throw new BuildError(rel(path), 1, 'exactly one provider must be marked "general": true');
  return providers;
}

function readCategories(path: string, rel: (p: string) => string): CategoryLexicon {
  const { json, text } = readJson(path, rel);
  const cats = (json as { categories?: CategoryLexicon } | null)?.categories;
  if (!cats || typeof cats !== 'object') throw new BuildError(rel(path), 1, 'expected { "categories": {...} }');
  for (const c of Object.keys(cats))
    if (!(CATEGORIES as readonly string[]).includes(c)) throw new BuildError(rel(path), lineOfText(text, `"${c}"`), `unknown category "${c}"`);
  for (const c of CATEGORIES) if (!cats[c]) throw new BuildError(rel(path), 1, `category "${c}" is missing`);
  return cats;
}

function readJson(path: string, rel: (p: string) => string): { json: unknown; text: string } {
  const { text } = readText(path, rel);
  try {
    return { json: JSON.parse(text), text };
  } catch (e) {
    // V8 reports either "at position N" or "(line L column C)", depending on its version.
    const message = String((e as Error).message);
    const position = /position (\d+)/.exec(message);
    const lineCol = /line (\d+) column/.exec(message);
    const line = lineCol ? Number(lineCol[1]) : position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    throw new BuildError(rel(path), line, `invalid JSON: ${message}`);
  }
}

/** Reads a line-based data file: '#' comments and blank lines are skipped, fields split on TAB. */
function readLines<T>(path: string, rel: (p: string) => string, parse: (fields: string[], fail: (m: string) => never) => T): T[] {
  const out: T[] = [];
  readText(path, rel)
    .text.split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
      if (!line.trim() || line.startsWith('#')) return;
      out.push(
        parse(line.split('\t'), (m) => {
          throw new BuildError(rel(path), i + 1, m);
        }),
      );
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

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629, Table 3-7 of Unicode). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence and the allowed range of its second byte (excludes overlongs, surrogates, > U+10FFFF).
    const [n, lo, hi] =
      b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf]
      : b === 0xe0 ? [2, 0xa0, 0xbf]
      : b === 0xed ? [2, 0x80, 0x9f]
      : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf]
      : b === 0xf0 ? [3, 0x90, 0xbf]
      : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf]
      : b === 0xf4 ? [3, 0x80, 0x8f]
      : [0, 0, 0];
    if (n === 0 || i + n >= bytes.length) return i; // not a lead byte, or truncated at the end
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return bytes.length;
}
