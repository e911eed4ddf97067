import type { ContractDefinition, PricingRule } from '../contract/definition.ts';
import { Dec, ZERO } from '../money/money.ts';
import { str, type ScopeKind, type ScopeOutcome } from './context.ts';
import type { CapEffect } from './types.ts';

/**
 * Caps that act on whole scopes and on obligation lines. Claim-level limits, outcome caps and
 * participant caps ((a)–(c)) live in the rate-card rule. Here:
 *  (d) rule.cap.perScope and (e) rule.cap.total, on the exact scope amounts before they are split
 *      among payers (so payer shares stay exact); the total cut comes off the rule's last scope first;
 *  (f)–(i) caps across lines, each cutting lines in REVERSE definition order (last rule, last
 *      scope, last payer first), so that earlier rules keep priority.
 *
 * Every cap also holds after rounding: a group of lines is within its limit only when both the sum
 * of the exact amounts and the sum of the amounts rounded half-even to the minor unit are within
 * it. A line cut by a binding cap is left at min(its amount, limit − other lines exact,
 * floor_to_minor_unit(limit − other lines rounded)), so rounding can never push a capped group
 * over its limit (rounding is monotonic: later cuts can only lower rounded sums). For rule caps
 * (d), (e), which are applied exactly per scope, this check is repeated on the lines and only
 * ever trims a fraction of a minor unit that payer splitting and rounding might add.
 */

export interface Line {
  lineKey: string;
  ruleKey: string;
  scope: string;
  /** Undefined for lines known only from prior obligations. */
  scopeKind: ScopeKind | undefined;
  payer: string;
  exact: Dec;
  /** The scope this line belongs to (to record cap effects), if any. */
  source: ScopeOutcome | undefined;
  /** For 'pooled' lines: the cohorts pooled. */
  pooledCohorts?: readonly string[];
}

export function applyRuleCaps(rule: PricingRule, scopes: readonly ScopeOutcome[]): void {
  const perScope = rule.cap?.perScope;
  if (perScope !== undefined) {
    for (const s of scopes) {
      if (s.amount.gt(perScope)) {
        s.capEffects.push({ cap: 'rule.cap.perScope', limit: perScope, cut: str(s.amount.minus(perScope)) });
        s.amount = new Dec(perScope);
      }
    }
  }
  const total = rule.cap?.total;
  if (total !== undefined) {
    let excess = scopes.reduce((sum, s) => sum.plus(s.amount), ZERO).minus(total);
    for (let k = scopes.length - 1; k >= 0 && excess.gt(0); k--) {
      const s = scopes[k]!;
      if (s.amount.isZero()) continue;
      const take = Dec.min(s.amount, excess);
      s.amount = s.amount.minus(take);
      excess = excess.minus(take);
      s.capEffects.push({ cap: 'rule.cap.total', limit: total, cut: str(take) });
    }
  }
}

export class LineCapper {
  constructor(private readonly minorUnits: number) {}

  round(d: Dec): Dec {
    return d.toDecimalPlaces(this.minorUnits, Dec.ROUND_HALF_EVEN);
  }

  /**
   * Keeps `members` within `limit` by cutting `cuttable` (a subset of members, in definition
   * order) from the last one backwards. Returns the cuts made, one per line cut.
   */
  cap(members: readonly Line[], cuttable: readonly Line[], limit: Dec, label: string): CapEffect[] {
    let exact = ZERO;
    let rounded = ZERO;
    for (const l of members) {
      exact = exact.plus(l.exact);
      rounded = rounded.plus(this.round(l.exact));
    }
    const within = () => exact.lte(limit) && rounded.lte(limit);
    if (within()) return [];
    const effects: CapEffect[] = [];
    for (let k = cuttable.length - 1; k >= 0 && !within(); k--) {
      const line = cuttable[k]!;
      const e = line.exact;
      if (e.lte(0)) continue;
      const otherExact = exact.minus(e);
      const otherRounded = rounded.minus(this.round(e));
      let v = Dec.min(e, limit.minus(otherExact), limit.minus(otherRounded).toDecimalPlaces(this.minorUnits, Dec.ROUND_FLOOR));
      if (v.lt(0)) v = ZERO;
      const cut = e.minus(v);
      if (cut.gt(0)) {
        line.exact = v;
        effects.push({ cap: label, limit: str(limit), cut: str(cut), lineKey: line.lineKey });
      }
      exact = otherExact.plus(v);
      rounded = otherRounded.plus(this.round(v));
    }
    return effects;
  }
}

/** (f)–(h): cohort and period maxPayment, payer maximumCommitment, contract maximumOutcomePayment. */
export function applyCrossLineCaps(definition: ContractDefinition, lines: readonly Line[], capper: LineCapper): CapEffect[] {
  const effects: CapEffect[] = [];
  // (f) cohort / period caps, across rules
  for (const c of definition.cohorts) {
    if (c.maxPayment === undefined) continue;
    const members = lines.filter((l) => l.scopeKind === 'cohort' && l.scope === c.key);
    effects.push(...capper.cap(members, members, new Dec(c.maxPayment), `cohort.maxPayment (${c.key})`));
  }
  for (const p of definition.periods) {
    if (p.maxPayment === undefined) continue;
    const members = lines.filter((l) => l.scopeKind === 'period' && l.scope === p.key);
    effects.push(...capper.cap(members, members, new Dec(p.maxPayment), `period.maxPayment (${p.key})`));
  }
  // a pooled top-up spans its cohorts: when each has a maxPayment, the pooled lines may only use
  // what their sum leaves after the cohorts' own lines (cut from the pooled lines only)
  const pooledByRule = new Map<string, Line[]>();
  for (const l of lines) if (l.scopeKind === 'pooled') pooledByRule.set(l.ruleKey, [...(pooledByRule.get(l.ruleKey) ?? []), l]);
  for (const pooled of pooledByRule.values()) {
    const cohortKeys = new Set(pooled[0]!.pooledCohorts ?? []);
    const caps = definition.cohorts.filter((c) => cohortKeys.has(c.key));
    if (caps.length === 0 || caps.some((c) => c.maxPayment === undefined)) continue;
    const limit = caps.reduce((s, c) => s.plus(c.maxPayment!), ZERO);
    const members = [...lines.filter((l) => l.scopeKind === 'cohort' && cohortKeys.has(l.scope)), ...pooled];
    effects.push(...capper.cap(members, pooled, limit, `cohort.maxPayment (pooled: ${caps.map((c) => c.key).join(' + ')})`));
  }
  // (g) payer commitments
  for (const p of definition.payers) {
    const members = lines.filter((l) => l.payer === p.party);
    effects.push(...capper.cap(members, members, new Dec(p.maximumCommitment), `payer.maximumCommitment (${p.party})`));
  }
  // (h) contract maximum
  if (definition.maximumOutcomePayment !== undefined) {
    effects.push(...capper.cap(lines, lines, new Dec(definition.maximumOutcomePayment), 'maximumOutcomePayment'));
  }
  return effects;
}
