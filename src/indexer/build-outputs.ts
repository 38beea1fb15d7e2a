/**
 * @module Build-only: what the build writes beside the artifact for the page, into the static assets directory:
 * each source's stored text as `sources/<doc>.txt` (always `.txt`, so an HTML source is served as text and its
 * spans index the same characters) and the build report as `build-report.html`. Files are replaced atomically and
 * only after the artifact validated; texts of sources that are gone are removed.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport, type BuildReport } from './report';
import { writeAtomic } from './write-file';

/** The directory, under the assets, of the sources' stored texts. */
export const SOURCES_DIR = 'sources';
/** The build report's file name, under the assets. */
export const REPORT_FILE = 'build-report.html';

/** Writes the sources' texts and the report under `assetsDir`; returns where the report went. */
export function writeBuildOutputs(assetsDir: string, articles: { doc: string; text: string }[], report: BuildReport): { report: string } {
  const dir = join(assetsDir, SOURCES_DIR);
  const names = new Set(articles.map((a) => `${a.doc}.txt`));
  for (const a of articles) writeAtomic(join(dir, `${a.doc}.txt`), Buffer.from(a.text, 'utf8'));
  if (existsSync(dir)) for (const name of readdirSync(dir)) if (!names.has(name)) rmSync(join(dir, name), { force: true });
  const path = join(assetsDir, REPORT_FILE);
  writeAtomic(path, Buffer.from(renderReport(report), 'utf8'));
  return { report: path };
}
