import type { RateCardRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { addMonths } from '../../time/dates.ts';
import { DecSum, upperBound } from '../accumulate.ts';
import { str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import type { CapEffect, ParticipantExplanation } from '../types.ts';

/**
 * rate_card: a price per outcome per participant.
 *
 * Claims of the rule's cohorts (all cohorts when omitted) are taken in achievement order
 * (achievedOn, then id). For each claim of a priced outcome, in this order:
 *  1. prerequisites: every `requires` metric has a claim by the same participant (in the rule's
 *     cohorts, paid or not) achieved on or before this one — else 'prerequisite missing: X';
 *  2. sustainment: take the latest clock start S (a clockStart claim, paid or not) on or before
 *     addMonths(achievedOn, −months); it must exist and no resetBy claim may fall in
 *     (S, achievedOn] — else 'sustainment clock not satisfied'. (Checking only the latest such S
 *     is enough: any earlier S has a larger window, so any reset after the latest S is in it too.)
 *     addMonths clamps to month ends: for a claim on 30 April, 3 months back is 30 January.
 *  3. claim limit: fewer than maxClaimsPerParticipant claims of this outcome have passed 1–3 for
 *     this participant — else 'claim limit reached'. Claims failing 1 or 2 do not use the limit.
 *  The claim's price is the outcome price × the indexation factor at achievedOn.
 * Then (b) outcome.cap: eligible claims of the outcome, across all participants in achievement
 * order, are paid until the cap is used up (the claim that crosses it is paid in part). Then
 * (c) participantCap: if a participant's paid claims under this rule exceed it, the excess is cut
 * from that participant's latest claims first. Each claim's net is attributed to the scope of its
 * cohort.
 *
 * Performance: one pass groups claims by participant (a Map), one pass in achievement order
 * decides eligibility and outcome caps, one pass per participant applies the participant cap and
 * sums by cohort. Dates are indices into the sorted distinct dates, per-row data sits in typed
 * arrays, prices are cached per (outcome, date) and full-price claims are counted, not added.
 *
 * Explanation: one scope per cohort with claims (definition order); per outcome the claims
 * considered, eligible and why others were not paid; participants per participantDetail. A
 * participant with claims in several cohorts appears under each, with the claims of that cohort.
 */

interface OutcomeStats {
  claims: number;
  eligible: number;
  reasons: Map<string, number>;
}

interface ScopeAcc {
  gross: DecSum;
  net: DecSum;
  outcomeCut: (Dec | undefined)[];
  participantCut: Dec;
  participants: number;
  claimIds: string[];
  claimIdsNotListed: number;
  stats: OutcomeStats[];
  details: ParticipantExplanation[];
  detailsNotListed: number;
}

const REASON_PREREQUISITE = 1;
const REASON_SUSTAINMENT = 2;
const REASON_LIMIT = 3;
const OVERRIDDEN = 1;
const OUTCOME_CUT = 2;
const PARTICIPANT_CUT = 4;

export function evaluateRateCard(rule: RateCardRule, ctx: EngineContext): RuleOutcome {
  const cohortSet = new Set(rule.cohorts ?? ctx.cohortOrder);
  const outcomes = rule.outcomes;
  const nOut = outcomes.length;
  const outcomeOf = new Map<string, number>();
  outcomes.forEach((o, i) => outcomeOf.set(o.metric, i));
  const aux = new Set<string>();
  for (const o of outcomes) {
    for (const r of o.requires) aux.add(r);
    if (o.sustainment) {
      aux.add(o.sustainment.clockStart);
      for (const r of o.sustainment.resetBy) aux.add(r);
    }
  }
  const withDetail = ctx.participantDetail !== 'none';
  const { claims, claimDay, days } = ctx;

  // Dates are handled as indices into ctx.days (ascending), so clocks compare numbers.
  // ---- pass 1: group by participant (claims are already in achievement order)
  // one lookup per claim: code = outcome index + 1 (0: not priced), + AUX when clocks/prerequisites read it
  const AUX = 1 << 20;
  const codeOf = new Map<string, number>();
  for (const [metric, i] of outcomeOf) codeOf.set(metric, i + 1);
  for (const metric of aux) codeOf.set(metric, (codeOf.get(metric) ?? 0) | AUX);
  const participantOf = new Map<string, number>();
  const pRef: string[] = [];
  const pRows: number[][] = [];
  const pDays: (Map<string, number[]> | undefined)[] = [];
  const rowClaim = new Int32Array(claims.length);
  const rowOutcome = new Int32Array(claims.length);
  const rowParticipant = new Int32Array(claims.length);
  let n = 0;
  for (let k = 0; k < claims.length; k++) {
    const c = claims[k]!;
    const code = codeOf.get(c.metric);
    if (code === undefined || !cohortSet.has(c.cohort)) continue;
    let pi = participantOf.get(c.participantRef);
    if (pi === undefined) {
      pi = pRef.length;
      participantOf.set(c.participantRef, pi);
      pRef.push(c.participantRef);
      pRows.push([]);
      pDays.push(undefined);
    }
    if ((code & AUX) !== 0) {
      let m = pDays[pi];
      if (!m) pDays[pi] = m = new Map();
      const list = m.get(c.metric);
      if (list) list.push(claimDay[k]!);
      else m.set(c.metric, [claimDay[k]!]);
    }
    const oi = (code & (AUX - 1)) - 1;
    if (oi >= 0) {
      rowClaim[n] = k;
      rowOutcome[n] = oi;
      rowParticipant[n] = pi;
      pRows[pi]!.push(n);
      n += 1;
    }
  }
  const participants = pRef.length;

  // ---- pass 2: eligibility (a) and outcome caps (b), in global achievement order
  const counts = new Int32Array(participants * nOut);
  const exception = new Uint8Array(participants);
  const rowEligible = new Uint8Array(n);
  const rowReason = new Uint8Array(n);
  /** Bits: OVERRIDDEN (paid differs from price), OUTCOME_CUT, PARTICIPANT_CUT — so the maps below are read only when set. */
  const rowFlags = new Uint8Array(n);
  const missingPrerequisite = new Map<number, string>();
  /** Paid amounts that differ from the price (cut by a cap); an eligible row not here is paid its price. */
  const paidOverride = new Map<number, Dec>();
  const outcomeCutOf = new Map<number, Dec>();
  const basePrice = outcomes.map((o) => new Dec(o.price));
  const prices: (Dec | undefined)[][] = outcomes.map(() => []);
  const priceOf = (oi: number, day: number): Dec => {
    let p = prices[oi]![day];
    if (!p) prices[oi]![day] = p = basePrice[oi]!.times(ctx.index.factor(days[day]!));
    return p;
  };
  const capOf = outcomes.map((o) => (o.cap === undefined ? undefined : new Dec(o.cap)));
  const used = outcomes.map(() => ZERO);
  // the last day index on or before days[d] − months, per months
  const cutoffs = new Map<number, Int32Array>();
  const cutoffDay = (day: number, months: number): number => {
    let table = cutoffs.get(months);
    if (!table) cutoffs.set(months, (table = new Int32Array(days.length).fill(-2)));
    let v = table[day]!;
    if (v === -2) table[day] = v = upperBound(days, addMonths(days[day]!, -months)) - 1;
    return v;
  };

  for (let i = 0; i < n; i++) {
    const oi = rowOutcome[i]!;
    const o = outcomes[oi]!;
    const pi = rowParticipant[i]!;
    const day = claimDay[rowClaim[i]!]!;
    const dayMap = pDays[pi];
    let reason = 0;
    for (const req of o.requires) {
      const list = dayMap?.get(req);
      if (!list || list[0]! > day) {
        reason = REASON_PREREQUISITE;
        missingPrerequisite.set(i, req);
        break;
      }
    }
    if (reason === 0 && o.sustainment) {
      const s = o.sustainment;
      const starts = dayMap?.get(s.clockStart);
      const k = starts ? upperBound(starts, cutoffDay(day, s.months)) - 1 : -1;
      if (k < 0) reason = REASON_SUSTAINMENT;
      else {
        const start = starts![k]!;
        for (const m of s.resetBy) {
          const resets = dayMap?.get(m);
          if (!resets) continue;
          const j = upperBound(resets, start);
          if (j < resets.length && resets[j]! <= day) {
            reason = REASON_SUSTAINMENT;
            break;
          }
        }
      }
    }
    if (reason === 0) {
      if (counts[pi * nOut + oi]! >= (o.maxClaimsPerParticipant ?? Infinity)) reason = REASON_LIMIT;
      else counts[pi * nOut + oi]! += 1;
    }
    if (reason !== 0) {
      rowReason[i] = reason;
      exception[pi] = 1;
      continue;
    }
    rowEligible[i] = 1;
    const cap = capOf[oi];
    if (cap) {
      const price = priceOf(oi, day);
      let paid = price;
      const room = cap.minus(used[oi]!);
      if (room.lt(price)) {
        paid = room.gt(0) ? room : ZERO;
        outcomeCutOf.set(i, price.minus(paid));
        paidOverride.set(i, paid);
        rowFlags[i] = OVERRIDDEN | OUTCOME_CUT;
        exception[pi] = 1;
      }
      used[oi] = used[oi]!.plus(paid);
    }
  }

  const priceAt = (i: number): Dec => priceOf(rowOutcome[i]!, claimDay[rowClaim[i]!]!);
  const paidAt = (i: number): Dec => {
    if (!rowEligible[i]) return ZERO;
    return rowFlags[i]! & OVERRIDDEN ? paidOverride.get(i)! : priceAt(i);
  };
  const participantCutOf = new Map<number, Dec>();
  const reasonAt = (i: number): string | undefined => {
    const r = rowReason[i]!;
    if (r === REASON_PREREQUISITE) return `prerequisite missing: ${missingPrerequisite.get(i)}`;
    if (r === REASON_SUSTAINMENT) return 'sustainment clock not satisfied';
    if (r === REASON_LIMIT) return 'claim limit reached';
    const cuts = [
      ...(rowFlags[i]! & OUTCOME_CUT ? ['outcome cap reached'] : []),
      ...(rowFlags[i]! & PARTICIPANT_CUT ? ['participant cap reached'] : []),
    ];
    return cuts.length ? cuts.join('; ') : undefined;
  };

  // ---- pass 3: participant caps (c), attribution to scopes, explanations
  // prices are shared objects: render each once
  const strings = new Map<Dec, string>();
  const text = (d: Dec): string => {
    let t = strings.get(d);
    if (t === undefined) {
      t = str(d);
      strings.set(d, t);
    }
    return t;
  };
  const pcap = rule.participantCap === undefined ? undefined : new Dec(rule.participantCap);
  const accs = new Map<string, ScopeAcc>();
  const accFor = (cohort: string): ScopeAcc => {
    let a = accs.get(cohort);
    if (!a) {
      a = {
        gross: new DecSum(), net: new DecSum(), outcomeCut: outcomes.map(() => undefined), participantCut: ZERO, participants: 0,
        claimIds: [], claimIdsNotListed: 0, stats: outcomes.map(() => ({ claims: 0, eligible: 0, reasons: new Map() })), details: [],
        detailsNotListed: 0,
      };
      accs.set(cohort, a);
    }
    return a;
  };

  for (let pi = 0; pi < participants; pi++) {
    const rows = pRows[pi]!;
    if (rows.length === 0) continue;
    if (pcap) {
      let total = ZERO;
      for (const i of rows) if (rowEligible[i]) total = total.plus(paidAt(i));
      if (total.gt(pcap)) {
        let excess = total.minus(pcap);
        for (let k = rows.length - 1; k >= 0 && excess.gt(0); k--) {
          const i = rows[k]!;
          const p = paidAt(i);
          if (p.isZero()) continue;
          const take = Dec.min(p, excess);
          paidOverride.set(i, p.minus(take));
          excess = excess.minus(take);
          participantCutOf.set(i, take);
          rowFlags[i]! |= OVERRIDDEN | PARTICIPANT_CUT;
        }
        exception[pi] = 1;
      }
    }
    let lastCohort: string | undefined;
    let multiCohort = false;
    let acc: ScopeAcc | undefined;
    for (const i of rows) {
      const c = claims[rowClaim[i]!]!;
      if (c.cohort !== lastCohort || !acc) {
        if (lastCohort !== undefined) multiCohort = true;
        lastCohort = c.cohort;
        acc = accFor(c.cohort);
      }
      const oi = rowOutcome[i]!;
      const stats = acc.stats[oi]!;
      stats.claims += 1;
      if (withDetail) {
        if (acc.claimIds.length < ctx.detailLimit) acc.claimIds.push(c.id);
        else acc.claimIdsNotListed += 1;
      }
      if (rowEligible[i]) {
        stats.eligible += 1;
        const price = priceAt(i);
        acc.gross.addShared(price);
        if (rowFlags[i]! & OVERRIDDEN) acc.net.add(paidOverride.get(i)!);
        else acc.net.addShared(price);
      } else {
        const r = reasonAt(i)!;
        stats.reasons.set(r, (stats.reasons.get(r) ?? 0) + 1);
      }
      const flags = rowFlags[i]!;
      if (flags & OUTCOME_CUT) acc.outcomeCut[oi] = (acc.outcomeCut[oi] ?? ZERO).plus(outcomeCutOf.get(i)!);
      if (flags & PARTICIPANT_CUT) acc.participantCut = acc.participantCut.plus(participantCutOf.get(i)!);
    }
    // participants counted once per cohort they have claims in
    const cohortsOfParticipant = multiCohort ? new Set(rows.map((i) => claims[rowClaim[i]!]!.cohort)) : [lastCohort!];
    for (const cohort of cohortsOfParticipant) accFor(cohort).participants += 1;

    if (ctx.participantDetail === 'all' || (ctx.participantDetail === 'exceptions' && exception[pi])) {
      for (const cohort of cohortsOfParticipant) {
        const target = accFor(cohort);
        if (target.details.length >= ctx.detailLimit) {
          target.detailsNotListed += 1;
          continue;
        }
        const own = multiCohort ? rows.filter((i) => claims[rowClaim[i]!]!.cohort === cohort) : rows;
        target.details.push(participantDetail(pRef[pi]!, own));
      }
    }
  }

  function participantDetail(ref: string, rows: number[]): ParticipantExplanation {
    let gross = ZERO;
    let net = ZERO;
    const effects: CapEffect[] = [];
    const outcomeCuts = new Map<number, Dec>();
    let pCut = ZERO;
    const list = rows.map((i) => {
      const c = claims[rowClaim[i]!]!;
      const price = priceAt(i);
      const paid = paidAt(i);
      if (rowEligible[i]) gross = gross.plus(price);
      net = net.plus(paid);
      const oc = outcomeCutOf.get(i);
      if (oc) outcomeCuts.set(rowOutcome[i]!, (outcomeCuts.get(rowOutcome[i]!) ?? ZERO).plus(oc));
      const pc = participantCutOf.get(i);
      if (pc) pCut = pCut.plus(pc);
      const reason = reasonAt(i);
      return {
        claimId: c.id, metric: c.metric, achievedOn: c.achievedOn, price: text(price), paid: text(paid),
        ...(reason === undefined ? {} : { reason }),
      };
    });
    for (const [oi, cut] of outcomeCuts) effects.push({ cap: `outcome.cap (${outcomes[oi]!.metric})`, limit: outcomes[oi]!.cap!, cut: str(cut) });
    if (!pCut.isZero()) effects.push({ cap: 'participantCap', limit: rule.participantCap!, cut: str(pCut) });
    return { participantRef: ref, claims: list, gross: str(gross), capEffects: effects, net: str(net) };
  }

  const scopes: ScopeOutcome[] = [];
  for (const cohort of ctx.cohortOrder) {
    const acc = accs.get(cohort);
    if (!acc) continue;
    const gross = acc.gross.total();
    const net = acc.net.total();
    const capEffects: CapEffect[] = [];
    acc.outcomeCut.forEach((cut, oi) => {
      if (cut) capEffects.push({ cap: `outcome.cap (${outcomes[oi]!.metric})`, limit: outcomes[oi]!.cap!, cut: str(cut) });
    });
    if (!acc.participantCut.isZero()) capEffects.push({ cap: 'participantCap', limit: rule.participantCap!, cut: str(acc.participantCut) });
    const tests: string[] = [];
    let claimCount = 0;
    let eligibleCount = 0;
    acc.stats.forEach((s, oi) => {
      if (s.claims === 0) return;
      claimCount += s.claims;
      eligibleCount += s.eligible;
      const o = outcomes[oi]!;
      const rules = [
        `price ${o.price}`,
        o.maxClaimsPerParticipant === null ? 'no claim limit' : o.maxClaimsPerParticipant > 1 ? `up to ${o.maxClaimsPerParticipant} per participant` : 'once per participant',
        ...(o.requires.length ? [`requires ${o.requires.join(', ')}`] : []),
        ...(o.sustainment ? [`sustained ${o.sustainment.months} months from ${o.sustainment.clockStart}${o.sustainment.resetBy.length ? `, reset by ${o.sustainment.resetBy.join(', ')}` : ''}`] : []),
      ];
      const reasons = [...s.reasons].map(([r, k]) => `${k} ${r}`);
      tests.push(`${o.metric} (${rules.join('; ')}): ${s.claims} claims, ${s.eligible} eligible${reasons.length ? `; not paid: ${reasons.join(', ')}` : ''}`);
    });
    if (ctx.definition.indexation) tests.push('prices indexed at each claim\'s achievedOn');
    const inputs: Record<string, string | number | string[]> = {
      claims: claimCount, eligibleClaims: eligibleCount, participants: acc.participants,
    };
    if (withDetail) inputs.claimIds = acc.claimIds;
    if (acc.claimIdsNotListed > 0) inputs.claimIdsNotListed = acc.claimIdsNotListed;
    if (acc.detailsNotListed > 0) inputs.participantsNotListed = acc.detailsNotListed;
    scopes.push({
      scope: cohort, scopeKind: 'cohort', amount: net, inputs, tests, gross, capEffects,
      ...(ctx.participantDetail === 'none' ? {} : { participants: acc.details }),
    });
  }
  return { scopes, notes: [] };
}
