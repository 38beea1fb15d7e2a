/** @module Domain types shared by the build (scripts/) and the worker (src/): entries, providers, contact guidance, artifact. */

/** A span of a stored source file: `doc` is the file name under data/articles, offsets are UTF-16 indices. */
export interface SourceSpan {
  doc: string;
  start: number;
  end: number;
}

/**
 * The one small category taxonomy used for entries and for query intent. `other` is the honest answer for an entry
 * whose text names no category: it has no keywords, so no query ever asks for it by intent.
 */
export const CATEGORIES = [
  'contact',
  'account',
  'login',
  'password',
  'locked',
  'security',
  'payment-failure',
  'transaction',
  'refund',
  'records',
  'complaint',
  'international',
  'misoperation',
  'service',
  'topup',
  'withdrawal',
  'fees',
  'bank-card',
  'phone-change',
  'merchant',
  'invoice',
  'fraud',
  'about',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** One step of a procedure. `title` is the item's label (e.g. 检查网络), or '' when the item has none. */
export interface Step {
  title: string;
  text: string;
  source: SourceSpan;
}

/** One Q&A entry segmented from an article. */
export interface Entry {
  /**
   * Stable across rebuilds: `${provider}-${category}` for the provider's first entry of a category, later ones of the
   * same category add a slug of their question's reading (`-ruhetousu`); see src/indexer/entries/ids.ts.
   */
  id: string;
  provider: string;
  category: Category;
  /** The heading, or a question written for a headless section. */
  question: string;
  /** True when `question` was written by the build (headless section), false when it is the source heading. */
  questionGenerated: boolean;
  /** Full cleaned text of the entry (no heading, no noise, no markup); lines joined with '\n'. */
  answer: string;
  steps: Step[];
  /** Span from the heading (if any) to the end of the entry's last kept line. */
  source: SourceSpan;
}

/** A provider from data/providers.json. */
export interface Provider {
  id: string;
  name: string;
  /** Every spelling that names this provider: short forms, Latin names, pinyin, traditional forms. */
  aliases: string[];
  /** True for the provider-neutral (数字钱包) guidance. */
  general?: boolean;
}

export interface ProviderRef {
  id: string;
  name: string;
}

/** A statement taken from a source article. */
export interface Statement {
  text: string;
  source: SourceSpan;
  /** True when this statement comes from the general (provider-neutral) article, not the provider's own. */
  general?: boolean;
}

export type ChannelType = 'phone' | 'online_chat' | 'email' | 'app' | 'website' | 'wechat' | 'weibo';

export interface Channel {
  type: ChannelType;
  how: string;
  /**
   * The channel's address exactly as the source states it (a phone number, e-mail address, URL, account name or
   * in-app path), or null when the statement names the channel without one.
   */
  value: string | null;
  /** A link made from `value` alone (`tel:`, `mailto:` or `https:`), for phone numbers, e-mail addresses and URLs only. */
  href?: string;
  source: SourceSpan;
  /** True when the channel comes from the general (provider-neutral) article. */
  general?: boolean;
}

/**
 * A reading of a service-hours phrase, for display and ranking; the phrase itself is the statement's `value`.
 * Build-only finders produce it (src/indexer/contact-values/hours.ts).
 */
export interface HoursReading {
  /** True for round-the-clock service (7×24, 24小时, 全天候) with no time range stated. */
  allDay: boolean;
  /** The day part as written (`工作日`, `週一至週五`, `周末及节假日`), when stated. */
  days?: string;
  /** Start of the stated time range as HH:MM on a 24-hour clock (早9点 → 09:00, 下午1点 → 13:00). */
  from?: string;
  /** End as HH:MM; `24:00` for midnight at the end, and earlier than `from` when the range runs past midnight. */
  to?: string;
  /** The phrase names days off (`周末及节假日休息`, `节假日除外`). */
  closed?: true;
  /** The sentence gives the hours as an example (例如/比如), not as a fact about any provider. */
  example?: true;
}

/** The service hours: the statement, the hours phrase in it verbatim, and how that phrase reads. */
export interface HoursStatement extends Statement {
  value: string;
  reading: HoursReading;
}

/**
 * A contact value the provider's sources give for someone else (a regulator's hotline, the police, a bank the
 * text names): where its reader may turn, never the provider's own channel.
 */
export interface ThirdPartyContact {
  /** Who answers it, as the text names it or the public service's name; null when the text does not say. */
  name: string | null;
  type: ChannelType;
  /** The number, address or URL exactly as the source states it. */
  value: string;
  href?: string;
  /** The clause it stands in. */
  how: string;
  source: SourceSpan;
}

export interface ContactStep extends Statement {
  title: string;
}

/** Provider-specific contact guidance; every statement carries its source span. */
export interface Contact {
  provider: ProviderRef;
  name: string;
  hours: HoursStatement | null;
  channels: Channel[];
  prepare: Statement[];
  steps: ContactStep[];
  escalation: Statement[];
  safety: Statement[];
  /** Values the provider's own sources give for others (see ThirdPartyContact); never borrowed from the general guidance. */
  thirdParty: ThirdPartyContact[];
  /** True when the guidance is the general one, not this provider's own. */
  general: boolean;
}
