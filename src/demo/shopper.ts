import type { LocaleCalendar } from './calendar.js';
import { BY_CATEGORY, CATEGORIES, type Category, type Product } from './catalog.js';
import type { Locale } from './holidays.js';
import { type Device, type MessageWriter, makeDevice } from './message-writer.js';
import type { PersonaName } from './personas.js';
import type { Rng } from './prng.js';
import type { Gender, Person } from './traits.js';
import { type DemoUser, uuid } from './user.js';

/** How a persona shops once it is in a session. */
export interface ShoppingStyle {
  /** Which end of a category's price list the shopper reaches for. */
  tier: 'low' | 'mid' | 'high';
  /** Products viewed per browsing session. */
  views: readonly [number, number];
  /** Distinct products per order. */
  items: readonly [number, number];
  /** Chance of using a coupon outside a sale (bargain hunters always try one during sales). */
  coupon: number;
  refund: number;
  /** Chance that a browsing session puts something in the cart. */
  cart: number;
}

export const STYLES: Record<PersonaName, ShoppingStyle> = {
  loyal_big_spender: { tier: 'high', views: [1, 3], items: [1, 2], coupon: 0.05, refund: 0.04, cart: 0.3 },
  regular: { tier: 'mid', views: [1, 3], items: [1, 2], coupon: 0.1, refund: 0.05, cart: 0.2 },
  bargain_hunter: { tier: 'low', views: [3, 5], items: [1, 3], coupon: 0.35, refund: 0.08, cart: 0.35 },
  dormant: { tier: 'mid', views: [1, 3], items: [1, 2], coupon: 0.1, refund: 0.08, cart: 0.15 },
  new_user: { tier: 'mid', views: [1, 3], items: [1, 2], coupon: 0.5, refund: 0.03, cart: 0.2 },
  browser: { tier: 'mid', views: [1, 4], items: [1, 1], coupon: 0, refund: 0, cart: 0.25 },
  frequent_asker: { tier: 'mid', views: [1, 3], items: [1, 2], coupon: 0.1, refund: 0.15, cart: 0.2 },
  won_back: { tier: 'mid', views: [1, 3], items: [1, 3], coupon: 0.15, refund: 0.05, cart: 0.2 },
};

// Interests lean on gender a little, so categories correlate with traits as in a real shop.
const INTEREST_WEIGHTS: Record<Gender, readonly number[]> = {
  // shoes, electronics, beauty, books, home, sports, food, toys, apparel, baby
  female: [1.2, 0.8, 2.5, 1, 1.3, 0.8, 1, 0.8, 2, 1.2],
  male: [1.2, 2.5, 0.3, 1, 0.9, 2, 1, 0.8, 1, 0.6],
};

const ZH_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.49',
  'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 Chrome/120.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0.0.0 Safari/537.36',
] as const;
const EN_AGENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0.0.0 Mobile Safari/537.36',
] as const;
const ZH_IP_BLOCKS = [36, 39, 58, 101, 112, 113, 114, 117, 119, 180, 183, 222] as const;
const EN_IP_BLOCKS = [24, 50, 67, 68, 71, 73, 76, 98, 99, 107] as const;

export function newDevice(rng: Rng, locale: Locale, anonymousId: string): Device {
  const zh = locale === 'zh-CN';
  const ip = `${rng.pick(zh ? ZH_IP_BLOCKS : EN_IP_BLOCKS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  return makeDevice(anonymousId, locale, ip, rng.pick(zh ? ZH_AGENTS : EN_AGENTS));
}

export interface PendingRefund {
  t: number;
  orderId: string;
  total: number;
}

/** Everything one user's session generators share while writing that user's history. */
export class Shopper {
  readonly style: ShoppingStyle;
  readonly interests: readonly Category[];
  readonly zh: boolean;
  orders = 0;
  lastOrderId: string | undefined;
  lastProduct: Product | undefined;
  readonly refunds: PendingRefund[] = [];
  /** A second browser or phone the user also logs in from, once `switchAt` has passed. */
  otherDevice: Device | undefined;
  switchAt = Number.POSITIVE_INFINITY;
  otherDeviceSeen = false;

  constructor(
    readonly user: DemoUser,
    readonly rng: Rng,
    readonly cal: LocaleCalendar,
    readonly person: Person,
    readonly out: MessageWriter,
    readonly seed: number,
  ) {
    this.style = STYLES[user.persona];
    this.zh = user.locale === 'zh-CN';
    const weights = [...INTEREST_WEIGHTS[person.traits.gender ?? (rng.chance(0.5) ? 'female' : 'male')]];
    const picked: Category[] = [];
    const n = rng.chance(0.4) ? 1 : rng.chance(0.67) ? 2 : 3;
    while (picked.length < n) {
      const i = rng.weighted(weights);
      weights[i] = 0;
      picked.push(CATEGORIES[i] as Category);
    }
    this.interests = picked;
  }

  addDevice(rng: Rng): void {
    this.otherDevice = newDevice(rng, this.user.locale, uuid(rng));
  }

  /** Mostly the first interest, sometimes the others, now and then anything at all. */
  category(): Category {
    const r = this.rng.next();
    const [first, second, third] = this.interests as [Category, Category?, Category?];
    if (r < 0.12) return this.rng.pick(CATEGORIES);
    if (r < 0.62 || second === undefined) return first;
    if (r < 0.86 || third === undefined) return second;
    return third;
  }

  product(category: Category = this.category()): Product {
    const list = BY_CATEGORY[category];
    // Tiers overlap in the middle of the price list: bargain hunters keep to the cheapest 60%,
    // big spenders to the dearest half.
    const x = this.rng.next();
    const pos = this.style.tier === 'low' ? x * 0.6 : this.style.tier === 'high' ? 0.5 + x * 0.5 : x;
    const p = list[Math.min(Math.floor(pos * list.length), list.length - 1)] as Product;
    this.lastProduct = p;
    return p;
  }

  name(p: Product): string {
    return this.zh ? p.name.zh : p.name.en;
  }
}
