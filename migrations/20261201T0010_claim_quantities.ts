import { type Kysely, sql } from 'kysely';

/**
 * Claims carry a quantity (units of the outcome's metric: days, sessions, weeks…; 1 for a plain
 * outcome), paid price × quantity. A participant may have several original claims of one outcome
 * on one date when their evidence differs (e.g. two sessions, each with its attendance sheet): the
 * natural key of an original claim becomes participant, outcome, date and evidence.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table participant_claim add column quantity numeric not null default 1 check (quantity > 0)`.execute(db);
  await sql`drop index participant_claim_original`.execute(db);
  await sql`create unique index participant_claim_original on participant_claim (contract_id, participant_ref, metric, achieved_on, evidence)
            where supersedes_id is null`.execute(db);
}
