import type { Context } from 'hono';
import type { ClaimRecord, ResultRecord } from '../../db/queries/measurements.ts';
import type { AppEnv } from '../context.ts';

const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

function recordBase(r: ClaimRecord | ResultRecord) {
  return {
    id: r.id,
    status: (r.decision ?? 'submitted') as 'submitted' | 'validated' | 'rejected',
    superseded: r.superseded_by !== null,
    supersedes: r.supersedes_id,
    supersededBy: r.superseded_by,
    review: r.decision
      ? { decision: r.decision, reason: r.reason, reviewedBy: r.reviewed_by!, reviewedAt: iso(r.reviewed_at)! }
      : null,
    submissionId: r.submission_id,
    rowNumber: r.row_number,
    contractVersion: r.version_number,
    submittedAt: iso(r.submitted_at)!,
  };
}

export const claimView = (r: ClaimRecord) => ({
  ...recordBase(r),
  participantRef: r.participant_ref,
  outcome: r.metric,
  cohort: r.cohort,
  achievedOn: r.achieved_on,
  heldFrom: r.held_from,
  evidence: r.evidence,
});

export const resultView = (r: ResultRecord) => ({
  ...recordBase(r),
  metric: r.metric,
  cohort: r.cohort,
  period: r.period,
  measuredOn: r.measured_on,
  treatmentValue: r.treatment_value,
  comparisonValue: r.comparison_value,
  treatmentSampleSize: r.treatment_sample_size,
  comparisonSampleSize: r.comparison_sample_size,
  methodology: r.methodology,
  methodologyVersion: r.methodology_version,
  measuredBy: r.measured_by,
});

/** One CSV field: quoted when needed; text that a spreadsheet would run as a formula is neutralised. */
export function csvField(value: string | number | null | undefined, text = true): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (text && /^[=+@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: string[]) => `${fields.join(',')}\r\n`;

export interface CsvFormat<R> {
  header: string[];
  row(record: R): string;
}

const statusFields = (r: ClaimRecord | ResultRecord) => [
  csvField(r.decision ?? 'submitted'), csvField(r.reason), csvField(r.superseded_by), csvField(r.supersedes_id),
  csvField(r.submission_id), csvField(r.row_number, false), csvField(r.version_number, false),
];
const statusHeader = ['status', 'review_reason', 'superseded_by', 'supersedes', 'submission_id', 'row_number', 'contract_version'];

export const claimCsv: CsvFormat<ClaimRecord> = {
  header: ['id', 'participant_ref', 'outcome', 'cohort', 'achieved_on', 'held_from', 'evidence', ...statusHeader],
  row: (r) => line([
    csvField(r.id), csvField(r.participant_ref), csvField(r.metric), csvField(r.cohort), csvField(r.achieved_on),
    csvField(r.held_from), csvField((r.evidence ?? []).join(';')), ...statusFields(r),
  ]),
};

export const resultCsv: CsvFormat<ResultRecord> = {
  header: [
    'id', 'metric', 'cohort', 'period', 'measured_on', 'treatment_value', 'comparison_value', 'treatment_sample_size',
    'comparison_sample_size', 'methodology', 'methodology_version', 'measured_by', ...statusHeader,
  ],
  row: (r) => line([
    csvField(r.id), csvField(r.metric), csvField(r.cohort), csvField(r.period), csvField(r.measured_on),
    csvField(r.treatment_value, false), csvField(r.comparison_value, false), csvField(r.treatment_sample_size, false),
    csvField(r.comparison_sample_size, false), csvField(r.methodology), csvField(r.methodology_version), csvField(r.measured_by),
    ...statusFields(r),
  ]),
};

const EXPORT_BATCH = 5_000;

/** Streams every record as CSV, reading the database in keyset-paginated batches (constant memory). */
export function streamCsv<R extends { id: string }>(
  c: Context<AppEnv>,
  filename: string,
  format: CsvFormat<R>,
  fetchPage: (after: string | undefined, limit: number) => Promise<R[]>,
): Response {
  const encoder = new TextEncoder();
  let after: string | undefined;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(line(format.header)));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const rows = await fetchPage(after, EXPORT_BATCH);
      if (rows.length < EXPORT_BATCH) done = true;
      if (rows.length > 0) {
        after = rows[rows.length - 1]!.id;
        controller.enqueue(encoder.encode(rows.map((r) => format.row(r)).join('')));
      } else controller.close();
    },
  });
  return c.body(stream, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
  });
}
