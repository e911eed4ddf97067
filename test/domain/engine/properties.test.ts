import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContractDefinition } from '../../../src/domain/contract/definition.ts';
import { evaluate } from '../../../src/domain/engine/evaluate.ts';
import type { EngineInput, EngineResult, PriorObligation } from '../../../src/domain/engine/types.ts';
import type { AggregateResult, ParticipantClaim } from '../../../src/domain/measurement/types.ts';
import { Dec } from '../../../src/domain/money/money.ts';
import { addDays } from '../../../src/domain/time/dates.ts';
import { aggregateMetric, define, expectItemsAddUp, participantMetric } from './helpers.ts';

/**
 * Invariants over random (but valid) contracts and outcome data.
 *
 * `monotone` contracts leave out the terms under which more outcomes can legitimately pay less,
 * so that "adding claims never lowers the total" is a true statement about them:
 * - clock resets (a claim that ends accommodation rightly stops a sustainment payment);
 * - indexation (an earlier claim may displace a later one paid at a higher indexed price);
 * - an outcome cap together with a cap that applies later to part of what it allocated — a
 *   participant cap, a rule per-scope cap or a cohort cap: the outcome cap hands out its room in
 *   achievement order across participants and cohorts, and room that the later cap then cuts is
 *   not handed back (e.g. outcome cap 10.01 and per-cohort cap 10.00: one participant's second
 *   claim in cohort 1 takes the room a cohort 2 claim had, and cohort 1's cap then cuts it);
 * - a rule total cap with cohort caps (the total cap shifts amounts between cohorts);
 * - several payers, return caps and sub-cent prices (rounding and cut order between lines);
 * - a participant with claims in two cohorts (an earlier claim in one cohort can take the claim
 *   limit from a later one in another whose cohort cap binds): here each participant has one cohort.
 */

const METRICS = ['m0', 'm1', 'm2', 'm3'];
const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
const subCent = (min: number, max: number) =>
  fc.integer({ min, max }).map((m) => `${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, '0')}`);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Present about one time in four. */
const sometimes = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

interface Generated {
  definition: ContractDefinition;
}

function contractArb(monotone: boolean): fc.Arbitrary<Generated> {
  const price = monotone ? cents(1, 200_000) : subCent(1, 2_000_000);
  const outcomeArb = (metric: string) =>
    fc.record({
      price,
      maxClaimsPerParticipant: fc.integer({ min: 1, max: 3 }),
      requires: sometimes(fc.constantFrom(...METRICS.filter((m) => m !== metric))),
      sustainment: sometimes(fc.record({
        clockStart: fc.constantFrom(...METRICS.filter((m) => m !== metric)),
        months: fc.integer({ min: 1, max: 6 }),
        resetBy: monotone ? fc.constant(undefined) : maybe(fc.constantFrom(...METRICS.filter((m) => m !== metric))),
      })),
      cap: maybe(cents(100, 500_000)),
    }).map((o) => ({
      metric, price: o.price, maxClaimsPerParticipant: o.maxClaimsPerParticipant,
      ...(o.requires ? { requires: [o.requires] } : {}),
      ...(o.sustainment ? { sustainment: { clockStart: o.sustainment.clockStart, months: o.sustainment.months, ...(o.sustainment.resetBy ? { resetBy: [o.sustainment.resetBy] } : {}) } } : {}),
      ...(o.cap ? { cap: o.cap } : {}),
    }));
  const rateCardArb = (key: string, payers: string[]) =>
    fc.record({
      metrics: fc.subarray(METRICS, { minLength: 1 }),
      outcomes: fc.tuple(...METRICS.map(outcomeArb)),
      participantCap: maybe(cents(1_000, 600_000)),
      perScope: maybe(cents(1_000, 2_000_000)),
      total: monotone ? fc.constant(undefined) : maybe(cents(1_000, 3_000_000)),
      cohorts: fc.constantFrom(undefined, ['cohort_1'], ['cohort_2']),
      shares: fc.constantFrom(['1'], ['0.5', '0.5'], ['0.3', '0.7'], ['0.333333333333', '0.666666666667']),
    }).map((r) => {
      let outcomes = r.metrics.map((m) => r.outcomes[METRICS.indexOf(m)]!);
      // monotone: no outcome cap next to a participant cap or a per-scope cap (see the header)
      if (monotone && (r.participantCap || r.perScope)) outcomes = outcomes.map(({ cap: _cap, ...o }) => o);
      const shares = payers.length === 1 ? undefined : r.shares.length === 1 ? [{ party: payers[0], share: '1' }] : r.shares.map((share, i) => ({ party: payers[i], share }));
      const cap = r.perScope || r.total ? { ...(r.perScope ? { perScope: r.perScope } : {}), ...(r.total ? { total: r.total } : {}) } : undefined;
      return {
        key, kind: 'rate_card', outcomes,
        ...(r.participantCap ? { participantCap: r.participantCap } : {}),
        ...(cap ? { cap } : {}), ...(r.cohorts ? { cohorts: r.cohorts } : {}), ...(shares ? { payers: shares } : {}),
      };
    });
  const linearArb = (payers: string[]) =>
    fc.record({ price: price, floor: fc.constantFrom('0', '1', '5') }).map((l) => ({
      key: 'linear', kind: 'linear', metric: 'agg', scope: 'cohort', measure: 'absolute_improvement', floor: l.floor, pricePerUnit: l.price,
      ...(payers.length > 1 ? { payers: [{ party: payers[1], share: '1' }] } : {}),
    }));

  return fc.record({
    payerCount: monotone ? fc.constant(1) : fc.integer({ min: 1, max: 2 }),
    commitments: fc.tuple(maybe(cents(1_000, 5_000_000)), maybe(cents(1_000, 5_000_000))),
    maximumOutcomePayment: maybe(cents(1_000, 5_000_000)),
    cohortCaps: fc.tuple(maybe(cents(1_000, 3_000_000)), maybe(cents(1_000, 3_000_000))),
    ruleCount: fc.integer({ min: 1, max: 2 }),
    withLinear: monotone ? fc.constant(false) : fc.boolean(),
    indexation: monotone ? fc.constant(undefined) : maybe(fc.constantFrom('0.02', '0.035')),
    returnCap: monotone ? fc.constant(undefined) : maybe(fc.oneof(
      fc.record({ kind: fc.constant('irr'), annualRate: fc.constantFrom('0.05', '0.13', '0.15') }),
      fc.record({ kind: fc.constant('multiple'), multiple: fc.constantFrom('1.05', '1.5') }),
    )),
    seed: fc.integer(),
  }).chain((c) => {
    const payers = c.payerCount === 1 ? ['payer'] : ['payer', 'city'];
    return fc.tuple(fc.constant(c), rateCardArb('card_a', payers), rateCardArb('card_b', payers), linearArb(payers)).map(([c, a, b, lin]) => {
      const pricing: unknown[] = c.ruleCount === 1 ? [a] : [a, b];
      if (c.withLinear) pricing.push(lin);
      // monotone: no cohort caps next to an outcome cap (see the header)
      const outcomeCapped = (pricing as { outcomes?: { cap?: string }[] }[]).some((rule) => rule.outcomes?.some((o) => o.cap));
      if (monotone && outcomeCapped) c = { ...c, cohortCaps: [undefined, undefined] };
      const definition = define({
        parties: [
          { key: 'payer', name: 'Payer', roles: ['outcome_payer'] },
          ...(payers.length > 1 ? [{ key: 'city', name: 'City', roles: ['outcome_payer'] }] : []),
          { key: 'investor', name: 'Investor', roles: ['investor'] },
          { key: 'provider', name: 'Provider', roles: ['operator'] },
        ],
        payers: payers.map((party, i) => ({ party, maximumCommitment: c.commitments[i] ?? '100000000' })),
        investors: [{
          party: 'investor', commitment: '10000', seniority: 'senior',
          tranches: [{ key: 't1', amount: '6000', plannedDate: '2020-02-01' }, { key: 't2', amount: '4000', plannedDate: '2021-02-01' }],
          ...(c.returnCap ? { returnCap: c.returnCap } : {}),
        }],
        ...(c.maximumOutcomePayment ? { maximumOutcomePayment: c.maximumOutcomePayment } : {}),
        cohorts: [
          { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0, ...(c.cohortCaps[0] ? { maxPayment: c.cohortCaps[0] } : {}) },
          { key: 'cohort_2', name: 'C2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0, ...(c.cohortCaps[1] ? { maxPayment: c.cohortCaps[1] } : {}) },
        ],
        metrics: [...METRICS.map((m) => participantMetric(m)), aggregateMetric('agg', 'increase')],
        pricing,
        ...(c.indexation ? { indexation: { kind: 'annual_rate', rate: c.indexation, baseDate: '2020-01-01' } } : {}),
      });
      return { definition };
    });
  });
}

const claimsArb = fc.array(
  fc.record({ p: fc.integer({ min: 0, max: 5 }), m: fc.integer({ min: 0, max: 3 }), cohort: fc.integer({ min: 0, max: 1 }), day: fc.integer({ min: 0, max: 900 }) }),
  { maxLength: 40 },
);
const toClaims = (raw: { p: number; m: number; cohort: number; day: number }[], prefix = 'k', oneCohortEach = false): ParticipantClaim[] =>
  raw.map((r, i) => ({
    id: `${prefix}${String(i).padStart(3, '0')}`, participantRef: `p${r.p}`, metric: METRICS[r.m]!,
    cohort: `cohort_${(oneCohortEach ? r.p % 2 : r.cohort) + 1}`,
    achievedOn: addDays('2020-01-01', r.day),
  }));
const resultsArb = fc.array(fc.record({ cohort: fc.integer({ min: 0, max: 1 }), t: fc.integer({ min: 0, max: 40 }), c: fc.integer({ min: 0, max: 30 }) }), { maxLength: 3 })
  .map((rs) => rs.map((r, i): AggregateResult => ({
    id: `r${i}`, metric: 'agg', cohort: `cohort_${r.cohort + 1}`, measuredOn: '2022-01-01', treatmentValue: String(r.t), comparisonValue: String(r.c),
  })));

const input = (definition: ContractDefinition, claims: ParticipantClaim[], extra: Partial<EngineInput> = {}): EngineInput => ({
  definition, asOf: '2023-06-30', claims, results: [], priorObligations: [], drawdowns: [], participantDetail: 'all', ...extra,
});
const total = (values: Iterable<string>) => {
  let t = new Dec(0);
  for (const v of values) t = t.plus(v);
  return t;
};
const asPrior = (r: EngineResult, prefix: string): PriorObligation[] =>
  r.obligations.map((o, i) => ({ id: `${prefix}-${i}`, lineKey: o.lineKey, amount: o.amount, dueOn: o.dueOn }));

function expectCapsHold(definition: ContractDefinition, r: EngineResult) {
  const sumLines = (pred: (l: EngineResult['lines'][number]) => boolean) => total(r.lines.filter(pred).map((l) => l.entitled));
  for (const rule of definition.pricing) {
    const exp = r.rules.find((x) => x.ruleKey === rule.key)!;
    if (rule.cap?.total) expect(sumLines((l) => l.ruleKey === rule.key).lte(rule.cap.total)).toBe(true);
    if (rule.cap?.perScope) {
      for (const s of exp.scopes) expect(sumLines((l) => l.ruleKey === rule.key && l.scope === s.scope).lte(rule.cap.perScope)).toBe(true);
    }
    if (rule.kind !== 'rate_card') continue;
    const perParticipant = new Map<string, Dec>();
    const perOutcome = new Map<string, Dec>();
    for (const s of exp.scopes) {
      for (const p of s.participants ?? []) {
        perParticipant.set(p.participantRef, (perParticipant.get(p.participantRef) ?? new Dec(0)).plus(p.net));
        for (const c of p.claims) perOutcome.set(c.metric, (perOutcome.get(c.metric) ?? new Dec(0)).plus(c.paid));
      }
    }
    if (rule.participantCap) for (const net of perParticipant.values()) expect(net.lte(rule.participantCap)).toBe(true);
    for (const o of rule.outcomes) if (o.cap) expect((perOutcome.get(o.metric) ?? new Dec(0)).lte(o.cap)).toBe(true);
  }
  for (const c of definition.cohorts) if (c.maxPayment) expect(sumLines((l) => l.scope === c.key).lte(c.maxPayment)).toBe(true);
  for (const p of definition.payers) expect(sumLines((l) => l.payer === p.party).lte(p.maximumCommitment)).toBe(true);
  if (definition.maximumOutcomePayment) expect(sumLines(() => true).lte(definition.maximumOutcomePayment)).toBe(true);
  if (r.returnCap && r.returnCap.capacity !== 'unlimited') expect(total(r.obligations.map((o) => o.amount)).lte(r.returnCap.capacity)).toBe(true);
}

describe('engine properties', () => {
  it('never exceeds a cap: participant, outcome, rule, cohort, payer, contract, investor return', () => {
    fc.assert(fc.property(contractArb(false), claimsArb, claimsArb, resultsArb, ({ definition }, early, late, results) => {
      const first = evaluate(input(definition, toClaims(early, 'a'), { asOf: '2021-06-30', results }));
      expectCapsHold(definition, first);
      const r = evaluate(input(definition, [...toClaims(early, 'a'), ...toClaims(late, 'b')], { results, priorObligations: asPrior(first, 'ob') }));
      expectCapsHold(definition, r);
    }), { numRuns: 200 });
  });

  it('never pays less when validated claims are added (rate cards without return cap)', () => {
    fc.assert(fc.property(contractArb(true), claimsArb, claimsArb, ({ definition }, base, more) => {
      const before = evaluate(input(definition, toClaims(base, 'a', true)));
      const after = evaluate(input(definition, [...toClaims(base, 'a', true), ...toClaims(more, 'b', true)]));
      expect(new Dec(after.totals.entitled).gte(before.totals.entitled)).toBe(true);
    }), { numRuns: Number(process.env.FC_RUNS ?? 300) });
  });

  it('gives deep-equal results for the same input, whatever the order of the claims', () => {
    fc.assert(fc.property(contractArb(false), claimsArb, resultsArb, ({ definition }, raw, results) => {
      const claims = toClaims(raw);
      const a = evaluate(input(definition, claims, { results }));
      expect(evaluate(input(definition, claims, { results }))).toEqual(a);
      expect(evaluate(input(definition, [...claims].reverse(), { results: [...results].reverse() }))).toEqual(a);
    }), { numRuns: 100 });
  });

  it('proposes nothing more when its own obligations are fed back as prior obligations', () => {
    fc.assert(fc.property(contractArb(false), claimsArb, claimsArb, resultsArb, ({ definition }, early, late, results) => {
      const first = evaluate(input(definition, toClaims(early, 'a'), { asOf: '2021-06-30', results }));
      const prior1 = asPrior(first, 'one');
      const second = evaluate(input(definition, [...toClaims(early, 'a'), ...toClaims(late, 'b')], { results, priorObligations: prior1 }));
      const prior2 = [...prior1, ...asPrior(second, 'two')];
      const third = evaluate(input(definition, [...toClaims(early, 'a'), ...toClaims(late, 'b')], { results, priorObligations: prior2 }));
      expect(third.obligations).toEqual([]);
      expect(third.totals.entitled).toBe(second.totals.entitled);
    }), { numRuns: 150 });
  });

  it('keeps totals equal to the sum of their lines and of the obligations', () => {
    fc.assert(fc.property(contractArb(false), claimsArb, claimsArb, resultsArb, ({ definition }, early, late, results) => {
      const first = evaluate(input(definition, toClaims(early, 'a'), { asOf: '2021-06-30', results }));
      // the second evaluation loses some early claims (withdrawn data) and gains the late ones
      const kept = toClaims(early, 'a').filter((_, i) => i % 3 !== 0);
      const r = evaluate(input(definition, [...kept, ...toClaims(late, 'b')], { results, priorObligations: asPrior(first, 'ob') }));
      for (const x of [first, r]) {
        const entitled = total(x.lines.map((l) => l.entitled));
        const previous = total(x.lines.map((l) => l.previouslyObligated));
        const obligations = total(x.obligations.map((o) => o.amount));
        expect(entitled.eq(x.totals.entitled)).toBe(true);
        expect(previous.eq(x.totals.previouslyObligated)).toBe(true);
        expect(obligations.eq(x.totals.newObligations)).toBe(true);
        expect(entitled.minus(previous).eq(x.totals.newObligations)).toBe(true);
        for (const l of x.lines) expect(new Dec(l.entitled).minus(l.previouslyObligated).eq(l.delta)).toBe(true);
        for (const rule of x.rules) {
          for (const s of rule.scopes) {
            const cuts = total(s.capEffects.map((e) => e.cut));
            expect(new Dec(s.gross).minus(cuts).eq(s.net)).toBe(true);
          }
          expect(total(rule.scopes.map((s) => s.net)).eq(rule.net)).toBe(true);
        }
      }
    }), { numRuns: 150 });
  });
});

// ---- aggregate rules: results that replace or accumulate (issue 14, gap 5), statement items

const aggregateContractArb = (results: 'replace' | 'accumulate') =>
  fc.record({
    scope: fc.constantFrom('cohort', 'period'),
    measure: fc.constantFrom('value', 'absolute_improvement'),
    withTiered: fc.boolean(),
    withLinear: fc.boolean(),
    savings: fc.option(fc.oneof(
      fc.record({ amount: cents(1_000, 500_000) }),
      fc.record({ principalPlusInterest: fc.record({ annualRate: fc.constantFrom('0', '0.05', '0.0713') }) }),
    ), { nil: undefined }),
    shares: fc.constantFrom(['0.5', '0.2'], ['0.37', '0.37'], ['1', '0'], ['0', '0']),
    floor: fc.constantFrom('0', '3', '12.5'),
    unitSize: fc.constantFrom('1', '0.03'),
    perScope: maybe(cents(1_000, 200_000)),
    indexation: maybe(fc.constantFrom('0.02', '0.035')),
    paymentTermsDays: fc.integer({ min: 0, max: 60 }),
  }).map((c) => {
    const pricing: unknown[] = [];
    if (c.withTiered) {
      pricing.push({ key: 'tiers', kind: 'tiered', metric: 'agg', scope: c.scope, measure: c.measure, tiers: [{ atLeast: '5', amount: '1000.01' }, { atLeast: '20', amount: '2500' }] });
    }
    if (c.withLinear || (!c.withTiered && !c.savings)) {
      pricing.push({
        key: 'lin', kind: 'linear', metric: 'agg', scope: c.scope, measure: c.measure, floor: c.floor, pricePerUnit: '123.45', unitSize: c.unitSize,
        ...(c.perScope ? { cap: { perScope: c.perScope } } : {}),
      });
    }
    if (c.savings) {
      pricing.push({
        key: 'save', kind: 'savings_share', metric: 'agg', scope: c.scope, initialShare: c.shares[0], subsequentShare: c.shares[1], threshold: c.savings,
      });
    }
    return define({
      cohorts: [
        { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
        { key: 'cohort_2', name: 'C2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
      ],
      periods: [
        { key: 'year_1', name: 'Y1', start: '2020-01-01', end: '2020-12-31' },
        { key: 'year_2', name: 'Y2', start: '2021-01-01', end: '2021-12-31' },
      ],
      metrics: [aggregateMetric('agg', 'increase', { results })],
      pricing,
      ...(c.indexation ? { indexation: { kind: 'annual_rate', rate: c.indexation, baseDate: '2020-01-01' } } : {}),
      evaluation: { schedule: '0 6 1 * *', timeZone: 'Europe/London', paymentTermsDays: c.paymentTermsDays },
    });
  });

/** Results for scope (cohort_k and year_k, k = 1, 2): at most one per scope when `one`, else several. */
const aggregateResultsArb = (one: boolean) =>
  fc.array(
    fc.record({ k: fc.integer({ min: 1, max: 2 }), day: fc.integer({ min: 0, max: 1000 }), t: fc.integer({ min: -100, max: 4000 }), c: fc.integer({ min: 0, max: 1500 }) }),
    { maxLength: one ? 2 : 6 },
  ).map((rs) => {
    const kept = one ? rs.filter((r, i) => rs.findIndex((x) => x.k === r.k) === i) : rs;
    return kept.map((r, i): AggregateResult => ({
      id: `r${i}`, metric: 'agg', cohort: `cohort_${r.k}`, period: `year_${r.k}`, measuredOn: addDays('2021-01-01', r.day),
      treatmentValue: (r.t / 100).toFixed(2), comparisonValue: (r.c / 100).toFixed(2), treatmentSampleSize: 100,
    }));
  });

/** Two evaluations, the second with the first's obligations; returns both. */
function twice(definition: ContractDefinition, results: AggregateResult[], asOf1: string, asOf2: string): [EngineResult, EngineResult] {
  const first = evaluate(input(definition, [], { asOf: asOf1, results }));
  const second = evaluate(input(definition, [], { asOf: asOf2, results, priorObligations: asPrior(first, 'one') }));
  return [first, second];
}
const cutOffs = fc.tuple(fc.integer({ min: 0, max: 1100 }), fc.integer({ min: 0, max: 600 }))
  .map(([a, b]) => [addDays('2021-01-01', a), addDays('2021-01-01', a + b)] as const);

describe('engine properties: aggregate results', () => {
  it('accumulate and replace agree when there is one result per scope', () => {
    fc.assert(fc.property(fc.integer(), aggregateResultsArb(true), cutOffs, (seed, results, [asOf1, asOf2]) => {
      const [replace, accumulate] = (['replace', 'accumulate'] as const).map((mode) => fc.sample(aggregateContractArb(mode), { seed, numRuns: 1 })[0]!);
      const a = twice(replace!, results, asOf1, asOf2);
      const b = twice(accumulate!, results, asOf1, asOf2);
      for (const k of [0, 1]) {
        expect(b[k]!.lines).toEqual(a[k]!.lines);
        expect(b[k]!.obligations).toEqual(a[k]!.obligations);
      }
    }), { numRuns: 200 });
  });

  it('never pays less when a later successive period is measured (accumulating results; tiers and linear, without caps)', () => {
    // a later measurement adds its own payment (replace would take it as a re-estimate instead)
    fc.assert(fc.property(aggregateContractArb('accumulate'), aggregateResultsArb(false), ({ pricing, ...rest }, results) => {
      const definition = { ...rest, pricing: pricing.filter((r) => r.kind !== 'savings_share').map((r) => ({ ...r, cap: undefined })) } as ContractDefinition;
      const distinct = results.filter((r, i) => results.findIndex((x) => x.measuredOn === r.measuredOn) === i);
      const sorted = [...distinct].sort((x, y) => (x.measuredOn < y.measuredOn ? -1 : 1));
      const before = evaluate(input(definition, [], { results: sorted.slice(0, -1) }));
      const after = evaluate(input(definition, [], { results: sorted }));
      expect(new Dec(after.totals.entitled).gte(before.totals.entitled)).toBe(true);
    }), { numRuns: 150 });
  });

  it('proposes nothing more when its own obligations are fed back, even as interest keeps accruing', () => {
    fc.assert(fc.property(fc.constantFrom('replace', 'accumulate'), fc.integer(), aggregateResultsArb(false), cutOffs, (mode, seed, results, [asOf1, asOf2]) => {
      const definition = fc.sample(aggregateContractArb(mode), { seed, numRuns: 1 })[0]!;
      const [first, second] = twice(definition, results, asOf1, asOf2);
      const prior = [...asPrior(first, 'one'), ...asPrior(second, 'two')];
      const later = addDays(asOf2, 400);
      const known = results.filter((r) => r.measuredOn <= asOf2);
      const third = evaluate(input(definition, [], { asOf: later, results: known, priorObligations: prior }));
      expect(third.obligations).toEqual([]);
    }), { numRuns: 200 });
  });

  it('gives every scope statement items that add up exactly to its gross and amount', () => {
    fc.assert(fc.property(fc.constantFrom('replace', 'accumulate'), fc.integer(), aggregateResultsArb(false), cutOffs, (mode, seed, results, [asOf1, asOf2]) => {
      const definition = fc.sample(aggregateContractArb(mode), { seed, numRuns: 1 })[0]!;
      const first = expectItemsAddUp(input(definition, [], { asOf: asOf1, results }));
      expectItemsAddUp(input(definition, [], { asOf: asOf2, results, priorObligations: asPrior(first, 'one') }));
    }), { numRuns: 150 });
  });
});
