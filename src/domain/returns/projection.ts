import { Dec, sum } from '../money/money.ts';
import { moneyMultiple } from './multiple.ts';
import type { DatedAmount } from './types.ts';
import { RATE_SIGNIFICANT_DIGITS, xirr } from './xirr.ts';

/**
 * Returns an investor would make under a scenario: its drawdowns and the receipts it has had so far,
 * plus the receipts a forecast expects (already passed through the capital stack, so already capped),
 * and optionally drawdowns still to come.
 */
export interface ProjectionInput {
  drawdowns: readonly DatedAmount[];
  received: readonly DatedAmount[];
  projectedReceipts: readonly DatedAmount[];
  projectedDrawdowns?: readonly DatedAmount[] | undefined;
}

export interface ProjectedReturns {
  /** Σ drawdowns (actual and projected), exact decimal string. */
  paidIn: string;
  /** Σ receipts (actual and projected), exact decimal string. */
  received: string;
  /** received ÷ paidIn to 20 significant digits; null if nothing is paid in. */
  multiple: string | null;
  /**
   * XIRR of the combined flows (drawdowns negative, receipts positive), 20 significant digits; null
   * when it has none — notably when nothing is ever received (a total loss, −100%, which has no XIRR,
   * as in Excel) or nothing is paid in.
   */
  irr: string | null;
}

export function projectReturns(input: ProjectionInput): ProjectedReturns {
  const paidIn = [...input.drawdowns, ...(input.projectedDrawdowns ?? [])];
  const received = [...input.received, ...input.projectedReceipts];
  const flows = [
    ...paidIn.map((d) => ({ date: d.date, amount: new Dec(d.amount).neg().toString() })),
    ...received,
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const multiple = moneyMultiple(paidIn, received);
  const irr = xirr(flows);
  return {
    paidIn: sum(paidIn.map((d) => new Dec(d.amount))).toString(),
    received: sum(received.map((r) => new Dec(r.amount))).toString(),
    multiple: multiple === null ? null : multiple.toSignificantDigits(RATE_SIGNIFICANT_DIGITS).toString(),
    irr: irr === null ? null : irr.toString(),
  };
}
