import { type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Reading outcome data. A record's status is its review (or `submitted` without one); it is
 * superseded when a correction names it. Both are joins, never columns updated in place.
 */

export async function listSubmissions(db: Db, contractId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('submission').select('response').where('contract_id', '=', contractId);
  if (after) q = q.where('id', '<', after);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export interface RecordFilter {
  /** `disputed`: rejected with a dispute open; an upheld dispute's record is `validated`, a dismissed one's `rejected` (migration 0015). */
  status?: 'submitted' | 'validated' | 'rejected' | 'disputed' | undefined;
  cohort?: string | undefined;
  submissionId?: string | undefined;
  includeSuperseded: boolean;
  metric?: string | undefined;
  participantRef?: string | undefined;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  ids?: string[] | undefined;
}

/**
 * The filters claims and results share. Both list queries alias the record `c`, its review `r`, its
 * dispute `d` (at most one) and its correction `n`; the date filtered on is the claim's achievement
 * or the result's measurement.
 */
function applyFilter<Q extends SelectQueryBuilder<any, any, any>>(q: Q, f: RecordFilter, date: string): Q {
  let out = q as SelectQueryBuilder<any, any, any>;
  if (!f.includeSuperseded) out = out.where('n.id', 'is', null);
  if (f.status === 'submitted') out = out.where('r.id', 'is', null);
  else if (f.status === 'disputed') out = out.where('d.state', '=', 'open');
  else if (f.status === 'validated') out = out.where((eb) => eb.or([eb('r.decision', '=', 'validated'), eb('d.state', '=', 'upheld')]));
  else if (f.status === 'rejected') out = out.where('r.decision', '=', 'rejected').where((eb) => eb.or([eb('d.state', 'is', null), eb('d.state', '=', 'dismissed')]));
  if (f.cohort) out = out.where('c.cohort', '=', f.cohort);
  if (f.metric) out = out.where('c.metric', '=', f.metric);
  if (f.submissionId) out = out.where('c.submission_id', '=', f.submissionId);
  if (f.from) out = out.where(date, '>=', f.from);
  if (f.to) out = out.where(date, '<=', f.to);
  if (f.ids) out = out.where('c.id', 'in', f.ids);
  return out as Q;
}

/** Claims with their review, supersession and submission, filtered; keyset pagination on id. */
export function claimsQuery(db: Db, contractId: string, f: RecordFilter) {
  let q = db
    .selectFrom('participant_claim as c')
    .innerJoin('submission as s', 's.id', 'c.submission_id')
    .innerJoin('contract_version as v', 'v.id', 's.version_id')
    .leftJoin('measurement_review as r', 'r.claim_id', 'c.id')
    .leftJoin('dispute as d', 'd.claim_id', 'c.id')
    .leftJoin('participant_claim as n', 'n.supersedes_id', 'c.id')
    .select([
      'c.id', 'c.participant_ref', 'c.metric', 'c.cohort', 'c.achieved_on', 'c.held_from', 'c.evidence', 'c.quantity', 'c.supersedes_id',
      'c.submission_id', 'c.row_number', 'n.id as superseded_by', 'r.decision', 'r.reason', 'r.organisation_id as reviewed_by',
      'r.member_id as reviewed_by_member', 'r.reviewed_at', 'v.number as version_number', 's.submitted_at', 'd.id as dispute_id', 'd.state as dispute_state',
    ])
    .where('c.contract_id', '=', contractId);
  if (f.participantRef) q = q.where('c.participant_ref', '=', f.participantRef);
  return applyFilter(q, f, 'c.achieved_on');
}

export function resultsQuery(db: Db, contractId: string, f: RecordFilter) {
  let q = db
    .selectFrom('aggregate_result as c')
    .innerJoin('submission as s', 's.id', 'c.submission_id')
    .innerJoin('contract_version as v', 'v.id', 's.version_id')
    .leftJoin('measurement_review as r', 'r.result_id', 'c.id')
    .leftJoin('dispute as d', 'd.result_id', 'c.id')
    .leftJoin('aggregate_result as n', 'n.supersedes_id', 'c.id')
    .select([
      'c.id', 'c.metric', 'c.cohort', 'c.period', 'c.measured_on', 'c.treatment_value', 'c.comparison_value',
      'c.treatment_sample_size', 'c.comparison_sample_size', 'c.methodology', 'c.methodology_version', 'c.measured_by',
      'c.supersedes_id', 'c.submission_id', 'c.row_number', 'n.id as superseded_by', 'r.decision', 'r.reason',
      'r.organisation_id as reviewed_by', 'r.member_id as reviewed_by_member', 'r.reviewed_at', 'v.number as version_number', 's.submitted_at', 'd.id as dispute_id', 'd.state as dispute_state',
    ])
    .where('c.contract_id', '=', contractId);
  if (f.period) q = q.where('c.period', '=', f.period);
  return applyFilter(q, f, 'c.measured_on');
}

/**
 * The records a review by filter takes: current records of the contract awaiting review (no
 * review yet, hence no dispute; not superseded), filtered as the lists are. Only what decides that
 * is joined — not the submission, version or dispute the lists show — so validating a whole
 * upload reads each record once (a 1,000,000-claim selection: 3 index lookups per claim fewer).
 */
export function awaitingReview(db: Db, table: 'participant_claim' | 'aggregate_result', column: 'claim_id' | 'result_id', contractId: string, f: RecordFilter) {
  let q = (db as Kysely<Database>)
    .selectFrom(`${table} as c` as 'participant_claim as c')
    .leftJoin('measurement_review as r', (join) => join.onRef(`r.${column}` as 'r.claim_id', '=', 'c.id').on('r.contract_id', '=', contractId))
    .leftJoin(`${table} as n` as 'participant_claim as n', 'n.supersedes_id', 'c.id')
    .select('c.id')
    .where('c.contract_id', '=', contractId);
  if (f.participantRef && table === 'participant_claim') q = q.where('c.participant_ref', '=', f.participantRef);
  if (f.period && table === 'aggregate_result') q = q.where(sql.ref('c.period'), '=', f.period);
  return applyFilter(q, { ...f, status: 'submitted', includeSuperseded: false }, table === 'participant_claim' ? 'c.achieved_on' : 'c.measured_on');
}

export type ClaimRecord = Awaited<ReturnType<ReturnType<typeof claimsQuery>['execute']>>[number];
export type ResultRecord = Awaited<ReturnType<ReturnType<typeof resultsQuery>['execute']>>[number];

export async function pageOfClaims(db: Db, contractId: string, f: RecordFilter, after: string | undefined, limit: number) {
  let q = claimsQuery(db, contractId, f);
  if (after) q = q.where('c.id', '>', after);
  return q.orderBy('c.id').limit(limit).execute();
}

export async function pageOfResults(db: Db, contractId: string, f: RecordFilter, after: string | undefined, limit: number) {
  let q = resultsQuery(db, contractId, f);
  if (after) q = q.where('c.id', '>', after);
  return q.orderBy('c.id').limit(limit).execute();
}

/** Every record linked to `id` by corrections, oldest first. */
export async function correctionChain(db: Db, table: 'participant_claim' | 'aggregate_result', contractId: string, id: string): Promise<string[]> {
  const { rows } = await sql<{ id: string; depth: number }>`
    with recursive back(id, supersedes_id, depth) as (
      select id, supersedes_id, 0 from ${sql.table(table)} where id = ${id} and contract_id = ${contractId}
      union all
      select t.id, t.supersedes_id, b.depth - 1 from ${sql.table(table)} t join back b on t.id = b.supersedes_id and t.contract_id = ${contractId}
    ), fwd(id, depth) as (
      select id, 0 from ${sql.table(table)} where id = ${id} and contract_id = ${contractId}
      union all
      select t.id, f.depth + 1 from ${sql.table(table)} t join fwd f on t.supersedes_id = f.id and t.contract_id = ${contractId}
    )
    select id, depth from back union select id, depth from fwd order by depth`.execute(db);
  return rows.map((r) => r.id);
}

export interface ReviewValues {
  /** The column of measurement_review naming the reviewed records. */
  column: 'claim_id' | 'result_id'; contractId: string; decision: 'validated' | 'rejected'; reason: string | null;
  organisationId: string; apiKeyId: string | null; memberId: string | null; batchId: string; at: Date;
}

/** Reviews the listed records. Returns how many were reviewed. */
export async function insertReviews(db: Transaction<Database>, input: ReviewValues & { recordIds: string[] }): Promise<number> {
  if (input.recordIds.length === 0) return 0;
  const column = input.column;
  const { rows } = await sql<{ n: number }>`
    with reviewed as (
      insert into measurement_review (id, contract_id, ${sql.ref(column)}, decision, reason, organisation_id, api_key_id, member_id, batch_id, reviewed_at)
      select gen_random_uuid(), ${input.contractId}, rid::uuid, ${input.decision}, ${input.reason}, ${input.organisationId},
             ${input.apiKeyId}::uuid, ${input.memberId}::uuid, ${input.batchId}, ${input.at}
      from unnest(${input.recordIds}::text[]) as rid
      returning 1)
    select count(*)::int as n from reviewed`.execute(db);
  return rows[0]!.n;
}

/** Counts per outcome and cohort (no participant-level data), for every party including investors. */
export async function claimSummary(db: Db, contractId: string) {
  const { rows } = await sql<{ metric: string; cohort: string; submitted: number; validated: number; rejected: number; disputed: number; participants: number }>`
    select c.metric, c.cohort,
      count(*) filter (where r.id is null)::int as submitted,
      count(*) filter (where r.decision = 'validated' or d.state = 'upheld')::int as validated,
      count(*) filter (where r.decision = 'rejected' and (d.state is null or d.state = 'dismissed'))::int as rejected,
      count(*) filter (where d.state = 'open')::int as disputed,
      count(distinct c.participant_ref) filter (where r.decision = 'validated' or d.state = 'upheld')::int as participants
    from participant_claim c
    left join measurement_review r on r.claim_id = c.id
    left join dispute d on d.claim_id = c.id
    where c.contract_id = ${contractId}
      and not exists (select 1 from participant_claim n where n.supersedes_id = c.id)
    group by c.metric, c.cohort
    order by c.cohort, c.metric`.execute(db);
  return rows;
}

/** Reviews every record a list query selects, in one INSERT … SELECT (bulk review of millions of rows). */
export async function insertReviewsBySelection(
  db: Transaction<Database>,
  input: ReviewValues,
  selection: ReturnType<typeof awaitingReview>,
): Promise<number> {
  const column = input.column;
  const select = selection.clearSelect().select([
    sql<string>`gen_random_uuid()`.as('id'),
    sql<string>`${input.contractId}::uuid`.as('contract_id'),
    sql<string>`c.id`.as('record_id'),
    sql<string>`${input.decision}::text`.as('decision'),
    sql<string | null>`${input.reason}::text`.as('reason'),
    sql<string>`${input.organisationId}::uuid`.as('organisation_id'),
    sql<string | null>`${input.apiKeyId}::uuid`.as('api_key_id'),
    sql<string | null>`${input.memberId}::uuid`.as('member_id'),
    sql<string>`${input.batchId}::uuid`.as('batch_id'),
    sql<Date>`${input.at.toISOString()}::timestamptz`.as('reviewed_at'),
  ]);
  const result = await db
    .insertInto('measurement_review')
    .columns(['id', 'contract_id', column, 'decision', 'reason', 'organisation_id', 'api_key_id', 'member_id', 'batch_id', 'reviewed_at'] as never)
    .expression(select as never)
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
