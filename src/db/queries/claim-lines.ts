import { type RawBuilder, sql } from 'kysely';
import { ClaimTable } from '../../domain/measurement/claim-table.ts';
import type { ParticipantClaim } from '../../domain/measurement/types.ts';

/**
 * A claim as an evaluation reads it: one line of text, its line of the evaluation's data digest
 * (without the leading "c "):
 *
 *     <id> <participant ref> <metric> <cohort> <achieved on> <held from or nothing>[ q<quantity>]
 *
 * The quantity is left out when it is 1 (digests made before claims had quantities still match).
 * One text value per claim instead of seven columns halves what the driver decodes and allocates
 * (measured at a million claims on PostgreSQL: 1.1 s instead of 2.1 s), and the digest hashes the
 * line as it came.
 *
 * Only the participant reference is free text (it may hold spaces); every field after it is a key
 * ([a-z0-9_]), a date or a number, so a line is read from its end. Lines that travel joined by
 * newlines (`escapeNewlines`) have backslash and newline escaped in the reference.
 */
export function claimLine(escapeNewlines: boolean): RawBuilder<string> {
  const ref = escapeNewlines
    ? sql`case when strpos(c.participant_ref, '\\') + strpos(c.participant_ref, E'\n') = 0 then c.participant_ref
        else replace(replace(c.participant_ref, '\\', '\\\\'), E'\n', '\\n') end`
    : sql`c.participant_ref`;
  return sql<string>`c.id::text || ' ' || ${ref} || ' ' || c.metric || ' ' || c.cohort || ' ' || c.achieved_on::text || ' '
    || coalesce(c.held_from::text, '') || case when c.quantity::text = '1' then '' else ' q' || c.quantity::text end`;
}

/** The digest line of a claim (as in the data digest since before quantities: see claimLine). */
export function digestLine(c: ParticipantClaim): string {
  return `${c.id} ${c.participantRef} ${c.metric} ${c.cohort} ${c.achievedOn} ${c.heldFrom ?? ''}${c.quantity === '1' || c.quantity === undefined ? '' : ` q${c.quantity}`}`;
}

const Q = 113; // 'q'
const ID_LENGTH = 36;

/**
 * Reads claim lines into a claim table (which numbers each claim's participant while the line is
 * still in cache). Metrics, cohorts and dates repeat from one claim to the next: the reader hands
 * out the string it already holds when the line has the same text there, so a million claims
 * share a handful of metric and cohort strings and a few hundred dates, and the table finds their
 * numbers by comparing references.
 */
export class ClaimLineReader {
  private metric = '';
  private cohort = '';
  private date = '';

  constructor(readonly table = new ClaimTable()) {}

  /** Adds the claim of one line to the table and returns its number; `escaped`: its reference holds escapes to undo (see claimLine). */
  read(line: string, escaped = false): number {
    let end = line.length;
    let space = line.lastIndexOf(' ', end - 1);
    let quantity = '1';
    if (line.charCodeAt(space + 1) === Q) {
      quantity = line.slice(space + 2, end);
      end = space;
      space = line.lastIndexOf(' ', end - 1);
    }
    const heldFrom = space + 1 === end ? null : line.slice(space + 1, end);
    end = space - 10; // the achievement date is the 10 characters before that space
    const achievedOn = this.reuse('date', line, end, space);
    space = line.lastIndexOf(' ', end - 2);
    const cohort = this.reuse('cohort', line, space + 1, end - 1);
    end = space;
    space = line.lastIndexOf(' ', end - 1);
    const metric = this.reuse('metric', line, space + 1, end);
    const ref = line.slice(ID_LENGTH + 1, space);
    this.table.add(line.slice(0, ID_LENGTH), escaped ? unescapeReference(ref) : ref, metric, cohort, achievedOn, heldFrom, quantity);
    return this.table.length - 1;
  }

  private reuse(field: 'metric' | 'cohort' | 'date', line: string, start: number, end: number): string {
    const held = this[field];
    if (held.length === end - start && line.startsWith(held, start)) return held;
    return (this[field] = line.slice(start, end));
  }
}

/** Reverses the escaping of backslash and newline in a participant reference. */
function unescapeReference(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}
