import type { RateCardRule } from '../../../contract/definition.ts';
import { Dec } from '../../../money/money.ts';
import type { EngineContext } from '../../context.ts';

/**
 * Stage 0 of a rate card: the claims it prices, grouped by participant. Every other stage reads
 * this book. Rows are the claims of priced outcomes in the rule's cohorts, in achievement order
 * (achievedOn, then id); dates are indices into ctx.days, so clocks and windows compare numbers.
 * For each participant, the days of the metrics that conditions read (prerequisites, awaited
 * conditions, sustainment clocks and their resets) — paid or not.
 */
export interface ClaimBook {
  rule: RateCardRule;
  ctx: EngineContext;
  /** Number of rows. */
  n: number;
  /** Row → claim number in achievement order (ctx.claim), outcome index in rule.outcomes, participant index. */
  rowClaim: Int32Array;
  rowOutcome: Int32Array;
  rowParticipant: Int32Array;
  /** Row → index of its claim's cohort in ctx.columns.cohorts (read without touching the claim). */
  rowCohort: Int32Array;
  /** Quantities other than 1 (most claims have none). */
  rowQuantity: Map<number, Dec>;
  /** Participant → reference, rows (achievement order). */
  pRef: string[];
  pRows: number[][];
  /** Condition metric → participant → the days of its claims of that metric (ascending), or undefined when none. */
  conditionDays: Map<string, (number[] | undefined)[]>;
}

/** The days (ascending) of the participant's claims of a condition metric, paid or not; undefined when none. */
export const daysOf = (book: ClaimBook, participant: number, metric: string): number[] | undefined =>
  book.conditionDays.get(metric)?.[participant];

export const dayOf = (book: ClaimBook, row: number): number => book.ctx.claimDay[book.rowClaim[row]!]!;

/** The units a row stands for: its quantity (1 when none). */
export const ONE = new Dec(1);
export const quantityOf = (book: ClaimBook, row: number): Dec => book.rowQuantity.get(row) ?? ONE;

export function claimBook(rule: RateCardRule, ctx: EngineContext): ClaimBook {
  const cohortSet = new Set(rule.cohorts ?? ctx.cohortOrder);
  const conditionMetrics = new Set<string>();
  for (const o of rule.outcomes) {
    for (const r of o.requires) conditionMetrics.add(r);
    for (const a of o.awaits) conditionMetrics.add(a.metric);
    if (o.sustainment) {
      conditionMetrics.add(o.sustainment.clockStart);
      for (const r of o.sustainment.resetBy) conditionMetrics.add(r);
    }
  }
  // per metric number: code = outcome index + 1 (0: not priced), + CONDITION when a condition reads the metric
  const CONDITION = 1 << 20;
  const { claimCount, claimDay, columns } = ctx;
  const codeOf = new Map<string, number>();
  rule.outcomes.forEach((o, i) => codeOf.set(o.metric, i + 1));
  for (const metric of conditionMetrics) codeOf.set(metric, (codeOf.get(metric) ?? 0) | CONDITION);
  const metricCode = Int32Array.from(columns.metrics, (m) => codeOf.get(m) ?? 0);
  const conditionDays = new Map<string, (number[] | undefined)[]>([...conditionMetrics].map((m) => [m, []]));
  const metricConditionDays = columns.metrics.map((m) => conditionDays.get(m));
  const cohortIn = Uint8Array.from(columns.cohorts, (c) => (cohortSet.has(c) ? 1 : 0));

  const book: ClaimBook = {
    rule, ctx, n: 0, rowClaim: new Int32Array(claimCount), rowOutcome: new Int32Array(claimCount),
    rowParticipant: new Int32Array(claimCount), rowCohort: new Int32Array(claimCount),
    rowQuantity: new Map(), pRef: [], pRows: [], conditionDays,
  };
  // the evaluation's participant numbers → this rule's, in the order the rule meets them
  const local = new Int32Array(columns.participants.length).fill(-1);
  const quantities = columns.quantities.size > 0 ? columns.quantities : undefined;
  for (let k = 0; k < claimCount; k++) {
    const m = columns.metric[k]!;
    const code = metricCode[m]!;
    if (code === 0) continue;
    const cohort = columns.cohort[k]!;
    if (cohortIn[cohort] === 0) continue;
    const p = columns.participant[k]!;
    let pi = local[p]!;
    if (pi === -1) {
      pi = local[p] = book.pRef.length;
      book.pRef.push(columns.participants[p]!);
      book.pRows.push([]);
    }
    const days = metricConditionDays[m];
    if (days !== undefined) {
      const list = days[pi];
      if (list) list.push(claimDay[k]!);
      else days[pi] = [claimDay[k]!];
    }
    const oi = (code & (CONDITION - 1)) - 1;
    if (oi >= 0) {
      const row = book.n++;
      book.rowClaim[row] = k;
      book.rowOutcome[row] = oi;
      book.rowParticipant[row] = pi;
      book.rowCohort[row] = cohort;
      const quantity = quantities?.get(k);
      if (quantity !== undefined) book.rowQuantity.set(row, new Dec(quantity));
      book.pRows[pi]!.push(row);
    }
  }
  return book;
}
