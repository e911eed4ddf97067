import { z } from '@hono/zod-openapi';
import { IsoDateString } from '../../domain/contract/primitives.ts';
import { PageQuery, pageOf } from '../pagination.ts';
import { PersonRefSchema } from '../schemas/person-ref.ts';

const decimalString = z.string().regex(/^-?\d{1,20}(\.\d{1,12})?$/, 'a decimal string such as "142.0"');

export const ClaimInput = z
  .object({
    participantRef: z.string().openapi({ description: 'Pseudonymous participant code (see the pseudonymity rule)', example: 'P-000123' }),
    outcome: z.string().openapi({ description: 'Key of a participant-level metric', example: 'entry_to_accommodation' }),
    cohort: z.string(),
    achievedOn: IsoDateString,
    heldFrom: IsoDateString.optional().openapi({ description: 'Sustainment outcomes: start of the period held' }),
    evidence: z.array(z.string().min(1).max(200)).max(50).optional(),
    quantity: z.union([z.string(), z.number()]).optional().openapi({
      description: "Units of the outcome (days, sessions, weeks… in the metric's unit): a positive number with at most 6 decimals; default 1. Paid price × quantity.",
      example: '30',
    }),
    supersedes: z.uuid().optional().openapi({ description: 'Id of the claim this one corrects' }),
  })
  .strict()
  .openapi('ClaimInput');

export const ResultInput = z
  .object({
    metric: z.string(),
    cohort: z.string().optional(),
    period: z.string().optional(),
    measuredOn: IsoDateString,
    treatmentValue: decimalString,
    comparisonValue: decimalString.optional().openapi({ description: 'Comparison group or target value' }),
    treatmentSampleSize: z.number().int().positive().optional(),
    comparisonSampleSize: z.number().int().positive().optional(),
    methodology: z.string().min(1).max(500),
    methodologyVersion: z.string().min(1).max(500),
    measuredBy: z.string().min(1).max(500),
    supersedes: z.uuid().optional().openapi({ description: 'Id of the result this one corrects' }),
  })
  .strict()
  .openapi('ResultInput');

export const ClaimUpload = z.object({ claims: z.array(ClaimInput).min(1) }).strict().openapi('ClaimUpload');
export const ResultUpload = z.object({ results: z.array(ResultInput).min(1) }).strict().openapi('ResultUpload');

export const SubmissionSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    kind: z.enum(['participant_claims', 'aggregate_results']),
    contractVersion: z.number().int().openapi({ description: 'The version in force the rows were checked against' }),
    rows: z.number().int(),
    corrections: z.number().int().openapi({ description: 'Rows that supersede an earlier record' }),
    contentType: z.string(),
    bodyDigest: z.string().openapi({ description: 'sha256 of the uploaded bytes' }),
    idempotencyKey: z.string().nullable(),
    submittedBy: z.uuid(),
    submittedAt: z.iso.datetime(),
    submittedByPerson: PersonRefSchema.optional(),
  })
  .openapi('Submission');

export const ReviewSchema = z.object({
  decision: z.enum(['validated', 'rejected']),
  reason: z.string().nullable(),
  reviewedBy: z.uuid(),
  reviewedAt: z.iso.datetime(),
  reviewedByPerson: PersonRefSchema.nullable(),
});

const recordBase = {
  id: z.uuid(),
  status: z.enum(['submitted', 'validated', 'rejected', 'disputed']).openapi({
    description: '`disputed`: rejected, and the operator disputes the rejection (counts in no evaluation until an evaluator upholds it: then `validated`)',
  }),
  superseded: z.boolean(),
  supersedes: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  review: ReviewSchema.nullable(),
  dispute: z.object({ id: z.uuid(), state: z.enum(['open', 'upheld', 'dismissed']) }).nullable()
    .openapi({ description: 'The dispute of its rejection, if any (`GET …/disputes/{disputeId}`)' }),
  submissionId: z.uuid(),
  rowNumber: z.number().int(),
  contractVersion: z.number().int(),
  submittedAt: z.iso.datetime(),
};

export const ClaimSchema = z
  .object({
    ...recordBase,
    participantRef: z.string(),
    outcome: z.string(),
    cohort: z.string(),
    achievedOn: z.string(),
    heldFrom: z.string().nullable(),
    evidence: z.array(z.string()),
    quantity: z.string().openapi({ description: "Units of the outcome (the metric's unit); 1 for a plain outcome" }),
  })
  .openapi('Claim');

export const ResultSchema = z
  .object({
    ...recordBase,
    metric: z.string(),
    cohort: z.string().nullable(),
    period: z.string().nullable(),
    measuredOn: z.string(),
    treatmentValue: z.string(),
    comparisonValue: z.string().nullable(),
    treatmentSampleSize: z.number().int().nullable(),
    comparisonSampleSize: z.number().int().nullable(),
    methodology: z.string(),
    methodologyVersion: z.string(),
    measuredBy: z.string(),
  })
  .openapi('Result');

const statusFilter = z.enum(['submitted', 'validated', 'rejected', 'disputed']).optional()
  .openapi({ description: '`validated` includes records whose rejection was disputed and upheld; `rejected` excludes records under an open dispute (`disputed`)' });
const commonFilters = {
  status: statusFilter,
  cohort: z.string().max(64).optional(),
  submissionId: z.uuid().optional(),
  includeSuperseded: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').openapi({
    description: 'Include records replaced by a correction (default: only current records)',
  }),
};

export const ClaimFilters = z.object({
  ...commonFilters,
  outcome: z.string().max(64).optional(),
  participantRef: z.string().max(64).optional(),
  achievedFrom: IsoDateString.optional(),
  achievedTo: IsoDateString.optional(),
});
export const ResultFilters = z.object({
  ...commonFilters,
  metric: z.string().max(64).optional(),
  period: z.string().max(64).optional(),
  measuredFrom: IsoDateString.optional(),
  measuredTo: IsoDateString.optional(),
});
export type ClaimFilters = z.infer<typeof ClaimFilters>;
export type ResultFilters = z.infer<typeof ResultFilters>;

export const ClaimListQuery = ClaimFilters.extend(PageQuery);
export const ResultListQuery = ResultFilters.extend(PageQuery);

export const ClaimPage = pageOf(ClaimSchema).openapi('ClaimPage');
export const ResultPage = pageOf(ResultSchema).openapi('ResultPage');

export const ReviewBody = z
  .object({
    decision: z.enum(['validated', 'rejected']),
    reason: z.string().min(1).max(2000).optional().openapi({ description: 'Required when rejecting' }),
    ids: z.array(z.uuid()).min(1).max(10_000).optional().openapi({ description: 'Review these records (one by one)' }),
    filter: z.record(z.string(), z.string()).optional().openapi({
      description: 'Or review every current, not yet reviewed record matching these list filters (e.g. {"cohort":"cohort_1"})',
    }),
  })
  .strict()
  .openapi('ReviewRequest');

export const ReviewOutcome = z
  .object({ decision: z.enum(['validated', 'rejected']), reviewed: z.number().int(), batchId: z.uuid() })
  .openapi('ReviewOutcome');

export const ClaimSummary = z
  .object({
    items: z.array(z.object({
      outcome: z.string(),
      cohort: z.string(),
      submitted: z.number().int(),
      validated: z.number().int(),
      rejected: z.number().int(),
      disputed: z.number().int().openapi({ description: 'Rejected claims whose rejection the operator disputes (open disputes)' }),
      participants: z.number().int().openapi({ description: 'Distinct participants with a validated claim' }),
    })),
  })
  .openapi('ClaimSummary');

export const SubmissionPage = pageOf(SubmissionSchema).openapi('SubmissionPage');

export const RecordParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  recordId: z.uuid().openapi({ param: { name: 'recordId', in: 'path' } }),
});
