import type { Context } from 'hono';
import { type AuditInput, type AuditReceipt, appendAudit, type Exec } from '../db/queries/audit.ts';
import type { AppEnv } from './context.ts';

/**
 * Records a write in the audit trail, from the request's context: who (organisation, key), what,
 * which entity, the digest of its new state, when, and the request id. Call inside the write's
 * transaction, after its other locks.
 */
export async function audit(
  c: Context<AppEnv>,
  exec: Exec,
  entry: { chain: string; action: string; entityType: string; entityId: string; state: unknown },
): Promise<AuditReceipt> {
  const principal = c.var.principal as AppEnv['Variables']['principal'] | undefined;
  const input: AuditInput = {
    chain: entry.chain,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    state: entry.state,
    organisationId: principal?.organisationId ?? null,
    apiKeyId: principal?.keyId ?? null,
    requestId: c.get('requestId') ?? null,
    recordedAt: c.var.deps.clock(),
  };
  return appendAudit(exec, input);
}
