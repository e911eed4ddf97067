import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortClaims } from '../../../src/domain/engine/context.ts';
import { ClaimTable } from '../../../src/domain/measurement/claim-table.ts';
import type { ParticipantClaim } from '../../../src/domain/measurement/types.ts';

/**
 * A claim table numbers each claim's participant, metric, cohort and date as it is filled, and
 * sortClaims orders those numbers (the rate card reads them instead of the claims): whatever the
 * order the claims are given in, each sorted claim's numbers must name its own participant,
 * metric, cohort and quantity, and the table must give each claim back as it was given.
 */
const claimArb = fc.record({
  id: fc.uuid(),
  participantRef: fc.constantFrom('P-1', 'P-2', 'P-3', 'P\t4', 'p-1'),
  metric: fc.constantFrom('job_entry', 'job_sustained', 'training'),
  cohort: fc.constantFrom('cohort_1', 'cohort_2'),
  achievedOn: fc.constantFrom('2024-01-01', '2024-02-29', '2024-12-31', '2025-01-01'),
  heldFrom: fc.constant(null),
  quantity: fc.constantFrom('1', '1', '2', '0.5', undefined),
}) as fc.Arbitrary<ParticipantClaim>;

describe('sortClaims columns', () => {
  it('name each sorted claim\'s own participant, metric, cohort and quantity, in (achievedOn, id) order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(claimArb, { selector: (c) => c.id, maxLength: 60 }), fc.boolean(), (given, inIdOrder) => {
        const input = inIdOrder ? [...given].sort((a, b) => (a.id < b.id ? -1 : 1)) : given;
        const table = ClaimTable.of(input);
        expect(table.idsAscending).toBe(input.every((c, k) => k === 0 || input[k - 1]!.id <= c.id));
        expect(table.toArray()).toEqual(input.map((c) => ({ ...c, heldFrom: null, quantity: c.quantity ?? '1' })));
        const { order, days, claimDay, columns } = sortClaims(table, '2024-12-31');
        const claims = [...order].map((k) => input[k]!);
        const expected = input.filter((c) => c.achievedOn <= '2024-12-31')
          .sort((a, b) => (a.achievedOn < b.achievedOn ? -1 : a.achievedOn > b.achievedOn ? 1 : a.id < b.id ? -1 : 1));
        expect(claims.map((c) => c.id)).toEqual(expected.map((c) => c.id));
        claims.forEach((c, j) => {
          expect(days[claimDay[j]!]).toBe(c.achievedOn);
          expect(columns.participants[columns.participant[j]!]).toBe(c.participantRef);
          expect(columns.metrics[columns.metric[j]!]).toBe(c.metric);
          expect(columns.cohorts[columns.cohort[j]!]).toBe(c.cohort);
          expect(columns.quantities.get(j)).toBe(c.quantity === '1' ? undefined : c.quantity);
        });
        expect(new Set(columns.participants).size).toBe(columns.participants.length);
      }),
      { numRuns: 300 },
    );
  });
});
