import { PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { organisationState } from '../db/queries/entity-states.ts';
import { identifierTaken, insertOrganisationIdentifier } from '../db/queries/organisation-identifiers.ts';
import { insertOrganisation } from '../db/queries/organisations.ts';
import type { Organisation, OrganisationKind } from '../db/schema.ts';
import { ApiError } from '../api/errors/api-error.ts';
import type { WriteContext } from './context.ts';

/**
 * The platform administrator registers an organisation (a party-to-be of contracts), with the
 * identifier it declares from a registered list (org-id.guide form, e.g. `GB-COH-09506232`), if
 * any: set here, in the same transaction, and never changed (migration 0011).
 */
export async function registerOrganisation(
  ctx: WriteContext, input: { name: string; kind: OrganisationKind; identifier?: string | undefined },
): Promise<Organisation & { identifier: string | null }> {
  if (!ctx.actor.isAdmin) throw new ApiError('forbidden', 'Only the platform administrator may do this.');
  if (input.identifier !== undefined && (await identifierTaken(ctx.trx, input.identifier))) {
    throw new ApiError('conflict', `Another organisation already declares the identifier ${input.identifier}.`, {
      errors: [{ location: 'body', path: 'identifier', message: 'already declared by another organisation' }],
    });
  }
  const row = await insertOrganisation(ctx.trx, { name: input.name, kind: input.kind });
  if (input.identifier !== undefined) await insertOrganisationIdentifier(ctx.trx, row.id, input.identifier);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'organisation.created', entityType: 'organisation', entityId: row.id, state: organisationState(row, input.identifier) });
  return { ...row, identifier: input.identifier ?? null };
}
