/**
 * @module Build failure tests: each copies data/ into a temporary directory, breaks one thing the way a content
 * editor might, runs the real build CLI against it and checks the exit code, the `file:line: message` on stderr and
 * that the previously built artifact is still byte-identical (or, for warnings, that the build still ships).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArtifact, type Artifact } from '../../src/artifact';
import { validateArtifact } from '../../src/indexer/artifact';
import { BuildError } from '../../src/indexer/errors';
import { firstInvalidUtf8, listArticles } from '../../src/indexer/load-sources';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const BUILD = join(ROOT, 'scripts/build.ts');

let base: string;
let out: string;
let good: Buffer;

/** Runs `tsx scripts/build.ts --data <data> --out <out> [--assets <dir>]` from the project root. */
function build(data: string, to = out, assets?: string): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(TSX, [BUILD, '--data', data, '--out', to, ...(assets ? ['--assets', assets] : [])], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** A fresh copy of data/ to break. */
function copyData(): string {
  const dir = mkdtempSync(join(base, 'data-'));
  cpSync(join(ROOT, 'data'), dir, { recursive: true });
  return dir;
}

const articleNames = () => listArticles(join(ROOT, 'data/articles'));
/** The shipped .txt articles, for cases that edit a plain-text article. */
const textArticles = () => articleNames().filter((n) => n.toLowerCase().endsWith('.txt'));

/** Asserts a failed build: exit 1, `build failed: file:line: …` naming `file` and `line`, previous artifact untouched. */
function expectFailure(result: ReturnType<typeof build>, file: string, line: number, message: RegExp | string): void {
  expect(result.code, result.stderr).toBe(1);
  const first = result.stderr.split('\n').find((l) => l.startsWith('build failed: '));
  expect(first, result.stderr).toBeDefined();
  expect(first!.slice('build failed: '.length).startsWith(`${file}:${line}: `), first).toBe(true);
  if (typeof message === 'string') expect(first).toContain(message);
  else expect(first).toMatch(message);
  expect(readFileSync(out).equals(good)).toBe(true);
  // No temporary file left next to the artifact.
  expect(readdirSync(join(base, 'out'))).toEqual(['artifact.txt']);
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'faq-build-'));
  out = join(base, 'out', 'artifact.txt');
  const result = build(join(ROOT, 'data'));
  expect(result.code, result.stderr).toBe(0);
  good = readFileSync(out);
}, 120_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('build: broken articles fail with file:line and keep the previous artifact', () => {
  it('a rebuild of unchanged sources is byte-identical and does not rewrite the file', () => {
    const before = statSync(out).mtimeMs;
    expect(build(join(ROOT, 'data')).code).toBe(0);
    expect(readFileSync(out).equals(good)).toBe(true);
    expect(statSync(out).mtimeMs).toBe(before);
  }, 60_000);

  it('an empty article', () => {
    const data = copyData();
    const file = join(data, 'articles', textArticles()[0]);
    writeFileSync(file, '');
    expectFailure(build(data), file, 1, 'empty article');
  }, 60_000);

  it('an article of only whitespace (BOM, CRLF, ideographic spaces)', () => {
    const data = copyData();
    const file = join(data, 'articles', textArticles()[1]);
    writeFileSync(file, '\uFEFF\r\n  \u3000\r\n\t\r\n');
    expectFailure(build(data), file, 1, 'empty article');
  }, 60_000);

  it('invalid UTF-8 (a line saved as GBK) names its line', () => {
    const data = copyData();
    const file = join(data, 'articles', textArticles()[0]);
    const lines = readFileSync(file, 'utf8').split('\n');
    const gbk = Buffer.from([0xcd, 0xcb, 0xbf, 0xee]); // 退款 in GBK
    const bytes = Buffer.concat([Buffer.from(lines.slice(0, 2).join('\n') + '\n'), gbk, Buffer.from('\n' + lines.slice(2).join('\n'))]);
    writeFileSync(file, bytes);
    expectFailure(build(data), file, 3, 'invalid UTF-8');
  }, 60_000);

  it('a truncated multi-byte character at the very end', () => {
    const data = copyData();
    const file = join(data, 'articles', textArticles()[2]);
    const text = readFileSync(file);
    writeFileSync(file, Buffer.concat([text, Buffer.from([0xe9, 0x80])]));
    const lastLine = text.toString('utf8').split('\n').length;
    expectFailure(build(data), file, lastLine, 'invalid UTF-8');
  }, 60_000);

  it('a binary file saved as .txt', () => {
    const data = copyData();
    const file = join(data, 'articles', '005_scan.txt');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    expectFailure(build(data), file, 3, 'binary file');
  }, 60_000);

  it('an article with no recognizable entries', () => {
    const data = copyData();
    const file = join(data, 'articles', '005_stub.txt');
    writeFileSync(file, '\n通联支付\n\n通联支付\n');
    expectFailure(build(data), file, 2, 'no recognizable entries');
  }, 60_000);

  it('an article about no known provider', () => {
    const data = copyData();
    const file = join(data, 'articles', '005_other.txt');
    writeFileSync(file, '如何申请退款？\n登录账户后，在订单页面点击申请退款，按提示填写原因并提交。\n');
    expectFailure(build(data), file, 1, 'cannot tell which provider');
  }, 60_000);

  it('the same article twice fails at the copy, naming the entry line of both', () => {
    const data = copyData();
    const [first] = articleNames();
    const copy = join(data, 'articles', '999_copy.txt');
    copyFileSync(join(data, 'articles', first), copy);
    const result = build(data);
    const line = Number(/999_copy\.txt:(\d+): duplicate entry/.exec(result.stderr)?.[1]);
    expect(line, result.stderr).toBeGreaterThan(0);
    expectFailure(result, copy, line, `(also in ${join(data, 'articles', first)}:`);
  }, 60_000);
});

describe('build: broken provider and data files', () => {
  /** Rewrites providers.json through `edit` and returns its path and text. */
  function editProviders(data: string, edit: (json: { providers: any[] }) => void): { file: string; text: string } {
    const file = join(data, 'providers.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    edit(json);
    const text = JSON.stringify(json, null, 2);
    writeFileSync(file, text);
    return { file, text };
  }
  const lineOf = (text: string, needle: string, after = 0) => text.split('\n').findIndex((l, i) => i >= after && l.includes(needle)) + 1;

  it('an alias shared by two providers names the second provider\'s line', () => {
    const data = copyData();
    const { file, text } = editProviders(data, (j) => j.providers.find((p) => p.id === 'huifu').aliases.push('通联'));
    const line = lineOf(text, '"通联"', lineOf(text, '"huifu"'));
    expectFailure(build(data), file, line, 'alias "通联" names both "allinpay" and "huifu"');
  }, 60_000);

  it('an alias differing only in case and spaces is the same alias', () => {
    const data = copyData();
    const { file, text } = editProviders(data, (j) => j.providers.find((p) => p.id === 'topay').aliases.push('huifu  TIANXIA'));
    expectFailure(build(data), file, lineOf(text, '"huifu  TIANXIA"'), 'names both "huifu" and "topay"');
  }, 60_000);

  it('a provider with an empty alias', () => {
    const data = copyData();
    const { file, text } = editProviders(data, (j) => j.providers.find((p) => p.id === 'topay').aliases.push(''));
    expectFailure(build(data), file, lineOf(text, '"aliases"', lineOf(text, '"topay"') - 1), '"aliases" must be a list of non-empty strings');
  }, 60_000);

  it('a provider with no entries only warns, with its line, and the build ships', () => {
    const data = copyData();
    const { file, text } = editProviders(data, (j) => j.providers.splice(1, 0, { id: 'newpay', name: '新支付', aliases: ['新支付', 'NewPay'] }));
    const elsewhere = join(base, 'warned', 'artifact.txt');
    const result = build(data, elsewhere);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${file}:${lineOf(text, '"newpay"')}: warning: provider "newpay" has no entries`);
    expect(result.stdout).toContain('1 warning');
    const artifact = parseArtifact(readFileSync(elsewhere, 'utf8'));
    expect(artifact.providers.map((p) => p.id)).toContain('newpay');
    expect(artifact.contacts.newpay?.general).toBe(true);
    expect(readFileSync(out).equals(good)).toBe(true);
  }, 60_000);

  it('a file no format reads fails the build, naming how to keep it on purpose; listed in .ignore it is left alone', () => {
    const data = copyData();
    const file = join(data, 'articles', 'logo.png');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expectFailure(build(data), file, 1, `not an article: no format reads ".png" files`);
    expect(build(data).stderr).toContain('add "logo.png" to');
    writeFileSync(join(data, 'articles', '.ignore'), '# kept on purpose\nlogo.png\n*.bak\n');
    // Built elsewhere, so the artifact the other cases compare against is never touched by a successful build.
    const elsewhere = join(base, 'ignored', 'artifact.txt');
    const result = build(data, elsewhere);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(elsewhere).equals(good)).toBe(true);
    // A pattern that matches nothing is worth a warning (a renamed file, a typo), not a failure.
    expect(result.stderr).toMatch(/\.ignore:3: warning: "\*\.bak" matches no file/);
  }, 60_000);

  it('regression: an article named .TXT is read, not dropped with a warning while the build exits 0', () => {
    const data = copyData();
    const [first] = textArticles();
    const upper = join(data, 'articles', first.replace(/\.txt$/, '.TXT'));
    renameSync(join(data, 'articles', first), upper);
    const elsewhere = join(base, 'upper', 'artifact.txt');
    const result = build(data, elsewhere);
    expect(result.code, result.stderr).toBe(0);
    const entries = parseArtifact(readFileSync(elsewhere, 'utf8')).entries.filter((e) => e.source.doc === basename(upper));
    expect(entries.length).toBe(parseArtifact(good.toString('utf8')).entries.filter((e) => e.source.doc === first).length);
  }, 60_000);

  it('a UTF-8 byte-order mark in providers.json and categories.json changes nothing', () => {
    const data = copyData();
    for (const f of ['providers.json', 'categories.json']) writeFileSync(join(data, f), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(data, f))]));
    const elsewhere = join(base, 'bom', 'artifact.txt');
    const result = build(data, elsewhere);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(elsewhere).equals(good)).toBe(true);
  }, 60_000);

  it('an article saved as UTF-16 is reported as UTF-16, not as a binary file', () => {
    const data = copyData();
    const file = join(data, 'articles', textArticles()[0]);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expectFailure(build(data), file, 1, 'saved as UTF-16 (little-endian, with a byte-order mark)');
    writeFileSync(file, Buffer.from(text, 'utf16le'));
    expectFailure(build(data), file, 1, 'saved as UTF-16 (little-endian, without a byte-order mark)');
  }, 60_000);

  it('CR-only line endings give the same entries as LF', () => {
    const data = copyData();
    const [first] = textArticles();
    const file = join(data, 'articles', first);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r'));
    const elsewhere = join(base, 'cr', 'artifact.txt');
    const result = build(data, elsewhere);
    expect(result.code, result.stderr).toBe(0);
    expect(parseArtifact(readFileSync(elsewhere, 'utf8')).entries).toEqual(parseArtifact(good.toString('utf8')).entries);
  }, 60_000);

  it('invalid JSON in providers.json names the line', () => {
    const data = copyData();
    const file = join(data, 'providers.json');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[4] = lines[4].replace(/,\s*$/, ''); // drop a comma
    writeFileSync(file, lines.join('\n'));
    const result = build(data);
    // The comma is missing at the end of line 5; the parser notices on line 6, the report names line 5.
    expectFailure(result, file, 5, 'invalid JSON');
  }, 60_000);

  it('invalid UTF-8 in a line-based data file names the line', () => {
    const data = copyData();
    const file = join(data, 'synonyms.tsv');
    const lines = readFileSync(file, 'utf8').split('\n').length;
    appendFileSync(file, Buffer.from([0xcd, 0xcb, 0x09, 0xbf, 0xee, 0x0a]));
    expectFailure(build(data), file, lines, 'invalid UTF-8');
  }, 60_000);

  it('a missing data file', () => {
    const data = copyData();
    const file = join(data, 'stopwords.txt');
    rmSync(file);
    expectFailure(build(data), file, 1, 'missing file');
  }, 60_000);
});

describe('build outputs for the page', () => {
  /** Every file under `dir` with its bytes. */
  const snapshot = (dir: string) =>
    Object.fromEntries((readdirSync(dir, { recursive: true }) as string[]).sort().filter((f) => statSync(join(dir, f)).isFile()).map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));

  it("writes each source's stored text and the report under --assets, and prints a line per source; a failed build leaves them", () => {
    const assets = join(base, 'assets');
    const elsewhere = join(base, 'outputs', 'artifact.txt');
    const result = build(join(ROOT, 'data'), elsewhere, assets);
    expect(result.code, result.stderr).toBe(0);
    const artifact = parseArtifact(readFileSync(elsewhere, 'utf8'));
    const report = readFileSync(join(assets, 'build-report.html'), 'utf8');
    for (const source of artifact.sources) {
      const stored = readFileSync(join(assets, 'sources', `${source.doc}.txt`), 'utf8');
      // Spans index the served copy exactly as they index the article.
      for (const e of artifact.entries.filter((x) => x.source.doc === source.doc)) expect(stored.length).toBeGreaterThanOrEqual(e.source.end);
      expect(result.stdout).toMatch(new RegExp(`${source.doc.replace(/[.]/g, '\\.')}  \\w+  [\\w-, ]+: ${source.entries} entr`));
      expect(source.title === null || source.title.length > 0).toBe(true);
    }
    for (const e of artifact.entries) expect(report).toContain(e.id);
    expect(report).not.toMatch(/<script|<style|\son\w+=/i);
    const before = snapshot(assets);
    const data = copyData();
    writeFileSync(join(data, 'articles', textArticles()[0]), '');
    expect(build(data, elsewhere, assets).code).toBe(1);
    expect(snapshot(assets)).toEqual(before);
  }, 120_000);
});

describe('artifact validation', () => {
  const artifact = () => parseArtifact(readFileSync(out, 'utf8'));
  const articles = () =>
    articleNames().map((doc) => {
      const path = join(ROOT, 'data/articles', doc);
      return { doc, path, text: readFileSync(path, 'utf8'), bytes: readFileSync(path) };
    });
  const engine = () => ({ search: () => ({ hits: [1] }) });

  it('accepts the good artifact', () => {
    expect(() => validateArtifact(artifact(), { articles: articles() }, engine)).not.toThrow();
  });

  it('rejects lone surrogates anywhere (a split astral character)', () => {
    const a = artifact();
    (a.text as any).lexicon.groups['\uD863'] = '\uDC4F:10';
    expect(() => validateArtifact(a, { articles: articles() }, engine)).toThrow(/lone UTF-16 surrogate/);
    const b = artifact();
    b.entries[0].answer += '\uD800';
    expect(() => validateArtifact(b, { articles: articles() }, engine)).toThrow(BuildError);
  });

  it('rejects spans outside their article, empty answers and duplicate ids', () => {
    const a = artifact();
    a.entries[0].source.end = 10_000_000;
    expect(() => validateArtifact(a, { articles: articles() }, engine)).toThrow(/outside the article/);
    const b = artifact();
    b.entries[1].answer = '  ';
    expect(() => validateArtifact(b, { articles: articles() }, engine)).toThrow(/empty question or answer/);
    const c = artifact();
    c.entries[1].id = c.entries[0].id;
    expect(() => validateArtifact(c, { articles: articles() }, engine)).toThrow(/duplicate entry id/);
  });

  it('rejects an artifact the engine cannot load or search', () => {
    expect(() => validateArtifact(artifact(), { articles: articles() }, () => { throw new Error('bad index'); })).toThrow(/cannot load it: bad index/);
    expect(() => validateArtifact(artifact(), { articles: articles() }, () => ({ search: () => ({ hits: [] }) }))).toThrow(/finds nothing/);
  });

  it('finds the first invalid UTF-8 byte exactly', () => {
    const cases: [number[], number][] = [
      [[0x61, 0x62], 2],
      [[0x61, 0xc3, 0x28], 1],
      [[0xe9, 0x80, 0x80, 0xe9, 0x80], 3],
      [[0xed, 0xa0, 0x80], 0], // encoded surrogate
      [[0xc0, 0xaf], 0], // overlong
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0xf0, 0x9f, 0x98, 0x80, 0xff], 4],
    ];
    for (const [bytes, at] of cases) expect(firstInvalidUtf8(Uint8Array.from(bytes)), bytes.join(' ')).toBe(at);
  });
});

it('the test really used a temporary directory', () => {
  expect(existsSync(base)).toBe(true);
  expect(base.startsWith(tmpdir())).toBe(true);
});
