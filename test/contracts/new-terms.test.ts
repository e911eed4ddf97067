import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ContractDefinition } from '../../src/domain/contract/definition.ts';
import { validateDefinition } from '../../src/domain/contract/validate.ts';
import { evaluate } from '../../src/domain/engine/evaluate.ts';
import type { EngineResult, ParticipantExplanation, PriorObligation } from '../../src/domain/engine/types.ts';
import type { ParticipantClaim } from '../../src/domain/measurement/types.ts';

/**
 * Issue 14, "Also": the two example contracts that need the new rate-card terms, evaluated through
 * the engine with their sample data in contracts/data/, against figures worked out by hand.
 *
 * - denver-supportive-housing: USD 15.12 per day stably housed (quantity = days in the quarter),
 *   held "awaiting one_year_stably_housed" until the one-year threshold (or a planned exit), then
 *   paid for the days before it too, looking back 12 months.
 * - kirklees-better-outcomes: a month of active support with no claim limit (quantity = months in
 *   the quarter), held until the support plan is agreed (3-month look-back); wellbeing at most once
 *   a quarter; accommodation at most twice; paid 70% / 30% by Kirklees Council and the LCF.
 */

const root = join(import.meta.dirname, '..', '..', 'contracts');

function definitionOf(name: string): ContractDefinition {
  const v = validateDefinition(JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')));
  if (!v.ok) throw new Error(`${name}.json is invalid:\n${v.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n')}`);
  return v.definition;
}

/** The sample claims as the engine sees them once validated: id `<name>-<line number>`, quantity when given. */
function claimsOf(name: string): ParticipantClaim[] {
  const rows = parse(readFileSync(join(root, 'data', `${name}.claims.csv`), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r, i) => ({
    id: `${name}-${String(i + 2).padStart(4, '0')}`,
    participantRef: r.participant_ref!,
    metric: r.outcome!,
    cohort: r.cohort!,
    achievedOn: r.achieved_on!,
    heldFrom: r.held_from ? r.held_from : null,
    ...(r.quantity ? { quantity: r.quantity } : {}),
  }));
}

/** Cumulative evaluations, each seeing the obligations of the ones before (as the scheduler runs them). */
function evaluations(definition: ContractDefinition, claims: ParticipantClaim[], dates: string[]): Map<string, EngineResult> {
  const out = new Map<string, EngineResult>();
  const prior: PriorObligation[] = [];
  for (const asOf of dates) {
    const r = evaluate({ definition, asOf, claims, results: [], priorObligations: [...prior], drawdowns: [], participantDetail: 'all' });
    r.obligations.forEach((o, i) => prior.push({ id: `${asOf}-${i + 1}`, lineKey: o.lineKey, amount: o.amount, dueOn: o.dueOn }));
    out.set(asOf, r);
  }
  return out;
}

const entitled = (r: EngineResult, lineKey: string) => r.lines.find((l) => l.lineKey === lineKey)?.entitled ?? '0.00';
const newOn = (r: EngineResult) => Object.fromEntries(r.obligations.map((o) => [o.lineKey, o.amount]));
const scope = (r: EngineResult, key: string) => r.rules[0]!.scopes.find((s) => s.scope === key)!;
const participant = (r: EngineResult, ref: string): ParticipantExplanation => {
  for (const s of r.rules[0]!.scopes) {
    const p = s.participants?.find((x) => x.participantRef === ref);
    if (p) return p;
  }
  throw new Error(`no participant ${ref}`);
};
/** Units (the claims' quantities) of a participant's claims of one metric, by reason ('paid' when none). */
function unitsBy(p: ParticipantExplanation, metric: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of p.claims.filter((x) => x.metric === metric)) {
    const why = c.reason ?? 'paid';
    out[why] = (out[why] ?? 0) + Number(c.quantity ?? '1');
  }
  return out;
}

describe('denver-supportive-housing: USD 15.12 a day, payable once the one-year threshold is reached', () => {
  const definition = definitionOf('denver-supportive-housing');
  const claims = claimsOf('denver-supportive-housing');
  const runs = evaluations(definition, claims, ['2016-12-31', '2017-12-31', '2018-12-31', '2019-12-31', '2021-03-31']);
  const at = (d: string) => runs.get(d)!;
  const HELD = 'awaiting one_year_stably_housed within 12 months';
  const WAITING = 'awaiting one_year_stably_housed';

  it('encodes the per diem with no claim limit, awaiting the threshold with a 12-month look-back', () => {
    const line = definition.pricing[0]!;
    expect(line.kind).toBe('rate_card');
    if (line.kind !== 'rate_card') return;
    expect(line.outcomes).toMatchObject([{
      metric: 'stable_housing_days', price: '15.12', maxClaimsPerParticipant: null, awaits: [{ metric: 'one_year_stably_housed', withinMonths: 12 }],
    }]);
    expect(definition.metrics.find((m) => m.key === 'stable_housing_days')?.unit).toBe('day');
  });

  it('2016-12-31: no one has reached the year, so all 874 days housed are held, not refused, and nothing is owed', () => {
    const r = at('2016-12-31');
    expect(r.obligations).toEqual([]);
    expect(r.totals.entitled).toBe('0.00');
    const s = scope(r, 'housed_2016');
    expect(s.tests[0]).toMatch(/stable_housing_days \(price 15\.12; no claim limit; payable once one_year_stably_housed \(looking back 12 months\) is reached\): 12 claims, 0 eligible; not paid: 12 awaiting/);
    const held = ['P-160101', 'P-160102', 'P-160103', 'P-160104'].map((ref) => unitsBy(participant(r, ref), 'stable_housing_days'));
    expect(held).toEqual([{ [WAITING]: 321 }, { [WAITING]: 244 }, { [WAITING]: 180 }, { [WAITING]: 129 }]);
  });

  it('2017-12-31: the held 2016 days become payable with the threshold: 1,403 days x 15.12 = USD 21,213.36', () => {
    const r = at('2017-12-31');
    expect(newOn(r)).toEqual({ 'housing_stability:housed_2016:denver': '21213.36' });
    expect(scope(r, 'housed_2016').items).toEqual([
      { item: 'stable_housing_days', unit: 'day', quantity: '1403', unitPrice: '15.12', gross: '21213.36', capEffects: [], net: '21213.36' },
    ]);
    // P-160101: 686 days from move-in (2016-02-15) to 2017-12-31, including the 321 days of 2016 held a year ago
    const p1 = participant(r, 'P-160101');
    expect(unitsBy(p1, 'stable_housing_days')).toEqual({ paid: 686 });
    expect(p1.claims.find((c) => c.achievedOn === '2016-03-31')).toMatchObject({ quantity: '46', price: '695.52', paid: '695.52' });
    expect(p1.net).toBe('10372.32');
    // P-160102 moved between providers in 2016 Q4: two claims of the same date, with distinct evidence, both paid
    const q4 = participant(r, 'P-160102').claims.filter((c) => c.achievedOn === '2016-12-31');
    expect(q4.map((c) => [c.quantity, c.paid])).toEqual([['44', '665.28'], ['48', '725.76']]);
    expect(participant(r, 'P-160102').net).toBe('7817.04'); // 517 days
    // P-160103 left in a planned exit before the year: the 200 days before the exit are paid
    expect(participant(r, 'P-160103').net).toBe('3024');
    // P-160104 (threshold in 2018) and the 2017 cohort are still held
    expect(unitsBy(participant(r, 'P-160104'), 'stable_housing_days')).toEqual({ [WAITING]: 430 });
    expect(entitled(r, 'housing_stability:housed_2017:denver')).toBe('0.00');
  });

  it('2018-12-31: the year reached in a second tenancy pays that tenancy only; the first stays held (12-month look-back)', () => {
    const r = at('2018-12-31');
    // P-160104: 482 days from re-housing (2017-03-06) paid; the 129 days of the failed 2016 tenancy stay held
    expect(unitsBy(participant(r, 'P-160104'), 'stable_housing_days')).toEqual({ [HELD]: 129, paid: 482 });
    // P-170105: 456 days from 2017-10-02, threshold 2018-10-02
    expect(unitsBy(participant(r, 'P-170105'), 'stable_housing_days')).toEqual({ paid: 456 });
    // P-170106 left in an unplanned exit before the year: its 145 days are never paid
    expect(unitsBy(participant(r, 'P-170106'), 'stable_housing_days')).toEqual({ [WAITING]: 145 });
    // P-180107 moved in 2018-08-20: held until 2019
    expect(unitsBy(participant(r, 'P-180107'), 'stable_housing_days')).toEqual({ [WAITING]: 134 });
    expect(newOn(r)).toEqual({
      'housing_stability:housed_2016:denver': '7287.84', // 482 x 15.12
      'housing_stability:housed_2017:denver': '6894.72', // 456 x 15.12
    });
    expect(entitled(r, 'housing_stability:housed_2016:denver')).toBe('28501.20'); // (1,403 + 482) x 15.12
  });

  it('2019-12-31 and the end of the term: P-180107\'s 407 days pay once, and nothing is paid twice', () => {
    expect(newOn(at('2019-12-31'))).toEqual({ 'housing_stability:housed_2018:denver': '6153.84' }); // 407 x 15.12
    const end = at('2021-03-31');
    expect(end.obligations).toEqual([]);
    // 2,748 of the 3,022 days claimed are paid; 274 (P-160104's first tenancy and P-170106) never are
    expect(end.totals.entitled).toBe('41549.76');
    const claimed = claims.filter((c) => c.metric === 'stable_housing_days').reduce((n, c) => n + Number(c.quantity), 0);
    expect(claimed).toBe(3022);
  });
});

describe('kirklees-better-outcomes: a month of support with no claim limit, awaiting the support plan', () => {
  const definition = definitionOf('kirklees-better-outcomes');
  const claims = claimsOf('kirklees-better-outcomes');
  const runs = evaluations(definition, claims, ['2020-03-31', '2020-12-31', '2021-12-31', '2023-03-31']);
  const at = (d: string) => runs.get(d)!;
  const HELD = 'awaiting support_plan_agreed within 3 months';
  const WAITING = 'awaiting support_plan_agreed';
  const line = (cohort: string, payer: string) => `kbop_rate_card:${cohort}:${payer}`;

  it('encodes the month of support without a claim limit and the other lines with theirs', () => {
    const rule = definition.pricing[0]!;
    if (rule.kind !== 'rate_card') throw new Error('expected a rate card');
    const limits = Object.fromEntries(rule.outcomes.map((o) => [o.metric, [o.maxClaimsPerParticipant, o.claimLimitPer]]));
    expect(limits).toEqual({
      support_plan_agreed: [1, 'term'],
      support_month: [null, 'term'],
      accommodation_secured: [2, 'term'],
      accommodation_sustained_6_months: [1, 'term'],
      wellbeing_improved: [1, 'quarter'],
      ete_entry: [1, 'term'],
      ete_sustained_13_weeks: [1, 'term'],
    });
    expect(rule.outcomes.find((o) => o.metric === 'support_month')?.awaits).toEqual([{ metric: 'support_plan_agreed', withinMonths: 3 }]);
  });

  it('2020-03-31: GBP 2,170, split 70/30; months before a support plan are held, a second wellbeing claim in a quarter is not paid', () => {
    const r = at('2020-03-31');
    expect(newOn(r)).toEqual({ [line('referrals_2019_21', 'kirklees')]: '1519.00', [line('referrals_2019_21', 'dcms_lcf')]: '651.00' });
    const items = Object.fromEntries(scope(r, 'referrals_2019_21').items!.map((i) => [i.item, [i.unit, i.quantity, i.net]]));
    expect(items).toEqual({
      support_plan_agreed: ['claims', '2', '600'],
      support_month: ['month', '9', '720'], // P-190201 3 + 3 months, P-200205 3 months, at 80
      accommodation_secured: ['claims', '1', '600'],
      wellbeing_improved: ['review', '1', '250'],
    });
    // P-190202 has no support plan yet: its 5 months are held, not refused
    expect(unitsBy(participant(r, 'P-190202'), 'support_month')).toEqual({ [WAITING]: 5 });
    const wellbeing = participant(r, 'P-190201').claims.filter((c) => c.metric === 'wellbeing_improved');
    expect(wellbeing.map((c) => c.reason ?? 'paid')).toEqual(['paid', 'claim limit reached']);
  });

  it('2020-12-31: the plan agreed in May 2020 releases the months of the 3 months before it, not the older ones', () => {
    const r = at('2020-12-31');
    // cumulative 8,500 = P-190201 6,220 + P-190202 1,020 + P-200205 1,260; new: 8,500 − 2,170 = 6,330
    expect(entitled(r, line('referrals_2019_21', 'kirklees'))).toBe('5950.00');
    expect(entitled(r, line('referrals_2019_21', 'dcms_lcf'))).toBe('2550.00');
    expect(newOn(r)).toEqual({ [line('referrals_2019_21', 'kirklees')]: '4431.00', [line('referrals_2019_21', 'dcms_lcf')]: '1899.00' });
    const p2 = participant(r, 'P-190202');
    // Q4 2019 (2 months) is more than 3 months before the plan (2020-05-18): held for good; Q1 2020 (held in March) now pays
    expect(unitsBy(p2, 'support_month')).toEqual({ [HELD]: 2, paid: 9 });
    expect(p2.claims.find((c) => c.achievedOn === '2020-03-31')).toMatchObject({ quantity: '3', price: '240', paid: '240' });
    expect(p2.net).toBe('1020');
    // P-190203 never agrees a plan: its 3 months stay held
    expect(unitsBy(participant(r, 'P-190203'), 'support_month')).toEqual({ [WAITING]: 3 });
    // P-190201: every line of the card, under the 8,000 participant cap
    expect(participant(r, 'P-190201')).toMatchObject({ gross: '6220', net: '6220', capEffects: [] });
  });

  it('2021-12-31: the line without a claim limit keeps paying: P-200205\'s 8 quarterly claims, 24 months, all paid', () => {
    const r = at('2021-12-31');
    const p5 = participant(r, 'P-200205');
    const months = p5.claims.filter((c) => c.metric === 'support_month');
    expect(months).toHaveLength(8);
    expect(months.every((c) => c.reason === undefined && c.quantity === '3' && c.paid === '240')).toBe(true);
    expect(p5.net).toBe('2220'); // 300 + 24 x 80
    // cohort 1: 6,220 + 1,020 + 2,220 = 9,460; new this year: P-200205's 2021 months, 12 x 80 = 960
    expect(entitled(r, line('referrals_2019_21', 'kirklees'))).toBe('6622.00');
    expect(newOn(r)[line('referrals_2019_21', 'kirklees')]).toBe('672.00');
    expect(newOn(r)[line('referrals_2019_21', 'dcms_lcf')]).toBe('288.00');
  });

  it('2023-03-31: accommodation secured pays at most twice; the 2021-23 cohort has its own lines', () => {
    const r = at('2023-03-31');
    const p4 = participant(r, 'P-210204');
    expect(p4.claims.filter((c) => c.metric === 'accommodation_secured').map((c) => c.reason ?? 'paid')).toEqual(['paid', 'paid', 'claim limit reached']);
    expect(p4.net).toBe('2230'); // 300 + 6 x 80 + 2 x 600 + 250
    expect(entitled(r, line('referrals_2021_23', 'kirklees'))).toBe('1561.00');
    expect(entitled(r, line('referrals_2021_23', 'dcms_lcf'))).toBe('669.00');
    expect(r.totals.entitled).toBe('11690.00'); // 9,460 + 2,230
  });
});
