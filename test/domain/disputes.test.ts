import { describe, expect, it } from 'vitest';
import {
  counts, type DisputableRecord, mayOpen, mayResolve, recordStatus, resolvedState,
} from '../../src/domain/disputes/disputes.ts';

const OPERATOR = 'org-operator';
const operator = { organisationId: OPERATOR, roles: new Set(['operator']) };
const rejected: DisputableRecord = { decision: 'rejected', superseded: false, submittedBy: OPERATOR, dispute: null };
const request = { reason: 'The payslip is readable', evidenceRef: 'scan-2.pdf' };
const refusal = (v: ReturnType<typeof mayOpen>) => (v.ok ? null : v.refusal);

describe('opening a dispute', () => {
  it('is allowed on a current rejected record, by the operator that submitted it', () => {
    expect(mayOpen(rejected, operator, request)).toEqual({ ok: true });
  });

  it('needs a reason and an evidence reference, named as fields', () => {
    expect(refusal(mayOpen(rejected, operator, { ...request, reason: '  ' }))).toMatchObject({ code: 'validation_failed', field: 'reason' });
    expect(refusal(mayOpen(rejected, operator, { ...request, reason: null }))).toMatchObject({ field: 'reason' });
    expect(refusal(mayOpen(rejected, operator, { ...request, evidenceRef: '' }))).toMatchObject({ code: 'validation_failed', field: 'evidenceRef' });
    expect(refusal(mayOpen(rejected, operator, { ...request, reason: 'x'.repeat(2001) }))).toMatchObject({ field: 'reason', message: expect.stringMatching(/2000/) });
  });

  it('is refused to any other role, and to an operator that did not submit the record', () => {
    expect(refusal(mayOpen(rejected, { organisationId: OPERATOR, roles: new Set(['evaluator', 'outcome_payer']) }, request))).toMatchObject({ code: 'forbidden' });
    expect(refusal(mayOpen(rejected, { organisationId: 'org-other-operator', roles: new Set(['operator']) }, request))).toMatchObject({ code: 'forbidden' });
  });

  it('is refused on a record not rejected, superseded, or disputed before (open or resolved)', () => {
    expect(refusal(mayOpen({ ...rejected, decision: null }, operator, request))).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/not reviewed/) });
    expect(refusal(mayOpen({ ...rejected, decision: 'validated' }, operator, request))).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/validated/) });
    expect(refusal(mayOpen({ ...rejected, superseded: true }, operator, request))).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/superseded/) });
    expect(refusal(mayOpen({ ...rejected, dispute: 'open' }, operator, request))).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/already has an open dispute/) });
    // a dismissal is final: the remedy is a correction
    expect(refusal(mayOpen({ ...rejected, dispute: 'dismissed' }, operator, request))).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/correction/) });
  });
});

describe('resolving a dispute', () => {
  const evaluator = { roles: new Set(['evaluator']) };
  it('is for an evaluator or validator, on an open dispute, with a decision and a reason', () => {
    expect(mayResolve('open', evaluator, { decision: 'upheld', reason: 'ok' })).toEqual({ ok: true });
    expect(mayResolve('open', { roles: new Set(['validator']) }, { decision: 'dismissed', reason: 'no' })).toEqual({ ok: true });
    expect(mayResolve('open', { roles: new Set(['operator', 'outcome_payer', 'investor']) }, { decision: 'upheld', reason: 'ok' })).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
    expect(mayResolve('open', evaluator, { decision: 'upheld', reason: ' ' })).toMatchObject({ ok: false, refusal: { field: 'reason' } });
    expect(mayResolve('open', evaluator, { decision: 'maybe', reason: 'ok' })).toMatchObject({ ok: false, refusal: { field: 'decision' } });
    expect(mayResolve('upheld', evaluator, { decision: 'dismissed', reason: 'ok' })).toMatchObject({ ok: false, refusal: { code: 'invalid_state' } });
    expect(mayResolve('dismissed', evaluator, { decision: 'upheld', reason: 'ok' })).toMatchObject({ ok: false, refusal: { code: 'invalid_state' } });
  });
  it('moves the dispute to the decision', () => {
    expect(resolvedState('upheld')).toBe('upheld');
    expect(resolvedState('dismissed')).toBe('dismissed');
  });
});

describe("a record's status and whether evaluations count it", () => {
  it('follows its review, then its dispute', () => {
    const cases = [
      [null, null, 'submitted', false],
      ['validated', null, 'validated', true],
      ['rejected', null, 'rejected', false],
      ['rejected', 'open', 'disputed', false],
      ['rejected', 'upheld', 'validated', true],
      ['rejected', 'dismissed', 'rejected', false],
    ] as const;
    for (const [decision, dispute, status, counted] of cases) {
      expect(recordStatus(decision, dispute)).toBe(status);
      expect(counts(decision, dispute)).toBe(counted);
    }
  });
  it('never counts a record while its dispute is open', () => {
    for (const decision of [null, 'validated', 'rejected'] as const) {
      if (decision !== 'validated') expect(counts(decision, 'open')).toBe(false);
    }
  });
});
