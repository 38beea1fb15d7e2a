/** @module Build-only: reads and validates everything under data/, failing with file:line on the first bad input. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, isAbsolute, join, relative } from 'node:path';
import { CATEGORIES, type Provider } from '../model';
import type { CategoryLexicon } from '../text/category';
import { BuildError, lineAt, warn } from './errors';
import { adapterFor, knownExtensions } from './formats/index';

/**
 * The file in data/articles that lists files kept there on purpose but not read as articles: one name or `*` / `?`
 * pattern a line, `#` comments. Any other file no format adapter reads fails the build, so a misnamed article
 * (.docx, .TXT.bak) can never silently take a provider's entries away.
 */
export const IGNORE_FILE = '.ignore';

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
  const articles = listArticles(articlesDir, rel).map((doc) => readArticle(join(articlesDir, doc), doc, rel));
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

/**
 * The names of the articles in `dir`, sorted: every file a format adapter reads (by extension, in any case). Hidden
 * files are skipped; a file listed in .ignore is left alone; any other file or directory fails the build with a
 * message saying how to keep it on purpose.
 */
export function listArticles(dir: string, rel: (p: string) => string = (p) => p): string[] {
  let listing;
  try {
    listing = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new BuildError(rel(dir), 1, `missing directory of articles (${knownExtensions().join(', ')} files)`);
  }
  const ignored = readIgnoreList(join(dir, IGNORE_FILE), rel);
  const names: string[] = [];
  for (const entry of [...listing].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const pattern = ignored.find((p) => p.re.test(entry.name));
    if (pattern) {
      pattern.used = true;
      continue;
    }
    const path = rel(join(dir, entry.name));
    const keep = `to keep it in articles/ on purpose, add "${entry.name}" to ${rel(join(dir, IGNORE_FILE))}`;
    if (!entry.isFile()) throw new BuildError(path, 1, `not an article: a directory (articles are files directly in articles/); ${keep}`);
    if (!adapterFor(entry.name)) {
      const ext = extname(entry.name) || 'no extension';
      throw new BuildError(path, 1, `not an article: no format reads "${ext}" files (articles are ${knownExtensions().join(', ')} files, in any case); ${keep}`);
    }
    names.push(entry.name);
  }
  for (const p of ignored) if (!p.used) warn(rel(join(dir, IGNORE_FILE)), p.line, `"${p.pattern}" matches no file`);
  if (names.length === 0) throw new BuildError(rel(dir), 1, `no articles found (${knownExtensions().join(', ')} files)`);
  return names;
}

interface IgnorePattern {
  pattern: string;
  re: RegExp;
  line: number;
  used: boolean;
}

/** The patterns of an .ignore file (none when there is no such file). */
function readIgnoreList(path: string, rel: (p: string) => string): IgnorePattern[] {
  if (!existsSync(path)) return [];
  const out: IgnorePattern[] = [];
  splitLines(readText(path, rel).text).forEach((raw, i) => {
    const pattern = raw.trim();
    if (!pattern || pattern.startsWith('#')) return;
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    out.push({ pattern, re, line: i + 1, used: false });
  });
  return out;
}

/** Lines of a text file, whatever its line endings ("\r\n", "\r" or "\n"). */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Reads one article, rejecting binary files, invalid UTF-8 and empty text with the offending line. */
export function readArticle(path: string, doc: string, rel: (p: string) => string = (p) => p): Article {
  const { bytes, text } = readText(path, rel, 'articles');
  if (!text.trim()) throw new BuildError(rel(path), 1, 'empty article');
  return { doc, path: rel(path), text, bytes };
}

/**
 * Reads a data file as strict UTF-8 text, without a leading byte-order mark (so offsets match what a browser or
 * TextDecoder reads). A file saved as UTF-16, a NUL byte (a binary file), a byte sequence that is not UTF-8 (a file
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
  const utf16 = utf16Kind(bytes);
  if (utf16) throw new BuildError(rel(path), 1, `saved as UTF-16 (${utf16}); ${what} must be saved as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new BuildError(rel(path), lineOfByte(bytes, nul), `binary file (NUL byte); ${what} must be UTF-8 text`);
  try {
    return { bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    throw new BuildError(rel(path), lineOfByte(bytes, firstInvalidUtf8(bytes)), `invalid UTF-8; ${what} must be saved as UTF-8`);
  }
}

/**
 * UTF-16 by its byte-order mark, or without one by what it decodes to: text in UTF-16 reads as text (Chinese,
 * Latin, punctuation, white space), where a binary file read as UTF-16 is scattered over the whole of Unicode.
 */
function utf16Kind(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'little-endian, with a byte-order mark';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'big-endian, with a byte-order mark';
  if (bytes.length < 4 || bytes.length % 2 !== 0 || bytes.indexOf(0) === -1) return undefined;
  if (readsAsText(new TextDecoder('utf-16le').decode(bytes))) return 'little-endian, without a byte-order mark';
  if (readsAsText(new TextDecoder('utf-16be').decode(bytes))) return 'big-endian, without a byte-order mark';
  return undefined;
}

/** Share of characters that must be ordinary text for a decoding to count as text. */
const TEXT_SHARE = 0.95;
const ORDINARY = /[\p{Script=Han}\p{Script=Latin}\p{N}\p{P}\s\u3000-\u303f\uff00-\uffef]/u;

function readsAsText(text: string): boolean {
  const chars = Array.from(text);
  return chars.filter((c) => ORDINARY.test(c)).length >= TEXT_SHARE * chars.length;
}

function readProviders(path: string, rel: (p: string) => string, lineOfId: Record<string, number> = {}): Provider[] {
  const { json, text } = readJson(path, rel);
  const providers = (json as { providers?: Provider[] } | null)?.providers;
  if (!Array.isArray(providers) || providers.length === 0) throw new BuildError(rel(path), 1, 'expected { "providers": [...] }');
  const lines = splitLines(text);
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
    // Aliases are optional: a provider known only by its name is named by it.
    if (p.aliases === undefined) p.aliases = [];
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
    const message = String((e as Error).message);
    throw new BuildError(rel(path), jsonErrorLine(text, message), `invalid JSON: ${message.replace(/,? "[^"]*" is not valid JSON$/, '')}`);
  }
}

/**
 * The line a JSON syntax error is on. V8 reports where it noticed the error, "at position N" or "(line L column
 * C)"; for a missing comma or a trailing comma that is the next token, often on the next line, so the error is put
 * on the last token before it instead.
 */
export function jsonErrorLine(text: string, message: string): number {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  const position = /position (\d+)/.exec(message);
  let at = position ? Number(position[1]) : lineCol ? offsetOfLine(text, Number(lineCol[1])) + Number(lineCol[2]) - 1 : -1;
  if (at < 0) return 1;
  const before = text.slice(0, at).trimEnd();
  if (/after (?:property value|array element)|double-quoted property name|Unexpected token '?[}\]]/.test(message) || before.endsWith(',')) at = before.length - 1;
  return lineAt(text, Math.max(0, at));
}

/** Offset of the start of 1-based `line`. */
function offsetOfLine(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const m = /\r\n|\r|\n/g;
    m.lastIndex = at;
    const hit = m.exec(text);
    if (!hit) break;
    at = hit.index + hit[0].length;
  }
  return at;
}

/** Reads a line-based data file: '#' comments and blank lines are skipped, fields split on TAB. */
function readLines<T>(path: string, rel: (p: string) => string, parse: (fields: string[], fail: (m: string) => never) => T): T[] {
  const out: T[] = [];
  splitLines(readText(path, rel).text).forEach((line, i) => {
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
  return Math.max(1, splitLines(text).findIndex((l) => l.includes(needle)) + 1);
}

/** 1-based line of byte `index`; "\r\n", "\r" and "\n" each end a line. */
function lineOfByte(bytes: Buffer, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
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
