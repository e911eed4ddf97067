import { z } from '@hono/zod-openapi';
import { indigoExportInput } from '../../db/queries/indigo-input.ts';
import { toIndigoExport } from '../../domain/indigo/export.ts';
import { INDIGO_STANDARD } from '../../domain/indigo/standard.ts';
import { contractRoute } from '../auth/contract-access.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { createRouter } from '../router.ts';
import { contractReader } from '../read-replica.ts';

export const IndigoExportSchema = z
  .object({
    standard: z.object({ name: z.string(), version: z.string() }).openapi({ description: 'The release of the standard the records follow' }),
    project: z.record(z.string(), z.unknown()).openapi('IndigoProject', {
      description: `An INDIGO project record (the standard's schema/project.json, release ${INDIGO_STANDARD.version}, with its codelists).`,
    }),
    organisations: z
      .array(z.object({
        id: z.string().openapi({ description: 'The reference the project record uses for this organisation (its organisation_id values)', example: 'GB-COH-09506232' }),
        data: z.record(z.string(), z.unknown()).openapi('IndigoOrganisation', { description: 'An INDIGO organisation record (schema/organisation.json)' }),
      }))
      .openapi({ description: 'The organisation records of every organisation the project names, once each' }),
  })
  .openapi('IndigoExport');

const indigo = contractRoute('export.indigo', {
  method: 'get',
  path: '/v1/contracts/{id}/export/indigo',
  operationId: 'exportIndigoProject',
  tags: ['INDIGO data standard'],
  summary: 'The contract as INDIGO impact-bond data standard records (project and organisations)',
  description:
    `The contract in the Government Outcomes Lab's INDIGO data standard, release ${INDIGO_STANDARD.version}: the project record ` +
    '(organisations and their roles, outcome metrics and pricings, investments, transactions — drawdowns, outcome payments, ' +
    'repayments —, results, and outcome payments planned (obligations) and actual (settlements)) and the organisation record of ' +
    'every organisation it names, ready for a public agency to publish. Both validate against the standard\'s schemas and codelists. ' +
    'Organisations are named by the identifier they declared when registered (org-id.guide form, e.g. `GB-COH-09506232`), else by ' +
    'the local identifier `XI-OUTCOMELEDGER-<organisation id>`. The signature dates are when the last required party approved the ' +
    'first version of the terms. Amounts are JSON numbers, as the standard has them; the exact decimal figures are in the rest of this API.',
  request: { params: ContractIdParams },
  responses: {
    200: { description: 'INDIGO project and organisation records', content: { 'application/json': { schema: IndigoExportSchema } } },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const exportsRouter = createRouter().openapi(indigo, async (c) => {
  const input = await indigoExportInput(await contractReader(c), c.var.access.contract, c.var.deps.clock());
  return c.json(toIndigoExport(input) as unknown as z.infer<typeof IndigoExportSchema>, 200, {
    'content-disposition': `attachment; filename="indigo-${c.var.access.contract.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`,
  });
});
