import { type Kysely, sql } from 'kysely';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { ENGINE_VERSION, evaluate } from '../domain/engine/index.ts';
import { dateInZone } from '../domain/time/dates.ts';
import { formatAmount } from '../domain/money/money.ts';
import { findIdenticalEvaluation, insertEvaluation, loadEvaluationData, nextLedgerSequence, type StoredObligation } from '../db/queries/evaluations.ts';
import type { Database } from '../db/schema.ts';
import { STORED_PARTICIPANTS_PER_SCOPE, storedExplanation } from '../jobs/stored-explanation.ts';
import { auditedRow } from '../db/queries/entity-states.ts';
import type { WriteContext } from './context.ts';

/**
 * Running one evaluation of one contract: read the data as known now, run the engine, store the
 * evaluation and the obligations it creates — in the caller's transaction, holding the contract
 * row lock, so two evaluations of a contract never compute from the same prior obligations, and
 * uploads, reviews and drawdowns wait for it (which makes "as known at ledger number N" exact).
 * Called by the API (manual runs) and the scheduler (scheduled runs, skipping a contract another
 * runner holds).
 */

export interface EvaluationRequest {
  contractId: string;
  trigger: 'manual' | 'scheduled';
  /** The scheduled instant this run stands for (scheduled runs: unique per contract). */
  scheduledFor?: Date;
  /** Cut-off date; default: today (scheduled: the scheduled instant's date) in the contract's time zone. */
  asOf?: string;
  /** 'wait' for the contract lock (manual runs); 'skip' if another runner holds it (the scheduler). */
  lock: 'wait' | 'skip';
}

export type EvaluationOutcome =
  | { status: 'created'; evaluationId: string }
  | { status: 'unchanged'; evaluationId: string }
  | { status: 'skipped'; reason: 'locked' | 'already-evaluated' | 'not-active' | 'missing' };

interface LockedContract {
  status: string;
  version_id: string | null;
  content_hash: string | null;
  definition: ContractDefinition | null;
  party_organisations: Record<string, string> | null;
}

async function lockContract(db: Kysely<Database>, contractId: string, mode: 'wait' | 'skip'): Promise<LockedContract | 'locked' | undefined> {
  const lock = mode === 'skip' ? sql`for update of c skip locked` : sql`for update of c`;
  const { rows } = await sql<LockedContract>`
    select c.status, v.id as version_id, v.content_hash, v.definition, v.party_organisations
    from contract c left join contract_version v on v.contract_id = c.id and v.status = 'in_force'
    where c.id = ${contractId} ${lock}`.execute(db);
  if (rows[0]) return rows[0];
  if (mode === 'skip') {
    const exists = await db.selectFrom('contract').select('id').where('id', '=', contractId).executeTakeFirst();
    return exists ? 'locked' : undefined;
  }
  return undefined;
}

export async function evaluateContract(ctx: WriteContext, request: EvaluationRequest): Promise<EvaluationOutcome> {
  const { trx } = ctx;
  {
    const contract = await lockContract(trx, request.contractId, request.lock);
    if (contract === undefined) return { status: 'skipped', reason: 'missing' };
    if (contract === 'locked') return { status: 'skipped', reason: 'locked' };
    const evaluable = request.trigger === 'scheduled' ? contract.status === 'active' : contract.status !== 'draft';
    if (!evaluable || !contract.version_id || !contract.definition) return { status: 'skipped', reason: 'not-active' };
    if (request.scheduledFor) {
      const done = await trx.selectFrom('evaluation').select('id')
        .where('contract_id', '=', request.contractId).where('scheduled_for', '=', request.scheduledFor).executeTakeFirst();
      if (done) return { status: 'skipped', reason: 'already-evaluated' };
    }
    const definition = contract.definition;
    const knownAt = ctx.now;
    const sequence = await nextLedgerSequence(trx);
    const asOf = request.asOf ?? dateInZone(request.scheduledFor ?? knownAt, definition.evaluation.timeZone);
    // N taken under the contract lock (lockContract above)
    const data = await loadEvaluationData(trx, { contractId: request.contractId, asOf, sequence, versionHash: contract.content_hash!, underContractLock: true });
    if (request.trigger === 'manual') {
      const identical = await findIdenticalEvaluation(trx, request.contractId, contract.version_id, asOf, data.digest);
      if (identical) return { status: 'unchanged', evaluationId: identical.id };
    }
    const result = evaluate({
      definition, asOf, claims: data.claims, results: data.results, priorObligations: data.priorObligations, drawdowns: data.drawdowns,
      detailLimit: STORED_PARTICIPANTS_PER_SCOPE,
    });
    const bindings = contract.party_organisations!;
    const obligations: StoredObligation[] = result.obligations.map((o) => ({
      lineKey: o.lineKey, ruleKey: o.ruleKey, scope: o.scope, payerParty: o.payer, payerOrganisationId: bindings[o.payer]!,
      recipientParty: o.recipient, recipientOrganisationId: bindings[o.recipient]!, amount: o.amount, currency: o.currency,
      dueOn: o.dueOn, kind: o.kind, corrects: o.corrects,
    }));
    const { obligations: _, ...explanation } = storedExplanation(result);
    const { evaluationId, obligationIds } = await insertEvaluation(trx, {
      contractId: request.contractId, versionId: contract.version_id, trigger: request.trigger,
      scheduledFor: request.scheduledFor ?? null, asOf, knownAt, sequence, dataDigest: data.digest, priorObligationsDigest: data.priorObligationsDigest, dataCounts: data.counts,
      engineVersion: ENGINE_VERSION, result: explanation, requestedBy: ctx.actor.organisationId,
      apiKeyId: ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, createdAt: knownAt,
    }, obligations);
    const stored = await trx.selectFrom('evaluation').selectAll().where('id', '=', evaluationId).executeTakeFirstOrThrow();
    await ctx.record({ chain: request.contractId, action: 'evaluation.created', entityType: 'evaluation', entityId: evaluationId, state: auditedRow(stored) });
    const rows = obligationIds.length === 0 ? [] : await trx.selectFrom('obligation').selectAll().where('id', 'in', obligationIds).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of obligationIds) {
      await ctx.record({ chain: request.contractId, action: 'obligation.created', entityType: 'obligation', entityId: id, state: byId.get(id)! });
    }
    await ctx.emit({
      type: 'evaluation.completed',
      data: { contractId: request.contractId, evaluationId, trigger: request.trigger, asOf, obligations: obligationIds.length },
    });
    for (const id of obligationIds) {
      const o = byId.get(id)!;
      await ctx.emit({
        type: 'obligation.created',
        data: {
          contractId: request.contractId, obligationId: id, evaluationId, kind: o.kind, amount: formatAmount(o.amount, o.currency), currency: o.currency,
          dueOn: o.due_on, payer: { party: o.payer_party, organisationId: o.payer_organisation_id },
          recipient: { party: o.recipient_party, organisationId: o.recipient_organisation_id },
        },
      });
    }
    return { status: 'created', evaluationId };
  }
}

