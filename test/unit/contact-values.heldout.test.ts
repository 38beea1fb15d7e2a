/**
 * @module Held-out sentences for the contact value finders (src/indexer/contact-values): written before the finders
 * and never used to tune them, so they measure how the rules do on text they were not shaped by. Each case lists
 * every value the sentence states; a missed value or an extra one fails.
 */
import { describe, expect, it } from 'vitest';
import { findContactValues, splitLabel, type ContactValue } from '../../src/indexer/contact-values';
import { testNormalizer } from './contact-values.normalizer';

const normalize = testNormalizer();

interface Case {
  text: string;
  values: [ContactValue['kind'], string][];
  check?: (found: ContactValue[]) => void;
}

/** The value found with this text; the optional fields of every kind are readable on it. */
const byValue = (found: ContactValue[], value: string) =>
  found.find((v) => v.value === value) as ContactValue & { href?: string; owner?: string; ownerName?: string };

const CASES: Case[] = [
  {
    text: '如需帮助，请致电客服热线 400-666-8800（工作日 8:30-17:30），或发送邮件至 help@paymate.cn。',
    values: [
      ['phone', '400-666-8800'],
      ['hours', '工作日 8:30-17:30'],
      ['email', 'help@paymate.cn'],
    ],
    check: (f) => expect(byValue(f, '工作日 8:30-17:30')).toMatchObject({ hours: { allDay: false, days: '工作日', from: '08:30', to: '17:30' } }),
  },
  {
    text: '客服專線：(02)8751-6666 轉 9，服務時間為週一至週五上午9時至下午6時。',
    values: [
      ['phone', '(02)8751-6666 轉 9'],
      ['hours', '週一至週五上午9時至下午6時'],
    ],
    check: (f) => {
      expect(byValue(f, '(02)8751-6666 轉 9')).toMatchObject({ href: 'tel:0287516666,9', owner: 'provider' });
      expect(byValue(f, '週一至週五上午9時至下午6時')).toMatchObject({ hours: { days: '週一至週五', from: '09:00', to: '18:00' } });
    },
  },
  {
    text: '香港客戶可致電 +852 3102 8888 或電郵至 cs@hkwallet.com.hk 查詢。',
    values: [
      ['phone', '+852 3102 8888'],
      ['email', 'cs@hkwallet.com.hk'],
    ],
    check: (f) => expect(byValue(f, '+852 3102 8888').href).toBe('tel:+85231028888'),
  },
  {
    text: '全国统一客服电话：９５０１７，７×２４小时为您服务。',
    values: [
      ['phone', '９５０１７'],
      ['hours', '７×２４小时'],
    ],
    check: (f) => {
      expect(byValue(f, '９５０１７').href).toBe('tel:95017');
      expect(byValue(f, '７×２４小时')).toMatchObject({ hours: { allDay: true } });
    },
  },
  { text: '退款将在1-3个工作日内原路退回，到账时间以银行为准。', values: [] },
  {
    text: '如对处理结果不满意，可拨打中国人民银行金融消费权益保护咨询电话12363，或向当地市场监管部门投诉（12315）。',
    values: [
      ['phone', '12363'],
      ['phone', '12315'],
    ],
    check: (f) => {
      expect(byValue(f, '12363')).toMatchObject({ owner: 'third-party' });
      expect(byValue(f, '12363').ownerName).toContain('人民银行');
      expect(byValue(f, '12315')).toMatchObject({ owner: 'third-party' });
    },
  },
  {
    text: '打开“随付”App，点击“我的”→“客户服务”→“在线客服”即可与人工客服沟通。',
    values: [['app_path', '“我的”→“客户服务”→“在线客服”']],
  },
  {
    text: '关注微信公众号「随付钱包」，在菜单栏选择“服务”-“联系客服”。',
    values: [
      ['wechat', '随付钱包'],
      ['app_path', '“服务”-“联系客服”'],
    ],
  },
  { text: '订单号：20231105123456789，交易金额：1,299.00元，交易时间：2023-11-05 14:32:08。', values: [] },
  {
    text: '官方网站：https://www.suifu.com/help?from=app，请勿点击短信中的陌生链接。',
    values: [['url', 'https://www.suifu.com/help?from=app']],
  },
  {
    text: '更多问题请访问 help.suifu.com.cn/faq 或拨打 0755-8666 1234 转 2。',
    values: [
      ['url', 'help.suifu.com.cn/faq'],
      ['phone', '0755-8666 1234 转 2'],
    ],
    check: (f) => expect(byValue(f, 'help.suifu.com.cn/faq').href).toBe('https://help.suifu.com.cn/faq'),
  },
  {
    text: '请在微信中搜索小程序「隨付生活」，進入後選擇「我的」>「設定」>「聯絡我們」。',
    values: [
      ['mini_program', '隨付生活'],
      ['app_path', '「我的」>「設定」>「聯絡我們」'],
    ],
  },
  {
    text: '境外用户请拨打 +86-21-2026 9999（北京时间 9:00—21:00）。',
    values: [
      ['phone', '+86-21-2026 9999'],
      ['hours', '9:00—21:00'],
    ],
    check: (f) => expect(byValue(f, '+86-21-2026 9999').href).toBe('tel:+862120269999'),
  },
  {
    text: '我们的客服团队全年无休，每天早8点到晚10点在线。',
    values: [
      ['hours', '全年无休'],
      ['hours', '每天早8点到晚10点'],
    ],
    check: (f) => expect(byValue(f, '每天早8点到晚10点')).toMatchObject({ hours: { from: '08:00', to: '22:00' } }),
  },
  {
    text: '本行信用卡客服热线95555，如遇诈骗请立即拨打110报警或96110反诈专线。',
    values: [
      ['phone', '95555'],
      ['phone', '110'],
      ['phone', '96110'],
    ],
    check: (f) => {
      expect(byValue(f, '95555').owner).toBe('provider');
      expect(byValue(f, '110').owner).toBe('third-party');
      expect(byValue(f, '96110').owner).toBe('third-party');
    },
  },
  {
    text: '客服邮箱：service＠suifu.com（工作日48小时内回复）',
    values: [['email', 'service＠suifu.com']],
    check: (f) => expect(byValue(f, 'service＠suifu.com').href).toBe('mailto:service@suifu.com'),
  },
  {
    text: '如有疑問可發送郵件至 support [at] suifu.tw，我們將於3個工作天內回覆。',
    values: [['email', 'support [at] suifu.tw']],
    check: (f) => expect(byValue(f, 'support [at] suifu.tw').href).toBe('mailto:support@suifu.tw'),
  },
  { text: '版本号 v3.2.10 已修复该问题，更新后请重启App；活动期间优惠比例为12.5%。', values: [] },
  {
    text: '紧急挂失请拨打 95017 转 1，海外请拨 +86 755 8301 3388。',
    values: [
      ['phone', '95017 转 1'],
      ['phone', '+86 755 8301 3388'],
    ],
  },
  {
    text: '微信公眾號：隨付服務 ｜ 客服時間：24小時 ｜ 網址：www.suifu.hk',
    values: [
      ['wechat', '隨付服務'],
      ['hours', '24小時'],
      ['url', 'www.suifu.hk'],
    ],
  },
  { text: '请于2024年3月15日18:00前完成认证，逾期将冻结账户24小时。', values: [] },
  {
    text: '在线客服入口：APP首页 > 服务中心 > 在线客服（09:00-24:00）',
    values: [
      ['app_path', 'APP首页 > 服务中心 > 在线客服'],
      ['hours', '09:00-24:00'],
    ],
    check: (f) => expect(byValue(f, '09:00-24:00')).toMatchObject({ hours: { from: '09:00', to: '24:00' } }),
  },
  {
    text: '若为银行卡扣款问题，请联系发卡行客服（如工商银行95588）。',
    values: [['phone', '95588']],
    check: (f) => {
      expect(byValue(f, '95588').owner).toBe('third-party');
      expect(byValue(f, '95588').ownerName).toContain('工商银行');
    },
  },
  {
    text: '如需上门服务，请联系区域经理：13912345678（微信同号）',
    values: [['phone', '13912345678']],
  },
  {
    text: '服務時間：週一至週五 9:00-18:00（國定假日除外）',
    values: [['hours', '週一至週五 9:00-18:00（國定假日除外）']],
  },
];

describe('contact values, held-out sentences', () => {
  it.each(CASES.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const found = findContactValues(c.text, normalize);
    for (const v of found) expect(c.text.slice(v.start, v.end)).toBe(v.value);
    expect(found.map((v) => [v.kind, v.value])).toEqual(c.values);
    c.check?.(found);
  });

  it.each([
    ['服務時間：週一至週日 08:00-22:00', '服務時間', 'hours', '週一至週日 08:00-22:00'],
    ['客服邮箱:kefu@suifu.cn', '客服邮箱', 'email', 'kefu@suifu.cn'],
    ['官方網址︰https://suifu.tw', '官方網址', 'website', 'https://suifu.tw'],
    ['24小时人工热线 ∶ 400 880 1234', '24小时人工热线', 'phone', '400 880 1234'],
  ])('splits the label of %s', (line, label, kind, rest) => {
    const split = splitLabel(line, normalize)!;
    expect(split.label.text).toBe(label);
    expect(split.kind).toBe(kind);
    expect(split.rest.text).toBe(rest);
    expect(line.slice(split.rest.start, split.rest.end)).toBe(rest);
  });
});
