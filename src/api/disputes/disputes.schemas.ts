import { z } from '@hono/zod-openapi';
import { EVIDENCE_REF_MAX, REASON_MAX } from '../../domain/disputes/disputes.ts';
import { PageQuery, pageOf } from '../pagination.ts';

const Kind = z.enum(['participant_claims', 'aggregate_results']).openapi({ description: 'What the record is: a participant claim or an aggregate result' });
const State = z.enum(['open', 'upheld', 'dismissed']);

export const DisputeParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'Contract id' }),
  disputeId: z.uuid().openapi({ param: { name: 'disputeId', in: 'path' } }),
});

export const OpenDisputeBody = z
  .object({
    kind: Kind,
    recordId: z.uuid().openapi({ description: 'The rejected record: a claim or result id of this contract' }),
    reason: z.string().max(REASON_MAX).openapi({ description: 'Why the rejection is wrong (required, not blank)', example: 'The payslip was uploaded late: see the employer letter.' }),
    evidenceRef: z.string().max(EVIDENCE_REF_MAX).openapi({
      description: 'A reference to the evidence, as your records name it (a document id, a file path, a URL you control; required, not blank)',
      example: 'employer-letter-2024-03-14',
    }),
  })
  .strict()
  .openapi('OpenDisputeRequest');

export const ResolveDisputeBody = z
  .object({
    decision: z.enum(['upheld', 'dismissed']).openapi({ description: '`upheld`: the record becomes validated (and counts from the next evaluation); `dismissed`: it stays rejected' }),
    reason: z.string().max(REASON_MAX).openapi({ description: 'Why (required, not blank, either way)' }),
  })
  .strict()
  .openapi('ResolveDisputeRequest');

export const DisputeListQuery = z.object({
  ...PageQuery,
  state: State.optional().openapi({ description: '`open` for the disputes awaiting an evaluator' }),
  kind: Kind.optional(),
  recordId: z.uuid().optional().openapi({ description: 'The disputes of one record' }),
});

const Actor = z.object({
  organisationId: z.uuid(),
  memberId: z.uuid().nullable().openapi({ description: 'The person, when a person signed in did it (null for an API key)' }),
});

export const DisputeSchema = z
  .object({
    id: z.uuid(),
    contractId: z.uuid(),
    kind: Kind,
    recordId: z.uuid(),
    participantRef: z.string().nullable().openapi({ description: "The claim's participant (null for an aggregate result)" }),
    state: State,
    reason: z.string(),
    evidenceRef: z.string(),
    openedBy: Actor,
    openedAt: z.iso.datetime(),
    resolution: z.object({
      decision: z.enum(['upheld', 'dismissed']),
      reason: z.string(),
      resolvedBy: Actor,
      resolvedAt: z.iso.datetime(),
    }).nullable().openapi({ description: 'null while the dispute is open' }),
  })
  .openapi('Dispute');

export const DisputePage = pageOf(DisputeSchema).openapi('DisputePage');

export const ThreadItem = z
  .object({
    event: z.enum(['rejected', 'disputed', 'upheld', 'dismissed']),
    by: Actor,
    at: z.iso.datetime(),
    reason: z.string(),
    evidenceRef: z.string().nullable().openapi({ description: 'The evidence reference (the dispute only)' }),
    audit: z.object({ seq: z.number().int(), action: z.string(), entryHash: z.string() }).nullable().openapi({
      description: 'The audit entry of this step on the contract\'s chain (for the rejection, the entry of its review batch)',
    }),
  })
  .openapi('DisputeThreadItem');

export const DisputeWithThread = z
  .object({
    dispute: DisputeSchema,
    thread: z.array(ThreadItem).openapi({ description: 'The rejection, the dispute and its resolution, oldest first' }),
  })
  .openapi('DisputeWithThread');
