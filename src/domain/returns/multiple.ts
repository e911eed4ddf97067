import type { Decimal } from 'decimal.js';
import { Dec, sum } from '../money/money.ts';

/**
 * Money multiple (multiple on invested capital): total received ÷ total paid in, e.g. 1.5 when an
 * investor got back 150 for 100 drawn. Null when nothing (or a non-positive total) was paid in.
 * Unrounded (40 significant digits); dates do not matter.
 */
export function moneyMultiple(
  paidIn: readonly { amount: string }[],
  received: readonly { amount: string }[],
): Decimal | null {
  const totalIn = sum(paidIn.map((p) => new Dec(p.amount)));
  if (totalIn.lte(0)) return null;
  return sum(received.map((r) => new Dec(r.amount))).div(totalIn);
}
