import { z } from '@hono/zod-openapi';
import { ObligationSchema } from './evaluations.schemas.ts';

/**
 * Payment statements (see src/domain/engine/statement.ts): how each obligation line's amount is
 * made, item by item. Amounts before rounding are exact decimal strings (as many decimals as they
 * need); amounts after rounding (entitled, previously obligated, the obligation) are fixed to the
 * currency's minor unit. Statements carry no participant-level data.
 */

const Exact = (description: string) => z.string().openapi({ description: `${description} Exact signed decimal string, before rounding.`.trim() });
const Minor = (description: string) => z.string().openapi({ description: `${description} Signed decimal string in the minor unit of the currency (after rounding).`.trim() });

const StatementCut = z.object({
  cap: z.string().openapi({ description: 'The cap, in the words of the definition (e.g. `outcome.cap (job_entry)`, `participantCap`)' }),
  limit: z.string().openapi({ description: "The cap's limit (decimal string)" }),
  cut: z.string().openapi({ description: 'Amount removed from the item by this cap (positive exact decimal string)' }),
}).openapi('StatementCut');

export const StatementItemSchema = z.object({
  item: z.string().openapi({ description: "What is priced, in the definition's words: an outcome, a band, a tier, a component, the measure; `scope amount` when the rule states the scope as a whole" }),
  unit: z.string().openapi({ description: "How it is counted: `claims`, the outcome's unit (`days`, `sessions`…), the measure's unit; `scope` for a scope amount" }),
  quantity: z.string().openapi({ description: 'How many units are paid for (decimal string)' }),
  unitPrice: z.string().optional().openapi({ description: 'Price per unit after indexation, when a single price applies (exact decimal string)' }),
  gross: Exact('Before any cap.'),
  capEffects: z.array(StatementCut).openapi({ description: "Caps acting on this item's claims or units (outcome cap, participant cap, band maximum…)" }),
  net: Exact('gross − the cuts of capEffects.'),
}).openapi('StatementItem');

export const StatementStepSchema = z.object({
  kind: z.enum(['rule_cap', 'payer_share', 'line_cap', 'rounding', 'previously_obligated', 'unexplained']).openapi({
    description:
      "`rule_cap`: rule.cap.perScope or rule.cap.total on the whole scope; `payer_share`: the other payers' shares of the scope; " +
      "`line_cap`: a cap on this line (a rule cap's guard after the payers' split, cohort or period maxPayment, payer maximumCommitment, " +
      'maximumOutcomePayment, investor return cap), in stacking order; `rounding`: half-even to the minor unit; `previously_obligated`: ' +
      'what earlier obligations on the line already cover; `unexplained`: a difference the evaluation\'s record does not explain (never expected)',
  }),
  label: z.string().openapi({ description: "The cap in the definition's words, or what the step is" }),
  limit: z.string().optional().openapi({ description: "The cap's limit, for caps" }),
  amount: z.string().openapi({
    description: 'Signed decimal string, negative for a cut: exact for caps, shares and rounding; in the minor unit of the currency for `previously_obligated`',
  }),
  total: z.string().openapi({ description: 'Running total after this step: exact before rounding, in the minor unit of the currency from `rounding` on' }),
}).openapi('StatementStep');

export const StatementLineSchema = z.object({
  lineKey: z.string().openapi({ description: '`rule:scope:payer`' }),
  ruleKey: z.string(),
  ruleKind: z.string().optional().openapi({ description: "The rule's kind (absent for a line whose rule or scope is no longer in the evaluation)" }),
  scope: z.string(),
  payer: z.string().openapi({ description: 'Party key of the payer' }),
  currency: z.string(),
  itemsFrom: z.enum(['rule', 'scope', 'none']).openapi({
    description: "`rule`: the rule's own items; `scope`: the rule gives no items, one item stands for the scope's amount; `none`: the line's entitlement was withdrawn (no scope in this evaluation)",
  }),
  items: z.array(StatementItemSchema).openapi({ description: "The scope's items, for the whole scope (a payer's share is a step)" }),
  gross: Exact('Σ items gross.'),
  itemsNet: Exact("Σ items net: the scope's amount before the rule's own caps, where the steps start."),
  steps: z.array(StatementStepSchema).openapi({ description: 'itemsNet + Σ steps amount = amount, exactly' }),
  entitledExact: Exact('Cumulative entitlement of the line after every cap.'),
  entitled: Minor('Cumulative entitlement, rounded half-even.'),
  previouslyObligated: Minor('Σ earlier obligations on the line.'),
  amount: Minor("This evaluation's obligation on the line: entitled − previouslyObligated (0 when it created none)."),
  notes: z.array(z.string()),
}).openapi('StatementLine');

const PreviousObligation = z.object({
  id: z.uuid(),
  evaluationId: z.uuid(),
  kind: z.enum(['payment', 'adjustment']),
  amount: Minor(''),
  dueOn: z.string(),
  createdAt: z.iso.datetime(),
}).openapi('PreviousObligation');

export const PaymentStatementSchema = z.object({
  contractId: z.uuid(),
  evaluationId: z.uuid().openapi({ description: 'The evaluation that created the obligation' }),
  asOf: z.string().openapi({ description: "The evaluation's cut-off date" }),
  currency: z.string(),
  obligation: ObligationSchema,
  previousObligations: z.array(PreviousObligation).openapi({
    description: 'For an adjustment: the earlier obligations on the line it corrects, which add up to line.previouslyObligated (empty for a payment)',
  }),
  line: StatementLineSchema.openapi({
    description: "The line's current entitlement chain in the evaluation that created the obligation; it ends at the obligation's amount",
  }),
}).openapi('PaymentStatement');

export const EvaluationStatementSchema = z.object({
  contractId: z.uuid(),
  evaluationId: z.uuid(),
  asOf: z.string(),
  currency: z.string(),
  lines: z.array(StatementLineSchema.extend({
    obligationId: z.uuid().nullable().openapi({ description: 'The obligation this evaluation created on the line, if any' }),
  })).openapi({ description: 'Every line of the evaluation, each adding up to its obligation (or to 0)' }),
  totals: z.object({
    entitled: Minor('Σ lines entitled.'),
    previouslyObligated: Minor('Σ lines previously obligated.'),
    newObligations: Minor('Σ lines amount = Σ the obligations created.'),
  }),
}).openapi('EvaluationStatement');

export const ObligationParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  obligationId: z.uuid().openapi({ param: { name: 'obligationId', in: 'path' } }),
});
