/**
 * @module Build-only: numbers of regulators and public services. These are facts about who answers a number, not
 * patterns of any article: a provider's article that states one is pointing its reader elsewhere.
 */

/** Number → who answers it (names in simplified Chinese). */
export const PUBLIC_SERVICE_NUMBERS: ReadonlyMap<string, string> = new Map([
  // Mainland China: emergency services.
  ['110', '公安报警'],
  ['119', '消防'],
  ['120', '急救中心'],
  ['122', '交通事故报警'],
  // Mainland China: regulators and government hotlines.
  ['12315', '市场监管投诉举报热线'],
  ['12345', '政务服务便民热线'],
  ['12363', '中国人民银行金融消费权益保护咨询电话'],
  ['12378', '国家金融监督管理总局消费者投诉维权热线'],
  ['12386', '中国证监会投资者服务热线'],
  ['12321', '网络不良与垃圾信息举报受理中心'],
  ['12377', '网络违法和不良信息举报中心'],
  ['12381', '涉诈预警劝阻短信'],
  ['12388', '中央纪委国家监委举报电话'],
  ['12366', '纳税服务热线'],
  ['12333', '人力资源和社会保障服务热线'],
  ['12348', '公共法律服务热线'],
  ['12306', '铁路客户服务中心'],
  ['96110', '反诈预警劝阻专线'],
  // Taiwan.
  ['165', '反诈骗咨询专线'],
  ['113', '保护专线'],
  ['1950', '消费者服务专线'],
  ['1999', '市民服务热线'],
  // Hong Kong.
  ['999', '紧急求助'],
  ['18222', '防骗易反诈骗协调中心'],
]);

/** The public-service numbers shorter than any subscriber number, which only this list makes phone numbers. */
export function isShortPublicNumber(digits: string): boolean {
  return digits.length <= 4 && PUBLIC_SERVICE_NUMBERS.has(digits);
}
