import type { IsoDate } from '../time/dates.ts';

/**
 * Outcome data as the payment engine sees it: only validated, non-superseded records, exactly as
 * stored. Amounts and values are decimal strings.
 */

/** One outcome achieved by one (pseudonymous) participant: rate-card and volume-banded contracts. */
export interface ParticipantClaim {
  /** Id of the stored record, so every paid line traces back to its measurement. */
  id: string;
  participantRef: string;
  /** Key of a participant-level metric (the outcome). */
  metric: string;
  cohort: string;
  achievedOn: IsoDate;
  /** For sustainment outcomes: start of the period held, as reported (informational; the engine derives clocks from claims). */
  heldFrom?: IsoDate | null | undefined;
  /** Units of the outcome (decimal string, > 0): days, sessions, weeks… Absent: 1. Paid price × quantity. */
  quantity?: string | undefined;
}

/** One measured result for a cohort or a period: counterfactual, tiered, linear, savings and composite contracts. */
export interface AggregateResult {
  id: string;
  metric: string;
  cohort?: string | undefined;
  period?: string | undefined;
  /** The date the result refers to (end of the observation); results after the cut-off are not considered. */
  measuredOn: IsoDate;
  treatmentValue: string;
  comparisonValue?: string | undefined;
  treatmentSampleSize?: number | undefined;
  comparisonSampleSize?: number | undefined;
}

/** Capital paid in by an investor (a cash flow out of the investor). */
export interface Drawdown {
  investor: string;
  tranche?: string | undefined;
  date: IsoDate;
  amount: string;
}
