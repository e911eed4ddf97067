import type { Context } from 'hono';
import { findEvaluation, obligationsOfEvaluation } from '../../db/queries/evaluations.ts';
import { obligationsOf } from '../../db/queries/money.ts';
import { statementOfEvaluation, statementOfLine, statementRows, type LineStatement, type StatementSource } from '../../domain/engine/statement.ts';
import type { EngineResult } from '../../domain/engine/types.ts';
import { Dec } from '../../domain/money/money.ts';
import type { AppEnv } from '../context.ts';
import { csvField, line } from '../csv.ts';
import { ApiError } from '../errors/api-error.ts';
import type { AppRouteHandler } from '../router.ts';
import { obligationView } from './evaluations.views.ts';
import type * as routes from './statements.routes.ts';

type Db = AppEnv['Variables']['db'];

async function storedEvaluation(db: Db, contractId: string, evaluationId: string) {
  const row = await findEvaluation(db, contractId, evaluationId);
  if (!row) throw new ApiError('not_found', 'No such evaluation of this contract.');
  return { row, result: row.result as unknown as StatementSource & Pick<EngineResult, 'asOf' | 'totals'> };
}

/** The statement of an obligation: its line in the evaluation that created it, and the obligations it corrects. */
async function paymentStatement(db: Db, contractId: string, obligationId: string) {
  const all = await obligationsOf(db, contractId);
  const obligation = all.find((o) => o.id === obligationId);
  if (!obligation) throw new ApiError('not_found', 'No such obligation of this contract.');
  const { result } = await storedEvaluation(db, contractId, obligation.evaluation_id);
  const statement = statementOfLine(result, obligation.line_key);
  // the statement is computed from the explanation stored with the obligation: it must end where the obligation does
  if (!new Dec(statement.amount).eq(obligation.amount)) {
    throw new Error(`Statement of obligation ${obligation.id} ends at ${statement.amount}, not at its amount ${obligation.amount}`);
  }
  const corrected = new Set(obligation.corrects);
  const previous = all.filter((o) => corrected.has(o.id));
  return { obligation, result, statement, previous };
}

export const obligationStatement: AppRouteHandler<typeof routes.obligationStatement> = async (c) => {
  const { id, obligationId } = c.req.valid('param');
  const { obligation, result, statement, previous } = await paymentStatement(c.var.db, id, obligationId);
  return c.json({
    contractId: id,
    evaluationId: obligation.evaluation_id,
    asOf: result.asOf,
    currency: result.currency,
    obligation: obligationView(obligation),
    previousObligations: previous.map((o) => ({
      id: o.id, evaluationId: o.evaluation_id, kind: o.kind, amount: o.amount, dueOn: o.due_on, createdAt: o.created_at.toISOString(),
    })),
    line: statement,
  }, 200);
};

export const evaluationStatement: AppRouteHandler<typeof routes.evaluationStatement> = async (c) => {
  const { id, evaluationId } = c.req.valid('param');
  const { result, lines } = await evaluationLines(c.var.db, id, evaluationId);
  const { totals } = result;
  return c.json({
    contractId: id, evaluationId, asOf: result.asOf, currency: result.currency, lines,
    totals: { entitled: totals.entitled, previouslyObligated: totals.previouslyObligated, newObligations: totals.newObligations },
  }, 200);
};

async function evaluationLines(db: Db, contractId: string, evaluationId: string) {
  const { result } = await storedEvaluation(db, contractId, evaluationId);
  const created = new Map((await obligationsOfEvaluation(db, evaluationId)).map((o) => [o.line_key, o.id]));
  const lines = statementOfEvaluation(result).map((s) => ({ ...s, obligationId: created.get(s.lineKey) ?? null }));
  return { result, lines };
}

// ---- CSV

const CSV_HEADER = [
  'evaluation_id', 'obligation_id', 'line_key', 'rule', 'scope', 'payer', 'kind', 'item', 'unit', 'quantity', 'unit_price', 'label', 'limit',
  'amount', 'running_total', 'currency',
];

function statementCsv(evaluationId: string, lines: readonly (LineStatement & { obligationId: string | null })[]): string {
  let out = line(CSV_HEADER);
  for (const s of lines) {
    for (const r of statementRows(s)) {
      out += line([
        csvField(evaluationId), csvField(s.obligationId), csvField(r.lineKey), csvField(r.ruleKey), csvField(r.scope), csvField(r.payer), csvField(r.kind),
        csvField(r.item), csvField(r.unit), csvField(r.quantity, false), csvField(r.unitPrice, false), csvField(r.label), csvField(r.limit, false),
        csvField(r.amount, false), csvField(r.total, false), csvField(s.currency),
      ]);
    }
  }
  return out;
}

const csvResponse = (c: Context<AppEnv>, filename: string, text: string) =>
  c.body(text, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });

export const exportObligationStatement: AppRouteHandler<typeof routes.exportObligationStatement> = async (c) => {
  const { id, obligationId } = c.req.valid('param');
  const { obligation, statement } = await paymentStatement(c.var.db, id, obligationId);
  return csvResponse(c, `statement-${obligationId}.csv`, statementCsv(obligation.evaluation_id, [{ ...statement, obligationId }])) as never;
};

export const exportEvaluationStatement: AppRouteHandler<typeof routes.exportEvaluationStatement> = async (c) => {
  const { id, evaluationId } = c.req.valid('param');
  const { lines } = await evaluationLines(c.var.db, id, evaluationId);
  return csvResponse(c, `statement-evaluation-${evaluationId}.csv`, statementCsv(evaluationId, lines)) as never;
};
