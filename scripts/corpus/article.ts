/**
 * @module Synthetic corpus: writes one synthetic article in one of the real articles' layouts (headless paragraphs with
 * numbered steps; 引言 + 一、 headings + numbered questions with indented steps; bare questions with **bold**
 * labels; bullets), from pooled real sentences recombined clause by clause.
 */
import type { Category, Provider } from '../../src/model';
import { P, type Pool, type PoolStep } from './pool';
import type { Rng } from './rng';

/** How list items are written. */
type ItemStyle = 'num' | 'indentNum' | 'bullet' | 'boldDash' | 'boldColon';

/** The shape of one article, modelled on one of the five real ones. */
interface Layout {
  intro: 'plain' | 'heading';
  /** Blank line between blocks. */
  blank: boolean;
  /** headless: topic paragraphs + lead-in + steps; headed: 一、 headings then questions under a container heading. */
  body: 'headless' | 'headed';
  questions: 'numbered' | 'bare';
  items: ItemStyle;
  outro: 'none' | '结语' | '总结' | '综上所述';
}

const LAYOUTS: Layout[] = [
  { intro: 'plain', blank: false, body: 'headless', questions: 'bare', items: 'num', outro: 'none' },
  { intro: 'heading', blank: true, body: 'headed', questions: 'numbered', items: 'indentNum', outro: '结语' },
  { intro: 'plain', blank: false, body: 'headed', questions: 'bare', items: 'boldDash', outro: '综上所述' },
  { intro: 'plain', blank: false, body: 'headless', questions: 'bare', items: 'boldColon', outro: '综上所述' },
  { intro: 'heading', blank: true, body: 'headed', questions: 'bare', items: 'bullet', outro: '总结' },
];

/** Questions people ask per category, used alongside the pooled real questions. */
const QUESTION_TEMPLATES: Partial<Record<Category, string[]>> = {
  contact: ['如何联系{P}客服', '{P}客服电话是多少', '怎样找到{P}的人工客服', '{P}客服热线几点上班'],
  account: ['如何注册{P}账户', '怎样修改{P}账户信息', '{P}如何开通账户'],
  login: ['无法登录{P}怎么办', '{P}登录不了是什么原因', '登录{P}时提示用户名错误怎么办'],
  password: ['忘记{P}密码怎么办', '如何重置{P}支付密码', '怎样找回{P}登录密码'],
  locked: ['{P}账户被锁定怎么办', '账户被冻结如何解锁', '{P}账户为什么会被锁'],
  security: ['如何保障{P}账户安全', '{P}如何防止账户被盗', '发现盗刷怎么办'],
  'payment-failure': ['{P}支付失败怎么办', '付款失败但已扣款怎么办', '为什么{P}提示余额不足'],
  transaction: ['{P}交易异常怎么办', '转账后资金未到账怎么办', '交易失败如何处理'],
  refund: ['如何申请{P}退款', '{P}退款多久到账', '退款申请被拒绝怎么办'],
  records: ['如何查询{P}交易记录', '怎样下载{P}账单', '在哪里查看交易明细'],
  complaint: ['如何投诉{P}', '对{P}客服不满如何反馈', '投诉后多久有处理结果'],
  international: ['{P}是否支持国际支付', '跨境付款的汇率如何计算', '境外消费如何使用{P}'],
  misoperation: ['{P}误操作了怎么办', '付错了钱能追回吗', '多次支付如何处理'],
  service: ['{P}客服提供哪些服务', '{P}客服的服务范围包括什么'],
  about: ['什么是{P}'],
};

const LEAD_INS = ['用户可以按照以下步骤进行：', '解决方法通常如下：', '处理这一问题的步骤如下：', '具体操作步骤如下：', '可以通过以下几种方式处理：'];
/** The topics the pool of real articles writes about (categories without templates have no real text to draw on). */
const SECTION_TOPICS = (Object.keys(QUESTION_TEMPLATES) as Category[]).filter((c) => c !== 'about');

/** Writes text for one provider from the pool. */
class Writer {
  constructor(
    private pool: Pool,
    private provider: Provider,
    private rng: Rng,
  ) {}

  /** Replaces `{P}` with the provider's name, sometimes its short alias. */
  fill(s: string): string {
    const short = this.provider.aliases[1] ?? this.provider.name;
    return s.replace(/\{P\}/g, () => (this.rng.chance(0.8) ? this.provider.name : short));
  }

  private from<T>(table: Record<Category, T[]>, c: Category, fallback: T[]): T {
    const list = table[c].length ? table[c] : fallback.length ? fallback : table.about;
    return this.rng.pick(list);
  }

  /** A new sentence: the first clauses of one pooled sentence joined to the last clauses of another. */
  sentence(c: Category, table: Record<Category, string[]> = this.pool.sentences): string {
    const a = this.from(table, c, this.pool.sentences.about);
    const b = this.from(this.pool.sentences, c, this.pool.sentences.about);
    const ca = a.replace(/[。！？!?；;]$/, '').split(/[，,]/);
    const cb = b.replace(/[。！？!?；;]$/, '').split(/[，,]/);
    if (ca.length < 2 || cb.length < 2 || this.rng.chance(0.25)) return a;
    const head = ca.slice(0, this.rng.int(1, ca.length - 1));
    const tail = cb.slice(this.rng.int(1, cb.length - 1));
    return `${[...head, ...tail].join('，')}。`;
  }

  /** A topic sentence followed by 1–3 more sentences of the category. */
  paragraph(c: Category): string {
    const n = this.rng.int(1, 3);
    const parts = [this.sentence(c, this.pool.topics)];
    for (let i = 0; i < n; i++) parts.push(this.sentence(c));
    return this.fill(parts.join(''));
  }

  question(c: Category): string {
    const q = this.rng.chance(0.5) && this.pool.questions[c].length ? this.rng.pick(this.pool.questions[c]) : this.rng.pick(QUESTION_TEMPLATES[c]!);
    return `${this.fill(q)}？`;
  }

  heading(c: Category): string {
    const list = this.pool.headings[c].length ? this.pool.headings[c] : QUESTION_TEMPLATES[c]!;
    return this.fill(this.rng.pick(list));
  }

  /** A lead-in that announced a list of the same category in a real article, or a neutral one. */
  leadIn(c: Category): string {
    const own = this.pool.leadIns[c];
    return this.fill(this.rng.chance(0.6) && own.length ? this.rng.pick(own) : this.rng.pick(LEAD_INS));
  }

  /** The article's opening: a pooled intro sentence about the provider, else a plain statement, plus a second mention. */
  intro(): string {
    const about = this.pool.topics.about.filter((t) => t.startsWith(P));
    const first = about.length ? this.rng.pick(about) : `${P}是一家支付服务提供商。`;
    return this.fill(`${first.replace(/^\{P\}/, this.provider.name)}{P}为用户提供了多种便捷的支付服务。`);
  }

  /** 3–5 steps of the category (labelled ones preferred), each rendered in the layout's item style. */
  steps(c: Category, style: ItemStyle): string[] {
    const own = this.pool.steps[c].filter((s) => s.label);
    const any = SECTION_TOPICS.flatMap((k) => this.pool.steps[k]).filter((s) => s.label);
    const chosen = this.rng.sample(own.length >= 3 ? own : [...own, ...any], this.rng.int(3, 5));
    return chosen.map((s, i) => renderItem(this.fillStep(s), i + 1, style));
  }

  private fillStep(s: PoolStep): PoolStep {
    return { label: this.fill(s.label), text: this.fill(s.text) };
  }
}

function renderItem(s: PoolStep, n: number, style: ItemStyle): string {
  const body = (sep: string, bold: boolean) => (s.label ? `${bold ? `**${s.label}**` : s.label}${sep}${s.text}` : s.text);
  switch (style) {
    case 'num':
      return `${n}. ${body('：', false)}`;
    case 'indentNum':
      return `  ${n}. ${body('：', false)}`;
    case 'bullet':
      return `  • ${body('：', false)}`;
    case 'boldDash':
      return `${n}. ${body('——', true)}`;
    case 'boldColon':
      return `${n}. ${body('：', true)}`;
  }
}

const NUMERALS = '一二三四五六七八九';

/** 一 … 九十九, as section numbers are written. */
export function chineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n - 1];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens - 1]}十${ones ? NUMERALS[ones - 1] : ''}`;
}

/** Picks `k` section categories, never the same twice in a row (so headless topics stay apart). */
function sectionCategories(k: number, rng: Rng): Category[] {
  const out: Category[] = [];
  while (out.length < k) {
    const c = rng.pick(SECTION_TOPICS);
    if (c !== out[out.length - 1]) out.push(c);
  }
  return out;
}

/** Blocks (paragraphs, lists) of a headless article body. */
function headlessBody(w: Writer, cats: Category[], layout: Layout, rng: Rng): string[][] {
  return cats.map((c) => [w.paragraph(c), w.leadIn(c), ...w.steps(c, layout.items), ...(rng.chance(0.4) ? [w.paragraph(c)] : [])]);
}

/** Blocks of a headed body: 一、 headings with answers, then a container heading over the questions. */
function headedBody(w: Writer, cats: Category[], layout: Layout, rng: Rng): string[][] {
  const headed = Math.max(1, Math.round(cats.length / 3));
  const blocks: string[][] = [];
  cats.slice(0, headed).forEach((c, i) => {
    const withSteps = rng.chance(0.5);
    blocks.push([`${chineseNumber(i + 1)}、${w.heading(c)}`], [w.paragraph(c)]);
    if (withSteps) blocks.push([w.leadIn(c)], w.steps(c, layout.items));
  });
  blocks.push([`${chineseNumber(headed + 1)}、常见问题解答`]);
  cats.slice(headed).forEach((c, i) => {
    const q = w.question(c);
    blocks.push([layout.questions === 'numbered' ? `${i + 1}. ${q}` : q], [w.paragraph(c)]);
    if (rng.chance(0.6)) blocks.push(w.steps(c, layout.items), [w.paragraph(c)]);
    else blocks.push([w.paragraph(c)]);
  });
  return blocks;
}

function outroBlocks(w: Writer, layout: Layout): string[][] {
  const closing = w.fill('希望本文能够帮助用户更好地了解{P}的客服渠道，在遇到问题时快速找到解决办法。');
  switch (layout.outro) {
    case 'none':
      return [];
    case '综上所述':
      return [[`综上所述，${closing}`]];
    default:
      return [[layout.outro], [closing]];
  }
}

/** Writes one article with `sections` topics for `provider`. */
export function writeArticle(pool: Pool, provider: Provider, sections: number, rng: Rng): string {
  const w = new Writer(pool, provider, rng);
  const layout = rng.pick(LAYOUTS);
  const cats = sectionCategories(sections, rng);
  const blocks: string[][] = [];
  if (layout.intro === 'heading') blocks.push(['引言']);
  blocks.push([w.intro()]);
  blocks.push(...(layout.body === 'headless' ? headlessBody(w, cats, layout, rng) : headedBody(w, cats, layout, rng)));
  blocks.push(...outroBlocks(w, layout));
  return blocks.map((b) => b.join('\n')).join(layout.blank ? '\n\n' : '\n');
}
