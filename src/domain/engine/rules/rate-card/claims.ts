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
  /** Row → index in ctx.claims, outcome index in rule.outcomes, participant index. */
  rowClaim: Int32Array;
  rowOutcome: Int32Array;
  rowParticipant: Int32Array;
  /** Quantities other than 1 (most claims have none). */
  rowQuantity: Map<number, Dec>;
  /** Participant → reference, rows (achievement order), days of each condition metric (ascending). */
  pRef: string[];
  pRows: number[][];
  pDays: (Map<string, number[]> | undefined)[];
}

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
  // one lookup per claim: code = outcome index + 1 (0: not priced), + CONDITION when a condition reads the metric
  const CONDITION = 1 << 20;
  const codeOf = new Map<string, number>();
  rule.outcomes.forEach((o, i) => codeOf.set(o.metric, i + 1));
  for (const metric of conditionMetrics) codeOf.set(metric, (codeOf.get(metric) ?? 0) | CONDITION);

  const { claims, claimDay } = ctx;
  const book: ClaimBook = {
    rule, ctx, n: 0, rowClaim: new Int32Array(claims.length), rowOutcome: new Int32Array(claims.length),
    rowParticipant: new Int32Array(claims.length), rowQuantity: new Map(), pRef: [], pRows: [], pDays: [],
  };
  const participantOf = new Map<string, number>();
  for (let k = 0; k < claims.length; k++) {
    const c = claims[k]!;
    const code = codeOf.get(c.metric);
    if (code === undefined || !cohortSet.has(c.cohort)) continue;
    let pi = participantOf.get(c.participantRef);
    if (pi === undefined) {
      pi = book.pRef.length;
      participantOf.set(c.participantRef, pi);
      book.pRef.push(c.participantRef);
      book.pRows.push([]);
      book.pDays.push(undefined);
    }
    if ((code & CONDITION) !== 0) {
      let m = book.pDays[pi];
      if (!m) book.pDays[pi] = m = new Map();
      const list = m.get(c.metric);
      if (list) list.push(claimDay[k]!);
      else m.set(c.metric, [claimDay[k]!]);
    }
    const oi = (code & (CONDITION - 1)) - 1;
    if (oi >= 0) {
      const row = book.n++;
      book.rowClaim[row] = k;
      book.rowOutcome[row] = oi;
      book.rowParticipant[row] = pi;
      if (c.quantity !== undefined && c.quantity !== '1') book.rowQuantity.set(row, new Dec(c.quantity));
      book.pRows[pi]!.push(row);
    }
  }
  return book;
}
