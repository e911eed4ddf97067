import type { VolumeBandedRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import type { ParticipantClaim } from '../../measurement/types.ts';
import type { IsoDate } from '../../time/dates.ts';
import { str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import type { CapEffect, ParticipantExplanation, StatementItem } from '../types.ts';
import { exactSum, statementItem, totals } from './items.ts';

/**
 * volume_banded: claims of rule.metric in the rule's cohorts (all when omitted), in achievement
 * order (achievedOn, then id), across all participants. A claim beyond the participant's
 * maxClaimsPerParticipant does not pay ('claim limit reached') and does not count. The k-th
 * eligible claim overall (k from 1) is priced by the first band whose cumulative `upTo` is >= k
 * (the last band is open-ended), × the indexation factor at its achievedOn. A band priced 0 (a
 * baseline: the first N outcomes pay nothing) counts its claims like any other band.
 * Band maximum (cap stage (b), like an outcome cap): a band with maxAmount pays its claims, across
 * the rule's cohorts in achievement order, until the band has paid maxAmount in all; the claim
 * crossing it is paid the rest, later claims in the band nothing ('band maximum reached'). The cut
 * is a cap effect `band.maxAmount (band n)` on the scope of the claims cut, and on their items.
 * Scope = the claim's cohort. Participants in the explanation: those with an unpaid claim or a cut
 * ('exceptions'), or all; a participant's gross is before the band maximum, its net after.
 * Statement items, per scope: one per band with eligible claims (quantity = claims counted in the
 * band, unit price = band price indexed, cap effects = the band maximum's cut), split per price
 * when indexation gives the band's claims more than one price.
 */
export function evaluateVolumeBanded(rule: VolumeBandedRule, ctx: EngineContext): RuleOutcome {
  const cohortSet = new Set(rule.cohorts ?? ctx.cohortOrder);
  const bandPrices = rule.bands.map((b) => new Dec(b.price));
  const priceCache = rule.bands.map(() => new Map<IsoDate, Dec>());
  /** Room left under each band's maximum; undefined: no maximum. */
  const room: (Dec | undefined)[] = rule.bands.map((b) => (b.maxAmount === undefined ? undefined : new Dec(b.maxAmount)));
  const counts = new Map<string, number>();
  const withDetail = ctx.participantDetail !== 'none';

  interface Acc {
    claims: number;
    eligible: number;
    limited: number;
    /** Per band: claims counted per price applied (the cached price objects), and the band maximum's cut per price. */
    perBand: Map<Dec, { count: number; cut: Dec }>[];
    claimIds: string[];
  }
  const accs = new Map<string, Acc>();
  const rowClaim: ParticipantClaim[] = [];
  const rowPrice: Dec[] = [];
  const rowPaid: Dec[] = [];
  const rowBand: number[] = [];
  const exceptions = new Set<string>();
  let k = 0;
  let band = 0;
  const { columns } = ctx;
  for (let claim = 0; claim < ctx.claimCount; claim++) {
    // metric and cohort read from the columns: a claim object is made only for the rule's claims
    if (columns.metrics[columns.metric[claim]!] !== rule.metric || !cohortSet.has(columns.cohorts[columns.cohort[claim]!]!)) continue;
    const c = ctx.claim(claim);
    let acc = accs.get(c.cohort);
    if (!acc) {
      acc = { claims: 0, eligible: 0, limited: 0, perBand: rule.bands.map(() => new Map()), claimIds: [] };
      accs.set(c.cohort, acc);
    }
    acc.claims += 1;
    if (withDetail) acc.claimIds.push(c.id);
    const count = counts.get(c.participantRef) ?? 0;
    const eligible = count < rule.maxClaimsPerParticipant;
    let price: Dec;
    let pay = ZERO;
    if (!eligible) {
      acc.limited += 1;
      exceptions.add(c.participantRef);
      price = bandPrices[bandFor(k + 1)]!.times(ctx.index.factor(c.achievedOn));
    } else {
      counts.set(c.participantRef, count + 1);
      k += 1;
      band = bandFor(k);
      let p = priceCache[band]!.get(c.achievedOn);
      if (!p) {
        p = bandPrices[band]!.times(ctx.index.factor(c.achievedOn));
        priceCache[band]!.set(c.achievedOn, p);
      }
      price = p;
      pay = p;
      acc.eligible += 1;
      let slot = acc.perBand[band]!.get(p);
      if (!slot) acc.perBand[band]!.set(p, (slot = { count: 0, cut: ZERO }));
      slot.count += 1;
      const left = room[band];
      if (left !== undefined && !p.isZero()) {
        // (b) the band maximum, in achievement order across cohorts
        pay = Dec.min(p, left);
        room[band] = left.minus(pay);
        if (pay.lt(p)) {
          slot.cut = slot.cut.plus(p.minus(pay));
          exceptions.add(c.participantRef);
        }
      }
    }
    if (withDetail) {
      rowClaim.push(c);
      rowPrice.push(price);
      rowPaid.push(pay);
      rowBand.push(eligible ? band : -1);
    }
  }

  const bandCap = (b: number) => `band.maxAmount (band ${b + 1})`;

  // participant detail: every claim of the participants shown, grouped by participant and cohort
  const details = new Map<string, Map<string, { pe: ParticipantExplanation; gross: Dec[]; cuts: Map<number, Dec[]> }>>();
  for (let i = 0; i < rowClaim.length; i++) {
    const c = rowClaim[i]!;
    if (ctx.participantDetail === 'exceptions' && !exceptions.has(c.participantRef)) continue;
    let byRef = details.get(c.cohort);
    if (!byRef) details.set(c.cohort, (byRef = new Map()));
    let d = byRef.get(c.participantRef);
    if (!d) {
      d = { pe: { participantRef: c.participantRef, claims: [], gross: '0', capEffects: [], net: '0' }, gross: [], cuts: new Map() };
      byRef.set(c.participantRef, d);
    }
    const price = rowPrice[i]!;
    const paid = rowPaid[i]!;
    const b = rowBand[i]!;
    let reason: string | undefined;
    if (b < 0) reason = 'claim limit reached';
    else {
      d.gross.push(price);
      if (paid.lt(price)) {
        reason = paid.isZero() ? 'band maximum reached' : 'band maximum reached: paid in part';
        d.cuts.set(b, [...(d.cuts.get(b) ?? []), price.minus(paid)]);
      }
    }
    d.pe.claims.push({ claimId: c.id, metric: c.metric, achievedOn: c.achievedOn, price: str(price), paid: str(paid), ...(reason ? { reason } : {}) });
  }

  function bandFor(count: number): number {
    let b = band;
    while (b < rule.bands.length - 1 && rule.bands[b]!.upTo !== undefined && count > rule.bands[b]!.upTo!) b += 1;
    // counts only grow, so the band index only moves forward; start from the last one used
    return b;
  }

  const unitOf = ctx.metrics.get(rule.metric)?.unit;
  const unit = !unitOf || unitOf === 'outcome' ? 'claims' : unitOf;
  const bandName = (b: number) => {
    const from = b === 0 ? 1 : rule.bands[b - 1]!.upTo! + 1;
    const upTo = rule.bands[b]!.upTo;
    return `band ${b + 1} (${upTo === undefined ? `outcome ${from} onwards` : `outcomes ${from} to ${upTo}`})`;
  };

  const scopes: ScopeOutcome[] = [];
  for (const cohort of ctx.cohortOrder) {
    const acc = accs.get(cohort);
    if (!acc) continue;
    const items: StatementItem[] = [];
    const capEffects: CapEffect[] = [];
    acc.perBand.forEach((slots, b) => {
      // one item per price applied in the band (one price unless indexation changed it)
      const byValue = new Map<string, { price: Dec; count: number; cut: Dec }>();
      for (const [p, slot] of slots) {
        const key = str(p);
        const v = byValue.get(key);
        if (v) {
          v.count += slot.count;
          v.cut = v.cut.plus(slot.cut);
        } else byValue.set(key, { price: p, count: slot.count, cut: slot.cut });
      }
      const several = byValue.size > 1;
      const limit = rule.bands[b]!.maxAmount;
      let bandCut = ZERO;
      for (const v of byValue.values()) {
        const cuts: CapEffect[] = v.cut.isZero() ? [] : [{ cap: bandCap(b), limit: limit!, cut: str(v.cut) }];
        bandCut = bandCut.plus(v.cut);
        items.push(statementItem({
          item: `${bandName(b)}${several ? ` at ${str(v.price)}` : ''}`, unit, quantity: new Dec(v.count), unitPrice: v.price,
          gross: v.price.times(v.count), capEffects: cuts,
        }));
      }
      if (!bandCut.isZero()) capEffects.push({ cap: bandCap(b), limit: limit!, cut: str(bandCut) });
    });
    const { gross, net } = totals(items);
    const participants = [...(details.get(cohort)?.values() ?? [])].map(({ pe, gross: prices, cuts }) => {
      const g = exactSum(prices);
      const effects: CapEffect[] = [...cuts].map(([b, list]) => ({ cap: bandCap(b), limit: rule.bands[b]!.maxAmount!, cut: str(exactSum(list)) }));
      const paid = exactSum(pe.claims.map((cl) => cl.paid));
      return { ...pe, gross: str(g), capEffects: effects, net: str(paid) };
    });
    const bandWords = rule.bands.map((b, i) => {
      let n = 0;
      for (const slot of acc.perBand[i]!.values()) n += slot.count;
      return `${n} at ${b.price}${b.upTo === undefined ? ' (open band)' : ` (band up to ${b.upTo})`}${b.maxAmount === undefined ? '' : ` (band maximum ${b.maxAmount})`}`;
    });
    const tests = [
      `${acc.claims} claims of ${rule.metric}, ${acc.eligible} eligible${acc.limited ? `, ${acc.limited} beyond ${rule.maxClaimsPerParticipant} per participant (claim limit reached)` : ''}`,
      `priced by cumulative count across the rule in achievement order: ${bandWords.join(', ')}`,
    ];
    for (const e of capEffects) tests.push(`${e.cap} ${e.limit} reached across the rule's cohorts: ${e.cut} cut in this cohort`);
    if (ctx.definition.indexation) tests.push('prices indexed at each claim\'s achievedOn');
    const inputs: Record<string, string | number | string[]> = { claims: acc.claims, eligibleClaims: acc.eligible };
    if (withDetail) inputs.claimIds = acc.claimIds;
    scopes.push({
      scope: cohort, scopeKind: 'cohort', amount: net, inputs, tests, gross, capEffects, items,
      ...(ctx.participantDetail === 'none' ? {} : { participants }),
    });
  }
  return { scopes, notes: [] };
}
