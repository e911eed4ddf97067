import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../../db/queries/api-keys.ts';
import { findOrganisation, insertOrganisation, listOrganisations } from '../../db/queries/organisations.ts';
import type { ApiKey, Organisation } from '../../db/schema.ts';
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/keys.ts';
import { requireAdmin, requireAdminOrSelf } from '../auth/platform-access.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type {
  CreateKeyRoute, CreateRoute, GetRoute, ListKeysRoute, ListRoute, MeRoute, RevokeKeyRoute,
} from './organisations.routes.ts';

export const organisationView = (o: Organisation) => ({ id: o.id, name: o.name, kind: o.kind, createdAt: o.created_at.toISOString() });

const keyView = (k: ApiKey) => ({
  id: k.id,
  organisationId: k.organisation_id,
  prefix: k.key_prefix,
  label: k.label,
  createdAt: k.created_at.toISOString(),
  revokedAt: k.revoked_at?.toISOString() ?? null,
});

const noSuchOrganisation = () => new ApiError('not_found', 'No such organisation.');

export const create: AppRouteHandler<CreateRoute> = async (c) => {
  requireAdmin(c);
  const body = c.req.valid('json');
  const organisation = await insertOrganisation(c.var.db, body);
  return c.json(organisationView(organisation), 201);
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid('query');
  const rows = await listOrganisations(c.var.db, { after: decodeCursor(query.cursor), limit: query.limit + 1, kind: query.kind });
  const { items, nextCursor } = page(rows, query.limit, (o) => o.id);
  return c.json({ items: items.map(organisationView), nextCursor }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const organisation = await findOrganisation(c.var.db, c.req.valid('param').id);
  if (!organisation || (organisation.kind === 'platform' && !c.var.principal.isAdmin)) throw noSuchOrganisation();
  return c.json(organisationView(organisation), 200);
};

export const createKey: AppRouteHandler<CreateKeyRoute> = async (c) => {
  const { id } = c.req.valid('param');
  requireAdminOrSelf(c, id);
  if (!(await findOrganisation(c.var.db, id))) throw noSuchOrganisation();
  const key = generateApiKey();
  const row = await insertApiKey(c.var.db, {
    organisationId: id,
    keyHash: await hashApiKey(key),
    keyPrefix: displayPrefix(key),
    label: c.req.valid('json').label ?? null,
    createdByKeyId: c.var.principal.keyId,
  });
  return c.json({ ...keyView(row), key }, 201);
};

export const listKeys: AppRouteHandler<ListKeysRoute> = async (c) => {
  const { id } = c.req.valid('param');
  requireAdminOrSelf(c, id);
  if (!(await findOrganisation(c.var.db, id))) throw noSuchOrganisation();
  return c.json({ items: (await listApiKeys(c.var.db, id)).map(keyView) }, 200);
};

export const revokeKey: AppRouteHandler<RevokeKeyRoute> = async (c) => {
  const { id, keyId } = c.req.valid('param');
  requireAdminOrSelf(c, id);
  const key = await findApiKey(c.var.db, id, keyId);
  if (!key) throw new ApiError('not_found', 'No such API key.');
  if (key.revoked_at) throw new ApiError('invalid_state', `The key was already revoked at ${key.revoked_at.toISOString()}.`);
  const revoked = await revokeApiKey(c.var.db, keyId, c.var.principal.keyId, c.var.deps.clock());
  return c.json(keyView(revoked), 200);
};

export const me: AppRouteHandler<MeRoute> = async (c) => {
  const p = c.var.principal;
  const organisation = await findOrganisation(c.var.db, p.organisationId);
  return c.json({ organisation: organisationView(organisation!), keyId: p.keyId, isAdmin: p.isAdmin }, 200);
};
