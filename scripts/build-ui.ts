/**
 * @module `npm run build` (second step): public/ → dist/ui/, the Workers static assets directory (wrangler.toml
 * [assets]). Type-checks and transpiles the browser TypeScript with public/tsconfig.json, writes the page's script,
 * stylesheet and icon under content-hashed names in assets/, an index.html that references them, the widget at its
 * stable URL /widget.js (wrapped in an IIFE, its CSS inlined for the shadow root) and the _headers file. Fails when
 * the page (HTML + CSS + JS, gzip) exceeds its size budget.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { removeShards, SHARD_ROOT } from '../src/indexer/split';
import { REPORT_FILE, SOURCES_DIR } from '../src/indexer/build-outputs';
import { parseArtifact } from '../src/artifact';

/** Budget for the page (index.html + its CSS + JS + icon), gzip bytes. */
const PAGE_BUDGET = 50 * 1024;
/** Budget for widget.js, gzip bytes. */
const WIDGET_BUDGET = 20 * 1024;

const { values } = parseArgs({
  options: {
    src: { type: 'string', default: 'public' },
    out: { type: 'string', default: 'dist/ui' },
    artifact: { type: 'string', default: 'src/generated/artifact.txt' },
    quiet: { type: 'boolean', default: false },
  },
});
const src = resolve(values.src!);
const out = resolve(values.out!);

/** The hash of the bundled artifact when it is split (its shard set), else undefined. */
function splitHash(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const artifact = parseArtifact(readFileSync(file, 'utf8'));
  return artifact.split ? artifact.hash : undefined;
}

/** Type-checks the browser code and returns the emitted JavaScript by source base name (app, widget). */
function compile(): Map<string, string> {
  const configPath = join(src, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: false, declaration: false, sourceMap: false } });
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (fileName, text) => {
    emitted.set(fileName.replace(/^.*[\\/]/, '').replace(/\.js$/, ''), text);
  });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length) {
    const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
    throw new Error('type errors in the browser code:\n' + ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  }
  return emitted;
}

/** Drops the `export {};` that marks the sources as modules for the type checker. */
const stripModuleMarker = (js: string) => js.replace(/^export \{\};\s*$/m, '').trim() + '\n';

/** Removes comments and blank lines from a stylesheet (no further rewriting: what is tested is what ships). */
const compactCss = (css: string) =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n') + '\n';

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 10);
const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).length;

function write(rel: string, data: string | Buffer): void {
  const file = join(out, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

function main(): void {
  const started = performance.now();
  const js = compile();
  const app = js.get('app');
  const widgetJs = js.get('widget');
  if (!app || !widgetJs) throw new Error('public/app.ts and public/widget.ts must both emit');

  // Everything here is rebuilt, except what scripts/build.ts wrote for the artifact: the sources' texts, the build
  // report and the index shards of a split artifact (those of the artifact the worker now bundles stay, any others go).
  const fromBuild = new Set([SHARD_ROOT, SOURCES_DIR, REPORT_FILE]);
  if (existsSync(out)) for (const name of readdirSync(out)) if (!fromBuild.has(name)) rmSync(join(out, name), { recursive: true, force: true });
  removeShards(out, splitHash(resolve(values.artifact!)));

  // Content-hashed page assets.
  const assets: Record<string, { path: string; data: string | Buffer }> = {};
  const addAsset = (name: string, data: string | Buffer) => {
    const dot = name.lastIndexOf('.');
    const path = `/assets/${name.slice(0, dot)}.${hash(data)}${name.slice(dot)}`;
    assets[name] = { path, data };
    write(path, data);
  };
  addAsset('app.js', stripModuleMarker(app));
  addAsset('app.css', compactCss(readFileSync(join(src, 'app.css'), 'utf8')));
  addAsset('icon.svg', readFileSync(join(src, 'icon.svg')));

  const html = readFileSync(join(src, 'index.html'), 'utf8').replace(/\{\{asset:([^}]+)\}\}/g, (_, name: string) => {
    const asset = assets[name];
    if (!asset) throw new Error(`index.html references unknown asset "${name}"`);
    return asset.path;
  });
  if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html) || /\sstyle=|\son[a-z]+=/i.test(html)) throw new Error('index.html must not contain inline scripts, styles or handlers (CSP)');
  write('index.html', html);

  // The widget: stable URL, one self-contained classic script that leaks no globals.
  const widget = `/*! FAQ search widget — embed: <script src=".../widget.js" data-provider="topay" defer></script> */\n(() => {\n"use strict";\nconst WIDGET_CSS = ${JSON.stringify(compactCss(readFileSync(join(src, 'widget.css'), 'utf8')))};\n${stripModuleMarker(widgetJs)}})();\n`;
  write('widget.js', widget);

  write('_headers', readFileSync(join(src, '_headers')));

  const page = gz(html) + Object.values(assets).reduce((n, a) => n + gz(a.data), 0);
  const widgetGz = gz(widget);
  if (!values.quiet) {
    const list = Object.values(assets)
      .map((a) => `${a.path} ${(gz(a.data) / 1024).toFixed(1)} KB`)
      .join(', ');
    console.log(
      `build-ui: ${out.replace(process.cwd() + '/', '')}: page ${(page / 1024).toFixed(1)} KB gzip (index.html ${(gz(html) / 1024).toFixed(1)} KB, ${list}); ` +
        `widget.js ${(widgetGz / 1024).toFixed(1)} KB gzip; ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
  }
  if (page > PAGE_BUDGET) throw new Error(`page is ${page} bytes gzip, over its ${PAGE_BUDGET} byte budget`);
  if (widgetGz > WIDGET_BUDGET) throw new Error(`widget.js is ${widgetGz} bytes gzip, over its ${WIDGET_BUDGET} byte budget`);
}

try {
  main();
} catch (err) {
  console.error(`build-ui: ${(err as Error).message}`);
  process.exit(1);
}
