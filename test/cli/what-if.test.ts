import { describe, expect, it } from 'vitest';
import { type Detail, whatIf } from '../../src/cli/evaluate.ts';
import { collect } from '../../src/cli/output.ts';
import { loadConfig } from '../../src/config.ts';
import { Dec } from '../../src/domain/money/money.ts';

/** `cli evaluate` reproduces the worked examples of the domain brief from the files in contracts/. */
async function evaluateFiles(contract: string, data: string, asOf?: string, detail: Detail = 'participants') {
  const output = collect();
  const code = await whatIf(loadConfig({}), { contract: `contracts/${contract}`, data: [`contracts/data/${data}`], asOf, json: true, detail }, output.out);
  expect(code).toBe(0);
  return JSON.parse(output.text());
}

async function evaluateText(contract: string, data: string, asOf?: string, detail: Detail = 'participants') {
  const output = collect();
  await whatIf(loadConfig({}), { contract: `contracts/${contract}`, data: [`contracts/data/${data}`], asOf, json: false, detail }, output.out);
  return output.text();
}

describe('cli evaluate (what-if, no server) on the example contracts', () => {
  it('Peterborough: cohort 1 (142 vs 155 = 8.4%) pays nothing; the pooled trigger (about 9% >= 7.5%) pays at the end', async () => {
    const evaluation = await evaluateFiles('peterborough.json', 'peterborough.results.csv', '2017-06-30');
    const rule = evaluation.explanation.rules[0];
    const scope = (key: string) => rule.scopes.find((s: { scope: string }) => s.scope === key);
    expect(scope('cohort_1').gross).toBe('0');
    expect(scope('cohort_1').tests[0]).toMatch(/^relative improvement 0\.0838709677… \(\(155 − 142\) \/ 155\) < cohort threshold 0\.10/);
    expect(scope('pooled').tests.join(' ')).toMatch(/pooled trigger met/);
    const amounts = evaluation.obligations.map((o: { payer: { party: string }; amount: string }) => [o.payer.party, o.amount]);
    // 274 events avoided × £21,600 (illustrative), shared 62.5% / 37.5% between the payers
    expect(amounts).toEqual([['moj', '3699000.00'], ['big_lottery_fund', '2219400.00']]);
    expect(evaluation.explanation.totals.newObligations).toBe('5918400.00');
  });

  it('Peterborough before cohort 2 is measured: nothing is owed yet', async () => {
    const evaluation = await evaluateFiles('peterborough.json', 'peterborough.results.csv', '2014-06-30');
    expect(evaluation.obligations).toEqual([]);
  });

  it('DWP Innovation Fund: a participant achieving every outcome (£15,100 of prices) is capped at £11,700', async () => {
    const text = await evaluateText('dwp-innovation-fund.json', 'dwp-innovation-fund.claims.csv', '2016-03-31');
    expect(text).toContain('participant P-000101: gross 15100, net 11700; participantCap cut 3400');
    expect(text).toContain('cap participantCap: limit 11700.00, cut 3400');
  });

  it('London rough sleeping: re-entry does not pay again, wellbeing assessments pay at most 3 times', async () => {
    const text = await evaluateText('london-rough-sleeping.json', 'london-rough-sleeping.claims.csv', '2015-12-31');
    expect(text).toMatch(/wellbeing_assessment \(price 100\.00; up to 3 per participant\): 8 claims, 7 eligible; not paid: 1 claim limit reached/);
    expect(text).toMatch(/entry_to_accommodation \d{4}-\d{2}-\d{2}: claim limit reached/);
  });

  it('Educate Girls: 20/80 weighted achievement against targets, capped by the maximum outcome payment and the 15% IRR', async () => {
    const evaluation = await evaluateFiles('educate-girls.json', 'educate-girls.results.csv', '2018-07-31');
    const scope = evaluation.explanation.rules[0].scopes[0];
    expect(scope.tests.join('\n')).toMatch(/girls_enrolled: achievement 768 \/ 662 = 1\.16012084/);
    expect(scope.tests.join('\n')).toMatch(/learning_gains: achievement 8940 \/ 5592 = 1\.59871244/);
    // Due 2018-09-29: 270,000 drawn on 2015-06-01 could have grown to more than 422,000 at 15%, so the
    // maximum outcome payment (and CIFF's commitment) binds.
    expect(evaluation.obligations.map((o: { amount: string }) => o.amount)).toEqual(['422000.00']);
  });

  it('Educate Girls evaluated earlier: the 15% IRR return cap binds below the maximum payment', async () => {
    const evaluation = await evaluateFiles('educate-girls.json', 'educate-girls.results.csv', '2018-03-31');
    // due 2018-05-30 (60 days' terms); capacity = 270,000 × 1.15^(days since 2015-06-01 / 365), rounded down to the cent
    const days = (Date.UTC(2018, 4, 30) - Date.UTC(2015, 5, 1)) / 86_400_000;
    const capacity = new Dec('270000').times(new Dec('1.15').pow(new Dec(days).div(365)));
    const expected = capacity.toDecimalPlaces(2, Dec.ROUND_DOWN).toFixed(2);
    expect(Number(expected)).toBeLessThan(422000);
    expect(evaluation.obligations.map((o: { amount: string }) => o.amount)).toEqual([expected]);
    expect(JSON.stringify(evaluation.explanation.contractCapEffects)).toMatch(/return/i);
  });
});
