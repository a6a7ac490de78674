import type { DemoUserHistory } from './history.js';

export interface OrderFact {
  t: number;
  total: number;
  coupon: string | undefined;
}

/**
 * The behaviour of one user boiled down to the features a segmentation looks at (recency,
 * frequency, spend, coupons, support load, interests). Tests use it to check that each hidden
 * persona is recoverable; it reads only the messages, never the persona.
 */
export interface UserSummary {
  orders: OrderFact[];
  spend: number;
  refunds: number;
  questions: number;
  views: number;
  sessions: number;
  viewsByCategory: Map<string, number>;
  firstAt: number;
  lastAt: number;
}

const SESSION_GAP = 30 * 60_000;

export function summarize(h: DemoUserHistory): UserSummary {
  const s: UserSummary = {
    orders: [],
    spend: 0,
    refunds: 0,
    questions: 0,
    views: 0,
    sessions: 0,
    viewsByCategory: new Map(),
    firstAt: Number.POSITIVE_INFINITY,
    lastAt: Number.NEGATIVE_INFINITY,
  };
  let prev = Number.NEGATIVE_INFINITY;
  for (const m of h.messages) {
    const t = Date.parse(String(m.timestamp));
    if (t - prev > SESSION_GAP) s.sessions++;
    prev = t;
    s.firstAt = Math.min(s.firstAt, t);
    s.lastAt = Math.max(s.lastAt, t);
    const p = (m.properties ?? {}) as Record<string, unknown>;
    switch (m.event) {
      case 'Order Completed':
        s.orders.push({
          t,
          total: Number(p.total),
          coupon: typeof p.coupon === 'string' ? p.coupon : undefined,
        });
        s.spend += Number(p.total);
        break;
      case 'Order Refunded':
        s.refunds++;
        break;
      case 'Support Question Asked':
        s.questions++;
        break;
      case 'Product Viewed': {
        s.views++;
        const c = String(p.category);
        s.viewsByCategory.set(c, (s.viewsByCategory.get(c) ?? 0) + 1);
        break;
      }
    }
  }
  return s;
}
