import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimLineReader, digestLine } from '../../src/db/queries/claim-lines.ts';
import type { ParticipantClaim } from '../../src/domain/measurement/types.ts';

/**
 * An evaluation reads each claim as its digest line (claim-lines.ts) and parses it from the end:
 * whatever the participant reference holds (spaces, "q" words, dates, digits, backslashes,
 * newlines), reading a claim's line must give the claim back, field for field.
 */
const reference = fc.oneof(
  fc.constantFrom('P-1', 'P 2', ' q3', 'x 2024-01-01 ', 'a  b', '', 'q', ' ', 'job_entry cohort_1', 'é\\n\\', 'tab\there', 'line\nbreak'),
  fc.string({ maxLength: 12 }),
);
const date = fc.constantFrom('2024-01-01', '2024-02-29', '2025-12-31');
const claimArb = fc.record({
  id: fc.uuid(),
  participantRef: reference,
  metric: fc.constantFrom('job_entry', 'q', 'sessions_2'),
  cohort: fc.constantFrom('cohort_1', 'q1', '2024'),
  achievedOn: date,
  heldFrom: fc.option(date, { nil: null }),
  quantity: fc.constantFrom('1', '2', '0.5', '12.250'),
}) as fc.Arbitrary<ParticipantClaim>;

/** As the embedded database sends a line: backslash and newline escaped in the reference. */
const escaped = (c: ParticipantClaim) => digestLine({ ...c, participantRef: c.participantRef.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') });

describe('claim lines', () => {
  it('read back every claim from its line, as sent row by row and escaped in chunks', () => {
    fc.assert(
      fc.property(fc.array(claimArb, { maxLength: 20 }), (claims) => {
        const rows = new ClaimLineReader();
        const chunks = new ClaimLineReader();
        for (const claim of claims) {
          expect(rows.table.claim(rows.read(digestLine(claim)))).toEqual(claim);
          const line = escaped(claim);
          expect(chunks.table.claim(chunks.read(line, line.includes('\\')))).toEqual(claim);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('read back every claim from a chunk of lines, where each line sits, numbering each participant once', () => {
    fc.assert(
      fc.property(fc.array(claimArb, { maxLength: 30 }), (given) => {
        // as the embedded database sends a chunk with no escapes: lines joined by "\nc "
        const claims = given.filter((c) => !c.participantRef.includes('\\') && !c.participantRef.includes('\n'));
        const text = claims.map(digestLine).join('\nc ');
        const reader = new ClaimLineReader();
        for (let start = 0; start < text.length && claims.length > 0;) {
          let end = text.indexOf('\n', start);
          if (end === -1) end = text.length;
          reader.read(text, false, start, end);
          start = end + 3;
        }
        expect(reader.table.toArray()).toEqual(claims);
        expect(reader.table.participants).toEqual([...new Set(claims.map((c) => c.participantRef))]);
        expect(reader.table.idsAscending).toBe(claims.every((c, k) => k === 0 || claims[k - 1]!.id <= c.id));
      }),
      { numRuns: 500 },
    );
  });

  it('numbers participants the same way once its hash table has grown several times', () => {
    // 20,000 lines for 5,000 participants, each met four times in a scattered order: the table starts
    // with 4,096 slots and doubles when half full
    const reader = new ClaimLineReader();
    const refs: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const ref = `P-${(k * 7919) % 5_000}`;
      refs.push(ref);
      reader.read(`${String(k).padStart(36, '0')} ${ref} job_entry cohort_1 2024-01-0${1 + (k % 9)} `);
    }
    expect(reader.table.participants).toHaveLength(5_000);
    expect(new Set(reader.table.participants).size).toBe(5_000);
    expect(reader.table.toArray().map((c) => c.participantRef)).toEqual(refs);
    expect(reader.table.dates).toHaveLength(9);
  });

  it('reads a quantity after an empty held-from date, and repeated metrics, cohorts and dates', () => {
    const reader = new ClaimLineReader();
    const line = (id: string, metric: string) => `${id} P-1 ${metric} cohort_1 2024-01-01  q2`;
    const a = reader.table.claim(reader.read(line('00000000-0000-0000-0000-000000000001', 'job_entry')));
    const b = reader.table.claim(reader.read(line('00000000-0000-0000-0000-000000000002', 'job_entry')));
    expect(b).toEqual({ ...a, id: '00000000-0000-0000-0000-000000000002' });
    expect(a.quantity).toBe('2');
    expect(a.heldFrom).toBeNull();
  });
});
