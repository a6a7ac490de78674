export type PersonaName =
  | 'loyal_big_spender'
  | 'regular'
  | 'bargain_hunter'
  | 'dormant'
  | 'new_user'
  | 'browser'
  | 'frequent_asker'
  | 'won_back';

export interface PersonaSpec {
  name: PersonaName;
  /** Expected fraction of users; the shares sum to 1. */
  share: number;
  description: { en: string; zh: string };
}

/**
 * The hidden truth behind the demo data. Segmentation tests cluster users by behaviour and
 * compare the clusters with these personas, so each one must leave a distinct trace in the
 * events (plan.ts) while still varying from user to user.
 */
export const PERSONAS: readonly PersonaSpec[] = Object.freeze([
  {
    name: 'loyal_big_spender',
    share: 0.05,
    description: {
      en: 'Long-standing customer who orders every 2–4 weeks with large baskets.',
      zh: '老客户，每2到4周下单一次，客单价高。',
    },
  },
  {
    name: 'regular',
    share: 0.2,
    description: {
      en: 'Buys every one to three months at ordinary prices.',
      zh: '每一到三个月购买一次，价格敏感度一般。',
    },
  },
  {
    name: 'bargain_hunter',
    share: 0.15,
    description: {
      en: 'Browses a lot and buys cheap items mostly during promotions, usually with a coupon.',
      zh: '浏览很多，主要在大促期间用优惠券购买低价商品。',
    },
  },
  {
    name: 'dormant',
    share: 0.15,
    description: {
      en: 'Bought a few times soon after signing up, then nothing for four months or more.',
      zh: '注册后不久买过几次，之后四个月以上没有任何动静。',
    },
  },
  {
    name: 'new_user',
    share: 0.1,
    description: {
      en: 'Signed up in the last 30 days; at most one order so far.',
      zh: '最近30天内注册，至多下过一单。',
    },
  },
  {
    name: 'browser',
    share: 0.2,
    description: {
      en: 'Looks at products, sometimes fills a cart, never completes an order.',
      zh: '只逛不买，偶尔加购，从未下单。',
    },
  },
  {
    name: 'frequent_asker',
    share: 0.05,
    description: {
      en: 'Buys now and then and contacts support far more than anyone else.',
      zh: '偶尔购买，频繁咨询客服。',
    },
  },
  {
    name: 'won_back',
    share: 0.1,
    description: {
      en: 'Was a customer, went silent for three months or more, and has recently started buying again.',
      zh: '曾经的老顾客，沉寂三个月以上后最近重新开始购买。',
    },
  },
] satisfies PersonaSpec[]);

const CUMULATIVE: readonly number[] = PERSONAS.reduce<number[]>((acc, p) => {
  acc.push((acc.at(-1) ?? 0) + p.share);
  return acc;
}, []);

/** The persona at position `u` ∈ [0, 1) of the cumulative shares. */
export function personaAt(u: number): PersonaName {
  for (let i = 0; i < PERSONAS.length; i++) {
    if (u < (CUMULATIVE[i] ?? 1)) return (PERSONAS[i] as PersonaSpec).name;
  }
  return (PERSONAS.at(-1) as PersonaSpec).name;
}
