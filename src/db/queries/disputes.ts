import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Dispute, SubmissionKind } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Disputes over outcome records (migration 0015). A dispute names its record by kind and id
 * (`claim_id` or `result_id`, like measurement_review); its resolution is the one UPDATE the
 * database allows on it.
 */

const recordColumn = (kind: SubmissionKind) => (kind === 'participant_claims' ? 'claim_id' : 'result_id');
const recordTable = (kind: SubmissionKind) => (kind === 'participant_claims' ? 'participant_claim' : 'aggregate_result');

/** What decides whether a record may be disputed: its review, correction, submitter and dispute. Undefined when not a record of the contract. */
export async function disputableRecord(db: Db, contractId: string, kind: SubmissionKind, recordId: string) {
  const table = recordTable(kind);
  const column = recordColumn(kind);
  const { rows } = await sql<{
    id: string; submitted_by: string; review_id: string | null; decision: 'validated' | 'rejected' | null; superseded: boolean;
    dispute_state: 'open' | 'upheld' | 'dismissed' | null; participant_ref: string | null;
  }>`
    select c.id, s.organisation_id as submitted_by, r.id as review_id, r.decision,
           exists (select 1 from ${sql.table(table)} n where n.supersedes_id = c.id) as superseded,
           d.state as dispute_state,
           ${kind === 'participant_claims' ? sql`c.participant_ref` : sql`null::text`} as participant_ref
    from ${sql.table(table)} c
    join submission s on s.id = c.submission_id
    left join measurement_review r on ${sql.ref(`r.${column}`)} = c.id
    left join dispute d on ${sql.ref(`d.${column}`)} = c.id
    where c.id = ${recordId} and c.contract_id = ${contractId}`.execute(db);
  return rows[0];
}

export interface NewDispute {
  id: string; contractId: string; kind: SubmissionKind; recordId: string; reviewId: string; reason: string; evidenceRef: string;
  organisationId: string; apiKeyId: string | null; memberId: string | null; at: Date;
}

export async function insertDispute(db: Transaction<Database>, d: NewDispute): Promise<Dispute> {
  return db.insertInto('dispute').values({
    id: d.id, contract_id: d.contractId, kind: d.kind,
    claim_id: d.kind === 'participant_claims' ? d.recordId : null,
    result_id: d.kind === 'aggregate_results' ? d.recordId : null,
    review_id: d.reviewId, reason: d.reason, evidence_ref: d.evidenceRef,
    opened_by_organisation_id: d.organisationId, opened_by_api_key_id: d.apiKeyId, opened_by_member_id: d.memberId, opened_at: d.at,
  }).returningAll().executeTakeFirstOrThrow();
}

/** One dispute of a contract, locked for its resolution when `lock`. */
export async function findDispute(db: Db, contractId: string, disputeId: string, lock = false): Promise<Dispute | undefined> {
  let query = db.selectFrom('dispute').selectAll().where('contract_id', '=', contractId).where('id', '=', disputeId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface Resolution {
  state: 'upheld' | 'dismissed'; reason: string; organisationId: string; apiKeyId: string | null; memberId: string | null; at: Date;
}

/** Resolves an open dispute, numbering the resolution among the facts evaluations read (ledger_seq, migration 0005). */
export async function resolveDisputeRow(db: Transaction<Database>, disputeId: string, r: Resolution): Promise<Dispute> {
  return db.updateTable('dispute').set({
    state: r.state, resolution_reason: r.reason, resolved_by_organisation_id: r.organisationId, resolved_by_api_key_id: r.apiKeyId,
    resolved_by_member_id: r.memberId, resolved_at: r.at, resolved_ledger_seq: sql<string>`nextval('ledger_seq')`,
  }).where('id', '=', disputeId).where('state', '=', 'open').returningAll().executeTakeFirstOrThrow();
}

export interface DisputeFilter {
  state?: 'open' | 'upheld' | 'dismissed' | undefined;
  kind?: SubmissionKind | undefined;
  recordId?: string | undefined;
}

/** A contract's disputes, newest first (keyset on id). */
export async function pageOfDisputes(db: Db, contractId: string, f: DisputeFilter, before: string | undefined, limit: number): Promise<Dispute[]> {
  let q = db.selectFrom('dispute').selectAll().where('contract_id', '=', contractId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.recordId) q = q.where((eb) => eb.or([eb('claim_id', '=', f.recordId!), eb('result_id', '=', f.recordId!)]));
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** The participant reference of each disputed claim (for the parties that may see participant-level data). */
export async function participantRefs(db: Db, claimIds: string[]): Promise<Map<string, string>> {
  if (claimIds.length === 0) return new Map();
  // Through the disputes: a claim's key is (contract_id, id) since migration 0017.
  const rows = await db.selectFrom('dispute as d')
    .innerJoin('participant_claim as c', (j) => j.onRef('c.contract_id', '=', 'd.contract_id').onRef('c.id', '=', 'd.claim_id'))
    .select(['c.id', 'c.participant_ref']).where('d.claim_id', 'in', claimIds).execute();
  return new Map(rows.map((r) => [r.id, r.participant_ref]));
}

/** The audit entries about one dispute, oldest first: its thread as the audit trail holds it. */
export async function disputeAuditEntries(db: Db, contractId: string, disputeId: string) {
  return db.selectFrom('audit_entry').select(['seq', 'action', 'organisation_id', 'member_id', 'recorded_at', 'entry_hash'])
    .where('chain', '=', contractId).where('entity_type', '=', 'dispute').where('entity_id', '=', disputeId)
    .orderBy('seq').execute();
}

/** The organisations holding one of `roles` in the contract (its version in force or proposed): the recipients of an event. */
export async function organisationsWithRoles(db: Db, contractId: string, roles: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('contract_party as p').innerJoin('contract_version as v', 'v.id', 'p.version_id')
    .select('p.organisation_id').distinct()
    .where('p.contract_id', '=', contractId).where('v.status', 'in', ['in_force', 'proposed']).where('p.role', 'in', [...roles])
    .orderBy('p.organisation_id').execute();
  return rows.map((r) => r.organisation_id);
}

/** The review a dispute contests, with the audit entry of its batch: the first step of the dispute's thread. */
export async function contestedReview(db: Db, contractId: string, reviewId: string) {
  const { rows } = await sql<{
    reason: string | null; organisation_id: string; member_id: string | null; reviewed_at: Date; seq: number | null; action: string | null; entry_hash: string | null;
  }>`
    select r.reason, r.organisation_id, to_jsonb(r) ->> 'member_id' as member_id, r.reviewed_at, a.seq, a.action, a.entry_hash
    from measurement_review r
    left join audit_entry a on a.chain = ${contractId} and a.entity_type = 'review_batch' and a.entity_id = r.batch_id::text
    where r.id = ${reviewId} and r.contract_id = ${contractId}
    order by a.seq limit 1`.execute(db);
  return rows[0];
}
