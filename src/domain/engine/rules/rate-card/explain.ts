import { Dec, ZERO } from '../../../money/money.ts';
import { DecSum } from '../../accumulate.ts';
import { type ScopeOutcome, str } from '../../context.ts';
import type { CapEffect, ParticipantExplanation, StatementItem } from '../../types.ts';
import { type ClaimBook, ONE } from './claims.ts';
import { type ClaimCaps, OUTCOME_CUT, OVERRIDDEN, PARTICIPANT_CUT } from './caps.ts';
import { type Eligibility, REASON_AWAITING, REASON_LIMIT, REASON_PREREQUISITE, REASON_SUSTAINMENT } from './eligibility.ts';
import type { Pricing } from './pricing.ts';

/**
 * Stage 4 of a rate card: what each claim's net amount adds to, and why. Each claim's net is
 * attributed to the scope of its cohort. One scope per cohort with claims (definition order), with
 * per outcome the claims considered, eligible, held and why others were not paid; the statement
 * items (per outcome: units, unit price, amount before caps, the caps' cuts, net); participants
 * per participantDetail. A participant with claims in several cohorts appears under each, with the
 * claims of that cohort.
 */

const PAID_IN_PART = 'claim limit reached (paid in part)';

interface OutcomeAcc {
  claims: number;
  eligible: number;
  reasons: Map<string, number>;
  /** Units paid for: claims of one unit counted, other quantities added. */
  oneUnitClaims: number;
  otherUnits: Dec;
  gross: DecSum;
  net: DecSum;
  outcomeCut: Dec;
  participantCut: DecSum;
}

interface ScopeAcc {
  participants: number;
  claimIds: string[];
  claimIdsNotListed: number;
  outcomes: OutcomeAcc[];
  details: ParticipantExplanation[];
  detailsNotListed: number;
}

export function explain(book: ClaimBook, eligible: Eligibility, partialUnits: ReadonlyMap<number, Dec>, priced: Pricing, caps: ClaimCaps): ScopeOutcome[] {
  const { rule, ctx } = book;
  const cohortKeys = ctx.columns.cohorts;
  const outcomes = rule.outcomes;
  const withDetail = ctx.participantDetail !== 'none';
  // prices are shared objects: render each once
  const strings = new Map<Dec, string>();
  const text = (d: Dec): string => {
    let t = strings.get(d);
    if (t === undefined) strings.set(d, (t = str(d)));
    return t;
  };
  const reasonAt = (i: number): string | undefined => {
    const r = eligible.reason[i]!;
    if (r === REASON_PREREQUISITE) return `prerequisite missing: ${eligible.lacking.get(i)}`;
    if (r === REASON_AWAITING) return `awaiting ${eligible.lacking.get(i)}`;
    if (r === REASON_SUSTAINMENT) return 'sustainment clock not satisfied';
    if (r === REASON_LIMIT) return 'claim limit reached';
    const notes = [
      ...(partialUnits.has(i) ? [`claim limit reached: ${str(partialUnits.get(i)!)} of ${ctx.claim(book.rowClaim[i]!).quantity} units paid`] : []),
      ...(caps.outcomeCut.has(i) ? ['outcome cap reached'] : []),
      ...(caps.participantCut.has(i) ? ['participant cap reached'] : []),
    ];
    return notes.length ? notes.join('; ') : undefined;
  };
  const anyPartial = partialUnits.size > 0;
  const isException = (i: number) => eligible.reason[i] !== 0 || caps.flags[i] !== 0 || (anyPartial && partialUnits.has(i));

  const accs = new Map<string, ScopeAcc>();
  const accFor = (cohort: string): ScopeAcc => {
    let a = accs.get(cohort);
    if (!a) {
      a = {
        participants: 0, claimIds: [], claimIdsNotListed: 0, details: [], detailsNotListed: 0,
        outcomes: outcomes.map(() => ({
          claims: 0, eligible: 0, reasons: new Map(), oneUnitClaims: 0, otherUnits: ZERO, gross: new DecSum(), net: new DecSum(), outcomeCut: ZERO, participantCut: new DecSum(),
        })),
      };
      accs.set(cohort, a);
    }
    return a;
  };

  function participantDetail(ref: string, rows: number[]): ParticipantExplanation {
    let gross = ZERO;
    let net = ZERO;
    const outcomeCuts = new Map<number, Dec>();
    let pCut = ZERO;
    const list = rows.map((i) => {
      const c = ctx.claim(book.rowClaim[i]!);
      const amount = priced.amount(i);
      const paid = caps.paid(i);
      if (eligible.reason[i] === 0) gross = gross.plus(amount);
      net = net.plus(paid);
      const oc = caps.outcomeCut.get(i);
      if (oc) outcomeCuts.set(book.rowOutcome[i]!, (outcomeCuts.get(book.rowOutcome[i]!) ?? ZERO).plus(oc));
      const pc = caps.participantCut.get(i);
      if (pc) pCut = pCut.plus(pc);
      const reason = reasonAt(i);
      return {
        claimId: c.id, metric: c.metric, achievedOn: c.achievedOn, price: text(amount), paid: text(paid),
        ...(c.quantity === undefined || c.quantity === '1' ? {} : { quantity: c.quantity }),
        ...(reason === undefined ? {} : { reason }),
      };
    });
    const effects: CapEffect[] = [];
    for (const [oi, cut] of outcomeCuts) effects.push({ cap: `outcome.cap (${outcomes[oi]!.metric})`, limit: outcomes[oi]!.cap!, cut: str(cut) });
    if (!pCut.isZero()) effects.push({ cap: 'participantCap', limit: rule.participantCap!, cut: str(pCut) });
    return { participantRef: ref, claims: list, gross: str(gross), capEffects: effects, net: str(net) };
  }

  for (let pi = 0; pi < book.pRef.length; pi++) {
    const rows = book.pRows[pi]!;
    if (rows.length === 0) continue;
    // the cohort of a row is read from book.rowCohort: a claim object is read only to list its id
    let lastCohort = -1;
    let multiCohort = false;
    let acc: ScopeAcc | undefined;
    let exception = false;
    for (const i of rows) {
      const ci = book.rowCohort[i]!;
      if (ci !== lastCohort || !acc) {
        if (lastCohort !== -1) multiCohort = true;
        lastCohort = ci;
        acc = accFor(cohortKeys[ci]!);
      }
      const o = acc.outcomes[book.rowOutcome[i]!]!;
      o.claims += 1;
      if (withDetail) {
        if (acc.claimIds.length < ctx.detailLimit) acc.claimIds.push(ctx.claim(book.rowClaim[i]!).id);
        else acc.claimIdsNotListed += 1;
      }
      if (isException(i)) exception = true;
      if (eligible.reason[i] === 0) {
        o.eligible += 1;
        const units = priced.units(i);
        if (units === ONE) o.oneUnitClaims += 1;
        else o.otherUnits = o.otherUnits.plus(units);
        const amount = priced.amount(i);
        if (units === ONE) o.gross.addShared(amount);
        else o.gross.add(amount);
        const flags = caps.flags[i]!;
        if (flags === 0) {
          if (units === ONE) o.net.addShared(amount);
          else o.net.add(amount);
        } else {
          // the participant cap's amounts are shared by participants cut the same way (caps.ts)
          if (flags & OVERRIDDEN) o.net.addShared(caps.paidOverride.get(i)!);
          if (flags & OUTCOME_CUT) o.outcomeCut = o.outcomeCut.plus(caps.outcomeCut.get(i)!);
          if (flags & PARTICIPANT_CUT) o.participantCut.addShared(caps.participantCut.get(i)!);
        }
        if (anyPartial && partialUnits.has(i)) o.reasons.set(PAID_IN_PART, (o.reasons.get(PAID_IN_PART) ?? 0) + 1);
      } else {
        const r = reasonAt(i)!;
        o.reasons.set(r, (o.reasons.get(r) ?? 0) + 1);
      }
    }
    // participants counted once per cohort they have claims in
    const cohortsOfParticipant = multiCohort
      ? [...new Set(rows.map((i) => book.rowCohort[i]!))].map((ci) => cohortKeys[ci]!)
      : [cohortKeys[lastCohort]!];
    for (const cohort of cohortsOfParticipant) accFor(cohort).participants += 1;
    if (ctx.participantDetail === 'all' || (ctx.participantDetail === 'exceptions' && exception)) {
      for (const cohort of cohortsOfParticipant) {
        const target = accFor(cohort);
        if (target.details.length >= ctx.detailLimit) {
          target.detailsNotListed += 1;
          continue;
        }
        const own = multiCohort ? rows.filter((i) => cohortKeys[book.rowCohort[i]!] === cohort) : rows;
        target.details.push(participantDetail(book.pRef[pi]!, own));
      }
    }
  }

  const scopes: ScopeOutcome[] = [];
  const indexed = ctx.definition.indexation !== undefined;
  for (const cohort of ctx.cohortOrder) {
    const acc = accs.get(cohort);
    if (!acc) continue;
    let gross = ZERO;
    let net = ZERO;
    const capEffects: CapEffect[] = [];
    const items: StatementItem[] = [];
    const tests: string[] = [];
    let claimCount = 0;
    let eligibleCount = 0;
    let participantCut = ZERO;
    acc.outcomes.forEach((s, oi) => {
      if (s.claims === 0) return;
      const o = outcomes[oi]!;
      claimCount += s.claims;
      eligibleCount += s.eligible;
      const itemGross = s.gross.total();
      const itemNet = s.net.total();
      gross = gross.plus(itemGross);
      net = net.plus(itemNet);
      const itemParticipantCut = s.participantCut.total();
      participantCut = participantCut.plus(itemParticipantCut);
      if (!s.outcomeCut.isZero()) capEffects.push({ cap: `outcome.cap (${o.metric})`, limit: o.cap!, cut: str(s.outcomeCut) });
      const unit = ctx.metrics.get(o.metric)?.unit;
      const itemCuts: CapEffect[] = [
        ...(s.outcomeCut.isZero() ? [] : [{ cap: `outcome.cap (${o.metric})`, limit: o.cap!, cut: str(s.outcomeCut) }]),
        ...(itemParticipantCut.isZero() ? [] : [{ cap: 'participantCap', limit: rule.participantCap!, cut: str(itemParticipantCut) }]),
      ];
      if (s.eligible > 0) {
        items.push({
          item: o.metric, unit: !unit || unit === 'outcome' ? 'claims' : unit, quantity: str(s.otherUnits.plus(s.oneUnitClaims)),
          ...(indexed ? {} : { unitPrice: str(new Dec(o.price)) }), gross: str(itemGross), capEffects: itemCuts, net: str(itemNet),
        });
      }
      const limit = o.maxClaimsPerParticipant === null
        ? 'no claim limit'
        : `${o.maxClaimsPerParticipant === 1 && o.claimLimitCounts === 'claims' ? 'once' : `up to ${o.maxClaimsPerParticipant}${o.claimLimitCounts === 'units' ? ' units' : ''}`} per participant${o.claimLimitPer === 'term' ? '' : ` per ${o.claimLimitPer}`}`;
      const terms = [
        `price ${o.price}`,
        limit,
        ...(o.requires.length ? [`requires ${o.requires.join(', ')}`] : []),
        ...(o.awaits.length ? [`payable once ${o.awaits.map((a) => a.metric + (a.withinMonths ? ` (looking back ${a.withinMonths} months)` : '')).join(' and ')} is reached`] : []),
        ...(o.sustainment ? [`sustained ${o.sustainment.months} months from ${o.sustainment.clockStart}${o.sustainment.resetBy.length ? `, reset by ${o.sustainment.resetBy.join(', ')}` : ''}`] : []),
      ];
      const reasons = [...s.reasons].map(([r, k]) => `${k} ${r}`);
      tests.push(`${o.metric} (${terms.join('; ')}): ${s.claims} claims, ${s.eligible} eligible${reasons.length ? `; not paid: ${reasons.join(', ')}` : ''}`);
    });
    if (!participantCut.isZero()) capEffects.push({ cap: 'participantCap', limit: rule.participantCap!, cut: str(participantCut) });
    if (indexed) tests.push('prices indexed at each claim\'s achievedOn');
    const inputs: Record<string, string | number | string[]> = { claims: claimCount, eligibleClaims: eligibleCount, participants: acc.participants };
    if (withDetail) inputs.claimIds = acc.claimIds;
    if (acc.claimIdsNotListed > 0) inputs.claimIdsNotListed = acc.claimIdsNotListed;
    if (acc.detailsNotListed > 0) inputs.participantsNotListed = acc.detailsNotListed;
    scopes.push({
      scope: cohort, scopeKind: 'cohort', amount: net, inputs, tests, gross, capEffects, items,
      ...(ctx.participantDetail === 'none' ? {} : { participants: acc.details }),
    });
  }
  return scopes;
}
