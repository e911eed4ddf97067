import type { Context } from 'hono';
import { contractRoles, findContract } from '../../db/queries/contracts.ts';
import type { Contract } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { adminMay, type ContractAction, forbidden, mayAct } from './permissions.ts';

export interface ContractAccess {
  contract: Contract;
  /** The caller's roles in this contract (empty for the administrator). */
  roles: ReadonlySet<string>;
}

const contractNotFound = () => new ApiError('not_found', 'No such contract.');

/**
 * The one gate for every contract route: 404 unless the caller is party to the contract (a
 * non-party cannot tell a foreign contract from a missing one), 403 unless one of its roles
 * allows `action`.
 */
export async function authorizeContract(c: Context<AppEnv>, contractId: string, action: ContractAction): Promise<ContractAccess> {
  const principal = c.var.principal;
  const db = c.var.db;
  if (principal.isAdmin) {
    if (!adminMay(action)) throw contractNotFound();
    const contract = await findContract(db, contractId);
    if (!contract) throw contractNotFound();
    return { contract, roles: new Set() };
  }
  const roles = await contractRoles(db, contractId, principal.organisationId);
  if (!roles) throw contractNotFound();
  if (!mayAct(action, roles)) throw forbidden(action);
  const contract = await findContract(db, contractId);
  if (!contract) throw contractNotFound();
  return { contract, roles };
}
