import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import type { ContractDefinition } from '../../../src/domain/contract/definition.ts';
import { evaluate } from '../../../src/domain/engine/evaluate.ts';
import type { EngineInput, EngineResult, PriorObligation } from '../../../src/domain/engine/types.ts';
import type { AggregateResult, Drawdown, ParticipantClaim } from '../../../src/domain/measurement/types.ts';

/** Test definitions are plain objects validated like real ones, so every test runs on a legal contract. */

type Raw = Record<string, unknown>;

export const baseContract = (): Raw => ({
  reference: 'TEST/ENGINE/1',
  title: 'Engine test contract',
  policyArea: 'other',
  jurisdiction: 'GB',
  currency: 'GBP',
  term: { start: '2020-01-01', end: '2026-12-31' },
  parties: [
    { key: 'payer', name: 'Outcome payer', roles: ['outcome_payer'] },
    { key: 'investor', name: 'Investor', roles: ['investor'] },
    { key: 'provider', name: 'Service provider', roles: ['operator'] },
  ],
  payers: [{ party: 'payer', maximumCommitment: '100000000' }],
  investors: [{ party: 'investor', commitment: '1000000', seniority: 'senior' }],
  cohorts: [
    { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 12, recordingLagMonths: 6 },
  ],
  metrics: [],
  pricing: [],
  evaluation: { schedule: '0 6 1 * *', timeZone: 'Europe/London', paymentTermsDays: 30 },
});

export function define(overrides: Raw): ContractDefinition {
  const v = validateDefinition({ ...baseContract(), ...overrides });
  if (!v.ok) throw new Error(`test definition is invalid:\n${v.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n')}`);
  return v.definition;
}

export const participantMetric = (key: string, extra: Raw = {}): Raw => ({
  key, name: key, unit: 'outcome', direction: 'increase', level: 'participant', validationMethod: 'verified_evidence', ...extra,
});

export const aggregateMetric = (key: string, direction: 'increase' | 'decrease', extra: Raw = {}): Raw => ({
  key, name: key, unit: 'value', direction, level: 'aggregate', validationMethod: 'administrative_data', ...extra,
});

let seq = 0;
export function claim(participantRef: string, metric: string, achievedOn: string, extra: Partial<ParticipantClaim> = {}): ParticipantClaim {
  seq += 1;
  return { id: `c${String(seq).padStart(6, '0')}`, participantRef, metric, cohort: 'cohort_1', achievedOn, ...extra };
}

export function result(id: string, metric: string, measuredOn: string, values: Partial<AggregateResult>): AggregateResult {
  return { id, metric, measuredOn, treatmentValue: '0', ...values };
}

export interface RunOptions {
  asOf?: string;
  claims?: ParticipantClaim[];
  results?: AggregateResult[];
  prior?: PriorObligation[];
  drawdowns?: Drawdown[];
  detail?: EngineInput['participantDetail'];
}

export function run(definition: ContractDefinition, o: RunOptions = {}): EngineResult {
  return evaluate({
    definition, asOf: o.asOf ?? '2026-12-31', claims: o.claims ?? [], results: o.results ?? [], priorObligations: o.prior ?? [],
    drawdowns: o.drawdowns ?? [], ...(o.detail ? { participantDetail: o.detail } : {}),
  });
}

/** The obligations of one evaluation, as the prior obligations of the next. */
export const asPrior = (r: EngineResult, prefix = 'ob'): PriorObligation[] =>
  r.obligations.map((o, i) => ({ id: `${prefix}-${i + 1}`, lineKey: o.lineKey, amount: o.amount, dueOn: o.dueOn }));

export const line = (r: EngineResult, lineKey: string) => {
  const l = r.lines.find((x) => x.lineKey === lineKey);
  if (!l) throw new Error(`no line ${lineKey}; lines: ${r.lines.map((x) => x.lineKey).join(', ')}`);
  return l;
};

export const scopeOf = (r: EngineResult, ruleKey: string, scope: string) => {
  const s = r.rules.find((x) => x.ruleKey === ruleKey)?.scopes.find((x) => x.scope === scope);
  if (!s) throw new Error(`no scope ${ruleKey}/${scope}`);
  return s;
};
