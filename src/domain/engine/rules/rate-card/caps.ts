import { Dec, ZERO } from '../../../money/money.ts';
import { DecSum } from '../../accumulate.ts';
import type { ClaimBook } from './claims.ts';
import type { Eligibility } from './eligibility.ts';
import type { Pricing } from './pricing.ts';

/**
 * Stage 3 of a rate card: the caps that act on claims.
 *  (b) outcome.cap: eligible claims of the outcome, across all participants in achievement order,
 *      are paid until the cap is used up (the claim that crosses it is paid in part);
 *  (c) participantCap: when a participant's paid claims under the rule exceed it, the excess is
 *      cut from that participant's latest claims first.
 * Rule caps (d, e) and the caps across lines come later (engine/caps.ts).
 */
/** Bits of ClaimCaps.flags: which of the maps below hold the row (so they are read only when set). */
export const OVERRIDDEN = 1;
export const OUTCOME_CUT = 2;
export const PARTICIPANT_CUT = 4;

export interface ClaimCaps {
  flags: Uint8Array;
  /** Paid amounts that differ from the amount before caps; an eligible row not here is paid its amount. */
  paidOverride: Map<number, Dec>;
  outcomeCut: Map<number, Dec>;
  participantCut: Map<number, Dec>;
  paid(row: number): Dec;
}

export function claimCaps(book: ClaimBook, eligible: Eligibility, priced: Pricing): ClaimCaps {
  const { rule } = book;
  const paidOverride = new Map<number, Dec>();
  const outcomeCut = new Map<number, Dec>();
  const participantCut = new Map<number, Dec>();
  const flags = new Uint8Array(book.n);
  const paid = (row: number): Dec => (eligible.reason[row] !== 0 ? ZERO : flags[row]! & OVERRIDDEN ? paidOverride.get(row)! : priced.amount(row));

  const capOf = rule.outcomes.map((o) => (o.cap === undefined ? undefined : new Dec(o.cap)));
  if (capOf.some((c) => c !== undefined)) {
    const used = rule.outcomes.map(() => ZERO);
    for (let i = 0; i < book.n; i++) {
      if (eligible.reason[i] !== 0) continue;
      const oi = book.rowOutcome[i]!;
      const cap = capOf[oi];
      if (!cap) continue;
      const amount = priced.amount(i);
      const room = cap.minus(used[oi]!);
      let pays = amount;
      if (room.lt(amount)) {
        pays = room.gt(0) ? room : ZERO;
        outcomeCut.set(i, amount.minus(pays));
        paidOverride.set(i, pays);
        flags[i] = OVERRIDDEN | OUTCOME_CUT;
      }
      used[oi] = used[oi]!.plus(pays);
    }
  }

  if (rule.participantCap !== undefined) {
    const pcap = new Dec(rule.participantCap);
    // Participants whose paid amounts are the same objects in the same order are cut the same way:
    // the cuts are computed once per such pattern (a million claims of a rate card make a handful)
    // and reused. Equal amounts held by different objects only make different patterns.
    const numberOf = new Map<Dec, number>();
    const cutsOf = new Map<string, ParticipantCuts>();
    for (const rows of book.pRows) {
      let key = '';
      for (const i of rows) {
        const p = paid(i);
        let n = numberOf.get(p);
        if (n === undefined) numberOf.set(p, (n = numberOf.size));
        key += `${n},`;
      }
      let cuts = cutsOf.get(key);
      if (cuts === undefined) {
        cuts = participantCuts(rows.map(paid), pcap);
        if (cutsOf.size < MAX_PATTERNS) cutsOf.set(key, cuts);
      }
      for (const { at, pays, cut } of cuts) {
        const i = rows[at]!;
        paidOverride.set(i, pays);
        participantCut.set(i, cut);
        flags[i]! |= OVERRIDDEN | PARTICIPANT_CUT;
      }
    }
  }
  return { flags, paidOverride, outcomeCut, participantCut, paid };
}

/** Patterns of paid amounts remembered by the participant cap (beyond, each participant is computed on its own). */
const MAX_PATTERNS = 10_000;

/** What the participant cap changes in one participant's claims: position in its rows, what the claim then pays, and the cut. */
type ParticipantCuts = readonly { at: number; pays: Dec; cut: Dec }[];

/**
 * (c) for one participant, its claims' paid amounts in order: when their sum exceeds the cap, the
 * excess is cut from the latest claims first.
 */
function participantCuts(paid: readonly Dec[], cap: Dec): ParticipantCuts {
  // a participant's paid amounts are mostly the same few price objects: counted, then multiplied once
  const sum = new DecSum();
  for (const p of paid) if (!p.isZero()) sum.addShared(p);
  const total = sum.total();
  if (total.lte(cap)) return [];
  const cuts: { at: number; pays: Dec; cut: Dec }[] = [];
  let excess = total.minus(cap);
  for (let k = paid.length - 1; k >= 0 && excess.gt(0); k--) {
    const p = paid[k]!;
    if (p.isZero()) continue;
    const take = Dec.min(p, excess);
    cuts.push({ at: k, pays: p.minus(take), cut: take });
    excess = excess.minus(take);
  }
  return cuts;
}
