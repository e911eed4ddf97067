import { contractPermissions, type ContractAction } from '../api/auth/permissions.ts';
import { type Exec } from '../db/queries/audit.ts';
import { insertOutboxEvent } from '../db/queries/webhooks.ts';

/**
 * The events a webhook endpoint can subscribe to, who may receive each, and what each carries.
 *
 * Who: the parties to the contract whose roles allow the API action that shows the same facts
 * (permissions.ts, the one table every contract route checks), so a webhook never tells an
 * organisation what the API would not show it. A proposed version goes only to the organisations
 * whose approval it needs. Events outside a contract (a platform audit chain) go to the platform.
 *
 * What: identifiers, references, counts and amounts every recipient may read through the API, and
 * links to the API resources (paths, relative to the service's base URL). Never participant-level
 * data: investors may receive any of these events.
 */
export const WEBHOOK_EVENTS = {
  'contract.version_proposed': { action: 'contract.approve', summary: 'A version of a contract (original or amendment) awaits your approval' },
  'contract.version_in_force': { action: 'contract.read', summary: 'A version came into force (every required party approved it)' },
  'data.submitted': { action: 'measurement.read', summary: 'The operator submitted outcome data (counts only)' },
  'data.reviewed': { action: 'measurement.read', summary: 'An evaluator validated or rejected outcome records (counts only)' },
  'evaluation.completed': { action: 'evaluation.read', summary: 'An evaluation was stored (manual or scheduled)' },
  'obligation.created': { action: 'evaluation.read', summary: 'An evaluation created a payment obligation or an adjustment' },
  'obligation.overdue': { action: 'status.read', summary: 'An obligation passed its due date with something still unpaid (once per obligation)' },
  'settlement.recorded': { action: 'status.read', summary: 'The payer recorded a settlement of an obligation' },
  'audit.verification_failed': { action: 'audit.read', summary: "A verification of a contract's audit trail found a problem" },
  'dispute.opened': { action: 'dispute.read', summary: "The operator disputed an evaluator's rejection of a record (sent to the outcome payers and evaluators)" },
  'dispute.resolved': { action: 'dispute.read', summary: 'An evaluator upheld (the record is now validated) or dismissed a dispute' },
} as const satisfies Record<string, { action: ContractAction; summary: string }>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];

export interface PartyRef { party: string; organisationId: string }

export interface WebhookEventData {
  'contract.version_proposed': { contractId: string; reference: string; versionId: string; versionNumber: number; kind: 'original' | 'amendment'; contentHash: string; proposedBy: string };
  'contract.version_in_force': { contractId: string; reference: string; versionId: string; versionNumber: number; contentHash: string };
  'data.submitted': { contractId: string; submissionId: string; kind: 'participant_claims' | 'aggregate_results'; rows: number; corrections: number; contractVersion: number };
  'data.reviewed': { contractId: string; batchId: string; kind: 'participant_claims' | 'aggregate_results'; decision: 'validated' | 'rejected'; records: number };
  'evaluation.completed': { contractId: string; evaluationId: string; trigger: 'manual' | 'scheduled'; asOf: string; obligations: number };
  'obligation.created': {
    contractId: string; obligationId: string; evaluationId: string; kind: 'payment' | 'adjustment'; amount: string; currency: string; dueOn: string;
    payer: PartyRef; recipient: PartyRef;
  };
  'obligation.overdue': {
    contractId: string; obligationId: string; amount: string; outstanding: string; currency: string; dueOn: string; payer: PartyRef; recipient: PartyRef;
  };
  'settlement.recorded': { contractId: string; settlementId: string; obligationId: string; amount: string; currency: string; settledOn: string };
  'audit.verification_failed': { chain: string; contractId: string | null; firstProblem: string };
  'dispute.opened': { contractId: string; disputeId: string; kind: 'participant_claims' | 'aggregate_results'; recordId: string; evidenceRef: string };
  'dispute.resolved': { contractId: string; disputeId: string; kind: 'participant_claims' | 'aggregate_results'; recordId: string; decision: 'upheld' | 'dismissed' };
}

/** An event as an action emits it. `organisations` narrows the recipients further; `dedupeKey` makes it once-only. */
export type WebhookEvent = {
  [T in WebhookEventType]: { type: T; data: WebhookEventData[T]; organisations?: readonly string[]; dedupeKey?: string };
}[WebhookEventType];

/** Links to the API resources an event is about. */
export function linksOf(event: WebhookEvent): Record<string, string> {
  const d = event.data as Record<string, unknown>;
  const contract = typeof d.contractId === 'string' ? `/v1/contracts/${d.contractId}` : null;
  const links: Record<string, string> = contract ? { contract } : {};
  switch (event.type) {
    case 'contract.version_proposed':
    case 'contract.version_in_force':
      links.version = `${contract}/versions/${event.data.versionNumber}`;
      if (event.type === 'contract.version_proposed') links.approve = `${contract}/approvals`;
      break;
    case 'data.submitted': links.submissions = `${contract}/submissions`; break;
    case 'data.reviewed': links.records = `${contract}/${event.data.kind === 'participant_claims' ? 'claims' : 'results'}`; break;
    case 'evaluation.completed': links.evaluation = `${contract}/evaluations/${event.data.evaluationId}`; break;
    case 'obligation.created':
    case 'obligation.overdue':
      links.obligations = `${contract}/obligations`;
      links.statement = `${contract}/obligations/${event.data.obligationId}/statement`;
      links.status = `${contract}/status`;
      break;
    case 'settlement.recorded': links.settlements = `${contract}/settlements`; links.status = `${contract}/status`; break;
    case 'audit.verification_failed': if (contract) links.verify = `${contract}/audit/verify`; break;
    case 'dispute.opened':
    case 'dispute.resolved':
      links.dispute = `${contract}/disputes/${event.data.disputeId}`;
      links.record = `${contract}/${event.data.kind === 'participant_claims' ? 'claims' : 'results'}/${event.data.recordId}`;
      break;
  }
  return links;
}

/** Writes an event to the outbox through `exec` (the caller's transaction): see insertOutboxEvent. */
export async function emitWebhookEvent(exec: Exec, now: Date, event: WebhookEvent): Promise<string | null> {
  const d = event.data as { contractId?: string | null };
  const contractId = d.contractId ?? null;
  const timestamp = now.toISOString();
  return insertOutboxEvent(exec, {
    type: event.type,
    contractId,
    occurredAt: now,
    roles: contractPermissions[WEBHOOK_EVENTS[event.type].action],
    organisations: event.organisations,
    dedupeKey: event.dedupeKey,
    payload: (id) => ({ id, type: event.type, timestamp, contractId, data: event.data, links: linksOf(event) }),
  });
}
