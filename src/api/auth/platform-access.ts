import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';

/** Organisation and key administration: the platform administrator, or an organisation for itself. */
export function requireAdminOrSelf(c: Context<AppEnv>, organisationId: string): void {
  const p = c.var.principal;
  if (!p.isAdmin && p.organisationId !== organisationId) {
    throw new ApiError('forbidden', "Only the platform administrator or the organisation itself may manage an organisation's keys.");
  }
}
