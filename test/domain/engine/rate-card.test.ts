import { Dec } from '../../../src/domain/money/money.ts';
import { describe, expect, it } from 'vitest';
import { claim, define, participantMetric, run, scopeOf, line } from './helpers.ts';

const dwpOutcomes: [string, string][] = [
  ['improved_behaviour', '1300'], ['improved_attendance', '800'], ['nqf_level_1', '700'], ['nqf_level_2', '2200'],
  ['nqf_level_3', '3300'], ['entry_to_education', '2000'], ['esol_completed', '1200'], ['employment_13_weeks', '2600'],
  ['employment_26_weeks', '1000'],
];

// UK DWP Innovation Fund rate card (domain.md): prices sum to 15,100, cap 11,700 per participant
const dwp = () =>
  define({
    policyArea: 'employment_and_training',
    metrics: dwpOutcomes.map(([k]) => participantMetric(k)),
    pricing: [{
      key: 'dwp_card', kind: 'rate_card', participantCap: '11700.00',
      outcomes: dwpOutcomes.map(([metric, price]) => ({
        metric, price, ...(metric === 'employment_26_weeks' ? { requires: ['employment_13_weeks'] } : {}),
      })),
    }],
  });

describe('rate card (DWP Innovation Fund)', () => {
  it('caps a participant achieving every outcome (prices sum to 15,100) at exactly 11,700.00', () => {
    const claims = dwpOutcomes.map(([metric], i) => claim('p1', metric, `2021-${String(i + 1).padStart(2, '0')}-15`));
    const r = run(dwp(), { claims });
    expect(line(r, 'dwp_card:cohort_1:payer').entitled).toBe('11700.00');
    expect(r.obligations).toHaveLength(1);
    expect(r.obligations[0]).toMatchObject({ amount: '11700.00', kind: 'payment', currency: 'GBP', recipient: 'provider', dueOn: '2027-01-30' });
    const scope = scopeOf(r, 'dwp_card', 'cohort_1');
    expect(scope.gross).toBe('15100');
    expect(scope.capEffects).toEqual([{ cap: 'participantCap', limit: '11700.00', cut: '3400' }]);
    expect(scope.net).toBe('11700');
    const p = scope.participants![0]!;
    expect(p.gross).toBe('15100');
    expect(p.net).toBe('11700');
    // the cut comes off the latest claims first: 26 weeks (1,000) entirely, then 2,400 of 13 weeks
    const paid = Object.fromEntries(p.claims.map((c) => [c.metric, c.paid]));
    expect(paid.employment_26_weeks).toBe('0');
    expect(paid.employment_13_weeks).toBe('200');
    expect(paid.improved_behaviour).toBe('1300');
  });

  it('cuts participants with the same claims the same way, and leaves those with fewer claims under the cap uncut', () => {
    // the cuts of one pattern of paid amounts are computed once and reused (caps.ts): every participant still gets its own
    const every = (ref: string) => dwpOutcomes.map(([metric], i) => claim(ref, metric, `2021-${String(i + 1).padStart(2, '0')}-15`));
    const two = (ref: string) => dwpOutcomes.slice(0, 2).map(([metric], i) => claim(ref, metric, `2021-${String(i + 1).padStart(2, '0')}-15`));
    const claims = [...every('p1'), ...two('p2'), ...every('p3'), ...every('p4'), ...two('p5')];
    const r = run(dwp(), { claims, detail: 'all' });
    const scope = scopeOf(r, 'dwp_card', 'cohort_1');
    const byRef = Object.fromEntries(scope.participants!.map((p) => [p.participantRef, p]));
    for (const ref of ['p1', 'p3', 'p4']) {
      expect(byRef[ref]!.net).toBe('11700');
      expect(byRef[ref]!.capEffects).toEqual([{ cap: 'participantCap', limit: '11700.00', cut: '3400' }]);
      expect(Object.fromEntries(byRef[ref]!.claims.map((c) => [c.metric, c.paid]))).toMatchObject({ employment_26_weeks: '0', employment_13_weeks: '200' });
    }
    const uncut = dwpOutcomes.slice(0, 2).reduce((sum, [, price]) => sum.plus(price), new Dec(0)).toFixed();
    for (const ref of ['p2', 'p5']) {
      expect(byRef[ref]!.net).toBe(uncut);
      expect(byRef[ref]!.capEffects).toEqual([]);
    }
    expect(scope.capEffects).toEqual([{ cap: 'participantCap', limit: '11700.00', cut: '10200' }]);
    expect(scope.net).toBe(new Dec('35100').plus(new Dec(uncut).times(2)).toFixed());
  });

  it('pays an outcome once per participant and refuses it without its prerequisite', () => {
    const claims = [
      claim('p1', 'employment_26_weeks', '2021-01-10'), // no 13 weeks yet
      claim('p1', 'employment_13_weeks', '2021-02-10'),
      claim('p1', 'employment_13_weeks', '2021-03-10'), // second time
      claim('p1', 'employment_26_weeks', '2021-05-10'),
    ];
    const r = run(dwp(), { claims });
    expect(line(r, 'dwp_card:cohort_1:payer').entitled).toBe('3600.00');
    const reasons = scopeOf(r, 'dwp_card', 'cohort_1').participants![0]!.claims.map((c) => c.reason ?? 'paid');
    expect(reasons).toEqual(['prerequisite missing: employment_13_weeks', 'paid', 'claim limit reached', 'paid']);
  });

  it('accepts a prerequisite achieved on the same day', () => {
    const claims = [claim('p1', 'employment_26_weeks', '2021-01-10'), claim('p1', 'employment_13_weeks', '2021-01-10')];
    expect(run(dwp(), { claims }).totals.entitled).toBe('3600.00');
  });

  it('ignores claims achieved after the cut-off and claims of other cohorts', () => {
    const def = define({
      cohorts: [
        { key: 'cohort_1', name: 'C1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
        { key: 'cohort_2', name: 'C2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
      ],
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', cohorts: ['cohort_1'], outcomes: [{ metric: 'job', price: '500' }] }],
    });
    const claims = [
      claim('a', 'job', '2021-06-01'), claim('b', 'job', '2021-07-01'), claim('c', 'job', '2021-06-01', { cohort: 'cohort_2' }),
    ];
    const r = run(def, { claims, asOf: '2021-06-30' });
    expect(r.lines.map((l) => [l.lineKey, l.entitled])).toEqual([['card:cohort_1:payer', '500.00']]);
  });

  it('caps an outcome across participants in achievement order, paying the claim that crosses the cap in part', () => {
    const def = define({
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '400', cap: '1000' }] }],
    });
    const claims = [claim('c', 'job', '2021-03-01'), claim('a', 'job', '2021-01-01'), claim('b', 'job', '2021-02-01')];
    const r = run(def, { claims, detail: 'all' });
    expect(r.totals.entitled).toBe('1000.00');
    const scope = scopeOf(r, 'card', 'cohort_1');
    expect(scope.capEffects).toEqual([{ cap: 'outcome.cap (job)', limit: '1000', cut: '200' }]);
    const paid = Object.fromEntries(scope.participants!.map((p) => [p.participantRef, p.net]));
    expect(paid).toEqual({ a: '400', b: '400', c: '200' });
  });

  it('orders claims of the same day by id', () => {
    const def = define({
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '400', maxClaimsPerParticipant: 1 }] }],
    });
    const claims = [
      { id: 'z', participantRef: 'a', metric: 'job', cohort: 'cohort_1', achievedOn: '2021-01-01' },
      { id: 'b', participantRef: 'a', metric: 'job', cohort: 'cohort_1', achievedOn: '2021-01-01' },
    ];
    const p = scopeOf(run(def, { claims }), 'card', 'cohort_1').participants![0]!;
    expect(p.claims.map((c) => [c.claimId, c.reason ?? 'paid'])).toEqual([['b', 'paid'], ['z', 'claim limit reached']]);
  });
});

// Homelessness rate card with sustainment clocks (domain.md; London/Manchester SIBs, illustrative subset)
const homelessness = () =>
  define({
    policyArea: 'homelessness',
    metrics: [
      participantMetric('entry_to_accommodation'), participantMetric('accommodation_ended', { direction: 'decrease' }),
      participantMetric('sustained_3_months'), participantMetric('sustained_6_months'), participantMetric('sustained_12_months'),
      participantMetric('wellbeing_assessment'), participantMetric('full_time_employment_26_weeks'), participantMetric('volunteering_13_weeks'),
    ],
    pricing: [{
      key: 'homes', kind: 'rate_card', participantCap: '19000',
      outcomes: [
        { metric: 'entry_to_accommodation', price: '600' },
        { metric: 'sustained_3_months', price: '1500', sustainment: { clockStart: 'entry_to_accommodation', months: 3, resetBy: ['accommodation_ended'] } },
        { metric: 'sustained_6_months', price: '1500', sustainment: { clockStart: 'entry_to_accommodation', months: 6, resetBy: ['accommodation_ended'] } },
        { metric: 'sustained_12_months', price: '2600', sustainment: { clockStart: 'entry_to_accommodation', months: 12, resetBy: ['accommodation_ended'] } },
        { metric: 'wellbeing_assessment', price: '100', maxClaimsPerParticipant: 3 },
        { metric: 'full_time_employment_26_weeks', price: '10000' },
        { metric: 'volunteering_13_weeks', price: '5000' },
      ],
    }],
  });

describe('rate card with sustainment clocks (homelessness)', () => {
  it('restarts the clock when accommodation ends before 3 months: paid only 3 months after re-entry', () => {
    const claims = [
      claim('client', 'entry_to_accommodation', '2021-01-05'),
      claim('client', 'accommodation_ended', '2021-02-20'),
      claim('client', 'entry_to_accommodation', '2021-03-10'), // re-entry: not paid again, but restarts the clock
      claim('client', 'sustained_3_months', '2021-04-05'), // 3 months after the first entry, but it ended in between
      claim('client', 'sustained_3_months', '2021-06-09'), // one day short of 3 months after re-entry
      claim('client', 'sustained_3_months', '2021-06-10'), // 3 months after re-entry
    ];
    const r = run(homelessness(), { claims });
    const p = scopeOf(r, 'homes', 'cohort_1').participants![0]!;
    expect(p.claims.map((c) => [c.metric, c.achievedOn, c.paid, c.reason ?? ''])).toEqual([
      ['entry_to_accommodation', '2021-01-05', '600', ''],
      ['entry_to_accommodation', '2021-03-10', '0', 'claim limit reached'],
      ['sustained_3_months', '2021-04-05', '0', 'sustainment clock not satisfied'],
      ['sustained_3_months', '2021-06-09', '0', 'sustainment clock not satisfied'],
      ['sustained_3_months', '2021-06-10', '1500', ''],
    ]);
    expect(r.totals.entitled).toBe('2100.00');
  });

  it('pays a sustainment outcome when no reset falls after the clock start', () => {
    const claims = [
      claim('client', 'accommodation_ended', '2020-12-01'), // before the clock started: irrelevant
      claim('client', 'entry_to_accommodation', '2021-01-15'),
      claim('client', 'sustained_3_months', '2021-04-15'),
      claim('client', 'sustained_6_months', '2021-07-15'),
      claim('client', 'sustained_12_months', '2022-01-15'),
    ];
    expect(run(homelessness(), { claims }).totals.entitled).toBe('6200.00');
  });

  it('reads the clock as "start on or before achievedOn minus months" (month ends clamp: 30 Apr − 3 months = 30 Jan)', () => {
    const claims = [
      claim('client', 'entry_to_accommodation', '2021-01-31'),
      claim('client', 'sustained_3_months', '2021-04-30'),
      claim('client', 'sustained_3_months', '2021-05-01'),
    ];
    const p = scopeOf(run(homelessness(), { claims }), 'homes', 'cohort_1').participants![0]!;
    expect(p.claims.map((c) => c.reason ?? 'paid')).toEqual(['paid', 'sustainment clock not satisfied', 'paid']);
  });

  it('pays a wellbeing assessment (£100) at most 3 times', () => {
    const claims = ['2021-01-01', '2021-02-01', '2021-03-01', '2021-04-01'].map((d) => claim('client', 'wellbeing_assessment', d));
    const r = run(homelessness(), { claims });
    expect(r.totals.entitled).toBe('300.00');
    expect(scopeOf(r, 'homes', 'cohort_1').participants![0]!.claims.map((c) => c.reason ?? 'paid')).toEqual(['paid', 'paid', 'paid', 'claim limit reached']);
  });

  it('caps a client at £19,000', () => {
    const claims = [
      claim('client', 'entry_to_accommodation', '2021-01-01'),
      claim('client', 'sustained_3_months', '2021-04-01'),
      claim('client', 'sustained_6_months', '2021-07-01'),
      claim('client', 'sustained_12_months', '2022-01-01'),
      claim('client', 'wellbeing_assessment', '2021-02-01'),
      claim('client', 'full_time_employment_26_weeks', '2022-03-01'),
      claim('client', 'volunteering_13_weeks', '2022-06-01'),
      claim('other', 'entry_to_accommodation', '2021-01-01'),
    ];
    const r = run(homelessness(), { claims });
    const scope = scopeOf(r, 'homes', 'cohort_1');
    // client: 600 + 1500 + 1500 + 2600 + 100 + 10000 + 5000 = 21,300 → 19,000; other: 600
    expect(scope.gross).toBe('21900');
    expect(scope.capEffects).toEqual([{ cap: 'participantCap', limit: '19000', cut: '2300' }]);
    expect(r.totals.entitled).toBe('19600.00');
    // default detail lists only exceptions: the capped client, not the other one
    expect(scope.participants!.map((p) => p.participantRef)).toEqual(['client']);
    expect(scope.participants![0]!.claims.at(-1)).toMatchObject({ metric: 'volunteering_13_weeks', paid: '2700', reason: 'participant cap reached' });
  });
});

describe('participant detail', () => {
  const def = () =>
    define({
      metrics: [participantMetric('job')],
      pricing: [{ key: 'card', kind: 'rate_card', outcomes: [{ metric: 'job', price: '100' }] }],
    });
  const claims = () => [claim('a', 'job', '2021-01-01'), claim('b', 'job', '2021-01-02'), claim('b', 'job', '2021-01-03')];

  it("lists only participants with an unpaid claim or a cut by default ('exceptions')", () => {
    expect(scopeOf(run(def(), { claims: claims() }), 'card', 'cohort_1').participants!.map((p) => p.participantRef)).toEqual(['b']);
  });
  it("lists everyone with 'all'", () => {
    expect(scopeOf(run(def(), { claims: claims(), detail: 'all' }), 'card', 'cohort_1').participants!.map((p) => p.participantRef)).toEqual(['a', 'b']);
  });
  it("lists nobody and no claim ids with 'none'", () => {
    const s = scopeOf(run(def(), { claims: claims(), detail: 'none' }), 'card', 'cohort_1');
    expect(s.participants).toBeUndefined();
    expect(s.inputs.claimIds).toBeUndefined();
    expect(s.inputs.claims).toBe(3);
  });
});
