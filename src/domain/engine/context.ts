import type { Cohort, ContractDefinition, Metric } from '../contract/definition.ts';
import { ClaimTable } from '../measurement/claim-table.ts';
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
  /** How many claims were achieved on or before asOf. */
  claimCount: number;
  /** The k-th of them in achievement order (achievedOn, then id), as an object (made on each call). */
  claim(k: number): ParticipantClaim;
  /** The distinct achievement dates of those claims, ascending. */
  days: readonly IsoDate[];
  /** For each of those claims (in achievement order, as `claim(k)`), the index of its achievedOn in `days`. */
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
 * indices into the distinct participant references, metrics and cohorts, as the claim table
 * numbered them. A rule never reaches a claim object: at a million claims that meant a cache miss
 * per claim, and a string hashed per claim for each lookup (the numbering of participants took
 * ~0.3 s of the engine's ~1.4 s when it was done here rather than as the claims were read).
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
 * columns. A counting sort by date: the table numbers each claim's date among a few hundred
 * distinct dates, so only those dates are compared, never a million claims with each other, and
 * no claim object is read. Claims given in id order (as the database reads them) stay in id order
 * within each day (the sort is stable); otherwise each day's claims are sorted by id.
 */
export function sortClaims(
  table: ClaimTable, asOf: IsoDate,
): { order: Int32Array; days: IsoDate[]; claimDay: Int32Array; columns: ClaimColumns } {
  const given = table.columns;
  const { dates } = table;
  // the table's date numbers on or before asOf, by date; then date number → rank (−1: after asOf)
  const considered = dates.map((_, i) => i).filter((i) => dates[i]! <= asOf).sort((a, b) => (dates[a]! < dates[b]! ? -1 : 1));
  const days = considered.map((i) => dates[i]!);
  const rank = new Int32Array(dates.length).fill(-1);
  considered.forEach((i, r) => (rank[i] = r));
  // claims per day, then where each day starts
  const start = new Int32Array(days.length + 1);
  for (let k = 0; k < table.length; k++) {
    const r = rank[given.date[k]!]!;
    if (r !== -1) start[r + 1]! += 1;
  }
  for (let r = 0; r < days.length; r++) start[r + 1]! += start[r]!;
  const count = start[days.length]!;
  const order = new Int32Array(count);
  const claimDay = new Int32Array(count);
  const next = start.slice(0, days.length);
  for (let k = 0; k < table.length; k++) {
    const r = rank[given.date[k]!]!;
    if (r === -1) continue;
    const j = next[r]!++;
    order[j] = k;
    claimDay[j] = r;
  }
  if (!table.idsAscending) {
    const byId = (a: number, b: number) => {
      const x = table.id(a);
      const y = table.id(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
    for (let r = 0; r < days.length; r++) {
      if (start[r + 1]! - start[r]! > 1) order.subarray(start[r]!, start[r + 1]!).sort(byId);
    }
  }
  const participant = new Int32Array(count);
  const metric = new Int32Array(count);
  const cohort = new Int32Array(count);
  const quantities = new Map<number, string>();
  for (let j = 0; j < count; j++) {
    const k = order[j]!;
    participant[j] = given.participant[k]!;
    metric[j] = given.metric[k]!;
    cohort[j] = given.cohort[k]!;
  }
  if (table.quantities.size > 0) {
    for (let j = 0; j < count; j++) {
      const q = table.quantities.get(order[j]!);
      if (q !== undefined) quantities.set(j, q);
    }
  }
  return {
    order, days, claimDay,
    columns: { participant, participants: table.participants, metric, metrics: table.metrics, cohort, cohorts: table.cohorts, quantities },
  };
}

const isLater = (a: AggregateResult, b: AggregateResult): boolean =>
  a.measuredOn > b.measuredOn || (a.measuredOn === b.measuredOn && a.id > b.id);

export function buildContext(input: EngineInput): EngineContext {
  const { definition, asOf } = input;
  const table = input.claims instanceof ClaimTable ? input.claims : ClaimTable.of(input.claims);
  const { order, days, claimDay, columns } = sortClaims(table, asOf);

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
    claimCount: order.length,
    claim: (k) => table.claim(order[k]!),
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
