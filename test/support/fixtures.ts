import type { ContractDefinitionInput } from '../../src/domain/contract/definition.ts';

/** A small, valid rate-card contract used across API tests. Party keys: payer, investor, operator, evaluator. */
export function rateCardDefinition(overrides: Partial<ContractDefinitionInput> = {}): ContractDefinitionInput {
  return {
    reference: 'TEST-RATE-CARD-1',
    title: 'Test employment rate card',
    policyArea: 'employment_and_training',
    jurisdiction: 'GB',
    currency: 'GBP',
    term: { start: '2024-01-01', end: '2026-12-31' },
    parties: [
      { key: 'payer', name: 'Test Department', roles: ['outcome_payer'] },
      { key: 'investor', name: 'Test Foundation', roles: ['investor'] },
      { key: 'operator', name: 'Test Charity', roles: ['operator'] },
      { key: 'evaluator', name: 'Test Evaluators', roles: ['evaluator'] },
    ],
    payers: [{ party: 'payer', maximumCommitment: '100000.00' }],
    investors: [{ party: 'investor', commitment: '50000.00', seniority: 'senior', returnCap: { kind: 'irr', annualRate: '0.10' } }],
    cohorts: [
      { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2024-01-01', end: '2024-12-31' }, followUpMonths: 12, recordingLagMonths: 3 },
    ],
    metrics: [
      { key: 'job_entry', name: 'Entry to employment', unit: 'outcome', direction: 'increase', level: 'participant', validationMethod: 'verified_evidence', evidenceRequired: ['payslip'] },
      { key: 'job_sustained', name: 'Employment sustained 26 weeks', unit: 'outcome', direction: 'increase', level: 'participant', validationMethod: 'verified_evidence' },
    ],
    pricing: [
      {
        key: 'rate_card',
        kind: 'rate_card',
        outcomes: [
          { metric: 'job_entry', price: '2600.00' },
          { metric: 'job_sustained', price: '1000.00', requires: ['job_entry'] },
        ],
        participantCap: '3000.00',
      },
    ],
    evaluation: { schedule: '0 6 1 * *', timeZone: 'Europe/London', paymentTermsDays: 30 },
    ...overrides,
  };
}

/** A tiered contract measured per cohort, for aggregate results. */
export function aggregateDefinition(overrides: Partial<ContractDefinitionInput> = {}): ContractDefinitionInput {
  const base = rateCardDefinition();
  return {
    ...base,
    reference: 'TEST-AGGREGATE-1',
    title: 'Test reoffending contract',
    policyArea: 'criminal_justice',
    cohorts: [
      { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2024-01-01', end: '2024-06-30' }, followUpMonths: 12, recordingLagMonths: 6 },
      { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2024-07-01', end: '2024-12-31' }, followUpMonths: 12, recordingLagMonths: 6 },
    ],
    metrics: [
      { key: 'reconvictions', name: 'Reconviction events per 100', unit: 'events per 100', direction: 'decrease', level: 'aggregate', validationMethod: 'quasi_experimental', scale: '100' },
      { key: 'job_entry', name: 'Entry to employment', unit: 'outcome', direction: 'increase', level: 'participant', validationMethod: 'verified_evidence' },
    ],
    pricing: [
      { key: 'reoffending', kind: 'counterfactual_threshold', metric: 'reconvictions', cohorts: ['cohort_1', 'cohort_2'], cohortThreshold: '0.10', pricePerUnit: '1000.00', pooled: { threshold: '0.075' } },
    ],
    ...overrides,
  };
}
