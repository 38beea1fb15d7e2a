/**
 * @module Build-only: names people search for inside an app rather than dial or type: WeChat official accounts and
 * IDs, mini-programs, and in-app paths (我的 → 设置 → 联系我们). Keywords are matched on the folded (simplified) text,
 * so 公眾號, 服務號 and 設定 read as 公众号, 服务号 and 设定.
 */
import { sentenceAround, type TextView } from './fold';
import type { AccountValue, AppPathValue, Unowned } from './types';

const OPEN = '[“「『【《〈"‘]';
const CLOSE = '[”」』】》〉"’]';
const NAME = '[^”」』】》〉"’“「『【《〈‘\\n]{1,30}';
/** An unquoted name after a colon runs to the first space or punctuation. */
const BARE_NAME = '[\\p{L}\\p{N}_·・\\-]{2,20}';

const ACCOUNT = '(?:微信)?(?:官方)?(?:公众号|公众平台|服务号|订阅号|视频号)';
const MINI = '(?:微信|支付宝|百度|抖音)?(?:官方)?(?:小程序|小程式)';
const KEY = `(?:${ACCOUNT}|${MINI})`;
const NAME_OF = '(?:名称|名字|账号|名)?';
const SEARCH = '(?:搜索|搜一搜|搜)';

/** Each pattern captures the name in group `name`; a keyword naming a mini-program anywhere in the match decides the kind. */
const ACCOUNT_PATTERNS = [
  // 微信公众号“XX支付”, 公众号：「XX」, 小程序搜索“XX”
  `${KEY}${NAME_OF}[ ]?(?::|为|是)?[ ]?(?:${SEARCH}|关注)?[ ]?${OPEN}(?<name>${NAME})${CLOSE}`,
  // 微信搜索「XX」, 在微信中搜索小程序「XX」, 微信搜一搜“XX”公众号
  `微信(?:中|里|内|上)?[ ]?${SEARCH}[ ]?:?[ ]?(?:${KEY})?[ ]?${OPEN}(?<name>${NAME})${CLOSE}(?:[ ]?的?[ ]?${KEY})?`,
  // 关注“XX”公众号, “XX”小程序
  `${OPEN}(?<name>${NAME})${CLOSE}[ ]?的?[ ]?${KEY}`,
  // 公众号：XX服务, 微信搜索：XX (a verb after the colon, 搜索“XX”, starts one of the quoted forms instead)
  `(?:${KEY}${NAME_OF}|微信(?:中|里|内|上)?[ ]?${SEARCH})[ ]?:[ ]?(?!${SEARCH}|关注|添加|打开|进入)(?<name>${BARE_NAME})`,
  // 微信号：suifu_help (a WeChat ID: a letter, then 5–19 letters, digits, _ or -)
  `微信号[ ]?(?::|为|是)?[ ]?(?<name>[a-z][a-z0-9_-]{5,19})(?![a-z0-9_-])`,
  // 企业微信：suifu_help, 微信：suifu_help (an ID after a colon)
  `(?:企业)?微信(?:id)?[ ]?(?::|为|是)[ ]?(?<name>[a-z][a-z0-9_-]{5,19})(?![a-z0-9_-])`,
].map((source) => new RegExp(source, 'gud'));

export function findAccounts(view: TextView): Unowned<AccountValue>[] {
  const out: Unowned<AccountValue>[] = [];
  for (const re of ACCOUNT_PATTERNS) {
    for (const m of view.folded.matchAll(re)) {
      let [start, end] = m.indices!.groups!.name!;
      // Spaces just inside the quotes are not part of the name.
      while (start < end && /\s/.test(view.text[start])) start++;
      while (end > start && /\s/.test(view.text[end - 1])) end--;
      if (start === end) continue;
      const kind = /小程[序式]/.test(m[0]) ? 'mini_program' : 'wechat';
      out.push({ kind, value: view.text.slice(start, end), start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------------
// In-app paths.

const STEP_OPEN = '[“「『【《〈"‘\\[]';
const STEP_CLOSE = '[”」』】》〉"’\\]]';
const QUOTED_NAME = '[^”」』】》〉"’\\]“「『【《〈‘\\[\\n]{1,15}';
const QUOTED_STEP = `${STEP_OPEN}${QUOTED_NAME}${STEP_CLOSE}`;
/** An unquoted step starts with a letter, so "金额>100" or "9:00 → 18:00" is no path. */
const BARE_STEP = '\\p{L}[\\p{L}\\p{N}&_]{0,11}';
const STEP = `(?:${QUOTED_STEP}|${BARE_STEP})`;
/** Arrows join any two steps. */
const ARROW = '[ ]?(?:[-—]{1,2}>|=>|→|⟶|⇒|➔|➜|➡|›|»|>{1,2})[ ]?';
/** A dash or slash, or nothing, joins only quoted steps: “我的”-“在线客服”, 【我的】【设置】. */
const QUOTE_JOIN = `(?<=${STEP_CLOSE})(?:[ ]?[-—–/~][ ]?|[ ]?)`;
const APP_PATH = new RegExp(
  `(?:(?:app|客户端)[ ]?(?=${STEP_OPEN}))?${STEP}(?:${ARROW}${STEP}|${QUOTE_JOIN}${QUOTED_STEP})+`,
  'gu',
);
/** A whole path inside one pair of quotes: “我的-设置-帮助”, 「我的>設定」. */
const PATH_IN_QUOTES = new RegExp(`${STEP_OPEN}(${BARE_STEP}(?:[ ]?(?:->|[-—–/>→])[ ]?${BARE_STEP})+)${STEP_CLOSE}`, 'gud');
const BARE_STEPS = new RegExp(BARE_STEP, 'gu');

/** Words of navigation; a path needs one in its sentence (a step such as 我的 counts). */
const NAVIGATION = /app|客户端|应用|小程序|首页|我的|设置|设定|菜单|页面|界面|点击|点选|进入|打开|选择|前往|登录|依次|入口|tab|栏|中心/;
/** What leads into a first unquoted step ("打开App → …") and is not part of it: up to its last such word. */
const LEAD_IN = /^.*(?:请|打开|进入|点击|点选|登录|登入|前往|选择|找到|通过|依次|访问|启动|在(?!线)|从|去|回到)/u;
/** What trails a last unquoted step ("… → 客服中心即可"). */
const TRAIL = /即可|进行|然后|就能|就可|便可|可以|并|再/u;
const STEP_NAME = new RegExp(`${STEP_OPEN}(${QUOTED_NAME})${STEP_CLOSE}|(${BARE_STEP})`, 'gud');

interface StepSpan {
  start: number;
  end: number;
  /** The name's span: inside the quotes of a quoted step. */
  name: [number, number];
  quoted: boolean;
}

export function findAppPaths(view: TextView): AppPathValue[] {
  const out: AppPathValue[] = [];
  for (const m of view.folded.matchAll(PATH_IN_QUOTES)) {
    const [start, end] = m.indices![1]!;
    if (!hasNavigation(view, start, end)) continue;
    const steps = [...m[1].matchAll(BARE_STEPS)].map((s) => view.text.slice(start + s.index, start + s.index + s[0].length));
    out.push({ kind: 'app_path', value: view.text.slice(start, end), start, end, steps });
  }
  for (const m of view.folded.matchAll(APP_PATH)) {
    const steps = stepSpans(view.folded, m.index, m.index + m[0].length);
    const first = steps[0];
    const lead = first.quoted ? null : LEAD_IN.exec(view.folded.slice(first.start, first.end));
    if (lead && first.start + lead[0].length < first.end) first.start = first.name[0] = first.start + lead[0].length;
    const last = steps[steps.length - 1];
    const trail = last.quoted ? null : TRAIL.exec(view.folded.slice(last.start, last.end));
    if (trail && trail.index > 0) last.end = last.name[1] = last.start + trail.index;
    if (steps.length < 2 || !hasNavigation(view, first.start, last.end)) continue;
    out.push({
      kind: 'app_path',
      value: view.text.slice(first.start, last.end),
      start: first.start,
      end: last.end,
      steps: steps.map((s) => view.text.slice(s.name[0], s.name[1]).trim()),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

function hasNavigation(view: TextView, start: number, end: number): boolean {
  const [a, b] = sentenceAround(view.folded, start, end);
  return NAVIGATION.test(view.folded.slice(a, b));
}

/** The steps of a path matched at [start, end) of the folded text. */
function stepSpans(folded: string, start: number, end: number): StepSpan[] {
  const steps: StepSpan[] = [];
  for (const m of folded.slice(start, end).matchAll(STEP_NAME)) {
    const quoted = m[1] !== undefined;
    const [a, b] = quoted ? m.indices![1]! : m.indices![2]!;
    steps.push({ start: start + m.index, end: start + m.index + m[0].length, name: [start + a, start + b], quoted });
  }
  return steps;
}
