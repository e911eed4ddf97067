import type { RateCardRule } from '../../../contract/definition.ts';
import type { EngineContext, RuleOutcome } from '../../context.ts';
import { claimCaps } from './caps.ts';
import { claimBook } from './claims.ts';
import { eligibility } from './eligibility.ts';
import { explain } from './explain.ts';
import { claimLimits } from './limits.ts';
import { pricing } from './pricing.ts';

/**
 * rate_card: a price per outcome (per unit of it: a day, a session…) per participant, read as
 * the contract's annex reads:
 *  0. the claims of the rule's cohorts (all cohorts when omitted), in achievement order (claims.ts);
 *  1. eligibility: prerequisites, awaited conditions (retroactive eligibility) and sustainment
 *     clocks (eligibility.ts);
 *  2. claim limits, per participant and outcome, over the term or per month, quarter or year,
 *     counting claims or units (limits.ts);
 *  3. the amount: price × the indexation factor at achievedOn × units (pricing.ts);
 *  4. caps on claims: outcome.cap, then participantCap (caps.ts);
 *  5. attribution to the cohort's scope, the statement items and the explanation (explain.ts).
 *
 * Performance: one pass groups claims by participant, one pass each for conditions, limits and
 * outcome caps in achievement order, one pass per participant for its cap and the sums by cohort.
 * Dates are indices into the sorted distinct dates, per-row data sits in typed arrays, unit prices
 * are cached per (outcome, date) and claims of one unit are counted, not added.
 */
export function evaluateRateCard(rule: RateCardRule, ctx: EngineContext): RuleOutcome {
  const book = claimBook(rule, ctx);
  const eligible = eligibility(book);
  const partialUnits = claimLimits(book, eligible);
  const priced = pricing(book, partialUnits);
  const caps = claimCaps(book, eligible, priced);
  return { scopes: explain(book, eligible, partialUnits, priced, caps), notes: [] };
}
