import { addMonths } from '../../../time/dates.ts';
import { upperBound } from '../../accumulate.ts';
import { type ClaimBook, dayOf, daysOf } from './claims.ts';

/**
 * Stage 1 of a rate card: may a claim be paid at all, by the conditions of its outcome? In order:
 *  1. prerequisites (`requires`): every required metric has a claim by the same participant (in the
 *     rule's cohorts, paid or not) achieved on or before this one — else 'prerequisite missing: X';
 *  2. awaited conditions (`awaits`, retroactive eligibility): the participant has a claim of each
 *     awaited metric, at any date up to the cut-off; with `withinMonths`, this claim is achieved no
 *     earlier than that many months before the participant's first such claim — else the claim is
 *     held, 'awaiting X' (not refused: it becomes payable at the first evaluation after the
 *     condition is met, and, evaluations being cumulative, is paid once);
 *  3. sustainment: take the latest clock start S (a clockStart claim, paid or not) on or before
 *     addMonths(achievedOn, −months); it must exist and no resetBy claim may fall in
 *     (S, achievedOn] — else 'sustainment clock not satisfied'. (Checking only the latest such S
 *     is enough: any earlier S has a larger window, so any reset after the latest S is in it too.)
 *     addMonths clamps to month ends: for a claim on 30 April, 3 months back is 30 January.
 * Claims failing a condition do not use the claim limit.
 */
export const REASON_PREREQUISITE = 1;
export const REASON_AWAITING = 2;
export const REASON_SUSTAINMENT = 3;
export const REASON_LIMIT = 4;

export interface Eligibility {
  /** Per row: 0 when the conditions hold, else a REASON_ code. */
  reason: Uint8Array;
  /** The metric a row lacks (prerequisite or awaited condition). */
  lacking: Map<number, string>;
}

export function eligibility(book: ClaimBook): Eligibility {
  const { rule, ctx } = book;
  const { days } = ctx;
  const reason = new Uint8Array(book.n);
  const lacking = new Map<number, string>();
  // the last day index on or before days[d] − months, per months
  const cutoffs = new Map<number, Int32Array>();
  const cutoffDay = (day: number, months: number): number => {
    let table = cutoffs.get(months);
    if (!table) cutoffs.set(months, (table = new Int32Array(days.length).fill(-2)));
    let v = table[day]!;
    if (v === -2) table[day] = v = upperBound(days, addMonths(days[day]!, -months)) - 1;
    return v;
  };

  for (let i = 0; i < book.n; i++) {
    const o = rule.outcomes[book.rowOutcome[i]!]!;
    const pi = book.rowParticipant[i]!;
    const day = dayOf(book, i);
    let r = 0;
    for (const req of o.requires) {
      const list = daysOf(book, pi, req);
      if (!list || list[0]! > day) {
        r = REASON_PREREQUISITE;
        lacking.set(i, req);
        break;
      }
    }
    if (r === 0) {
      for (const a of o.awaits) {
        const list = daysOf(book, pi, a.metric);
        const met = list !== undefined && (a.withinMonths === undefined || days[day]! >= addMonths(days[list[0]!]!, -a.withinMonths));
        if (!met) {
          r = REASON_AWAITING;
          lacking.set(i, list === undefined ? a.metric : `${a.metric} within ${a.withinMonths} months`);
          break;
        }
      }
    }
    if (r === 0 && o.sustainment) {
      const s = o.sustainment;
      const starts = daysOf(book, pi, s.clockStart);
      const k = starts ? upperBound(starts, cutoffDay(day, s.months)) - 1 : -1;
      if (k < 0) r = REASON_SUSTAINMENT;
      else {
        const start = starts![k]!;
        for (const m of s.resetBy) {
          const resets = daysOf(book, pi, m);
          if (!resets) continue;
          const j = upperBound(resets, start);
          if (j < resets.length && resets[j]! <= day) {
            r = REASON_SUSTAINMENT;
            break;
          }
        }
      }
    }
    reason[i] = r;
  }
  return { reason, lacking };
}
