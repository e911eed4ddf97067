import { z } from '@hono/zod-openapi';
import { indigoInput } from '../../db/queries/indigo.ts';
import { toIndigoProject } from '../../domain/indigo/export.ts';
import { INDIGO_STANDARD_VERSION } from '../../domain/indigo/schema.ts';
import { contractRoute } from '../auth/contract-access.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { createRouter } from '../router.ts';

const indigo = contractRoute('export.indigo', {
  method: 'get',
  path: '/v1/contracts/{id}/export/indigo',
  tags: ['Repayment status'],
  summary: 'The contract as an INDIGO impact-bond data standard project record',
  description:
    `The contract in the shape of the Government Outcomes Lab's INDIGO data standard (project record, version ${INDIGO_STANDARD_VERSION}): ` +
    'organisations and their roles, outcome metrics and pricings, investments, transactions (drawdowns, outcome payments, ' +
    'repayments), results, and outcome payments planned (obligations) and actual (settlements) — ready for a public ' +
    'agency to publish. Organisation references are Outcome Ledger organisation ids. Amounts are JSON numbers, as the ' +
    'standard has them; the exact decimal figures are in the rest of this API.',
  request: { params: ContractIdParams },
  responses: {
    200: { description: 'INDIGO project record', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('IndigoProject') } } },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const exportsRouter = createRouter().openapi(indigo, async (c) => {
  const input = await indigoInput(c.var.db, c.var.access.contract, c.var.deps.clock());
  return c.json(toIndigoProject(input) as unknown as Record<string, unknown>, 200, {
    'content-disposition': `attachment; filename="indigo-${c.var.access.contract.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`,
  });
});
