import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ContractDefinition } from '../../../src/domain/contract/definition.ts';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import { scenarioData } from '../../../src/domain/engine/scenario.ts';
import type { EngineInput } from '../../../src/domain/engine/types.ts';
import type { AggregateResult, ParticipantClaim } from '../../../src/domain/measurement/types.ts';
import { aggregateMetric, asPrior, claim, define, expectItemsAddUp, kindsWithItems, participantMetric, result } from './helpers.ts';

/**
 * Statement items of every rule but the rate card (issue 14): Σ item.gross = scope.gross and
 * Σ item.net = scope.amount, exactly, on every example contract of contracts/ with its sample
 * data and on definitions exercising every rule kind (see expectItemsAddUp in helpers.ts).
 */

const contractsDir = join(import.meta.dirname, '..', '..', '..', 'contracts');
const dataDir = join(contractsDir, 'data');
const contractFiles = readdirSync(contractsDir).filter((f) => f.endsWith('.json')).sort();

function loadExample(file: string): { definition: ContractDefinition; claims: ParticipantClaim[]; results: AggregateResult[] } {
  const v = validateDefinition(JSON.parse(readFileSync(join(contractsDir, file), 'utf8')));
  if (!v.ok) throw new Error(`${file}: ${v.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
  const name = file.replace(/\.json$/, '');
  const rows = (suffix: string): Record<string, string>[] => {
    const path = join(dataDir, `${name}.${suffix}.csv`);
    return existsSync(path) ? parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) : [];
  };
  const opt = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);
  const claims = rows('claims').map((r, i): ParticipantClaim => ({
    id: `${name}-c${String(i).padStart(6, '0')}`, participantRef: r.participant_ref!, metric: r.outcome!, cohort: r.cohort!, achievedOn: r.achieved_on!,
  }));
  const results = rows('results').map((r, i): AggregateResult => ({
    id: `${name}-r${String(i).padStart(6, '0')}`, metric: r.metric!, measuredOn: r.measured_on!, treatmentValue: r.treatment_value!,
    ...(opt(r.cohort) ? { cohort: r.cohort } : {}), ...(opt(r.period) ? { period: r.period } : {}),
    ...(opt(r.comparison_value) ? { comparisonValue: r.comparison_value } : {}),
    ...(opt(r.treatment_sample_size) ? { treatmentSampleSize: Number(r.treatment_sample_size) } : {}),
    ...(opt(r.comparison_sample_size) ? { comparisonSampleSize: Number(r.comparison_sample_size) } : {}),
  }));
  return { definition: v.definition, claims, results };
}

const input = (definition: ContractDefinition, extra: Partial<EngineInput>): EngineInput => ({
  definition, asOf: '2026-12-31', claims: [], results: [], priorObligations: [], drawdowns: [], participantDetail: 'all', ...extra,
});

describe('statement items of the example contracts add up exactly', () => {
  it('covers every rule kind with items that an example uses', () => {
    const kinds = new Set(contractFiles.flatMap((f) => loadExample(f).definition.pricing.map((r) => r.kind)));
    expect([...kinds].filter((k) => kindsWithItems.includes(k)).sort()).toEqual(['counterfactual_threshold', 'volume_banded', 'weighted_composite']);
  });

  for (const file of contractFiles) {
    it(`${file}: midway, at the end, with the obligations fed back, and in every scenario`, () => {
      const { definition, claims, results } = loadExample(file);
      const end = [definition.term.end, ...results.map((r) => r.measuredOn), ...claims.map((c) => c.achievedOn)].sort().at(-1)!;
      const midway = new Date((Date.parse(definition.term.start) + Date.parse(end)) / 2).toISOString().slice(0, 10);
      const first = expectItemsAddUp(input(definition, { asOf: midway, claims, results }));
      const second = expectItemsAddUp(input(definition, { asOf: end, claims, results, priorObligations: asPrior(first, 'one') }));
      const mine = second.rules.filter((r) => kindsWithItems.includes(r.kind as never));
      for (const r of mine) for (const s of r.scopes) expect(s.items, `${r.ruleKey}/${s.scope}`).toBeDefined();
      expectItemsAddUp(input(definition, { asOf: end, claims, results, participantDetail: 'none' }));
      for (const scenario of definition.scenarios) expectItemsAddUp(input(definition, { asOf: end, ...scenarioData(definition, scenario.key, end) }));
    });
  }
});

describe('statement items of every rule kind add up exactly', () => {
  const cohorts = [
    { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
    { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
  ];
  const periods = [
    { key: 'year_1', name: 'Year 1', start: '2020-01-01', end: '2020-12-31' },
    { key: 'year_2', name: 'Year 2', start: '2021-01-01', end: '2021-12-31' },
  ];
  const definition = define({
    cohorts, periods,
    indexation: { kind: 'annual_rate', rate: '0.0317', baseDate: '2020-03-01' },
    metrics: [
      participantMetric('job'),
      aggregateMetric('reconvictions', 'decrease', { scale: '100' }),
      aggregateMetric('rate', 'increase'),
      aggregateMetric('savings', 'increase', { unit: 'GBP', results: 'accumulate' }),
      aggregateMetric('score', 'increase', { results: 'accumulate' }),
      aggregateMetric('enrolment', 'increase'),
      aggregateMetric('learning', 'increase'),
    ],
    pricing: [
      { key: 'volume', kind: 'volume_banded', metric: 'job', bands: [{ upTo: 2, price: '0' }, { upTo: 5, price: '333.33', maxAmount: '700' }, { price: '123.457' }] },
      { key: 'cf', kind: 'counterfactual_threshold', metric: 'reconvictions', cohorts: ['cohort_1', 'cohort_2'], cohortThreshold: '0.1', pricePerUnit: '777.77', pooled: { threshold: '0.03' } },
      { key: 'tiers', kind: 'tiered', metric: 'score', scope: 'period', measure: 'value', tiers: [{ atLeast: '1', amount: '1000.01' }, { atLeast: '2', amount: '3000.03' }] },
      { key: 'lin', kind: 'linear', metric: 'rate', scope: 'cohort', measure: 'relative_improvement', floor: '0.01', pricePerUnit: '1234.5', unitSize: '0.03' },
      { key: 'lin_acc', kind: 'linear', metric: 'score', scope: 'period', measure: 'value', floor: '0.5', pricePerUnit: '99.99', unitSize: '0.07', paysFrom: 'zero' },
      { key: 'save', kind: 'savings_share', metric: 'savings', scope: 'cohort', initialShare: '0.37', subsequentShare: '0.11', threshold: { principalPlusInterest: { annualRate: '0.0713' } } },
      { key: 'save_fixed', kind: 'savings_share', metric: 'savings', scope: 'cohort', initialShare: '0.3', subsequentShare: '0.1', threshold: { amount: '333333.33' } },
      {
        key: 'comp', kind: 'weighted_composite', scope: 'cohort', paymentAtFullAchievement: '300000',
        components: [{ metric: 'enrolment', weight: '0.2', target: '662' }, { metric: 'learning', weight: '0.8', target: '5592', maxAchievement: '1.5' }],
      },
    ],
  });
  const claims = [1, 2, 3, 4, 5, 6, 7].map((i) => claim(`p${i}`, 'job', `2021-0${i}-15`, { cohort: i % 2 ? 'cohort_1' : 'cohort_2' }));
  const results = [
    result('rc1', 'reconvictions', '2021-06-30', { cohort: 'cohort_1', treatmentValue: '135', comparisonValue: '155', treatmentSampleSize: 997 }),
    result('rc2', 'reconvictions', '2022-06-30', { cohort: 'cohort_2', treatmentValue: '141.3', comparisonValue: '150.1', treatmentSampleSize: 1013 }),
    result('ra1', 'rate', '2021-06-30', { cohort: 'cohort_1', treatmentValue: '0.613', comparisonValue: '0.55' }),
    result('ra2', 'rate', '2022-06-30', { cohort: 'cohort_2', treatmentValue: '0.7', comparisonValue: '0.61' }),
    result('sv1', 'savings', '2021-03-01', { cohort: 'cohort_1', treatmentValue: '1234567.89' }),
    result('sv2', 'savings', '2022-03-01', { cohort: 'cohort_1', treatmentValue: '2345678.91' }),
    result('sv3', 'savings', '2022-09-01', { cohort: 'cohort_2', treatmentValue: '987654.32' }),
    result('sc1', 'score', '2020-06-30', { period: 'year_1', treatmentValue: '1.7' }),
    result('sc2', 'score', '2020-12-31', { period: 'year_1', treatmentValue: '2.3' }),
    result('sc3', 'score', '2021-12-31', { period: 'year_2', treatmentValue: '0.3' }),
    result('en', 'enrolment', '2021-06-01', { cohort: 'cohort_1', treatmentValue: '768' }),
    result('le', 'learning', '2021-06-01', { cohort: 'cohort_1', treatmentValue: '8940' }),
  ];

  it('in one evaluation, and in a sequence of evaluations (interest to each due date)', () => {
    const r = expectItemsAddUp(input(definition, { claims, results }));
    expect(r.rules.map((rule) => [rule.ruleKey, rule.scopes.map((s) => s.items!.length)])).toEqual([
      ['volume', [3, 3]], ['cf', [1, 0, 2]], ['tiers', [2, 0]], ['lin', [1, 1]], ['lin_acc', [2, 0]], ['save', [2, 2]], ['save_fixed', [3, 1]], ['comp', [2]],
    ]);
    const e1 = expectItemsAddUp(input(definition, { asOf: '2021-06-30', claims, results }));
    const e2 = expectItemsAddUp(input(definition, { asOf: '2022-03-31', claims, results, priorObligations: asPrior(e1, 'e1') }));
    expectItemsAddUp(input(definition, { claims, results, priorObligations: [...asPrior(e1, 'e1'), ...asPrior(e2, 'e2')] }));
  });
});
