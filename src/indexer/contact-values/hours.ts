/**
 * @module Build-only: service hours in text. A phrase is a day part (工作日, 周一至周五, 节假日), a time range
 * (9:00-18:00, 早9点到晚9点, 上午9时至下午6时) or round-the-clock service (7×24小时, 全天候), alone or together, matched
 * on the folded (simplified, half-width) text so 週一至週五 and ９：００ read like 周一至周五 and 9:00.
 *
 * A time range is hours unless its clause is about another window (系统维护, 活动) and not about service. A day part
 * or "24小时" on its own is hours only in a clause about service (客服, 热线, 服务 …) and not when it measures a
 * wait: a count before it (3个工作日), 内/后 after it (24小时内) or a verb of processing after it (24小时到账) makes
 * it a duration.
 */
import { clauseAround, sentenceAround, type TextView } from './fold';
import type { HoursReading, HoursValue } from './types';

const CN_NUMBER = '[零〇一二两三四五六七八九十]{1,3}';
const HOUR = `(?:\\d{1,2}|${CN_NUMBER})`;
const PERIOD = '(?:凌晨|清晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间|夜里|次日|翌日|隔日|早|晚|am|pm|a\\.m\\.|p\\.m\\.)';
const MINUTES = `(?:半|整|一刻|三刻|\\d{1,2}分?|${CN_NUMBER}分)`;
/** One time of day: 9:00, 9点, 9点半, 下午6时, 次日凌晨2点, 9am. */
const CLOCK = `(?:${PERIOD}[ ]?){0,2}(?:${HOUR}[ ]?[:∶][ ]?\\d{2}|${HOUR}[ ]?[点时](?:${MINUTES})?|\\d{1,2}[ ]?(?:am|pm))(?:[ ]?(?:am|pm))?`;
const RANGE_JOIN = '[ ]?(?:[-‐‑‒–—―−~〜]{1,2}|至|到)[ ]?';
/** 9:00-18:00, 早9点到晚9点, and 早9晚6 (both ends named by their half of the day). */
const TIME_RANGE = `(?:${CLOCK}${RANGE_JOIN}${CLOCK}|早(?:上)?[ ]?${HOUR}[ ]?点?(?:${RANGE_JOIN})?晚(?:上)?[ ]?${HOUR}[ ]?点?)`;
/** Several ranges of one day: 9:00-12:00、13:30-18:00 (a comma starts another statement, such as a lunch break). */
const TIMES = `${TIME_RANGE}(?:[ ]?(?:、|/|和|及|以及|与)[ ]?${TIME_RANGE})*`;
/** Round-the-clock service. */
const ALL_DAY =
  '(?:7[ ]?[x×*✕✖][ ]?24[ ]?(?:小时|h|hrs?|hours?)?|24[ ]?/[ ]?7|(?:全天[ ]?)?24[ ]?(?:小时|h|hrs?|hours?)|全天候|全天(?![然下]))(?:[ ]?全天候)?';
const DAY = '(?:周|星期|礼拜)[一二三四五六日天1-7]';
const DAY_RANGE = `${DAY}(?:[ ]?(?:至|到|-|–|—|~)[ ]?(?:${DAY}|[一二三四五六日天]))?`;
/** Day words, longest first where one starts another. */
const DAY_WORD =
  '(?:法定节假日|法定假日|节假日|国定假日|例假日|非工作日|工作日|工作天|周末|双休日|休息日|公休日|每天|每日|天天|全年无休|全年365天|365[ ]?天|全年|平日|节日|假日)';
const DAY_ITEM = `(?:每)?(?:${DAY_RANGE}|${DAY_WORD})`;
const DAYS = `${DAY_ITEM}(?:[ ]?(?:、|/|及|和|与|以及|或)[ ]?${DAY_ITEM})*`;
/** Days in brackets after the hours: (含节假日), （国定假日除外）. */
const DAYS_NOTE = `[ ]?[(\\[【](?:含|包括|包含|除|不含|逢)?[ ]?${DAYS}[ ]?(?:除外|无休|照常|不休|休息|不打烊)?[)\\]】]`;
/** Between a day part and its times: 周一至周五的 9:00-18:00, 工作日：9:00-18:00. */
const DAYS_TO_TIMES = '[ ]?(?:的|为|是|均为|:|,|，)?[ ]?';
/** Days off stated after round-the-clock service: 7×24小时全年无休. */
const NO_DAYS_OFF = '(?:[ ]?(?:全年无休|节假日无休|节假日不休|无休))?';

const HOURS = new RegExp(
  `(?<!\\d|\\d[:.])(?:(?<days>${DAYS})${DAYS_TO_TIMES})?(?:(?<times>${TIMES})|(?<allDay>${ALL_DAY})${NO_DAYS_OFF})(?<note>${DAYS_NOTE})?(?!\\d|[:.]\\d)` +
    `|(?<bareDays>${DAYS})(?<bareNote>${DAYS_NOTE})?`,
  'gd',
);

/** Day words too common in other sentences (每天限额, 全年收益) to be hours without a time next to them. */
const WEAK_DAYS = /^(?:每天|每日|天天|全年|平日|节日|假日)$/;
/** Words of a clause about service, which a day part or 24小时 alone needs. */
const SERVICE = /服务|客服|热线|专线|电话|接听|在线|营业|人工|值班|开放|受理|咨询|办公|工作时间|上班|坐席|座席|响应|值守|无休|不打烊/;
/** A count before a day word or 24小时 makes a duration: 3个工作日, 1-3个工作日, 两个工作日. */
const COUNT_BEFORE = /(?:\d|[一二两三四五六七八九十几数多])[ ]?个?[ ]?$|(?:超过|满|不足|约|大约|最长|最多|至少|最少|需要|需|等待|经过|超出|延迟|逾|晚于|早于|冻结|锁定|限制|暂停)[ ]?$/;
/** What after a day word or 24小时 makes a duration: 24小时内, 工作日48小时内, 24小时到账. */
const DURATION_AFTER = /^[ ]?(?:内|之内|以内|后|之后|以后|左右|前|之前|以上|不等|未|没|到账|到帐|处理|审核|退款|退回|回复|答复|完成|生效|恢复|解冻|解除|送达|返还|原路|(?:\d|[一二两三四五六七八九十])+[ ]?个?[ ]?(?:小时|天|日|工作日))/;
/** Time windows that are not service hours. */
const OTHER_WINDOW = /维护|升级|停机|避免|活动|抢购|秒杀|开奖|截止|限时/;
const CLOSED_AFTER = /^[ ]?(?:休息|公休|休假|放假|不提供|暂停|除外|关闭|不上班|停止|不营业|暂不)/;
/** Words that introduce an example; a bare 如 only right before the phrase (如需 … is "if"). */
const EXAMPLE_BEFORE = /例如|比如|譬如|诸如|举例|如[ ]?:?[ ]?$/;

export function findHours(view: TextView): HoursValue[] {
  const { folded, text } = view;
  const out: HoursValue[] = [];
  for (const m of folded.matchAll(HOURS)) {
    const g = m.groups!;
    const at = m.indices!.groups!;
    const start = m.index;
    const end = start + m[0].length;
    const daysSpan = at.days ?? at.bareDays;
    const hasTimes = g.times !== undefined;
    if (hasTimes ? isOtherWindow(view, start, end) : !isServiceHours(view, start, end, g, daysSpan)) continue;
    const reading: HoursReading = { allDay: !hasTimes && g.allDay !== undefined };
    if (daysSpan) reading.days = text.slice(daysSpan[0], daysSpan[1]);
    if (hasTimes) {
      const range = timeRange(g.times!);
      if (!range) continue;
      [reading.from, reading.to] = range;
    }
    const [clauseStart, clauseEnd] = clauseAround(folded, start, end);
    // "周末及节假日休息": days alone, followed by a word of closing, are days off.
    if (!hasTimes && !reading.allDay && CLOSED_AFTER.test(folded.slice(end, clauseEnd))) reading.closed = true;
    if (EXAMPLE_BEFORE.test(folded.slice(clauseStart, start))) reading.example = true;
    out.push({ kind: 'hours', value: text.slice(start, end), start, end, hours: reading });
  }
  return out;
}

/** Whether a time range is a window for something other than service (系统维护, 活动时间) in a clause without service words. */
function isOtherWindow(view: TextView, start: number, end: number): boolean {
  const [clauseStart, clauseEnd] = clauseAround(view.folded, start, end);
  const clause = view.folded.slice(clauseStart, clauseEnd);
  return OTHER_WINDOW.test(clause) && !SERVICE.test(clause);
}

/** Whether a phrase without a time range (a day part, 24小时) states service hours rather than a duration. */
function isServiceHours(
  view: TextView,
  start: number,
  end: number,
  g: Record<string, string | undefined>,
  days: [number, number] | undefined,
): boolean {
  const { folded } = view;
  const phrase = folded.slice(start, end);
  // 7×24, 24/7, 全天候 and 全年无休 name service hours in any sentence.
  if (/7[ ]?[x×*✕✖][ ]?24|24[ ]?\/[ ]?7|全天候|无休/.test(phrase)) return true;
  if (g.bareDays !== undefined && g.bareDays.split(/[ ]?(?:、|\/|及|和|与|以及|或)[ ]?/).every((d) => WEAK_DAYS.test(d.replace(/^每(?=周|星期)/, ''))))
    return false;
  const [sentenceStart, sentenceEnd] = sentenceAround(folded, start, end);
  if (COUNT_BEFORE.test(folded.slice(Math.max(sentenceStart, start - 8), days ? days[0] : start))) return false;
  if (DURATION_AFTER.test(folded.slice(end, sentenceEnd))) return false;
  const [clauseStart, clauseEnd] = clauseAround(folded, start, end);
  // Days followed by 休息/除外 say when service is closed, which is hours too.
  return SERVICE.test(folded.slice(clauseStart, clauseEnd)) || (g.bareDays !== undefined && CLOSED_AFTER.test(folded.slice(end, clauseEnd)));
}

// ---------------------------------------------------------------------------------------------------------
// Reading a time range.

const CLOCK_PARTS = new RegExp(
  `(?<period>(?:${PERIOD}[ ]?){1,2})?(?:(?<h1>${HOUR})[ ]?[:∶][ ]?(?<m1>\\d{2})|(?<h2>${HOUR})[ ]?[点时](?<m2>${MINUTES})?|(?<h3>\\d{1,2})[ ]?(?<ampm>am|pm))(?:[ ]?(?<ampm2>am|pm))?`,
  'g',
);
/** The 早…晚… form, whose ends carry only an hour each. */
const MORNING_EVENING = new RegExp(`^早(?:上)?[ ]?(?<from>${HOUR})[ ]?点?(?:${RANGE_JOIN})?晚(?:上)?[ ]?(?<to>${HOUR})[ ]?点?$`);

/** The first start and the last end of the ranges in `times`, as HH:MM, or null when a time is not a time of day. */
function timeRange(times: string): [string, string] | null {
  const evening = MORNING_EVENING.exec(times);
  if (evening) {
    const from = toMinutes('早', chineseOrArabic(evening.groups!.from), 0);
    const to = toMinutes('晚', chineseOrArabic(evening.groups!.to), 0);
    return from === null || to === null ? null : [hhmm(from), hhmm(to)];
  }
  const clocks = [...times.matchAll(CLOCK_PARTS)].map((c) => {
    const p = c.groups!;
    const period = p.period ?? p.ampm ?? p.ampm2;
    const hour = chineseOrArabic(p.h1 ?? p.h2 ?? p.h3!);
    return { period, hour, minute: minutesOf(p.m1 ?? p.m2) };
  });
  if (clocks.length < 2) return null;
  const first = clocks[0];
  const last = clocks[clocks.length - 1];
  const from = toMinutes(first.period, first.hour, first.minute);
  // An end without its own half of the day takes the start's afternoon: 下午1点到5点 ends at 17:00.
  const inherits = !last.period && first.period && isAfternoon(first.period) && last.hour < 12;
  const to = toMinutes(last.period ?? (inherits ? first.period : undefined), last.hour, last.minute);
  return from === null || to === null ? null : [hhmm(from), hhmm(to)];
}

function isAfternoon(period: string): boolean {
  return /下午|傍晚|晚|夜|pm|p\.m\./.test(period);
}

/** Minutes after midnight, or null for an impossible time (25:00, 9:75). */
function toMinutes(period: string | undefined, hour: number, minute: number): number | null {
  let h = hour;
  if (period) {
    if (isAfternoon(period) && h < 12) h += 12;
    else if (/中午/.test(period) && h < 11) h += 12;
    else if (/晚|夜|pm|p\.m\./.test(period) && h === 12) h = 24;
    else if (/凌晨|am|a\.m\./.test(period) && h === 12) h = 0;
  }
  if (Number.isNaN(h) || Number.isNaN(minute) || h > 24 || minute > 59 || (h === 24 && minute > 0)) return null;
  return h * 60 + minute;
}

function minutesOf(m: string | undefined): number {
  if (!m || m === '整') return 0;
  if (m === '半') return 30;
  if (m === '一刻') return 15;
  if (m === '三刻') return 45;
  return chineseOrArabic(m.replace(/分$/, ''));
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 9 → 9, 九 → 9, 十二 → 12, 二十 → 20, 二十三 → 23. */
function chineseOrArabic(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf('十');
  if (ten === -1) return CN_DIGITS[s] ?? NaN;
  const tens = ten === 0 ? 1 : (CN_DIGITS[s.slice(0, ten)] ?? NaN);
  const ones = ten === s.length - 1 ? 0 : (CN_DIGITS[s.slice(ten + 1)] ?? NaN);
  return tens * 10 + ones;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
