import type { Decimal } from 'decimal.js';
import { Dec, ZERO, sum } from '../money/money.ts';
import { daysBetween, type IsoDate } from '../time/dates.ts';
import type { DatedAmount, ReturnCap } from './types.ts';

/**
 * Return-cap compounding, the one implementation (used here, by the capital stack and the status
 * view, and by the payment engine's investor return cap, src/domain/engine/return-cap.ts): what 1
 * grows to over `days` at the annual rate r, compounded, actual/365 (the XIRR convention):
 *   (1 + r) ^ (days / 365).
 * The exponent is a decimal; Dec.pow computes it to 40 significant digits (decimal.js: correctly
 * rounded almost always, error < 1 ulp otherwise). Negative `days` discount. r must be above −1.
 */
export function compoundGrowth(annualRate: Decimal.Value, days: number): Decimal {
  const onePlusR = new Dec(annualRate).plus(1);
  if (onePlusR.lte(0)) throw new RangeError(`return-cap compounding: annual rate ${String(annualRate)} is not above -1`);
  return onePlusR.pow(new Dec(days).div(365));
}

/** An amount dated `from` carried forward to `to` at the annual rate r: amount × compoundGrowth(r, days(from → to)). */
export function carryForward(amount: Decimal.Value, annualRate: Decimal.Value, from: IsoDate, to: IsoDate): Decimal {
  return new Dec(amount).times(compoundGrowth(annualRate, daysBetween(from, to)));
}

/**
 * How much an investor can still receive on a date without its return going above its cap.
 *
 * - IRR cap at rate r: every drawdown and every receipt is carried forward to `at` at r a year
 *   (actual/365, the XIRR convention), and the capacity is what it takes to bring the NPV at r to zero:
 *     Σ drawdown × (1 + r)^(days(drawdown → at) / 365) − Σ receipt × (1 + r)^(days(receipt → at) / 365).
 *   Receiving exactly this on `at` gives an XIRR of exactly r.
 * - Multiple cap m: m × Σ drawdowns − Σ receipts.
 * - No cap: null (unlimited).
 *
 * Never negative (floored at 0: an investor already above its cap can receive nothing more). Flows
 * dated after `at` are ignored: on that date they have not happened. The result is exact to 40
 * significant digits and NOT rounded to a minor unit; a caller paying it out rounds down.
 */
export function capacity(
  cap: ReturnCap | undefined,
  drawdowns: readonly DatedAmount[],
  receipts: readonly DatedAmount[],
  at: IsoDate,
): Decimal | null {
  if (!cap) return null;
  const drawn = drawdowns.filter((d) => d.date <= at);
  const got = receipts.filter((r) => r.date <= at);
  let remaining: Decimal;
  if (cap.kind === 'multiple') {
    const m = new Dec(cap.multiple);
    remaining = m.times(sum(drawn.map((d) => new Dec(d.amount)))).minus(sum(got.map((r) => new Dec(r.amount))));
  } else {
    if (new Dec(cap.annualRate).lte(-1)) throw new RangeError(`capacity: IRR cap ${cap.annualRate} is not above -1`);
    const carried = (f: DatedAmount): Decimal => carryForward(f.amount, cap.annualRate, f.date, at);
    remaining = sum(drawn.map(carried)).minus(sum(got.map(carried)));
  }
  return remaining.isNegative() ? ZERO : remaining;
}

/** The cap in words, for explanations: "15% IRR cap", "1.5x money multiple cap", "no return cap". */
export function describeCap(cap: ReturnCap | undefined): string {
  if (!cap) return 'no return cap';
  if (cap.kind === 'irr') return `${new Dec(cap.annualRate).times(100).toString()}% IRR cap`;
  return `${new Dec(cap.multiple).toString()}x money multiple cap`;
}
