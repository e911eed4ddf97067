import type { Transaction } from 'kysely';
import type { AuditReceipt } from '../db/queries/audit.ts';
import type { AuditedEntityType } from '../db/queries/entity-states.ts';
import type { Database, KeyScope } from '../db/schema.ts';
import type { WebhookEvent } from './webhooks-events.ts';

/**
 * Who performs an action: the organisation and key behind a request, or nobody (the scheduler).
 * `requestId` ties the audit entry to the request that caused it.
 */
export interface Actor {
  organisationId: string | null;
  apiKeyId: string | null;
  keyScope: KeyScope | null;
  isAdmin: boolean;
  requestId: string | null;
  /** The person behind the request when a person signed in (a web session), recorded in the audit entry. */
  memberId?: string | null | undefined;
}

export const SCHEDULER: Actor = { organisationId: null, apiKeyId: null, keyScope: null, isAdmin: false, requestId: null };

/** One fact for the audit trail: which entity, what happened to it, its new state (see entity-states.ts). */
export interface AuditFact {
  chain: string;
  action: string;
  entityType: AuditedEntityType;
  entityId: string;
  state: unknown;
}

/**
 * What every business action receives: the transaction it runs in (locks taken through it last
 * until commit), the actor, the time of the action (read once), `record`, which appends an
 * audit entry in the same transaction and keeps its receipt, and `emit`, which writes a webhook
 * event to the outbox in the same transaction (delivered after commit; never for a rolled-back write).
 */
export interface WriteContext {
  trx: Transaction<Database>;
  actor: Actor;
  now: Date;
  record(fact: AuditFact): Promise<AuditReceipt>;
  emit(event: WebhookEvent): Promise<void>;
}

/** The actor as an organisation that must be there (every action but scheduled runs). */
export function organisationOf(actor: Actor): string {
  if (!actor.organisationId) throw new Error('this action needs an organisation');
  return actor.organisationId;
}
