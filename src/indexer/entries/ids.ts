/**
 * @module Build-only: entry ids, stable across rebuilds. A provider's first entry of a category (in file-name, then
 * document order) is `${provider}-${category}`, as it always was; every later entry of that category adds a slug of
 * its own question's reading, `${provider}-${category}-${slug}` (unionwallet-contact-kefudianhuadelianxi). An id thus
 * depends on the entry's own question, not on how many entries come before it: adding, removing or moving another
 * entry renames none but, at most, the one that takes or gives up a category's first place. Two later entries
 * whose slugs collide take -2, -3 in document order.
 */
import { pinyin } from 'pinyin-pro';
import type { Category } from '../../model';
import type { Fold } from '../fold';

/** Longest slug, in characters; the reading is cut at a syllable boundary. */
const MAX_SLUG_CHARS = 24;
/** Question words that say nothing of the topic (如何, 怎么办, 吗 …), dropped from the slug. */
const FILLER = /如何|怎么办|怎么样|怎么|怎样|为什么|什么|是否|可以|能否|请问|我的|我|吗|呢|吧|了|的/g;

export interface IdRequest {
  provider: string;
  category: Category;
  question: string;
  /** Names of the entry's provider, removed from the slug (every entry of a provider would repeat them). */
  names: string[];
}

/** Ids for entries in build order (files by name, entries in document order). */
export function assignIds(entries: IdRequest[], fold: Fold): string[] {
  const taken = new Set<string>();
  return entries.map((e) => {
    const base = `${e.provider}-${e.category}`;
    if (!taken.has(base)) {
      taken.add(base);
      return base;
    }
    const slug = questionSlug(e.question, e.names, fold) || 'entry';
    let id = `${base}-${slug}`;
    for (let n = 2; taken.has(id); n++) id = `${base}-${slug}-${n}`;
    taken.add(id);
    return id;
  });
}

/** The toneless reading of the question's topic words, lower-case letters and digits only. */
export function questionSlug(question: string, names: string[], fold: Fold): string {
  let text = fold(question);
  for (const name of [...names].sort((a, b) => b.length - a.length)) if (name.trim()) text = text.split(fold(name.trim())).join(' ');
  text = text.replace(FILLER, ' ');
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  let slug = '';
  for (const s of syllables) {
    if (slug.length + s.length > MAX_SLUG_CHARS) break;
    slug += s;
  }
  return slug;
}
