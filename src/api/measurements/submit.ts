import type { Context } from 'hono';
import type { RawRow } from '../../domain/measurement/rows.ts';
import { type MeasurementKind } from '../../usecases/measurement-kinds.ts';
import { submitMeasurements } from '../../usecases/submit-measurements.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { zodProblems } from '../errors/zod-problems.ts';
import { isCsv } from '../middleware/body-limit.ts';
import { actorOf, idempotencyKeyOf, receiptHeader } from '../write.ts';
import { csvSource, jsonSource, type UploadSource } from './upload-source.ts';

export { MAX_LISTED_PROBLEMS } from '../../usecases/submit-measurements.ts';

const isJson = (contentType: string | undefined) => /^application\/(.+\+)?json\b/i.test(contentType ?? '');

const camelToColumn: Record<string, string> = {
  participantRef: 'participant_ref', outcome: 'outcome', cohort: 'cohort', achievedOn: 'achieved_on', heldFrom: 'held_from',
  evidence: 'evidence', supersedes: 'supersedes', metric: 'metric', period: 'period', measuredOn: 'measured_on',
  treatmentValue: 'treatment_value', comparisonValue: 'comparison_value', treatmentSampleSize: 'treatment_sample_size',
  comparisonSampleSize: 'comparison_sample_size', methodology: 'methodology', methodologyVersion: 'methodology_version',
  measuredBy: 'measured_by',
};

/** The upload's rows as the request carries them: a CSV stream, or a JSON document checked against the kind's schema. */
async function sourceOf(c: Context<AppEnv>, kind: MeasurementKind): Promise<{ source: UploadSource; contentType: string }> {
  const contentType = c.req.header('content-type');
  if (isCsv(contentType)) {
    return {
      source: csvSource(c.req.raw.body, { maxBytes: c.var.deps.config.CSV_BODY_LIMIT_BYTES, columns: kind.columns, required: kind.requiredColumns }),
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
    const result = kind.uploadSchema.safeParse(parsed);
    if (!result.success) {
      throw new ApiError('validation_failed', 'The upload does not match the schema; nothing was stored.', { errors: zodProblems(result.error, 'body') });
    }
    const items = kind.itemsOf(result.data).map((item) => {
      const raw: RawRow = {};
      for (const [k, v] of Object.entries(item)) raw[camelToColumn[k] ?? k] = v as RawRow[string];
      return raw;
    });
    return { source: jsonSource(items, text), contentType: 'application/json' };
  }
  throw new ApiError('unsupported_media_type', 'Send outcome data as application/json or text/csv.');
}

/** Parse → the submit-measurements action → the answer, with its audit receipt; success is committed before the 201 is sent. */
export async function submit(c: Context<AppEnv>, contractId: string, kind: MeasurementKind): Promise<Response> {
  const key = idempotencyKeyOf(c);
  const { source, contentType } = await sourceOf(c, kind);
  const outcome = await submitMeasurements(
    { db: c.var.db, bulk: c.var.bulk, clock: c.var.deps.clock },
    actorOf(c),
    { contractId, kind, source, contentType, idempotency: key ? { key, operation: `${c.req.method} ${c.req.path}` } : null },
  );
  return c.json(outcome.response.body, 201, receiptHeader(outcome.receipt, outcome.replayed));
}
