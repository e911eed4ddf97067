import type { Dispute } from '../../db/schema.ts';

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

/** A dispute as the API shows it; `participantRef` for claims (every party that reads disputes may read participant-level data). */
export function disputeView(d: Dispute, participantRef: string | null = null) {
  return {
    id: d.id,
    contractId: d.contract_id,
    kind: d.kind,
    recordId: (d.claim_id ?? d.result_id)!,
    participantRef,
    state: d.state,
    reason: d.reason,
    evidenceRef: d.evidence_ref,
    openedBy: { organisationId: d.opened_by_organisation_id, memberId: d.opened_by_member_id },
    openedAt: iso(d.opened_at),
    resolution: d.state === 'open' ? null : {
      decision: d.state as 'upheld' | 'dismissed',
      reason: d.resolution_reason!,
      resolvedBy: { organisationId: d.resolved_by_organisation_id!, memberId: d.resolved_by_member_id },
      resolvedAt: iso(d.resolved_at!),
    },
  };
}
