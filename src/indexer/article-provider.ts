/**
 * @module Build-only: which provider an article (or one of its entries) is about, matched through the registry's
 * names and aliases on folded text, so a traditional article needs no traditional aliases.
 */
import type { ArticleModel, Block } from './article';
import { SourceError } from './errors';
import type { Fold } from './fold';

/** The provider fields extraction needs (structurally the same as `Provider` in src/model). */
export interface ProviderInfo {
  id: string;
  name: string;
  aliases: string[];
  general?: boolean;
}

interface Alias {
  alias: string;
  index: number;
}

/** Folded aliases grouped by first character, longest first, built once per provider list (thousands at scale). */
const aliasIndexes = new WeakMap<ProviderInfo[], Map<string, Alias[]>>();

function aliasIndex(providers: ProviderInfo[], fold: Fold): Map<string, Alias[]> {
  let byFirst = aliasIndexes.get(providers);
  if (!byFirst) {
    byFirst = new Map();
    const aliases = providers
      .flatMap((provider, index) => [provider.name, ...provider.aliases].map((alias) => ({ alias: fold(alias.trim()), index })))
      .filter((a) => a.alias.length > 0)
      // Longest first, so the first alias that matches at a position is the longest one there.
      .sort((a, b) => b.alias.length - a.alias.length);
    for (const a of aliases) {
      const group = byFirst.get(a.alias[0]);
      if (group) group.push(a);
      else byFirst.set(a.alias[0], [a]);
    }
    aliasIndexes.set(providers, byFirst);
  }
  return byFirst;
}

const LATIN_WORD_CHAR = /[a-z0-9]/;

/** A Latin alias must not be glued to other Latin letters ("topay" inside "autopay" is no mention). */
function onWordBoundary(text: string, start: number, length: number): boolean {
  const end = start + length;
  if (LATIN_WORD_CHAR.test(text[start]) && start > 0 && LATIN_WORD_CHAR.test(text[start - 1])) return false;
  if (LATIN_WORD_CHAR.test(text[end - 1]) && end < text.length && LATIN_WORD_CHAR.test(text[end])) return false;
  return true;
}

/** Per provider, the non-overlapping longest alias matches in folded `text`. */
export function countMentions(text: string, providers: ProviderInfo[], fold: Fold): number[] {
  const byFirst = aliasIndex(providers, fold);
  const counts = providers.map(() => 0);
  for (let pos = 0; pos < text.length; ) {
    const hit = byFirst.get(text[pos])?.find((a) => text.startsWith(a.alias, pos) && onWordBoundary(text, pos, a.alias.length));
    if (hit) {
      counts[hit.index]++;
      pos += hit.alias.length;
    } else {
      pos++;
    }
  }
  return counts;
}

/** Whether folded `text` opens with a name of one of `providers` (its longest alias there). */
export function opensWithMention(text: string, providers: ProviderInfo[], fold: Fold): boolean {
  const hit = aliasIndex(providers, fold).get(text[0])?.find((a) => text.startsWith(a.alias));
  return hit !== undefined && onWordBoundary(text, 0, hit.alias.length);
}

/**
 * The provider an article is about: the one its blocks and its stated title name most. At each position only the
 * longest alias counts (通联支付 is not also 通联); the winner needs at least two mentions and twice as many as the
 * runner-up, otherwise the article is ambiguous and a SourceError names it. One mention is enough when the title
 * makes it and no other provider is named: a short FAQ page names its provider in its title (乐付通常见问题) and
 * says 我们 after. A provider the source states (front matter) wins outright.
 */
export function detectArticleProvider(model: ArticleModel, providers: ProviderInfo[], fold: Fold): ProviderInfo {
  if (model.hints?.provider !== undefined) return namedProvider(model.hints.provider, providers, fold, model.doc, 1);
  // Labels count too ("安心付客服电话：…" names its provider before the colon).
  const lines = model.blocks.map((b) => (b.label ? `${fold(b.label.text)} ${b.norm}` : b.norm));
  // So does a title the source states outside its blocks (front matter, <title>), which a reader sees all the same.
  // The title is the one stated or the first heading's (article roles set it before this runs).
  const title = model.title === undefined ? undefined : fold(model.title.trim());
  if (title && !model.blocks.some((b) => b.norm.trim() === title)) lines.unshift(title);
  const counts = countMentions(lines.join('\n'), providers, fold);
  // Ties keep providers.json order so the result is deterministic.
  const ranked = providers.map((provider, index) => ({ provider, count: counts[index], index }));
  ranked.sort((a, b) => b.count - a.count || a.index - b.index);
  const [first, second] = ranked;
  const runnerUp = second?.count ?? 0;
  if (first?.count === 1 && runnerUp === 0 && title !== undefined && countMentions(title, providers, fold)[first.index] === 1) return first.provider;
  if (!first || first.count < 2 || first.count < 2 * runnerUp) {
    const tally = ranked
      .filter((r) => r.count > 0)
      .slice(0, 5)
      .map((r) => `${r.provider.id}=${r.count}`)
      .join(', ');
    throw new SourceError(model.doc, 1, `cannot tell which provider the article is about (${tally || 'no provider named'}); name it in the text or add its names to providers.json`);
  }
  return first.provider;
}

/** The provider a source names in a field ("汇付天下", "ChinaPnR", "huifu"): its id, name or an alias, folded. */
export function namedProvider(value: string, providers: ProviderInfo[], fold: Fold, doc: string, line: number): ProviderInfo {
  const wanted = fold(value.trim()).replace(/\s+/g, ' ');
  const found = providers.find((p) => p.id === value.trim() || [p.name, ...p.aliases].some((a) => fold(a.trim()).replace(/\s+/g, ' ') === wanted));
  if (!found) throw new SourceError(doc, line, `unknown provider "${value}" (add it to providers.json, or use a known id, name or alias)`);
  return found;
}

/** The provider of one entry: the one its question block names (a structured row), else the article's. */
export function entryProvider(block: Block | undefined, article: ProviderInfo, providers: ProviderInfo[], fold: Fold, doc: string): ProviderInfo {
  const named = block?.hints?.provider;
  return named === undefined ? article : namedProvider(named, providers, fold, doc, block!.line);
}

/**
 * Each block's provider: the article's, except in a structured source whose rows name providers, where a row's
 * blocks (from the block naming its provider to the next such block) are that provider's. The same reading as
 * entryProvider, for readers of blocks rather than entries (contact extraction).
 */
export function blockProviders(model: ArticleModel, article: ProviderInfo, providers: ProviderInfo[], fold: Fold): ProviderInfo[] {
  let current = article;
  return model.blocks.map((block) => {
    if (block.hints?.provider !== undefined) current = namedProvider(block.hints.provider, providers, fold, model.doc, block.line);
    return current;
  });
}
