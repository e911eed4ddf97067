import type { PricingRule } from '../contract/definition.ts';
import { paymentRecipient } from '../contract/lifecycle.ts';
import { minorUnits } from '../money/currencies.ts';
import { Dec, ZERO, formatAmount } from '../money/money.ts';
import { addDays } from '../time/dates.ts';
import { mergeCapEffects } from './accumulate.ts';
import { applyCrossLineCaps, applyRuleCaps, LineCapper, type Line } from './caps.ts';
import { buildContext, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from './context.ts';
import { returnCapacity } from './return-cap.ts';
import { evaluateCounterfactual } from './rules/counterfactual-threshold.ts';
import { evaluateLinear } from './rules/linear.ts';
import { evaluateRateCard } from './rules/rate-card/index.ts';
import { evaluateSavingsShare } from './rules/savings-share.ts';
import { evaluateTiered } from './rules/tiered.ts';
import { evaluateVolumeBanded } from './rules/volume-banded.ts';
import { evaluateWeightedComposite } from './rules/weighted-composite.ts';
import type {
  CapEffect, EngineInput, EngineResult, LineResult, NewObligation, RuleExplanation, ScopeExplanation,
} from './types.ts';

/**
 * The payment engine: `evaluate(input)` turns a contract definition and its validated outcome data
 * into the cumulative entitlement of every obligation line as of a cut-off, and proposes the new
 * obligations (payments or adjustments) that bring what was obligated up to it. Pure: no I/O, no
 * clock; the same input always gives a deep-equal result. All money is exact decimal (Dec, 40
 * significant digits, half-even) and leaves the engine as decimal strings.
 *
 * 1. DATA CONSIDERED. Claims with achievedOn <= asOf and results with measuredOn <= asOf. A rule
 *    ignores claims of cohorts outside its cohorts (prerequisites and sustainment clocks included).
 *    Claims are processed in achievement order: achievedOn, then id. For an aggregate metric and
 *    scope (cohort or period) the result used is the one with the latest measuredOn, ties to the
 *    greatest id (metric.results 'replace', the default: a re-estimate replaces); for a metric
 *    whose results accumulate (metric.results 'accumulate': successive periods) one result per
 *    measuredOn is used (ties to the greatest id), each paid on its own, and the scope pays their
 *    sum (tiered, linear, savings_share; the definition refuses accumulating metrics for
 *    counterfactual_threshold and weighted_composite). The explanation says which results were used.
 *    Corrections never reach the engine: a corrected record is superseded before it is read.
 *
 * 2. RULES (one file each under rules/; their headers give the exact tests):
 *    rate_card — per claim: prerequisites (a claim of each required metric on or before),
 *      sustainment clock (a clock start S <= addMonths(achievedOn, −months) — month ends clamp, so
 *      30 Apr − 3 months is 30 Jan — with no reset in (S, achievedOn]), then the claim limit,
 *      which only claims passing the first two use; price indexed at achievedOn. Then outcome
 *      caps across participants in achievement order; then the participant cap cutting the
 *      participant's latest claims first. Scope = the claim's cohort.
 *    counterfactual_threshold — per cohort, relative improvement vs the comparison group against
 *      the cohort threshold, paying units improved × price; pooled fallback once every pooled
 *      cohort has a result, topping the rule up to the pooled entitlement (scope 'pooled').
 *    tiered — highest tier reached by the measure pays its amount.
 *    linear — (measure − floor, or measure) / unitSize × price once the floor is reached.
 *    volume_banded — the k-th eligible outcome overall is priced by the band holding k (a band
 *      may be priced 0: a baseline); a band with maxAmount pays at most that across the rule.
 *    savings_share — each result is a payment; in the order they fell due, initialShare of the
 *      savings until cumulative payments reach the threshold, subsequentShare after; a payment's
 *      savings are split exactly at the boundary. Principal plus interest accrues to the due date
 *      of each payment: the due date of the obligation that first paid it (prior obligations), or
 *      this evaluation's (asOf + paymentTermsDays) for a payment made now.
 *    weighted_composite — Σ weight × achievement against target, × payment at full achievement.
 *    Aggregate rules evaluate a scope only when its result (every component's, for composites)
 *    is there; otherwise the rule's notes say why. Scopes follow the definition's order.
 *
 * 3. INDEXATION (indexation.ts) multiplies unit prices and tier/full-achievement amounts by the
 *    factor at the claim's achievedOn, or at the cohort enrolment end / period end for aggregate
 *    results (pooled: the latest enrolment end of the pooled cohorts). Caps are not indexed.
 *
 * 4. PAYERS. A scope's amount (after rule caps) is split by rule.payers shares, or wholly to the
 *    contract's single outcome payer; the last payer takes the exact remainder so the split adds
 *    up. One line per (rule, scope, payer): lineKey `${ruleKey}:${scope}:${payer}`.
 *
 * 5. CAP STACKING, in this order (caps.ts, rules/rate-card/, return-cap.ts):
 *    (a) claim-level eligibility and claim limits; (b) outcome.cap, and a volume band's
 *        maxAmount (band.maxAmount, in achievement order across the rule); (c) participantCap;
 *    (d) rule.cap.perScope; (e) rule.cap.total (from the rule's last scope backwards);
 *    (f) cohort.maxPayment / period.maxPayment across rules (a pooled top-up may use only what
 *        the sum of its cohorts' maxPayment leaves, when each has one);
 *    (g) payer maximumCommitment across all lines of that payer;
 *    (h) contract maximumOutcomePayment;
 *    (i) investor return cap, when distribution.surplus === 'payer': the new obligations may total
 *        at most the capacity described in return-cap.ts, valued at their due date.
 *    Cross-line caps (f)–(i) cut lines in REVERSE definition order — last rule, last scope, last
 *    payer first — so earlier rules keep priority. All caps are cumulative over the contract and
 *    compared with cumulative entitlements. Every cap holds on the rounded amounts too (see
 *    caps.ts): a line cut by a binding cap ends in whole minor units. Every cut is a CapEffect with
 *    its limit and cut: (b)–(e) on the scope (and rule) explanations, (f)–(i) in
 *    contractCapEffects and on the scope of the line cut (with its lineKey).
 *    With surplus 'operator' the return cap does not limit the payer's obligations.
 *
 * 6. CUMULATIVE AND IDEMPOTENT. For each line: entitledExact (after every cap) → entitled, rounded
 *    half-even to the currency's minor unit; previouslyObligated = Σ prior obligations with that
 *    lineKey; delta = entitled − previouslyObligated. A non-zero delta becomes a NewObligation:
 *    kind 'payment' when the line has no prior obligation and delta > 0, otherwise 'adjustment'
 *    correcting every prior obligation on the line. Lines known only from prior obligations (the
 *    entitlement was withdrawn) are kept with entitlement 0, so they produce negative adjustments.
 *    dueOn = asOf + evaluation.paymentTermsDays. Recipient = distribution.paymentRecipient, else
 *    the first party with role 'intermediary', else the first 'operator'. Totals: entitled and previouslyObligated are sums
 *    over lines; newObligations = entitled − previouslyObligated = Σ obligation amounts, exactly.
 *    Evaluating again with the produced obligations as prior obligations proposes nothing.
 *
 * 7. EXPLANATION. Per rule and scope: inputs (result ids and values, claim ids unless
 *    participantDetail is 'none'), tests in words with numbers, price applied, gross (before any
 *    cap), cap effects and net (Σ of the scope's lines, exact) — net = gross − Σ cuts; the scope's
 *    statement items (what is paid for: quantity, unit price, gross, the cuts of (b), (c) on it,
 *    net), whose gross add up exactly to the scope's gross and whose net to its amount before (d),
 *    (e) (rules/items.ts; the rate card's own in rules/rate-card/). Participants
 *    (rate cards, volume bands) per participantDetail: 'exceptions' (default: participants with an
 *    unpaid claim or a cap cut), 'all' or 'none'; a participant's net is after caps (b) and (c).
 *
 * PERFORMANCE. Claims come as a table of numbers (measurement/claim-table.ts), sorted once by a
 * counting sort on their dates and grouped by participant number; prices are cached per date, so
 * paid claims at full price are counted rather than added. One million claims for 100,000
 * participants evaluate in a few seconds given as objects (test/domain/engine/performance), and
 * the bench's million in ~0.7 s given as the table an evaluation reads.
 */

export const ENGINE_VERSION = '1.1.0';

function evaluateRule(rule: PricingRule, ctx: EngineContext): RuleOutcome {
  switch (rule.kind) {
    case 'rate_card': return evaluateRateCard(rule, ctx);
    case 'counterfactual_threshold': return evaluateCounterfactual(rule, ctx);
    case 'tiered': return evaluateTiered(rule, ctx);
    case 'linear': return evaluateLinear(rule, ctx);
    case 'volume_banded': return evaluateVolumeBanded(rule, ctx);
    case 'savings_share': return evaluateSavingsShare(rule, ctx);
    case 'weighted_composite': return evaluateWeightedComposite(rule, ctx);
  }
}

export function evaluate(input: EngineInput): EngineResult {
  const ctx = buildContext(input);
  const { definition, currency } = ctx;
  const capper = new LineCapper(minorUnits(currency));
  const dueOn = addDays(input.asOf, definition.evaluation.paymentTermsDays);

  // ---- rules, then (d) and (e) on exact scope amounts
  const outcomes = definition.pricing.map((rule) => {
    const outcome = evaluateRule(rule, ctx);
    applyRuleCaps(rule, outcome.scopes);
    return outcome;
  });

  // ---- split among payers into lines
  const lines: Line[] = [];
  const linesOfScope = new Map<ScopeOutcome, Line[]>();
  definition.pricing.forEach((rule, r) => {
    const shares = rule.payers ?? [{ party: definition.payers[0]!.party, share: '1' }];
    const pooledCohorts = rule.kind === 'counterfactual_threshold' ? (rule.pooled?.cohorts ?? rule.cohorts) : undefined;
    for (const scope of outcomes[r]!.scopes) {
      const own: Line[] = [];
      let rest = scope.amount;
      shares.forEach((ps, k) => {
        const exact = k === shares.length - 1 ? rest : scope.amount.times(ps.share);
        rest = rest.minus(exact);
        own.push({
          lineKey: `${rule.key}:${scope.scope}:${ps.party}`, ruleKey: rule.key, scope: scope.scope, scopeKind: scope.scopeKind,
          payer: ps.party, exact, source: scope, ...(scope.scopeKind === 'pooled' && pooledCohorts ? { pooledCohorts } : {}),
        });
      });
      lines.push(...own);
      linesOfScope.set(scope, own);
    }
  });

  // ---- rounding guard for (d) and (e): the split and rounding must not lift a rule cap
  definition.pricing.forEach((rule) => {
    if (!rule.cap) return;
    const ruleLines = lines.filter((l) => l.ruleKey === rule.key);
    const record = (effects: CapEffect[]) => {
      for (const e of effects) ruleLines.find((l) => l.lineKey === e.lineKey)?.source?.capEffects.push(e);
    };
    if (rule.cap.perScope !== undefined) {
      for (const scope of new Set(ruleLines.map((l) => l.scope))) {
        const group = ruleLines.filter((l) => l.scope === scope);
        record(capper.cap(group, group, new Dec(rule.cap.perScope), 'rule.cap.perScope'));
      }
    }
    if (rule.cap.total !== undefined) record(capper.cap(ruleLines, ruleLines, new Dec(rule.cap.total), 'rule.cap.total'));
  });

  // ---- lines known only from prior obligations
  const prior = new Map<string, { amount: Dec; ids: string[] }>();
  for (const o of input.priorObligations) {
    const p = prior.get(o.lineKey);
    if (p) {
      p.amount = p.amount.plus(o.amount);
      p.ids.push(o.id);
    } else prior.set(o.lineKey, { amount: new Dec(o.amount), ids: [o.id] });
  }
  const known = new Set(lines.map((l) => l.lineKey));
  const orphans = [...prior.keys()].filter((k) => !known.has(k)).sort();
  for (const lineKey of orphans) {
    const [ruleKey = lineKey, scope = '', payer = ''] = lineKey.split(':');
    lines.push({ lineKey, ruleKey, scope, scopeKind: undefined, payer, exact: ZERO, source: undefined });
  }

  // ---- (f)–(h), then (i)
  const contractCapEffects = applyCrossLineCaps(definition, lines, capper);
  let returnCap: EngineResult['returnCap'];
  if (definition.distribution.surplus === 'payer') {
    const rc = returnCapacity(definition, input.drawdowns, input.priorObligations, dueOn);
    returnCap = rc.explanation;
    if (rc.capacity !== undefined) {
      const priorTotal = input.priorObligations.reduce((s, o) => s.plus(o.amount), ZERO);
      contractCapEffects.push(...capper.cap(lines, lines, priorTotal.plus(rc.capacity), 'investor.returnCap'));
    }
  }
  const byLine = new Map(lines.map((l) => [l.lineKey, l]));
  for (const e of contractCapEffects) byLine.get(e.lineKey!)?.source?.capEffects.push(e);

  // ---- lines and obligations
  const recipient = paymentRecipient(definition);
  if (recipient === undefined) throw new Error('The contract has no intermediary or operator to receive payments');
  let totalEntitled = ZERO;
  let totalPrevious = ZERO;
  let totalNew = ZERO;
  const lineResults: LineResult[] = [];
  const obligations: NewObligation[] = [];
  for (const l of lines) {
    const entitled = capper.round(l.exact);
    const p = prior.get(l.lineKey);
    const previous = p?.amount ?? ZERO;
    const delta = entitled.minus(previous);
    totalEntitled = totalEntitled.plus(entitled);
    totalPrevious = totalPrevious.plus(previous);
    lineResults.push({
      lineKey: l.lineKey, ruleKey: l.ruleKey, scope: l.scope, payer: l.payer, entitledExact: str(l.exact),
      entitled: formatAmount(entitled, currency), previouslyObligated: formatAmount(previous, currency), delta: formatAmount(delta, currency),
    });
    if (!delta.isZero()) {
      totalNew = totalNew.plus(delta);
      obligations.push({
        lineKey: l.lineKey, ruleKey: l.ruleKey, scope: l.scope, payer: l.payer, recipient, amount: formatAmount(delta, currency), currency, dueOn,
        kind: !p && delta.gt(0) ? 'payment' : 'adjustment', corrects: p ? [...p.ids] : [],
      });
    }
  }

  // ---- explanations
  const rules: RuleExplanation[] = definition.pricing.map((rule, r) => {
    const outcome = outcomes[r]!;
    const scopes: ScopeExplanation[] = outcome.scopes.map((s) => {
      const net = (linesOfScope.get(s) ?? []).reduce((sum, l) => sum.plus(l.exact), ZERO);
      return {
        scope: s.scope, inputs: s.inputs, tests: s.tests, ...(s.priceApplied === undefined ? {} : { priceApplied: s.priceApplied }),
        gross: str(s.gross), capEffects: s.capEffects, net: str(net), ...(s.participants ? { participants: s.participants } : {}),
        ...(s.items ? { items: s.items } : {}),
      };
    });
    const gross = outcome.scopes.reduce((sum, s) => sum.plus(s.gross), ZERO);
    const net = scopes.reduce((sum, s) => sum.plus(s.net), ZERO);
    return {
      ruleKey: rule.key, kind: rule.kind, scopes, gross: str(gross), capEffects: mergeCapEffects(scopes.flatMap((s) => s.capEffects)), net: str(net),
      ...(outcome.notes.length ? { notes: outcome.notes } : {}),
    };
  });

  return {
    engineVersion: ENGINE_VERSION,
    asOf: input.asOf,
    currency,
    rules,
    contractCapEffects,
    lines: lineResults,
    obligations,
    totals: {
      entitled: formatAmount(totalEntitled, currency),
      previouslyObligated: formatAmount(totalPrevious, currency),
      newObligations: formatAmount(totalNew, currency),
    },
    ...(returnCap ? { returnCap } : {}),
  };
}
