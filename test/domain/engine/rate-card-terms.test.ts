import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/domain/money/money.ts';
import { asPrior, claim, define, line, participantMetric, run, scopeOf } from './helpers.ts';

/**
 * Issue 14, gaps 1–3: payment terms as real contracts write them — quantities, open and periodic
 * claim limits, retroactive eligibility — and the rate card's statement items.
 */
const housing = (outcome: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => define({
  policyArea: 'homelessness',
  metrics: [participantMetric('night_housed', { unit: 'night' }), participantMetric('tenancy_12_months'), participantMetric('engagement')],
  pricing: [{
    key: 'housing', kind: 'rate_card', ...extra,
    outcomes: [
      { metric: 'night_housed', price: '25.00', maxClaimsPerParticipant: null, awaits: [{ metric: 'tenancy_12_months' }], ...outcome },
      { metric: 'tenancy_12_months', price: '1000.00' },
    ],
  }],
});

describe('quantities', () => {
  it('pays price × quantity and says so in the statement items', () => {
    const r = run(housing({ awaits: [] }), { claims: [
      claim('p1', 'night_housed', '2021-01-31', { quantity: '31' }),
      claim('p1', 'night_housed', '2021-02-28', { quantity: '28' }),
      claim('p2', 'night_housed', '2021-01-31', { quantity: '2.5' }),
    ] });
    expect(line(r, 'housing:cohort_1:payer').entitled).toBe('1537.50');
    const scope = scopeOf(r, 'housing', 'cohort_1');
    expect(scope.items).toEqual([{ item: 'night_housed', unit: 'night', quantity: '61.5', unitPrice: '25', gross: '1537.5', capEffects: [], net: '1537.5' }]);
    expect(scope.participants ?? []).toEqual([]);
  });

  it('scales payment linearly with quantities below the caps (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 2, max: 5 }), (qs, k) => {
      const claims = (m: number) => qs.map((q, i) => claim(`p${i}`, 'night_housed', '2021-01-31', { id: `c${i}`, quantity: String(q * m) }));
      const once = new Dec(run(housing({ awaits: [] }), { claims: claims(1) }).totals.entitled);
      const scaled = new Dec(run(housing({ awaits: [] }), { claims: claims(k) }).totals.entitled);
      expect(scaled.eq(once.times(k))).toBe(true);
    }), { numRuns: 50 });
  });

  it('caps count money: a participant cap cuts the units paid in money, latest first', () => {
    const r = run(housing({ awaits: [] }, { participantCap: '1000.00' }), { claims: [
      claim('p1', 'night_housed', '2021-01-31', { quantity: '31' }), claim('p1', 'night_housed', '2021-02-28', { quantity: '28' }),
    ] });
    expect(line(r, 'housing:cohort_1:payer').entitled).toBe('1000.00');
    const item = scopeOf(r, 'housing', 'cohort_1').items![0]!;
    expect(item).toMatchObject({ quantity: '59', gross: '1475', net: '1000', capEffects: [{ cap: 'participantCap', limit: '1000.00', cut: '475' }] });
  });
});

describe('claim limits', () => {
  const sessions = (outcome: Record<string, unknown>) => define({
    metrics: [participantMetric('session', { unit: 'session' })],
    pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'session', price: '10.00', ...outcome }] }],
  });
  const monthly = ['2021-01-05', '2021-01-12', '2021-01-19', '2021-01-26', '2021-02-02', '2021-02-09'].map((d, i) => claim('p1', 'session', d, { id: `s${i}` }));

  it('no limit: pays every time the outcome recurs (failed before: the limit had to be 1–1000)', () => {
    expect(run(sessions({ maxClaimsPerParticipant: null }), { claims: monthly }).totals.entitled).toBe('60.00');
  });

  it('a limit per month: at most 3 a calendar month', () => {
    const r = run(sessions({ maxClaimsPerParticipant: 3, claimLimitPer: 'month' }), { claims: monthly });
    expect(r.totals.entitled).toBe('50.00');
    const reasons = scopeOf(r, 'card', 'cohort_1').participants![0]!.claims.map((c) => c.reason ?? 'paid');
    expect(reasons).toEqual(['paid', 'paid', 'paid', 'claim limit reached', 'paid', 'paid']);
  });

  it('a limit per quarter and per year', () => {
    expect(run(sessions({ maxClaimsPerParticipant: 4, claimLimitPer: 'quarter' }), { claims: monthly }).totals.entitled).toBe('40.00');
    expect(run(sessions({ maxClaimsPerParticipant: 2, claimLimitPer: 'year' }), { claims: monthly }).totals.entitled).toBe('20.00');
  });

  it('a limit counting units pays a claim that crosses it for the units left', () => {
    const claims = [claim('p1', 'session', '2021-01-05', { quantity: '4' }), claim('p1', 'session', '2021-01-06', { quantity: '4' })];
    const r = run(sessions({ maxClaimsPerParticipant: 6, claimLimitCounts: 'units' }), { claims });
    expect(r.totals.entitled).toBe('60.00');
    const p = scopeOf(r, 'card', 'cohort_1').participants![0]!;
    expect(p.claims[1]).toMatchObject({ quantity: '4', price: '20', paid: '20', reason: 'claim limit reached: 2 of 4 units paid' });
    expect(scopeOf(r, 'card', 'cohort_1').items![0]).toMatchObject({ quantity: '6', gross: '60', net: '60' });
  });
});

describe('retroactive eligibility', () => {
  const nights = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => {
    const month = from + i;
    return claim('p1', 'night_housed', `${2021 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-28`, { id: `n${month}`, quantity: '28' });
  });

  it('holds claims "awaiting" the condition, then pays them all once it is met (failed before: requires looked backwards only)', () => {
    const held = run(housing(), { asOf: '2021-12-31', claims: nights(1, 12) });
    expect(held.totals.entitled).toBe('0.00');
    const scope = scopeOf(held, 'housing', 'cohort_1');
    expect(scope.participants![0]!.claims.every((c) => c.reason === 'awaiting tenancy_12_months')).toBe(true);
    expect(scope.tests[0]).toMatch(/12 claims, 0 eligible; not paid: 12 awaiting tenancy_12_months/);

    const later = [...nights(1, 13), claim('p1', 'tenancy_12_months', '2022-01-10', { id: 't1' })];
    const met = run(housing(), { asOf: '2022-01-31', claims: later, prior: asPrior(held) });
    // 13 months of 28 nights at 25.00, and the tenancy outcome itself
    expect(line(met, 'housing:cohort_1:payer').entitled).toBe(String(13 * 28 * 25 + 1000) + '.00');
    expect(met.obligations).toHaveLength(1);
    // a further evaluation pays nothing twice
    expect(run(housing(), { asOf: '2022-01-31', claims: later, prior: [...asPrior(held), ...asPrior(met, 'b')] }).obligations).toEqual([]);
  });

  it('looks back only within the window when one is given', () => {
    const claims = [...nights(1, 13), claim('p1', 'tenancy_12_months', '2022-01-10', { id: 't1' })];
    const r = run(housing({ awaits: [{ metric: 'tenancy_12_months', withinMonths: 6 }] }), { asOf: '2022-01-31', claims });
    // nights from 2021-07-10 on: July to December 2021 and January 2022
    expect(line(r, 'housing:cohort_1:payer').entitled).toBe(String(7 * 28 * 25 + 1000) + '.00');
    const reasons = scopeOf(r, 'housing', 'cohort_1').participants![0]!.claims.filter((c) => c.reason).map((c) => c.reason);
    expect(new Set(reasons)).toEqual(new Set(['awaiting tenancy_12_months within 6 months']));
  });

  it('never pays a held claim twice, whatever the order of evaluations (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), (months, conditionMonth, window) => {
      const all = [...nights(1, months), claim('p1', 'tenancy_12_months', `${2021 + Math.floor((conditionMonth - 1) / 12)}-${String(((conditionMonth - 1) % 12) + 1).padStart(2, '0')}-15`, { id: 't1' })];
      const definition = housing(window ? { awaits: [{ metric: 'tenancy_12_months', withinMonths: 3 }] } : {});
      let prior = [] as ReturnType<typeof asPrior>;
      let k = 0;
      for (const asOf of ['2021-06-30', '2021-12-31', '2022-06-30', '2022-12-31']) {
        const r = run(definition, { asOf, claims: all, prior: prior });
        prior = [...prior, ...asPrior(r, `e${k++}`)];
      }
      const paid = prior.reduce((s, o) => s.plus(o.amount), new Dec(0));
      const once = new Dec(run(definition, { asOf: '2022-12-31', claims: all }).totals.entitled);
      expect(paid.eq(once)).toBe(true);
    }), { numRuns: 60 });
  });
});

describe('definitions with awaited conditions', () => {
  it('refuses an awaited metric that is not a participant outcome of the contract, naming its path', () => {
    expect(() => housing({ awaits: [{ metric: 'tenancy_12_monthz' }] })).toThrow(/pricing\.0\.outcomes\.0\.awaits\.0\.metric: unknown metric "tenancy_12_monthz"/);
  });

  it('says "awaiting X" when the condition was never met, and names the window only when it was met too late', () => {
    const r = run(housing({ awaits: [{ metric: 'tenancy_12_months', withinMonths: 1 }] }), { claims: [
      claim('p1', 'night_housed', '2021-01-31', { quantity: '31' }),
      claim('p2', 'night_housed', '2021-01-31', { quantity: '31' }), claim('p2', 'tenancy_12_months', '2021-12-31'),
    ] });
    const reasons = scopeOf(r, 'housing', 'cohort_1').participants!.map((p) => p.claims[0]!.reason);
    expect(reasons).toEqual(['awaiting tenancy_12_months', 'awaiting tenancy_12_months within 1 months']);
  });
});
