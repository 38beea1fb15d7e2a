/** @module Unit tests for the shared segmenter (src/text/tokenize.ts): lexicon packing, segmentation, spans, inner words and Han grams. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseArtifact } from '../../src/artifact';
import { createAnalyzer } from '../../src/search/index-options';
import {
  createLexicon,
  hanGrams,
  innerWords,
  packLexicon,
  segment,
  segmentSpans,
  tokenize,
  unpackLexicon,
} from '../../src/text/tokenize';

const FREQUENCIES: Record<string, number> = {
  通联支付: 50,
  通联: 20,
  支付: 100,
  退款: 80,
  几天: 10,
  '24小时': 10,
  客服: 90,
  小时: 30,
  失败: 40,
  支付失败: 15,
  top: 5,
  pay: 5,
};
const lexicon = createLexicon(packLexicon(FREQUENCIES));

const artifact = parseArtifact(readFileSync(join(process.cwd(), 'src/generated/artifact.txt'), 'utf8'));
const analyzer = createAnalyzer(artifact.text);

describe('packLexicon / unpackLexicon / createLexicon', () => {
  // Bug: every character a query brought got a parsed-group entry, empty or not, so traffic with many distinct
  // characters grew the per-isolate cache without bound.
  it('caches only the groups the lexicon ships (regression: an entry per character a query brings)', () => {
    const fresh = createLexicon(packLexicon(FREQUENCIES));
    const set = vi.spyOn(Map.prototype, 'set');
    try {
      const starts = new Set(Object.keys(FREQUENCIES).map((w) => w.codePointAt(0)));
      for (let cp = 0x4e00; cp < 0x4e00 + 2000; cp++) {
        if (!starts.has(cp)) expect(fresh.costAt(String.fromCodePoint(cp) + '钱', 0, 2)).toBeNull();
      }
      expect(set).not.toHaveBeenCalled();
      expect(fresh.cost('支付')).toBe(lexicon.cost('支付'));
      expect(set).toHaveBeenCalled();
    } finally {
      set.mockRestore();
    }
  });

  it('reads the same costs from a group in place as after it is parsed into a map', () => {
    const shipped = unpackLexicon(artifact.text.lexicon);
    const total = artifact.text.lexicon.total;
    const fresh = createLexicon(artifact.text.lexicon);
    const words = ['支付', '支', '账户', '账户被锁', '了', '密码', '锁定', '客服电话'];
    const probes = [...words, '支付宝钱', '账户被', '密', '码x', 'x'];
    // Far more lookups per group than a group is read in place for, so both ways are compared.
    for (let round = 0; round < 100; round++) {
      for (const w of probes) {
        const frequency = shipped.get(w);
        expect(fresh.cost(w), w).toBe(frequency === undefined ? undefined : -Math.log(frequency / total));
      }
    }
    for (const w of words) expect(fresh.longestAt(w, 0)).toBe(Math.max(...[...shipped.keys()].filter((k) => k.startsWith(w[0])).map((k) => k.length)));
  });

  it('costAt: undefined for text that only starts words, null for text no word starts with', () => {
    const fresh = createLexicon(packLexicon(FREQUENCIES));
    // The same answer however often a group is read: it is searched in place every time.
    for (let round = 0; round < 40; round++) {
      expect(fresh.costAt('支付宝', 0, 3)).toBeNull();
      expect(fresh.costAt('支付失', 0, 3)).toBeUndefined();
      expect(fresh.costAt('支付失败', 0, 4)).toBe(lexicon.cost('支付失败'));
    }
    expect(fresh.costAt('钱包', 0, 2)).toBeNull();
    expect(fresh.cost('支付宝')).toBeUndefined();
  });

  it('costAt agrees with the word list for every shipped word and every text one longer', () => {
    const shipped = unpackLexicon(artifact.text.lexicon);
    const total = Math.max(artifact.text.lexicon.total, 1);
    const fresh = createLexicon(artifact.text.lexicon);
    const starts = new Set<string>();
    for (const w of shipped.keys()) for (let i = 1; i < w.length; i++) starts.add(w.slice(0, i));
    const expected = (t: string) => {
      const f = shipped.get(t);
      return f !== undefined ? -Math.log(f / total) : starts.has(t) ? undefined : null;
    };
    for (const w of shipped.keys()) {
      expect(fresh.costAt(w, 0, w.length)).toBe(expected(w));
      // A text past the word: the word's last unit changed to the units around it in code order.
      for (const t of [w + '的', w.slice(0, -1) + String.fromCharCode(w.charCodeAt(w.length - 1) + 1), w + ':']) {
        expect(fresh.costAt(t, 0, t.length), t).toBe(expected(t));
      }
    }
  });

  it('costAt reads a word inside a text like cost reads it alone', () => {
    expect(lexicon.costAt('我要通联支付退款', 2, 6)).toBe(lexicon.cost('通联支付'));
    expect(lexicon.costAt('x支付', 1, 3)).toBe(lexicon.cost('支付'));
    expect(lexicon.costAt('支付', 1, 1)).toBeUndefined();
  });

  it('round-trips word frequencies', () => {
    const back = unpackLexicon(packLexicon(FREQUENCIES));
    expect(Object.fromEntries(back)).toEqual(FREQUENCIES);
  });

  it('packs deterministically: the same words in any order pack to the same JSON', () => {
    const packed = packLexicon(FREQUENCIES);
    const shuffled = Object.fromEntries(Object.entries(FREQUENCIES).reverse());
    expect(JSON.stringify(packLexicon(shuffled))).toBe(JSON.stringify(packed));
    expect(packLexicon(Object.fromEntries(unpackLexicon(packed)))).toEqual(packed);
  });

  it('drops empty words, words with white space and non-positive frequencies (they could not be unpacked)', () => {
    const back = unpackLexicon(packLexicon({ '': 3, 'a b': 3, 'tab\tword': 3, 退款: 3, 零: 0 }));
    expect(Object.fromEntries(back)).toEqual({ 退款: 3 });
  });

  it('the shipped lexicon round-trips', () => {
    const packed = artifact.text.lexicon;
    const words = unpackLexicon(packed);
    expect(words.size).toBeGreaterThan(1000);
    expect(words.get('退款')).toBeGreaterThan(0);
    expect(packLexicon(Object.fromEntries(words))).toEqual(packed);
  });

  it('costs: frequent words cost less, unknown units cost more than any known word', () => {
    expect(lexicon.cost('支付')!).toBeLessThan(lexicon.cost('通联')!);
    expect(lexicon.cost('龘')).toBeUndefined();
    expect(lexicon.has('24小时')).toBe(true);
    expect(lexicon.has('小')).toBe(false);
    expect(lexicon.has('')).toBe(false);
    const costs = Object.keys(FREQUENCIES).map((w) => lexicon.cost(w)!);
    expect(Math.max(...costs)).toBeLessThan(lexicon.unknownCost);
    expect(lexicon.maxLength).toBe(4);
  });

  it('words starting with an astral character round-trip and segment', () => {
    const lex = createLexicon(packLexicon({ '𨱏': 10, '𠮷野': 5, 退款: 3 }));
    expect(Object.fromEntries(unpackLexicon(packLexicon({ '𨱏': 10, '𠮷野': 5 })))).toEqual({ '𨱏': 10, '𠮷野': 5 });
    expect(lex.has('𠮷野')).toBe(true);
    expect(segment('𠮷野退款', lex)).toEqual(['𠮷野', '退款']);
  });

  // Bug (src/text/tokenize.ts packLexicon): groups are keyed by word[0], the first UTF-16 unit, so a word starting
  // with an astral character (𨱏, U+28C4F, is in the shipped lexicon) becomes the key "\ud863" and the rest
  // "\udc4f:10". The artifact JSON then holds lone-surrogate escapes, which the workerd module loader rejects
  // ("unexpected end of hex escape at line 1 column …"): every route test file fails to import the worker.
  it('packs only well-formed strings (regression: astral first character split into lone surrogates)', () => {
    const packed = packLexicon({ '𨱏': 10, '𠮷野': 5 });
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const [key, entries] of Object.entries(packed.groups)) {
      expect(lone.test(key), JSON.stringify(key)).toBe(false);
      expect(lone.test(entries), JSON.stringify(entries)).toBe(false);
    }
  });

  it('an empty lexicon still segments, one unit at a time', () => {
    const empty = createLexicon(packLexicon({}));
    expect(segment('退款abc', empty)).toEqual(['退', '款', 'abc']);
  });
});

describe('segment', () => {
  it('prefers lexicon words', () => {
    expect(segment('通联支付退款要几天', lexicon)).toEqual(['通联支付', '退款', '要', '几天']);
    expect(segment('支付失败', lexicon)).toEqual(['支付失败']);
  });

  it('falls back to single Han characters for unknown text', () => {
    expect(segment('付天', lexicon)).toEqual(['付', '天']);
  });

  it('never splits a Latin or digit run, even when the lexicon has a piece of it', () => {
    expect(segment('topay退款', lexicon)).toEqual(['topay', '退款']);
    expect(segment('topay123退款', lexicon)).toEqual(['topay123', '退款']);
    expect(segment('2024', lexicon)).toEqual(['2024']);
  });

  it('keeps mixed words that span units (24小时)', () => {
    expect(segment('24小时客服', lexicon)).toEqual(['24小时', '客服']);
    expect(segment('24小时ab', lexicon)).toEqual(['24小时', 'ab']);
    // A lexicon word may not start inside a run: "abc24" is one unit, so 24小时 cannot be taken.
    expect(segment('abc24小时', lexicon)).toEqual(['abc24', '小时']);
  });

  it('treats spaces as chunk boundaries', () => {
    expect(segment('通联 支付', lexicon)).toEqual(['通联', '支付']);
    expect(segment('', lexicon)).toEqual([]);
  });

  it('with the shipped lexicon segments real queries as expected', () => {
    const seg = (q: string) => segment(analyzer.normalizer.normalize(q), analyzer.lexicon);
    expect(seg('Topay密码找回步骤')).toEqual(['topay', '密码', '找回', '步骤']);
    expect(seg('提供24小时服务')).toEqual(['提供', '24小时', '服务']);
    expect(seg('汇付天下客服几点上班')).toEqual(['汇付天下', '客服', '几点上班']);
  });

  it('property: the words always spell the text, spaces aside, and Latin/digit runs stay whole', () => {
    const unit = fc.constantFrom(...'通联支付退款几天24小时客服失败要的abcxyz019 ');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        const words = segment(s, lexicon);
        expect(words.join('')).toBe(s.replace(/ /g, ''));
        const runs = s.match(/[a-z0-9]+/g) ?? [];
        for (const run of runs) expect(words.some((w) => w.includes(run))).toBe(true);
        for (const w of words) expect(w).not.toBe('');
      }),
    );
  });
});

describe('segmentSpans', () => {
  it('gives each word its UTF-16 range in the text', () => {
    const text = '客服 24小时 退款';
    const spans = segmentSpans(text, lexicon);
    expect(spans).toEqual([
      { word: '客服', start: 0, end: 2, cost: lexicon.cost('客服') },
      { word: '24小时', start: 3, end: 7, cost: lexicon.cost('24小时') },
      { word: '退款', start: 8, end: 10, cost: lexicon.cost('退款') },
    ]);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.word);
  });

  it('gives each word the cost it was segmented at: its own, or unknownCost when the lexicon knows none', () => {
    expect(segmentSpans('通联支付 几天x', lexicon).map((s) => [s.word, s.cost])).toEqual([
      ['通联支付', lexicon.cost('通联支付')],
      ['几天', lexicon.cost('几天')],
      ['x', lexicon.unknownCost],
    ]);
  });

  it('counts astral characters as two units', () => {
    const text = '𠮷 退款';
    const spans = segmentSpans(text, lexicon);
    expect(spans.map(({ word, start, end }) => ({ word, start, end }))).toEqual([
      { word: '𠮷', start: 0, end: 2 },
      { word: '退款', start: 3, end: 5 },
    ]);
  });

  it('agrees with segment', () => {
    const text = '通联支付退款要几天 topay 24小时客服';
    expect(segmentSpans(text, lexicon).map((s) => s.word)).toEqual(segment(text, lexicon));
    for (const s of segmentSpans(text, lexicon)) expect(text.slice(s.start, s.end)).toBe(s.word);
  });
});

describe('innerWords and tokenize', () => {
  it('finds lexicon words of two or more characters inside a longer word, longest first', () => {
    expect(innerWords('通联支付', lexicon)).toEqual(['通联', '支付']);
    expect(innerWords('支付失败', lexicon)).toEqual(['支付', '失败']);
  });

  it('finds nothing inside words shorter than three units or without known pieces', () => {
    expect(innerWords('支付', lexicon)).toEqual([]);
    expect(innerWords('几点上班吗', lexicon)).toEqual([]);
  });

  it('tokenize emits each word followed by its inner words', () => {
    expect(tokenize('通联支付退款', lexicon)).toEqual(['通联支付', '通联', '支付', '退款']);
  });

  it('the analyzer adds inner words and drops stop words', () => {
    expect(analyzer.terms('通联支付的客服电话')).toEqual(['通联支付', '通联', '支付', '客服电话', '客服', '电话']);
    expect(analyzer.stopwords.has('的')).toBe(true);
  });
});

describe('hanGrams', () => {
  it('gives the characters, then the bigrams, of each Han run', () => {
    expect(hanGrams('退款abc锁 付天')).toEqual(['退', '款', '退款', '锁', '付', '天', '付天']);
  });

  it('does not bridge runs separated by Latin, digits or spaces', () => {
    expect(hanGrams('付a天')).toEqual(['付', '天']);
    expect(hanGrams('付 天')).toEqual(['付', '天']);
  });

  it('keeps astral Han characters whole', () => {
    expect(hanGrams('𠮷退')).toEqual(['𠮷', '退', '𠮷退']);
  });

  it('is empty for text without Han characters', () => {
    expect(hanGrams('topay 123')).toEqual([]);
    expect(hanGrams('')).toEqual([]);
  });
});
