import { obligationsOf, pageOfDistributions, pageOfDrawdowns, pageOfSettlements, settlementsOf } from '../../db/queries/money.ts';
import { reconcile } from '../../domain/ledger/accounts.ts';
import type { Distribution, DrawdownRow, Obligation, Settlement } from '../../db/schema.ts';
import { formatAmount } from '../../domain/money/money.ts';
import { recordDrawdown as recordDrawdownAction } from '../../usecases/record-drawdown.ts';
import { ledgerObligation, ledgerSettlement, recordSettlement as recordSettlementAction } from '../../usecases/record-settlement.ts';
import { exportOptions, streamExport } from '../csv.ts';
import { perform } from '../write.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type * as routes from './money.routes.ts';
import { listObligations } from '../../db/queries/evaluations.ts';
import { peopleByIds, type PersonRef, personRef } from '../../db/queries/actors.ts';
import { contractReader } from '../read-replica.ts';

const nobody: ReadonlyMap<string, PersonRef> = new Map();

export const drawdownView = (d: DrawdownRow, people: ReadonlyMap<string, PersonRef> = nobody) => ({
  id: d.id, investor: { party: d.investor_party, organisationId: d.investor_organisation_id }, tranche: d.tranche, drawnOn: d.drawn_on,
  amount: formatAmount(d.amount, d.currency), currency: d.currency, reference: d.reference, recordedBy: d.recorded_by_organisation_id, recordedAt: d.recorded_at.toISOString(),
  recordedByPerson: personRef(people, d.member_id),
});
export const settlementView = (s: Settlement, people: ReadonlyMap<string, PersonRef> = nobody) => ({
  id: s.id, obligationId: s.obligation_id, payerOrganisationId: s.payer_organisation_id, amount: formatAmount(s.amount, s.currency), currency: s.currency,
  settledOn: s.settled_on, reference: s.reference, recordedAt: s.recorded_at.toISOString(), recordedByPerson: personRef(people, s.member_id),
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
  return perform(c, 201, async (ctx) => {
    const row = await recordDrawdownAction(ctx, { contractId: id, roles, ...body });
    return drawdownView(row, await peopleByIds(ctx.trx, [row.member_id]));
  }) as never;
};

export const recordSettlement: AppRouteHandler<typeof routes.recordSettlement> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const { settlement, lines } = await recordSettlementAction(ctx, { contractId: id, ...body });
    return { ...settlementView(settlement, await peopleByIds(ctx.trx, [settlement.member_id])), distribution: lines.map(distributionView) };
  }) as never;
};

export const listDrawdowns: AppRouteHandler<typeof routes.listDrawdowns> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const { roles } = c.var.access;
  const db = await contractReader(c);
  const rows = await pageOfDrawdowns(db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const me = c.var.principal.organisationId;
  const shown = items.filter((d) => seesAllInvestors(roles) || d.investor_organisation_id === me);
  const people = await peopleByIds(db, shown.map((d) => d.member_id));
  return c.json({ items: shown.map((d) => drawdownView(d, people)), nextCursor }, 200);
};

export const listSettlements: AppRouteHandler<typeof routes.listSettlements> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const db = await contractReader(c);
  const rows = await pageOfSettlements(db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const people = await peopleByIds(db, items.map((s) => s.member_id));
  return c.json({ items: items.map((s) => settlementView(s, people)), nextCursor }, 200);
};

export const listDistributions: AppRouteHandler<typeof routes.listDistributions> = async (c) => {
  const { id } = c.req.valid('param');
  const { limit, cursor } = c.req.valid('query');
  const { roles } = c.var.access;
  const db = await contractReader(c);
  const rows = await pageOfDistributions(db, id, decodeCursor(cursor), limit + 1);
  const { items, nextCursor } = page(rows, limit, (r) => r.id);
  const visible = items.filter(visibleDistribution(roles, c.var.principal.organisationId));
  const ledger = reconcile((await obligationsOf(db, id)).map(ledgerObligation), (await settlementsOf(db, id)).map(ledgerSettlement), '9999-12-31');
  const currency = c.var.access.contract.currency;
  const owedBack = ledger.accounts.filter((a) => a.owedBack.gt(0))
    .map((a) => ({ payerOrganisationId: a.payer, recipientOrganisationId: a.recipient, amount: formatAmount(a.owedBack, currency) }));
  return c.json({ items: visible.map(distributionView), nextCursor, owedBack }, 200);
};

export const exportObligations: AppRouteHandler<typeof routes.exportObligations> = async (c) => {
  const { id } = c.req.valid('param');
  const db = await contractReader(c);
  return streamExport<Obligation>(c, `obligations-${id}`, {
    columns: [
      { name: 'id', kind: 'text' }, { name: 'evaluation_id', kind: 'text' }, { name: 'line_key', kind: 'text' }, { name: 'rule', kind: 'text' },
      { name: 'scope', kind: 'text' }, { name: 'payer_party', kind: 'text' }, { name: 'payer_organisation_id', kind: 'text' },
      { name: 'recipient_party', kind: 'text' }, { name: 'recipient_organisation_id', kind: 'text' }, { name: 'amount', kind: 'amount' },
      { name: 'currency', kind: 'text' }, { name: 'due_on', kind: 'date' }, { name: 'kind', kind: 'text' }, { name: 'corrects', kind: 'text' },
      { name: 'created_at', kind: 'timestamp' },
    ],
    values: (o) => [
      o.id, o.evaluation_id, o.line_key, o.rule_key, o.scope, o.payer_party, o.payer_organisation_id, o.recipient_party,
      o.recipient_organisation_id, formatAmount(o.amount, o.currency), o.currency, o.due_on, o.kind, o.corrects.join(';'), o.created_at.toISOString(),
    ],
  }, (after, limit) => listObligations(db, id, after, limit), exportOptions(c.req.valid('query'))) as never;
};

export const exportSettlements: AppRouteHandler<typeof routes.exportSettlements> = async (c) => {
  const { id } = c.req.valid('param');
  const db = await contractReader(c);
  return streamExport<Settlement>(c, `settlements-${id}`, {
    columns: [
      { name: 'id', kind: 'text' }, { name: 'obligation_id', kind: 'text' }, { name: 'payer_organisation_id', kind: 'text' }, { name: 'amount', kind: 'amount' },
      { name: 'currency', kind: 'text' }, { name: 'settled_on', kind: 'date' }, { name: 'reference', kind: 'text' }, { name: 'recorded_at', kind: 'timestamp' },
    ],
    values: (s) => [
      s.id, s.obligation_id, s.payer_organisation_id, formatAmount(s.amount, s.currency), s.currency, s.settled_on, s.reference, s.recorded_at.toISOString(),
    ],
  }, (after, limit) => pageOfSettlements(db, id, after, limit), exportOptions(c.req.valid('query'))) as never;
};

export const exportDistributions: AppRouteHandler<typeof routes.exportDistributions> = async (c) => {
  const { id } = c.req.valid('param');
  const { roles } = c.var.access;
  const db = await contractReader(c);
  const visible = visibleDistribution(roles, c.var.principal.organisationId);
  return streamExport<Distribution>(c, `distributions-${id}`, {
    columns: [
      { name: 'id', kind: 'text' }, { name: 'settlement_id', kind: 'text' }, { name: 'recipient_party', kind: 'text' },
      { name: 'recipient_organisation_id', kind: 'text' }, { name: 'role', kind: 'text' }, { name: 'seniority', kind: 'text' },
      { name: 'amount', kind: 'amount' }, { name: 'currency', kind: 'text' }, { name: 'distributed_on', kind: 'date' },
      { name: 'capacity_before', kind: 'amount' }, { name: 'explanation', kind: 'text' },
    ],
    values: (d) => visible(d)
      ? [
        d.id, d.settlement_id, d.recipient_party, d.recipient_organisation_id, d.role, d.seniority, formatAmount(d.amount, d.currency),
        d.currency, d.distributed_on, d.capacity_before === null ? null : formatAmount(d.capacity_before, d.currency), d.explanation,
      ]
      : null,
  }, (after, limit) => pageOfDistributions(db, id, after, limit), exportOptions(c.req.valid('query'))) as never;
};
