import { type Kysely, sql } from 'kysely';

/**
 * Review speed at scale (issue 19). An evaluator validating a whole upload writes a million
 * measurement_review rows in one statement; each row fired one foreign-key trigger per key
 * (contract, claim, result, organisation, member): five million queued events, each an SPI query,
 * and each row went into four indexes. Measured on PostgreSQL, a 1,000,000-claim review spent
 * over half of its insert in those triggers.
 *
 * - Four of the five foreign keys become one check per statement (a trigger over the statement's
 *   transition table): every new review names a claim or a result *of its own contract* and an
 *   organisation that exists; else the whole statement fails with SQLSTATE 23503
 *   (foreign_key_violation), as before. The contract key is implied: a record of a contract
 *   exists only for a contract that exists. The referenced side needs no trigger: contracts,
 *   records and organisations are never deleted or changed, by the database's own refusal
 *   (migrations 0007, 0009).
 * - The member key stays a foreign key: members have no such refusal, so only a foreign key keeps
 *   a reviewer from being deleted.
 * - "A record is reviewed at most once" (unique claim_id, unique result_id) indexed every review
 *   twice, once with a null key. Each becomes a unique index over its non-null keys only, under
 *   the same name and columns: the same guarantee, as nulls never collided.
 * - `measurement_review (batch_id)`: a review batch's audited state (src/db/queries/entity-states.ts)
 *   is read by batch, when it is written and whenever the audit trail is verified; without the
 *   index each read scanned every review of every contract.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select c.conname as name
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
    join pg_class r on r.oid = c.confrelid
    where c.contype = 'f' and t.relname = 'measurement_review' and r.relname in ('contract', 'participant_claim', 'aggregate_result', 'organisation')
    order by 1`.execute(db);
  for (const { name } of rows) await sql`alter table measurement_review drop constraint ${sql.ref(name)}`.execute(db);

  await sql`
    create function measurement_review_of_contract_records() returns trigger language plpgsql as $$
    declare
      stray record;
    begin
      select n.contract_id, coalesce(n.claim_id, n.result_id) as record_id into stray
      from new_reviews n
      where (n.claim_id is not null and not exists (select 1 from participant_claim c where c.contract_id = n.contract_id and c.id = n.claim_id))
         or (n.result_id is not null and not exists (select 1 from aggregate_result a where a.contract_id = n.contract_id and a.id = n.result_id))
      limit 1;
      if found then
        raise exception 'a review names record %, which is not a record of contract %', stray.record_id, stray.contract_id
          using errcode = 'foreign_key_violation', table = 'measurement_review';
      end if;
      select n.organisation_id into stray
      from (select distinct organisation_id from new_reviews) n
      where not exists (select 1 from organisation o where o.id = n.organisation_id)
      limit 1;
      if found then
        raise exception 'a review names organisation %, which does not exist', stray.organisation_id
          using errcode = 'foreign_key_violation', table = 'measurement_review';
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger measurement_review_of_contract_records after insert on measurement_review
    referencing new table as new_reviews for each statement execute function measurement_review_of_contract_records()`.execute(db);

  const { rows: unique } = await sql<{ name: string; column: string }>`
    select c.conname as name, a.attname as column
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'u' and t.relname = 'measurement_review' and a.attname in ('claim_id', 'result_id')`.execute(db);
  for (const { name, column } of unique) {
    const { rows: [constraint] } = await sql<{ columns: string[] }>`
      select array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns
      from pg_constraint c where c.conname = ${name} and c.conrelid = 'measurement_review'::regclass`.execute(db);
    await sql`alter table measurement_review drop constraint ${sql.ref(name)}`.execute(db);
    await sql`create unique index ${sql.ref(name)} on measurement_review (${sql.join(constraint!.columns.map((c) => sql.ref(c)))}) where ${sql.ref(column)} is not null`.execute(db);
  }

  await sql`create index measurement_review_by_batch on measurement_review (batch_id)`.execute(db);
}
