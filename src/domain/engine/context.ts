import type { Cohort, ContractDefinition, Metric } from '../contract/definition.ts';
import type { AggregateResult, ParticipantClaim } from '../measurement/types.ts';
import { Dec } from '../money/money.ts';
import { addDays, type IsoDate } from '../time/dates.ts';
import { makeIndexer, type Indexer } from './indexation.ts';
import type { CapEffect, EngineInput, ParticipantExplanation, PriorObligation, StatementItem } from './types.ts';

/** Shared, read-only view of one evaluation's inputs, prepared once for every rule. */

export type ScopeKind = 'cohort' | 'period' | 'pooled';
export type ParticipantDetail = 'exceptions' | 'all' | 'none';

export interface EngineContext {
  definition: ContractDefinition;
  asOf: IsoDate;
  currency: string;
  /** Claims achieved on or before asOf, sorted by (achievedOn, id). */
  claims: readonly ParticipantClaim[];
  /** The distinct achievement dates of `claims`, ascending. */
  days: readonly IsoDate[];
  /** For each claim (same index as `claims`), the index of its achievedOn in `days`. */
  claimDay: Int32Array;
  /** For each claim, its participant, metric and cohort as numbers (see ClaimColumns). */
  columns: ClaimColumns;
  participantDetail: ParticipantDetail;
  detailLimit: number;
  cohorts: ReadonlyMap<string, Cohort>;
  cohortOrder: readonly string[];
  periodEnd: ReadonlyMap<string, IsoDate>;
  periodOrder: readonly string[];
  metrics: ReadonlyMap<string, Metric>;
  index: Indexer;
  /**
   * The latest result for (metric, scope): latest measuredOn on or before asOf, ties to the greatest
   * id. For a metric whose results replace each other (the default) it is the result used.
   */
  resultFor(metric: string, kind: 'cohort' | 'period', key: string): AggregateResult | undefined;
  /**
   * The results used for (metric, scope), by measuredOn ascending. results 'replace' (default): the
   * latest one only (as resultFor). results 'accumulate': one per measuredOn on or before asOf
   * (several on one date replace each other, ties to the greatest id), each a successive period.
   * Empty when there is none.
   */
  resultsFor(metric: string, kind: 'cohort' | 'period', key: string): readonly AggregateResult[];
  /** How many results were considered for (metric, scope), to explain when some were replaced. */
  resultCount(metric: string, kind: 'cohort' | 'period', key: string): number;
  /** Whether the metric's results accumulate (results: 'accumulate') rather than replace each other. */
  accumulates(metric: string): boolean;
  /** The obligations already created, as given to the engine (their lines and due dates). */
  priorObligations: readonly PriorObligation[];
  /** The date the obligations of this evaluation fall due: asOf + evaluation.paymentTermsDays. */
  dueOn: IsoDate;
  /** The date aggregate prices are indexed at: cohort enrolment end or period end. */
  scopeEnd(kind: 'cohort' | 'period', key: string): IsoDate;
}

/** What a rule hands back for one scope, before the caps that act across scopes and lines. */
export interface ScopeOutcome {
  scope: string;
  scopeKind: ScopeKind;
  /** Entitlement after the rule's own claim-level limits and caps ((a)–(c)); rule caps (d), (e) come later. */
  amount: Dec;
  /** Explanation under construction: gross is before any cap; capEffects holds (b) and (c). */
  inputs: Record<string, string | number | string[]>;
  tests: string[];
  priceApplied?: string;
  gross: Dec;
  capEffects: CapEffect[];
  participants?: ParticipantExplanation[];
  /** The scope's payment statement: Σ gross = gross, Σ net = amount (see StatementItem). */
  items?: StatementItem[];
}

export interface RuleOutcome {
  scopes: ScopeOutcome[];
  /** Rule-level notes (e.g. unevaluated scopes) that belong to no scope. */
  notes: string[];
}


/**
 * Who, what and which cohort each claim is about, as numbers (same index as the sorted claims):
 * indices into the distinct participant references, metrics and cohorts. They are read in the
 * order the claims were given (the order they sit in memory) while sorting: a rule then never has
 * to reach a claim object in achievement order, which at a million claims means a cache miss per
 * claim and a string hashed per claim for each lookup.
 */
export interface ClaimColumns {
  participant: Int32Array;
  participants: readonly string[];
  metric: Int32Array;
  metrics: readonly string[];
  cohort: Int32Array;
  cohorts: readonly string[];
  /** The quantities other than 1, by claim index (most claims have none). */
  quantities: ReadonlyMap<number, string>;
}

/**
 * Claims achieved on or before asOf in achievement order (achievedOn, then id), with their
 * columns. Bucketed by date first: there are far fewer distinct dates than claims, so only the
 * dates and each day's few claims are compared, never a million claims with each other. Claims
 * given in id order (as the database reads them) stay in id order within each day: checked on the
 * way (one comparison per claim), the days are then not sorted at all.
 */
export function sortClaims(
  all: readonly ParticipantClaim[], asOf: IsoDate,
): { claims: ParticipantClaim[]; days: IsoDate[]; claimDay: Int32Array; columns: ClaimColumns } {
  const byDate = new Map<IsoDate, number[]>();
  const participants: string[] = [];
  const participantIndex = new Map<string, number>();
  const metrics: string[] = [];
  const cohorts: string[] = [];
  const givenParticipant = new Int32Array(all.length);
  const givenMetric = new Int32Array(all.length);
  const givenCohort = new Int32Array(all.length);
  const givenQuantity = new Map<number, string>();
  let inIdOrder = true;
  let previousId = '';
  let lastDate: IsoDate | undefined;
  let lastDay: number[] | undefined;
  // metrics and cohorts are few: a linear search from the last one found beats a hash lookup
  let metric = -1;
  let cohort = -1;
  for (let k = 0; k < all.length; k++) {
    const c = all[k]!;
    const date = c.achievedOn;
    if (date > asOf) continue;
    if (inIdOrder) {
      if (c.id < previousId) inIdOrder = false;
      previousId = c.id;
    }
    let p = participantIndex.get(c.participantRef);
    if (p === undefined) {
      p = participants.length;
      participantIndex.set(c.participantRef, p);
      participants.push(c.participantRef);
    }
    givenParticipant[k] = p;
    if (metric === -1 || metrics[metric] !== c.metric) metric = indexIn(metrics, c.metric);
    givenMetric[k] = metric;
    if (cohort === -1 || cohorts[cohort] !== c.cohort) cohort = indexIn(cohorts, c.cohort);
    givenCohort[k] = cohort;
    if (c.quantity !== undefined && c.quantity !== '1') givenQuantity.set(k, c.quantity);
    // consecutive claims often share a date: reuse the last bucket without a lookup
    if (date === lastDate) {
      lastDay!.push(k);
      continue;
    }
    let day = byDate.get(date);
    if (day) day.push(k);
    else byDate.set(date, (day = [k]));
    lastDate = date;
    lastDay = day;
  }
  const days = [...byDate.keys()].sort();
  let count = 0;
  for (const d of days) count += byDate.get(d)!.length;
  const claims: ParticipantClaim[] = [];
  const claimDay = new Int32Array(count);
  const participant = new Int32Array(count);
  const metricOf = new Int32Array(count);
  const cohortOf = new Int32Array(count);
  const quantities = new Map<number, string>();
  const byId = (a: number, b: number): number => compareIds(all[a]!, all[b]!);
  days.forEach((d, index) => {
    const day = byDate.get(d)!;
    if (day.length > 1 && !inIdOrder) day.sort(byId);
    for (const k of day) {
      const j = claims.length;
      claimDay[j] = index;
      participant[j] = givenParticipant[k]!;
      metricOf[j] = givenMetric[k]!;
      cohortOf[j] = givenCohort[k]!;
      if (givenQuantity.size > 0 && givenQuantity.has(k)) quantities.set(j, givenQuantity.get(k)!);
      claims.push(all[k]!);
    }
  });
  return {
    claims, days, claimDay,
    columns: { participant, participants, metric: metricOf, metrics, cohort: cohortOf, cohorts, quantities },
  };
}

/** The index of a value in a short list, added at the end when absent. */
function indexIn(values: string[], value: string): number {
  const i = values.indexOf(value);
  return i !== -1 ? i : values.push(value) - 1;
}

const compareIds = (a: ParticipantClaim, b: ParticipantClaim): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const isLater = (a: AggregateResult, b: AggregateResult): boolean =>
  a.measuredOn > b.measuredOn || (a.measuredOn === b.measuredOn && a.id > b.id);

export function buildContext(input: EngineInput): EngineContext {
  const { definition, asOf } = input;
  const { claims, days, claimDay, columns } = sortClaims(input.claims, asOf);

  // ---- result selection: per (metric, scope), the latest result; for metrics whose results
  // accumulate, the latest result of each measurement date
  const accumulating = new Set(definition.metrics.filter((m) => m.results === 'accumulate').map((m) => m.key));
  const best = new Map<string, AggregateResult>();
  const perDate = new Map<string, Map<IsoDate, AggregateResult>>();
  const counts = new Map<string, number>();
  const consider = (key: string, r: AggregateResult) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const current = best.get(key);
    if (!current || isLater(r, current)) best.set(key, r);
    if (!accumulating.has(r.metric)) return;
    let dates = perDate.get(key);
    if (!dates) perDate.set(key, (dates = new Map()));
    const sameDay = dates.get(r.measuredOn);
    if (!sameDay || isLater(r, sameDay)) dates.set(r.measuredOn, r);
  };
  for (const r of input.results) {
    if (r.measuredOn > asOf) continue;
    if (r.cohort !== undefined) consider(`${r.metric}|cohort|${r.cohort}`, r);
    if (r.period !== undefined) consider(`${r.metric}|period|${r.period}`, r);
  }
  const used = new Map<string, readonly AggregateResult[]>();
  for (const [key, r] of best) {
    const dates = perDate.get(key);
    used.set(key, dates ? [...dates.values()].sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1)) : [r]);
  }

  const cohorts = new Map(definition.cohorts.map((c) => [c.key, c]));
  const periodEnd = new Map(definition.periods.map((p) => [p.key, p.end]));
  return {
    definition,
    asOf,
    currency: definition.currency,
    claims,
    days,
    claimDay,
    columns,
    participantDetail: input.participantDetail ?? 'exceptions',
    detailLimit: input.detailLimit ?? Number.POSITIVE_INFINITY,
    cohorts,
    cohortOrder: definition.cohorts.map((c) => c.key),
    periodEnd,
    periodOrder: definition.periods.map((p) => p.key),
    metrics: new Map(definition.metrics.map((m) => [m.key, m])),
    index: makeIndexer(definition.indexation),
    resultFor: (metric, kind, key) => best.get(`${metric}|${kind}|${key}`),
    resultsFor: (metric, kind, key) => used.get(`${metric}|${kind}|${key}`) ?? [],
    resultCount: (metric, kind, key) => counts.get(`${metric}|${kind}|${key}`) ?? 0,
    accumulates: (metric) => accumulating.has(metric),
    priorObligations: input.priorObligations,
    dueOn: addDays(asOf, definition.evaluation.paymentTermsDays),
    scopeEnd: (kind, key) => {
      const date = kind === 'cohort' ? cohorts.get(key)?.enrolment.end : periodEnd.get(key);
      if (date === undefined) throw new Error(`Unknown ${kind} "${key}"`);
      return date;
    },
  };
}

/** Exact decimal string, no exponent. */
export const str = (d: Dec): string => d.toFixed();

/** A short rendering for sentences in explanations (the exact value is in the inputs). */
export const show = (d: Dec): string => {
  const fixed = d.toDecimalPlaces(10, Dec.ROUND_HALF_EVEN);
  return fixed.eq(d) ? d.toFixed() : `${fixed.toFixed()}…`;
};

/** Describes which result was used when several exist for the same metric and scope. */
export function describeResult(ctx: EngineContext, r: AggregateResult, kind: 'cohort' | 'period', key: string): string | undefined {
  const n = ctx.resultCount(r.metric, kind, key);
  if (n <= 1) return undefined;
  return `${n} results for ${r.metric} in ${kind} ${key}: used ${r.id} (latest measuredOn ${r.measuredOn}, ties to the greatest id)`;
}

/** Describes the results used for a metric whose results accumulate (one per measurement date). */
export function describeAccumulated(
  ctx: EngineContext, metric: string, used: readonly AggregateResult[], kind: 'cohort' | 'period', key: string,
): string {
  const n = ctx.resultCount(metric, kind, key);
  const replaced = n - used.length;
  return `${used.length} result${used.length === 1 ? '' : 's'} for ${metric} in ${kind} ${key} accumulate (one per measurement date, each paid on its own): ` +
    used.map((r) => `${r.id} (${r.measuredOn})`).join(', ') +
    (replaced > 0 ? `; ${replaced} other${replaced === 1 ? ' was' : 's were'} replaced by a later one measured on the same date (ties to the greatest id)` : '');
}

/** Scopes a scope-selecting rule covers, in definition order. */
export function selectedScopes(ctx: EngineContext, scope: 'cohort' | 'period', scopes: readonly string[] | undefined): string[] {
  const order = scope === 'cohort' ? ctx.cohortOrder : ctx.periodOrder;
  if (!scopes) return [...order];
  const wanted = new Set(scopes);
  return order.filter((k) => wanted.has(k));
}
