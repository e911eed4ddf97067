import { type Kysely, sql } from 'kysely';

/**
 * Contract-scoped keys (issue 19): every table whose rows belong to one contract carries
 * `contract_id` in its primary key, in every unique constraint and in every foreign key to another
 * contract-scoped table, so the schema can be hash-partitioned by contract, or distributed by
 * contract on a Citus-style cluster with every table co-located (README, "Distributing by contract").
 *
 * - Primary keys become (contract_id, id); contract_party's (contract_id, version_id, party_key, role).
 *   They replace the `<table>_by_contract (contract_id, id)` indexes, dropped.
 * - Unique constraints gain contract_id: multi-column ones in front (contract_approval_once,
 *   evaluation's ledger number); single-record ones after the record's column (a correction's
 *   supersedes_id, a review's or dispute's claim_id / result_id / review_id), so a lookup by that
 *   column alone still uses the index. Each guarantee stays: a record is reviewed, superseded,
 *   disputed at most once, and both rows are always of the same contract (the composite foreign
 *   keys below say so). `ledger_seq` values come from one sequence, so they stay distinct across
 *   contracts without a global index.
 * - Foreign keys between contract-scoped tables become (contract_id, x_id) → (contract_id, id):
 *   a claim's submission, a correction's original, a review's record, a dispute's review… is now of
 *   the same contract by the database's own check, not only by the code's. Foreign keys that a
 *   previous migration removed (e.g. for ingest speed) are not put back: only those present are
 *   rewritten. Foreign keys to `contract` (contract_id → contract.id) and to organisations, members
 *   (reference tables) stay.
 * - Rows looked up by their id alone (audit verification reads each audited entity by id; a
 *   version by id; a submission joined by id) keep a non-unique index on id: contract_version,
 *   contract_approval, submission, evaluation, obligation, drawdown, settlement, distribution,
 *   dispute; contract_party keeps one on version_id. participant_claim, aggregate_result and
 *   measurement_review (millions of rows, written in bulk) get none: their queries name the contract.
 *
 * Not contract-scoped, unchanged: contract itself (its key is its id, and its reference is unique
 * per registering organisation across contracts), organisations, keys, people, sessions,
 * idempotency records (per organisation), webhooks (an event's contract is optional), the audit
 * trail (keyed by chain and sequence: a chain is a contract's id or the platform's).
 *
 * Triggers are untouched: they are per row and name no constraint. No code reads a constraint name.
 */
const scoped = [
  'contract_version', 'contract_party', 'contract_approval', 'submission', 'participant_claim', 'aggregate_result',
  'measurement_review', 'evaluation', 'obligation', 'drawdown', 'settlement', 'distribution', 'dispute',
] as const;

const byIdIndexes = [
  'contract_version', 'contract_approval', 'submission', 'evaluation', 'obligation', 'drawdown', 'settlement', 'distribution', 'dispute',
] as const;

interface Constraint { table: string; name: string; type: 'p' | 'u' | 'f'; columns: string[]; refTable: string | null; refColumns: string[] | null }

async function constraints(db: Kysely<any>, tables: readonly string[]): Promise<Constraint[]> {
  const { rows } = await sql<{ table: string; name: string; type: 'p' | 'u' | 'f'; columns: string[]; ref_table: string | null; ref_columns: string[] | null }>`
    select t.relname as table, c.conname as name, c.contype as type,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
           r.relname as ref_table,
           case when c.confrelid = 0 then null else
             array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) end as ref_columns
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
    left join pg_class r on r.oid = c.confrelid
    where c.contype in ('p', 'u', 'f') and (t.relname = any(${tables as unknown as string[]}) or r.relname = any(${tables as unknown as string[]}))
    order by t.relname, c.conname`.execute(db);
  return rows.map((r) => ({ table: r.table, name: r.name, type: r.type, columns: r.columns, refTable: r.ref_table, refColumns: r.ref_columns }));
}

const list = (columns: string[]) => sql.join(columns.map((c) => sql.ref(c)));

export async function up(db: Kysely<any>): Promise<void> {
  const before = await constraints(db, scoped);
  const isScoped = (t: string | null) => t !== null && (scoped as readonly string[]).includes(t);

  // 1. Foreign keys into contract-scoped tables go first: they depend on the primary keys replaced below.
  const foreignKeys = before.filter((c) => c.type === 'f' && isScoped(c.refTable));
  for (const fk of foreignKeys) {
    if (!isScoped(fk.table)) throw new Error(`${fk.name}: ${fk.table} refers to contract-scoped ${fk.refTable} but is not contract-scoped`);
    if (fk.columns.length !== 1 || fk.refColumns?.join() !== 'id') throw new Error(`${fk.name}: unexpected foreign key ${fk.columns.join()} → ${fk.refColumns?.join()}`);
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.ref(fk.name)}`.execute(db);
  }

  // 2. Primary keys and unique constraints include contract_id.
  for (const c of before.filter((x) => (x.type === 'p' || x.type === 'u') && isScoped(x.table) && !x.columns.includes('contract_id'))) {
    const columns = c.type === 'u' && c.columns.length === 1 && c.columns[0] !== 'ledger_seq'
      ? [...c.columns, 'contract_id'] // a record's column first: lookups by it alone keep their index
      : ['contract_id', ...c.columns];
    await sql`alter table ${sql.table(c.table)} drop constraint ${sql.ref(c.name)}`.execute(db);
    await sql`alter table ${sql.table(c.table)} add constraint ${sql.ref(c.name)} ${sql.raw(c.type === 'p' ? 'primary key' : 'unique')} (${list(columns)})`.execute(db);
  }

  // 3. The (contract_id, id) indexes the primary keys now are; an index on id where rows are read by id alone.
  for (const table of scoped) await sql`drop index if exists ${sql.ref(`${table}_by_contract`)}`.execute(db);
  for (const table of byIdIndexes) await sql`create index ${sql.ref(`${table}_by_id`)} on ${sql.table(table)} (id)`.execute(db);
  await sql`create index contract_party_by_version on contract_party (version_id)`.execute(db);

  // 4. Foreign keys between contract-scoped tables, composite: the referenced row is of the same contract.
  for (const fk of foreignKeys) {
    await sql`alter table ${sql.table(fk.table)} add constraint ${sql.ref(fk.name)}
              foreign key (contract_id, ${sql.ref(fk.columns[0]!)}) references ${sql.table(fk.refTable!)} (contract_id, id)`.execute(db);
  }
}
