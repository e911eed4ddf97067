import { z } from '@hono/zod-openapi';
import { IsoDateString } from '../../domain/contract/primitives.ts';
import { pageOf } from '../pagination.ts';
import { PersonRefSchema } from '../schemas/person-ref.ts';

export const RunEvaluationBody = z
  .object({
    asOf: IsoDateString.optional().openapi({ description: "Cut-off date; default: today in the contract's time zone" }),
    dryRun: z.boolean().default(false).openapi({ description: 'Compute and return everything, store nothing (a forecast)' }),
    scenario: z.string().optional().openapi({ description: 'With dryRun: use this scenario of the definition instead of the recorded data' }),
  })
  .strict()
  .openapi('RunEvaluation');

export const ObligationSchema = z
  .object({
    id: z.uuid(),
    evaluationId: z.uuid(),
    lineKey: z.string().openapi({ description: '`rule:scope:payer`: obligations on one line add up to its entitlement' }),
    ruleKey: z.string(),
    scope: z.string(),
    payer: z.object({ party: z.string(), organisationId: z.uuid() }),
    recipient: z.object({ party: z.string(), organisationId: z.uuid() }),
    amount: z.string().openapi({ description: 'Signed decimal string in the minor unit of the currency; negative for a downward adjustment' }),
    currency: z.string(),
    dueOn: z.string(),
    kind: z.enum(['payment', 'adjustment']),
    corrects: z.array(z.uuid()).openapi({ description: 'Earlier obligations on the same line that an adjustment corrects' }),
    createdAt: z.iso.datetime(),
  })
  .openapi('Obligation');

const Totals = z.object({ entitled: z.string(), previouslyObligated: z.string(), newObligations: z.string() });

export const EvaluationSummarySchema = z
  .object({
    id: z.uuid(),
    trigger: z.enum(['scheduled', 'manual']),
    scheduledFor: z.iso.datetime().nullable(),
    asOf: z.string(),
    knownAt: z.iso.datetime().openapi({ description: 'When the evaluation read the data' }),
    ledgerSequence: z.string().openapi({
      description: 'The data considered is every record submitted, validated and not superseded before this number of the ledger sequence: re-reading with it gives the same data and digest',
    }),
    contractVersion: z.number().int(),
    dataDigest: z.string().openapi({ description: 'sha256 over exactly the data considered (terms hash, cut-off, records, prior obligations, drawdowns)' }),
    dataCounts: z.record(z.string(), z.number()),
    engineVersion: z.string(),
    requestedBy: z.uuid().nullable(),
    requestedByPerson: PersonRefSchema.nullable(),
    createdAt: z.iso.datetime(),
    totals: Totals,
  })
  .openapi('EvaluationSummary');

export const EvaluationSchema = EvaluationSummarySchema.extend({
  explanation: z.record(z.string(), z.unknown()).openapi({
    description:
      'The engine result: per rule, per cohort or period (and per participant where relevant) the inputs, tests, price, ' +
      'gross, every cap and what it cut, and net; the lines with their cumulative entitlement. Participant-level detail ' +
      'is removed for investors.',
  }),
  obligations: z.array(ObligationSchema),
}).openapi('Evaluation');

export const RunOutcomeSchema = z
  .object({
    status: z.enum(['created', 'unchanged', 'dry_run']),
    evaluation: EvaluationSchema.nullable().openapi({ description: 'The stored evaluation (null for a dry run)' }),
    forecast: z
      .object({ asOf: z.string(), contractVersion: z.number().int(), scenario: z.string().nullable(), dataDigest: z.string().nullable(), result: z.record(z.string(), z.unknown()) })
      .nullable()
      .openapi({ description: 'The full result of a dry run (nothing stored)' }),
  })
  .openapi('EvaluationRun');

export const EvaluationPage = pageOf(EvaluationSummarySchema).openapi('EvaluationPage');
const Money = z.string().openapi({ description: 'Decimal string in the minor unit of the currency' });

/** An obligation with where its line and account stand (listing only). */
export const ReconciledObligationSchema = ObligationSchema.extend({
  settled: Money.openapi({ description: 'Settled on this obligation' }),
  line: z.object({
    triggered: Money.openapi({ description: 'Sum of the positive obligations of the line' }),
    credited: Money.openapi({ description: 'Credits applied to the line: its own downward adjustments, and credits of the same payer to the same recipient that offset it' }),
    settled: Money,
    outstanding: Money.openapi({ description: 'triggered − settled − credited' }),
  }),
}).openapi('ReconciledObligation');

const AccountSchema = z.object({
  payerOrganisationId: z.uuid(), recipientOrganisationId: z.uuid(), triggered: Money, credits: Money, settled: Money,
  outstanding: Money.openapi({ description: 'triggered − settled − credits; negative when more was paid than is owed' }),
  owedBack: Money.openapi({ description: 'Credits on lines already paid, not offset against later obligations: owed back to the payer' }),
  overdue: Money,
}).openapi('ObligationAccount');

export const ObligationPage = pageOf(ReconciledObligationSchema).extend({
  accounts: z.array(AccountSchema).openapi({ description: 'Per payer and recipient, every obligation and settlement of the contract reconciled' }),
}).openapi('ObligationPage');
export const EvaluationParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  evaluationId: z.uuid().openapi({ param: { name: 'evaluationId', in: 'path' } }),
});
