import type { SavingsShareRule } from '../../contract/definition.ts';
import { Dec, ZERO } from '../../money/money.ts';
import { daysBetween } from '../../time/dates.ts';
import { show, str, type EngineContext, type RuleOutcome, type ScopeOutcome } from '../context.ts';
import { resultInputs } from '../measure.ts';
import { scopesWithResults } from './aggregate.ts';

/**
 * savings_share: scopes in definition order (cohorts or periods). savings = the result's treatment
 * value (a negative saving counts as 0). Threshold T: `amount`, or principalPlusInterest = total
 * commitment of all investors × (1 + annualRate × days(term.start → scope end) / 365), simple
 * interest, scope end = cohort enrolment end or period end. P = what this rule has paid on the
 * earlier evaluated scopes (before caps). While P < T, savings pay initialShare up to the saving
 * s* = (T − P) / initialShare that brings P to T; the rest of the scope's savings pays
 * subsequentShare (the scope's savings are split exactly at that boundary). With an initialShare
 * of 0 the threshold is never reached by payments. Shares are not prices: no indexation.
 * Scopes without a result are skipped (explained) and do not move P.
 */
export function evaluateSavingsShare(rule: SavingsShareRule, ctx: EngineContext): RuleOutcome {
  const scopes: ScopeOutcome[] = [];
  const notes: string[] = [];
  const initial = new Dec(rule.initialShare);
  const subsequent = new Dec(rule.subsequentShare);
  const commitment = ctx.definition.investors.reduce((s, i) => s.plus(i.commitment), ZERO);
  let paid = ZERO;
  for (const { key, result: r, tests } of scopesWithResults(rule, ctx, notes)) {
    const end = ctx.scopeEnd(rule.scope, key);
    let threshold: Dec;
    if ('amount' in rule.threshold) {
      threshold = new Dec(rule.threshold.amount);
      tests.push(`threshold ${rule.threshold.amount}`);
    } else {
      const rate = rule.threshold.principalPlusInterest.annualRate;
      const days = daysBetween(ctx.definition.term.start, end);
      threshold = commitment.times(new Dec(rate).times(days).div(365).plus(1));
      tests.push(`threshold = investor commitment ${commitment.toFixed()} × (1 + ${rate} × ${days} / 365) = ${show(threshold)} (term start ${ctx.definition.term.start} to ${end})`);
    }
    let savings = new Dec(r.treatmentValue);
    if (savings.lt(0)) {
      tests.push(`savings ${r.treatmentValue} are negative: counted as 0`);
      savings = ZERO;
    }
    let atInitial = savings;
    if (paid.gte(threshold)) atInitial = ZERO;
    else if (!initial.isZero()) atInitial = Dec.min(savings, threshold.minus(paid).div(initial));
    const atSubsequent = savings.minus(atInitial);
    const gross = atInitial.times(initial).plus(atSubsequent.times(subsequent));
    tests.push(
      `paid so far under this rule ${str(paid)}; savings ${savings.toFixed()}: ${show(atInitial)} at ${rule.initialShare} + ${show(atSubsequent)} at ${rule.subsequentShare} = ${show(gross)}`,
    );
    paid = paid.plus(gross);
    scopes.push({
      scope: key, scopeKind: rule.scope, amount: gross, gross, capEffects: [], tests,
      inputs: { ...resultInputs(r), threshold: str(threshold), savingsAtInitialShare: str(atInitial), savingsAtSubsequentShare: str(atSubsequent) },
    });
  }
  return { scopes, notes };
}
