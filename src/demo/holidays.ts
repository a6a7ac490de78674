export type Locale = 'zh-CN' | 'en-US';

/**
 * A shop-wide sale. Days are local day numbers: days since 1970-01-01 of the calendar date
 * in the shopper's time zone, so `Date.UTC(y, m, d) / DAY` is the number of a date.
 */
export interface Promotion {
  name: string;
  first: number;
  peak: number;
  last: number;
  /** Activity multiplier on the days of the sale, and on its peak day. */
  boost: number;
  peakBoost: number;
  /** Big enough that bargain hunters plan their shopping around it. */
  major: boolean;
  coupon: string;
}

/** Fraction of the subtotal each coupon takes off. */
export const COUPON_RATES: Readonly<Record<string, number>> = {
  DOUBLE11: 0.15,
  MID618: 0.12,
  DOUBLE12: 0.1,
  CNY10: 0.1,
  BF25: 0.25,
  XMAS20: 0.2,
  NEW10: 0.1,
  SAVE5: 0.05,
  VIP8: 0.08,
};

// Lunar New Year's Day, [month (1-based), day]; outside these years there is no dip.
const SPRING_FESTIVAL: Readonly<Record<number, readonly [number, number]>> = {
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
  2031: [1, 23],
  2032: [2, 11],
  2033: [1, 31],
  2034: [2, 19],
  2035: [2, 8],
};

const dayOf = (y: number, month: number, d: number): number => Date.UTC(y, month - 1, d) / 86_400_000;

function sale(
  name: string,
  first: number,
  peak: number,
  last: number,
  rest: Omit<Promotion, 'name' | 'first' | 'peak' | 'last'>,
): Promotion {
  return { name, first, peak, last, ...rest };
}

/** The sales a shopper of `locale` sees in `year`. */
export function promotionsOf(locale: Locale, year: number): Promotion[] {
  const zh = locale === 'zh-CN';
  const out = [
    sale('双11', dayOf(year, 11, 1), dayOf(year, 11, 11), dayOf(year, 11, 11), {
      boost: zh ? 1.6 : 1.2,
      peakBoost: zh ? 5 : 2,
      major: zh,
      coupon: 'DOUBLE11',
    }),
    sale('618', dayOf(year, 6, 1), dayOf(year, 6, 18), dayOf(year, 6, 18), {
      boost: zh ? 1.4 : 1.1,
      peakBoost: zh ? 3.5 : 1.6,
      major: zh,
      coupon: 'MID618',
    }),
  ];
  if (zh) {
    out.push(
      sale('双12', dayOf(year, 12, 10), dayOf(year, 12, 12), dayOf(year, 12, 12), {
        boost: 1.2,
        peakBoost: 2,
        major: false,
        coupon: 'DOUBLE12',
      }),
    );
    const cny = springFestivalDay(year);
    if (cny !== undefined) {
      out.push(
        sale('年货节', cny - 21, cny - 12, cny - 9, {
          boost: 1.3,
          peakBoost: 1.5,
          major: false,
          coupon: 'CNY10',
        }),
      );
    }
  } else {
    const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const thanksgiving = 1 + ((4 - nov1 + 7) % 7) + 21;
    const blackFriday = dayOf(year, 11, thanksgiving + 1);
    out.push(
      sale('Black Friday', blackFriday, blackFriday, blackFriday + 3, {
        boost: 2,
        peakBoost: 3,
        major: true,
        coupon: 'BF25',
      }),
      sale('Christmas', dayOf(year, 12, 10), dayOf(year, 12, 20), dayOf(year, 12, 23), {
        boost: 1.8,
        peakBoost: 2.2,
        major: true,
        coupon: 'XMAS20',
      }),
    );
  }
  return out;
}

export function springFestivalDay(year: number): number | undefined {
  const md = SPRING_FESTIVAL[year];
  return md ? dayOf(year, md[0], md[1]) : undefined;
}
