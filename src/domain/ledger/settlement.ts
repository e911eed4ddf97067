import { minorUnits } from '../money/currencies.ts';
import { dec } from '../money/money.ts';

/**
 * Whether a payer may settle `amount` of an obligation. An obligation is settled at most up to
 * its amount, and a line (rule, scope, payer) at most up to what is obligated on it in all: a
 * downward adjustment on the line lowers what may still be paid. Adjustments that lower a line
 * are credits, not payable themselves.
 */
export interface SettlementCheck {
  amount: string;
  currency: string;
  obligationAmount: string;
  obligationCurrency: string;
  settledOnObligation: string;
  lineObligated: string;
  lineSettled: string;
}

export interface SettlementProblem {
  field: 'amount' | 'currency' | 'obligationId';
  message: string;
  conflict?: boolean;
}

export function settlementProblem(c: SettlementCheck): SettlementProblem | undefined {
  if (c.currency !== c.obligationCurrency) {
    return { field: 'currency', message: `the obligation is in ${c.obligationCurrency}; a settlement in ${c.currency} is refused (no conversion)` };
  }
  const amount = dec(c.amount);
  if (amount.lte(0)) return { field: 'amount', message: 'a settlement is a positive amount' };
  if (amount.decimalPlaces() > minorUnits(c.currency)) {
    return { field: 'amount', message: `${c.currency} amounts have at most ${minorUnits(c.currency)} decimal places` };
  }
  if (dec(c.obligationAmount).lte(0)) {
    return { field: 'obligationId', message: 'this obligation is a downward adjustment (a credit); it lowers what is owed on its line and is not paid itself', conflict: true };
  }
  const remaining = dec(c.obligationAmount).minus(c.settledOnObligation);
  const lineRemaining = dec(c.lineObligated).minus(c.lineSettled);
  const payable = remaining.lt(lineRemaining) ? remaining : lineRemaining;
  if (payable.lte(0)) return { field: 'amount', message: 'nothing remains to be paid on this obligation', conflict: true };
  if (amount.gt(payable)) {
    return {
      field: 'amount',
      message: `${c.amount} would over-settle: ${payable.toFixed(minorUnits(c.currency))} ${c.currency} remains payable ` +
        `(obligation ${c.obligationAmount}, already settled ${dec(c.settledOnObligation).toFixed(minorUnits(c.currency))}; ` +
        `line obligated ${dec(c.lineObligated).toFixed(minorUnits(c.currency))}, settled ${dec(c.lineSettled).toFixed(minorUnits(c.currency))})`,
    };
  }
  return undefined;
}
