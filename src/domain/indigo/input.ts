import type { ContractDefinition } from '../contract/definition.ts';

/**
 * Everything the INDIGO export (`export.ts`) needs about one contract, gathered by the caller from
 * the ledger. Pure data: the export reads nothing else (no database, no clock, no files).
 *
 * Amounts are decimal strings in the contract currency, exactly as stored. Dates are `YYYY-MM-DD`;
 * `activatedAt` and `generatedAt` are ISO 8601 instants. Party keys are the keys of
 * `definition.parties`; every party key referenced anywhere below must appear in `parties`.
 */

/** A party of the contract bound to one of our organisations. */
export interface IndigoPartyInput {
  partyKey: string;
  /** Our organisation id (the fallback reference, `XI-OUTCOMELEDGER-<id>`, when it declares no identifier). */
  organisationId: string;
  /** The identifier the organisation declared (org-id.guide form, e.g. `GB-COH-09506232`), if any: published as its reference. */
  identifier?: string | null | undefined;
  /** Our kind of organisation (public_authority, investor, operator…), if known. */
  organisationKind?: string | undefined;
  organisationName: string;
  roles: string[];
}

/** A recorded amendment (variation) of the terms. */
export interface IndigoAmendmentInput {
  number: number;
  description: string | null;
  reason: string | null;
  /** When the amended terms took effect (all required approvals); null while still proposed. */
  inForceAt: string | null;
}

/** A payment obligation created by an evaluation: what a payer owes for one rule and scope. */
export interface IndigoObligationInput {
  id: string;
  ruleKey: string;
  /** Cohort or period key, or 'all' for rules not split by scope. */
  scope: string;
  payerParty: string;
  recipientParty: string;
  /** Signed decimal string (an adjustment can be negative). */
  amount: string;
  currency: string;
  dueOn: string;
  createdAt: string;
}

/** Money actually paid by a payer against an obligation. */
export interface IndigoSettlementInput {
  id: string;
  obligationId: string;
  payerParty: string;
  recipientParty: string;
  amount: string;
  settledOn: string;
  reference: string | null;
}

/** Capital paid in by an investor. */
export interface IndigoDrawdownInput {
  id: string;
  investorParty: string;
  tranche: string | null;
  drawnOn: string;
  amount: string;
}

/** How one settlement was shared out (capital stack): to investors, back to the payer (surplus) or to the operator (bonus). */
export interface IndigoDistributionInput {
  id: string;
  settlementId: string;
  recipientParty: string;
  role: 'investor' | 'outcome_payer' | 'operator';
  amount: string;
  date: string;
}

/** A validated, non-superseded aggregate result (one cohort or period of an aggregate metric). */
export interface IndigoResultInput {
  id: string;
  metric: string;
  cohort: string | null;
  period: string | null;
  measuredOn: string;
  treatmentValue: string;
  comparisonValue: string | null;
  treatmentSampleSize: number | null;
  /**
   * Rejected by the evaluator, and the operator disputes the rejection (an open dispute): exported
   * with the standard's DISPUTED status. Absent or false: validated (PUBLIC).
   */
  disputed?: boolean | undefined;
}

/** Validated participant-level outcomes of one metric in one cohort. */
export interface IndigoClaimSummaryInput {
  metric: string;
  cohort: string;
  /** Number of validated claims (outcomes achieved). */
  validated: number;
  /** Number of distinct participants with at least one validated claim of this metric. */
  participants: number;
}

export interface IndigoProjectInput {
  /** Our contract id. */
  projectId: string;
  reference: string;
  title: string;
  status: 'draft' | 'active' | 'terminated';
  /** The terms in force (the latest version in force; the registered version while draft). */
  definition: ContractDefinition;
  parties: IndigoPartyInput[];
  /** When every required party had approved (the contract took effect); null while draft. */
  activatedAt: string | null;
  /**
   * When the last required party approved the first version that came into force (the signature
   * of the outcomes contract, as the ledger records it); null while draft.
   */
  signedAt?: string | null | undefined;
  terminatedOn: string | null;
  terminationReason: string | null;
  amendments: IndigoAmendmentInput[];
  obligations: IndigoObligationInput[];
  settlements: IndigoSettlementInput[];
  drawdowns: IndigoDrawdownInput[];
  distributions: IndigoDistributionInput[];
  results: IndigoResultInput[];
  claimSummary: IndigoClaimSummaryInput[];
  /** The instant the export is made (an input: the export never reads the clock). */
  generatedAt: string;
}
