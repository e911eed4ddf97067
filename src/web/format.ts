import { intlLocale, type Locale } from './i18n/index.ts';

/**
 * Numbers, dates and amounts as written in the page's language, by `Intl` (fr: `1 234,56 €`,
 * with the narrow no-break space U+202F between thousands and the no-break space U+00A0 before
 * the currency sign, as Intl writes them; en: `€1,234.56`).
 *
 * Currency signs: a currency whose sign is its own (€, £, ₹) is written with that sign in both
 * languages (`narrowSymbol`): a French reader expects `1 234,56 £`, not Intl's fr-FR « £GB ».
 * Any other currency keeps Intl's `symbol`, which tells apart the signs several currencies share:
 * `1 234,56 $US` / `US$1,234.56` (a bare `$` is also the Canadian or Australian dollar),
 * `1 234,56 CHF`.
 *
 * Amounts are decimal strings (NUMERIC columns, decimal.js): they are given to Intl.NumberFormat
 * as strings, which it formats exactly (ECMA-402 "intl.NumberFormat v3", Node 20+) — never
 * through a JavaScript number, which would round beyond 15-17 significant digits.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

const fractionDigits = (decimal: string) => decimal.split('.')[1]?.length ?? 0;

/** Currencies whose narrow sign belongs to them alone in the contracts we hold (see above). */
const OWN_SIGN = new Set(['EUR', 'GBP', 'INR']);
const currencyDisplay = (currency: string): 'narrowSymbol' | 'symbol' => (OWN_SIGN.has(currency.toUpperCase()) ? 'narrowSymbol' : 'symbol');

/** An amount of money: `formatAmount('1234.56', 'EUR', 'fr')` → `1 234,56 €`. Decimals beyond the currency's are kept, not rounded. */
export function formatAmount(amount: string, currency: string, locale: Locale): string {
  if (!DECIMAL.test(amount)) throw new Error(`not a decimal amount: ${amount}`);
  const display = currencyDisplay(currency);
  const base = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency, currencyDisplay: display });
  const minimum = base.resolvedOptions().minimumFractionDigits ?? 2;
  const format = new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency', currency, currencyDisplay: display, minimumFractionDigits: minimum, maximumFractionDigits: Math.max(minimum, fractionDigits(amount)),
  });
  return format.format(amount as unknown as number);
}

/** A decimal quantity or count (a decimal string, or an integer number). */
export function formatNumber(value: string | number, locale: Locale): string {
  const text = String(value);
  if (!DECIMAL.test(text)) throw new Error(`not a decimal number: ${text}`);
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: Math.max(0, fractionDigits(text)) }).format(text as unknown as number);
}

/** A calendar date (`2026-03-31` → `31 mars 2026` / `31 March 2026`): an ISO date string is a date, not an instant (no time zone shift). */
export function formatDate(date: string | Date, locale: Locale): string {
  const value = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}

/** An instant, with its time, in `timeZone` (default UTC, shown as such). */
export function formatDateTime(instant: Date | string, locale: Locale, timeZone = 'UTC'): string {
  const value = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short',
  }).format(value);
}

/** The formatters of one language, as pages use them (`page.format.amount(...)`). */
export function formattersFor(locale: Locale) {
  return {
    amount: (amount: string, currency: string) => formatAmount(amount, currency, locale),
    number: (value: string | number) => formatNumber(value, locale),
    date: (date: string | Date) => formatDate(date, locale),
    dateTime: (instant: Date | string, timeZone?: string) => formatDateTime(instant, locale, timeZone),
  };
}
export type Formatters = ReturnType<typeof formattersFor>;
