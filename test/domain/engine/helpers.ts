import { expect } from 'vitest';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import type { ContractDefinition, PricingRule } from '../../../src/domain/contract/definition.ts';
import { buildContext, type EngineContext, type RuleOutcome } from '../../../src/domain/engine/context.ts';
import { evaluate } from '../../../src/domain/engine/evaluate.ts';
import { evaluateCounterfactual } from '../../../src/domain/engine/rules/counterfactual-threshold.ts';
import { evaluateLinear } from '../../../src/domain/engine/rules/linear.ts';
import { evaluateSavingsShare } from '../../../src/domain/engine/rules/savings-share.ts';
import { evaluateTiered } from '../../../src/domain/engine/rules/tiered.ts';
import { evaluateVolumeBanded } from '../../../src/domain/engine/rules/volume-banded.ts';
import { evaluateWeightedComposite } from '../../../src/domain/engine/rules/weighted-composite.ts';
import { Dec } from '../../../src/domain/money/money.ts';
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

// ---- statement items (issue 14): every scope of the rules other than the rate card adds up exactly

const X = Dec.clone({ precision: 1000 });
const exactSum = (values: Iterable<string | Dec>) => {
  let t = new X(0);
  for (const v of values) t = t.plus(v);
  return t;
};

/** The rule kinds whose statement items are checked here (the rate card's are its own). */
export const kindsWithItems: readonly PricingRule['kind'][] = [
  'counterfactual_threshold', 'tiered', 'linear', 'volume_banded', 'savings_share', 'weighted_composite',
];

function ruleOutcome(rule: PricingRule, ctx: EngineContext): RuleOutcome | undefined {
  switch (rule.kind) {
    case 'counterfactual_threshold': return evaluateCounterfactual(rule, ctx);
    case 'tiered': return evaluateTiered(rule, ctx);
    case 'linear': return evaluateLinear(rule, ctx);
    case 'volume_banded': return evaluateVolumeBanded(rule, ctx);
    case 'savings_share': return evaluateSavingsShare(rule, ctx);
    case 'weighted_composite': return evaluateWeightedComposite(rule, ctx);
    default: return undefined;
  }
}

/**
 * Evaluates the input and checks, for every scope of every rule but the rate card, exactly (as
 * decimal strings, without rounding):
 * - as the rule hands it back (ScopeOutcome): Σ item.gross = scope.gross, Σ item.net = scope.amount;
 * - each item: gross − Σ its cuts = net, and quantity × unit price = gross where a unit price is given;
 * - in the evaluation's explanation: Σ item.gross = the scope's gross, and Σ item.net = the scope's
 *   gross less its own cap effects (b), (c) — the amount the rule caps (d), (e) then start from.
 * Returns the evaluation.
 */
export function expectItemsAddUp(input: EngineInput): EngineResult {
  const ctx = buildContext(input);
  for (const rule of input.definition.pricing) {
    const outcome = ruleOutcome(rule, ctx);
    if (!outcome) continue;
    for (const s of outcome.scopes) {
      const where = `${rule.key}/${s.scope}: ${JSON.stringify(s.items)} vs gross ${s.gross.toFixed()} amount ${s.amount.toFixed()}`;
      expect(s.items, where).toBeDefined();
      expect(exactSum(s.items!.map((i) => i.gross)).eq(s.gross), where).toBe(true);
      expect(exactSum(s.items!.map((i) => i.net)).eq(s.amount), where).toBe(true);
      expect(exactSum(s.items!.map((i) => i.gross)).toFixed(), where).toBe(s.gross.toFixed());
      expect(exactSum(s.items!.map((i) => i.net)).toFixed(), where).toBe(s.amount.toFixed());
    }
  }
  const result = evaluate(input);
  for (const rule of result.rules) {
    if (!(kindsWithItems as readonly string[]).includes(rule.kind)) continue;
    for (const s of rule.scopes) {
      const where = `${rule.ruleKey}/${s.scope}: ${JSON.stringify(s)}`;
      expect(s.items, where).toBeDefined();
      for (const i of s.items!) {
        expect(new X(i.gross).minus(exactSum(i.capEffects.map((e) => e.cut))).eq(i.net), where).toBe(true);
        if (i.unitPrice !== undefined) expect(new Dec(i.quantity).times(i.unitPrice).eq(i.gross), where).toBe(true);
      }
      expect(exactSum(s.items!.map((i) => i.gross)).eq(s.gross), where).toBe(true);
      const own = s.capEffects.filter((e) => e.lineKey === undefined && !e.cap.startsWith('rule.cap.'));
      expect(exactSum(s.items!.map((i) => i.net)).eq(new X(s.gross).minus(exactSum(own.map((e) => e.cut)))), where).toBe(true);
      expect(exactSum(s.items!.flatMap((i) => i.capEffects.map((e) => e.cut))).eq(exactSum(own.map((e) => e.cut))), where).toBe(true);
    }
  }
  return result;
}
