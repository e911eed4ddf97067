import type { ExportTable } from '../csv.ts';
import type { ClaimRecord, ResultRecord } from '../../db/queries/measurements.ts';
import { recordStatus } from '../../domain/disputes/disputes.ts';
import { type PersonRef, personRef } from '../../db/queries/actors.ts';

/** The people who reviewed records (peopleByIds), to show who did; none given: every reviewer shows as null. */
export type Reviewers = ReadonlyMap<string, PersonRef>;
const noReviewers: Reviewers = new Map();

const iso = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

function recordBase(r: ClaimRecord | ResultRecord, people: Reviewers) {
  return {
    id: r.id,
    status: recordStatus(r.decision, r.dispute_state),
    superseded: r.superseded_by !== null,
    supersedes: r.supersedes_id,
    supersededBy: r.superseded_by,
    review: r.decision
      ? { decision: r.decision, reason: r.reason, reviewedBy: r.reviewed_by!, reviewedAt: iso(r.reviewed_at)!, reviewedByPerson: personRef(people, r.reviewed_by_member) }
      : null,
    dispute: r.dispute_id ? { id: r.dispute_id, state: r.dispute_state! } : null,
    submissionId: r.submission_id,
    rowNumber: r.row_number,
    contractVersion: r.version_number,
    submittedAt: iso(r.submitted_at)!,
  };
}

export const claimView = (r: ClaimRecord, people: Reviewers = noReviewers) => ({
  ...recordBase(r, people),
  participantRef: r.participant_ref,
  outcome: r.metric,
  cohort: r.cohort,
  achievedOn: r.achieved_on,
  heldFrom: r.held_from,
  evidence: r.evidence,
  quantity: r.quantity,
});

export const resultView = (r: ResultRecord, people: Reviewers = noReviewers) => ({
  ...recordBase(r, people),
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

const statusValues = (r: ClaimRecord | ResultRecord) => [
  recordStatus(r.decision, r.dispute_state), r.reason, r.superseded_by, r.supersedes_id, r.submission_id, r.row_number, r.version_number,
];
const statusColumns = [
  { name: 'status', kind: 'text' }, { name: 'review_reason', kind: 'text' }, { name: 'superseded_by', kind: 'text' },
  { name: 'supersedes', kind: 'text' }, { name: 'submission_id', kind: 'text' }, { name: 'row_number', kind: 'integer' },
  { name: 'contract_version', kind: 'integer' },
] as const;

export const claimTable: ExportTable<ClaimRecord> = {
  columns: [
    { name: 'id', kind: 'text' }, { name: 'participant_ref', kind: 'text' }, { name: 'outcome', kind: 'text' }, { name: 'cohort', kind: 'text' },
    { name: 'achieved_on', kind: 'date' }, { name: 'held_from', kind: 'date' }, { name: 'evidence', kind: 'text' }, { name: 'quantity', kind: 'decimal' },
    ...statusColumns,
  ],
  values: (r) => [
    r.id, r.participant_ref, r.metric, r.cohort, r.achieved_on, r.held_from, (r.evidence ?? []).join(';'), r.quantity, ...statusValues(r),
  ],
};

export const resultTable: ExportTable<ResultRecord> = {
  columns: [
    { name: 'id', kind: 'text' }, { name: 'metric', kind: 'text' }, { name: 'cohort', kind: 'text' }, { name: 'period', kind: 'text' },
    { name: 'measured_on', kind: 'date' }, { name: 'treatment_value', kind: 'decimal' }, { name: 'comparison_value', kind: 'decimal' },
    { name: 'treatment_sample_size', kind: 'integer' }, { name: 'comparison_sample_size', kind: 'integer' }, { name: 'methodology', kind: 'text' },
    { name: 'methodology_version', kind: 'text' }, { name: 'measured_by', kind: 'text' }, ...statusColumns,
  ],
  values: (r) => [
    r.id, r.metric, r.cohort, r.period, r.measured_on, r.treatment_value, r.comparison_value, r.treatment_sample_size,
    r.comparison_sample_size, r.methodology, r.methodology_version, r.measured_by, ...statusValues(r),
  ],
};
