import { type RawBuilder, sql } from 'kysely';
import { ClaimTable } from '../../domain/measurement/claim-table.ts';
import type { ParticipantClaim } from '../../domain/measurement/types.ts';

/**
 * A claim as an evaluation reads it: one line of text, its line of the evaluation's data digest
 * (without the leading "c "):
 *
 *     <id> <participant ref> <metric> <cohort> <achieved on> <held from or nothing>[ q<quantity>]
 *
 * The quantity is left out when it is 1 (digests made before claims had quantities still match),
 * as printed: `1`, not `1.0` (tested as a number of scale 0, not by printing every quantity).
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
    || coalesce(c.held_from::text, '') || case when c.quantity = 1 and scale(c.quantity) = 0 then '' else ' q' || c.quantity::text end`;
}

/** The digest line of a claim (as in the data digest since before quantities: see claimLine). */
export function digestLine(c: ParticipantClaim): string {
  return `${c.id} ${c.participantRef} ${c.metric} ${c.cohort} ${c.achievedOn} ${c.heldFrom ?? ''}${c.quantity === '1' || c.quantity === undefined ? '' : ` q${c.quantity}`}`;
}

const Q = 113; // 'q'
const DASH = 45;
const ZERO = 48;
const ID_LENGTH = 36;

/**
 * Reads claim lines into a claim table. Metrics and cohorts repeat from one claim to the next: the
 * reader hands out the string it already holds when the line has the same text there; dates are
 * found by their digits. So a million claims share a handful of metric and cohort strings and a
 * few hundred dates, and the table finds their numbers by comparing references. Participants are
 * numbered from the line's text through a hash table of their own (FNV-1a, open addressing): a
 * reference is cut out of the line only the first time it is met, and no string is hashed by a Map
 * per claim.
 */
export class ClaimLineReader {
  private metric = '';
  private cohort = '';
  /** Dates met so far, by their digits as a number (20240131). */
  private readonly dates = new Map<number, string>();
  /** Hash table slot → participant number (−1: empty), and the full hash of its reference. */
  private slots = new Int32Array(1 << 12).fill(-1);
  private slotHashes = new Int32Array(1 << 12);
  private filled = 0;

  constructor(readonly table = new ClaimTable()) {}

  /**
   * Adds the claim of one line to the table and returns its number. The line is `text` from
   * `start` to `end` (a chunk of lines is read where it sits). `escaped`: its reference holds
   * escapes to undo (see claimLine).
   */
  read(text: string, escaped = false, start = 0, end = text.length): number {
    let space = text.lastIndexOf(' ', end - 1);
    let quantity = '1';
    if (text.charCodeAt(space + 1) === Q) {
      quantity = text.slice(space + 2, end);
      end = space;
      space = text.lastIndexOf(' ', end - 1);
    }
    const heldFrom = space + 1 === end ? null : this.dateAt(text, space + 1, end);
    end = space - 10; // the achievement date is the 10 characters before that space
    const achievedOn = this.dateAt(text, end, space);
    space = text.lastIndexOf(' ', end - 2);
    const cohort = this.reuse('cohort', text, space + 1, end - 1);
    end = space;
    space = text.lastIndexOf(' ', end - 1);
    const metric = this.reuse('metric', text, space + 1, end);
    const refStart = start + ID_LENGTH + 1;
    const participant = escaped
      ? this.table.participantNumber(unescapeReference(text.slice(refStart, space)))
      : this.participantAt(text, refStart, space);
    this.table.addNumbered(text, start, start + ID_LENGTH, participant, metric, cohort, achievedOn, heldFrom, quantity);
    return this.table.length - 1;
  }

  /** The number of the participant whose reference is text[from, to). */
  private participantAt(text: string, from: number, to: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const p = this.slots[slot]!;
      if (p === -1) {
        const number = this.table.participantNumber(text.slice(from, to));
        this.slots[slot] = number;
        this.slotHashes[slot] = hash;
        if (++this.filled * 2 > this.slots.length) this.grow();
        return number;
      }
      if (this.slotHashes[slot] === hash) {
        const ref = this.table.participants[p]!;
        if (ref.length === to - from && text.startsWith(ref, from)) return p;
      }
    }
  }

  private grow(): void {
    const { slots, slotHashes } = this;
    this.slots = new Int32Array(slots.length * 2).fill(-1);
    this.slotHashes = new Int32Array(slots.length * 2);
    const mask = this.slots.length - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === -1) continue;
      let slot = slotHashes[old]! & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = slots[old]!;
      this.slotHashes[slot] = slotHashes[old]!;
    }
  }

  /**
   * The date text[start, end) as a string shared by every claim of that date: a YYYY-MM-DD date is
   * looked up by its digits as a number (no string is cut out of the line to find it).
   */
  private dateAt(text: string, start: number, end: number): string {
    if (end - start !== 10 || text.charCodeAt(start + 4) !== DASH || text.charCodeAt(start + 7) !== DASH) return text.slice(start, end);
    let key = 0;
    for (let i = start; i < end; i++) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit >= 0 && digit <= 9) key = key * 10 + digit;
      else if (i !== start + 4 && i !== start + 7) return text.slice(start, end);
    }
    let date = this.dates.get(key);
    if (date === undefined) this.dates.set(key, (date = text.slice(start, end)));
    return date;
  }

  private reuse(field: 'metric' | 'cohort', line: string, start: number, end: number): string {
    const held = this[field];
    if (held.length === end - start && line.startsWith(held, start)) return held;
    return (this[field] = line.slice(start, end));
  }
}

/** Reverses the escaping of backslash and newline in a participant reference. */
function unescapeReference(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}
