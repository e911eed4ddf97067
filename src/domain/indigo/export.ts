import type { IndigoProjectInput } from './input.ts';
import { exportContext } from './sections/context.ts';
import { dates, jurisdiction, projectNotes, purposeAndClassifications, serviceAndBeneficiaries, stageDevelopment } from './sections/overview.ts';
import { investmentDetails, overallProjectFinance } from './sections/finance.ts';
import { organisations } from './sections/organisations.ts';
import { outcomeMetrics, outcomePricings } from './sections/outcomes.ts';
import { outcomePayments } from './sections/outcome-payments.ts';
import { intermediaryServices, investments, outcomePaymentCommitments, serviceProvisions } from './sections/parties.ts';
import { results } from './sections/results.ts';
import { sources } from './sections/sources.ts';
import { transactions } from './sections/transactions.ts';
import { INDIGO_STANDARD } from './standard.ts';
import type { IndigoExport, IndigoProject } from './types.ts';

export type { IndigoExport, IndigoOrganisation, IndigoProject } from './types.ts';
export type { IndigoProjectInput } from './input.ts';
export { organisationReference, ruleMetrics } from './sections/context.ts';
export { policySectors } from './sections/overview.ts';

/**
 * Outcome Ledger → INDIGO impact-bond data standard (Government Outcomes Lab), release 4.1.0: the
 * `project` record, one function per section of the standard (`sections/`), and the `organisation`
 * records of the organisations it names.
 *
 * PUBLICATION, NOT ACCOUNTING. Our amounts are exact decimal strings; the standard's money
 * `amount`s are JSON numbers, converted with Number() once per figure (totals are summed exactly
 * first). The exact figures stay in the Outcome Ledger API.
 *
 * Pure: no I/O and no clock. "Today" is `generatedAt`, read as a date in the contract's evaluation
 * time zone. Every leaf with a status and every record is "PUBLIC": we only export what the parties
 * registered for publication. Organisations are named by the identifier they declared (org-id.guide
 * form), else `XI-OUTCOMELEDGER-<our id>`; a party with no organisation is an error (the export
 * never invents one). Where the standard's codelists have no value for a term (a draft's stage,
 * grants and guarantees as investment types, a money-multiple return cap, policy area "other"), the
 * field is left out and the notes say what it is.
 */
export function toIndigoProject(input: IndigoProjectInput): IndigoProject {
  const x = exportContext(input);
  const stage = stageDevelopment(x);
  return {
    status: x.PUBLIC,
    name: { value: input.title },
    ...(stage && { stage_development: stage }),
    dates: dates(x),
    jurisdiction: jurisdiction(x),
    overall_project_finance: overallProjectFinance(x),
    investment_details: investmentDetails(x),
    purpose_and_classifications: purposeAndClassifications(x),
    service_and_beneficiaries: serviceAndBeneficiaries(x),
    notes: projectNotes(x),
    sources: sources(x),
    service_provisions: serviceProvisions(x),
    outcome_payment_commitments: outcomePaymentCommitments(x),
    investments: investments(x),
    intermediary_services: intermediaryServices(x),
    outcome_metrics: outcomeMetrics(x),
    outcome_pricings: outcomePricings(x),
    transactions: transactions(x),
    results: results(x),
    outcome_payments: outcomePayments(x),
  };
}

/** The project record and the organisation records it refers to, as `GET …/export/indigo` answers. */
export function toIndigoExport(input: IndigoProjectInput): IndigoExport {
  return {
    standard: { name: INDIGO_STANDARD.name, version: INDIGO_STANDARD.version },
    project: toIndigoProject(input),
    organisations: organisations(exportContext(input)),
  };
}
