import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContractDefinition } from '../../../src/domain/contract/definition.ts';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import { evaluate } from '../../../src/domain/engine/evaluate.ts';
import { scenarioData } from '../../../src/domain/engine/scenario.ts';
import { statementOfEvaluation, statementOfLine, statementRows, type LineStatement } from '../../../src/domain/engine/statement.ts';
import type { EngineInput, EngineResult, PriorObligation, StatementItem } from '../../../src/domain/engine/types.ts';
import type { AggregateResult, ParticipantClaim } from '../../../src/domain/measurement/types.ts';
import { addDays } from '../../../src/domain/time/dates.ts';
import { storedExplanation } from '../../../src/jobs/stored-explanation.ts';
import { aggregateMetric, asPrior, claim, define, participantMetric, run } from './helpers.ts';

/**
 * Payment statements (issue 14, gap 7): every line's chain — items, rule caps, payer share, caps
 * across lines, rounding, previously obligated — adds up exactly to the obligation on the line (0
 * when none), on the example contracts with their sample data and over random evaluations.
 */

// exact arithmetic for the checks (sums of 40-digit values are never rounded)
const X = Decimal.clone({ precision: 1000 });
const sum = (values: Iterable<string>) => {
  let t = new X(0);
  for (const v of values) t = t.plus(v);
  return t;
};
const same = (a: string, b: string) => new X(a).eq(b);

/** Everything a statement promises, for every line of an evaluation. */
function expectStatementsAddUp(result: EngineResult, options: { ruleItems?: boolean } = {}): LineStatement[] {
  const statements = statementOfEvaluation(result);
  // every rule states its own items (per outcome, band, tier, component…): no statement falls back to the scope amount
  if (options.ruleItems) for (const s of statements) if (s.itemsFrom !== 'none') expect(s.itemsFrom, s.lineKey).toBe('rule');
  expect(statements.map((s) => s.lineKey)).toEqual(result.lines.map((l) => l.lineKey));
  for (const s of statements) {
    const where = `${s.lineKey}: ${JSON.stringify(s, null, 1)}`;
    const line = result.lines.find((l) => l.lineKey === s.lineKey)!;
    const obligation = result.obligations.find((o) => o.lineKey === s.lineKey);
    expect(s.steps.filter((st) => st.kind === 'unexplained'), where).toEqual([]);
    // items: gross − cuts = net; Σ gross = scope gross
    for (const i of s.items) expect(same(sum(i.capEffects.map((c) => c.cut)).neg().plus(i.gross).toFixed(), i.net), where).toBe(true);
    expect(same(sum(s.items.map((i) => i.gross)).toFixed(), s.gross), where).toBe(true);
    expect(same(sum(s.items.map((i) => i.net)).toFixed(), s.itemsNet), where).toBe(true);
    const scope = result.rules.find((r) => r.ruleKey === s.ruleKey)?.scopes.find((x) => x.scope === s.scope);
    if (scope) expect(same(s.gross, scope.gross), where).toBe(true);
    else expect(s.itemsFrom).toBe('none');
    // the chain, step by step, with its running totals
    let total = new X(s.itemsNet);
    for (const st of s.steps) {
      total = total.plus(st.amount);
      expect(same(st.total, total.toFixed()), where).toBe(true);
    }
    const rounding = s.steps.findIndex((st) => st.kind === 'rounding');
    const beforeRounding = rounding === 0 ? s.itemsNet : s.steps[rounding - 1]!.total;
    expect(same(beforeRounding, line.entitledExact), where).toBe(true);
    expect(s.steps[rounding]!.total).toBe(line.entitled);
    // EXACTLY the obligation, or 0
    expect(same(total.toFixed(), s.amount), where).toBe(true);
    expect(s.amount).toBe(line.delta);
    if (obligation) expect(s.amount).toBe(obligation.amount);
    else expect(new X(s.amount).isZero(), where).toBe(true);
    // laid flat, the rows add up too
    const rows = statementRows(s);
    expect(same(sum(rows.map((r) => r.amount)).toFixed(), s.amount), where).toBe(true);
    expect(same(rows.at(-1)!.total, s.amount), where).toBe(true);
    // a stored explanation (no obligations, participants trimmed) gives the same statement
    const { obligations: _, ...stored } = storedExplanation(result);
    expect(statementOfLine(stored, s.lineKey)).toEqual(s);
  }
  expect(same(sum(statements.map((s) => s.amount)).toFixed(), result.totals.newObligations)).toBe(true);
  return statements;
}

describe('payment statement of a line', () => {
  // card: job 1,000 (outcome cap 2,500), sustained 333.333; per-scope cap 3,000; payer 30% / city 70%; city committed 2,000
  const definition = () => define({
    parties: [
      { key: 'payer', name: 'Payer', roles: ['outcome_payer'] },
      { key: 'city', name: 'City', roles: ['outcome_payer'] },
      { key: 'investor', name: 'Investor', roles: ['investor'] },
      { key: 'provider', name: 'Provider', roles: ['operator'] },
    ],
    payers: [{ party: 'payer', maximumCommitment: '100000' }, { party: 'city', maximumCommitment: '2000' }],
    metrics: [participantMetric('job'), participantMetric('sustained')],
    pricing: [{
      key: 'card', kind: 'rate_card',
      outcomes: [{ metric: 'job', price: '1000', cap: '2500' }, { metric: 'sustained', price: '333.333', requires: ['job'] }],
      cap: { perScope: '3000' },
      payers: [{ party: 'payer', share: '0.3' }, { party: 'city', share: '0.7' }],
    }],
  });
  const claims = [
    claim('P1', 'job', '2020-02-01'), claim('P2', 'job', '2020-03-01'), claim('P3', 'job', '2020-04-01'),
    claim('P1', 'sustained', '2020-08-01'), claim('P2', 'sustained', '2020-09-01'),
  ];
  const items: StatementItem[] = [
    { item: 'job', unit: 'claims', quantity: '3', unitPrice: '1000', gross: '3000', capEffects: [{ cap: 'outcome.cap (job)', limit: '2500', cut: '500' }], net: '2500' },
    { item: 'sustained', unit: 'claims', quantity: '2', unitPrice: '333.333', gross: '666.666', capEffects: [], net: '666.666' },
  ];
  const withItems = (r: EngineResult, list: StatementItem[] | undefined): EngineResult => ({
    ...r,
    rules: r.rules.map((rule) => ({ ...rule, scopes: rule.scopes.map((s) => {
      const { items: _, ...rest } = s;
      return list ? { ...rest, items: list } : rest;
    }) })),
  });

  it("follows the rule's items through the rule cap, the payers' split, a payer commitment and rounding to the obligation", () => {
    const r = withItems(run(definition(), { claims, asOf: '2021-06-30' }), items);
    const city = statementOfLine(r, 'card:cohort_1:city');
    expect(city).toMatchObject({
      lineKey: 'card:cohort_1:city', ruleKey: 'card', ruleKind: 'rate_card', scope: 'cohort_1', payer: 'city', currency: 'GBP', itemsFrom: 'rule',
      gross: '3666.666', itemsNet: '3166.666', entitledExact: '2000', entitled: '2000.00', previouslyObligated: '0.00', amount: '2000.00',
    });
    expect(city.items).toEqual(items);
    expect(city.steps).toEqual([
      { kind: 'rule_cap', label: 'rule.cap.perScope', limit: '3000', amount: '-166.666', total: '3000' },
      { kind: 'payer_share', label: 'shares of the other payers (payer)', amount: '-900', total: '2100' },
      { kind: 'line_cap', label: 'payer.maximumCommitment (city)', limit: '2000', amount: '-100', total: '2000' },
      { kind: 'rounding', label: 'rounded half-even to 2 decimals (GBP)', amount: '0', total: '2000.00' },
      { kind: 'previously_obligated', label: 'previously obligated on this line', amount: '0.00', total: '2000.00' },
    ]);
    const payer = statementOfLine(r, 'card:cohort_1:payer');
    expect(payer.steps.map((s) => [s.kind, s.amount, s.total])).toEqual([
      ['rule_cap', '-166.666', '3000'], ['payer_share', '-2100', '900'], ['rounding', '0', '900.00'], ['previously_obligated', '0.00', '900.00'],
    ]);
    expect(statementRows(city).map((row) => [row.kind, row.item, row.label, row.amount, row.total])).toEqual([
      ['item', 'job', '', '3000', '3000'],
      ['item_cap', 'job', 'outcome.cap (job)', '-500', '2500'],
      ['item', 'sustained', '', '666.666', '3166.666'],
      ['rule_cap', '', 'rule.cap.perScope', '-166.666', '3000'],
      ['payer_share', '', 'shares of the other payers (payer)', '-900', '2100'],
      ['line_cap', '', 'payer.maximumCommitment (city)', '-100', '2000'],
      ['rounding', '', 'rounded half-even to 2 decimals (GBP)', '0', '2000.00'],
      ['previously_obligated', '', 'previously obligated on this line', '0.00', '2000.00'],
    ]);
    expectStatementsAddUp(r);
  });

  it('stands one item for the scope when its rule gives no items yet', () => {
    const r = withItems(run(definition(), { claims, asOf: '2021-06-30' }), undefined);
    const city = statementOfLine(r, 'card:cohort_1:city');
    expect(city.itemsFrom).toBe('scope');
    expect(city.items).toEqual([{
      item: 'scope amount', unit: 'scope', quantity: '1', gross: '3666.666', capEffects: [{ cap: 'outcome.cap (job)', limit: '2500', cut: '500' }], net: '3166.666',
    }]);
    expect(city.steps.map((s) => s.total)).toEqual(['3000', '2100', '2000', '2000.00', '2000.00']);
    expectStatementsAddUp(r);
  });

  it('explains an adjustment: the current chain, less what was obligated before', () => {
    const first = run(definition(), { claims: claims.slice(0, 2), asOf: '2020-06-30' });
    expectStatementsAddUp(first);
    const second = run(definition(), { claims, asOf: '2021-06-30', prior: asPrior(first) });
    const payer = statementOfLine(second, 'card:cohort_1:payer');
    expect(second.obligations.find((o) => o.lineKey === 'card:cohort_1:payer')).toMatchObject({ kind: 'adjustment', amount: '300.00' });
    expect(payer.steps.slice(-2)).toEqual([
      { kind: 'rounding', label: 'rounded half-even to 2 decimals (GBP)', amount: '0', total: '900.00' },
      { kind: 'previously_obligated', label: 'previously obligated on this line', amount: '-600.00', total: '300.00' },
    ]);
    expectStatementsAddUp(second);
    // nothing new: every line's statement ends at 0
    const third = run(definition(), { claims, asOf: '2021-06-30', prior: [...asPrior(first, 'a'), ...asPrior(second, 'b')] });
    for (const s of expectStatementsAddUp(third)) expect(s.amount).toBe('0.00');
  });

  it('shows the rounding to the minor unit and a line whose entitlement was withdrawn', () => {
    const def = define({
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '100.005' }] }],
      cohorts: [
        { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
        { key: 'cohort_2', name: 'C2', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
      ],
    });
    const first = run(def, { claims: [claim('P1', 'job', '2020-02-01'), claim('P2', 'job', '2020-02-01', { cohort: 'cohort_2' })] });
    const rounded = statementOfLine(first, 'card:cohort_1:payer');
    expect(rounded.steps.find((s) => s.kind === 'rounding')).toEqual({ kind: 'rounding', label: 'rounded half-even to 2 decimals (GBP)', amount: '-0.005', total: '100.00' });
    const second = run(def, { claims: [claim('P1', 'job', '2020-02-01')], prior: asPrior(first) });
    const withdrawn = statementOfLine(second, 'card:cohort_2:payer');
    expect(withdrawn).toMatchObject({ itemsFrom: 'none', items: [], gross: '0', itemsNet: '0', amount: '-100.00' });
    expect(withdrawn.notes[0]).toMatch(/withdrawn/);
    expect(withdrawn.steps.map((s) => [s.kind, s.amount, s.total])).toEqual([['rounding', '0', '0.00'], ['previously_obligated', '-100.00', '-100.00']]);
    expectStatementsAddUp(second);
  });

  it('names an unknown line', () => {
    expect(() => statementOfLine(run(define({ metrics: [participantMetric('job')], pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '1' }] }] })), 'card:x:y'))
      .toThrow(/No line card:x:y/);
  });
});

// ---- the example contracts of contracts/, with their sample data

const contractsDir = join(import.meta.dirname, '..', '..', '..', 'contracts');
const dataDir = join(contractsDir, 'data');
const contractFiles = readdirSync(contractsDir).filter((f) => f.endsWith('.json')).sort();

function loadDefinition(file: string): ContractDefinition {
  const v = validateDefinition(JSON.parse(readFileSync(join(contractsDir, file), 'utf8')));
  if (!v.ok) throw new Error(`${file} is invalid: ${v.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
  return v.definition;
}

/** The sample data of a contract (`<name>.claims.csv`, `<name>.results.csv`), as the engine receives it once validated. */
function loadData(file: string): { claims: ParticipantClaim[]; results: AggregateResult[] } {
  const name = file.replace(/\.json$/, '');
  const rows = (suffix: string): Record<string, string>[] => {
    const path = join(dataDir, `${name}.${suffix}.csv`);
    return existsSync(path) ? parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) : [];
  };
  const opt = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);
  const claims = rows('claims').map((r, i): ParticipantClaim => ({
    id: `${name}-c${String(i).padStart(6, '0')}`, participantRef: r.participant_ref!, metric: r.outcome!, cohort: r.cohort!, achievedOn: r.achieved_on!,
    ...(opt(r.held_from) ? { heldFrom: r.held_from } : {}), ...(opt(r.quantity) ? { quantity: r.quantity } : {}),
  }));
  const results = rows('results').map((r, i): AggregateResult => ({
    id: `${name}-r${String(i).padStart(6, '0')}`, metric: r.metric!, measuredOn: r.measured_on!, treatmentValue: r.treatment_value!,
    ...(opt(r.cohort) ? { cohort: r.cohort } : {}), ...(opt(r.period) ? { period: r.period } : {}),
    ...(opt(r.comparison_value) ? { comparisonValue: r.comparison_value } : {}),
    ...(opt(r.treatment_sample_size) ? { treatmentSampleSize: Number(r.treatment_sample_size) } : {}),
    ...(opt(r.comparison_sample_size) ? { comparisonSampleSize: Number(r.comparison_sample_size) } : {}),
  }));
  return { claims, results };
}

const midway = (start: string, end: string) => new Date((Date.parse(start) + Date.parse(end)) / 2).toISOString().slice(0, 10);

describe('payment statements of the example contracts add up to their obligations', () => {
  it('finds the example contracts', () => expect(contractFiles.length).toBeGreaterThanOrEqual(5));

  for (const file of contractFiles) {
    it(`${file}: first evaluation midway, then at the end, then after data is withdrawn (adjustments)`, () => {
      const definition = loadDefinition(file);
      const { claims, results } = loadData(file);
      expect(claims.length + results.length, 'sample data').toBeGreaterThan(0);
      // results of aggregate contracts may be measured after the term's end: evaluate late enough to see them all
      const end = [definition.term.end, ...results.map((r) => r.measuredOn), ...claims.map((c) => c.achievedOn)].sort().at(-1)!;
      const base = { definition, drawdowns: [] } as const;
      const first = evaluate({ ...base, asOf: midway(definition.term.start, end), claims, results, priorObligations: [] });
      expectStatementsAddUp(first, { ruleItems: true });
      const prior1 = asPrior(first, 'one');
      const second = evaluate({ ...base, asOf: end, claims, results, priorObligations: prior1 });
      const lines = expectStatementsAddUp(second, { ruleItems: true });
      expect(lines.some((s) => !new X(s.entitled).isZero()), 'something is paid').toBe(true);
      const prior2: PriorObligation[] = [...prior1, ...asPrior(second, 'two')];
      // corrections withdraw every third claim and the latest result
      const latest = [...results].sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1)).at(-1);
      const third = evaluate({
        ...base, asOf: end, claims: claims.filter((_, i) => i % 3 !== 0), results: results.filter((r) => r !== latest), priorObligations: prior2,
      });
      expectStatementsAddUp(third, { ruleItems: true });
      if (third.obligations.length > 0) expect(third.obligations.some((o) => o.kind === 'adjustment')).toBe(true);
    });

    it(`${file}: every scenario's forecast`, () => {
      const definition = loadDefinition(file);
      for (const scenario of definition.scenarios) {
        const data = scenarioData(definition, scenario.key, definition.term.end);
        expectStatementsAddUp(evaluate({ definition, asOf: definition.term.end, ...data, priorObligations: [], drawdowns: [] }), { ruleItems: true });
      }
    });
  }
});

// ---- random rate-card evaluations: every cap, several payers, indexation, return caps, sub-cent prices

const METRICS = ['m0', 'm1', 'm2'];
const amount = (min: number, max: number) => fc.integer({ min, max }).map((m) => `${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, '0')}`);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const contractArb = fc.record({
  twoPayers: fc.boolean(),
  shares: fc.constantFrom(['0.5', '0.5'], ['0.3', '0.7'], ['0.333333333333', '0.666666666667']),
  prices: fc.tuple(amount(1, 2_000_000), amount(1, 2_000_000), amount(1, 2_000_000)),
  limits: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
  outcomeCaps: fc.tuple(maybe(amount(100_000, 4_000_000)), maybe(amount(100_000, 4_000_000)), maybe(amount(100_000, 4_000_000))),
  requires: fc.boolean(),
  participantCap: maybe(amount(500_000, 5_000_000)),
  perScope: maybe(amount(1_000_000, 8_000_000)),
  total: maybe(amount(1_000_000, 12_000_000)),
  secondRule: fc.boolean(),
  commitments: fc.tuple(maybe(amount(1_000_000, 10_000_000)), maybe(amount(1_000_000, 10_000_000))),
  maximum: maybe(amount(1_000_000, 15_000_000)),
  cohortCaps: fc.tuple(maybe(amount(1_000_000, 8_000_000)), maybe(amount(1_000_000, 8_000_000))),
  indexation: maybe(fc.constantFrom('0.02', '0.035')),
  returnCap: maybe(fc.oneof(
    fc.record({ kind: fc.constant('irr'), annualRate: fc.constantFrom('0.05', '0.15') }),
    fc.record({ kind: fc.constant('multiple'), multiple: fc.constantFrom('1.05', '1.5') }),
  )),
}).map((c): ContractDefinition => {
  const payers = c.twoPayers ? ['payer', 'city'] : ['payer'];
  const rule = (key: string, metrics: string[]) => ({
    key, kind: 'rate_card',
    outcomes: metrics.map((m) => {
      const k = METRICS.indexOf(m);
      return {
        metric: m, price: c.prices[k]!, maxClaimsPerParticipant: c.limits[k]!,
        ...(c.outcomeCaps[k] ? { cap: c.outcomeCaps[k] } : {}), ...(c.requires && m === 'm1' && metrics.includes('m0') ? { requires: ['m0'] } : {}),
      };
    }),
    ...(c.participantCap ? { participantCap: c.participantCap } : {}),
    ...(c.perScope || c.total ? { cap: { ...(c.perScope ? { perScope: c.perScope } : {}), ...(c.total ? { total: c.total } : {}) } } : {}),
    ...(c.twoPayers ? { payers: payers.map((party, i) => ({ party, share: c.shares[i]! })) } : {}),
  });
  return define({
    parties: [
      { key: 'payer', name: 'Payer', roles: ['outcome_payer'] },
      ...(c.twoPayers ? [{ key: 'city', name: 'City', roles: ['outcome_payer'] }] : []),
      { key: 'investor', name: 'Investor', roles: ['investor'] },
      { key: 'provider', name: 'Provider', roles: ['operator'] },
    ],
    payers: payers.map((party, i) => ({ party, maximumCommitment: c.commitments[i] ?? '100000000' })),
    investors: [{
      party: 'investor', commitment: '10000', seniority: 'senior',
      tranches: [{ key: 't1', amount: '6000', plannedDate: '2020-02-01' }, { key: 't2', amount: '4000', plannedDate: '2021-02-01' }],
      ...(c.returnCap ? { returnCap: c.returnCap } : {}),
    }],
    ...(c.maximum ? { maximumOutcomePayment: c.maximum } : {}),
    cohorts: [
      { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0, ...(c.cohortCaps[0] ? { maxPayment: c.cohortCaps[0] } : {}) },
      { key: 'cohort_2', name: 'C2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0, ...(c.cohortCaps[1] ? { maxPayment: c.cohortCaps[1] } : {}) },
    ],
    metrics: [...METRICS.map((m) => participantMetric(m)), aggregateMetric('agg', 'increase')],
    pricing: c.secondRule ? [rule('card_a', ['m0', 'm1']), { ...rule('card_b', ['m2']), cohorts: ['cohort_2'] }] : [rule('card_a', METRICS)],
    ...(c.indexation ? { indexation: { kind: 'annual_rate', rate: c.indexation, baseDate: '2020-01-01' } } : {}),
  });
});

const claimsArb = fc.array(
  fc.record({ p: fc.integer({ min: 0, max: 5 }), m: fc.integer({ min: 0, max: 2 }), cohort: fc.integer({ min: 0, max: 1 }), day: fc.integer({ min: 0, max: 900 }) }),
  { maxLength: 40 },
);
const toClaims = (raw: { p: number; m: number; cohort: number; day: number }[], prefix: string): ParticipantClaim[] =>
  raw.map((r, i) => ({
    id: `${prefix}${String(i).padStart(3, '0')}`, participantRef: `p${r.p}`, metric: METRICS[r.m]!, cohort: `cohort_${r.cohort + 1}`,
    achievedOn: addDays('2020-01-01', r.day),
  }));
const input = (definition: ContractDefinition, claims: ParticipantClaim[], extra: Partial<EngineInput> = {}): EngineInput => ({
  definition, asOf: '2023-06-30', claims, results: [], priorObligations: [], drawdowns: [], ...extra,
});

describe('payment statement properties', () => {
  it('adds up exactly to every obligation (and to 0 without one) over random rate-card evaluations, adjustments included', () => {
    fc.assert(fc.property(contractArb, claimsArb, claimsArb, (definition, early, late) => {
      const first = evaluate(input(definition, toClaims(early, 'a'), { asOf: '2021-06-30' }));
      expectStatementsAddUp(first, { ruleItems: true });
      const prior = asPrior(first, 'one');
      // the second evaluation loses some early claims (withdrawn data) and gains the late ones
      const kept = toClaims(early, 'a').filter((_, i) => i % 3 !== 0);
      const second = evaluate(input(definition, [...kept, ...toClaims(late, 'b')], { priorObligations: prior }));
      expectStatementsAddUp(second, { ruleItems: true });
      const third = evaluate(input(definition, [...kept, ...toClaims(late, 'b')], { priorObligations: [...prior, ...asPrior(second, 'two')] }));
      for (const s of expectStatementsAddUp(third)) expect(new X(s.amount).isZero()).toBe(true);
    }), { numRuns: Number(process.env.FC_RUNS ?? 150) });
  });
});
