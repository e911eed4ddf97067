import type { ContractDefinition } from '../../contract/definition.ts';
import { minDate } from '../../time/dates.ts';
import type { IndigoDates, IndigoProject, PolicySector, StageDevelopment } from '../types.ts';
import type { ExportContext } from './context.ts';

/** Our policy areas → the standard's policy_sector codelist ("other" has no equivalent). */
export const policySectors: Record<ContractDefinition['policyArea'], PolicySector | undefined> = {
  criminal_justice: 'Criminal justice',
  employment_and_training: 'Employment and training',
  homelessness: 'Homelessness',
  education: 'Education',
  child_and_family_welfare: 'Child and family welfare',
  health: 'Health',
  agriculture_and_environment: 'Agriculture and environment',
  poverty_reduction: 'Poverty reduction',
  other: undefined,
};

/**
 * stage_development. The standard's codelist starts at "Contracted": a draft (terms not yet approved
 * by every party) has no stage in it, so the field is left out and the notes say so. Active:
 * "Contracted" before service provision starts, "Implementation" while it runs, "Service delivery
 * complete" after its planned end; terminated (closed) → "Complete".
 */
export function stageDevelopment(x: ExportContext): IndigoProject['stage_development'] {
  if (x.input.status === 'draft') return undefined;
  let stage: StageDevelopment;
  if (x.terminated) stage = 'Complete';
  else if (x.asOf < x.serviceStart) stage = 'Contracted';
  else if (x.asOf > x.serviceEnd) stage = 'Service delivery complete';
  else stage = 'Implementation';
  return { value: stage, status: x.PUBLIC };
}

/**
 * dates. Signed (both outcomes_contract_signed and contracts_between_all_parties_signed: one
 * tripartite approval covers them): the date the last required party approved the first version
 * that came into force, in the contract's time zone. Service provision: first cohort enrolment or
 * period start to the last end (our nearest recorded proxy for delivery).
 */
export function dates(x: ExportContext): IndigoDates {
  const { d, PUBLIC, terminatedOn, input } = x;
  const signedOn = input.signedAt ? x.localDate(input.signedAt) : null;
  return {
    ...(signedOn && {
      outcomes_contract_signed: { value: signedOn, status: PUBLIC },
      contracts_between_all_parties_signed: { value: signedOn, status: PUBLIC },
    }),
    anticipated_completion_date: { value: d.term.end, status: PUBLIC },
    ...(terminatedOn && { actual_completion_date: { value: terminatedOn, status: PUBLIC } }),
    start_date_of_service_provision: { value: x.serviceStart, status: PUBLIC },
    anticipated_end_date_of_service_provision: { value: x.serviceEnd, status: PUBLIC },
    ...(terminatedOn && { actual_end_date_of_service_provision: { value: minDate(terminatedOn, x.serviceEnd), status: PUBLIC } }),
    notes:
      `Contract term ${d.term.start} to ${d.term.end}. Signature dates: the date the last required party (outcome payers, ` +
      `investors, operator) approved the first version of the terms in Outcome Ledger. Service provision dates run from the ` +
      `first cohort enrolment (or period) start to the last cohort enrolment (or period) end.` +
      (terminatedOn ? ` The contract was closed on ${terminatedOn}${input.terminationReason ? `: ${input.terminationReason}` : ''}.` : ''),
  };
}

/** jurisdiction: the country of our ISO 3166 code; a subdivision (ISO 3166-2) goes in the notes. */
export function jurisdiction(x: ExportContext): IndigoProject['jurisdiction'] {
  const code = x.d.jurisdiction;
  const subdivision = code.length > 2 ? code : undefined;
  return {
    jurisdiction: { value: code.slice(0, 2), status: x.PUBLIC },
    ...(subdivision && { notes: `ISO 3166-2 subdivision ${subdivision}.` }),
  };
}

export function purposeAndClassifications(x: ExportContext): IndigoProject['purpose_and_classifications'] {
  const sector = policySectors[x.d.policyArea];
  return {
    intervention: { value: x.d.title, status: x.PUBLIC },
    ...(sector && { policy_sector: { value: sector } }),
    ...(!sector && { notes: `Policy area "${x.d.policyArea}" has no equivalent in the standard's policy sector codelist.` }),
  };
}

export function serviceAndBeneficiaries(x: ExportContext): IndigoProject['service_and_beneficiaries'] {
  const { d, PUBLIC } = x;
  const expected = d.cohorts.every((c) => c.expectedParticipants !== undefined)
    ? d.cohorts.reduce((n, c) => n + c.expectedParticipants!, 0)
    : undefined;
  return {
    target_population: { value: d.cohorts.map((c) => c.name).join('; '), status: PUBLIC },
    ...(expected !== undefined && {
      targeted_number_service_users_or_beneficiaries_total: { value: expected, status: PUBLIC },
      unit_type_targeted_service_users_or_beneficiaries: { value: 'Individual' as const, status: PUBLIC },
      notes: 'Targeted number: the sum of the cohorts\' expected participants.',
    }),
  };
}

export function projectNotes(x: ExportContext): IndigoProject['notes'] {
  const { d, input } = x;
  const lines = [
    `Exported from Outcome Ledger: contract ${input.projectId}, reference ${input.reference}, status ${input.status}, generated ${input.generatedAt}.`,
    ...(input.status === 'draft' ? ['Draft: the terms are not yet approved by every party; the standard\'s stage of development starts at "Contracted", so it is left out.'] : []),
    'Organisation ids are the identifiers the organisations declared (org-id.guide form); an organisation that declared none is named XI-OUTCOMELEDGER-<its Outcome Ledger id>, a local identifier.',
    'Money amounts are published as JSON numbers converted from exact decimal figures; the exact figures are available from the Outcome Ledger API.',
    ...(d.source?.notes ? [`Source notes: ${d.source.notes}`] : []),
    ...(d.assumptions.length > 0 ? [`Assumptions (terms that are assumed or illustrative rather than taken from the signed contract): ${d.assumptions.map((a, i) => `(${i + 1}) ${a}`).join(' ')}`] : []),
  ];
  return { value: lines.join('\n'), status: x.PUBLIC };
}
