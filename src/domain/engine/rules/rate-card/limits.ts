import { Dec, ZERO } from '../../../money/money.ts';
import { type ClaimBook, dayOf, quantityOf } from './claims.ts';
import { type Eligibility, REASON_LIMIT } from './eligibility.ts';

/**
 * Stage 2 of a rate card: claim limits. In global achievement order, each claim that met its
 * conditions uses its participant's allowance for the outcome — `maxClaimsPerParticipant` claims
 * (or units, with claimLimitCounts: 'units') over the term or per calendar month, quarter or year
 * (claimLimitPer) of its achievement date; none when the limit is null. A claim beyond the
 * allowance is not paid ('claim limit reached'); with units, a claim that crosses it is paid for
 * the units left. Sets REASON_LIMIT in the eligibility, and returns the units paid where they
 * differ from the claim's quantity.
 */
export function claimLimits(book: ClaimBook, eligible: Eligibility): Map<number, Dec> {
  const { rule, ctx } = book;
  const partial = new Map<number, Dec>();
  const nOut = rule.outcomes.length;
  const counts = new Int32Array(book.pRef.length * nOut);
  const periodic = new Map<string, Dec>();
  const periodOf = (day: number, per: 'month' | 'quarter' | 'year'): string => {
    const date = ctx.days[day]!;
    if (per === 'year') return date.slice(0, 4);
    if (per === 'month') return date.slice(0, 7);
    return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  };
  for (let i = 0; i < book.n; i++) {
    if (eligible.reason[i] !== 0) continue;
    const oi = book.rowOutcome[i]!;
    const o = rule.outcomes[oi]!;
    const max = o.maxClaimsPerParticipant;
    if (max === null) continue;
    const pi = book.rowParticipant[i]!;
    if (o.claimLimitPer === 'term' && o.claimLimitCounts === 'claims') {
      // the common case: a counter per participant and outcome
      if (counts[pi * nOut + oi]! >= max) eligible.reason[i] = REASON_LIMIT;
      else counts[pi * nOut + oi]! += 1;
      continue;
    }
    const key = `${pi}:${oi}:${o.claimLimitPer === 'term' ? '' : periodOf(dayOf(book, i), o.claimLimitPer)}`;
    const usedSoFar = periodic.get(key) ?? ZERO;
    const left = new Dec(max).minus(usedSoFar);
    if (left.lte(0)) {
      eligible.reason[i] = REASON_LIMIT;
      continue;
    }
    if (o.claimLimitCounts === 'claims') {
      periodic.set(key, usedSoFar.plus(1));
      continue;
    }
    const quantity = quantityOf(book, i);
    const units = Dec.min(quantity, left);
    if (units.lt(quantity)) partial.set(i, units);
    periodic.set(key, usedSoFar.plus(units));
  }
  return partial;
}
