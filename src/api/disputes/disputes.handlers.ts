import { contestedReview, disputeAuditEntries, findDispute, pageOfDisputes, participantRefs } from '../../db/queries/disputes.ts';
import { openDispute as openAction } from '../../usecases/open-dispute.ts';
import { resolveDispute as resolveAction } from '../../usecases/resolve-dispute.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import { perform } from '../write.ts';
import type * as routes from './disputes.routes.ts';
import { disputeView } from './disputes.views.ts';

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

export const openDispute: AppRouteHandler<typeof routes.openDispute> = async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const dispute = await openAction(ctx, { contractId: id, ...input });
    const refs = await participantRefs(ctx.trx, dispute.claim_id ? [dispute.claim_id] : []);
    return disputeView(dispute, dispute.claim_id ? refs.get(dispute.claim_id) ?? null : null);
  }) as never;
};

export const resolveDispute: AppRouteHandler<typeof routes.resolveDispute> = async (c) => {
  const { id, disputeId } = c.req.valid('param');
  const input = c.req.valid('json');
  return perform(c, 200, async (ctx) => {
    const dispute = await resolveAction(ctx, { contractId: id, disputeId, ...input });
    const refs = await participantRefs(ctx.trx, dispute.claim_id ? [dispute.claim_id] : []);
    return disputeView(dispute, dispute.claim_id ? refs.get(dispute.claim_id) ?? null : null);
  }) as never;
};

export const listDisputes: AppRouteHandler<typeof routes.listDisputes> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor, ...filter } = c.req.valid('query');
  const rows = await pageOfDisputes(c.var.db, id, filter, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const refs = await participantRefs(c.var.db, items.flatMap((d) => (d.claim_id ? [d.claim_id] : [])));
  return c.json({ items: items.map((d) => disputeView(d, d.claim_id ? refs.get(d.claim_id) ?? null : null)), nextCursor }, 200);
};

export const getDispute: AppRouteHandler<typeof routes.getDispute> = async (c) => {
  const { id, disputeId } = c.req.valid('param');
  const db = c.var.db;
  const dispute = await findDispute(db, id, disputeId);
  if (!dispute) throw new ApiError('not_found', 'No such dispute in this contract.');
  const refs = await participantRefs(db, dispute.claim_id ? [dispute.claim_id] : []);
  const view = disputeView(dispute, dispute.claim_id ? refs.get(dispute.claim_id) ?? null : null);
  const review = await contestedReview(db, id, dispute.review_id);
  const entries = await disputeAuditEntries(db, id, dispute.id);
  const entry = (action: string) => {
    const e = entries.find((x) => x.action === action);
    return e ? { seq: e.seq, action: e.action, entryHash: e.entry_hash } : null;
  };
  const thread = [];
  if (review) {
    thread.push({
      event: 'rejected' as const, by: { organisationId: review.organisation_id, memberId: review.member_id }, at: iso(review.reviewed_at),
      reason: review.reason ?? '', evidenceRef: null,
      audit: review.seq !== null ? { seq: review.seq, action: review.action!, entryHash: review.entry_hash! } : null,
    });
  }
  thread.push({ event: 'disputed' as const, by: view.openedBy, at: view.openedAt, reason: view.reason, evidenceRef: view.evidenceRef, audit: entry('dispute.opened') });
  if (view.resolution) {
    thread.push({
      event: view.resolution.decision, by: view.resolution.resolvedBy, at: view.resolution.resolvedAt, reason: view.resolution.reason, evidenceRef: null,
      audit: entry('dispute.resolved'),
    });
  }
  return c.json({ dispute: view, thread }, 200);
};
