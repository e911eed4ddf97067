import { rowProblem, type RowProblemCode, type RowProblemParams } from '../../domain/measurement/row-problems.ts';
import type { ClaimRow, ResultRow } from '../../domain/measurement/rows.ts';
import { type BulkSession, copyField, copyLine, CopyRefusedError, type RowSink } from '../bulk.ts';
import type { Spool } from '../spool.ts';
import { isUniqueViolation } from '../errors.ts';
import { newId } from '../ids.ts';
import type { SubmissionKind } from '../schema.ts';

/**
 * Storing an upload, inside one bulk transaction: valid rows go to a temporary staging table as
 * they are read; then SQL checks the rows against each other and against what is stored
 * (duplicates, what corrections supersede); then everything moves to the real table at once.
 * Any problem aborts the transaction, so nothing is stored.
 *
 * On PostgreSQL (sessions with a spool: see BulkSession) claims go straight to their table instead
 * (`open(direct)`), while the upload is what nearly every upload is: original claims, every row
 * valid. The table's unique index of originals then refuses exactly what the duplicate checks would
 * list, and there are no corrections to check; the rows are written once instead of twice, and the
 * server stores them while the service reads the next ones (a million-row upload in 9.3–10.8 s
 * instead of 15.1–15.5 s, alternated pairs; on PGlite, where nothing runs while the service reads
 * rows, it was slower, so PGlite stages). Their lines are also kept in a spool, after a savepoint: the first
 * row that is not such a row (a problem, a correction), or a duplicate the index refuses, sends the
 * upload back to staging — the transaction back to the savepoint, the spool into the staging table —
 * and it goes on, checked, exactly as if it had been staged from the start. (The rows then precede
 * their submission's row in the transaction: claims have no foreign keys to check it, migration 0018.)
 */

export interface StagedProblem {
  row: number;
  column: string;
  message: string;
  /** The row problem's code and parameters (domain/measurement/row-problems.ts); none for a row that could not be read. */
  code?: RowProblemCode;
  params?: RowProblemParams;
}

interface KindSpec<Row> {
  table: 'participant_claim' | 'aggregate_result';
  staging: string;
  columns: readonly string[];
  columnTypes: string;
  toValues(row: Row): (string | null)[];
  /** The COPY line of `[id, rowNumber, ...toValues(row)]`, written directly (uploads make millions). */
  copyLine?(id: string, rowNumber: number, row: Row): string;
  /** SQL expression of an original record's natural key (over alias `x`). */
  naturalKey: (alias: string) => string;
}

const claims: KindSpec<ClaimRow> = {
  table: 'participant_claim',
  staging: 'upload_participant_claim',
  columns: ['id', 'row_number', 'participant_ref', 'metric', 'cohort', 'achieved_on', 'held_from', 'evidence', 'quantity', 'supersedes_id'],
  columnTypes:
    'id uuid, row_number integer, participant_ref text, metric text, cohort text, achieved_on date, held_from date, evidence jsonb, ' +
    'quantity numeric, supersedes_id uuid',
  toValues: (r) => [r.participantRef, r.metric, r.cohort, r.achievedOn, r.heldFrom, JSON.stringify(r.evidence), r.quantity, r.supersedes],
  // achievedOn, heldFrom, quantity and supersedes are checked dates, decimals and uuids: nothing to escape.
  copyLine: (id, rowNumber, r) =>
    `${id}\t${rowNumber}\t${copyField(r.participantRef)}\t${copyField(r.metric)}\t${copyField(r.cohort)}\t${r.achievedOn}\t` +
    `${r.heldFrom ?? '\\N'}\t${copyField(JSON.stringify(r.evidence))}\t${r.quantity}\t${r.supersedes ?? '\\N'}\n`,
  naturalKey: (x) => `${x}.participant_ref, ${x}.metric, ${x}.achieved_on, ${x}.evidence`,
};

const results: KindSpec<ResultRow> = {
  table: 'aggregate_result',
  staging: 'upload_aggregate_result',
  columns: [
    'id', 'row_number', 'metric', 'cohort', 'period', 'measured_on', 'treatment_value', 'comparison_value',
    'treatment_sample_size', 'comparison_sample_size', 'methodology', 'methodology_version', 'measured_by', 'supersedes_id',
  ],
  columnTypes:
    'id uuid, row_number integer, metric text, cohort text, period text, measured_on date, treatment_value numeric, ' +
    'comparison_value numeric, treatment_sample_size integer, comparison_sample_size integer, methodology text, ' +
    'methodology_version text, measured_by text, supersedes_id uuid',
  toValues: (r) => [
    r.metric, r.cohort, r.period, r.measuredOn, r.treatmentValue, r.comparisonValue,
    r.treatmentSampleSize === null ? null : String(r.treatmentSampleSize),
    r.comparisonSampleSize === null ? null : String(r.comparisonSampleSize),
    r.methodology, r.methodologyVersion, r.measuredBy, r.supersedes,
  ],
  naturalKey: (x) => `${x}.metric, coalesce(${x}.cohort, ''), coalesce(${x}.period, ''), ${x}.measured_on`,
};

export const specs = { participant_claims: claims, aggregate_results: results } as const;

const DIRECT = 'direct_rows';
/** The table refused a row written straight to it: a duplicate original (or the driver did not say; see CopyRefusedError). */
const refusedByTable = (error: unknown) => isUniqueViolation(error) || error instanceof CopyRefusedError;

export class Staging<Row> {
  private sink: RowSink | undefined;
  /** Set while the rows go straight to the table: each line's prefix (contract and submission) and the spool. */
  private direct: { prefix: string; spool: Spool } | undefined;
  count = 0;
  corrections = 0;

  constructor(private readonly session: BulkSession, readonly spec: KindSpec<Row>) {}

  /**
   * Starts the upload: straight into the table when `direct` is given, the rows are claims and the
   * session has a spool; otherwise into staging.
   */
  async open(direct?: { contractId: string; submissionId: string }): Promise<void> {
    if (direct && this.spec.table === 'participant_claim' && this.session.spool) {
      const spool = await this.session.spool();
      try {
        await this.session.query(`savepoint ${DIRECT}`);
        this.sink = await this.session.rowSink(this.spec.table, ['contract_id', 'submission_id', ...this.spec.columns]);
      } catch (error) {
        await spool.discard();
        throw error;
      }
      this.direct = { prefix: `${direct.contractId}\t${direct.submissionId}\t`, spool };
      return;
    }
    await this.openStaging();
  }

  /** Rows are going straight to the table (see open). */
  get isDirect(): boolean {
    return this.direct !== undefined;
  }

  private async openStaging(): Promise<void> {
    await this.session.query(`create temp table ${this.spec.staging} (${this.spec.columnTypes}) on commit drop`);
    this.sink = await this.session.rowSink(this.spec.staging, this.spec.columns);
  }

  /**
   * Many checked rows at once (`rowNumbers[i]` is the data row of `rows[i]`): one COPY text, one
   * await. `clean`: no row of the upload so far had a problem (else it goes back to staging).
   */
  async addBatch(rowNumbers: readonly number[], rows: readonly (Row & { supersedes: string | null })[], clean = true): Promise<void> {
    const { spec } = this;
    // lines joined once, not appended one by one: appending builds a tree of small strings per
    // batch that encoding to UTF-8 then has to walk (measured: 1.8 s over a million-row upload)
    const lines = new Array<string>(rows.length);
    const correctionsBefore = this.corrections;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.supersedes) this.corrections++;
      lines[i] = spec.copyLine ? spec.copyLine(newId(), rowNumbers[i]!, row) : copyLine([newId(), String(rowNumbers[i]), ...spec.toValues(row)]);
    }
    this.count += rows.length;
    if (this.direct && (!clean || this.corrections > correctionsBefore)) await this.restage();
    if (rows.length === 0) return;
    const text = lines.join('');
    if (!this.direct) return this.sink!.writeText(text);
    await this.direct.spool.write(text);
    const { prefix } = this.direct;
    try {
      await this.sink!.writeText(prefix + lines.join(prefix));
    } catch (error) {
      // a duplicate: these lines are in the spool already
      if (!refusedByTable(error)) throw error;
      await this.restage(error);
    }
  }

  async close(): Promise<void> {
    if (!this.direct) return this.sink!.end();
    try {
      await this.sink!.end();
    } catch (error) {
      if (!refusedByTable(error)) throw error;
      await this.restage(error);
      await this.sink!.end();
    }
  }

  /**
   * Back to staging: the rows written straight to the table undone (back to the savepoint), the
   * spool's lines into the staging table; the upload goes on there. `refused`: the table's index
   * refused a row (the COPY is over, failed).
   */
  private async restage(refused?: unknown): Promise<void> {
    const { spool } = this.direct!;
    this.direct = undefined;
    try {
      if (refused) await this.sink!.abort(refused);
      else {
        try {
          await this.sink!.end();
        } catch (error) {
          if (!refusedByTable(error)) throw error;
        }
      }
      await this.session.query(`rollback to savepoint ${DIRECT}`);
      await this.session.query(`release savepoint ${DIRECT}`);
      await this.openStaging();
      await spool.replay((lines) => this.sink!.writeText(lines));
    } finally {
      await spool.discard();
    }
  }

  async abort(reason: unknown): Promise<void> {
    try {
      await this.sink?.abort(reason);
    } finally {
      await this.release();
    }
  }

  /** Removes the spool, if any (always call it once the upload is over). */
  async release(): Promise<void> {
    await this.direct?.spool.discard();
  }

  /** Duplicates inside the upload and against stored records; corrections of unknown or already-corrected records. */
  async problems(contractId: string, limit: number): Promise<{ problems: StagedProblem[]; total: number }> {
    const { staging, table, naturalKey } = this.spec;
    const claims = table === 'participant_claim';
    const checks: { sql: string; column: string; problem: (r: Record<string, unknown>) => [RowProblemCode, RowProblemParams] }[] = [
      {
        sql: `select row_number, first_row, count(*) over () as total from (
                select row_number, min(row_number) over (partition by ${naturalKey('u')}) as first_row
                from ${staging} u where supersedes_id is null) d
              where row_number <> first_row order by row_number limit ${limit}`,
        column: 'row',
        problem: (r) => [claims ? 'duplicate_claim_in_upload' : 'duplicate_result_in_upload', { firstRow: String(r.first_row) }],
      },
      {
        sql: `select u.row_number, t.id as existing, count(*) over () as total
              from ${staging} u join ${table} t
                on t.contract_id = $1 and t.supersedes_id is null and (${naturalKey('t')}) = (${naturalKey('u')})
              where u.supersedes_id is null order by u.row_number limit ${limit}`,
        column: 'row',
        problem: (r) => [claims ? 'duplicate_claim_stored' : 'duplicate_result_stored', { record: String(r.existing) }],
      },
      {
        sql: `select row_number, first_row, supersedes_id, count(*) over () as total from (
                select row_number, supersedes_id, min(row_number) over (partition by supersedes_id) as first_row
                from ${staging} where supersedes_id is not null) d
              where row_number <> first_row order by row_number limit ${limit}`,
        column: 'supersedes',
        problem: (r) => ['corrected_in_upload', { record: String(r.supersedes_id), firstRow: String(r.first_row) }],
      },
      {
        sql: `select u.row_number, u.supersedes_id, t.id as found, c.id as corrected_by, count(*) over () as total
              from ${staging} u
              left join ${table} t on t.id = u.supersedes_id and t.contract_id = $1
              left join ${table} c on c.supersedes_id = u.supersedes_id
              where u.supersedes_id is not null and (t.id is null or c.id is not null)
              order by u.row_number limit ${limit}`,
        column: 'supersedes',
        problem: (r) => r.found
          ? ['already_corrected', { record: String(r.supersedes_id), correctedBy: String(r.corrected_by) }]
          : [claims ? 'no_such_claim' : 'no_such_result', { record: String(r.supersedes_id) }],
      },
    ];
    const problems: StagedProblem[] = [];
    let total = 0;
    for (const check of checks) {
      const rows = await this.session.query<Record<string, unknown>>(check.sql, check.sql.includes('$1') ? [contractId] : []);
      if (rows.length > 0) total += Number(rows[0]!.total);
      for (const r of rows) {
        const [code, params] = check.problem(r);
        problems.push({ row: Number(r.row_number), ...rowProblem(check.column, code, params) });
      }
    }
    return { problems, total };
  }

  /**
   * Moves the staged rows into the real table under `submissionId`. The checks above ran in this
   * transaction; a concurrent upload committing the same original records in between makes this
   * fail with a unique violation (the whole upload then rolls back and answers 409).
   *
   * `unchecked`: the checks above have not run (an upload of originals only, every row valid). The
   * table's unique index of originals then refuses exactly what the two duplicate checks would list
   * (the same natural key among the upload's rows, or of a stored original of the contract), and the
   * checks of corrections have nothing to look at; so the rows move first (inside a savepoint) and
   * only if the index refuses them are the checks run, for the listing (returned with the index's
   * error; a violation they cannot explain is rethrown). Saves sorting every row of the upload.
   */
  async commit(contractId: string, submissionId: string, unchecked?: { limit: number }): Promise<{ problems: StagedProblem[]; total: number; violation: unknown } | undefined> {
    const { staging, table, columns } = this.spec;
    if (this.direct) {
      // the rows are in the table already, every one valid, original and refused by no index
      if (this.corrections > 0 || !unchecked) throw new Error('rows written straight to the table must be originals, unchecked');
      await this.session.query(`release savepoint ${DIRECT}`);
      return undefined;
    }
    const insert = () => this.session.query(
      `insert into ${table} (contract_id, submission_id, ${columns.join(', ')})
       select $1, $2, ${columns.join(', ')} from ${staging}`,
      [contractId, submissionId],
    );
    if (!unchecked) {
      await insert();
      return undefined;
    }
    if (this.corrections > 0) throw new Error('an upload with corrections must be checked before its rows move');
    try {
      await this.session.savepoint(insert);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const found = await this.problems(contractId, unchecked.limit);
      if (found.total > 0) return { ...found, violation: error };
      throw error;
    }
    return undefined;
  }
}

export interface NewSubmission {
  id: string;
  contractId: string;
  versionId: string;
  kind: SubmissionKind;
  organisationId: string;
  apiKeyId: string | null;
  memberId: string | null;
  contentType: string;
  rowCount: number;
  correctionCount: number;
  bodyDigest: string;
  idempotencyKey: string | null;
  response: unknown;
  submittedAt: Date;
}

export async function insertSubmission(session: BulkSession, s: NewSubmission): Promise<void> {
  await session.query(
    `insert into submission (id, contract_id, version_id, kind, organisation_id, api_key_id, content_type, row_count,
       correction_count, body_digest, idempotency_key, response, submitted_at, member_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [s.id, s.contractId, s.versionId, s.kind, s.organisationId, s.apiKeyId, s.contentType, s.rowCount, s.correctionCount,
      s.bodyDigest, s.idempotencyKey, s.response, s.submittedAt.toISOString(), s.memberId],
  );
}

/** Locks the contract against lifecycle changes for the rest of the upload and reads the terms in force. */
export async function contractForUpload(session: BulkSession, contractId: string) {
  const rows = await session.query<{ status: string; version_id: string | null; number: number | null; definition: unknown }>(
    `select c.status, v.id as version_id, v.number, v.definition
     from contract c left join contract_version v on v.contract_id = c.id and v.status = 'in_force'
     where c.id = $1 for share of c`,
    [contractId],
  );
  return rows[0];
}
