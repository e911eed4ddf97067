import type { IsoDate } from '../time/dates.ts';
import type { ParticipantClaim } from './types.ts';

/**
 * Claims held as columns: who, what, which cohort and which date each claim is about, as numbers
 * into short lists of the distinct participant references, metrics, cohorts and dates; each id
 * where it already is (the line it was read from); the few held-from dates and quantities other
 * than 1 by claim number.
 *
 * It is how an evaluation reads a million claims: no object and almost no string is made per
 * claim, so there is little for the garbage collector to copy. The engine then sorts and groups
 * numbers; a claim object is made only for the few claims an explanation lists (`claim(k)`).
 * Built from objects too (`ClaimTable.of`), for tests, scenarios and the command line.
 */
export class ClaimTable {
  readonly participants: string[] = [];
  readonly metrics: string[] = [];
  readonly cohorts: string[] = [];
  readonly dates: IsoDate[] = [];
  /** Claim number → held-from date, for the claims that have one. */
  readonly heldFrom = new Map<number, IsoDate>();
  /** Claim number → quantity, for the claims whose quantity is not 1. */
  readonly quantities = new Map<number, string>();
  /** Whether every id was greater than or equal to the one added before it (the engine then sorts no day by id). */
  idsAscending = true;
  private count = 0;
  // claim k's id is idTexts[k] from idStarts[k] to idEnds[k]: read from a line, the line itself
  // (no string is made per claim; `id(k)` cuts it out when asked)
  private readonly idTexts: string[] = [];
  private idStarts = new Int32Array(1024);
  private idEnds = new Int32Array(1024);
  private participantCol = new Int32Array(1024);
  private metricCol = new Int32Array(1024);
  private cohortCol = new Int32Array(1024);
  private dateCol = new Int32Array(1024);
  private readonly participantIndex = new Map<string, number>();
  private readonly dateIndex = new Map<IsoDate, number>();
  // metrics and cohorts are few and consecutive claims often share them, and their date
  private lastMetric = -1;
  private lastCohort = -1;
  private lastDate = -1;

  static of(claims: Iterable<ParticipantClaim>): ClaimTable {
    const table = new ClaimTable();
    for (const c of claims) table.add(c.id, c.participantRef, c.metric, c.cohort, c.achievedOn, c.heldFrom ?? null, c.quantity ?? '1');
    return table;
  }

  get length(): number {
    return this.count;
  }

  /** The id of the claim numbered k. */
  id(k: number): string {
    const text = this.idTexts[k]!;
    const start = this.idStarts[k]!;
    const end = this.idEnds[k]!;
    return start === 0 && end === text.length ? text : text.slice(start, end);
  }

  add(id: string, participantRef: string, metric: string, cohort: string, achievedOn: IsoDate, heldFrom: IsoDate | null, quantity: string): void {
    this.addNumbered(id, 0, id.length, this.participantNumber(participantRef), metric, cohort, achievedOn, heldFrom, quantity);
  }

  /** The number of a participant reference, added to `participants` when new. */
  participantNumber(participantRef: string): number {
    let p = this.participantIndex.get(participantRef);
    if (p === undefined) {
      p = this.participants.push(participantRef) - 1;
      this.participantIndex.set(participantRef, p);
    }
    return p;
  }

  /**
   * As `add`, for a participant already numbered by `participantNumber`, with the id given as where
   * it is in a text (idText from idStart to idEnd).
   */
  addNumbered(
    idText: string, idStart: number, idEnd: number, participant: number, metric: string, cohort: string, achievedOn: IsoDate,
    heldFrom: IsoDate | null, quantity: string,
  ): void {
    const k = this.count++;
    if (k === this.participantCol.length) this.grow();
    if (this.idsAscending && k > 0 && this.idAfter(k - 1, idText, idStart, idEnd)) this.idsAscending = false;
    this.idTexts.push(idText);
    this.idStarts[k] = idStart;
    this.idEnds[k] = idEnd;
    this.participantCol[k] = participant;
    if (this.lastMetric === -1 || this.metrics[this.lastMetric] !== metric) this.lastMetric = indexIn(this.metrics, metric);
    this.metricCol[k] = this.lastMetric;
    if (this.lastCohort === -1 || this.cohorts[this.lastCohort] !== cohort) this.lastCohort = indexIn(this.cohorts, cohort);
    this.cohortCol[k] = this.lastCohort;
    if (this.lastDate === -1 || this.dates[this.lastDate] !== achievedOn) {
      let d = this.dateIndex.get(achievedOn);
      if (d === undefined) {
        d = this.dates.push(achievedOn) - 1;
        this.dateIndex.set(achievedOn, d);
      }
      this.lastDate = d;
    }
    this.dateCol[k] = this.lastDate;
    if (heldFrom !== null) this.heldFrom.set(k, heldFrom);
    if (quantity !== '1') this.quantities.set(k, quantity);
  }

  /** Claim number → index into participants, metrics, cohorts and dates. */
  get columns(): { participant: Int32Array; metric: Int32Array; cohort: Int32Array; date: Int32Array } {
    const n = this.length;
    return {
      participant: this.participantCol.subarray(0, n), metric: this.metricCol.subarray(0, n),
      cohort: this.cohortCol.subarray(0, n), date: this.dateCol.subarray(0, n),
    };
  }

  /** Whether claim k's id sorts after the id in text[start, end) (as strings compare). */
  private idAfter(k: number, text: string, start: number, end: number): boolean {
    const held = this.idTexts[k]!;
    const from = this.idStarts[k]!;
    const length = this.idEnds[k]! - from;
    const n = Math.min(length, end - start);
    for (let i = 0; i < n; i++) {
      const a = held.charCodeAt(from + i);
      const b = text.charCodeAt(start + i);
      if (a !== b) return a > b;
    }
    return length > end - start;
  }

  /** The claim numbered k (in the order added), as an object. */
  claim(k: number): ParticipantClaim {
    return {
      id: this.id(k), participantRef: this.participants[this.participantCol[k]!]!, metric: this.metrics[this.metricCol[k]!]!,
      cohort: this.cohorts[this.cohortCol[k]!]!, achievedOn: this.dates[this.dateCol[k]!]!, heldFrom: this.heldFrom.get(k) ?? null,
      quantity: this.quantities.get(k) ?? '1',
    };
  }

  /** Every claim, as objects, in the order added. */
  toArray(): ParticipantClaim[] {
    return Array.from({ length: this.count }, (_, k) => this.claim(k));
  }

  private grow(): void {
    const widen = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.idStarts = widen(this.idStarts);
    this.idEnds = widen(this.idEnds);
    this.participantCol = widen(this.participantCol);
    this.metricCol = widen(this.metricCol);
    this.cohortCol = widen(this.cohortCol);
    this.dateCol = widen(this.dateCol);
  }
}

/** The index of a value in a short list, added at the end when absent. */
function indexIn(values: string[], value: string): number {
  const i = values.indexOf(value);
  return i !== -1 ? i : values.push(value) - 1;
}
