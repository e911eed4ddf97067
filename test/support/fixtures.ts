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
