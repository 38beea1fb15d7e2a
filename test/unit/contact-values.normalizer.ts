/** @module The real text normalizer for the contact value tests, built from the sources the way the build builds it. */
import { join } from 'node:path';
import { loadSources } from '../../src/indexer/load-sources';
import { gb2312Hanzi } from '../../src/indexer/readings';
import { buildScriptMap } from '../../src/indexer/script-map';
import { createNormalizer } from '../../src/text/normalize';
import { packScriptMap, ScriptTable } from '../../src/text/script-table';

/** The shared pipeline's `normalize`, with the script map generated from data/variants.tsv and opencc. */
export function testNormalizer(): (s: string) => string {
  const { variants } = loadSources(join(process.cwd(), 'data'));
  const table = new ScriptTable(packScriptMap(buildScriptMap(variants, new Set(gb2312Hanzi()))));
  return createNormalizer(table).normalize;
}
