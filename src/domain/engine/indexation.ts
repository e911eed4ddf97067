import type { Indexation } from '../contract/definition.ts';
import { Dec } from '../money/money.ts';
import { addMonths, type IsoDate } from '../time/dates.ts';

/**
 * Contracted price increases. A price written in the definition is multiplied by the factor in
 * force on the pricing date (a claim's achievedOn; an aggregate result's cohort enrolment end or
 * period end; a pooled result's latest pooled cohort enrolment end).
 *
 * - annual_rate: factor = (1 + rate) ^ n, n = the number of full years from baseDate to the date
 *   (the anniversary itself counts; 29 Feb anniversaries fall on 28 Feb); n = 0 before the first
 *   anniversary and before baseDate.
 * - schedule: the factor of the step with the latest effectiveFrom on or before the date; 1 before
 *   the first step.
 * - none: factor 1.
 * Caps are never indexed. Factors are cached per date: they change rarely and claims share dates.
 */

export interface Indexer {
  factor(date: IsoDate): Dec;
  /** Words for the explanation, e.g. "indexation 1.0404 (2 full years at 0.02 since 2019-04-01)". */
  describe(date: IsoDate): string | undefined;
}

const ONE = new Dec(1);

export function fullYearsBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return 0;
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (addMonths(from, 12 * years) > to) years -= 1;
  return Math.max(0, years);
}

export function makeIndexer(indexation: Indexation | undefined): Indexer {
  if (!indexation) return { factor: () => ONE, describe: () => undefined };
  const cache = new Map<IsoDate, Dec>();
  if (indexation.kind === 'annual_rate') {
    const base = new Dec(1).plus(indexation.rate);
    const factor = (date: IsoDate): Dec => {
      let f = cache.get(date);
      if (!f) {
        f = base.pow(fullYearsBetween(indexation.baseDate, date));
        cache.set(date, f);
      }
      return f;
    };
    return {
      factor,
      describe: (date) =>
        `indexation factor ${factor(date).toFixed()} (${fullYearsBetween(indexation.baseDate, date)} full years at ${indexation.rate} since ${indexation.baseDate}, priced at ${date})`,
    };
  }
  const steps = [...indexation.steps].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  const stepAt = (date: IsoDate) => {
    let found: (typeof steps)[number] | undefined;
    for (const s of steps) if (s.effectiveFrom <= date) found = s;
    return found;
  };
  const factor = (date: IsoDate): Dec => {
    let f = cache.get(date);
    if (!f) {
      const step = stepAt(date);
      f = step ? new Dec(step.factor) : ONE;
      cache.set(date, f);
    }
    return f;
  };
  return {
    factor,
    describe: (date) => {
      const step = stepAt(date);
      return step
        ? `indexation factor ${step.factor} (schedule step effective from ${step.effectiveFrom}, priced at ${date})`
        : `indexation factor 1 (before the first schedule step, priced at ${date})`;
    },
  };
}
