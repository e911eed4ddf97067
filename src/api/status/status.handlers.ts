import type { Kysely } from 'kysely';
import { termsInForce } from '../../db/queries/contracts.ts';
import { cachedStatus, nextEvaluation } from './status-cache.ts';
import { contractsWithRole, type Ledger, loadLedger, loadLedgers } from '../../db/queries/status.ts';
import type { Database } from '../../db/schema.ts';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import { dec, ZERO } from '../../domain/money/money.ts';
import { contractStatus } from '../../domain/status/contract-status.ts';
import { dateInZone } from '../../domain/time/dates.ts';
import type { ContractAccess } from '../auth/contract-access.ts';
import type { AppRouteHandler } from '../router.ts';
import type * as routes from './status.routes.ts';
import { scenarioTotals } from './scenario-forecasts.ts';
import { contractReader, readerAcrossContracts } from '../read-replica.ts';

/** Today in each time zone, formatted once per request (a formatter per contract cost ~0.1 ms each). */
function todayIn(now: Date) {
  const days = new Map<string, string>();
  return (timeZone: string) => {
    let day = days.get(timeZone);
    if (!day) days.set(timeZone, (day = dateInZone(now, timeZone)));
    return day;
  };
}

async function computeStatus(db: Kysely<Database>, contractId: string, contentHash: string, definition: ContractDefinition, now: Date, loaded?: Ledger, dayIn = todayIn(now)) {
  const ledger = loaded ?? await loadLedger(db, contractId);
  const today = dayIn(definition.evaluation.timeZone);
  const view = contractStatus({
    today,
    definition,
    drawdowns: ledger.drawdowns.map((d) => ({ investor: d.investor_party, date: d.drawn_on, amount: d.amount })),
    obligations: ledger.obligations.map((o) => ({ id: o.id, lineKey: o.line_key, ruleKey: o.rule_key, scope: o.scope, payer: o.payer_party, recipient: o.recipient_party, amount: o.amount, dueOn: o.due_on })),
    settlements: ledger.settlements.map((s) => ({ obligationId: s.obligation_id, amount: s.amount, settledOn: s.settled_on })),
    distributions: ledger.distributions.map((d) => ({ recipient: d.recipient_party, role: d.role, amount: d.amount, date: d.distributed_on })),
    claimCounts: ledger.claimCounts,
    latestResults: ledger.latestResults.map((r) => ({ metric: r.metric, cohort: r.cohort, period: r.period, measuredOn: r.measured_on, treatmentValue: r.treatment_value, comparisonValue: r.comparison_value })),
    scenarioTotals: scenarioTotals(contentHash, definition),
  });
  return { view, ledger };
}

export const status: AppRouteHandler<typeof routes.status> = async (c) => {
  const { body } = await statusOf(await contractReader(c), c.var.access, c.var.principal.organisationId, c.var.deps.clock());
  return c.json(body, 200);
};

/**
 * The status view as the party `organisationId` may see it (investors: their own line only), from
 * the per-contract cache; with the contract's ledger rows (for the workspace's charts over time).
 * The API's status route and the web's status page both answer this.
 */
export async function statusOf(db: Kysely<Database>, access: ContractAccess, organisationId: string, now: Date) {
  const { roles, contract, auditHead: head } = access;
  const id = contract.id;
  // Recomputed only when the contract's audit chain moved on (a write) or the day changed.
  // The 10-minute bucket keeps "today" right in every time zone (some are offset by half an hour).
  const key = `${head}|${now.toISOString().slice(0, 15)}|${contract.status}`;
  const { terms, view, ledger } = await cachedStatus(id, key, async () => {
    const terms = await termsInForce(db, id);
    if (!terms) return { terms, view: undefined, ledger: undefined };
    return { terms, ...(await computeStatus(db, id, terms.contentHash, terms.definition, now)) };
  });
  const base = { id: contract.id, reference: contract.reference, title: contract.title, status: contract.status, currency: contract.currency, contractVersion: terms?.number ?? null };
  if (!terms) {
    return {
      ledger: undefined,
      terms: undefined,
      body: {
        contract: base, today: now.toISOString().slice(0, 10), capital: { committed: '0', drawn: '0' },
        obligations: { triggered: '0', credits: '0', settled: '0', outstanding: '0', owedBack: '0', overdue: '0', byPayer: [], accounts: [] }, caps: [], investors: [], outcomes: [],
        latestEvaluation: null, nextEvaluation: null,
      },
    };
  }
  const me = organisationId;
  const seesAll = roles.has('outcome_payer') || roles.has('intermediary');
  const investors = view!.investors.filter((i) => seesAll || (roles.has('investor') && terms.bindings[i.party] === me));
  const schedule = terms.definition.evaluation;
  return {
    ledger,
    terms,
    body: {
      ...view!,
      contract: base,
      investors,
      latestEvaluation: ledger!.latestEvaluation
        ? { id: ledger!.latestEvaluation.id, asOf: ledger!.latestEvaluation.as_of, totals: ledger!.latestEvaluation.totals as Record<string, string> }
        : null,
      nextEvaluation: contract.status === 'active' ? nextEvaluation(id, schedule.schedule, schedule.timeZone, now) : null,
    },
  };
}

function addTo(totals: Record<string, Record<string, string>>, currency: string, values: Record<string, string>) {
  const t = (totals[currency] ??= {});
  for (const [k, v] of Object.entries(values)) t[k] = dec(t[k] ?? ZERO).plus(v).toFixed();
}

export const portfolio: AppRouteHandler<typeof routes.portfolio> = async (c) => c.json(await portfolioOf(await readerAcrossContracts(c), c.var.principal.organisationId, c.var.deps.clock()), 200);

/** An investor organisation's contracts side by side (the API's portfolio and the workspace's investor page). */
export async function portfolioOf(db: Kysely<Database>, me: string, now: Date) {
  const rows = await contractsWithRole(db, me, 'investor');
  const byContract = new Map<string, typeof rows>();
  for (const row of rows) byContract.set(row.id, [...(byContract.get(row.id) ?? []), row]);
  const contracts = [];
  const totals: Record<string, Record<string, string>> = {};
  // Every contract's ledger in one query per kind of row; then each view (pure).
  const ledgers = await loadLedgers(db, [...byContract.keys()]);
  const dayIn = todayIn(now);
  for (const [id, parts] of byContract) {
    const row = parts[0]!;
    const definition = row.definition as ContractDefinition;
    const { view } = await computeStatus(db, id, row.content_hash, definition, now, ledgers.get(id), dayIn);
    const mine = new Set(parts.map((p) => p.party_key));
    const investments = view.investors.filter((i) => mine.has(i.party)).map(({ projected: _, ...rest }) => rest);
    for (const i of investments) addTo(totals, row.currency, { committed: i.committed, drawn: i.drawn, repaidToDate: i.repaidToDate });
    contracts.push({ id, reference: row.reference, title: row.title, status: row.status, currency: row.currency, investments });
  }
  return { contracts, totals };
}

export const liabilities: AppRouteHandler<typeof routes.liabilities> = async (c) => c.json(await liabilitiesOf(await readerAcrossContracts(c), c.var.principal.organisationId, c.var.deps.clock()), 200);

/** A payer organisation's triggered-but-unpaid amounts and remaining exposure (the API's liabilities and the workspace's payer page). */
export async function liabilitiesOf(db: Kysely<Database>, me: string, now: Date) {
  const rows = await contractsWithRole(db, me, 'outcome_payer');
  const contracts = [];
  const totals: Record<string, Record<string, string>> = {};
  // One row per payer party held: a contract's view is computed once, however many of its payers are ours.
  const views = new Map<string, Awaited<ReturnType<typeof computeStatus>>['view']>();
  const ledgers = await loadLedgers(db, rows.map((r) => r.id));
  const dayIn = todayIn(now);
  for (const row of rows) {
    const definition = row.definition as ContractDefinition;
    let view = views.get(row.id);
    if (!view) views.set(row.id, (view = (await computeStatus(db, row.id, row.content_hash, definition, now, ledgers.get(row.id), dayIn)).view));
    const mine = view.obligations.byPayer.find((p) => p.payer === row.party_key)!;
    const commitment = definition.payers.find((p) => p.party === row.party_key)!.maximumCommitment;
    // What the payer may still have to pay: its commitment less what it owes net of credits.
    const exposure = dec(commitment).minus(mine.triggered).plus(mine.credits);
    const entry = {
      triggered: mine.triggered, credits: mine.credits, settled: mine.settled, outstanding: mine.outstanding, owedBack: mine.owedBack, overdue: mine.overdue,
      maximumCommitment: dec(commitment).toFixed(2), maximumRemainingExposure: (exposure.lt(0) ? ZERO : exposure).toFixed(2),
    };
    addTo(totals, row.currency, { outstanding: entry.outstanding, overdue: entry.overdue, maximumRemainingExposure: entry.maximumRemainingExposure });
    contracts.push({ id: row.id, reference: row.reference, title: row.title, status: row.status, currency: row.currency, payer: row.party_key, ...entry });
  }
  return { contracts, totals };
}
