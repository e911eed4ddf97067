import { lockContract, termsInForce } from '../../db/queries/contracts.ts';
import {
  distributionsOf, drawdownsOf, insertDistributions, insertDrawdown, insertSettlement, latestSettlementDate, lockObligation,
  pageOfDistributions, pageOfDrawdowns, pageOfSettlements, settledAmounts,
} from '../../db/queries/money.ts';
import type { Distribution, DrawdownRow, Obligation, Settlement } from '../../db/schema.ts';
import { settlementProblem } from '../../domain/ledger/settlement.ts';
import { dec } from '../../domain/money/money.ts';
import { distribute } from '../../domain/returns/capital-stack.ts';
import { stackInvestors, surplusOf } from '../../domain/returns/stack-input.ts';
import { dateInZone } from '../../domain/time/dates.ts';
import { csvField, line, streamCsv } from '../csv.ts';
import { kyselyExec } from '../../db/queries/audit.ts';
import { audit } from '../audit-trail.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type * as routes from './money.routes.ts';
import { listObligations } from '../../db/queries/evaluations.ts';

const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', message, { errors: [{ location: 'body', path, message }] });

export const drawdownView = (d: DrawdownRow) => ({
  id: d.id, investor: { party: d.investor_party, organisationId: d.investor_organisation_id }, tranche: d.tranche, drawnOn: d.drawn_on,
  amount: d.amount, currency: d.currency, reference: d.reference, recordedBy: d.recorded_by_organisation_id, recordedAt: d.recorded_at.toISOString(),
});
export const settlementView = (s: Settlement) => ({
  id: s.id, obligationId: s.obligation_id, payerOrganisationId: s.payer_organisation_id, amount: s.amount, currency: s.currency,
  settledOn: s.settled_on, reference: s.reference, recordedAt: s.recorded_at.toISOString(),
});
export const distributionView = (d: Distribution) => ({
  id: d.id, settlementId: d.settlement_id, recipient: { party: d.recipient_party, organisationId: d.recipient_organisation_id }, role: d.role,
  seniority: d.seniority, amount: d.amount, currency: d.currency, distributedOn: d.distributed_on, explanation: d.explanation, capacityBefore: d.capacity_before,
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
  const principal = c.var.principal;
  const drawdown = await c.var.db.transaction().execute(async (trx) => {
    const contract = (await lockContract(trx, id, 'share'))!;
    if (contract.status === 'draft') throw new ApiError('invalid_state', 'A draft contract has no capital to draw yet.');
    const terms = (await termsInForce(trx, id))!;
    const definition = terms.definition;
    const ownInvestorParties = definition.investors.map((i) => i.party).filter((p) => terms.bindings[p] === principal.organisationId);
    const investorParty = body.investor ?? (ownInvestorParties.length === 1 ? ownInvestorParties[0] : undefined);
    if (!investorParty) throw invalid('investor', 'name the investor party the capital was drawn from');
    const investor = definition.investors.find((i) => i.party === investorParty);
    if (!investor) throw invalid('investor', `"${investorParty}" is not an investor of this contract`);
    if (!roles.has('intermediary') && terms.bindings[investorParty] !== principal.organisationId) {
      throw new ApiError('forbidden', 'An investor records its own drawdowns; an intermediary may record any investor\'s.');
    }
    if (body.currency !== definition.currency) throw invalid('currency', `the contract is in ${definition.currency}; a drawdown in ${body.currency} is refused`);
    if (body.tranche && !investor.tranches.some((t) => t.key === body.tranche)) throw invalid('tranche', `investor "${investorParty}" has no tranche "${body.tranche}"`);
    const today = dateInZone(c.var.deps.clock(), definition.evaluation.timeZone);
    if (body.drawnOn > today) throw invalid('drawnOn', `${body.drawnOn} is in the future (today is ${today})`);
    const drawn = (await drawdownsOf(trx, id)).filter((d) => d.investor_party === investorParty).reduce((s, d) => s.plus(d.amount), dec(0));
    if (drawn.plus(body.amount).gt(investor.commitment)) {
      throw invalid('amount', `${investorParty} has drawn ${drawn.toFixed(2)} of its ${investor.commitment} commitment; ${body.amount} more would exceed it`);
    }
    const row = await insertDrawdown(trx, {
      contractId: id, investorParty, investorOrganisationId: terms.bindings[investorParty]!, tranche: body.tranche ?? null,
      drawnOn: body.drawnOn, amount: dec(body.amount).toFixed(), currency: body.currency, reference: body.reference ?? null,
      recordedBy: principal.organisationId, apiKeyId: principal.keyId, recordedAt: c.var.deps.clock(),
    });
    await audit(c, kyselyExec(trx), { chain: id, action: 'drawdown.recorded', entityType: 'drawdown', entityId: row.id, state: drawdownView(row) });
    return row;
  });
  return c.json(drawdownView(drawdown), 201);
};

export const recordSettlement: AppRouteHandler<typeof routes.recordSettlement> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const principal = c.var.principal;
  const result = await c.var.db.transaction().execute(async (trx) => {
    // Settlements of a contract are serialised (their distributions depend on each other), and each obligation row is locked.
    await lockContract(trx, id);
    const obligation = await lockObligation(trx, id, body.obligationId);
    if (!obligation) throw invalid('obligationId', 'no such obligation in this contract');
    if (obligation.payer_organisation_id !== principal.organisationId) {
      throw new ApiError('forbidden', 'Only the payer of an obligation records its settlement.');
    }
    const amounts = await settledAmounts(trx, obligation.id, id, obligation.line_key);
    const problem = settlementProblem({
      amount: body.amount, currency: body.currency, obligationAmount: obligation.amount, obligationCurrency: obligation.currency,
      settledOnObligation: amounts.on_obligation, lineObligated: amounts.line_obligated, lineSettled: amounts.line_settled,
    });
    if (problem?.conflict) throw new ApiError('invalid_state', problem.message);
    if (problem) throw invalid(problem.field, problem.message);
    const terms = (await termsInForce(trx, id))!;
    const today = dateInZone(c.var.deps.clock(), terms.definition.evaluation.timeZone);
    if (body.settledOn > today) throw invalid('settledOn', `${body.settledOn} is in the future (today is ${today})`);
    const latest = await latestSettlementDate(trx, id);
    if (latest && body.settledOn < latest) {
      throw invalid('settledOn', `settlements are recorded in date order (their distributions build on each other); the latest is dated ${latest}`);
    }
    const settlement = await insertSettlement(trx, {
      contractId: id, obligationId: obligation.id, payerOrganisationId: principal.organisationId, amount: dec(body.amount).toFixed(),
      currency: body.currency, settledOn: body.settledOn, reference: body.reference ?? null, recordedBy: principal.organisationId,
      apiKeyId: principal.keyId, recordedAt: c.var.deps.clock(),
    });
    const definition = terms.definition;
    const drawdowns = (await drawdownsOf(trx, id)).map((d) => ({ investor: d.investor_party, date: d.drawn_on, amount: d.amount }));
    const received = (await distributionsOf(trx, id)).filter((d) => d.role === 'investor').map((d) => ({ investor: d.recipient_party, date: d.distributed_on, amount: d.amount }));
    const distribution = distribute({
      payment: { amount: dec(body.amount).toFixed(), date: body.settledOn, currency: body.currency },
      investors: stackInvestors(definition, drawdowns, received, body.settledOn),
      surplus: surplusOf(definition, obligation.payer_party),
    });
    const lines = await insertDistributions(trx, distribution.lines.map((l) => ({
      contractId: id, settlementId: settlement.id, recipientParty: l.recipient, recipientOrganisationId: terms.bindings[l.recipient]!,
      role: l.role, seniority: l.seniority ?? null, amount: l.amount, currency: body.currency, distributedOn: body.settledOn,
      explanation: l.explanation, capacityBefore: l.capacityBefore ?? null,
    })));
    const exec = kyselyExec(trx);
    await audit(c, exec, { chain: id, action: 'settlement.recorded', entityType: 'settlement', entityId: settlement.id, state: settlementView(settlement) });
    for (const l of lines) await audit(c, exec, { chain: id, action: 'distribution.recorded', entityType: 'distribution', entityId: l.id, state: distributionView(l) });
    return { settlement, lines };
  });
  return c.json({ ...settlementView(result.settlement), distribution: result.lines.map(distributionView) }, 201);
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
  return c.json({ items: visible.map(distributionView), nextCursor }, 200);
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

