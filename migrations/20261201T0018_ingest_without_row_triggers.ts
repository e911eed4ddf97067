import { type Kysely, sql } from 'kysely';

/**
 * Ingest speed (issue 19): a participant claim's foreign keys were checked row by row, by a trigger
 * per key and per row (a million claims: three million queued trigger events and two million index
 * lookups). Each fact they checked is already guaranteed by the one path that writes claims, the
 * upload (src/usecases/submit-measurements.ts with src/db/queries/ingest.ts), in the upload's own
 * transaction, and no row they protect can go away:
 *
 * - contract_id → contract: the upload reads and locks the contract (`for share`) before any row is
 *   written, refuses it unless active, and writes that contract's id into every row; a contract is
 *   never deleted (migration 0009).
 * - (contract_id, submission_id) → submission: the upload inserts its submission, of that contract,
 *   in the same transaction just before its rows, and writes its id into every row; submissions
 *   are immutable (migration 0007).
 * - (contract_id, supersedes_id) → participant_claim: before the rows move to the table, the upload
 *   refuses any correction whose `supersedes` is not a claim of the same contract (the staged
 *   checks, in the same transaction); claims are immutable and never deleted (0007, 0009).
 *
 * Foreign keys are looked up by what they join (not by name): 0017 may have rewritten them.
 * Every other guarantee stays in the database: the primary key, the unique original (duplicates
 * refused), a record corrected at most once, immutability, and the foreign keys *into* claims
 * (reviews, disputes) that other writes rely on.
 *
 * A record is corrected at most once: that unique index covered every claim, one entry per
 * original with a null key. It now covers corrections only (the same guarantee, as nulls never
 * collided), under the same name and columns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select c.conname as name
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
    join pg_class r on r.oid = c.confrelid
    where c.contype = 'f' and t.relname = 'participant_claim' and r.relname in ('contract', 'submission', 'participant_claim')
    order by 1`.execute(db);
  for (const { name } of rows) await sql`alter table participant_claim drop constraint ${sql.ref(name)}`.execute(db);

  const { rows: unique } = await sql<{ name: string; columns: string[] }>`
    select c.conname as name,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
    where c.contype = 'u' and t.relname = 'participant_claim'
      and exists (select 1 from unnest(c.conkey) k(n) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n where a.attname = 'supersedes_id')`.execute(db);
  for (const { name, columns } of unique) {
    await sql`alter table participant_claim drop constraint ${sql.ref(name)}`.execute(db);
    await sql`create unique index ${sql.ref(name)} on participant_claim (${sql.join(columns.map((c) => sql.ref(c)))}) where supersedes_id is not null`.execute(db);
  }
}
