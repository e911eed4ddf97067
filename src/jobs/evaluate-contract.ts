import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { ENGINE_VERSION, evaluate, scenarioData } from '../domain/engine/index.ts';
import type { EngineResult } from '../domain/engine/types.ts';
import { dateInZone } from '../domain/time/dates.ts';
import {
  findIdenticalEvaluation, insertEvaluation, loadEvaluationData, nextLedgerSequence, type StoredObligation,
} from '../db/queries/evaluations.ts';
import { appendAudit, kyselyExec } from '../db/queries/audit.ts';
import { termsInForce } from '../db/queries/contracts.ts';
import type { Database } from '../db/schema.ts';

/**
 * Running one evaluation of one contract: read the data as known now, run the engine, store the
 * evaluation and the obligations it creates — in one transaction holding the contract row lock,
 * so two evaluations of a contract never compute from the same prior obligations, and uploads,
 * reviews and drawdowns wait for it (which makes "as known at ledger number N" exact).
 */

export interface EvaluationRequest {
  contractId: string;
  trigger: 'manual' | 'scheduled';
  /** The scheduled instant this run stands for (scheduled runs: unique per contract). */
  scheduledFor?: Date;
  /** Cut-off date; default: today (scheduled: the scheduled instant's date) in the contract's time zone. */
  asOf?: string;
  requestedBy?: { organisationId: string; keyId: string; requestId?: string };
  /** 'wait' for the contract lock (manual runs); 'skip' if another runner holds it (the scheduler). */
  lock: 'wait' | 'skip';
}

export type EvaluationOutcome =
  | { status: 'created'; evaluationId: string }
  | { status: 'unchanged'; evaluationId: string }
  | { status: 'skipped'; reason: 'locked' | 'already-evaluated' | 'not-active' | 'missing' };

/**
 * Participants and record ids listed per scope in a stored explanation; the rest are counted.
 * Everything an evaluation considered stays reproducible from its ledger sequence number.
 */
export const STORED_PARTICIPANTS_PER_SCOPE = 1000;

export function storedExplanation(result: EngineResult): EngineResult {
  return {
    ...result,
    rules: result.rules.map((rule) => ({
      ...rule,
      scopes: rule.scopes.map((scope) => {
        const inputs: Record<string, string | number | string[]> = {};
        for (const [key, value] of Object.entries(scope.inputs)) {
          if (Array.isArray(value) && value.length > STORED_PARTICIPANTS_PER_SCOPE) {
            inputs[key] = value.slice(0, STORED_PARTICIPANTS_PER_SCOPE);
            inputs[`${key}NotListed`] = value.length - STORED_PARTICIPANTS_PER_SCOPE;
          } else inputs[key] = value;
        }
        if (!scope.participants || scope.participants.length <= STORED_PARTICIPANTS_PER_SCOPE) return { ...scope, inputs };
        return {
          ...scope,
          participants: scope.participants.slice(0, STORED_PARTICIPANTS_PER_SCOPE),
          inputs: { ...inputs, participantsNotListed: scope.participants.length - STORED_PARTICIPANTS_PER_SCOPE },
        };
      }),
    })),
  };
}

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

export async function runEvaluation(db: Kysely<Database>, clock: Clock, request: EvaluationRequest): Promise<EvaluationOutcome> {
  return db.transaction().execute(async (trx) => {
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
    const knownAt = clock();
    const sequence = await nextLedgerSequence(trx);
    const asOf = request.asOf ?? dateInZone(request.scheduledFor ?? knownAt, definition.evaluation.timeZone);
    const data = await loadEvaluationData(trx, { contractId: request.contractId, asOf, sequence, versionHash: contract.content_hash! });
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
      engineVersion: ENGINE_VERSION, result: explanation, requestedBy: request.requestedBy?.organisationId ?? null,
      apiKeyId: request.requestedBy?.keyId ?? null, createdAt: knownAt,
    }, obligations);
    const exec = kyselyExec(trx);
    const actor = { organisationId: request.requestedBy?.organisationId ?? null, apiKeyId: request.requestedBy?.keyId ?? null, requestId: request.requestedBy?.requestId ?? null, recordedAt: knownAt };
    await appendAudit(exec, {
      ...actor, chain: request.contractId, action: 'evaluation.created', entityType: 'evaluation', entityId: evaluationId,
      state: {
        trigger: request.trigger, scheduledFor: request.scheduledFor?.toISOString() ?? null, asOf, ledgerSequence: sequence, dataDigest: data.digest,
        priorObligationsDigest: data.priorObligationsDigest, engineVersion: ENGINE_VERSION, totals: result.totals,
      },
    });
    for (const [i, o] of obligations.entries()) {
      await appendAudit(exec, {
        ...actor, chain: request.contractId, action: 'obligation.created', entityType: 'obligation', entityId: obligationIds[i]!,
        state: { evaluationId, ...o },
      });
    }
    return { status: 'created', evaluationId };
  });
}

/** A forecast or what-if: the engine on the data as known now (or on a scenario), storing nothing. */
export async function dryRunEvaluation(
  db: Kysely<Database>,
  clock: Clock,
  request: { contractId: string; asOf?: string; scenario?: string },
): Promise<{ result: EngineResult; asOf: string; dataDigest: string | null; versionNumber: number } | undefined> {
  const terms = await termsInForce(db, request.contractId);
  if (!terms) return undefined;
  const { definition, contentHash, number: versionNumber } = terms;
  const knownAt = clock();
  const asOf = request.asOf ?? dateInZone(knownAt, definition.evaluation.timeZone);
  if (request.scenario) {
    const data = scenarioData(definition, request.scenario, asOf);
    return { result: storedExplanation(evaluate({ definition, asOf, ...data, priorObligations: [], drawdowns: [], detailLimit: STORED_PARTICIPANTS_PER_SCOPE })), asOf, dataDigest: null, versionNumber };
  }
  // A dry run reads what is committed now: every fact numbered so far.
  const data = await loadEvaluationData(db, { contractId: request.contractId, asOf, sequence: await nextLedgerSequence(db), versionHash: contentHash });
  const result = storedExplanation(evaluate({ definition, asOf, claims: data.claims, results: data.results, priorObligations: data.priorObligations, drawdowns: data.drawdowns, detailLimit: STORED_PARTICIPANTS_PER_SCOPE }));
  return { result, asOf, dataDigest: data.digest, versionNumber };
}
