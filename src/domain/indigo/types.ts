/**
 * The part of the INDIGO `project` record (impact-bond data standard, release 4.1.0, vendored in
 * `standard/`) that Outcome Ledger produces, and the organisation records published with it. Field
 * names, nesting and codelists follow the standard (`standard.ts` validates against its schemas).
 * Optional fields are left out when we have nothing true to say.
 *
 * Conventions of the standard: leaves are `{ value }` objects, some with a `status`
 * (PUBLIC | PRIVATE | DISPUTED); money amounts are JSON numbers.
 */

export type IndigoStatus = 'PUBLIC' | 'PRIVATE' | 'DISPUTED';

export interface V<T> {
  value: T;
}
export interface VS<T> {
  value: T;
  status: IndigoStatus;
}

export const stageDevelopmentValues = ['Contracted', 'Implementation', 'Service delivery complete', 'Complete'] as const;
export type StageDevelopment = (typeof stageDevelopmentValues)[number];

export const policySectorValues = [
  'Employment and training', 'Child and family welfare', 'Health', 'Homelessness', 'Education', 'Criminal justice',
  'Agriculture and environment', 'Poverty reduction',
] as const;
export type PolicySector = (typeof policySectorValues)[number];

export const resultTypeValues = ['Interim', 'Final'] as const;
export type ResultType = (typeof resultTypeValues)[number];

export const resultLevelValues = ['Project level', 'Outcome level'] as const;

export const outcomePaymentTypeValues = ['Planned', 'Actual'] as const;
export type OutcomePaymentType = (typeof outcomePaymentTypeValues)[number];

export const transactionTypeValues = [
  'Debt', 'Grant', 'Equity', 'Debt and Equity', 'Interest Payment', 'Capital Repayment', 'Capital Repayment and Interest',
  'Outcome Payment', 'Other',
] as const;
export type TransactionType = (typeof transactionTypeValues)[number];

export const investmentTypeValues = ['Debt', 'Equity', 'Combination'] as const;
export type InvestmentType = (typeof investmentTypeValues)[number];

export const maximumPotentialReturnTypeValues = ['IRR', 'Average annual return'] as const;
export type MaximumPotentialReturnType = (typeof maximumPotentialReturnTypeValues)[number];

export const investorRepaymentValues = [
  'No repayment (no principle or return)', 'Some repayment (but below value of principle)',
  'Principal repaid (but no net return)', 'Principal + positive financial returns', 'Not publicly available',
] as const;
export type InvestorRepayment = (typeof investorRepaymentValues)[number];

export const unitTypeValues = ['Individual', 'Other'] as const;

export const intermediaryRoleValues = [
  'Impact bond design', 'Financial and commercial modelling', 'Impact bond investment structure', 'Capital raise',
  'Loan arranger', 'Performance management', 'Legal counsel', 'Technical assistance', 'Other',
] as const;

export interface MoneyVS {
  currency: VS<string>;
  amount: VS<number>;
}

export interface IndigoDates {
  outcomes_contract_signed?: VS<string>;
  contracts_between_all_parties_signed?: VS<string>;
  anticipated_completion_date: VS<string>;
  actual_completion_date?: VS<string>;
  start_date_of_service_provision: VS<string>;
  anticipated_end_date_of_service_provision: VS<string>;
  actual_end_date_of_service_provision?: VS<string>;
  notes: string;
}

export const sourceTypeValues = [
  'Contract', 'Report', 'Award Notice', 'Website', 'News piece', 'Press release', 'Email correspondence', 'Evaluation report',
] as const;

export interface IndigoSource {
  id: string;
  name: V<string>;
  type: V<(typeof sourceTypeValues)[number]>;
  url?: V<string>;
  accessed_date?: V<string>;
  notes?: string;
  status: IndigoStatus;
}

export interface IndigoServiceProvision {
  id: string;
  organisation_id: V<string>;
  intervention: V<string>;
  planned_service: { start_date: V<string>; end_date: V<string> };
  actual_service?: { start_date?: V<string>; end_date?: V<string> };
  alterations?: { description: V<string>; reason?: V<string> };
  notes: string;
  status: IndigoStatus;
}

export interface IndigoOutcomePaymentCommitment {
  organisation_id: V<string>;
  maximum_potential_outcome_payment: { currency: VS<string>; amount: V<number> };
  period: { start_date: V<string>; end_date: V<string> };
  total_outcome_payments: { currency: VS<string>; amount: V<number> };
  alterations?: { description: VS<string>; reason?: VS<string> };
  notes: string;
  status: IndigoStatus;
}

export interface IndigoInvestment {
  id: string;
  organisation_id: V<string>;
  investment_commitment: { currency: V<string>; amount: { exact: V<number> } };
  maximum_potential_return_type?: V<MaximumPotentialReturnType>;
  maximum_potential_return?: V<number>;
  investor_repayment?: V<InvestorRepayment>;
  investment_type?: V<InvestmentType>;
  notes: string;
  status: IndigoStatus;
}

export interface IndigoIntermediaryService {
  organisation_id: V<string>;
  organisation_role_category: V<(typeof intermediaryRoleValues)[number]>;
  other_role_description: V<string>;
  notes: string;
  status: IndigoStatus;
}

export interface IndigoOutcomeMetric {
  id: string;
  definition: V<string>;
  target_population?: V<string>;
  outcome_metric_target?: V<string>;
  outcome_validation_method: V<string>;
  data_source_for_outcome_validation: V<string>;
  policy_sector?: V<string>;
  notes: string;
  status: IndigoStatus;
}

export interface IndigoOutcomePricing {
  outcome_metric_id: V<string>;
  currency: V<string>;
  price_per_unit?: { amount: V<number> };
  maximum_price_if_all_targets_achieved?: { amount: V<string> };
  contracted_increases_to_outcome_pricing: V<string>;
  price_description: V<string>;
  notes: string;
  status: IndigoStatus;
}

export interface IndigoMoney {
  currency: V<string>;
  amount: V<number>;
}

export interface IndigoTransaction {
  investment_id?: V<string>;
  outcome_metric_id?: V<string>;
  date: V<string>;
  sending_organisation_id: V<string>;
  receiving_organisation_id?: V<string>;
  transaction_type: V<TransactionType>;
  money: IndigoMoney;
  source_ids: string;
  notes: string;
  status: IndigoStatus;
}

export interface IndigoResult {
  outcome_metric_id?: V<string>;
  result_level: V<(typeof resultLevelValues)[number]>;
  result_type: V<ResultType>;
  period: { start_date: V<string>; end_date: V<string> };
  outcomes_achieved: V<string>;
  number_engaged_in_impact_bond?: V<number>;
  number_with_positive_social_outcomes?: V<number>;
  outcomes_validator_organisation_ids?: V<string>;
  source_ids: string;
  notes: string;
  status: IndigoStatus;
}

export interface IndigoOutcomePayment {
  outcome_metric_id?: V<string>;
  period: { start_date: V<string>; end_date: V<string> };
  payer_organisation_id: V<string>;
  recipient_organisation_id: V<string>;
  type: V<OutcomePaymentType>;
  money: IndigoMoney;
  status: IndigoStatus;
  source_ids: string;
  notes: string;
}

export interface IndigoProject {
  status: IndigoStatus;
  name: V<string>;
  /** Left out for a draft: the standard's stages start at "Contracted". */
  stage_development?: { value: StageDevelopment; status: IndigoStatus } | undefined;
  dates: IndigoDates;
  jurisdiction: { jurisdiction: VS<string>; notes?: string };
  overall_project_finance: {
    total_investment_commitment: { currency: VS<string>; amount: { exact: VS<number> } };
    maximum_potential_outcome_payment_v2: MoneyVS;
    maximum_potential_return_type?: VS<string>;
    maximum_potential_return?: VS<string>;
    configuration_contracting_parties?: VS<string>;
    investor_repayment?: VS<string>;
    total_outcome_payments_made: MoneyVS;
    notes: string;
  };
  investment_details: {
    total_funds_invested: { latest: MoneyVS & { date: VS<string> } };
    notes: string;
  };
  purpose_and_classifications: {
    intervention: VS<string>;
    policy_sector?: V<PolicySector>;
    notes?: string;
  };
  service_and_beneficiaries: {
    target_population: VS<string>;
    targeted_number_service_users_or_beneficiaries_total?: VS<number>;
    unit_type_targeted_service_users_or_beneficiaries?: { value: (typeof unitTypeValues)[number]; status: IndigoStatus };
    notes?: string;
  };
  notes: { value: string; status: IndigoStatus };
  sources: IndigoSource[];
  service_provisions: IndigoServiceProvision[];
  outcome_payment_commitments: IndigoOutcomePaymentCommitment[];
  investments: IndigoInvestment[];
  intermediary_services: IndigoIntermediaryService[];
  outcome_metrics: IndigoOutcomeMetric[];
  outcome_pricings: IndigoOutcomePricing[];
  transactions: IndigoTransaction[];
  results: IndigoResult[];
  outcome_payments: IndigoOutcomePayment[];
}

export const organisationTypeValues = [
  'Registered company, partnership or commercial association', 'Registered non-profit organisation, charity or foundation',
  'Government body', 'Multilateral, bilateral or intergovernmental body', 'Arrangement', 'Crowdfunding', 'Unregistered organisation',
  'Individual', 'Collective',
] as const;

/** An INDIGO `organisation` record (the standard's organisation.json), the part we produce. */
export interface IndigoOrganisation {
  status: IndigoStatus;
  name: V<string>;
  description?: V<string>;
  jurisdiction?: V<string>;
  type?: V<(typeof organisationTypeValues)[number]>;
  'org-ids'?: { primary: V<string> };
}

/** What `GET …/export/indigo` answers: the project record and the records of the organisations it names. */
export interface IndigoExport {
  standard: { name: string; version: string };
  project: IndigoProject;
  /** `id` is the reference the project uses for the organisation (its organisation_id values); the standard's organisation record has no id field of its own. */
  organisations: { id: string; data: IndigoOrganisation }[];
}
