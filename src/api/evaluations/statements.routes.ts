import { contractRoute } from '../auth/contract-access.ts';
import { ExportQuery, exportResponses } from '../csv.ts';
import { errorsFor } from '../errors/responses.ts';
import { json } from '../route-helpers.ts';
import { EvaluationParams } from './evaluations.schemas.ts';
import { EvaluationStatementSchema, ObligationParams, PaymentStatementSchema } from './statements.schemas.ts';

const chain =
  "Each line's chain: the scope's items (what is paid for, quantity, unit price after indexation, amount before caps, each cap's cut, " +
  "amount), then the rule's own caps on the scope, the other payers' shares, the caps across lines on this line, rounding to the " +
  "currency's minor unit and what earlier obligations on the line already cover — adding up exactly to the obligation. Amounts " +
  'before rounding are exact decimals; entitled, previously obligated and the obligation are in the minor unit. No participant-level data.';

const csvColumns =
  'Columns: evaluation_id, obligation_id, line_key, rule, scope, payer, kind (item, item_cap, rule_cap, payer_share, line_cap, rounding, ' +
  'previously_obligated), item, unit, quantity, unit_price, label, limit, amount, running_total, currency. An item row carries its gross, ' +
  "a cap row minus its cut: the amounts of a line's rows add up to its obligation, the last running_total is the obligation. " +
  'Like every export: `?format=xlsx` for a workbook, `?locale=fr-FR` (or `separator`, `decimal`, `bom`) for the CSV dialect.';

export const obligationStatement = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/obligations/{obligationId}/statement',
  operationId: 'getObligationStatement',
  tags: ['Obligations'],
  summary: 'Payment statement of an obligation',
  description:
    `How the obligation's amount is made, as of the evaluation that created it. ${chain} For an adjustment, the line's current ` +
    'entitlement chain and the earlier obligations it corrects. As CSV or XLSX: `…/statement/export`.',
  request: { params: ObligationParams },
  responses: {
    200: { description: 'The statement', ...json(PaymentStatementSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const exportObligationStatement = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/obligations/{obligationId}/statement/export',
  operationId: 'exportObligationStatement',
  tags: ['Obligations'],
  summary: 'Payment statement of an obligation as CSV or XLSX',
  description: `The statement of \`…/obligations/{obligationId}/statement\`, a row per item, cap and step. ${csvColumns}`,
  request: { params: ObligationParams, query: ExportQuery },
  responses: {
    200: exportResponses,
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const evaluationStatement = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/evaluations/{evaluationId}/statement',
  operationId: 'getEvaluationStatement',
  tags: ['Evaluations'],
  summary: 'Payment statement of an evaluation',
  description: `The statement of every line of the evaluation, with the obligation it created on the line, if any. ${chain} As CSV or XLSX: \`…/statement/export\`.`,
  request: { params: EvaluationParams },
  responses: {
    200: { description: 'The statement', ...json(EvaluationStatementSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const exportEvaluationStatement = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/evaluations/{evaluationId}/statement/export',
  operationId: 'exportEvaluationStatement',
  tags: ['Evaluations'],
  summary: 'Payment statement of an evaluation as CSV or XLSX',
  description: `The statement of \`…/evaluations/{evaluationId}/statement\`, every line, a row per item, cap and step. ${csvColumns}`,
  request: { params: EvaluationParams, query: ExportQuery },
  responses: {
    200: exportResponses,
    ...errorsFor(400, 401, 403, 404, 429),
  },
});
