import { z } from '@hono/zod-openapi';
import { ContractDefinition } from '../../domain/contract/definition.ts';
import { IsoDateString } from '../../domain/contract/primitives.ts';
import { PageQuery, pageOf } from '../pagination.ts';
import { PersonRefSchema } from '../schemas/person-ref.ts';

export const PartyBindings = z
  .record(z.string(), z.uuid())
  .openapi('PartyBindings', {
    description: "Each party key of the definition mapped to the id of the organisation that is that party",
    example: { moj: '019a4f0e-1c1a-7000-8000-000000000001' },
  });

export const RegisterContractBody = z
  .object({ definition: ContractDefinition, parties: PartyBindings })
  .openapi('RegisterContract');

export const AmendContractBody = z
  .object({
    definition: ContractDefinition,
    parties: PartyBindings.optional().openapi({ description: 'Bindings for the new version; the current ones when omitted' }),
    description: z.string().min(1).max(4000).openapi({ description: 'What the variation changes' }),
    reason: z.string().min(1).max(4000).openapi({ description: 'Why it was agreed' }),
    effectiveFrom: IsoDateString.optional(),
  })
  .openapi('AmendContract');

export const ApproveBody = z
  .object({
    contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/).openapi({
      description: 'The contentHash of the version you read and approve. A stale hash is refused with 409.',
    }),
  })
  .openapi('ApproveVersion');

export const TerminateBody = z
  .object({ terminatedOn: IsoDateString, reason: z.string().min(1).max(4000) })
  .openapi('TerminateContract');

export const ApprovalSchema = z
  .object({
    organisationId: z.uuid(), contentHash: z.string(), approvedAt: z.iso.datetime(),
    approvedByPerson: PersonRefSchema.nullable(),
  })
  .openapi('Approval');

export const VersionSummarySchema = z
  .object({
    number: z.number().int(),
    kind: z.enum(['original', 'amendment']),
    status: z.enum(['proposed', 'in_force', 'superseded', 'withdrawn']),
    contentHash: z.string().openapi({ description: 'sha256 of the canonical JSON of {definition, parties}: what parties approve' }),
    description: z.string().nullable(),
    reason: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    proposedBy: z.uuid(),
    proposedAt: z.iso.datetime(),
    inForceAt: z.iso.datetime().nullable(),
    approvals: z.object({
      required: z.array(z.uuid()).openapi({ description: 'Organisations that must approve (payers, investors, operators)' }),
      given: z.array(ApprovalSchema),
      missing: z.array(z.uuid()),
    }),
  })
  .openapi('ContractVersionSummary');

export const VersionDetailSchema = VersionSummarySchema.extend({
  definition: ContractDefinition,
  parties: PartyBindings,
}).openapi('ContractVersion');

export const ContractStatusEnum = z.enum(['draft', 'active', 'terminated']);

export const ContractSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    policyArea: z.string(),
    currency: z.string(),
    status: ContractStatusEnum,
    yourRoles: z.array(z.string()),
    registeredBy: z.uuid(),
    createdAt: z.iso.datetime(),
    activatedAt: z.iso.datetime().nullable(),
    termination: z.object({ terminatedOn: z.string(), reason: z.string(), recordedAt: z.iso.datetime() }).nullable(),
    currentVersion: VersionSummarySchema.nullable().openapi({ description: 'The version in force (null while a draft)' }),
    pendingVersion: VersionSummarySchema.nullable().openapi({ description: 'A version awaiting approval, if any' }),
  })
  .openapi('ContractSummary');

export const ContractDetailSchema = ContractSummarySchema.extend({
  definition: ContractDefinition, // the terms in force (for a draft: the proposed terms)
  parties: PartyBindings,
}).openapi('Contract');

export const ContractPageSchema = pageOf(ContractSummarySchema).openapi('ContractPage');

export const ContractIdParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, description: 'Contract id' }),
});

export const VersionParams = ContractIdParams.extend({
  number: z.coerce.number().int().min(1).openapi({ param: { name: 'number', in: 'path' } }),
});

export const ListContractsQuery = z.object({
  ...PageQuery,
  status: ContractStatusEnum.optional(),
  role: z.enum(['outcome_payer', 'investor', 'operator', 'evaluator', 'validator', 'intermediary']).optional().openapi({
    description: 'Only contracts where you hold this role',
  }),
  policyArea: z.string().max(100).optional(),
});
