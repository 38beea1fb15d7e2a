/** @module Unit tests for the character classes (src/text/char-class.ts): the range fast paths agree with the Unicode-property regexes they replace. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BLANK_FILLER_SOURCE, hanRuns, hasLetterOrDigit, isHan, isHanWord, isInvisible, lazyRegExp, ZERO_WIDTH_SOURCE } from '../../src/text/char-class';

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Every code point, surrogates included (each as a lone unit). */
function* codePoints(): Generator<string> {
  for (let cp = 0; cp <= 0x10ffff; cp++) yield String.fromCodePoint(cp);
}

describe('isHan and hasLetterOrDigit', () => {
  it('agree with the regexes on every code point', () => {
    const failures: string[] = [];
    for (const ch of codePoints()) {
      if (isHan(ch) !== HAN.test(ch)) failures.push(`isHan U+${ch.codePointAt(0)!.toString(16)}`);
      if (hasLetterOrDigit(ch) !== LETTER_OR_DIGIT.test(ch)) failures.push(`hasLetterOrDigit U+${ch.codePointAt(0)!.toString(16)}`);
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('answer common text by range, and rarer characters by the regex', () => {
    expect(isHan('账')).toBe(true);
    expect(isHan('𠮷')).toBe(true); // astral, Extension B
    expect(isHan('々')).toBe(true); // Script=Han outside the two big blocks
    expect(isHan('a')).toBe(false);
    expect(isHan('')).toBe(false);
    expect(hasLetterOrDigit('  ')).toBe(false);
    expect(hasLetterOrDigit(' \u0301 ')).toBe(false); // a combining mark is neither
    expect(hasLetterOrDigit(' é')).toBe(true);
    expect(hasLetterOrDigit('٣')).toBe(true); // Arabic-Indic digit
  });
});

describe('isHanWord and hanRuns', () => {
  const unit = fc.oneof(
    fc.constantFrom(...'账户被锁a1 ，。々〇𠮷😀é\u0301'),
    fc.constantFrom('\ud842', '\udfb7'),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  );

  it('property: isHanWord equals /^\\p{Script=Han}+$/u', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (s) => {
        expect(isHanWord(s)).toBe(/^\p{Script=Han}+$/u.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: hanRuns equals matchAll(/\\p{Script=Han}+/gu)', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (s) => {
        const want = [...s.matchAll(/\p{Script=Han}+/gu)].map((m) => ({ text: m[0], index: m.index }));
        expect(hanRuns(s)).toEqual(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds runs with their offsets', () => {
    expect(hanRuns('topay退款 要几天?')).toEqual([
      { text: '退款', index: 5 },
      { text: '要几天', index: 8 },
    ]);
    expect(isHanWord('支付失败')).toBe(true);
    expect(isHanWord('支付a')).toBe(false);
    expect(isHanWord('')).toBe(false);
  });
});

describe('invisible characters', () => {
  it('zero-width and blank fillers together are exactly Default_Ignorable_Code_Point, plus the braille blank', () => {
    const zeroWidth = new RegExp(`^(?:${ZERO_WIDTH_SOURCE})$`);
    const filler = new RegExp(`^(?:${BLANK_FILLER_SOURCE})$`);
    const di = /^\p{Default_Ignorable_Code_Point}$/u;
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const listed = zeroWidth.test(ch) || (filler.test(ch) && cp !== 0x2800);
      if (listed !== di.test(ch)) differ.push(cp.toString(16));
      if (isInvisible(ch) !== (listed || cp === 0x2800)) differ.push(`isInvisible ${cp.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('lazyRegExp', () => {
  it('builds the pattern once, on the first call', () => {
    const re = lazyRegExp('[\\p{L}]+', 'gu');
    expect(re()).toBe(re());
    expect(re().flags).toBe('gu');
    expect('ab 汉字'.replace(re(), 'x')).toBe('x x');
  });

  it('regression: no Unicode-property regex literal in the worker source (V8 validates each while compiling the bundle, 1-2 ms of start-up)', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        // The indexer is build-only code that the worker never imports (test/unit/layout.test.ts checks that).
        if (e.isDirectory()) {
          if (e.name !== 'indexer') walk(path);
        }
        else if (path.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8');
          const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
          // A '/' token may start a regex: ask the scanner to rescan it as one (as the parser does where a regex may stand).
          for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
            if (t === ts.SyntaxKind.SlashToken || t === ts.SyntaxKind.SlashEqualsToken) t = scanner.reScanSlashToken();
            if (t === ts.SyntaxKind.RegularExpressionLiteral && /\\[pP]\{/.test(scanner.getTokenText())) found.push(`${path}: ${scanner.getTokenText()}`);
          }
        }
      }
    };
    walk(join(__dirname, '../../src'));
    expect(found).toEqual([]);
  });
});
