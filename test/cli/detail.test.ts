import { beforeAll, describe, expect, it } from 'vitest';
import { type Detail, jsonByDetail, runWhatIf, textByDetail, type WhatIfRun } from '../../src/cli/evaluate.ts';
import { loadConfig } from '../../src/config.ts';
import type { ScopeExplanation } from '../../src/domain/engine/types.ts';

/** `cli evaluate --detail summary|scopes|participants`: what each level prints, in text and in JSON. */
let run: WhatIfRun;
beforeAll(async () => {
  run = await runWhatIf(loadConfig({}), {
    contract: 'contracts/dwp-innovation-fund.json', data: ['contracts/data/dwp-innovation-fund.claims.csv'], asOf: '2016-03-31', json: false,
  });
}, 60_000);

const text = (detail: Detail, r: WhatIfRun = run) => [...textByDetail[detail](r)].join('\n');
const json = (detail: Detail) => JSON.parse(JSON.stringify(jsonByDetail[detail](run)));

describe('cli evaluate --detail', () => {
  it('summary: totals, each rule and its cap cuts, the obligations; no scopes', () => {
    const t = text('summary');
    expect(t).toMatch(/^GB-DWP-IF-R1-NEW-HORIZONS-2012: evaluation as of 2016-03-31 \(GBP, engine /);
    expect(t).toContain('rule innovation_fund_rate_card (rate_card): gross ');
    expect(t).toContain('  cap participantCap: limit 11700.00, cut ');
    expect(t).toMatch(/\nobligations \(3\):\n {2}dwp -> career_connect: [\d.]+ GBP due \d{4}-\d{2}-\d{2} \[innovation_fund_rate_card:intake_2012:dwp, payment\]/);
    expect(t).toMatch(/\ntotal [\d.]+ GBP$/);
    expect(t).not.toContain('intake_2012: gross');
    expect(t).not.toContain('participant P-');

    const j = json('summary');
    expect(j.detail).toBe('summary');
    expect(j.obligations).toHaveLength(3);
    expect(j.explanation.totals.newObligations).toBe(run.evaluation.explanation.totals.newObligations);
    expect(j.explanation.lines).toHaveLength(3);
    expect(j.explanation.rules[0]).not.toHaveProperty('scopes');
    expect(j.explanation.rules[0].capEffects[0].cap).toBe('participantCap');
  });

  it('scopes (the default): and each scope with its tests, inputs without record or participant lists, caps', () => {
    const t = text('scopes');
    expect(t).toContain('  intake_2012: gross ');
    expect(t).toMatch(/\n {4}- improved_attendance \(price 800\.00; once per participant\): \d+ claims, \d+ eligible/);
    expect(t).toContain('    cap participantCap: limit 11700.00, cut 3400');
    expect(t).toMatch(/\n {4}\(\d+ participant\(s\) with exceptions: see --detail participants\)/);
    expect(t).not.toContain('participant P-');

    const j = json('scopes');
    const scope = j.explanation.rules[0].scopes[0];
    expect(scope.tests.length).toBeGreaterThan(0);
    expect(scope).not.toHaveProperty('participants');
    expect(Object.values(scope.inputs).some(Array.isArray)).toBe(false);
    expect(scope.inputs).not.toHaveProperty('claimIds');
    expect(scope.inputs.claims).toBeGreaterThan(0);
  });

  it('participants: everything, every claim of each participant listed, paid or why not', () => {
    const t = text('participants');
    expect(t).toContain('    participant P-000101: gross 15100, net 11700; participantCap cut 3400');
    expect(t).toMatch(/\n {6}improved_attendance 2012-09-28: paid 800/);
    expect(t).toMatch(/\n {6}\w+ \d{4}-\d{2}-\d{2}: participant cap reached/);

    const j = json('participants');
    expect(j.explanation).toEqual(JSON.parse(JSON.stringify(run.evaluation.explanation)));
    expect(j.explanation.rules[0].scopes[0].participants[0].claims.length).toBeGreaterThan(0);
    expect(j.explanation.rules[0].scopes[0].inputs.claimIds.length).toBeGreaterThan(0);
  });

  it('each level prints less than the next', () => {
    const sizes = (['summary', 'scopes', 'participants'] as const).map((d) => [text(d).length, JSON.stringify(jsonByDetail[d](run)).length]);
    expect(sizes[0]![0]).toBeLessThan(sizes[1]![0]!);
    expect(sizes[1]![0]).toBeLessThan(sizes[2]![0]!);
    expect(sizes[0]![1]).toBeLessThan(sizes[1]![1]!);
    expect(sizes[1]![1]).toBeLessThan(sizes[2]![1]!);
  });

  it("a scope's statement items are printed (scopes and participants) and kept in the JSON", () => {
    const items: ScopeExplanation['items'] = [
      { item: 'improved_attendance', unit: 'claims', quantity: '2', unitPrice: '800.00', gross: '1600', capEffects: [], net: '1600' },
      { item: 'nqf_level_3', unit: 'claims', quantity: '1', unitPrice: '3300.00', gross: '3300', capEffects: [{ cap: 'participantCap', limit: '11700.00', cut: '3400' }], net: '-100' },
    ];
    const explanation = run.evaluation.explanation;
    const withItems: WhatIfRun = {
      ...run,
      evaluation: { ...run.evaluation, explanation: { ...explanation, rules: [{ ...explanation.rules[0]!, scopes: [{ ...explanation.rules[0]!.scopes[0]!, items }] }] } },
    };
    for (const detail of ['scopes', 'participants'] as const) {
      const t = text(detail, withItems);
      expect(t).toContain('    item improved_attendance: 2 claims × 800.00, gross 1600, net 1600');
      expect(t).toContain('    item nqf_level_3: 1 claims × 3300.00, gross 3300; participantCap cut 3400, net -100');
      expect((jsonByDetail[detail](withItems) as { explanation: typeof explanation }).explanation.rules[0]!.scopes[0]!.items).toEqual(items);
    }
    expect(text('summary', withItems)).not.toContain('item ');
  });
});
