import type { Locale } from './holidays.js';

export type SupportTopic = 'shipping' | 'returns' | 'payment' | 'product' | 'account' | 'coupon' | 'invoice';

/** `{product}` is replaced by the name of a product the shopper looked at. */
type QuestionPool = Record<SupportTopic, { en: readonly string[]; zh: readonly string[] }>;

const QUESTIONS: QuestionPool = {
  shipping: {
    en: [
      'When will my order ship?',
      'Tracking says delivered but I never got the package.',
      'Can I change my shipping address?',
    ],
    zh: ['我的订单什么时候发货？', '快递显示已签收，但我没有收到。', '下单后还能修改收货地址吗？'],
  },
  returns: {
    en: [
      'Can I return {product} within 7 days?',
      'How long does a refund take?',
      'My item arrived damaged, what should I do?',
    ],
    zh: ['{product}支持七天无理由退货吗？', '退款多久能到账？', '收到的商品有破损怎么办？'],
  },
  payment: {
    en: [
      'My card payment failed, can you help?',
      'Can I pay in installments?',
      'I was charged twice for one order.',
    ],
    zh: ['支付宝付款失败怎么办？', '可以用花呗分期付款吗？', '为什么一个订单扣了两次款？'],
  },
  product: {
    en: [
      'Does {product} come in a larger size?',
      'Is {product} authentic?',
      'When will {product} be back in stock?',
    ],
    zh: ['{product}有大一号的吗？', '{product}是正品吗？', '{product}什么时候补货？'],
  },
  account: {
    en: ['I forgot my password.', 'How do I change the email address on my account?'],
    zh: ['忘记密码了怎么找回？', '怎么修改绑定的手机号？'],
  },
  coupon: {
    en: ["Why can't I apply my coupon?", 'How does the promotion discount work?'],
    zh: ['优惠券为什么用不了？', '双11的满减规则是什么？'],
  },
  invoice: {
    en: ['Can I get an invoice for my order?'],
    zh: ['可以开增值税专用发票吗？', '电子发票在哪里下载？'],
  },
};

export const SUPPORT_TOPICS = Object.keys(QUESTIONS) as readonly SupportTopic[];

export function questionText(topic: SupportTopic, locale: Locale, variant: number, product: string): string {
  const pool = locale === 'zh-CN' ? QUESTIONS[topic].zh : QUESTIONS[topic].en;
  const text = pool[variant % pool.length] ?? '';
  return text.replace('{product}', product);
}
