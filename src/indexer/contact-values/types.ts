/** @module Build-only: the shapes the contact value finders return. */
import type { HoursReading } from '../../model';

/** The shared text pipeline's `normalize` (see src/text/normalize.ts); the caller supplies it. */
export type Normalize = (s: string) => string;

export type ContactValueKind = 'phone' | 'email' | 'url' | 'wechat' | 'mini_program' | 'app_path' | 'hours';

/** Whose address a value is: the provider whose article states it, or someone else the text names. */
export type Owner = 'provider' | 'third-party';

export interface Ownership {
  owner: Owner;
  /** The third party's name: as the text states it, or the public service's name for a known number. */
  name?: string;
}

/** A provider, so that a value the text attributes to the provider itself stays the provider's. */
export interface ProviderNames {
  name: string;
  aliases?: readonly string[];
}

/**
 * One value found in a text. `value` is exactly `text.slice(start, end)` of the text searched (UTF-16 offsets, so
 * full-width digits, traditional characters and quotes are kept as written).
 */
interface ValueBase {
  value: string;
  start: number;
  end: number;
}

interface Owned {
  owner: Owner;
  /** Set when `owner` is 'third-party' and the name is known. */
  ownerName?: string;
}

/** A phone number, an extension included (`021-6888 8888 转 8001`). */
export interface PhoneValue extends ValueBase, Owned {
  kind: 'phone';
  /** `tel:` with digits and a leading + only; an extension follows a `,` (a dialling pause). */
  href: string;
  /** The extension's digits in ASCII, when the value has one. */
  extension?: string;
}

/** An e-mail address, including the bracketed `[at]`/`(at)` spelling. */
export interface EmailValue extends ValueBase, Owned {
  kind: 'email';
  /** `mailto:` with the address in plain ASCII (`＠` and `[at]` become `@`). */
  href: string;
}

/** An http(s) URL or a bare domain with an optional path. */
export interface UrlValue extends ValueBase, Owned {
  kind: 'url';
  /** The URL in half-width form; a bare domain gets `https://`. */
  href: string;
}

/** A WeChat official account, service account or WeChat ID (`wechat`), or a mini-program (`mini_program`): the name only. */
export interface AccountValue extends ValueBase, Owned {
  kind: 'wechat' | 'mini_program';
}

/** An in-app path: two or more steps joined by arrows, or quoted steps joined by dashes (`“我的”-“在线客服”`). */
export interface AppPathValue extends ValueBase {
  kind: 'app_path';
  /** Each step's name without its quotes, in order. */
  steps: string[];
}

/** A reading of an hours phrase (its home is the shared model, which the artifact ships it in). */
export type { HoursReading } from '../../model';

/** Service hours: a day part, a time range or round-the-clock service, as one phrase (`周一至周五 9:00-18:00`). */
export interface HoursValue extends ValueBase {
  kind: 'hours';
  hours: HoursReading;
}

export type ContactValue = PhoneValue | EmailValue | UrlValue | AccountValue | AppPathValue | HoursValue;

/** A value as a finder returns it, before its owner is decided. */
export type Unowned<T> = Omit<T, 'owner' | 'ownerName'>;
