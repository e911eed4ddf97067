import { type ContractAction, mayAct } from '../../api/auth/permissions.ts';
import { contractsWithRoles } from '../../db/queries/review-queue.ts';
import { PageNotFound } from '../access.ts';
import type { WebContext } from '../context.ts';

/**
 * The contracts a page spanning several contracts covers: those the person's organisation is
 * party to whose roles allow `action`, by the API's one permissions table. A contract asked for by
 * URL outside them is the 404 page, as `contractPage` answers for one contract (the platform
 * administrator, party to no contract, covers none).
 */
export interface ScopedContract { id: string; title: string; reference: string; roles: ReadonlySet<string> }

export async function contractsFor(c: WebContext, action: ContractAction): Promise<ScopedContract[]> {
  const principal = c.var.principal;
  if (principal.isAdmin || !principal.organisationId) return [];
  const rows = await contractsWithRoles(c.var.db, principal.organisationId);
  return rows.map((r) => ({ ...r, roles: new Set(r.roles) })).filter((r) => mayAct(action, r.roles));
}

/** The contract `id` among `scope`, else the 404 page. */
export function inScope(scope: readonly ScopedContract[], id: string): ScopedContract {
  const found = scope.find((s) => s.id === id);
  if (!found) throw new PageNotFound();
  return found;
}
