import { type Product, SEARCH_TERMS } from './catalog.js';
import { COUPON_RATES, type Promotion } from './holidays.js';
import { DAY, MINUTE } from './options.js';
import { questionText, SUPPORT_TOPICS, type SupportTopic } from './questions.js';
import type { Shopper } from './shopper.js';
import { changedTraits } from './traits.js';

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Opens a session on a landing page: a sale's page while one runs, a search, home or a category. */
function land(s: Shopper, promo: Promotion | undefined): void {
  const { rng, out } = s;
  if (promo && rng.chance(0.6)) {
    out.page('Promotion', { path: `/promo/${promo.coupon.toLowerCase()}`, promotion: promo.name });
  } else if (rng.chance(0.2)) {
    const terms = SEARCH_TERMS[s.category()];
    const query = rng.pick(s.zh ? terms.zh : terms.en);
    out.page('Search', { path: '/search', search: `?q=${encodeURIComponent(query)}` });
    out.pause(rng, 20);
    out.track('Products Searched', { query });
  } else if (rng.chance(0.6)) {
    out.page('Home', { path: '/' });
  } else {
    const category = s.category();
    out.page('Category', { path: `/c/${category}`, category });
  }
}

function viewed(s: Shopper, p: Product): void {
  s.out.pause(s.rng);
  s.out.track('Product Viewed', { product_id: p.id, name: s.name(p), category: p.category, price: p.price });
}

function added(s: Shopper, p: Product, quantity: number): void {
  s.out.pause(s.rng, 40);
  s.out.track('Product Added', { product_id: p.id, category: p.category, price: p.price, quantity });
}

/** Looking around; browsers and anonymous visitors only ever do this. */
export function browseSession(s: Shopper, t: number): void {
  const { rng, out, style } = s;
  out.at(t);
  land(s, s.cal.promotionAt(t));
  const views = rng.int(style.views[0], style.views[1]);
  let last: Product | undefined;
  for (let i = 0; i < views; i++) {
    last = s.product();
    viewed(s, last);
  }
  if (last && out.userId !== undefined && rng.chance(style.cart)) {
    added(s, last, 1);
    // Browsers sometimes get as far as checkout and walk away.
    if (s.user.persona === 'browser' && rng.chance(0.15)) {
      out.pause(rng);
      out.track('Checkout Started', { value: last.price, currency: 'CNY' });
    }
  }
}

function couponFor(s: Shopper, promo: Promotion | undefined): string | undefined {
  const { rng, user } = s;
  if (promo && user.persona === 'bargain_hunter' && rng.chance(0.85)) return promo.coupon;
  if (!rng.chance(s.style.coupon)) return undefined;
  if (promo) return promo.coupon;
  if (s.orders === 0) return 'NEW10';
  return user.persona === 'loyal_big_spender' ? 'VIP8' : 'SAVE5';
}

/** A session that ends in an order. */
export function buySession(s: Shopper, t: number): void {
  const { rng, out, style, user } = s;
  out.at(t);
  const promo = s.cal.promotionAt(t);
  if (rng.chance(user.persona === 'loyal_big_spender' ? 0.3 : 0.5)) land(s, promo);
  const lines: { product_id: string; category: string; price: number; quantity: number }[] = [];
  let subtotal = 0;
  const n = rng.int(style.items[0], style.items[1]);
  const browsing = user.persona === 'bargain_hunter' ? rng.int(1, 3) : rng.chance(0.2) ? 1 : 0;
  for (let i = 0; i < browsing; i++) viewed(s, s.product());
  for (let i = 0; i < n; i++) {
    const p = s.product();
    if (lines.some((l) => l.product_id === p.id)) continue;
    const quantity = rng.chance(style.tier === 'mid' ? 0.15 : 0.35) ? rng.int(2, 3) : 1;
    // Half the time the item goes into the cart from a list or the order history, without
    // its product page; cheap-item hunters and big spenders often take several.
    if (rng.chance(0.5)) viewed(s, p);
    added(s, p, quantity);
    lines.push({ product_id: p.id, category: p.category, price: p.price, quantity });
    subtotal += p.price * quantity;
  }
  const orderId = `o-${s.seed}-${user.index}-${s.orders}`;
  const coupon = couponFor(s, promo);
  const discount = coupon ? round2(subtotal * (COUPON_RATES[coupon] ?? 0)) : 0;
  const revenue = round2(subtotal - discount);
  const shipping = revenue >= 99 ? 0 : 10;
  const total = round2(revenue + shipping);
  out.pause(rng, 60);
  out.track('Checkout Started', { order_id: orderId, value: round2(subtotal), currency: 'CNY' });
  out.pause(rng, 120);
  out.track('Order Completed', {
    order_id: orderId,
    revenue,
    total,
    shipping,
    discount,
    currency: 'CNY',
    ...(coupon ? { coupon } : {}),
    products: lines,
  });
  s.orders++;
  s.lastOrderId = orderId;
  if (rng.chance(style.refund)) s.refunds.push({ t: out.now + rng.range(2, 14) * DAY, orderId, total });
}

const ORDER_TOPICS: readonly SupportTopic[] = ['shipping', 'returns', 'invoice', 'shipping'];

export function askSession(s: Shopper, t: number): void {
  const { rng, out } = s;
  out.at(t);
  out.page('Help', { path: '/help' });
  const aboutOrder = s.lastOrderId !== undefined && rng.chance(0.5);
  const topic = aboutOrder ? rng.pick(ORDER_TOPICS) : rng.pick(SUPPORT_TOPICS);
  const product = s.lastProduct ?? s.product();
  out.pause(rng, 180);
  out.track('Support Question Asked', {
    question: questionText(topic, s.user.locale, rng.int(0, 5), s.name(product)),
    topic,
    ...(aboutOrder ? { order_id: s.lastOrderId } : {}),
  });
}

/** A later identify after the user edits their profile. */
export function profileSession(s: Shopper, t: number): void {
  const { rng, out, user } = s;
  out.at(t);
  out.page('Account', { path: '/account' });
  out.pause(rng, 120);
  out.identify(user.userId, changedTraits(rng, user, s.person));
}

export function signupSession(s: Shopper, t: number): void {
  const { rng, out, user } = s;
  out.at(t - rng.int(1, 4) * MINUTE);
  if (rng.chance(0.6)) out.page('Sign Up', { path: '/signup' });
  out.at(t);
  out.identify(user.userId, { ...s.person.traits });
}

/** Refunds are sent by the backend, days after the order, whenever they fall due. */
export function flushRefunds(s: Shopper, upTo: number, last: number): void {
  s.refunds.sort((a, b) => a.t - b.t);
  while (s.refunds.length > 0 && (s.refunds[0]?.t ?? 0) <= upTo) {
    const r = s.refunds.shift();
    if (!r || r.t > last) continue;
    s.out.at(r.t);
    s.out.serverTrack('Order Refunded', { order_id: r.orderId, total: r.total, currency: 'CNY' });
  }
}
