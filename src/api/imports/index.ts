import { createRoute, z } from '@hono/zod-openapi';
import { organisationsExist } from '../../db/queries/organisations.ts';
import { sql } from 'kysely';
import { validateDefinition } from '../../domain/contract/validate.ts';
import { fromIndigoProject, localOrganisationId, type ImportProblem } from '../../domain/indigo/import.ts';
import { INDIGO_STANDARD, validateIndigoProject } from '../../domain/indigo/standard.ts';
import { registerContract } from '../../usecases/register-contract.ts';
import { authenticate } from '../auth/authenticate.ts';
import { contractDetail } from '../contracts/contracts.views.ts';
import { ContractDetailSchema } from '../contracts/contracts.schemas.ts';
import { ApiError } from '../errors/api-error.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import { createRouter } from '../router.ts';
import { perform, writeRoute } from '../write.ts';

export const ImportIndigoBody = z
  .object({
    project: z.record(z.string(), z.unknown()).openapi({ description: `An INDIGO project record (release ${INDIGO_STANDARD.version} of the standard)` }),
    organisations: z
      .array(z.object({ id: z.string().min(1).max(300), data: z.record(z.string(), z.unknown()) }))
      .max(1000)
      .optional()
      .openapi({ description: 'Organisation records named by the project (as `GET …/export/indigo` gives them): their names become the party names' }),
    complete: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'Terms of the contract definition to set over what the record carries (top-level keys replace the imported ones), ' +
        'e.g. the `reference`, `cohorts`, `periods`, `pricing` and `evaluation` that the standard cannot carry',
    }),
    parties: z.record(z.string(), z.uuid()).optional().openapi({
      description: 'Organisation ids for party keys of the draft, over those found from the record (an `XI-OUTCOMELEDGER-<id>` reference, or an identifier an organisation declared)',
    }),
  })
  .openapi('ImportIndigo');

const Problem = z.object({ path: z.string(), why: z.string() });
export const ImportIndigoResult = z
  .object({
    stored: z.boolean().openapi({ description: 'Whether a draft contract was registered (only when the definition is valid and every party is bound)' }),
    contract: ContractDetailSchema.nullable(),
    draft: z.object({
      definition: z.record(z.string(), z.unknown()).openapi({ description: 'The draft definition: what the record carries, with `complete` applied' }),
      parties: z.record(z.string(), z.uuid()).openapi({ description: 'Party keys bound to organisations so far' }),
    }),
    missing: z.array(Problem).openapi({ description: 'What the record lacks and must be completed before the contract can be registered and approved' }),
  })
  .openapi('ImportIndigoResult');

const importIndigo = createRoute(writeRoute({
  method: 'post',
  path: '/v1/contracts/import/indigo',
  operationId: 'importIndigoProject',
  tags: ['INDIGO data standard'],
  summary: 'Draft a contract from an INDIGO project record',
  description:
    `Maps an INDIGO project record (standard release ${INDIGO_STANDARD.version}; refused with 422 naming every problem if it does not ` +
    'validate against the standard) to the draft of a contract: parties and their roles, payers\' commitments, investors\' commitments ' +
    'and IRR caps, outcome metrics, prices per unit as a rate card and their caps, term, currency, policy area, jurisdiction, sources. ' +
    'Terms the standard cannot carry (reference, cohorts, periods, pricing rules beyond a price per unit, units and directions of ' +
    'metrics, seniority, indexation, evaluation schedule, distribution…) are listed in `missing`, with anything else the record lacks. ' +
    'Send them in `complete` (and organisation ids in `parties`) to register the draft: when the resulting definition is valid and ' +
    'every party is bound, the draft is registered as with `POST /v1/contracts` (201, `stored: true`); otherwise nothing is stored ' +
    'and the answer is 200 with `stored: false`, the draft and what is missing.' +
    '\n\n**Access:** an organisation that is an outcome payer of the draft (to register it); any organisation to read the mapping.',
  middleware: [authenticate] as const,
  request: { body: body(ImportIndigoBody) },
  responses: {
    200: { description: 'Not stored: the draft and what it lacks', ...json(ImportIndigoResult) },
    201: { description: 'Registered as a draft contract', ...json(ImportIndigoResult) },
    ...errorsFor(400, 401, 403, 409, 413, 415, 422, 429),
  },
}));

export const importsRouter = createRouter().openapi(importIndigo, async (c) => {
  const input = c.req.valid('json');
  const organisationIds = input.organisations ? new Set(input.organisations.map((o) => o.id)) : undefined;
  const problems = validateIndigoProject(input.project, organisationIds ? { organisationIds } : {});
  if (problems.length > 0) {
    throw new ApiError('validation_failed', `The record does not validate against the INDIGO standard ${INDIGO_STANDARD.version}.`, {
      errors: problems.slice(0, 100).map((p) => ({ location: 'body' as const, path: `project${p.path.replace(/\//g, '.')}`, message: p.message })),
      totalErrors: problems.length,
    });
  }
  const imported = fromIndigoProject(input.project, input.organisations ?? []);

  // Parties: given, else our own local reference, else the identifier an organisation declared.
  const bindings: Record<string, string> = {};
  const declared = imported.parties.map((p) => p.organisationReference).filter((r) => !localOrganisationId(r));
  const byIdentifier = new Map<string, string>();
  if (declared.length > 0) {
    const { rows } = await sql<{ organisation_id: string; identifier: string }>`
      select organisation_id, identifier from organisation_identifier where identifier in (${sql.join(declared)})`.execute(c.var.db);
    for (const r of rows) byIdentifier.set(r.identifier, r.organisation_id);
  }
  const local = imported.parties.map((p) => localOrganisationId(p.organisationReference)).filter((id): id is string => id !== undefined && z.uuid().safeParse(id).success);
  const known = await organisationsExist(c.var.db, local);
  for (const p of imported.parties) {
    const id = input.parties?.[p.key] ?? byIdentifier.get(p.organisationReference) ?? localOrganisationId(p.organisationReference);
    if (id && (input.parties?.[p.key] || byIdentifier.has(p.organisationReference) || known.has(id))) bindings[p.key] = id;
  }
  for (const [key, id] of Object.entries(input.parties ?? {})) bindings[key] = id;

  const definition = { ...imported.definition, ...(input.complete ?? {}) };
  const completed = new Set(Object.keys(input.complete ?? {}));
  const missing: ImportProblem[] = imported.missing.filter((m) => !completed.has(m.path.split(/[.[]/)[0]!));
  const partyKeys = Array.isArray(definition.parties) ? (definition.parties as { key?: unknown }[]).map((p) => String(p.key)) : [];
  for (const key of Object.keys(bindings)) if (!partyKeys.includes(key)) delete bindings[key];
  for (const key of partyKeys) {
    if (!bindings[key]) missing.push({ path: `parties.${key}`, why: 'no organisation of this service is known for it: give its id in `parties`' });
  }
  const checked = validateDefinition(definition);
  if (!checked.ok) {
    for (const p of checked.problems) {
      const path = p.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
      if (!missing.some((m) => path === m.path || path.startsWith(`${m.path.split('[')[0]}`))) missing.push({ path, why: p.message });
    }
  }
  const draft = { definition, parties: bindings };
  if (!checked.ok || missing.some((m) => m.path.startsWith('parties.'))) {
    return c.json({ stored: false, contract: null, draft, missing }, 200);
  }
  return perform(c, 201, async (ctx) => {
    const { contract, roles } = await registerContract(ctx, { definition: checked.definition, parties: bindings });
    return { stored: true, contract: await contractDetail(ctx.trx, contract, new Set(roles)), draft, missing };
  }) as never;
});
