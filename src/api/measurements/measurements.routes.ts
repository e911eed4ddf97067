import { IdempotencyHeaders, receiptHeaders, writeRoute } from '../write.ts';
import { z } from '@hono/zod-openapi';
import { contractRoute } from '../auth/contract-access.ts';
import type { ContractAction } from '../auth/permissions.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import { PageQuerySchema } from '../pagination.ts';
import { UploadQuery } from './upload-query.ts';
import { ExportQuery, exportResponses } from '../csv.ts';
import {
  ClaimListQuery, ClaimPage, ClaimSchema, ClaimSummary, ClaimFilters, RecordParams, ResultFilters, ResultListQuery,
  ResultPage, ResultSchema, ReviewBody, ReviewOutcome, SubmissionPage, SubmissionSchema,
} from './measurements.schemas.ts';

const pseudonymity =
  'Participant references must be pseudonymous codes: 1-64 letters, digits and - _ . : / ; no "@" (e-mail), not a ' +
  'phone number (7-15 digits once + . - / ( ) and spaces are removed), not a UK National Insurance number.';

const uploadDescription = (what: string, columns: string, jsonRef: string) =>
  `Uploads ${what} as \`text/csv\` (a header row, then one row per record; streamed, so files of millions of rows are ` +
  `fine), as an Excel workbook (\`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\`: the first ` +
  `worksheet or \`?sheet=\`, its first non-empty row the header; streamed; row numbers in errors are the worksheet's own) ` +
  `or \`application/json\` (\`${jsonRef}\`, up to the JSON body limit).\n\nCSV columns: ${columns}.\n\n` +
  'Spreadsheets as users have them: a CSV is UTF-8 unless `charset` says otherwise (Windows-1252, ISO-8859-1/15); its ' +
  'separator (`,` `;` or tab) is read from Excel\'s `sep=` line or detected from the header, or set with `separator`; ' +
  'numbers with a decimal comma or thousands separators and `dd/mm/yyyy` dates are read with `locale` (e.g. `fr-FR`). ' +
  'The answer\'s `Upload-Read-As` header says how the file was read (e.g. `charset=utf-8; separator=semicolon; ' +
  'locale=fr-FR`). `GET …/templates/claims.csv` (or `.xlsx`, `results.*`) gives the columns with an example row.\n\n' +
  'The upload is atomic: every row is checked against the contract version in force (metric exists and is of the ' +
  'right kind, cohort or period exists, dates inside the contract term and the cohort window, values are decimals, no ' +
  'duplicate of another row or of a stored record, corrections name a record not yet corrected). One bad row and ' +
  'nothing is stored: 422 lists the first 100 problems with their data row (1 = first row after the header), column ' +
  'and reason (`message`, in English; a problem of a row also has its stable `code` and the `params` of its message, to say ' +
  'it in another language), and `totalErrors` counts them all. A 201 is sent only once the data is committed.\n\n' +
  'Send an `Idempotency-Key` header to retry safely: the same key with the same body answers the original 201 again ' +
  '(header `Idempotent-Replayed: true`) and stores nothing; the same key with another body answers 422 ' +
  '`idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`.\n\n' +
  'Only an active contract accepts data (409 otherwise).';


const upload = (operationId: string, tag: string, path: string, summary: string, description: string, jsonSchemaRef: string) =>
  contractRoute('measurement.submit', {
    method: 'post',
    path,
    operationId,
    tags: [tag],
    summary,
    description: description,
    request: {
      params: ContractIdParams,
      query: UploadQuery,
      headers: IdempotencyHeaders,
      body: {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string', description: 'A header row then one row per record; `; charset=windows-1252` (or iso-8859-1, iso-8859-15) declares a non-UTF-8 file' } },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary', description: 'An Excel workbook: the first worksheet (or `?sheet=`), header in its first non-empty row' } },
          'application/json': { schema: { $ref: `#/components/schemas/${jsonSchemaRef}` } },
        },
      },
    },
    responses: {
      201: {
        description: 'Stored (or, for a replayed Idempotency-Key, stored earlier)', ...json(SubmissionSchema),
        headers: {
          ...receiptHeaders,
          'Upload-Read-As': {
            description: 'CSV and XLSX uploads: how the file was read, e.g. `charset=windows-1252; separator=semicolon; locale=fr-FR; sep-line=true` or `sheet="Claims"`',
            schema: { type: 'string' },
          },
        },
      },
      ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
    },
});

export const submitClaims = upload(
  'submitClaims', 'Outcome claims', '/v1/contracts/{id}/claims',
  'Submit participant outcome claims',
  uploadDescription('participant outcome claims (rate-card and volume-banded contracts)',
    '`participant_ref`, `outcome`, `cohort`, `achieved_on` (required); `held_from` (sustainment outcomes), `evidence` ' +
    '(references separated by `;`; required when the metric lists evidence), `quantity` (units of the outcome in the ' +
    "metric's unit, e.g. days or sessions; default 1; paid price × quantity), `supersedes` (id of the claim corrected). " +
    'Two original claims of one participant, outcome and date are duplicates unless their evidence differs',
    'ClaimUpload') + `\n\n${pseudonymity}`,
  'ClaimUpload',
);

export const submitResults = upload(
  'submitResults', 'Aggregate results', '/v1/contracts/{id}/results',
  'Submit aggregate results',
  uploadDescription('aggregate results per cohort or period (counterfactual, tiered, linear, savings and composite contracts)',
    '`metric`, `cohort` or `period` (exactly one), `measured_on`, `treatment_value`, `methodology`, ' +
    '`methodology_version`, `measured_by` (required); `comparison_value` (comparison group or target), ' +
    '`treatment_sample_size`, `comparison_sample_size`, `supersedes`',
    'ResultUpload'),
  'ResultUpload',
);

const read = (operationId: string, tag: string, path: string, summary: string, description: string, action: ContractAction, query: z.ZodType, schema: z.ZodType) =>
  contractRoute(action, {
    method: 'get',
    path,
    operationId,
    tags: [tag],
    summary,
    description: description,
    request: { params: ContractIdParams, query: query as z.ZodObject },
    responses: {
      200: { description: summary, ...json(schema) },
      ...errorsFor(400, 401, 403, 404, 429),
    },
});

const exportCsv = (operationId: string, tag: string, path: string, summary: string, action: ContractAction, query: z.ZodType) =>
  contractRoute(action, {
    method: 'get',
    path,
    operationId,
    tags: [tag],
    summary,
    description: 'Every matching record as CSV or XLSX (streamed), with status and review columns. `?locale=fr-FR` (or ' +
      '`separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook.',
    request: { params: ContractIdParams, query: (query as z.ZodObject).extend(ExportQuery.shape) },
    responses: {
      200: exportResponses,
      ...errorsFor(400, 401, 403, 404, 429),
    },
});

export const listClaims = read('listClaims', 'Outcome claims', '/v1/contracts/{id}/claims', 'List participant claims',
  'Current records by default (`includeSuperseded=true` adds corrected ones); filters by status, outcome, cohort, participant, achievement date and submission; cursor pagination. Investors never see participant-level data.',
  'measurement.read_participants', ClaimListQuery, ClaimPage);
export const exportClaims = exportCsv('exportClaims', 'Outcome claims', '/v1/contracts/{id}/claims/export', 'Export participant claims as CSV', 'measurement.read_participants', ClaimFilters);
export const claimSummary = read('getClaimSummary', 'Outcome claims', '/v1/contracts/{id}/claims/summary', 'Claim counts per outcome and cohort',
  'Submitted, validated and rejected counts of current claims, and participants with a validated claim. No participant-level data.',
  'measurement.read', z.object({}), ClaimSummary);

export const listResults = read('listResults', 'Aggregate results', '/v1/contracts/{id}/results', 'List aggregate results',
  'Current records by default (`includeSuperseded=true` adds corrected ones); filters by status, metric, cohort, period, measurement date and submission; cursor pagination.',
  'measurement.read', ResultListQuery, ResultPage);
export const exportResults = exportCsv('exportResults', 'Aggregate results', '/v1/contracts/{id}/results/export', 'Export aggregate results as CSV', 'measurement.read', ResultFilters);

export const listSubmissions = read('listSubmissions', 'Submissions', '/v1/contracts/{id}/submissions', 'List submissions (uploads), newest first',
  'Each upload: who, when, how many rows and corrections, the contract version checked against and the digest of the bytes received.',
  'measurement.read', PageQuerySchema, SubmissionPage);

const recordRoute = (operationId: string, tag: string, path: string, summary: string, action: ContractAction, schema: z.ZodType) =>
  contractRoute(action, {
    method: 'get',
    path,
    operationId,
    tags: [tag],
    summary,
    description: 'The record and its correction history: every record it supersedes or is superseded by, oldest first.',
    request: { params: RecordParams },
    responses: {
      200: { description: summary, ...json(z.object({ record: schema, history: z.array(schema) })) },
      ...errorsFor(400, 401, 403, 404, 429),
    },
});

export const getClaim = recordRoute('getClaim', 'Outcome claims', '/v1/contracts/{id}/claims/{recordId}', 'One claim with its correction history', 'measurement.read_participants', ClaimSchema);
export const getResult = recordRoute('getResult', 'Aggregate results', '/v1/contracts/{id}/results/{recordId}', 'One result with its correction history', 'measurement.read', ResultSchema);

const review = (operationId: string, tag: string, path: string, summary: string, filters: string) =>
  contractRoute('measurement.validate', writeRoute({
    method: 'post',
    path,
    operationId,
    tags: [tag],
    summary,
    description:
      'Marks records `validated` or `rejected` (a reason is required to reject), either the records listed in `ids` or, ' +
      `with \`filter\`, every current record not yet reviewed that matches it (filters: ${filters}). Only validated ` +
      'records count towards payments. A review is final: to change a record, the operator submits a correction, which is ' +
      'reviewed in turn. Listed records that are already reviewed or superseded make the whole request fail (409).',
    request: { params: ContractIdParams, body: body(ReviewBody) },
    responses: {
      200: { description: 'Reviewed', ...json(ReviewOutcome) },
      ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
    },
}));

export const reviewClaims = review('reviewClaims', 'Outcome claims', '/v1/contracts/{id}/claims/reviews', 'Validate or reject participant claims',
  'outcome, cohort, participantRef, submissionId, achievedFrom, achievedTo');
export const reviewResults = review('reviewResults', 'Aggregate results', '/v1/contracts/{id}/results/reviews', 'Validate or reject aggregate results',
  'metric, cohort, period, submissionId, measuredFrom, measuredTo');
