import { describe, expect, it } from 'vitest';
import { ContractDefinition } from '../../src/domain/contract/definition.ts';
import { fillPlaceholders, rowProblem, rowProblemTexts } from '../../src/domain/measurement/row-problems.ts';
import { claimChecker, resultChecker } from '../../src/domain/measurement/rows.ts';
import { rowProblemMessages } from '../../src/web/operator/row-problems.ts';
import { rateCardDefinition } from '../support/fixtures.ts';

/**
 * Row problems carry a stable code and the values of their message: the English `message` is the
 * code's text filled with them, and a page in French says the same from the code. Every problem the
 * checkers find has every placeholder of its text filled, in both languages.
 */
const definition = ContractDefinition.parse(rateCardDefinition({ data: { participantReferencePattern: 'P-[0-9]{4}' } }));
const claims = claimChecker(definition);
const results = resultChecker(definition);
const good = { participant_ref: 'P-0001', outcome: 'job_entry', cohort: 'cohort_1', achieved_on: '2024-03-01', evidence: 'payslip' };
const placeholder = /\{[A-Za-z]\w*\}/; // names, not a pattern's {4}

describe('row problems', () => {
  it('fills the text of a code with its values', () => {
    expect(rowProblem('cohort', 'unknown_cohort', { value: 'cohort_9' })).toEqual({
      column: 'cohort', code: 'unknown_cohort', params: { value: 'cohort_9' }, message: '"cohort_9" is not a cohort of the contract',
    });
    expect(rowProblem('outcome', 'required')).toEqual({ column: 'outcome', code: 'required', message: 'is required' });
    expect(fillPlaceholders('{a} and {b}', { a: '{b}' })).toBe('{b} and {b}'); // values are not read as placeholders
  });

  it('every problem the checkers find is its code\'s text with every placeholder filled, in English and in French', () => {
    const bad = [
      claims({ ...good, participant_ref: '' }), claims({ ...good, participant_ref: 'ada@example.org' }), claims({ ...good, participant_ref: 'P-12' }),
      claims({ ...good, participant_ref: 'Dupont' }), claims({ ...good, outcome: 'nope' }), claims({ ...good, cohort: 'cohort_9' }),
      claims({ ...good, achieved_on: '01/03/2024' }), claims({ ...good, achieved_on: '2031-01-01' }), claims({ ...good, held_from: '2024-04-01' }),
      claims({ ...good, quantity: '-1' }), claims({ ...good, supersedes: 'x' }), claims({ ...good, cohort: 'a\u0000' }),
      claims({ ...good, evidence: 'x'.repeat(201) }),
      results({ metric: '', measured_on: '', treatment_value: 'abc', treatment_sample_size: '0', methodology: 'm'.repeat(501) }),
      results({ metric: 'job_entry', cohort: 'cohort_9', period: 'p_9', measured_on: '2031-01-01', treatment_value: '1', methodology: 'm', methodology_version: '1', measured_by: 'x' }),
    ].flatMap((checked) => checked.problems);
    const codes = new Set(bad.map((p) => p.code));
    expect(codes.size).toBeGreaterThanOrEqual(18);
    const french = rowProblemMessages.for('fr');
    for (const problem of bad) {
      expect(problem.message, problem.code).toBe(fillPlaceholders(rowProblemTexts[problem.code], problem.params));
      expect(problem.message, problem.code).not.toMatch(placeholder);
      const text = french(problem.code, problem.params);
      expect(text, problem.code).not.toMatch(placeholder);
      expect(text, problem.code).not.toBe(problem.message);
    }
  });
});
