import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Contract } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { admit, bearerKeyHash } from './authenticate.ts';
import { findKeyWithContract, findLiveKeyByHash } from '../../db/queries/api-keys.ts';
import { accessNote, adminMay, type ContractAction, forbidden, mayAct, rolesExtension } from './permissions.ts';

export interface ContractAccess {
  contract: Contract;
  /** The caller's roles in this contract (empty for the administrator). */
  roles: ReadonlySet<string>;
  /** Sequence number of the last entry of the contract's audit chain: moves on with every write. */
  auditHead: number;
}

const contractNotFound = () => new ApiError('not_found', 'No such contract.');
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one gate for every contract route: authenticates the key and authorises the `{id}` contract
 * for `action` — in one
 * database round trip — before anything else (validation included) runs. No key: 401; not a
 * party: 404; a party without the role: 403.
 */
export function contractAccess(action: ContractAction): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hash = await bearerKeyHash(c);
    const contractId = c.req.param('id') ?? '';
    if (!uuid.test(contractId)) {
      admit(c, hash, await findLiveKeyByHash(c.var.db, hash));
      throw contractNotFound();
    }
    const cache = c.var.accessCache;
    const now = Date.now();
    let found = cache?.get(hash, contractId, now);
    if (!found) {
      found = await findKeyWithContract(c.var.db, hash, contractId);
      if (found && cache) cache.set(hash, contractId, found, now);
    }
    admit(c, hash, found?.owner);
    const { contract, roles, auditHead } = found!;
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
      if (c.req.method !== 'GET') cache?.dropContract(contractId);
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
    ...config,
    description: `${config.description ?? ''}${accessNote(action)}`.trim(),
    middleware: [contractAccess(action)] as const,
    ...rolesExtension(action),
  });
}
