/** @module Provider detection in a normalized query: aliases, Latin near-misses and Han homophones (汇富天下 → 汇付天下). */
import { hanRuns } from '../text/char-class';
import type { Provider } from '../model';
import type { PinyinMatcher } from '../text/pinyin';
import { LIMITS } from './limits';

/** Where and how a provider was named in the normalized query. */
export interface ProviderMatch {
  provider: Provider;
  /** UTF-16 range in the normalized query. */
  start: number;
  end: number;
  via: 'alias' | 'spelling' | 'sound';
}

interface Alias {
  provider: Provider;
  /** Normalized alias. */
  text: string;
  latin: boolean;
  /** Latin alias without spaces, for near-miss comparison. */
  compact: string;
}

const LATIN = /^[a-z0-9 ]+$/;

/**
 * Every provider's name and aliases, normalized, deduplicated (first provider wins) and longest first, so 上海汇付
 * wins over 汇付 and "huifu tianxia" over "huifu": `[alias, provider id]`. Computed by the build and shipped, so
 * the worker does not normalize the registry at start-up; the parity test checks it against the worker's
 * normalizer.
 */
export function providerAliases(providers: Provider[], normalize: (text: string) => string): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const provider of providers) {
    for (const raw of [provider.name, ...provider.aliases]) {
      const text = normalize(raw);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      out.push([text, provider.id]);
    }
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

/** Detects which provider a query names. Built once per isolate from the registry. */
export class ProviderDetector {
  private aliases: Alias[];
  /**
   * Han aliases of three or more characters (those bySound tries), by each character among their first
   * ⌊n/2⌋ + 1: a sound match needs half the characters identical, so one of those is always identical and
   * occurs in the query. Only aliases sharing such a character with the query are tried, which keeps detection
   * cheap with thousands of providers.
   */
  private soundIndex = new Map<string, number[]>();
  /**
   * Every alias by its first UTF-16 unit, in registry order (longest first): byAlias tries, at each position of the
   * query, only the aliases that can start there, instead of searching the query for each of thousands of aliases.
   */
  private byFirst = new Map<string, number[]>();
  /** The Latin aliases bySpelling compares with (five letters or more), with their first and last three letters. */
  private spellable: { alias: Alias; head: string; tail: string; limit: number }[];

  constructor(
    providers: Provider[],
    /** From providerAliases. */
    aliases: [string, string][],
    private pinyin: () => PinyinMatcher,
  ) {
    const byId = new Map(providers.map((p) => [p.id, p]));
    this.aliases = aliases.map(([text, id]) => ({ provider: byId.get(id)!, text, latin: LATIN.test(text), compact: text.replace(/ /g, '') }));
    this.aliases.forEach((alias, i) => {
      const first = this.byFirst.get(alias.text[0]);
      if (first) first.push(i);
      else this.byFirst.set(alias.text[0], [i]);
      const chars = Array.from(alias.text);
      if (alias.latin || chars.length < 3) return;
      for (const ch of new Set(chars.slice(0, Math.floor(chars.length / 2) + 1))) {
        const list = this.soundIndex.get(ch);
        if (list) list.push(i);
        else this.soundIndex.set(ch, [i]);
      }
    });
    this.spellable = this.aliases
      .filter((alias) => alias.latin && alias.compact.length >= 5)
      .map((alias) => ({ alias, head: alias.compact.slice(0, 3), tail: alias.compact.slice(-3), limit: alias.compact.length >= 9 ? 2 : 1 }));
  }

  /** The first provider the normalized query names, by exact alias, then Latin near-miss, then sound. */
  detect(normalized: string): ProviderMatch | null {
    return this.byAlias(normalized) ?? this.bySpelling(normalized) ?? this.bySound(normalized);
  }

  /** The alias occurrence that starts first, the longest there, the first in registry order among equals. */
  private byAlias(q: string): ProviderMatch | null {
    for (let i = 0; i < q.length; i++) {
      const candidates = this.byFirst.get(q[i]);
      if (!candidates) continue;
      let best: Alias | null = null;
      for (const index of candidates) {
        const alias = this.aliases[index];
        if (best && alias.text.length <= best.text.length) continue;
        if (!q.startsWith(alias.text, i)) continue;
        // A Latin alias must stand as a word: "topay" is not inside "topayment".
        if (alias.latin && (isLatin(q[i - 1]) || isLatin(q[i + alias.text.length]))) continue;
        best = alias;
      }
      if (best) return { provider: best.provider, start: i, end: i + best.text.length, via: 'alias' };
    }
    return null;
  }

  /**
   * Latin words one edit away from a Latin alias (topya, allinpy, huifo). The word must also share its first
   * or last three letters with the alias, so ordinary words one letter off (today ~ topay) are not taken.
   */
  private bySpelling(q: string): ProviderMatch | null {
    for (const m of q.matchAll(/[a-z]+/g)) {
      const word = m[0];
      if (word.length < 5) continue;
      const head = word.slice(0, 3);
      const tail = word.slice(-3);
      for (const { alias, head: aliasHead, tail: aliasTail, limit } of this.spellable) {
        const sameEdge = head === aliasHead || tail === aliasTail;
        if (sameEdge && damerauLevenshtein(word, alias.compact, limit) <= limit) {
          return { provider: alias.provider, start: m.index!, end: m.index! + word.length, via: 'spelling' };
        }
      }
    }
    return null;
  }

  /**
   * Han aliases of three or more characters read the same as a run of the query, with at least half the
   * characters identical (汇富天下, 通连支付). Two-character aliases are left out: too many ordinary words
   * sound like them (会付 in 会付款吗).
   */
  private bySound(q: string): ProviderMatch | null {
    const pinyin = this.pinyin();
    // The first LIMITS.soundChars Han characters of the query, as the homophone search reads (see limits.ts).
    let budget = LIMITS.soundChars;
    for (const run of hanRuns(q)) {
      if (budget <= 0) break;
      const chars = Array.from(run.text).slice(0, budget);
      budget -= chars.length;
      const candidates = new Set<number>();
      for (const ch of chars) for (const i of this.soundIndex.get(ch) ?? []) candidates.add(i);
      // In registry order (longest alias first), as a scan of every alias would try them.
      for (const index of [...candidates].sort((a, b) => a - b)) {
        const alias = this.aliases[index];
        const target = Array.from(alias.text);
        if (target.length > chars.length) continue;
        for (let i = 0; i + target.length <= chars.length; i++) {
          // Identical characters first (a comparison each): most places have too few to be a match at all, and
          // only the others need their readings compared.
          let same = 0;
          for (let k = 0; k < target.length; k++) if (chars[i + k] === target[k]) same++;
          if (same * 2 < target.length || same === target.length) continue;
          let sounds = true;
          for (let k = 0; k < target.length && sounds; k++) {
            if (chars[i + k] === target[k]) continue;
            const a = pinyin.readingsOf(chars[i + k]);
            const b = pinyin.readingsOf(target[k]);
            sounds = a.some((r) => b.includes(r));
          }
          if (sounds) {
            const start = run.index + chars.slice(0, i).join('').length;
            return { provider: alias.provider, start, end: start + alias.text.length, via: 'sound' };
          }
        }
      }
    }
    return null;
  }
}

function isLatin(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z0-9]/.test(ch);
}

/** Optimal-string-alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function damerauLevenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d[i] = [i];
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > limit) return limit + 1;
  }
  return d[a.length][b.length];
}
