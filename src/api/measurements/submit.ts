import type { Context } from 'hono';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import {
  claimChecker, claimColumns, type RawRow, requiredClaimColumns, requiredResultColumns, resultChecker, resultColumns,
} from '../../domain/measurement/rows.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import { contractForUpload, insertSubmission, specs, Staging, type StagedProblem } from '../../db/queries/ingest.ts';
import type { SubmissionKind } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { bulkExec } from '../../db/queries/audit.ts';
import { audit } from '../audit-trail.ts';
import { idempotencyKeyOf, receiptHeader } from '../write.ts';
import { ApiError, type FieldProblem } from '../errors/api-error.ts';
import { zodProblems } from '../errors/zod-problems.ts';
import { isCsv } from '../middleware/body-limit.ts';
import { ClaimUpload, ResultUpload } from './measurements.schemas.ts';
import { findSubmissionByKey } from '../../db/queries/measurements.ts';
import { csvSource, jsonSource, type UploadSource } from './upload-source.ts';
import { refreshStatistics } from '../../db/queries/statistics.ts';

/** Problems listed in a 422 answer; `totalErrors` gives the full count. */
export const MAX_LISTED_PROBLEMS = 100;

const isJson = (contentType: string | undefined) => /^application\/(.+\+)?json\b/i.test(contentType ?? '');

const camelToColumn: Record<string, string> = {
  participantRef: 'participant_ref', outcome: 'outcome', cohort: 'cohort', achievedOn: 'achieved_on', heldFrom: 'held_from',
  evidence: 'evidence', supersedes: 'supersedes', metric: 'metric', period: 'period', measuredOn: 'measured_on',
  treatmentValue: 'treatment_value', comparisonValue: 'comparison_value', treatmentSampleSize: 'treatment_sample_size',
  comparisonSampleSize: 'comparison_sample_size', methodology: 'methodology', methodologyVersion: 'methodology_version',
  measuredBy: 'measured_by',
};


async function sourceOf(c: Context<AppEnv>, kind: SubmissionKind): Promise<{ source: UploadSource; contentType: string }> {
  const contentType = c.req.header('content-type');
  if (isCsv(contentType)) {
    const columns = kind === 'participant_claims' ? claimColumns : resultColumns;
    const required = kind === 'participant_claims' ? requiredClaimColumns : requiredResultColumns;
    return {
      source: csvSource(c.req.raw.body, { maxBytes: c.var.deps.config.CSV_BODY_LIMIT_BYTES, columns, required }),
      contentType: 'text/csv',
    };
  }
  if (isJson(contentType)) {
    const text = await c.req.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError('malformed_body', 'The request body is not well-formed JSON.');
    }
    const schema = kind === 'participant_claims' ? ClaimUpload : ResultUpload;
    const result = schema.safeParse(parsed);
    if (!result.success) {
      throw new ApiError('validation_failed', 'The upload does not match the schema; nothing was stored.', { errors: zodProblems(result.error, 'body') });
    }
    const items = (kind === 'participant_claims' ? (result.data as { claims: object[] }).claims : (result.data as { results: object[] }).results)
      .map((item) => {
        const raw: RawRow = {};
        for (const [k, v] of Object.entries(item)) raw[camelToColumn[k] ?? k] = v as RawRow[string];
        return raw;
      });
    return { source: jsonSource(items, text), contentType: 'application/json' };
  }
  throw new ApiError('unsupported_media_type', 'Send outcome data as application/json or text/csv.');
}

/** Reads the rest of a body only to hash it (an idempotent replay must prove it is the same request). */
async function digestOf(source: UploadSource): Promise<string> {
  for await (const _ of source.rows) { /* consume */ }
  return source.digest();
}

function replay(c: Context<AppEnv>, stored: { body_digest: string; response: unknown }, digest: string): Response {
  if (stored.body_digest !== digest) {
    throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used for a different upload; nothing was stored. Use a new key.', {
      errors: [{ location: 'header', path: 'Idempotency-Key', message: 'already used with a different upload' }],
    });
  }
  return c.json(stored.response as Record<string, unknown>, 201, { 'idempotent-replayed': 'true' });
}

function rowProblems(problems: StagedProblem[], total: number): ApiError {
  problems.sort((a, b) => a.row - b.row);
  const errors: FieldProblem[] = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
    location: 'csv', path: `rows[${p.row}].${p.column}`, row: p.row, column: p.column, message: p.message,
  }));
  return new ApiError('validation_failed', `${total} problem(s) in the upload; nothing was stored. The first ${errors.length} are listed.`, {
    errors,
    totalErrors: total,
  });
}

/**
 * Stores an upload of outcome data atomically: every row is checked against the contract version
 * in force and against what is stored; one bad row and nothing is stored (422 listing the first
 * problems); success is committed before the 201 is sent.
 */
export async function submitMeasurements(c: Context<AppEnv>, contractId: string, kind: SubmissionKind): Promise<Response> {
  const principal = c.var.principal;
  const idempotencyKey = idempotencyKeyOf(c);
  const { source, contentType } = await sourceOf(c, kind);

  if (idempotencyKey) {
    const stored = await findSubmissionByKey(c.var.db, contractId, principal.organisationId, idempotencyKey);
    if (stored) return replay(c, stored, await digestOf(source));
  }

  try {
    const response = await c.var.bulk(async (session) => {
      const contract = await contractForUpload(session, contractId);
      // Stamped after taking the contract lock: evaluations ("as known at") rely on it.
      const submittedAt = c.var.deps.clock();
      if (!contract) throw new ApiError('not_found', 'No such contract.');
      if (contract.status !== 'active' || !contract.version_id) {
        throw new ApiError('invalid_state', `Only an active contract accepts outcome data; this one is ${contract.status}.`);
      }
      const definition = contract.definition as ContractDefinition;
      const staging = new Staging(session, specs[kind] as never) as Staging<{ supersedes: string | null }>;
      await staging.open();
      const tStart = performance.now();
      const check = kind === 'participant_claims' ? claimChecker(definition) : resultChecker(definition);
      const problems: StagedProblem[] = [];
      let total = 0;
      try {
        for await (const { rowNumber, raw, unreadable } of source.rows) {
          if (unreadable) {
            total++;
            if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row: rowNumber, column: 'row', message: unreadable });
            continue;
          }
          const checked = check(raw);
          if (checked.row) {
            await staging.add(rowNumber, checked.row as never);
          } else {
            total += checked.problems.length;
            for (const p of checked.problems) if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row: rowNumber, ...p });
          }
        }
      } catch (error) {
        await staging.abort(error);
        throw error;
      }
      await staging.close();
      const tStaged = performance.now();
      if (staging.count + total === 0) throw new ApiError('validation_failed', 'The upload has no rows; nothing was stored.');
      const staged = await staging.problems(contractId, MAX_LISTED_PROBLEMS);
      const tChecked = performance.now();
      if (total + staged.total > 0) throw rowProblems([...problems, ...staged.problems], total + staged.total);

      const id = newId();
      const body = {
        id,
        contractId,
        kind,
        contractVersion: Number(contract.number),
        rows: staging.count,
        corrections: staging.corrections,
        contentType,
        bodyDigest: source.digest(),
        idempotencyKey,
        submittedBy: principal.organisationId,
        submittedAt: submittedAt.toISOString(),
      };
      await insertSubmission(session, {
        id, contractId, versionId: contract.version_id, kind, organisationId: principal.organisationId, apiKeyId: principal.keyId,
        contentType, rowCount: staging.count, correctionCount: staging.corrections, bodyDigest: body.bodyDigest, idempotencyKey,
        response: body, submittedAt,
      });
      await staging.commit(contractId, id);
      const receipt = await audit(c, bulkExec(session), { chain: contractId, action: 'data.submitted', entityType: 'submission', entityId: id, state: body });
      if (process.env.OL_TRACE) console.error(`ingest: stage ${Math.round(tStaged - tStart)}ms checks ${Math.round(tChecked - tStaged)}ms commit ${Math.round(performance.now() - tChecked)}ms`);
      return { body, receipt };
    });
    await refreshStatistics(c.var.db, kind === 'participant_claims' ? 'participant_claim' : 'aggregate_result', response.body.rows);
    return c.json(response.body, 201, receiptHeader(response.receipt));
  } catch (error) {
    if (isUniqueViolation(error)) {
      if (idempotencyKey) {
        // A concurrent request with the same key committed first.
        const stored = await findSubmissionByKey(c.var.db, contractId, principal.organisationId, idempotencyKey);
        if (stored) return replay(c, stored, source.digest());
      }
      throw new ApiError('conflict', 'A concurrent upload stored some of the same records first; nothing of this upload was stored. Retry it to see which rows are duplicates.');
    }
    throw error;
  }
}
