import type { VolumeBandedRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import type { ParticipantClaim } from '../../measurement/types.ts';
import type { IsoDate } from '../../time/dates.ts';
import { DecSum } from '../accumulate.ts';
import { str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import type { ParticipantExplanation } from '../types.ts';

/**
 * volume_banded: claims of rule.metric in the rule's cohorts (all when omitted), in achievement
 * order (achievedOn, then id), across all participants. A claim beyond the participant's
 * maxClaimsPerParticipant does not pay ('claim limit reached') and does not count. The k-th
 * eligible claim overall (k from 1) is priced by the first band whose cumulative `upTo` is >= k
 * (the last band is open-ended), × the indexation factor at its achievedOn. Scope = the claim's
 * cohort. Participants in the explanation: those with an unpaid claim ('exceptions'), or all.
 */
export function evaluateVolumeBanded(rule: VolumeBandedRule, ctx: EngineContext): RuleOutcome {
  const cohortSet = new Set(rule.cohorts ?? ctx.cohortOrder);
  const bandPrices = rule.bands.map((b) => new Dec(b.price));
  const priceCache = rule.bands.map(() => new Map<IsoDate, Dec>());
  const counts = new Map<string, number>();
  const withDetail = ctx.participantDetail !== 'none';

  interface Acc { gross: DecSum; claims: number; eligible: number; limited: number; perBand: number[]; claimIds: string[] }
  const accs = new Map<string, Acc>();
  const rowClaim: ParticipantClaim[] = [];
  const rowPrice: Dec[] = [];
  const rowPaid: boolean[] = [];
  const exceptions = new Set<string>();
  let k = 0;
  let band = 0;
  for (const c of ctx.claims) {
    if (c.metric !== rule.metric || !cohortSet.has(c.cohort)) continue;
    let acc = accs.get(c.cohort);
    if (!acc) {
      acc = { gross: new DecSum(), claims: 0, eligible: 0, limited: 0, perBand: rule.bands.map(() => 0), claimIds: [] };
      accs.set(c.cohort, acc);
    }
    acc.claims += 1;
    if (withDetail) acc.claimIds.push(c.id);
    const count = counts.get(c.participantRef) ?? 0;
    const eligible = count < rule.maxClaimsPerParticipant;
    let price: Dec;
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
      acc.eligible += 1;
      acc.perBand[band]! += 1;
      acc.gross.addShared(p);
    }
    if (withDetail) {
      rowClaim.push(c);
      rowPrice.push(price);
      rowPaid.push(eligible);
    }
  }

  // participant detail: every claim of the participants shown, grouped by participant and cohort
  const details = new Map<string, Map<string, ParticipantExplanation>>();
  for (let i = 0; i < rowClaim.length; i++) {
    const c = rowClaim[i]!;
    if (ctx.participantDetail === 'exceptions' && !exceptions.has(c.participantRef)) continue;
    let byRef = details.get(c.cohort);
    if (!byRef) details.set(c.cohort, (byRef = new Map()));
    let pe = byRef.get(c.participantRef);
    if (!pe) byRef.set(c.participantRef, (pe = { participantRef: c.participantRef, claims: [], gross: '0', capEffects: [], net: '0' }));
    const price = rowPrice[i]!;
    pe.claims.push({
      claimId: c.id, metric: c.metric, achievedOn: c.achievedOn, price: str(price), paid: rowPaid[i] ? str(price) : '0',
      ...(rowPaid[i] ? {} : { reason: 'claim limit reached' }),
    });
  }

  function bandFor(count: number): number {
    let b = band;
    while (b < rule.bands.length - 1 && rule.bands[b]!.upTo !== undefined && count > rule.bands[b]!.upTo!) b += 1;
    // counts only grow, so the band index only moves forward; start from the last one used
    return b;
  }

  const scopes: ScopeOutcome[] = [];
  for (const cohort of ctx.cohortOrder) {
    const acc = accs.get(cohort);
    if (!acc) continue;
    const gross = acc.gross.total();
    const participants = [...(details.get(cohort)?.values() ?? [])].map((pe) => {
      const total = pe.claims.reduce((s, cl) => s.plus(cl.paid), ZERO);
      return { ...pe, gross: str(total), net: str(total) };
    });
    const bandWords = rule.bands.map((b, i) => `${acc.perBand[i]} at ${b.price}${b.upTo === undefined ? ' (open band)' : ` (band up to ${b.upTo})`}`);
    const tests = [
      `${acc.claims} claims of ${rule.metric}, ${acc.eligible} eligible${acc.limited ? `, ${acc.limited} beyond ${rule.maxClaimsPerParticipant} per participant (claim limit reached)` : ''}`,
      `priced by cumulative count across the rule in achievement order: ${bandWords.join(', ')}`,
    ];
    if (ctx.definition.indexation) tests.push('prices indexed at each claim\'s achievedOn');
    const inputs: Record<string, string | number | string[]> = { claims: acc.claims, eligibleClaims: acc.eligible };
    if (withDetail) inputs.claimIds = acc.claimIds;
    scopes.push({
      scope: cohort, scopeKind: 'cohort', amount: gross, inputs, tests, gross, capEffects: [],
      ...(ctx.participantDetail === 'none' ? {} : { participants }),
    });
  }
  return { scopes, notes: [] };
}
