import { PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { insertOrganisation } from '../db/queries/organisations.ts';
import type { Organisation, OrganisationKind } from '../db/schema.ts';
import { ApiError } from '../api/errors/api-error.ts';
import type { WriteContext } from './context.ts';

/** The platform administrator registers an organisation (a party-to-be of contracts). */
export async function registerOrganisation(ctx: WriteContext, input: { name: string; kind: OrganisationKind }): Promise<Organisation> {
  if (!ctx.actor.isAdmin) throw new ApiError('forbidden', 'Only the platform administrator may do this.');
  const row = await insertOrganisation(ctx.trx, input);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'organisation.created', entityType: 'organisation', entityId: row.id, state: row });
  return row;
}
