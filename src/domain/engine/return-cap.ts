import type { ContractDefinition, InvestorTerms } from '../contract/definition.ts';
import type { Drawdown } from '../measurement/types.ts';
import { Dec, ZERO } from '../money/money.ts';
import { compoundGrowth } from '../returns/return-cap.ts';
import { daysBetween, type IsoDate } from '../time/dates.ts';
import type { PriorObligation, ReturnCapExplanation } from './types.ts';

/**
 * (i) The investor return cap, applied when distribution.surplus === 'payer': the payer never pays
 * more than the investors can still receive under their caps.
 *
 * Investors repaid from outcome payments are those with seniority 'senior' or 'subordinate'
 * (grants are not repaid, guarantees only pay out). If there is none, or one of them has no
 * returnCap, the capacity is unlimited. Otherwise, valued at T = the due date of the new obligations:
 *   capValue_i = irr r:      Σ drawdowns_d × (1 + r) ^ (days(date_d → T) / 365)
 *                multiple m: m × Σ drawdowns_d
 *   priorValue  = Σ prior obligations_j × g(due_j), g = (1 + r) ^ (days(due_j → T) / 365) for an irr
 *                cap, 1 for a multiple; every prior obligation is counted once, not once per investor.
 *                When investors' caps value money differently (different irr rates, or irr and
 *                multiple), earlier payments are taken to have reached them pro rata to their
 *                drawdowns (equal shares when nothing is drawn) and each share is valued on its
 *                investors' basis.
 *   capacity = max(0, Σ_i capValue_i − priorValue).
 * With one investor this is exactly Σ drawdowns × (1+r)^… − Σ prior obligations × (1+r)^…. The
 * capacity is never below zero: the return cap alone never claws back an obligation.
 * Drawdowns: input.drawdowns dated on or before T (by investor); when input.drawdowns is empty,
 * each investor's tranches with plannedDate <= T; an investor with no tranches at all is taken to
 * have drawn its whole commitment at term.start (explained).
 * Compounding (1 + r)^(days/365) is `compoundGrowth` of src/domain/returns/return-cap.ts, the one
 * implementation shared with the investor views (capacity, capital stack, status): exponents
 * days/365 are decimals, computed to 40 significant digits, far below a minor unit for any
 * realistic amount.
 */

export interface ReturnCapacity {
  /** Room for new obligations; undefined = unlimited. */
  capacity: Dec | undefined;
  explanation: ReturnCapExplanation;
}

const repaidSeniority = new Set(['senior', 'subordinate']);

export function returnCapacity(
  definition: ContractDefinition, drawdowns: readonly Drawdown[], prior: readonly PriorObligation[], valuedOn: IsoDate,
): ReturnCapacity {
  const notes: string[] = [];
  const investors: ReturnCapExplanation['investors'] = [];
  const repaid = definition.investors.filter((i) => repaidSeniority.has(i.seniority));
  for (const i of definition.investors) {
    if (!repaidSeniority.has(i.seniority)) investors.push({ party: i.party, seniority: i.seniority, cap: `not repaid (${i.seniority})` });
  }
  const unlimited = (note: string): ReturnCapacity => {
    notes.push(note);
    for (const i of repaid) investors.push({ party: i.party, seniority: i.seniority, cap: describeCap(i) });
    return { capacity: undefined, explanation: { valuedOn, capacity: 'unlimited', investors, notes } };
  };
  if (repaid.length === 0) return unlimited('no senior or subordinate investor is repaid from outcome payments: no return cap applies');
  const uncapped = repaid.filter((i) => !i.returnCap);
  if (uncapped.length > 0) return unlimited(`investor ${uncapped.map((i) => i.party).join(', ')} has no return cap: capacity unlimited`);

  const flows = repaid.map((i) => drawdownsOf(i, definition, drawdowns, valuedOn));
  const drawn = flows.map((f) => f.flows.reduce((s, d) => s.plus(d.amount), ZERO));
  const totalDrawn = drawn.reduce((s, d) => s.plus(d), ZERO);
  const growth = new Map<string, Dec>();
  const grow = (rate: string, from: IsoDate): Dec => {
    const days = daysBetween(from, valuedOn);
    const key = `${rate}|${days}`;
    let g = growth.get(key);
    if (!g) {
      g = compoundGrowth(rate, days);
      growth.set(key, g);
    }
    return g;
  };

  // Prior obligations are valued once per valuation basis (an irr rate, or face value for
  // multiples). With one basis — the usual case — they are subtracted exactly once; with several,
  // each basis takes its investors' pro-rata share (the last basis the exact remainder).
  const basisOf = (inv: InvestorTerms) => (inv.returnCap!.kind === 'irr' ? `irr ${inv.returnCap!.annualRate}` : 'face value');
  const bases = [...new Set(repaid.map(basisOf))];
  const basisShare = new Map<string, Dec>();
  let allocated = ZERO;
  bases.forEach((b, j) => {
    const drawnInBasis = repaid.reduce((t, inv, k) => (basisOf(inv) === b ? t.plus(drawn[k]!) : t), ZERO);
    const count = repaid.filter((inv) => basisOf(inv) === b).length;
    const share = j === bases.length - 1
      ? new Dec(1).minus(allocated)
      : totalDrawn.isZero() ? new Dec(count).div(repaid.length) : drawnInBasis.div(totalDrawn);
    allocated = allocated.plus(share);
    basisShare.set(b, share);
  });
  const priorAt = new Map<string, Dec>();
  for (const b of bases) {
    let v = ZERO;
    const rate = b.startsWith('irr ') ? b.slice(4) : undefined;
    for (const o of prior) v = v.plus(rate === undefined ? new Dec(o.amount) : new Dec(o.amount).times(grow(rate, o.dueOn)));
    priorAt.set(b, v);
  }

  let capacity = ZERO;
  repaid.forEach((inv, k) => {
    const cap = inv.returnCap!;
    let capValue = ZERO;
    if (cap.kind === 'irr') {
      for (const d of flows[k]!.flows) capValue = capValue.plus(new Dec(d.amount).times(grow(cap.annualRate, d.date)));
    } else {
      capValue = drawn[k]!.times(cap.multiple);
    }
    capacity = capacity.plus(capValue);
    // shown per investor: its pro-rata part of the prior obligations (by drawdowns)
    const share = totalDrawn.isZero() ? new Dec(1).div(repaid.length) : drawn[k]!.div(totalDrawn);
    investors.push({
      party: inv.party, seniority: inv.seniority, cap: describeCap(inv), drawdownSource: flows[k]!.source,
      drawn: drawn[k]!.toFixed(), capValue: capValue.toFixed(), priorValue: share.times(priorAt.get(basisOf(inv))!).toFixed(),
    });
  });
  for (const b of bases) capacity = capacity.minus(basisShare.get(b)!.times(priorAt.get(b)!));
  const exact = capacity;
  if (capacity.lt(0)) {
    notes.push('earlier obligations already exceed what the investors may receive: no room for new payments (nothing is clawed back by this cap)');
    capacity = ZERO;
  }
  notes.push(`capacity = Σ capValue − Σ priorValue, valued at ${valuedOn}`);
  return { capacity, explanation: { valuedOn, capacity: capacity.toFixed(), capacityExact: exact.toFixed(), investors, notes } };
}

function describeCap(i: InvestorTerms): string {
  if (!i.returnCap) return 'none';
  return i.returnCap.kind === 'irr' ? `irr ${i.returnCap.annualRate}` : `multiple ${i.returnCap.multiple}`;
}

function drawdownsOf(
  inv: InvestorTerms, definition: ContractDefinition, drawdowns: readonly Drawdown[], valuedOn: IsoDate,
): { source: string; flows: { date: IsoDate; amount: string }[] } {
  if (drawdowns.length > 0) {
    return { source: 'recorded', flows: drawdowns.filter((d) => d.investor === inv.party && d.date <= valuedOn) };
  }
  if (inv.tranches.length > 0) {
    return {
      source: 'planned tranches',
      flows: inv.tranches.filter((t) => t.plannedDate <= valuedOn).map((t) => ({ date: t.plannedDate, amount: t.amount })),
    };
  }
  return { source: 'commitment at term start (no drawdowns recorded, no tranches defined)', flows: [{ date: definition.term.start, amount: inv.commitment }] };
}
