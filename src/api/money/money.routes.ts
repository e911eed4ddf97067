import { writeRoute } from '../write.ts';
import { z } from '@hono/zod-openapi';
import { contractRoute } from '../auth/contract-access.ts';
import { ExportQuery, exportResponses } from '../csv.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { PageQuerySchema } from '../pagination.ts';
import { body, json } from '../route-helpers.ts';
import {
  DistributionPage, DrawdownPage, DrawdownSchema, RecordDrawdownBody, RecordedSettlementSchema, RecordSettlementBody, SettlementPage,
} from './money.schemas.ts';

export const recordDrawdown = contractRoute('drawdown.record', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/drawdowns',
  operationId: 'recordDrawdown',
  tags: ['Drawdowns'],
  summary: 'Record capital drawn from an investor',
  description:
    'A drawdown (date, amount) against an investor, optionally against one of its tranches. Investors record their own; ' +
    "an intermediary records any investor's. The amount is in the contract currency and drawdowns may not exceed the " +
    "investor's commitment.",
  request: { params: ContractIdParams, body: body(RecordDrawdownBody) },
  responses: {
    201: { description: 'Recorded', ...json(DrawdownSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export const recordSettlement = contractRoute('settlement.record', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/settlements',
  operationId: 'recordSettlement',
  tags: ['Settlements'],
  summary: 'Record a payment settling an obligation',
  description:
    'The payer of an obligation records what it paid (amount, date, reference); partial settlements are allowed. An ' +
    'over-settlement, another currency or a non-positive amount is refused (422). Two settlements racing on one ' +
    'obligation are serialised, so it can never be over-settled. Settlements of a contract are recorded in date order. ' +
    'Each settlement is distributed at once through the capital stack (senior before subordinate, pro rata within a ' +
    "class, up to each investor's return cap; the rest to the payer or the operator as the contract says) and every " +
    'distribution line is stored.',
  request: { params: ContractIdParams, body: body(RecordSettlementBody) },
  responses: {
    201: { description: 'Recorded and distributed', ...json(RecordedSettlementSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

const list = (operationId: string, tag: string, path: string, summary: string, description: string, schema: z.ZodType) =>
  contractRoute('status.read', {
    method: 'get',
    path,
    operationId,
    tags: [tag],
    summary,
    description,
    request: { params: ContractIdParams, query: PageQuerySchema },
    responses: {
      200: { description: summary, ...json(schema) },
      ...errorsFor(400, 401, 403, 404, 429),
    },
});

export const listDrawdowns = list('listDrawdowns', 'Drawdowns', '/v1/contracts/{id}/drawdowns', 'Drawdowns, oldest first', 'Investors see their own drawdowns only.', DrawdownPage);
export const listSettlements = list('listSettlements', 'Settlements', '/v1/contracts/{id}/settlements', 'Settlements, oldest first', '', SettlementPage);
export const listDistributions = list('listDistributions', 'Distributions', '/v1/contracts/{id}/distributions', 'Distribution lines, oldest first',
  'Investors see the lines paid to them and the surplus lines, not other investors\'.', DistributionPage);

const exportCsv = (operationId: string, tag: string, path: string, summary: string) =>
  contractRoute('status.read', {
    method: 'get',
    path,
    operationId,
    tags: [tag],
    summary,
    description: 'Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency\'s ' +
      'minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a ' +
      'French Excel; `?format=xlsx` a workbook with amounts as numbers.',
    request: { params: ContractIdParams, query: ExportQuery },
    responses: {
      200: exportResponses,
      ...errorsFor(400, 401, 403, 404, 429),
    },
});

export const exportObligations = exportCsv('exportObligations', 'Obligations', '/v1/contracts/{id}/obligations/export', 'Export obligations as CSV');
export const exportSettlements = exportCsv('exportSettlements', 'Settlements', '/v1/contracts/{id}/settlements/export', 'Export settlements as CSV');
export const exportDistributions = exportCsv('exportDistributions', 'Distributions', '/v1/contracts/{id}/distributions/export', 'Export distribution lines as CSV');
