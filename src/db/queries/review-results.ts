import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { type RecordFilter, resultsQuery } from './measurements.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Read-only query of the evaluator's results page: the aggregate results of several contracts,
 * each contract's through the API's own list query (`resultsQuery`, with its filters and
 * statuses), united; those awaiting review first. Nothing here decides what a status means.
 */
const resultsOf = (db: Db, contractIds: readonly string[], f: RecordFilter) => {
  const [first, ...rest] = contractIds.map((id) => resultsQuery(db, id, f).select('c.contract_id'));
  let union = first!;
  for (const q of rest) union = union.unionAll(q);
  return union;
};

export type DeskResult = Awaited<ReturnType<ReturnType<typeof resultsOf>['execute']>>[number];

/** The results of `contractIds` matching `f`: awaiting review first, then by measurement date, cohort and id (at most `limit`). */
export async function deskResults(db: Db, contractIds: readonly string[], f: RecordFilter, limit: number): Promise<DeskResult[]> {
  if (contractIds.length === 0) return [];
  return db.selectFrom(resultsOf(db, contractIds, f).as('q')).selectAll()
    .orderBy(sql`(q.decision is null and q.superseded_by is null)`, 'desc')
    .orderBy('q.measured_on').orderBy('q.cohort').orderBy('q.id')
    .limit(limit).execute() as Promise<DeskResult[]>;
}
