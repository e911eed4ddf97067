import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import { evaluate, scenarioData } from '../domain/engine/index.ts';
import type { EngineResult } from '../domain/engine/types.ts';
import { dateInZone } from '../domain/time/dates.ts';
import { loadEvaluationData, nextLedgerSequence } from '../db/queries/evaluations.ts';
import { termsInForce } from '../db/queries/contracts.ts';
import type { Database } from '../db/schema.ts';
import { SCHEDULER } from '../usecases/context.ts';
import { evaluateContract, type EvaluationOutcome, type EvaluationRequest } from '../usecases/evaluate-contract.ts';
import { runWrite } from '../usecases/run-write.ts';
import { STORED_PARTICIPANTS_PER_SCOPE, storedExplanation } from './stored-explanation.ts';

export { STORED_PARTICIPANTS_PER_SCOPE, storedExplanation };
export type { EvaluationOutcome, EvaluationRequest };

/** A scheduled evaluation: the evaluate-contract action as one write by the scheduler. */
export async function runScheduledEvaluation(db: Kysely<Database>, clock: Clock, request: Omit<EvaluationRequest, 'trigger' | 'lock'>): Promise<EvaluationOutcome> {
  const { response } = await runWrite(db, { actor: SCHEDULER, clock }, async (ctx) => ({
    status: 200, body: await evaluateContract(ctx, { ...request, trigger: 'scheduled', lock: 'skip' }),
  }));
  return response.body as EvaluationOutcome;
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
