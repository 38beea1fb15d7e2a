/** @module Types of the public HTTP contract (docs/api.md) as the browser clients see them: plain JSON, no HTML. */

interface FaqSpan {
  doc: string;
  start: number;
  end: number;
  /** The source article's title, when the API sends it. */
  title?: string;
}

interface FaqProviderRef {
  id: string;
  name: string;
}

interface FaqStep {
  title: string;
  text: string;
  source: FaqSpan;
}

interface FaqEntry {
  id: string;
  provider: FaqProviderRef;
  category: string;
  question: string;
  answer: string;
  steps: FaqStep[];
  source: FaqSpan;
}

interface FaqResult extends FaqEntry {
  snippet: string;
  highlights: [number, number][];
  score: number;
}

interface FaqStatement {
  text: string;
  source: FaqSpan;
  general?: boolean;
}

interface FaqChannel {
  type: string;
  how: string;
  /** The number, address, URL or account exactly as the source states it, when the API sends it. */
  value?: string | null;
  /** A tel:, mailto: or https: link made from `value`, when the API sends it. */
  href?: string | null;
  source: FaqSpan;
  general?: boolean;
}

/** A number or address the provider's sources give for another organisation (a regulator, the police, a bank). */
interface FaqThirdParty {
  name: string | null;
  type: string;
  value: string;
  href?: string;
  how: string;
  source: FaqSpan;
}

interface FaqContact {
  provider: FaqProviderRef;
  name: string;
  hours: (FaqStatement & { value?: string }) | null;
  channels: FaqChannel[];
  prepare: FaqStatement[];
  steps: (FaqStatement & { title: string })[];
  escalation: FaqStatement[];
  safety: FaqStatement[];
  /** Absent from an API older than this page. */
  thirdParty?: FaqThirdParty[];
  general: boolean;
}

interface FaqSearchResponse {
  query: string;
  normalized: string;
  terms: string[];
  provider: FaqProviderRef | null;
  category: string | null;
  results: FaqResult[];
  contact: FaqContact | null;
  tookMs: number;
}

interface FaqAnswerResponse {
  query: string;
  answered: boolean;
  /** What answers the question: an entry, the contact guidance, or nothing, when the API sends it. */
  kind?: 'entry' | 'contact' | 'none';
  confidence: number;
  answer: FaqResult | null;
  alternatives: FaqResult[];
  contact: FaqContact | null;
  text: string;
}

interface FaqProviderSummary {
  id: string;
  name: string;
  aliases: string[];
  entries: number;
}

interface FaqProvidersResponse {
  providers: FaqProviderSummary[];
}

interface FaqProviderDetail {
  id: string;
  name: string;
  aliases: string[];
  contact: FaqContact | null;
}

interface FaqErrorResponse {
  error: { code: string; message: string };
}
