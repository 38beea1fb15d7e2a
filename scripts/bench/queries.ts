/**
 * @module Query sets of the bench and the soak: the fixed realistic mix every query-cost figure runs over (the same
 * at every corpus size), and worst-case queries made from a corpus's own text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { createRng } from '../corpus/rng';

/** One bench query and the kind of input it stands for. */
export interface BenchQuery {
  q: string;
  kind: 'colloquial' | 'traditional' | 'pinyin' | 'typo' | 'long' | 'ood' | 'provider' | 'short' | WorstKind;
}

/**
 * Real-world shapes of input: colloquial questions, traditional script, toneless pinyin, homophone typos,
 * long chatty sentences, out-of-domain questions, a bare provider name and one character. The real providers
 * stay in every synthetic corpus, so the provider queries mean the same thing at every size.
 */
export const BENCH_QUERIES: BenchQuery[] = [
  { q: '通联支付退款要几天', kind: 'colloquial' },
  { q: '我的账户被锁了怎么办', kind: 'colloquial' },
  { q: '钱付了但是没到账', kind: 'colloquial' },
  { q: '怎么联系人工客服', kind: 'colloquial' },
  { q: 'Topay密码找回步骤', kind: 'colloquial' },
  { q: '密碼找回', kind: 'traditional' },
  { q: '帳戶被鎖定怎麼辦', kind: 'traditional' },
  { q: '聯合錢包客服電話', kind: 'traditional' },
  { q: 'zhifushibai', kind: 'pinyin' },
  { q: 'mima zhaohui', kind: 'pinyin' },
  { q: '汇富天下客服', kind: 'typo' },
  { q: '账户冻洁了', kind: 'typo' },
  { q: '客服电化多少', kind: 'typo' },
  { q: '你好请问我的账户被锁了怎么办谢谢', kind: 'long' },
  { q: '我昨天用汇付天下付款的时候显示支付失败但是钱已经扣了请问怎么申请退款', kind: 'long' },
  { q: '打车软件怎么用', kind: 'ood' },
  { q: '今天天气怎么样', kind: 'ood' },
  { q: '彩票中奖了怎么领奖', kind: 'ood' },
  { q: '汇付天下', kind: 'provider' },
  { q: '锁', kind: 'short' },
];

/** The query whose first run in a fresh process stands for the isolate's first request (no provider named: the sound index gets built). */
export const FIRST_QUERY = '我的账户被锁了怎么办';

/** The kinds of worst-case query (see worstCaseQueries). */
export type WorstKind = 'common' | 'rare' | 'pinyin' | 'homophones';

const WORST_KINDS: WorstKind[] = ['common', 'rare', 'pinyin', 'homophones'];

/** Longest query the API accepts, in characters (MAX_QUERY_LENGTH in src/http/schemas.ts). */
const MAX_LENGTH = 200;

const HAN = /\p{Script=Han}/u;

/** Han characters of `text`, commonest first. */
function charsByFrequency(text: string): string[] {
  const counts = new Map<string, number>();
  for (const ch of text) if (HAN.test(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([ch]) => ch);
}

/** Characters grouped by toneless reading, largest groups first. */
function homophoneGroups(chars: string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const ch of chars) {
    const reading = pinyin(ch, { toneType: 'none', v: true });
    groups.set(reading, [...(groups.get(reading) ?? []), ch]);
  }
  return [...groups.values()].filter((g) => g.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * `count` distinct worst-case queries from a corpus's text, in turn of each kind, 40 to 200 characters long (the
 * API's limit): the corpus's commonest characters (the longest posting lists), distinct rare characters (a lookup
 * per character), toneless pinyin typed with v for ü (syllables of the commonest characters, some with spaces:
 * pinyin conversion and sound matching) and homophones repeated (characters sharing a reading: homophone
 * expansion). Deterministic for a text and seed; all distinct, so no cache can answer one from another.
 */
export function worstCaseQueries(corpusText: string, count: number, seed = 1): BenchQuery[] {
  const rng = createRng(seed);
  const chars = charsByFrequency(corpusText);
  const common = chars.slice(0, 60);
  const rare = chars.slice(-Math.max(MAX_LENGTH, Math.floor(chars.length / 4)));
  const syllables = [...new Set(chars.slice(0, 300).map((ch) => pinyin(ch, { toneType: 'none', v: true })))];
  const homophones = homophoneGroups(chars.slice(0, 2000)).slice(0, 24);
  const make: Record<WorstKind, (length: number) => string> = {
    common: (n) => Array.from({ length: n }, () => rng.pick(common)).join(''),
    rare: (n) => rng.sample(rare, n).join(''),
    pinyin: (n) => {
      let s = '';
      while (s.length < n) s += (s && rng.chance(0.3) ? ' ' : '') + rng.pick(syllables);
      return s.slice(0, n).trim();
    },
    homophones: (n) => {
      const group = rng.pick(homophones);
      return Array.from({ length: n }, () => rng.pick(group)).join('');
    },
  };
  const out = new Map<string, BenchQuery>();
  for (let i = 0; out.size < count && i < 20 * count; i++) {
    const kind = WORST_KINDS[out.size % WORST_KINDS.length];
    const q = make[kind](rng.int(40, MAX_LENGTH));
    if (!out.has(q)) out.set(q, { q, kind });
  }
  return [...out.values()];
}

/** The text of a data directory's articles (what worst-case queries are made from). */
export function corpusText(dataDir: string): string {
  const dir = join(dataDir, 'articles');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}
