/** @module Unit tests for the sound index (src/text/pinyin.ts): toneless pinyin input and homophone typos. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArtifact } from '../../src/artifact';
import { PinyinMatcher, type ReadingTable } from '../../src/text/pinyin';

const TABLE: ReadingTable = {
  dong: '冻动',
  jie: '结洁节',
  zhi: '支只',
  fu: '付富',
  shi: '失是',
  bai: '败',
  mi: '密',
  ma: '码吗',
  zhao: '找',
  hui: '回汇会',
  tian: '天',
  xia: '下',
  chang: '长',
  zhang: '长',
};
const VOCABULARY = ['冻结', '支付', '失败', '支付失败', '密码', '找回', '汇付天下', '长长'];
const matcher = PinyinMatcher.fromTable(TABLE, VOCABULARY);
const unknown = () => false;

describe('readingsOf', () => {
  it('lists every reading of a polyphonic character', () => {
    expect(matcher.readingsOf('长').sort()).toEqual(['chang', 'zhang']);
    expect(matcher.readingsOf('汇')).toEqual(['hui']);
    expect(matcher.readingsOf('龘')).toEqual([]);
  });
});

describe('fromPinyin', () => {
  it('reads toneless pinyin without spaces as the fewest vocabulary words', () => {
    expect(matcher.fromPinyin('zhifushibai')).toEqual(['支付失败']);
    expect(matcher.fromPinyin('mimazhaohui')).toEqual(['密码', '找回']);
    expect(matcher.fromPinyin('dongjie')).toEqual(['冻结']);
  });

  it('reads pinyin with spaces the same way', () => {
    expect(matcher.fromPinyin('mima zhaohui')).toEqual(['密码', '找回']);
    expect(matcher.fromPinyin('zhi fu shi bai')).toEqual(['支付失败']);
  });

  it('tolerates a stray syllable when most letters are explained', () => {
    expect(matcher.fromPinyin('zhifushi')).toEqual(['支付']);
  });

  it('rejects input where under 60% of the letters read as vocabulary', () => {
    expect(matcher.fromPinyin('mimazhao')).toEqual([]);
    expect(matcher.fromPinyin('mimahui')).toEqual([]);
  });

  it('rejects English words and too-short input', () => {
    for (const word of ['hello', 'refund', 'password', 'today', 'topay', 'x', '']) expect(matcher.fromPinyin(word)).toEqual([]);
  });

  it('rejects English with the shipped reading table and vocabulary too', () => {
    const artifact = parseArtifact(readFileSync(join(process.cwd(), 'src/generated/artifact.txt'), 'utf8'));
    const full = new PinyinMatcher(artifact.text.sound);
    for (const word of ['hello', 'refund', 'password', 'today', 'china']) expect(full.fromPinyin(word)).toEqual([]);
    expect(full.fromPinyin('zhifushibai')).toEqual(['支付失败']);
    expect(full.fromPinyin('mima zhaohui')).toEqual(['密码', '找回']);
  });

  it('reads the shipped sound index the same in place as after its groups are parsed into maps', () => {
    const artifact = parseArtifact(readFileSync(join(process.cwd(), 'src/generated/artifact.txt'), 'utf8'));
    const full = new PinyinMatcher(artifact.text.sound);
    const read = () => ({ pinyin: full.fromPinyin('zhifushibai'), typo: full.homophones('客服电化多少', unknown), other: full.homophones('账户冻洁了', unknown) });
    const first = read();
    // Far more lookups per group than a group is read in place for.
    for (let round = 0; round < 50; round++) expect(read()).toEqual(first);
    expect(first.pinyin).toEqual(['支付失败']);
    expect(first.typo.map((m) => m.term)).toContain('电话');
  });

  it('walks every reading of a polyphonic word', () => {
    expect(matcher.fromPinyin('changchang')).toEqual(['长长']);
    expect(matcher.fromPinyin('zhangchang')).toEqual(['长长']);
  });
});

describe('homophones', () => {
  it('finds 冻洁 → 冻结 with its range', () => {
    expect(matcher.homophones('冻洁', unknown)).toEqual([{ term: '冻结', start: 0, end: 2 }]);
    expect(matcher.homophones('账户冻洁了', unknown)).toEqual([{ term: '冻结', start: 2, end: 4 }]);
  });

  it('does not take a span that is already a known word', () => {
    expect(matcher.homophones('冻洁', (s) => s === '冻洁')).toEqual([]);
  });

  it('does not report the word itself, nor a span sharing no character with it', () => {
    expect(matcher.homophones('冻结', unknown)).toEqual([]);
    expect(matcher.homophones('动节', unknown)).toEqual([]);
  });

  it('finds longer words (汇富天下 → 汇付天下)', () => {
    expect(matcher.homophones('汇富天下', unknown)).toContainEqual({ term: '汇付天下', start: 0, end: 4 });
  });

  it('gives UTF-16 offsets after astral characters', () => {
    expect(matcher.homophones('𠮷冻洁', unknown)).toEqual([{ term: '冻结', start: 2, end: 4 }]);
  });

  it('with blocked offsets equals dropping the matches that start or end at one', () => {
    const text = '汇富天下支只失是冻洁会付密吗';
    const all = matcher.homophones(text, unknown);
    expect(all.length).toBeGreaterThan(2);
    for (const blocked of [new Set([1]), new Set([4, 5]), new Set([8, 9]), new Set([0, 6, 10, 12]), new Set<number>()]) {
      const kept = all.filter((m) => !blocked.has(m.start) && !blocked.has(m.end));
      expect(matcher.homophones(text, unknown, (k) => blocked.has(k))).toEqual(kept);
    }
  });

  it('ignores characters without readings', () => {
    expect(matcher.homophones('abc', unknown)).toEqual([]);
    expect(matcher.homophones('', unknown)).toEqual([]);
  });

  it('the vocabulary only holds words of two or more characters with known readings', () => {
    const m = PinyinMatcher.fromTable(TABLE, ['冻', '龘结']);
    expect(m.fromPinyin('dong')).toEqual([]);
    expect(m.homophones('动结', unknown)).toEqual([]);
  });
});
