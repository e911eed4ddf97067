import type { Context } from 'hono';
import { findEvaluation, obligationsOfEvaluation } from '../../db/queries/evaluations.ts';
import { obligationsOf } from '../../db/queries/money.ts';
import {
  statementOfEvaluation, statementOfLine, statementRows, type LineStatement, type StatementRow, type StatementSource,
} from '../../domain/engine/statement.ts';
import type { EngineResult } from '../../domain/engine/types.ts';
import { Dec } from '../../domain/money/money.ts';
import type { AppEnv } from '../context.ts';
import { type ExportOptions, type ExportTable, exportOptions, streamExport } from '../csv.ts';
import { ApiError } from '../errors/api-error.ts';
import type { AppRouteHandler } from '../router.ts';
import { obligationView } from './evaluations.views.ts';
import type * as routes from './statements.routes.ts';
import { contractReader } from '../read-replica.ts';

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

/** The lines of an evaluation's payment statement, each with the obligation it created (the API's statement route and the workspace's statement page). */
export async function evaluationLines(db: Db, contractId: string, evaluationId: string) {
  const { result } = await storedEvaluation(db, contractId, evaluationId);
  const created = new Map((await obligationsOfEvaluation(db, evaluationId)).map((o) => [o.line_key, o.id]));
  const lines = statementOfEvaluation(result).map((s) => ({ ...s, obligationId: created.get(s.lineKey) ?? null }));
  return { result, lines };
}

// ---- CSV and XLSX, as every export (src/api/csv.ts)

type Row = StatementRow & { id: string; evaluationId: string; obligationId: string | null; currency: string };

const STATEMENT_TABLE: ExportTable<Row> = {
  columns: [
    { name: 'evaluation_id', kind: 'text' }, { name: 'obligation_id', kind: 'text' }, { name: 'line_key', kind: 'text' }, { name: 'rule', kind: 'text' },
    { name: 'scope', kind: 'text' }, { name: 'payer', kind: 'text' }, { name: 'kind', kind: 'text' }, { name: 'item', kind: 'text' },
    { name: 'unit', kind: 'text' }, { name: 'quantity', kind: 'decimal' }, { name: 'unit_price', kind: 'decimal' }, { name: 'label', kind: 'text' },
    { name: 'limit', kind: 'decimal' }, { name: 'amount', kind: 'decimal' }, { name: 'running_total', kind: 'decimal' }, { name: 'currency', kind: 'text' },
  ],
  values: (r) => [
    r.evaluationId, r.obligationId, r.lineKey, r.ruleKey, r.scope, r.payer, r.kind, r.item, r.unit, r.quantity, r.unitPrice, r.label, r.limit,
    r.amount, r.total, r.currency,
  ],
};

/** The statements laid flat, a row per item, cap and step; the rows are in memory (a statement is small), served like any export. */
function exportStatement(
  c: Context<AppEnv>, basename: string, evaluationId: string, lines: readonly (LineStatement & { obligationId: string | null })[], options: ExportOptions,
) {
  const rows: Row[] = [];
  for (const s of lines) {
    for (const r of statementRows(s)) rows.push({ ...r, id: String(rows.length).padStart(12, '0'), evaluationId, obligationId: s.obligationId, currency: s.currency });
  }
  const page = async (after: string | undefined, limit: number) => {
    const from = after === undefined ? 0 : Number(after) + 1;
    return rows.slice(from, from + limit);
  };
  return streamExport(c, basename, STATEMENT_TABLE, page, options);
}

export const exportObligationStatement: AppRouteHandler<typeof routes.exportObligationStatement> = async (c) => {
  const { id, obligationId } = c.req.valid('param');
  const { obligation, statement } = await paymentStatement(await contractReader(c), id, obligationId);
  return exportStatement(c, `statement-${obligationId}`, obligation.evaluation_id, [{ ...statement, obligationId }], exportOptions(c.req.valid('query'))) as never;
};

export const exportEvaluationStatement: AppRouteHandler<typeof routes.exportEvaluationStatement> = async (c) => {
  const { id, evaluationId } = c.req.valid('param');
  const { lines } = await evaluationLines(await contractReader(c), id, evaluationId);
  return exportStatement(c, `statement-evaluation-${evaluationId}`, evaluationId, lines, exportOptions(c.req.valid('query'))) as never;
};
