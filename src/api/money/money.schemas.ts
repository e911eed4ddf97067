import { z } from '@hono/zod-openapi';
import { IsoDateString, PositiveAmount } from '../../domain/contract/primitives.ts';
import { pageOf } from '../pagination.ts';
import { PersonRefSchema } from '../schemas/person-ref.ts';

export const RecordDrawdownBody = z
  .object({
    investor: z.string().optional().openapi({ description: "Investor party key; default: the caller's own investor party" }),
    tranche: z.string().optional().openapi({ description: 'Tranche key of the investor, if the capital was drawn against one' }),
    drawnOn: IsoDateString,
    amount: PositiveAmount,
    currency: z.string().openapi({ description: 'Must be the contract currency', example: 'GBP' }),
    reference: z.string().max(200).optional(),
  })
  .strict()
  .openapi('RecordDrawdown');

export const DrawdownSchema = z
  .object({
    id: z.uuid(),
    investor: z.object({ party: z.string(), organisationId: z.uuid() }),
    tranche: z.string().nullable(),
    drawnOn: z.string(),
    amount: z.string(),
    currency: z.string(),
    reference: z.string().nullable(),
    recordedBy: z.uuid(),
    recordedAt: z.iso.datetime(),
    recordedByPerson: PersonRefSchema.nullable(),
  })
  .openapi('Drawdown');

export const RecordSettlementBody = z
  .object({
    obligationId: z.uuid(),
    amount: PositiveAmount.meta({ description: 'Positive decimal string; partial settlements are allowed' }),
    currency: z.string().openapi({ example: 'GBP' }),
    settledOn: IsoDateString,
    reference: z.string().max(200).optional().openapi({ description: 'Payment reference (e.g. the bank transfer id)' }),
  })
  .strict()
  .openapi('RecordSettlement');

export const DistributionSchema = z
  .object({
    id: z.uuid(),
    settlementId: z.uuid(),
    recipient: z.object({ party: z.string(), organisationId: z.uuid() }),
    role: z.enum(['investor', 'outcome_payer', 'operator']),
    seniority: z.string().nullable(),
    amount: z.string(),
    currency: z.string(),
    distributedOn: z.string(),
    explanation: z.string(),
    capacityBefore: z.string().nullable().openapi({ description: "A capped investor's room under its return cap before this distribution" }),
  })
  .openapi('Distribution');

export const SettlementSchema = z
  .object({
    id: z.uuid(),
    obligationId: z.uuid(),
    payerOrganisationId: z.uuid(),
    amount: z.string(),
    currency: z.string(),
    settledOn: z.string(),
    reference: z.string().nullable(),
    recordedAt: z.iso.datetime(),
    recordedByPerson: PersonRefSchema.nullable(),
  })
  .openapi('Settlement');

export const RecordedSettlementSchema = SettlementSchema.extend({
  distribution: z.array(DistributionSchema).openapi({ description: 'How the payment flows through the capital stack; the lines add up to the amount' }),
}).openapi('RecordedSettlement');

export const DrawdownPage = pageOf(DrawdownSchema).openapi('DrawdownPage');
export const SettlementPage = pageOf(SettlementSchema).openapi('SettlementPage');
export const DistributionPage = pageOf(DistributionSchema).extend({
  owedBack: z.array(z.object({ payerOrganisationId: z.uuid(), recipientOrganisationId: z.uuid(), amount: z.string() }))
    .openapi({ description: 'Balances owed back to a payer: credits on obligations already paid and distributed, not yet offset against a later payment of the same payer to the same recipient' }),
}).openapi('DistributionPage');
