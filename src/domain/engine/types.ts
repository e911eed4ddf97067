import type { ClaimTable } from '../measurement/claim-table.ts';
import type { ContractDefinition } from '../contract/definition.ts';
import type { AggregateResult, Drawdown, ParticipantClaim } from '../measurement/types.ts';
import type { IsoDate } from '../time/dates.ts';

/**
 * The payment engine's contract with the rest of the system. Pure data in, pure data out.
 *
 * An obligation "line" is one (rule, scope, payer) combination: e.g. rule `rate_card`, cohort
 * `cohort_1`, payer `dwp`. The engine computes the cumulative amount each line is entitled to as
 * of the cut-off, subtracts what earlier obligations on that line already cover, and proposes the
 * difference as a new obligation (an adjustment when it corrects an earlier one). It never rewrites
 * a past obligation.
 */

export interface PriorObligation {
  id: string;
  lineKey: string;
  /** Signed decimal string, already rounded to the currency's minor unit. */
  amount: string;
  dueOn: IsoDate;
}

export interface EngineInput {
  definition: ContractDefinition;
  /** Cut-off date: only claims achieved and results measured on or before it are considered. */
  asOf: IsoDate;
  /** The claims, as objects or as a table (how an evaluation reads them from the database). */
  claims: readonly ParticipantClaim[] | ClaimTable;
  results: readonly AggregateResult[];
  priorObligations: readonly PriorObligation[];
  /** Investor drawdowns recorded so far; the definition's planned tranches are used when none are recorded. */
  drawdowns: readonly Drawdown[];
  /** How much participant-level detail the explanation carries. Default 'exceptions'. */
  participantDetail?: 'exceptions' | 'all' | 'none';
  /**
   * At most this many participants (and record ids) listed per scope; the rest are counted in the
   * scope's inputs (`participantsNotListed`, `claimIdsNotListed`). Default: no limit.
   */
  detailLimit?: number;
}

export interface CapEffect {
  /** Which cap, in the words of the definition, e.g. `participantCap`, `outcome.cap`, `rule.cap.perScope`, `payer.maximumCommitment`. */
  cap: string;
  limit: string;
  /** Amount removed by this cap (positive decimal string). */
  cut: string;
  /** For caps applied across lines (payer, cohort/period, contract, return cap, rounding guards): the line cut. */
  lineKey?: string;
}

export interface ParticipantExplanation {
  participantRef: string;
  /** Claims considered for this participant, each with the price applied or the reason it did not pay. */
  claims: {
    claimId: string;
    metric: string;
    achievedOn: IsoDate;
    /** Units of the outcome, when not 1. */
    quantity?: string;
    /** Amount before caps: unit price (indexed) × units. */
    price: string;
    paid: string;
    reason?: string;
  }[];
  gross: string;
  capEffects: CapEffect[];
  net: string;
}

/**
 * One line of a payment statement: what a rule pays for in a scope and how the amount is made, so
 * that a payer's finance team can tick an invoice line by line. The items of a scope add up
 * exactly: Σ gross = the scope's gross, Σ net = the scope's amount before the rule's own caps
 * (rule.cap.perScope, rule.cap.total), which stay in the scope's capEffects, like the caps that act
 * across lines (payer commitment, cohort or period caps, contract maximum, return cap).
 */
export interface StatementItem {
  /** What is priced, in the definition's words: an outcome key (rate card), a band, a tier, a component, the measure. */
  item: string;
  /** How it is counted: 'claims', the outcome's unit ('days', 'sessions'…), or the measure's unit. */
  unit: string;
  /** How many units are paid for (decimal string). */
  quantity: string;
  /** Price per unit after indexation, when a single price applies. */
  unitPrice?: string;
  /** Before any cap. */
  gross: string;
  /** Caps acting on this item's claims or units (outcome cap, participant cap, band maximum…). */
  capEffects: CapEffect[];
  /** gross − the cuts of capEffects. */
  net: string;
}

export interface ScopeExplanation {
  /** Cohort or period key ('all' for rules not split by scope). */
  scope: string;
  /** Inputs used (result ids, values, sample sizes, counts) and computed measures, as decimal strings. */
  inputs: Record<string, string | number | string[]>;
  /** The test applied and its outcome, e.g. "relative improvement 0.0839 < threshold 0.10: no payment". */
  tests: string[];
  /** Price or amount applied (after indexation), where one applies. */
  priceApplied?: string;
  gross: string;
  capEffects: CapEffect[];
  net: string;
  participants?: ParticipantExplanation[];
  /** The scope's payment statement (see StatementItem). */
  items?: StatementItem[];
}

export interface RuleExplanation {
  ruleKey: string;
  kind: string;
  scopes: ScopeExplanation[];
  gross: string;
  capEffects: CapEffect[];
  net: string;
  /** What the rule could not evaluate and why (e.g. a cohort without a result yet). */
  notes?: string[];
}

export interface ReturnCapExplanation {
  /** The date the new obligations fall due (T): drawdowns and prior obligations are valued at it. */
  valuedOn: IsoDate;
  /** Room left for new obligations (decimal string, never below zero), or 'unlimited'. */
  capacity: string;
  /** Capacity before flooring at zero (may be negative when earlier obligations already exceed the caps). */
  capacityExact?: string;
  investors: {
    party: string;
    seniority: string;
    /** e.g. 'irr 0.15', 'multiple 1.5', 'none', or 'not repaid (grant)'. */
    cap: string;
    /** Where the drawdowns came from: 'recorded', 'planned tranches' or 'commitment at term start'. */
    drawdownSource?: string;
    drawn?: string;
    /** Drawdowns valued under the cap at valuedOn. */
    capValue?: string;
    /** This investor's pro-rata share of the prior obligations, valued under its cap at valuedOn. */
    priorValue?: string;
  }[];
  notes: string[];
}

export interface LineResult {
  lineKey: string;
  ruleKey: string;
  scope: string;
  payer: string;
  /** Exact cumulative entitlement after every cap, before rounding. */
  entitledExact: string;
  /** The same, rounded to the currency's minor unit (half-even). */
  entitled: string;
  previouslyObligated: string;
  /** entitled - previouslyObligated; becomes a new obligation when not zero. */
  delta: string;
}

export interface NewObligation {
  lineKey: string;
  ruleKey: string;
  scope: string;
  payer: string;
  /** Party key receiving the payment: distribution.paymentRecipient, else the first intermediary, else the first operator. */
  recipient: string;
  /** Signed decimal string fixed to the currency's minor unit. */
  amount: string;
  currency: string;
  dueOn: IsoDate;
  kind: 'payment' | 'adjustment';
  /** Ids of the earlier obligations on this line that an adjustment corrects. */
  corrects: string[];
}

export interface EngineResult {
  engineVersion: string;
  asOf: IsoDate;
  currency: string;
  rules: RuleExplanation[];
  /** Caps applied across rules (payer commitment, cohort/period caps, contract maximum, investor return cap), in stacking order. */
  contractCapEffects: CapEffect[];
  lines: LineResult[];
  obligations: NewObligation[];
  /** How the investor return cap was computed, when it applies (distribution.surplus === 'payer'). */
  returnCap?: ReturnCapExplanation;
  totals: {
    /** Sum of all lines' rounded cumulative entitlements. */
    entitled: string;
    previouslyObligated: string;
    /** Sum of the new obligations; equals entitled - previouslyObligated. */
    newObligations: string;
  };
}
