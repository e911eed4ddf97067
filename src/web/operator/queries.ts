import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { claimsQuery, pageOfClaims, pageOfResults, type RecordFilter } from '../../db/queries/measurements.ts';
import type { Database, SubmissionKind } from '../../db/schema.ts';
import { recordStatus } from '../../domain/disputes/disputes.ts';
import { formatReceipt } from '../../usecases/run-write.ts';
import { claimKind, measurementKinds, resultKind } from '../../usecases/measurement-kinds.ts';

/**
 * What the operator's pages read: the API's own record queries (claimsQuery / resultsQuery through
 * each kind, with the API's status rule `recordStatus`), counted or listed. Read-only.
 */
export type RecordStatus = 'submitted' | 'validated' | 'rejected' | 'disputed';
export type StatusCounts = Record<RecordStatus, number>;
const zero = (): StatusCounts => ({ submitted: 0, validated: 0, rejected: 0, disputed: 0 });

/** Live (not superseded) records of a contract counted by status, per submission and in all. */
export async function recordCounts(db: Kysely<Database>, contractId: string): Promise<{ total: StatusCounts; bySubmission: Map<string, StatusCounts> }> {
  const total = zero();
  const bySubmission = new Map<string, StatusCounts>();
  for (const kind of [claimKind, resultKind]) {
    const rows = await db
      // Both kinds' queries select submission_id, decision and dispute_state (typed as the claims' one).
      .selectFrom((kind.query as typeof claimsQuery)(db, contractId, { includeSuperseded: false }).as('x'))
      .select(['x.submission_id', 'x.decision', 'x.dispute_state', sql<string>`count(*)`.as('n')])
      .groupBy(['x.submission_id', 'x.decision', 'x.dispute_state'])
      .execute();
    for (const r of rows) {
      const status = recordStatus(r.decision, r.dispute_state) as RecordStatus;
      const n = Number(r.n);
      total[status] += n;
      const counts = bySubmission.get(r.submission_id) ?? zero();
      counts[status] += n;
      bySubmission.set(r.submission_id, counts);
    }
  }
  return { total, bySubmission };
}

export interface SubmissionRow {
  id: string;
  kind: SubmissionKind;
  rows: number;
  corrections: number;
  submittedAt: Date;
  contentType: string;
  bodyDigest: string;
  contractVersion: number;
  memberName: string | null;
}

/** The contract's submissions, newest first (up to `limit`). */
export async function submissionsOf(db: Kysely<Database>, contractId: string, limit = 200, id?: string): Promise<SubmissionRow[]> {
  let q = db.selectFrom('submission as s')
    .innerJoin('contract_version as v', 'v.id', 's.version_id')
    .leftJoin('member as m', 'm.id', 's.member_id')
    .select(['s.id', 's.kind', 's.row_count', 's.correction_count', 's.submitted_at', 's.content_type', 's.body_digest', 'v.number', 'm.name'])
    .where('s.contract_id', '=', contractId);
  if (id) q = q.where('s.id', '=', id);
  const rows = await q.orderBy('s.submitted_at', 'desc').orderBy('s.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, rows: Number(r.row_count), corrections: Number(r.correction_count), submittedAt: new Date(r.submitted_at),
    contentType: r.content_type, bodyDigest: r.body_digest, contractVersion: Number(r.number), memberName: r.name,
  }));
}

/** One submission of the contract with the receipt of its audit entry. */
export async function submissionWithReceipt(db: Kysely<Database>, contractId: string, submissionId: string): Promise<{ submission: SubmissionRow; receipt: string | null } | undefined> {
  const [row] = await submissionsOf(db, contractId, 1, submissionId);
  if (!row) return undefined;
  const entry = await db.selectFrom('audit_entry').select(['chain', 'seq', 'entry_hash'])
    .where('chain', '=', contractId).where('entity_id', '=', submissionId).where('action', '=', 'data.submitted')
    .executeTakeFirst();
  return { submission: row, receipt: entry ? formatReceipt({ chain: entry.chain, seq: Number(entry.seq), entryHash: entry.entry_hash }) : null };
}

/** A record as the correction and dispute pages show it: its columns as an upload writes them. */
export interface RecordRow {
  id: string;
  kind: SubmissionKind;
  status: RecordStatus;
  reason: string | null;
  submissionId: string;
  /** Column → value, as in the upload's CSV (evidence joined by ";"). */
  columns: Record<string, string>;
  /** A short name of the record: participant and outcome, or metric and cohort/period. */
  label: string;
  superseded: boolean;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v));

/** Live records of the contract in a status (both kinds), up to `limit` each. */
export async function recordsOf(db: Kysely<Database>, contractId: string, filter: Omit<RecordFilter, 'includeSuperseded'> & { includeSuperseded?: boolean }, limit = 200): Promise<RecordRow[]> {
  const f: RecordFilter = { includeSuperseded: false, ...filter };
  const claims = await pageOfClaims(db, contractId, f, undefined, limit);
  const results = await pageOfResults(db, contractId, f, undefined, limit);
  return [
    ...claims.map((r): RecordRow => ({
      id: r.id, kind: 'participant_claims', status: recordStatus(r.decision, r.dispute_state) as RecordStatus, reason: r.reason, submissionId: r.submission_id,
      superseded: r.superseded_by !== null,
      label: `${r.participant_ref} · ${r.metric} · ${r.cohort}`,
      columns: {
        participant_ref: r.participant_ref, outcome: r.metric, cohort: r.cohort, achieved_on: text(r.achieved_on), held_from: text(r.held_from),
        evidence: text(r.evidence), quantity: text(r.quantity),
      },
    })),
    ...results.map((r): RecordRow => ({
      id: r.id, kind: 'aggregate_results', status: recordStatus(r.decision, r.dispute_state) as RecordStatus, reason: r.reason, submissionId: r.submission_id,
      superseded: r.superseded_by !== null,
      label: `${r.metric} · ${r.cohort ?? r.period ?? ''}`,
      columns: {
        metric: r.metric, cohort: text(r.cohort), period: text(r.period), measured_on: text(r.measured_on), treatment_value: text(r.treatment_value),
        comparison_value: text(r.comparison_value), treatment_sample_size: text(r.treatment_sample_size), comparison_sample_size: text(r.comparison_sample_size),
        methodology: r.methodology, methodology_version: r.methodology_version, measured_by: r.measured_by,
      },
    })),
  ];
}

/** One record of the contract (either kind), superseded or not. */
export async function recordOf(db: Kysely<Database>, contractId: string, kind: SubmissionKind, recordId: string): Promise<RecordRow | undefined> {
  if (!measurementKinds[kind]) return undefined;
  const rows = await recordsOf(db, contractId, { ids: [recordId], includeSuperseded: true }, 1);
  return rows.find((r) => r.kind === kind && r.id === recordId);
}
