import type { IndigoExport } from '../../domain/indigo/types.ts';

/**
 * Statistical disclosure control of what the public sees (issue 18): counts of participants are
 * aggregates, but a small one can still point at a person ("3 participants of the Leeds cohort
 * found work"). As UK official statistics do — the ONS and the Department for Education suppress
 * small non-zero counts in the tables they publish, so that no individual can be identified — a
 * count of participants from 1 to 9 is never published exactly: the page says "fewer than 10".
 *
 * - A zero is shown: it says nothing about any person.
 * - The count of outcomes achieved by a small group of participants is withheld too (it describes
 *   those few people, and at one claim per participant it *is* their number).
 * - Totals never leak a suppressed cell: a total whose set holds a suppressed cell is itself
 *   withheld (or "fewer than 10" when it is small), since total − the cells shown = the cell.
 * The same rule applies to the page and to the public INDIGO export, so that neither completes
 * the other.
 */
export const SMALL_COUNT_THRESHOLD = 10;

/** What a public count shows: the number, "fewer than {threshold}", or nothing (withheld). */
export type PublicCount =
  | { kind: 'count'; value: number }
  | { kind: 'fewer'; than: number }
  | { kind: 'withheld' };

export const isSmall = (n: number): boolean => n > 0 && n < SMALL_COUNT_THRESHOLD;

const shown = (value: number): PublicCount => ({ kind: 'count', value });
const fewer: PublicCount = { kind: 'fewer', than: SMALL_COUNT_THRESHOLD };
const withheld: PublicCount = { kind: 'withheld' };

export interface CountRow { outcomes: number; participants: number }
export interface PublicCountRow { outcomes: PublicCount; participants: PublicCount }

/**
 * One table of participant-level outcomes (one row per cohort) with its total row. A row whose
 * participants are few shows "fewer than 10" for them and for its outcomes when those are few
 * too, and withholds its outcomes otherwise; the total row is withheld when any row is suppressed.
 */
export function suppressCounts(rows: readonly CountRow[]): { rows: PublicCountRow[]; total: PublicCountRow } {
  const small = (r: CountRow) => isSmall(r.participants) || isSmall(r.outcomes);
  const out = rows.map((r): PublicCountRow => (small(r)
    ? { participants: fewer, outcomes: isSmall(r.outcomes) ? fewer : withheld } // few outcomes imply few participants
    : { participants: shown(r.participants), outcomes: shown(r.outcomes) }));
  const sum = (f: (r: CountRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const anySuppressed = rows.some(small);
  const totalOf = (n: number): PublicCount => (isSmall(n) ? fewer : anySuppressed ? withheld : shown(n));
  return { rows: out, total: { outcomes: totalOf(sum((r) => r.outcomes)), participants: totalOf(sum((r) => r.participants)) } };
}

/** How a page writes a public count: `fewer` and `withheld` are its words ("fewer than {n}", "not shown"). */
export function countText(count: PublicCount, words: { number: (n: number) => string; fewer: (n: number) => string; withheld: string }): string {
  switch (count.kind) {
    case 'count': return words.number(count.value);
    case 'fewer': return words.fewer(count.than);
    case 'withheld': return words.withheld;
  }
}

const CLAIM_COUNTS = /^(.*): \d+ validated outcomes? for \d+ participants?$/s;

/**
 * The public INDIGO export under the same rule: a result counting fewer than 10 participants
 * (number_with_positive_social_outcomes) loses that number and its outcomes count, its text
 * saying "fewer than 10 participants"; a treatment sample (number_engaged_in_impact_bond) of fewer
 * than 10 is dropped. A result text this function cannot read is replaced, never published.
 * The export carries no totals of these counts.
 */
export function suppressIndigoCounts(exported: IndigoExport): IndigoExport {
  const results = exported.project.results;
  if (!results) return exported;
  const safe = results.map((r) => {
    const copy = { ...r };
    const participants = copy.number_with_positive_social_outcomes?.value;
    if (typeof participants === 'number' && isSmall(participants)) {
      delete copy.number_with_positive_social_outcomes;
      const match = CLAIM_COUNTS.exec(copy.outcomes_achieved.value);
      const said = `fewer than ${SMALL_COUNT_THRESHOLD} participants (small numbers are not published)`;
      copy.outcomes_achieved = { ...copy.outcomes_achieved, value: match ? `${match[1]}: ${said}` : said };
    }
    const engaged = copy.number_engaged_in_impact_bond?.value;
    if (typeof engaged === 'number' && isSmall(engaged)) delete copy.number_engaged_in_impact_bond;
    return copy;
  });
  return { ...exported, project: { ...exported.project, results: safe } };
}
