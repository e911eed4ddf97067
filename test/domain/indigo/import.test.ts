import { describe, expect, it } from 'vitest';
import { CANNOT_CARRY, fromIndigoProject } from '../../../src/domain/indigo/import.ts';
import { validateIndigoOrganisation, validateIndigoProject } from '../../../src/domain/indigo/standard.ts';

/** A hand-written record using optional fields of the standard (as a GO Lab analyst would publish one). */
const record = {
  status: 'PUBLIC',
  name: { value: 'Ville de Paris — insertion professionnelle' },
  stage_development: { value: 'Implementation', status: 'PUBLIC' },
  dates: {
    outcomes_contract_signed: { value: '2019-03-01', status: 'PUBLIC' },
    anticipated_completion_date: { value: '2023-12-31', status: 'PUBLIC' },
    start_date_of_service_provision: { value: '2019-04-01', status: 'PUBLIC' },
    anticipated_duration_of_service_provision: { value: 36, status: 'PUBLIC' },
  },
  jurisdiction: { jurisdiction: { value: 'FR', status: 'PUBLIC' } },
  purpose_and_classifications: { policy_sector: { value: 'Employment and training' } },
  overall_project_finance: { maximum_potential_outcome_payment_v2: { currency: { value: 'EUR', status: 'PUBLIC' }, amount: { value: 1500000, status: 'PUBLIC' } } },
  sources: [{ id: 'source1', name: { value: 'Award notice' }, type: { value: 'Award Notice' }, url: { value: 'https://example.org/avis' } }],
  outcome_payment_commitments: [{ organisation_id: { value: 'FR-SIREN-217500016' }, maximum_potential_outcome_payment: { currency: { value: 'EUR', status: 'PUBLIC' }, amount: { value: 1000000 } } }],
  investments: [
    { id: 'investment1', organisation_id: { value: 'FR-SIREN-552120222' }, investment_commitment: { currency: { value: 'EUR' }, amount: { exact: { value: 800000 } } }, maximum_potential_return_type: { value: 'IRR' }, maximum_potential_return: { value: 5 }, investment_type: { value: 'Debt' } },
  ],
  service_provisions: [{ id: 'serviceprovision1', organisation_id: { value: 'FR-RNA-W751234567' } }],
  outcome_metrics: [
    { id: 'outcomemetric1', definition: { value: 'Emploi durable: CDI ou CDD de 6 mois et plus' }, outcome_validation_method: { value: 'Simple ex-post verification' }, source_ids: 'source1' },
    { id: 'outcomemetric2', definition: { value: 'Formation qualifiante' } },
  ],
  outcome_pricings: [
    { outcome_metric_id: { value: 'outcomemetric1' }, currency: { value: 'EUR' }, price_per_unit: { amount: { value: 3500 } }, maximum_price_if_all_targets_achieved: { amount: { value: '700000' } } },
    { outcome_metric_id: { value: 'outcomemetric2' }, currency: { value: 'EUR' }, price_description: { value: 'Forfait par formation' } },
  ],
};
const organisations = [
  { id: 'FR-SIREN-217500016', data: { name: { value: 'Ville de Paris' }, type: { value: 'Government body' }, 'org-ids': { primary: { value: 'FR-SIREN-217500016' } } } },
  { id: 'FR-SIREN-552120222', data: { name: { value: 'Banque Exemple' } } },
];

describe('INDIGO import of a hand-written record', () => {
  it('is a valid record of the standard', () => {
    expect(validateIndigoProject(record)).toEqual([]);
    for (const o of organisations) expect(validateIndigoOrganisation(o.data)).toEqual([]);
  });

  it('maps what the record has and lists exactly what it lacks', () => {
    const { definition, parties, missing } = fromIndigoProject(record, organisations);
    expect(definition).toMatchObject({
      title: 'Ville de Paris — insertion professionnelle', policyArea: 'employment_and_training', jurisdiction: 'FR', currency: 'EUR',
      term: { start: '2019-04-01', end: '2023-12-31' },
      payers: [{ party: 'ville_de_paris', maximumCommitment: '1000000.00' }],
      maximumOutcomePayment: '1500000.00',
      investors: [{ party: 'banque_exemple', commitment: '800000.00', returnCap: { kind: 'irr', annualRate: '0.05' } }],
      metrics: [
        { key: 'emploi_durable', name: 'Emploi durable', description: 'CDI ou CDD de 6 mois et plus', validationMethod: 'administrative_data' },
        { key: 'formation_qualifiante', name: 'Formation qualifiante' },
      ],
      pricing: [{ key: 'rate_card', kind: 'rate_card', outcomes: [{ metric: 'emploi_durable', price: '3500.00', cap: '700000.00' }] }],
      source: { urls: ['https://example.org/avis'] },
    });
    expect(parties).toEqual([
      { key: 'ville_de_paris', name: 'Ville de Paris', roles: ['outcome_payer'], organisationReference: 'FR-SIREN-217500016' },
      { key: 'banque_exemple', name: 'Banque Exemple', roles: ['investor'], organisationReference: 'FR-SIREN-552120222' },
      { key: 'fr_rna_w751234567', name: 'FR-RNA-W751234567', roles: ['operator'], organisationReference: 'FR-RNA-W751234567' },
    ]);
    expect(missing).toEqual([
      { path: 'parties.fr_rna_w751234567', why: 'no organisation record names "FR-RNA-W751234567"' },
      ...CANNOT_CARRY,
    ]);
  });

  it('lists what a bare record lacks', () => {
    const { missing } = fromIndigoProject({ name: { value: 'Bare' } });
    expect(missing.slice(0, 7).map((m) => m.path)).toEqual(['policyArea', 'jurisdiction', 'currency', 'term', 'parties', 'parties', 'metrics']);
  });
});
