import type { Kysely, Transaction } from 'kysely';
import { newId } from '../ids.ts';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Money movements: drawdowns, settlements and distributions. Rows are never changed once written. */

export async function insertDrawdown(
  db: Db,
  d: {
    contractId: string; investorParty: string; investorOrganisationId: string; tranche: string | null; drawnOn: string; amount: string;
    currency: string; reference: string | null; recordedBy: string; apiKeyId: string | null; memberId: string | null; recordedAt: Date;
  },
) {
  return db.insertInto('drawdown').values({
    id: newId(), contract_id: d.contractId, investor_party: d.investorParty, investor_organisation_id: d.investorOrganisationId,
    tranche: d.tranche, drawn_on: d.drawnOn, amount: d.amount, currency: d.currency, reference: d.reference,
    recorded_by_organisation_id: d.recordedBy, api_key_id: d.apiKeyId, member_id: d.memberId, recorded_at: d.recordedAt,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function drawdownsOf(db: Db, contractId: string) {
  return db.selectFrom('drawdown').selectAll().where('contract_id', '=', contractId).orderBy('drawn_on').orderBy('id').execute();
}

export async function pageOfDrawdowns(db: Db, contractId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('drawdown').selectAll().where('contract_id', '=', contractId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

/** The obligation, locked for the rest of the transaction (settlements on it are serialised). */
export async function lockObligation(db: Transaction<Database>, contractId: string, obligationId: string) {
  return db.selectFrom('obligation').selectAll().where('contract_id', '=', contractId).where('id', '=', obligationId).forUpdate().executeTakeFirst();
}

export async function latestSettlementDate(db: Db, contractId: string): Promise<string | null> {
  const row = await db.selectFrom('settlement').select((eb) => eb.fn.max('settled_on').as('latest')).where('contract_id', '=', contractId).executeTakeFirst();
  return (row?.latest as string | null | undefined) ?? null;
}

export async function insertSettlement(
  db: Db,
  s: {
    contractId: string; obligationId: string; payerOrganisationId: string; amount: string; currency: string; settledOn: string;
    reference: string | null; recordedBy: string; apiKeyId: string | null; memberId: string | null; recordedAt: Date;
  },
) {
  return db.insertInto('settlement').values({
    id: newId(), contract_id: s.contractId, obligation_id: s.obligationId, payer_organisation_id: s.payerOrganisationId,
    amount: s.amount, currency: s.currency, settled_on: s.settledOn, reference: s.reference,
    recorded_by_organisation_id: s.recordedBy, api_key_id: s.apiKeyId, member_id: s.memberId, recorded_at: s.recordedAt,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function insertDistributions(
  db: Db,
  lines: {
    contractId: string; settlementId: string; recipientParty: string; recipientOrganisationId: string; role: 'investor' | 'outcome_payer' | 'operator';
    seniority: string | null; amount: string; currency: string; distributedOn: string; explanation: string; capacityBefore: string | null;
  }[],
) {
  if (lines.length === 0) return [];
  return db.insertInto('distribution').values(lines.map((l) => ({
    id: newId(), contract_id: l.contractId, settlement_id: l.settlementId, recipient_party: l.recipientParty,
    recipient_organisation_id: l.recipientOrganisationId, role: l.role, seniority: l.seniority, amount: l.amount, currency: l.currency,
    distributed_on: l.distributedOn, explanation: l.explanation, capacity_before: l.capacityBefore,
  }))).returningAll().execute();
}

export async function distributionsOf(db: Db, contractId: string) {
  return db.selectFrom('distribution').selectAll().where('contract_id', '=', contractId).orderBy('distributed_on').orderBy('id').execute();
}

export async function pageOfSettlements(db: Db, contractId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('settlement').selectAll().where('contract_id', '=', contractId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

export async function pageOfDistributions(db: Db, contractId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('distribution').selectAll().where('contract_id', '=', contractId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

export async function settlementsOf(db: Db, contractId: string) {
  return db.selectFrom('settlement').selectAll().where('contract_id', '=', contractId).orderBy('settled_on').orderBy('id').execute();
}

export async function obligationsOf(db: Db, contractId: string) {
  return db.selectFrom('obligation').selectAll().where('contract_id', '=', contractId).orderBy('id').execute();
}
