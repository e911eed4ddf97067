import { findApiKeyWithUse, listApiKeys } from '../../db/queries/api-keys.ts';
import { findOrganisation, listOrganisations } from '../../db/queries/organisations.ts';
import { organisationIdentifiers } from '../../db/queries/organisation-identifiers.ts';
import type { ApiKey, Organisation } from '../../db/schema.ts';
import { issueApiKey, revokeKey as revokeApiKey } from '../../usecases/api-keys.ts';
import { registerOrganisation } from '../../usecases/register-organisation.ts';
import { requireAdminOrSelf } from '../auth/platform-access.ts';
import { perform } from '../write.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type {
  CreateKeyRoute, CreateRoute, GetRoute, ListKeysRoute, ListRoute, MeRoute, RevokeKeyRoute,
} from './organisations.routes.ts';

export const organisationView = (o: Organisation, identifier: string | null = null) => ({
  id: o.id, name: o.name, kind: o.kind, identifier, createdAt: o.created_at.toISOString(),
});

/** Views of organisations with their declared identifiers (one query). */
async function organisationViews(db: Parameters<typeof organisationIdentifiers>[0], rows: Organisation[]) {
  const identifiers = await organisationIdentifiers(db, rows.map((o) => o.id));
  return rows.map((o) => organisationView(o, identifiers.get(o.id) ?? null));
}

const keyView = (k: ApiKey & { last_used_at?: Date | null }) => ({
  id: k.id,
  organisationId: k.organisation_id,
  prefix: k.key_prefix,
  label: k.label,
  scope: k.scope,
  createdAt: k.created_at.toISOString(),
  revokedAt: k.revoked_at?.toISOString() ?? null,
  lastUsedAt: k.last_used_at?.toISOString() ?? null,
});

const noSuchOrganisation = () => new ApiError('not_found', 'No such organisation.');

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  const body = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const organisation = await registerOrganisation(ctx, body);
    return organisationView(organisation, organisation.identifier);
  }) as never;
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid('query');
  const rows = await listOrganisations(c.var.db, { after: decodeCursor(query.cursor), limit: query.limit + 1, kind: query.kind });
  const { items, nextCursor } = page(rows, query.limit, (o) => o.id);
  return c.json({ items: await organisationViews(c.var.db, items), nextCursor }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const organisation = await findOrganisation(c.var.db, c.req.valid('param').id);
  if (!organisation || (organisation.kind === 'platform' && !c.var.principal.isAdmin)) throw noSuchOrganisation();
  return c.json((await organisationViews(c.var.db, [organisation]))[0]!, 200);
};

export const createKey: AppRouteHandler<CreateKeyRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { label, scope } = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const { row, key } = await issueApiKey(ctx, { organisationId: id, label: label ?? null, scope });
    return { ...keyView(row), key };
  }, { keep: (body) => ({ ...(body as object), key: null }) }) as never;
};

export const listKeys: AppRouteHandler<ListKeysRoute> = async (c) => {
  const { id } = c.req.valid('param');
  requireAdminOrSelf(c, id);
  if (!(await findOrganisation(c.var.db, id))) throw noSuchOrganisation();
  return c.json({ items: (await listApiKeys(c.var.db, id)).map(keyView) }, 200);
};

export const revokeKey: AppRouteHandler<RevokeKeyRoute> = async (c) => {
  const { id, keyId } = c.req.valid('param');
  const response = await perform(c, 200, async (ctx) => {
    const row = await revokeApiKey(ctx, { organisationId: id, keyId });
    return keyView({ ...row, last_used_at: (await findApiKeyWithUse(ctx.trx, id, keyId))?.last_used_at ?? null });
  });
  c.var.accessCache?.clear();
  return response as never;
};

export const me: AppRouteHandler<MeRoute> = async (c) => {
  const p = c.var.principal;
  const organisation = await findOrganisation(c.var.db, p.organisationId);
  const person = c.get('personSession')?.member;
  return c.json({
    organisation: (await organisationViews(c.var.db, [organisation!]))[0]!, keyId: p.keyId, isAdmin: p.isAdmin, scope: p.keyScope,
    member: person ? { id: person.id, name: person.name, email: person.email, role: person.role } : null,
  }, 200);
};
