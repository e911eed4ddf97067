import type { Context } from 'hono';
import {
  claimsQuery, claimSummary as claimSummaryQuery, correctionChain, listSubmissions as listSubmissionsQuery,
  pageOfClaims, pageOfResults, type RecordFilter, resultsQuery,
} from '../../db/queries/measurements.ts';
import { reviewRecords } from '../../usecases/review-records.ts';
import { perform } from '../write.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { zodProblems } from '../errors/zod-problems.ts';
import { refreshStatistics } from '../../db/queries/statistics.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import { exportOptions, streamExport } from '../csv.ts';
import { claimTable, claimView, resultTable, resultView } from './measurements.views.ts';
import type { ClaimFilters as ClaimFilterValues, ResultFilters as ResultFilterValues } from './measurements.schemas.ts';
import type * as routes from './measurements.routes.ts';
import { submit } from './submit.ts';
import { peopleByIds } from '../../db/queries/actors.ts';
import { claimKind, type MeasurementKind, resultKind } from '../../usecases/measurement-kinds.ts';
import { contractReader } from '../read-replica.ts';

export const submitClaims: AppRouteHandler<typeof routes.submitClaims> = (c) => submit(c, c.req.valid('param').id, claimKind) as never;
export const submitResults: AppRouteHandler<typeof routes.submitResults> = (c) => submit(c, c.req.valid('param').id, resultKind) as never;

export const listClaims: AppRouteHandler<typeof routes.listClaims> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, ...query } = c.req.valid('query') as ClaimFilterValues & { limit: number; cursor?: string };
  const db = await contractReader(c);
  const rows = await pageOfClaims(db, id, claimKind.toFilter(query), decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const people = await peopleByIds(db, items.map((r) => r.reviewed_by_member));
  return c.json({ items: items.map((r) => claimView(r, people)), nextCursor }, 200);
};

export const listResults: AppRouteHandler<typeof routes.listResults> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, ...query } = c.req.valid('query') as ResultFilterValues & { limit: number; cursor?: string };
  const db = await contractReader(c);
  const rows = await pageOfResults(db, id, resultKind.toFilter(query), decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const people = await peopleByIds(db, items.map((r) => r.reviewed_by_member));
  return c.json({ items: items.map((r) => resultView(r, people)), nextCursor }, 200);
};

export const exportClaims: AppRouteHandler<typeof routes.exportClaims> = async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const filter = claimKind.toFilter(query);
  const db = await contractReader(c);
  return streamExport(c, `claims-${id}`, claimTable, (after, limit) => pageOfClaims(db, id, filter, after, limit), exportOptions(query)) as never;
};

export const exportResults: AppRouteHandler<typeof routes.exportResults> = async (c) => {
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const filter = resultKind.toFilter(query);
  const db = await contractReader(c);
  return streamExport(c, `results-${id}`, resultTable, (after, limit) => pageOfResults(db, id, filter, after, limit), exportOptions(query)) as never;
};

export const claimSummary: AppRouteHandler<typeof routes.claimSummary> = async (c) => {
  const { id } = c.req.valid('param');
  const rows = await claimSummaryQuery(c.var.db, id);
  return c.json({ items: rows.map((r) => ({ outcome: r.metric, cohort: r.cohort, submitted: r.submitted, validated: r.validated, rejected: r.rejected, disputed: r.disputed, participants: r.participants })) }, 200);
};

export const listSubmissions: AppRouteHandler<typeof routes.listSubmissions> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query') as { limit: number; cursor?: string };
  const rows = await listSubmissionsQuery(c.var.db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => (r.response as { id: string }).id);
  return c.json({ items: items.map((r) => r.response as never), nextCursor }, 200);
};

export const getClaim: AppRouteHandler<typeof routes.getClaim> = async (c) => {
  const { id, recordId } = c.req.valid('param');
  const chain = await correctionChain(c.var.db, claimKind.table, id, recordId);
  if (chain.length === 0) throw new ApiError('not_found', 'No such claim in this contract.');
  const rows = await claimsQuery(c.var.db, id, { includeSuperseded: true, ids: chain }).execute();
  const people = await peopleByIds(c.var.db, rows.map((r) => r.reviewed_by_member));
  const byId = new Map(rows.map((r) => [r.id, claimView(r, people)]));
  return c.json({ record: byId.get(recordId)!, history: chain.map((h) => byId.get(h)!) }, 200);
};

export const getResult: AppRouteHandler<typeof routes.getResult> = async (c) => {
  const { id, recordId } = c.req.valid('param');
  const chain = await correctionChain(c.var.db, resultKind.table, id, recordId);
  if (chain.length === 0) throw new ApiError('not_found', 'No such result in this contract.');
  const rows = await resultsQuery(c.var.db, id, { includeSuperseded: true, ids: chain }).execute();
  const people = await peopleByIds(c.var.db, rows.map((r) => r.reviewed_by_member));
  const byId = new Map(rows.map((r) => [r.id, resultView(r, people)]));
  return c.json({ record: byId.get(recordId)!, history: chain.map((h) => byId.get(h)!) }, 200);
};

async function review(c: Context<AppEnv>, kind: MeasurementKind, id: string, body: { decision: 'validated' | 'rejected'; reason?: string | undefined; ids?: string[] | undefined; filter?: Record<string, string> | undefined }) {
  // A rejection's reason and what a filter may select are the action's rules (reviewRecords), for pages as for the API.
  if ((body.ids === undefined) === (body.filter === undefined)) {
    throw new ApiError('validation_failed', 'Give either ids or filter.', { errors: [{ location: 'body', path: 'ids', message: 'give exactly one of ids or filter' }] });
  }
  let filter: RecordFilter;
  if (body.filter) {
    const parsed = kind.filterSchema.safeParse(body.filter);
    if (!parsed.success) throw new ApiError('validation_failed', 'Invalid filter.', { errors: zodProblems(parsed.error, 'body').map((p) => ({ ...p, path: `filter.${p.path}` })) });
    filter = kind.toFilter(parsed.data);
  } else {
    filter = { includeSuperseded: true, ids: [...new Set(body.ids)] };
  }
  let reviewed = 0;
  const response = await perform(c, 200, async (ctx) => {
    const batch = await reviewRecords(ctx, { kind, contractId: id, decision: body.decision, reason: body.reason ?? null, filter, byIds: body.ids !== undefined });
    reviewed = batch.reviewed;
    return { decision: body.decision, ...batch };
  });
  if (reviewed > 0) await refreshStatistics(c.var.db, 'measurement_review', reviewed);
  return response;
}

export const reviewClaims: AppRouteHandler<typeof routes.reviewClaims> = async (c) =>
  review(c, claimKind, c.req.valid('param').id, c.req.valid('json')) as never;
export const reviewResults: AppRouteHandler<typeof routes.reviewResults> = async (c) =>
  review(c, resultKind, c.req.valid('param').id, c.req.valid('json')) as never;

