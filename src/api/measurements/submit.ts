import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RawRow } from '../../domain/measurement/rows.ts';
import { type MeasurementKind } from '../../usecases/measurement-kinds.ts';
import { submitMeasurements } from '../../usecases/submit-measurements.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { zodProblems } from '../errors/zod-problems.ts';
import { isCsv, isXlsx } from '../middleware/body-limit.ts';
import { actorOf, idempotencyKeyOf, receiptHeader } from '../write.ts';
import { decoderEncoding, localeOf, separatorByName } from './dialect.ts';
import { termsInForce } from '../../db/queries/contracts.ts';
import { UploadQuery } from './upload-query.ts';
import { csvSource, jsonSource, type UploadSource } from './upload-source.ts';
import { XLSX_TYPE, xlsxSource } from './xlsx-source.ts';

export { MAX_LISTED_PROBLEMS } from '../../usecases/submit-measurements.ts';

const isJson = (contentType: string | undefined) => /^application\/(.+\+)?json\b/i.test(contentType ?? '');

const camelToColumn: Record<string, string> = {
  participantRef: 'participant_ref', outcome: 'outcome', cohort: 'cohort', achievedOn: 'achieved_on', heldFrom: 'held_from',
  evidence: 'evidence', supersedes: 'supersedes', metric: 'metric', period: 'period', measuredOn: 'measured_on',
  treatmentValue: 'treatment_value', comparisonValue: 'comparison_value', treatmentSampleSize: 'treatment_sample_size',
  comparisonSampleSize: 'comparison_sample_size', methodology: 'methodology', methodologyVersion: 'methodology_version',
  measuredBy: 'measured_by',
};

/** The `charset` of a Content-Type header, if any. */
const charsetOf = (contentType: string | undefined) => /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];

/** The encoding declared by the Content-Type charset or `?charset=` (they must agree); undefined: UTF-8. */
function declaredCharset(contentType: string | undefined, query: UploadQuery) {
  const header = charsetOf(contentType);
  const fromHeader = header === undefined ? undefined : decoderEncoding(header);
  if (header !== undefined && !fromHeader) {
    throw new ApiError('unsupported_media_type', `charset=${header} is not read; send utf-8, windows-1252, iso-8859-1 or iso-8859-15.`, {
      errors: [{ location: 'header', path: 'Content-Type', message: `charset ${header} is not supported` }],
    });
  }
  const fromQuery = query.charset === undefined ? undefined : decoderEncoding(query.charset);
  if (fromHeader && fromQuery && fromHeader !== fromQuery) {
    throw new ApiError('invalid_request', `Content-Type says charset=${header} but ?charset=${query.charset}; send one, or the same.`, {
      errors: [{ location: 'query', path: 'charset', message: `contradicts the Content-Type charset ${header}` }],
    });
  }
  return fromQuery ?? fromHeader;
}

/**
 * A CSV or XLSX upload's rows, read as the upload routes read them (the encoding and separator
 * declared or detected, the locale of `?locale=` else the contract's `data.spreadsheetLocale`);
 * undefined for any other content type. Shared with the web workspace's upload page, which reads
 * files through this same code (its preview and its submission).
 */
export async function spreadsheetSource(
  db: Kysely<Database>, contractId: string, kind: MeasurementKind,
  input: { contentType: string | undefined; query: UploadQuery; body: ReadableStream<Uint8Array> | null; maxBytes: number },
): Promise<{ source: UploadSource; contentType: string } | undefined> {
  const { contentType, query, maxBytes } = input;
  if (!isCsv(contentType) && !isXlsx(contentType)) return undefined;
  // The upload's ?locale=, else the locale the contract declares for its spreadsheets (data.spreadsheetLocale).
  const tag = query.locale ?? (await termsInForce(db, contractId))?.definition.data?.spreadsheetLocale;
  const locale = tag === undefined ? undefined : localeOf(tag);
  if (isCsv(contentType)) {
    const charset = declaredCharset(contentType, query);
    return {
      source: csvSource(input.body, {
        maxBytes, columns: kind.columns, required: kind.requiredColumns, charset,
        separator: query.separator === undefined ? undefined : separatorByName[query.separator], locale,
      }),
      // Recorded with the submission: how the bytes (and so the digest) are to be read.
      contentType: charset && charset !== 'utf-8' ? `text/csv; charset=${charset}` : 'text/csv',
    };
  }
  if (isXlsx(contentType)) {
    return {
      source: xlsxSource(input.body, { maxBytes, columns: kind.columns, required: kind.requiredColumns, sheet: query.sheet, locale }),
      contentType: XLSX_TYPE,
    };
  }
  return undefined;
}

/** The upload's rows as the request carries them: a CSV stream, an XLSX stream, or a JSON document checked against the kind's schema. */
async function sourceOf(c: Context<AppEnv>, contractId: string, kind: MeasurementKind): Promise<{ source: UploadSource; contentType: string }> {
  const contentType = c.req.header('content-type');
  const parsedQuery = UploadQuery.safeParse(c.req.query());
  if (!parsedQuery.success) {
    throw new ApiError('invalid_request', 'Invalid query parameters.', { errors: zodProblems(parsedQuery.error, 'query') });
  }
  const query = parsedQuery.data;
  const spreadsheet = await spreadsheetSource(c.var.db, contractId, kind, {
    contentType, query, body: c.req.raw.body, maxBytes: c.var.deps.config.CSV_BODY_LIMIT_BYTES,
  });
  if (spreadsheet) return spreadsheet;
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
  throw new ApiError('unsupported_media_type', `Send outcome data as application/json, text/csv or ${XLSX_TYPE}.`);
}

/** Parse → the submit-measurements action → the answer, with its audit receipt; success is committed before the 201 is sent. */
export async function submit(c: Context<AppEnv>, contractId: string, kind: MeasurementKind): Promise<Response> {
  const key = idempotencyKeyOf(c);
  const { source, contentType } = await sourceOf(c, contractId, kind);
  const outcome = await submitMeasurements(
    { db: c.var.db, bulk: c.var.bulk, clock: c.var.deps.clock },
    actorOf(c),
    { contractId, kind, source, contentType, idempotency: key ? { key, operation: `${c.req.method} ${c.req.path}` } : null },
  );
  const dialect = outcome.replayed ? undefined : source.dialect?.();
  return c.json(outcome.response.body, 201, { ...receiptHeader(outcome.receipt, outcome.replayed), ...(dialect ? { 'Upload-Read-As': dialect } : {}) });
}
