import { obligationsOf, pageOfDistributions, pageOfDrawdowns, pageOfSettlements, settlementsOf } from '../../db/queries/money.ts';
import { reconcile } from '../../domain/ledger/accounts.ts';
import type { Distribution, DrawdownRow, Obligation, Settlement } from '../../db/schema.ts';
import { formatAmount } from '../../domain/money/money.ts';
import { recordDrawdown as recordDrawdownAction } from '../../usecases/record-drawdown.ts';
import { ledgerObligation, ledgerSettlement, recordSettlement as recordSettlementAction } from '../../usecases/record-settlement.ts';
import { csvField, line, streamCsv } from '../csv.ts';
import { perform } from '../write.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type * as routes from './money.routes.ts';
import { listObligations } from '../../db/queries/evaluations.ts';

export const drawdownView = (d: DrawdownRow) => ({
  id: d.id, investor: { party: d.investor_party, organisationId: d.investor_organisation_id }, tranche: d.tranche, drawnOn: d.drawn_on,
  amount: formatAmount(d.amount, d.currency), currency: d.currency, reference: d.reference, recordedBy: d.recorded_by_organisation_id, recordedAt: d.recorded_at.toISOString(),
});
export const settlementView = (s: Settlement) => ({
  id: s.id, obligationId: s.obligation_id, payerOrganisationId: s.payer_organisation_id, amount: formatAmount(s.amount, s.currency), currency: s.currency,
  settledOn: s.settled_on, reference: s.reference, recordedAt: s.recorded_at.toISOString(),
});
export const distributionView = (d: Distribution) => ({
  id: d.id, settlementId: d.settlement_id, recipient: { party: d.recipient_party, organisationId: d.recipient_organisation_id }, role: d.role,
  seniority: d.seniority, amount: formatAmount(d.amount, d.currency), currency: d.currency, distributedOn: d.distributed_on, explanation: d.explanation,
  capacityBefore: d.capacity_before === null ? null : formatAmount(d.capacity_before, d.currency),
});

/** Investors without another role see only their own capital lines (plus surplus lines); other parties see all. */
function seesAllInvestors(roles: ReadonlySet<string>): boolean {
  return [...roles].some((r) => r !== 'investor');
}

/** Which distribution lines the caller may see (see seesAllInvestors). */
function visibleDistribution(roles: ReadonlySet<string>, organisationId: string): (d: Distribution) => boolean {
  const all = seesAllInvestors(roles);
  return (d) => all || d.role !== 'investor' || d.recipient_organisation_id === organisationId;
}

export const recordDrawdown: AppRouteHandler<typeof routes.recordDrawdown> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { roles } = c.var.access;
  return perform(c, 201, async (ctx) => drawdownView(await recordDrawdownAction(ctx, { contractId: id, roles, ...body }))) as never;
};

export const recordSettlement: AppRouteHandler<typeof routes.recordSettlement> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const { settlement, lines } = await recordSettlementAction(ctx, { contractId: id, ...body });
    return { ...settlementView(settlement), distribution: lines.map(distributionView) };
  }) as never;
};

export const listDrawdowns: AppRouteHandler<typeof routes.listDrawdowns> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const { roles } = c.var.access;
  const rows = await pageOfDrawdowns(c.var.db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const me = c.var.principal.organisationId;
  return c.json({ items: items.filter((d) => seesAllInvestors(roles) || d.investor_organisation_id === me).map(drawdownView), nextCursor }, 200);
};

export const listSettlements: AppRouteHandler<typeof routes.listSettlements> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const rows = await pageOfSettlements(c.var.db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  return c.json({ items: items.map(settlementView), nextCursor }, 200);
};

export const listDistributions: AppRouteHandler<typeof routes.listDistributions> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const { roles } = c.var.access;
  const rows = await pageOfDistributions(c.var.db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const visible = items.filter(visibleDistribution(roles, c.var.principal.organisationId));
  const ledger = reconcile((await obligationsOf(c.var.db, id)).map(ledgerObligation), (await settlementsOf(c.var.db, id)).map(ledgerSettlement), '9999-12-31');
  const currency = c.var.access.contract.currency;
  const owedBack = ledger.accounts.filter((a) => a.owedBack.gt(0))
    .map((a) => ({ payerOrganisationId: a.payer, recipientOrganisationId: a.recipient, amount: formatAmount(a.owedBack, currency) }));
  return c.json({ items: visible.map(distributionView), nextCursor, owedBack }, 200);
};

export const exportObligations: AppRouteHandler<typeof routes.exportObligations> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.var.db;
  return streamCsv<Obligation>(c, `obligations-${id}.csv`, {
    header: ['id', 'evaluation_id', 'line_key', 'rule', 'scope', 'payer_party', 'payer_organisation_id', 'recipient_party', 'recipient_organisation_id', 'amount', 'currency', 'due_on', 'kind', 'corrects', 'created_at'],
    row: (o) => line([
      csvField(o.id), csvField(o.evaluation_id), csvField(o.line_key), csvField(o.rule_key), csvField(o.scope), csvField(o.payer_party),
      csvField(o.payer_organisation_id), csvField(o.recipient_party), csvField(o.recipient_organisation_id), csvField(o.amount, false),
      csvField(o.currency), csvField(o.due_on), csvField(o.kind), csvField(o.corrects.join(';')), csvField(o.created_at.toISOString()),
    ]),
  }, (after, limit) => listObligations(db, id, after, limit)) as never;
};

export const exportSettlements: AppRouteHandler<typeof routes.exportSettlements> = async (c) => {
  const { id } = c.req.valid('param');
  const db = c.var.db;
  return streamCsv<Settlement>(c, `settlements-${id}.csv`, {
    header: ['id', 'obligation_id', 'payer_organisation_id', 'amount', 'currency', 'settled_on', 'reference', 'recorded_at'],
    row: (s) => line([
      csvField(s.id), csvField(s.obligation_id), csvField(s.payer_organisation_id), csvField(s.amount, false), csvField(s.currency),
      csvField(s.settled_on), csvField(s.reference), csvField(s.recorded_at.toISOString()),
    ]),
  }, (after, limit) => pageOfSettlements(db, id, after, limit)) as never;
};

export const exportDistributions: AppRouteHandler<typeof routes.exportDistributions> = async (c) => {
  const { id } = c.req.valid('param');
  const { roles } = c.var.access;
  const db = c.var.db;
  const visible = visibleDistribution(roles, c.var.principal.organisationId);
  return streamCsv<Distribution>(c, `distributions-${id}.csv`, {
    header: ['id', 'settlement_id', 'recipient_party', 'recipient_organisation_id', 'role', 'seniority', 'amount', 'currency', 'distributed_on', 'capacity_before', 'explanation'],
    row: (d) => visible(d)
      ? line([
        csvField(d.id), csvField(d.settlement_id), csvField(d.recipient_party), csvField(d.recipient_organisation_id), csvField(d.role),
        csvField(d.seniority), csvField(d.amount, false), csvField(d.currency), csvField(d.distributed_on), csvField(d.capacity_before, false), csvField(d.explanation),
      ])
      : '',
  }, (after, limit) => pageOfDistributions(db, id, after, limit)) as never;
};

