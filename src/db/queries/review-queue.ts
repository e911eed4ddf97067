import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { claimsQuery, type RecordFilter } from './measurements.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Read-only queries of the evaluator's desk (issue 17): the review queue across several contracts
 * and what its filters offer. The records are the API's own list query (`claimsQuery`, with its
 * filters and statuses) for each contract, united: nothing here decides what a status means.
 */

/** The contracts an organisation is party to (version in force or proposed), with its roles in each, by title. */
export async function contractsWithRoles(db: Db, organisationId: string): Promise<{ id: string; title: string; reference: string; roles: string[] }[]> {
  const rows = await db.selectFrom('contract_party as p')
    .innerJoin('contract_version as v', 'v.id', 'p.version_id')
    .innerJoin('contract as k', 'k.id', 'p.contract_id')
    .select(['k.id', 'k.title', 'k.reference', 'p.role']).distinct()
    .where('p.organisation_id', '=', organisationId).where('v.status', 'in', ['in_force', 'proposed'])
    .orderBy('k.title').orderBy('k.id').orderBy('p.role').execute();
  const out = new Map<string, { id: string; title: string; reference: string; roles: string[] }>();
  for (const r of rows) {
    const entry = out.get(r.id) ?? { id: r.id, title: r.title, reference: r.reference, roles: [] };
    entry.roles.push(r.role);
    out.set(r.id, entry);
  }
  return [...out.values()];
}

const queueOf = (db: Db, contractIds: readonly string[], f: RecordFilter) => {
  const [first, ...rest] = contractIds.map((id) => claimsQuery(db, id, f).select('c.contract_id'));
  let union = first!;
  for (const q of rest) union = union.unionAll(q);
  return union;
};

export type QueueRecord = Awaited<ReturnType<ReturnType<typeof queueOf>['execute']>>[number];

/** A page of the participant claims of `contractIds` matching `f`, in id order after `after` (keyset). */
export async function queuePage(db: Db, contractIds: readonly string[], f: RecordFilter, after: string | undefined, limit: number): Promise<QueueRecord[]> {
  if (contractIds.length === 0) return [];
  let q = db.selectFrom(queueOf(db, contractIds, f).as('q')).selectAll();
  if (after) q = q.where('q.id', '>', after);
  return q.orderBy('q.id').limit(limit).execute() as Promise<QueueRecord[]>;
}

/** How many claims of each contract match `f` (contracts with none are left out). */
export async function queueCounts(db: Db, contractIds: readonly string[], f: RecordFilter): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of contractIds) {
    const row = await claimsQuery(db, id, f).clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
    const n = Number(row?.n ?? 0);
    if (n > 0) out.set(id, n);
  }
  return out;
}

/** The outcomes, cohorts and submissions the claims of `contractIds` have (for the queue's filters). */
export async function queueFacets(db: Db, contractIds: readonly string[]) {
  if (contractIds.length === 0) return { outcomes: [], cohorts: [], submissions: [] };
  const ids = [...contractIds];
  const outcomes = await db.selectFrom('participant_claim').select('metric').distinct().where('contract_id', 'in', ids).orderBy('metric').limit(200).execute();
  const cohorts = await db.selectFrom('participant_claim').select('cohort').distinct().where('contract_id', 'in', ids).orderBy('cohort').limit(200).execute();
  const submissions = await db.selectFrom('submission').select(['id', 'contract_id', 'submitted_at', 'kind'])
    .where('contract_id', 'in', ids).where('kind', '=', 'participant_claims').orderBy('submitted_at', 'desc').limit(200).execute();
  return { outcomes: outcomes.map((r) => r.metric), cohorts: cohorts.map((r) => r.cohort), submissions };
}

/** The open disputes of `contractIds`, oldest first (the order they wait in). */
export async function openDisputesOf(db: Db, contractIds: readonly string[], limit: number) {
  if (contractIds.length === 0) return [];
  return db.selectFrom('dispute').selectAll().where('contract_id', 'in', [...contractIds]).where('state', '=', 'open')
    .orderBy('opened_at').orderBy('id').limit(limit).execute();
}
