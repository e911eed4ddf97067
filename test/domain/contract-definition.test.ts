import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/domain/contract/validate.ts';
import { rateCardDefinition } from '../support/fixtures.ts';

function problemsOf(input: unknown) {
  const result = validateDefinition(input);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.problems.map((p) => ({ path: p.path.join('.'), message: p.message }));
}

const tiered = (tiers: unknown) => {
  const d = rateCardDefinition();
  return {
    ...d,
    periods: [{ key: 'year_1', name: 'Year 1', start: '2024-01-01', end: '2024-12-31' }],
    metrics: [...d.metrics!, { key: 'bed_days', name: 'Jail bed-days', unit: 'days', direction: 'decrease', level: 'aggregate', validationMethod: 'quasi_experimental' }],
    pricing: [{ key: 'steps', kind: 'tiered', metric: 'bed_days', scope: 'period', measure: 'relative_improvement', tiers }],
  };
};

describe('contract definition', () => {
  it('accepts a valid definition and fills in defaults', () => {
    const result = validateDefinition(rateCardDefinition());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rule = result.definition.pricing[0]!;
    expect(rule.kind).toBe('rate_card');
    if (rule.kind === 'rate_card') expect(rule.outcomes[0]!.maxClaimsPerParticipant).toBe(1);
    expect(result.definition.distribution.surplus).toBe('payer');
  });

  it('rejects a rule naming an unknown metric, and a cohort that does not exist', () => {
    const d = rateCardDefinition({
      pricing: [{ key: 'rc', kind: 'rate_card', outcomes: [{ metric: 'no_such_metric', price: '10' }], cohorts: ['cohort_9'] }],
    });
    const problems = problemsOf(d);
    expect(problems).toContainEqual({ path: 'pricing.0.outcomes.0.metric', message: 'unknown metric "no_such_metric"' });
    expect(problems).toContainEqual({ path: 'pricing.0.cohorts.0', message: 'unknown cohort "cohort_9"' });
  });

  it('rejects a cohort outside the term', () => {
    const d = rateCardDefinition({
      cohorts: [{ key: 'cohort_1', name: 'C1', enrolment: { start: '2023-06-01', end: '2027-02-01' }, followUpMonths: 12, recordingLagMonths: 0 }],
    });
    const paths = problemsOf(d).map((p) => p.path);
    expect(paths).toContain('cohorts.0.enrolment.start');
    expect(paths).toContain('cohorts.0.enrolment.end');
  });

  it('rejects tiers out of order', () => {
    const problems = problemsOf(tiered([{ atLeast: '0.10', amount: '100' }, { atLeast: '0.085', amount: '200' }]));
    expect(problems).toContainEqual({ path: 'pricing.0.tiers.1.atLeast', message: 'tiers must be in strictly increasing order of atLeast' });
  });

  it('accepts tiers in order', () => {
    expect(validateDefinition(tiered([{ atLeast: '0.085', amount: '100' }, { atLeast: '0.10', amount: '200' }])).ok).toBe(true);
  });

  it('rejects negative and zero caps', () => {
    const d = rateCardDefinition({
      payers: [{ party: 'payer', maximumCommitment: '0' }],
      pricing: [{ key: 'rc', kind: 'rate_card', outcomes: [{ metric: 'job_entry', price: '10', cap: '-5' }], participantCap: '0.00' }],
    });
    const paths = problemsOf(d).map((p) => p.path);
    expect(paths).toContain('payers.0.maximumCommitment');
    expect(paths).toContain('pricing.0.outcomes.0.cap');
    expect(paths).toContain('pricing.0.participantCap');
  });

  it('rejects an unknown currency', () => {
    expect(problemsOf(rateCardDefinition({ currency: 'XYZ' }))).toContainEqual({ path: 'currency', message: 'an ISO 4217 currency code such as "GBP"' });
  });

  it('rejects an invalid cron expression and an unknown time zone', () => {
    const problems = problemsOf(rateCardDefinition({ evaluation: { schedule: '61 * * * *', timeZone: 'Mars/Olympus' } }));
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['evaluation.schedule', 'evaluation.timeZone']));
    expect(problemsOf(rateCardDefinition({ evaluation: { schedule: '* * *', timeZone: 'UTC' } })).map((p) => p.path)).toContain('evaluation.schedule');
  });

  it('rejects a contract without a required role', () => {
    const d = rateCardDefinition();
    const problems = problemsOf({ ...d, parties: d.parties!.filter((p) => p.key !== 'operator') });
    expect(problems).toContainEqual({ path: 'parties', message: 'a contract needs at least one party with the role "operator"' });
  });

  it('refuses amounts written as JSON numbers', () => {
    const problems = problemsOf(rateCardDefinition({ payers: [{ party: 'payer', maximumCommitment: 100000 as unknown as string }] }));
    expect(problems[0]!.path).toBe('payers.0.maximumCommitment');
    expect(problems[0]!.message).toMatch(/not a JSON number/);
  });

  it('lists structural and semantic problems together', () => {
    const d = rateCardDefinition({ currency: 'XYZ', pricing: [{ key: 'rc', kind: 'rate_card', outcomes: [{ metric: 'nope', price: '1' }] }] });
    const paths = problemsOf(d).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'pricing.0.outcomes.0.metric']));
  });

  it('rejects unknown keys, so typos are not silently ignored', () => {
    const d = rateCardDefinition();
    const problems = problemsOf({ ...d, pricing: [{ ...(d.pricing![0] as object), participantCapp: '10' }] });
    expect(problems.some((p) => p.path.startsWith('pricing.0') && /participantCapp/.test(p.message))).toBe(true);
  });

  it('needs payer shares that add up to one, naming only payers', () => {
    const d = rateCardDefinition();
    const problems = problemsOf({
      ...d,
      pricing: [{ ...(d.pricing![0] as object), payers: [{ party: 'payer', share: '0.6' }, { party: 'operator', share: '0.3' }] }],
    });
    expect(problems).toContainEqual({ path: 'pricing.0.payers', message: 'payer shares add up to 0.9, not 1' });
    expect(problems).toContainEqual({ path: 'pricing.0.payers.1.party', message: '"operator" is not an outcome payer of this contract' });
  });
});
