import { findApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../../db/queries/api-keys.ts';
import { findOrganisation, insertOrganisation, listOrganisations } from '../../db/queries/organisations.ts';
import type { ApiKey, Organisation } from '../../db/schema.ts';
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/keys.ts';
import { requireAdmin, requireAdminOrSelf } from '../auth/platform-access.ts';
import { kyselyExec, PLATFORM_CHAIN } from '../../db/queries/audit.ts';
import { audit } from '../audit-trail.ts';
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
  const organisation = await c.var.db.transaction().execute(async (trx) => {
    const row = await insertOrganisation(trx, body);
    await audit(c, kyselyExec(trx), { chain: PLATFORM_CHAIN, action: 'organisation.created', entityType: 'organisation', entityId: row.id, state: organisationView(row) });
    return row;
  });
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
  const keyHash = await hashApiKey(key);
  const row = await c.var.db.transaction().execute(async (trx) => {
    const created = await insertApiKey(trx, {
      organisationId: id,
      keyHash,
      keyPrefix: displayPrefix(key),
      label: c.req.valid('json').label ?? null,
      createdByKeyId: c.var.principal.keyId,
    });
    // The audit state covers the key's record (its hash included), never the key itself.
    await audit(c, kyselyExec(trx), { chain: PLATFORM_CHAIN, action: 'api_key.created', entityType: 'api_key', entityId: created.id, state: { ...keyView(created), keyHash } });
    return created;
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
  const revoked = await c.var.db.transaction().execute(async (trx) => {
    const row = await revokeApiKey(trx, keyId, c.var.principal.keyId, c.var.deps.clock());
    await audit(c, kyselyExec(trx), { chain: PLATFORM_CHAIN, action: 'api_key.revoked', entityType: 'api_key', entityId: row.id, state: keyView(row) });
    return row;
  });
  c.var.accessCache?.clear();
  return c.json(keyView(revoked), 200);
};

export const me: AppRouteHandler<MeRoute> = async (c) => {
  const p = c.var.principal;
  const organisation = await findOrganisation(c.var.db, p.organisationId);
  return c.json({ organisation: organisationView(organisation!), keyId: p.keyId, isAdmin: p.isAdmin }, 200);
};
