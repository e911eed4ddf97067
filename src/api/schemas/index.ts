import { createRoute, z } from '@hono/zod-openapi';
import { ContractDefinition } from '../../domain/contract/definition.ts';
import { validateDefinition } from '../../domain/contract/validate.ts';
import { authenticate } from '../auth/authenticate.ts';
import { ApiError } from '../errors/api-error.ts';
import { errorsFor } from '../errors/responses.ts';
import { formatPath } from '../errors/zod-problems.ts';
import { definitionHook } from '../contracts/definition-hook.ts';
import { body } from '../route-helpers.ts';
import { createRouter } from '../router.ts';

/** The contract definition as JSON Schema (2020-12), generated once from the zod schema. */
let jsonSchema: Record<string, unknown> | undefined;
export function contractDefinitionJsonSchema(): Record<string, unknown> {
  jsonSchema ??= {
    $id: 'urn:outcome-ledger:schema:contract-definition',
    ...z.toJSONSchema(ContractDefinition, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  };
  return jsonSchema;
}

const getSchema = createRoute({
  method: 'get',
  path: '/v1/schemas/contract-definition',
  operationId: 'getContractDefinitionSchema',
  tags: ['Contract definitions'],
  summary: 'The contract definition, as JSON Schema',
  description:
    'JSON Schema (draft 2020-12) of a contract definition, for editors and other tools. Relations between parts ' +
    '(unknown metric, cohort outside the term, tiers out of order…) are checked by the API on top of it. No authentication.',
  security: [],
  responses: {
    200: { description: 'JSON Schema', content: { 'application/schema+json': { schema: z.record(z.string(), z.unknown()) } } },
    ...errorsFor(429),
  },
});

const validate = createRoute({
  method: 'post',
  path: '/v1/schemas/contract-definition/validate',
  operationId: 'validateContractDefinition',
  tags: ['Contract definitions'],
  summary: 'Check a contract definition without registering it',
  description: 'Answers 200 with the definition as it would be stored (defaults filled in), or 422 listing every problem.\n\n**Access:** any key.',
  middleware: [authenticate] as const,
  request: { body: body(ContractDefinition) },
  responses: {
    200: { description: 'Valid', content: { 'application/json': { schema: z.object({ valid: z.literal(true), definition: ContractDefinition }) } } },
    ...errorsFor(400, 401, 413, 415, 422, 429),
  },
});

export const schemasRouter = createRouter()
  .openapi(getSchema, (c) => c.body(JSON.stringify(contractDefinitionJsonSchema()), 200, { 'content-type': 'application/schema+json' }) as never)
  .openapi(validate, async (c) => {
    const result = validateDefinition(c.req.valid('json'));
    if (!result.ok) {
      throw new ApiError('validation_failed', `The definition has ${result.problems.length} problem(s).`, {
        errors: result.problems.map((p) => ({ location: 'body' as const, path: formatPath(p.path), message: p.message })),
      });
    }
    return c.json({ valid: true as const, definition: result.definition }, 200);
  }, definitionHook([]));
