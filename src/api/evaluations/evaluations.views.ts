import type { EngineResult } from '../../domain/engine/types.ts';
import type { Evaluation as EvaluationRow, Obligation } from '../../db/schema.ts';

export const obligationView = (o: Obligation) => ({
  id: o.id,
  evaluationId: o.evaluation_id,
  lineKey: o.line_key,
  ruleKey: o.rule_key,
  scope: o.scope,
  payer: { party: o.payer_party, organisationId: o.payer_organisation_id },
  recipient: { party: o.recipient_party, organisationId: o.recipient_organisation_id },
  amount: o.amount,
  currency: o.currency,
  dueOn: o.due_on,
  kind: o.kind,
  corrects: o.corrects,
  createdAt: o.created_at.toISOString(),
});

/** Removes every participant-level detail from an explanation (for parties that may only see aggregates). */
export function withoutParticipants(result: EngineResult | Record<string, unknown>): Record<string, unknown> {
  const r = result as EngineResult;
  return {
    ...r,
    rules: r.rules.map((rule) => ({
      ...rule,
      scopes: rule.scopes.map(({ participants, ...scope }) => ({
        ...scope,
        inputs: Object.fromEntries(Object.entries(scope.inputs).filter(([key]) => !/claim|participant/i.test(key) || key === 'participantsNotListed')),
        ...(participants ? { participantsWithExceptions: participants.length } : {}),
      })),
    })),
  };
}

type SummaryFields = 'id' | 'trigger' | 'scheduled_for' | 'as_of' | 'known_at' | 'ledger_seq' | 'data_digest' | 'data_counts' | 'engine_version' | 'requested_by_organisation_id' | 'member_id' | 'created_at';

/** An evaluation without its explanation: its totals as stored (the list reads only them from the result). */
export function evaluationSummary(e: Pick<EvaluationRow, SummaryFields> & { version_number: number; totals: unknown; member_name: string | null }) {
  return {
    id: e.id,
    trigger: e.trigger,
    scheduledFor: e.scheduled_for?.toISOString() ?? null,
    asOf: e.as_of,
    knownAt: e.known_at.toISOString(),
    ledgerSequence: e.ledger_seq,
    contractVersion: e.version_number,
    dataDigest: e.data_digest,
    dataCounts: e.data_counts,
    engineVersion: e.engine_version,
    requestedBy: e.requested_by_organisation_id,
    requestedByPerson: e.member_id ? { id: e.member_id, name: e.member_name ?? '' } : null,
    createdAt: e.created_at.toISOString(),
    totals: e.totals as EngineResult['totals'],
  };
}
