import { createRoute } from '@hono/zod-openapi';
import { contractRoute } from '../auth/contract-access.ts';
import { authenticate } from '../auth/authenticate.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { json } from '../route-helpers.ts';
import { ContractStatusSchema, LiabilitiesSchema, PortfolioSchema } from './status.schemas.ts';

export const status = contractRoute('status.read', {
  method: 'get',
  path: '/v1/contracts/{id}/status',
  operationId: 'getContractStatus',
  tags: ['Repayment status'],
  summary: 'Repayment status of a contract',
  description:
    'Capital committed and drawn; outcomes achieved against the scenarios, per metric and cohort or period; obligations ' +
    'triggered, settled, outstanding and overdue (settlements and downward adjustments applied first due, first paid); ' +
    'headroom under every cap (contract, payers, cohorts and periods, rules; participant and outcome caps are applied ' +
    "in each evaluation and shown in its explanation); for each investor: repaid to date, money multiple, IRR to date " +
    '(XIRR over dated drawdowns and repayments), return-cap headroom and projections under each scenario; the latest ' +
    'and the next scheduled evaluation. Investors see their own line only.',
  request: { params: ContractIdParams },
  responses: {
    200: { description: 'The status', ...json(ContractStatusSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const portfolio = createRoute({
  method: 'get',
  path: '/v1/portfolio',
  operationId: 'getPortfolio',
  tags: ['Repayment status'],
  summary: "An investor's contracts side by side",
  description: 'Every contract where your organisation is an investor (terms in force), with its figures and totals per currency.\n\n**Access:** any key (empty for organisations that invest in nothing).',
  middleware: [authenticate] as const,
  responses: {
    200: { description: 'Portfolio', ...json(PortfolioSchema) },
    ...errorsFor(401, 429),
  },
});

export const liabilities = createRoute({
  method: 'get',
  path: '/v1/liabilities',
  operationId: 'getLiabilities',
  tags: ['Repayment status'],
  summary: "A payer's triggered-but-unpaid amounts and maximum remaining exposure",
  description: 'Every contract where your organisation is an outcome payer (terms in force), with totals per currency.\n\n**Access:** any key (empty for organisations that pay for nothing).',
  middleware: [authenticate] as const,
  responses: {
    200: { description: 'Liabilities', ...json(LiabilitiesSchema) },
    ...errorsFor(401, 429),
  },
});
