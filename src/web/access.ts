import type { MiddlewareHandler } from 'hono';
import { adminMay, type ContractAction, mayAct, mayActInOrganisation, type OrganisationAction } from '../api/auth/permissions.ts';
import { findContract, rolesByContract } from '../db/queries/contracts.ts';
import type { Contract } from '../db/schema.ts';
import type { WebContext, WebEnv } from './context.ts';

/**
 * Permission checks of pages: the API's one permissions table (api/auth/permissions.ts), applied
 * to the person signed in, with the API's answers — a contract the person's organisation is not
 * party to does not exist for them (404 page), a party without the role is refused (403 page).
 * Put `contractPage(action)` after `memberPage()` on a route with an `:id` parameter (the
 * contract); the handler reads `c.var.page` and `c.var.access`.
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PageNotFound extends Error {
  constructor() {
    super('not found');
    this.name = 'PageNotFound';
  }
}
export class PageForbidden extends Error {
  constructor() {
    super('forbidden');
    this.name = 'PageForbidden';
  }
}

/** The contract `id` and the person's organisation's roles in it, if it may take `action` (else 404 / 403). */
export async function contractFor(c: WebContext, id: string, action: ContractAction): Promise<{ contract: Contract; roles: ReadonlySet<string> }> {
  const principal = c.var.principal;
  if (!uuid.test(id)) throw new PageNotFound();
  const contract = await findContract(c.var.db, id);
  if (!contract) throw new PageNotFound();
  if (principal.isAdmin) {
    if (!adminMay(action)) throw new PageNotFound();
    return { contract, roles: new Set() };
  }
  const roles = new Set((await rolesByContract(c.var.db, principal.organisationId, [id])).get(id) ?? []);
  if (roles.size === 0) throw new PageNotFound();
  if (!mayAct(action, roles)) throw new PageForbidden();
  return { contract, roles };
}

/** Middleware: the `:id` contract for `action`, into `c.var.access` (auditHead is not loaded: 0). */
export function contractPage(action: ContractAction): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const { contract, roles } = await contractFor(c, c.req.param('id') ?? '', action);
    c.set('access', { contract, roles, auditHead: 0 });
    await next();
  };
}

/** Whether the person may take an organisation action (members.read, members.invite…) for `organisationId`: the same table as the API. */
export function mayInOrganisation(c: WebContext, action: OrganisationAction, organisationId: string): boolean {
  const p = c.var.principal;
  return mayActInOrganisation(action, { organisationId: p.organisationId, role: p.keyScope, isAdmin: p.isAdmin }, organisationId);
}

/** Throws the 403 page unless the person may take the organisation action. */
export function requireInOrganisation(c: WebContext, action: OrganisationAction, organisationId: string): void {
  if (!mayInOrganisation(c, action, organisationId)) throw new PageForbidden();
}
