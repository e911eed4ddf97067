import { Decimal } from 'decimal.js';
import { minorUnits } from './currencies.ts';

/**
 * Exact decimal arithmetic for amounts and rates. A private Decimal constructor with 40
 * significant digits and no exponent notation, so no configuration elsewhere can change results.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

export const ZERO = new Dec(0);

export const dec = (value: Decimal.Value): Decimal => new Dec(value);

/**
 * Rounds an amount to the currency's minor unit, half-to-even ("banker's rounding", the IEEE 754
 * default), so that rounding errors do not drift one way over many obligations. This is the only
 * place an amount is rounded; it happens when a payment obligation is created.
 */
export function roundToMinorUnit(amount: Decimal.Value, currency: string): Decimal {
  return new Dec(amount).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_EVEN);
}

/** Plain decimal string without exponent, fixed to the currency's minor unit (e.g. "11700.00"). */
export function formatAmount(amount: Decimal.Value, currency: string): string {
  return new Dec(amount).toFixed(minorUnits(currency));
}

export const sum = (values: Iterable<Decimal>): Decimal => {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
};

