/** @module Unit tests of the shipped synonym table (src/search/query.ts): packing, reading groups in place, and what the build refuses to pack. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseArtifact } from '../../src/artifact';
import { createSynonyms, packSynonyms, unpackSynonyms, type SynonymPair } from '../../src/search/query';
import { SortedTable } from '../../src/text/sorted-table';

/** In the build's order: longest phrase first, then by phrase. */
const PAIRS: SynonymPair[] = [
  ['customer service', ['客服', '联系客服']],
  ['艾力谢路 高沙里斯 依拿力图', ['亚历杭德罗 冈萨雷斯 伊纳里图']],
  ['账户被锁了', ['账户锁定']],
  ['账户被锁', ['账户锁定', '冻结']],
  ['账户锁', ['账户锁定']],
  ['人工', ['人工客服']],
  ['𨱏', ['锝']],
];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('packSynonyms / unpackSynonyms / createSynonyms', () => {
  it('round-trips pairs: phrases with spaces, Latin phrases, several phrases of one group, an astral first character', () => {
    const packed = packSynonyms(PAIRS);
    expect(unpackSynonyms(packed)).toEqual(PAIRS);
    expect(packSynonyms(unpackSynonyms(packed))).toEqual(packed);
    // A JSON round trip (the artifact file) reads the same.
    expect(unpackSynonyms(JSON.parse(JSON.stringify(packed)))).toEqual(PAIRS);
  });

  it('keeps a group longest first and finds phrases by the character they start with', () => {
    const synonyms = createSynonyms(packSynonyms(PAIRS));
    const text = '我的账户被锁了';
    expect(synonyms.startingAt(text, 2).map(([p]) => p)).toEqual(['账户被锁了', '账户被锁', '账户锁']);
    expect(synonyms.startingAt(text, 0)).toEqual([]);
    expect(synonyms.startingAt('customer service', 0)).toEqual([['customer service', ['客服', '联系客服']]]);
    expect(synonyms.startingAt('艾力谢路 高沙里斯 依拿力图', 0)[0][1]).toEqual(['亚历杭德罗 冈萨雷斯 伊纳里图']);
    // An astral character is found at its high surrogate; its low surrogate starts nothing.
    expect(synonyms.startingAt('x𨱏', 1)).toEqual([['𨱏', ['锝']]]);
    expect(synonyms.startingAt('x𨱏', 2)).toEqual([]);
  });

  it('gives the words of a phrase, and none for anything else', () => {
    const synonyms = createSynonyms(packSynonyms(PAIRS));
    for (const [phrase, words] of PAIRS) expect(synonyms.wordsOf(phrase)).toEqual(words);
    for (const other of ['', '账户', '账户被', 'customer', '客服']) expect(synonyms.wordsOf(other)).toBeUndefined();
  });

  it('ships well-formed text only (regression: keying by the first UTF-16 unit would split 𨱏 into lone surrogates)', () => {
    const table = new SortedTable(packSynonyms(PAIRS));
    for (const [key, group] of table.entries()) {
      expect(LONE_SURROGATE.test(key), JSON.stringify(key)).toBe(false);
      expect(LONE_SURROGATE.test(group), JSON.stringify(group)).toBe(false);
    }
  });

  it('refuses a separator inside a phrase or word, empty text, a phrase without words and a repeated phrase', () => {
    expect(() => packSynonyms([['账户|锁', ['账户锁定']]])).toThrow(/synonym phrase "账户\|锁" contains a separator/);
    expect(() => packSynonyms([['账户=锁', ['账户锁定']]])).toThrow(/contains a separator/);
    expect(() => packSynonyms([['账户锁', ['账户,锁定']]])).toThrow(/word "账户,锁定" of phrase "账户锁" contains a separator/);
    expect(() => packSynonyms([['账户锁', ['账户\n锁定']]])).toThrow(/contains a separator/);
    expect(() => packSynonyms([['', ['账户锁定']]])).toThrow(/empty synonym phrase/);
    expect(() => packSynonyms([['账户锁', ['']]])).toThrow(/empty synonym word/);
    expect(() => packSynonyms([['账户锁', []]])).toThrow(/has no words/);
    expect(() => packSynonyms([['账户锁', ['a']], ['账户锁', ['b']]])).toThrow(/occurs twice/);
  });

  it('the shipped table round-trips and holds the curated and regional pairs', () => {
    const artifact = parseArtifact(readFileSync(join(process.cwd(), 'src/generated/artifact.txt'), 'utf8'));
    const pairs = unpackSynonyms(artifact.text.synonyms);
    expect(pairs.length).toBeGreaterThan(1000);
    expect(packSynonyms(pairs)).toEqual(artifact.text.synonyms);
    const synonyms = createSynonyms(artifact.text.synonyms);
    for (const [phrase, words] of pairs) expect(synonyms.wordsOf(phrase)).toEqual(words);
  });

  it('matches at every position exactly what the shipped list grouped by first UTF-16 unit matched (format 9), in order', () => {
    const artifact = parseArtifact(readFileSync(join(process.cwd(), 'src/generated/artifact.txt'), 'utf8'));
    const pairs = unpackSynonyms(artifact.text.synonyms);
    const byUnit = new Map<string, SynonymPair[]>();
    for (const pair of pairs) byUnit.set(pair[0][0], [...(byUnit.get(pair[0][0]) ?? []), pair]);
    const synonyms = createSynonyms(artifact.text.synonyms);
    const text = `查 ${pairs.map(([phrase]) => phrase).join('')}𠮷𨱏 ok`;
    for (let i = 0; i < text.length; i++) {
      const matches = (group: readonly SynonymPair[]) => group.filter(([phrase]) => text.startsWith(phrase, i));
      expect(matches(synonyms.startingAt(text, i)), `at ${i}`).toEqual(matches(byUnit.get(text[i]) ?? []));
    }
  });

  // Bug: every character a query brought got a parsed-group entry, empty or not, so traffic with many distinct
  // characters grew the per-isolate cache without bound.
  it('caches only the groups the table ships (regression: an entry per character a query brings)', () => {
    const synonyms = createSynonyms(packSynonyms(PAIRS));
    const set = vi.spyOn(Map.prototype, 'set');
    try {
      for (let cp = 0x4e00; cp < 0x4e00 + 2000; cp++) {
        if (cp === 0x4eba) continue; // 人, which starts a phrase
        expect(synonyms.startingAt(String.fromCodePoint(cp), 0)).toEqual([]);
      }
      expect(set).not.toHaveBeenCalled();
      expect(synonyms.wordsOf('人工')).toEqual(['人工客服']);
      expect(set).toHaveBeenCalledTimes(1);
    } finally {
      set.mockRestore();
    }
  });
});
