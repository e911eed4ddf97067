import { type Kysely, sql } from 'kysely';
import { loadLedger } from '../../db/queries/status.ts';
import type { Contract, Database } from '../../db/schema.ts';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import { isPublished } from '../../domain/contract/disclosure.ts';
import { contractStatus } from '../../domain/status/contract-status.ts';
import { dateInZone } from '../../domain/time/dates.ts';

/**
 * What the public pages read: contracts in force whose terms in force ask for publication. A
 * draft, a terminated contract, or one whose publication amendment awaits approval is not
 * published (only the version in force counts).
 */
export interface PublishedContract {
  contract: Contract;
  definition: ContractDefinition;
  versionNumber: number;
  contentHash: string;
}

/** Every published contract, oldest first. */
export async function publishedContracts(db: Kysely<Database>): Promise<PublishedContract[]> {
  const rows = await db
    .selectFrom('contract as c')
    .innerJoin('contract_version as v', (j) => j.onRef('v.contract_id', '=', 'c.id').on('v.status', '=', 'in_force'))
    .selectAll('c')
    .select(['v.definition', 'v.number', 'v.content_hash'])
    .where('c.status', '=', 'active')
    .where(sql<boolean>`(v.definition -> 'publication' ->> 'published') = 'true'`)
    .orderBy('c.activated_at')
    .orderBy('c.id')
    .execute();
  return rows
    .map(({ definition, number, content_hash, ...contract }) => ({
      contract: contract as Contract, definition: definition as ContractDefinition, versionNumber: number, contentHash: content_hash,
    }))
    .filter((p) => isPublished(p.definition));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The published contract a public URL names: by its reference when one published contract has it
 * (references are unique per registering organisation only), else by its id.
 */
export async function publishedContract(db: Kysely<Database>, name: string): Promise<PublishedContract | undefined> {
  const all = await publishedContracts(db);
  const byReference = all.filter((p) => p.contract.reference === name);
  if (byReference.length === 1) return byReference[0];
  if (UUID.test(name)) return all.find((p) => p.contract.id === name.toLowerCase());
  return undefined;
}

/** The path of a contract's public page: its reference when unambiguous among published contracts, else its id. */
export function publicPathOf(p: PublishedContract, all: readonly PublishedContract[]): string {
  const unique = all.filter((x) => x.contract.reference === p.contract.reference).length === 1 && !UUID.test(p.contract.reference);
  const name = unique ? p.contract.reference.split('/').map(encodeURIComponent).join('/') : p.contract.id;
  return `/public/contracts/${name}`;
}

/** The latest entry of the contract's audit chain (its head), or undefined before any write. */
export async function auditHead(db: Kysely<Database>, contractId: string) {
  return db.selectFrom('audit_entry').select(['seq', 'entry_hash', 'recorded_at'])
    .where('chain', '=', contractId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** The status view of a contract (aggregates only: counts per cohort, totals), as the status route computes it, without scenarios. */
export async function publicStatus(db: Kysely<Database>, contractId: string, definition: ContractDefinition, now: Date) {
  const ledger = await loadLedger(db, contractId);
  return contractStatus({
    today: dateInZone(now, definition.evaluation.timeZone),
    definition: { ...definition, scenarios: [] },
    drawdowns: ledger.drawdowns.map((d) => ({ investor: d.investor_party, date: d.drawn_on, amount: d.amount })),
    obligations: ledger.obligations.map((o) => ({ id: o.id, lineKey: o.line_key, ruleKey: o.rule_key, scope: o.scope, payer: o.payer_party, recipient: o.recipient_party, amount: o.amount, dueOn: o.due_on })),
    settlements: ledger.settlements.map((s) => ({ obligationId: s.obligation_id, amount: s.amount, settledOn: s.settled_on })),
    distributions: ledger.distributions.map((d) => ({ recipient: d.recipient_party, role: d.role, amount: d.amount, date: d.distributed_on })),
    claimCounts: ledger.claimCounts,
    latestResults: ledger.latestResults.map((r) => ({ metric: r.metric, cohort: r.cohort, period: r.period, measuredOn: r.measured_on, treatmentValue: r.treatment_value, comparisonValue: r.comparison_value })),
    scenarioTotals: [],
  });
}
