import type { IsoDate } from '../time/dates.ts';
import type { ParticipantClaim } from './types.ts';

/**
 * Claims held as columns: who, what, which cohort and which date each claim is about, as numbers
 * into short lists of the distinct participant references, metrics, cohorts and dates; the ids
 * in their own list; the few held-from dates and quantities other than 1 by claim number.
 *
 * It is how an evaluation reads a million claims: the reader numbers each claim's participant
 * while the line it came in is still in the processor's cache, and no object is made per claim.
 * The engine then sorts and groups numbers; a claim object is made only for the few claims an
 * explanation lists (`claim(k)`). Built from objects too (`ClaimTable.of`), for tests, scenarios
 * and the command line.
 */
export class ClaimTable {
  /** The claims' ids, in the order they were added. */
  readonly ids: string[] = [];
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
    return this.ids.length;
  }

  add(id: string, participantRef: string, metric: string, cohort: string, achievedOn: IsoDate, heldFrom: IsoDate | null, quantity: string): void {
    const k = this.ids.length;
    if (k === this.participantCol.length) this.grow();
    if (this.idsAscending && k > 0 && id < this.ids[k - 1]!) this.idsAscending = false;
    this.ids.push(id);
    let p = this.participantIndex.get(participantRef);
    if (p === undefined) {
      p = this.participants.push(participantRef) - 1;
      this.participantIndex.set(participantRef, p);
    }
    this.participantCol[k] = p;
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

  /** The claim numbered k (in the order added), as an object. */
  claim(k: number): ParticipantClaim {
    return {
      id: this.ids[k]!, participantRef: this.participants[this.participantCol[k]!]!, metric: this.metrics[this.metricCol[k]!]!,
      cohort: this.cohorts[this.cohortCol[k]!]!, achievedOn: this.dates[this.dateCol[k]!]!, heldFrom: this.heldFrom.get(k) ?? null,
      quantity: this.quantities.get(k) ?? '1',
    };
  }

  /** Every claim, as objects, in the order added. */
  toArray(): ParticipantClaim[] {
    return this.ids.map((_, k) => this.claim(k));
  }

  private grow(): void {
    const widen = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
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
