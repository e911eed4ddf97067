import { type Kysely, sql } from 'kysely';

/**
 * Claim tallies (issue 19: status without recomputation). Per contract, outcome and cohort: the
 * validated, current claims (reviewed 'validated', or rejected with an upheld dispute; not
 * superseded by a correction) and the distinct participants among them — what the status view
 * showed by scanning every claim of the contract. Kept current in the transaction of every write
 * that changes them (reviews, upheld disputes, corrections: src/db/queries/claim-tallies.ts), which
 * first locks the tally rows it changes (after the contract lock, as every such write takes it).
 *
 * participant_claim_corrections: corrections only (few), so that a (participant, outcome, cohort)
 * group's claims are found by index — originals by participant_claim_original, corrections here —
 * when a write recounts the groups it touched. Uploads of originals pay nothing for it.
 *
 * Backfilled from the stored claims with the query the view ran until now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table claim_tally (
      contract_id uuid not null references contract(id),
      metric text not null,
      cohort text not null,
      validated bigint not null check (validated >= 0),
      participants bigint not null check (participants >= 0 and participants <= validated),
      primary key (contract_id, metric, cohort)
    )`.execute(db);
  await sql`create index participant_claim_corrections on participant_claim (contract_id, participant_ref, metric) where supersedes_id is not null`.execute(db);
  await sql`
    insert into claim_tally (contract_id, metric, cohort, validated, participants)
    select contract_id, metric, cohort, sum(claims), count(*)
    from (
      select c.contract_id, c.metric, c.cohort, c.participant_ref, count(*) as claims
      from participant_claim c join measurement_review r on r.claim_id = c.id
        and (r.decision = 'validated' or exists (select 1 from dispute d where d.claim_id = c.id and d.state = 'upheld'))
      where not exists (select 1 from participant_claim n where n.supersedes_id = c.id)
      group by c.contract_id, c.metric, c.cohort, c.participant_ref
    ) per_participant
    group by contract_id, metric, cohort`.execute(db);
}
