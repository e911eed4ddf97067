import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/domain/contract/validate.ts';
import { asPrior, baseContract, claim, define, line, participantMetric, run, scopeOf } from './helpers.ts';

/** Issue 14, gap 4: volume bands priced 0 (a baseline) and bands with a maximum amount. */

const cohorts = [
  { key: 'cohort_1', name: 'Cohort 1', enrolment: { start: '2020-01-01', end: '2020-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
  { key: 'cohort_2', name: 'Cohort 2', enrolment: { start: '2021-01-01', end: '2021-12-31' }, followUpMonths: 0, recordingLagMonths: 0 },
];
const def = (bands: unknown[], extra: Record<string, unknown> = {}) => define({
  cohorts, metrics: [participantMetric('job_start')],
  pricing: [{ key: 'volume', kind: 'volume_banded', metric: 'job_start', bands, ...extra }],
});
const starts = (n: number, cohortOf: (i: number) => string = () => 'cohort_1') =>
  Array.from({ length: n }, (_, i) => claim(`p${i + 1}`, 'job_start', `2021-01-${String(i + 1).padStart(2, '0')}`, { cohort: cohortOf(i) }));

function problemsOf(bands: unknown[]) {
  const v = validateDefinition({
    ...baseContract(), metrics: [participantMetric('job_start')],
    pricing: [{ key: 'volume', kind: 'volume_banded', metric: 'job_start', bands }],
  });
  return v.ok ? [] : v.problems.map((p) => ({ path: p.path.join('.'), message: p.message }));
}

describe('volume bands: definition', () => {
  it('accepts a band priced "0" or "0.00" and a band maximum', () => {
    expect(problemsOf([{ upTo: 10, price: '0' }, { upTo: 20, price: '0.00' }, { price: '500', maxAmount: '10000' }])).toEqual([]);
  });

  it('refuses a negative price, a zero maximum, and a maximum on a band that pays nothing', () => {
    const problems = problemsOf([{ upTo: 10, price: '-1' }, { upTo: 20, price: '0', maxAmount: '100' }, { price: '5', maxAmount: '0' }]);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['pricing.0.bands.0.price', 'pricing.0.bands.2.maxAmount']));
    expect(problems).toContainEqual({ path: 'pricing.0.bands.1.maxAmount', message: 'this band pays nothing (price 0): a maximum amount has no effect' });
  });
});

describe('volume bands: a zero-price baseline band', () => {
  it('pays nothing for the first N outcomes, which still count towards the bands', () => {
    const r = run(def([{ upTo: 3, price: '0' }, { upTo: 5, price: '1000' }, { price: '800' }]), { claims: starts(7), detail: 'all' });
    // outcomes 1–3 are the baseline; 4–5 at 1,000; 6–7 at 800
    expect(line(r, 'volume:cohort_1:payer').entitled).toBe('3600.00');
    const s = scopeOf(r, 'volume', 'cohort_1');
    expect(s.items!.map((i) => [i.item, i.unit, i.quantity, i.unitPrice, i.gross, i.net])).toEqual([
      ['band 1 (outcomes 1 to 3)', 'claims', '3', '0', '0', '0'],
      ['band 2 (outcomes 4 to 5)', 'claims', '2', '1000', '2000', '2000'],
      ['band 3 (outcome 6 onwards)', 'claims', '2', '800', '1600', '1600'],
    ]);
    expect(s.participants!.slice(0, 4).map((p) => p.claims.map((c) => [c.price, c.paid, c.reason]))).toEqual([
      [['0', '0', undefined]], [['0', '0', undefined]], [['0', '0', undefined]], [['1000', '1000', undefined]],
    ]);
    // the baseline participants are not exceptions
    expect(scopeOf(run(def([{ upTo: 3, price: '0' }, { price: '1000' }]), { claims: starts(4) }), 'volume', 'cohort_1').participants).toEqual([]);
  });
});

describe('volume bands: a maximum amount per band', () => {
  const bands = [{ upTo: 5, price: '1000', maxAmount: '2500' }, { price: '500' }];

  it('pays the band in achievement order across cohorts until its maximum, the crossing outcome in part, as a cap effect of the band', () => {
    // outcomes 1 (c1), 2 (c2), 3 (c1: 500 of 1,000), 4 (c2: nothing), 5 (c1: nothing) in band 1; 6 (c2) in band 2 at 500
    const claims = starts(6, (i) => (i % 2 === 0 ? 'cohort_1' : 'cohort_2'));
    const r = run(def(bands), { claims });
    expect(line(r, 'volume:cohort_1:payer').entitled).toBe('1500.00');
    expect(line(r, 'volume:cohort_2:payer').entitled).toBe('1500.00');
    const c1 = scopeOf(r, 'volume', 'cohort_1');
    expect([c1.gross, c1.net]).toEqual(['3000', '1500']);
    expect(c1.capEffects).toEqual([{ cap: 'band.maxAmount (band 1)', limit: '2500', cut: '1500' }]);
    expect(c1.items).toEqual([{
      item: 'band 1 (outcomes 1 to 5)', unit: 'claims', quantity: '3', unitPrice: '1000', gross: '3000',
      capEffects: [{ cap: 'band.maxAmount (band 1)', limit: '2500', cut: '1500' }], net: '1500',
    }]);
    const c2 = scopeOf(r, 'volume', 'cohort_2');
    expect(c2.capEffects).toEqual([{ cap: 'band.maxAmount (band 1)', limit: '2500', cut: '1000' }]);
    expect(c2.items!.map((i) => [i.item, i.quantity, i.gross, i.net])).toEqual([['band 1 (outcomes 1 to 5)', '2', '2000', '1000'], ['band 2 (outcome 6 onwards)', '1', '500', '500']]);
    // the participants cut are explained (exceptions)
    expect(c1.participants!.map((p) => [p.participantRef, p.gross, p.net, p.claims[0]!.reason, p.capEffects])).toEqual([
      ['p3', '1000', '500', 'band maximum reached: paid in part', [{ cap: 'band.maxAmount (band 1)', limit: '2500', cut: '500' }]],
      ['p5', '1000', '0', 'band maximum reached', [{ cap: 'band.maxAmount (band 1)', limit: '2500', cut: '1000' }]],
    ]);
    expect(r.rules[0]!.capEffects).toEqual([{ cap: 'band.maxAmount (band 1)', limit: '2500', cut: '2500' }]);
  });

  it('is cumulative: a later evaluation pays nothing more for the band once its maximum is reached', () => {
    const first = run(def(bands), { asOf: '2021-01-03', claims: starts(6) });
    expect(first.totals.entitled).toBe('2500.00');
    const second = run(def(bands), { claims: starts(6), prior: asPrior(first) });
    expect(second.obligations.map((o) => o.amount)).toEqual(['500.00']); // outcome 6, band 2
  });

  it('splits a band item per indexed price, each with its share of the cut', () => {
    const r = run(def([{ upTo: 4, price: '1000', maxAmount: '3500' }, { price: '1' }], {}), {
      claims: [...starts(2), claim('q1', 'job_start', '2022-02-01'), claim('q2', 'job_start', '2022-02-02')],
    });
    expect(line(r, 'volume:cohort_1:payer').entitled).toBe('3500.00');
    const indexed = define({
      cohorts, metrics: [participantMetric('job_start')],
      indexation: { kind: 'schedule', steps: [{ effectiveFrom: '2022-01-01', factor: '1.1' }] },
      pricing: [{ key: 'volume', kind: 'volume_banded', metric: 'job_start', bands: [{ upTo: 4, price: '1000', maxAmount: '3500' }, { price: '1' }] }],
    });
    const ri = run(indexed, { claims: [...starts(2), claim('q1', 'job_start', '2022-02-01'), claim('q2', 'job_start', '2022-02-02')] });
    expect(scopeOf(ri, 'volume', 'cohort_1').items!.map((i) => [i.item, i.quantity, i.unitPrice, i.gross, i.capEffects.map((e) => e.cut), i.net])).toEqual([
      ['band 1 (outcomes 1 to 4) at 1000', '2', '1000', '2000', [], '2000'],
      ['band 1 (outcomes 1 to 4) at 1100', '2', '1100', '2200', ['700'], '1500'],
    ]);
    expect(ri.totals.entitled).toBe('3500.00');
  });
});
