import { findEvaluation, listEvaluations, listObligations as listObligationsQuery, obligationsOfEvaluation } from '../../db/queries/evaluations.ts';
import type { EngineResult } from '../../domain/engine/types.ts';
import { obligationsOf, settlementsOf } from '../../db/queries/money.ts';
import { reconcile } from '../../domain/ledger/accounts.ts';
import { termsInForce } from '../../db/queries/contracts.ts';
import { dateInZone } from '../../domain/time/dates.ts';
import { type Dec, formatAmount, ZERO } from '../../domain/money/money.ts';
import { ledgerObligation, ledgerSettlement } from '../../usecases/record-settlement.ts';
import { dryRunEvaluation } from '../../jobs/evaluate-contract.ts';
import { evaluateContract } from '../../usecases/evaluate-contract.ts';
import { performResponse } from '../write.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { mayAct } from '../auth/permissions.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type * as routes from './evaluations.routes.ts';
import { evaluationSummary, obligationView, withoutParticipants } from './evaluations.views.ts';
import { contractReader } from '../read-replica.ts';

/** Parties that may not see participant-level data (investors) get explanations without it. */
function explanationFor(roles: ReadonlySet<string>, isAdmin: boolean, result: unknown) {
  return isAdmin || mayAct('measurement.read_participants', roles) ? (result as Record<string, unknown>) : withoutParticipants(result as EngineResult);
}

async function evaluationDetail(db: Kysely<Database> | Transaction<Database>, isAdmin: boolean, contractId: string, evaluationId: string, roles: ReadonlySet<string>) {
  const row = await findEvaluation(db, contractId, evaluationId);
  if (!row) throw new ApiError('not_found', 'No such evaluation of this contract.');
  const obligations = await obligationsOfEvaluation(db, evaluationId);
  return {
    ...evaluationSummary({ ...row, totals: (row.result as EngineResult).totals }),
    explanation: explanationFor(roles, isAdmin, row.result),
    obligations: obligations.map(obligationView),
  };
}

export const run: AppRouteHandler<typeof routes.run> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { contract, roles } = c.var.access;
  if (contract.status === 'draft') throw new ApiError('invalid_state', 'A draft contract has no terms in force to evaluate.');
  if (body.scenario && !body.dryRun) {
    throw new ApiError('validation_failed', 'A scenario forecast stores nothing: send dryRun: true with it.', {
      errors: [{ location: 'body', path: 'dryRun', message: 'must be true with a scenario' }],
    });
  }
  const clock = c.var.deps.clock;
  if (body.dryRun) {
    let forecast;
    try {
      forecast = await dryRunEvaluation(c.var.db, clock, { contractId: id, ...(body.asOf ? { asOf: body.asOf } : {}), ...(body.scenario ? { scenario: body.scenario } : {}) });
    } catch (error) {
      if (body.scenario && error instanceof Error && /scenario/i.test(error.message)) {
        throw new ApiError('validation_failed', error.message, { errors: [{ location: 'body', path: 'scenario', message: error.message }] });
      }
      throw error;
    }
    if (!forecast) throw new ApiError('invalid_state', 'The contract has no terms in force.');
    return c.json({
      status: 'dry_run' as const,
      evaluation: null,
      forecast: {
        asOf: forecast.asOf, contractVersion: forecast.versionNumber, scenario: body.scenario ?? null, dataDigest: forecast.dataDigest,
        result: explanationFor(roles, c.var.principal.isAdmin, forecast.result),
      },
    }, 200);
  }
  return performResponse(c, async (ctx) => {
    const outcome = await evaluateContract(ctx, { contractId: id, trigger: 'manual', lock: 'wait', ...(body.asOf ? { asOf: body.asOf } : {}) });
    if (outcome.status === 'skipped') throw new ApiError('invalid_state', `The contract cannot be evaluated (${outcome.reason}).`);
    const evaluation = await evaluationDetail(ctx.trx, c.var.principal.isAdmin, id, outcome.evaluationId, roles);
    return { status: outcome.status === 'created' ? 201 : 200, body: { status: outcome.status, evaluation, forecast: null } };
  }) as never;
};

export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const rows = await listEvaluations(await contractReader(c), id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  return c.json({
    items: items.map(evaluationSummary),
    nextCursor,
  }, 200);
};

export const get: AppRouteHandler<typeof routes.get> = async (c) => {
  const { id, evaluationId } = c.req.valid('param');
  const { roles } = c.var.access;
  return c.json(await evaluationDetail(c.var.db, c.var.principal.isAdmin, id, evaluationId, roles) as never, 200);
};

export const listObligations: AppRouteHandler<typeof routes.listObligations> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const db = await contractReader(c);
  const rows = await listObligationsQuery(db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const all = await obligationsOf(db, id);
  const currency = c.var.access.contract.currency;
  const terms = await termsInForce(db, id);
  const today = dateInZone(c.var.deps.clock(), terms?.definition.evaluation.timeZone ?? 'UTC');
  const ledger = reconcile(all.map(ledgerObligation), (await settlementsOf(db, id)).map(ledgerSettlement), today);
  const amount = (d: Dec) => formatAmount(d, currency);
  return c.json({
    items: items.map((o) => {
      const line = ledger.lines.get(o.line_key)!;
      return {
        ...obligationView(o), settled: amount(ledger.settledOn.get(o.id) ?? ZERO),
        line: { triggered: amount(line.triggered), credited: amount(line.credited), settled: amount(line.settled), outstanding: amount(line.outstanding) },
      };
    }),
    nextCursor,
    accounts: ledger.accounts.map((a) => ({
      payerOrganisationId: a.payer, recipientOrganisationId: a.recipient, triggered: amount(a.triggered), credits: amount(a.credits),
      settled: amount(a.settled), outstanding: amount(a.outstanding), owedBack: amount(a.owedBack), overdue: amount(a.overdue),
    })),
  }, 200);
};
