import type { IsoDate } from '../time/dates.ts';

/**
 * A dated amount as a decimal string. For drawdowns and receipts the amount is positive; in the
 * cash flows given to `xirr` and `npv` the sign says the direction (negative = paid in by the investor,
 * positive = received by the investor).
 */
export interface DatedAmount {
  date: IsoDate;
  amount: string;
}

/**
 * An investor's return cap, structurally the same as the contract definition's `ReturnCap`
 * (`src/domain/contract/definition.ts`), kept here as a plain type so that the returns code does not
 * depend on zod. Rates and multiples are decimal strings: `"0.15"` is 15% a year, `"1.5"` is 1.5×.
 */
export type ReturnCap =
  | { kind: 'irr'; annualRate: string }
  | { kind: 'multiple'; multiple: string };

export type Seniority = 'senior' | 'subordinate' | 'grant' | 'guarantee';
