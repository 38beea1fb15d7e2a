/** @module Bench: the fixed, mixed query list every query-cost measurement runs over (the same at every corpus size). */

/** One bench query and the kind of input it stands for. */
export interface BenchQuery {
  q: string;
  kind: 'colloquial' | 'traditional' | 'pinyin' | 'typo' | 'long' | 'ood' | 'provider' | 'short';
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
