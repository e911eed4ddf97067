import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Contract } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { admit, admitSession, bearerKeyHash, bySession } from './authenticate.ts';
import { noteKeyUse } from './key-use.ts';
import { findContractAccess, findKeyWithContract, findLiveKeyByHash } from '../../db/queries/api-keys.ts';
import { accessNote, adminMay, type ContractAction, forbidden, mayAct, rolesExtension } from './permissions.ts';

export interface ContractAccess {
  contract: Contract;
  /** The caller's roles in this contract (empty for the administrator). */
  roles: ReadonlySet<string>;
  /** Sequence number of the last entry of the contract's audit chain: moves on with every write. */
  auditHead: number;
}

/** Who may call a contract route: a machine with a key, or a person with a session (changes need the CSRF token). */
export const keyOrSession: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

const contractNotFound = () => new ApiError('not_found', 'No such contract.');
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one gate for every contract route: authenticates the key and authorises the `{id}` contract
 * for `action` — in one
 * database round trip — before anything else (validation included) runs. No key: 401; not a
 * party: 404; a party without the role: 403.
 *
 * A person signed in (the session cookie, no `Authorization` header) is authenticated by their
 * session (admitSession: a full session, and the CSRF token on changes, else 403), then acts as
 * their organisation, through the same table: the organisation's roles in the contract decide.
 */
export function contractAccess(action: ContractAction): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const contractId = c.req.param('id') ?? '';
    let found: { contract: Contract | undefined; roles: ReadonlySet<string>; auditHead: number };
    if (bySession(c)) {
      const { member } = await admitSession(c);
      if (!uuid.test(contractId)) throw contractNotFound();
      found = await findContractAccess(c.var.db, member.organisation_id, contractId);
    } else {
      const hash = await bearerKeyHash(c);
      if (!uuid.test(contractId)) {
        admit(c, hash, await findLiveKeyByHash(c.var.db, hash));
        throw contractNotFound();
      }
      const cache = c.var.accessCache;
      const now = Date.now();
      let byKey = cache?.get(hash, contractId, now);
      if (!byKey) {
        byKey = await findKeyWithContract(c.var.db, hash, contractId);
        if (byKey && cache) cache.set(hash, contractId, byKey, now);
      }
      admit(c, hash, byKey?.owner);
      await noteKeyUse(c);
      found = byKey!;
    }
    const { contract, roles, auditHead } = found;
    if (!contract) throw contractNotFound();
    if (c.var.principal.isAdmin) {
      if (!adminMay(action)) throw contractNotFound();
      c.set('access', { contract, roles: new Set(), auditHead });
    } else {
      if (roles.size === 0) throw contractNotFound();
      if (!mayAct(action, roles)) throw forbidden(action);
      c.set('access', { contract, roles, auditHead });
    }
    try {
      await next();
    } finally {
      // This instance saw the write first: drop what it may have changed at once (others hear at commit).
      if (c.req.method !== 'GET') c.var.accessCache?.dropContract(contractId);
    }
  };
}

/**
 * Declares a route on a contract: authentication, then the access check for `action` (so that a
 * non-party gets 404 and a party without the role 403 before its request is even validated), and
 * the access rule written into the route's OpenAPI description and `x-contract-roles`.
 */
export function contractRoute<const R extends Omit<RouteConfig, 'middleware'>>(action: ContractAction, config: R) {
  return createRoute({
    security: keyOrSession,
    ...config,
    description: `${config.description ?? ''}${accessNote(action)}`.trim(),
    middleware: [contractAccess(action)] as const,
    ...rolesExtension(action),
  });
}
