import { type CsvFormat, csvField, line } from '../csv.ts';
import type { ClaimRecord, ResultRecord } from '../../db/queries/measurements.ts';

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
  quantity: r.quantity,
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

const statusFields = (r: ClaimRecord | ResultRecord) => [
  csvField(r.decision ?? 'submitted'), csvField(r.reason), csvField(r.superseded_by), csvField(r.supersedes_id),
  csvField(r.submission_id), csvField(r.row_number, false), csvField(r.version_number, false),
];
const statusHeader = ['status', 'review_reason', 'superseded_by', 'supersedes', 'submission_id', 'row_number', 'contract_version'];

export const claimCsv: CsvFormat<ClaimRecord> = {
  header: ['id', 'participant_ref', 'outcome', 'cohort', 'achieved_on', 'held_from', 'evidence', 'quantity', ...statusHeader],
  row: (r) => line([
    csvField(r.id), csvField(r.participant_ref), csvField(r.metric), csvField(r.cohort), csvField(r.achieved_on),
    csvField(r.held_from), csvField((r.evidence ?? []).join(';')), csvField(r.quantity, false), ...statusFields(r),
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

