import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Issue 19: every contract-scoped table carries contract_id in its primary key, its unique
 * constraints and indexes, and its foreign keys to other contract-scoped tables (migration 0017),
 * so the schema can be distributed or hash-partitioned by contract. Every table of the schema is
 * classified here: a new table fails this test until it is put in one list or the other.
 */

/** Tables whose rows belong to one contract: `contract_id not null`, the distribution key. */
const contractScoped = [
  'contract_version', 'contract_party', 'contract_approval', 'submission', 'participant_claim', 'aggregate_result',
  'measurement_review', 'evaluation', 'obligation', 'drawdown', 'settlement', 'distribution', 'dispute', 'claim_tally',
];

/** The contract itself: its distribution key is its own id. */
const root = 'contract';

/**
 * Not contract-scoped ("reference tables" in Citus terms, or kept on the coordinator), each with why.
 * Contract-scoped tables may refer to them; they refer to no contract-scoped table.
 */
const notContractScoped: Record<string, string> = {
  organisation: 'platform-wide parties',
  organisation_identifier: 'an organisation\'s identifier, unique across the platform',
  organisation_security: 'an organisation\'s sign-in policy',
  api_key: 'an organisation\'s keys, looked up by hash',
  api_key_use: 'when each key was last used',
  member: 'people, unique e-mail among members across the platform',
  invitation: 'invitations of people',
  web_session: 'sessions of people',
  sign_in_failure: 'sign-in throttling',
  service_setting: 'service settings',
  idempotency_record: 'per organisation and key, across contracts',
  audit_entry: 'keyed by (chain, seq): a chain is a contract id as text or the platform chain',
  webhook_endpoint: 'an organisation\'s endpoints',
  webhook_event: 'the outbox: an event\'s contract_id is optional (platform events have none)',
  webhook_delivery: 'deliveries of outbox events to endpoints',
};

describe('contract-scoped keys (migration 0017)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  async function tables(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'schema_migration%'
      order by 1`.execute(database.db);
    return rows.map((r) => r.name);
  }

  async function constraintsOf(type: 'p' | 'u' | 'f') {
    const { rows } = await sql<{ table: string; name: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null }>`
      select t.relname as table, c.conname as name,
             array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
             r.relname as ref_table,
             case when c.confrelid = 0 then null else
               array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                     join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) end as ref_columns
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
      left join pg_class r on r.oid = c.confrelid
      where c.contype = ${type}
      order by 1, 2`.execute(database.db);
    return rows;
  }

  it('classifies every table: contract-scoped, the contract, or not contract-scoped', async () => {
    const all = await tables();
    const classified = new Set([...contractScoped, root, ...Object.keys(notContractScoped)]);
    expect(all.filter((t) => !classified.has(t)), 'unclassified tables: add them to a list of this test').toEqual([]);
  });

  it('gives every contract-scoped table a non-null contract_id, and no other table but the webhook outbox one', async () => {
    const { rows } = await sql<{ table: string; nullable: string }>`
      select table_name as table, is_nullable as nullable from information_schema.columns
      where table_schema = current_schema() and column_name = 'contract_id' order by 1`.execute(database.db);
    const all = await tables();
    expect(rows.filter((r) => r.nullable === 'NO').map((r) => r.table).sort()).toEqual(contractScoped.filter((t) => all.includes(t)).sort());
    expect(rows.filter((r) => r.nullable === 'YES').map((r) => r.table)).toEqual(['webhook_event']);
  });

  it('puts contract_id in the primary key of every contract-scoped table, and id in the contract\'s', async () => {
    const primary = new Map((await constraintsOf('p')).map((c) => [c.table, c.columns]));
    const all = await tables();
    for (const table of contractScoped.filter((t) => all.includes(t))) {
      expect(primary.get(table), table).toContain('contract_id');
      expect(primary.get(table)![0], `${table}: contract_id leads the primary key`).toBe('contract_id');
    }
    expect(primary.get('contract_version')).toEqual(['contract_id', 'id']);
    expect(primary.get('participant_claim')).toEqual(['contract_id', 'id']);
    expect(primary.get('contract_party')).toEqual(['contract_id', 'version_id', 'party_key', 'role']);
    expect(primary.get(root)).toEqual(['id']);
  });

  it('puts contract_id in every unique constraint and every unique index of a contract-scoped table', async () => {
    const unique = (await constraintsOf('u')).filter((c) => contractScoped.includes(c.table));
    expect(unique.length).toBeGreaterThan(5);
    for (const c of unique) expect(c.columns, `${c.table}.${c.name}`).toContain('contract_id');

    // Unique indexes, constraint-backed or not, partial or on expressions: the indexed columns (expressions give 0).
    const { rows } = await sql<{ table: string; index: string; columns: string[] }>`
      select t.relname as table, i.relname as index,
             array(select coalesce(a.attname::text, '(expression)') from unnest(x.indkey::int2[]) with ordinality k(n, p)
                   left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n where k.p <= x.indnkeyatts order by k.p) as columns
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace s on s.oid = t.relnamespace and s.nspname = current_schema()
      where x.indisunique
      order by 1, 2`.execute(database.db);
    const scopedIndexes = rows.filter((r) => contractScoped.includes(r.table));
    expect(scopedIndexes.map((r) => r.index)).toEqual(expect.arrayContaining([
      'participant_claim_original', 'aggregate_result_original', 'submission_idempotency', 'evaluation_scheduled_once',
      'contract_version_one_in_force', 'contract_version_one_proposed', 'participant_claim_supersedes_id_key', 'measurement_review_claim_id_key',
    ]));
    for (const r of scopedIndexes) expect(r.columns, `${r.table}.${r.index}`).toContain('contract_id');
    // The contract's unique indexes name its id or are the one global rule: a reference per registering organisation.
    const contractIndexes = rows.filter((r) => r.table === root);
    expect(contractIndexes.map((r) => [r.index, r.columns])).toEqual([
      ['contract_pkey', ['id']],
      ['contract_reference_per_registrar', ['registered_by_organisation_id', 'reference']],
    ]);
  });

  it('makes every foreign key between contract-scoped tables composite on contract_id, on both sides', async () => {
    const foreign = await constraintsOf('f');
    const between = foreign.filter((c) => contractScoped.includes(c.table) && c.ref_table !== null && contractScoped.includes(c.ref_table));
    expect(between.length).toBeGreaterThan(10);
    for (const fk of between) {
      expect(fk.columns[0], `${fk.table}.${fk.name}`).toBe('contract_id');
      expect(fk.ref_columns, `${fk.table}.${fk.name}`).toEqual(['contract_id', 'id']);
      expect(fk.columns.length, `${fk.table}.${fk.name}`).toBe(2);
    }
    // Into the contract: its contract_id names the contract's id.
    for (const fk of foreign.filter((c) => c.ref_table === root)) {
      if (fk.table === 'webhook_event') continue;
      expect(contractScoped, fk.table).toContain(fk.table);
      expect([fk.columns, fk.ref_columns], `${fk.table}.${fk.name}`).toEqual([['contract_id'], ['id']]);
    }
    // No table outside the contract-scoped ones refers to one of them.
    const fromOutside = foreign.filter((c) => !contractScoped.includes(c.table) && c.ref_table !== null && contractScoped.includes(c.ref_table));
    expect(fromOutside.map((c) => c.name)).toEqual([]);
  });

  it('refuses a row that names a record of another contract (the composite keys say so)', async () => {
    const db = database.db;
    const org = '00000000-0000-4000-8000-000000000001';
    await sql`insert into organisation (id, name, kind) values (${org}, 'Ministry', 'public_authority')`.execute(db);
    const contracts = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
    const versions = ['00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2'];
    for (const [i, id] of contracts.entries()) {
      await sql`insert into contract (id, reference, title, policy_area, currency, status, registered_by_organisation_id)
                values (${id}, ${`C-${i}`}, 'T', 'employment', 'GBP', 'draft', ${org})`.execute(db);
      await sql`insert into contract_version (id, contract_id, number, kind, definition, party_organisations, content_hash, status, proposed_by_organisation_id)
                values (${versions[i]!}, ${id}, 1, 'original', '{}', '{}', 'h', 'proposed', ${org})`.execute(db);
    }
    // A party binding of contract 2 naming contract 1's version.
    const crossed = sql`insert into contract_party (version_id, contract_id, party_key, role, organisation_id)
                        values (${versions[0]!}, ${contracts[1]!}, 'payer', 'outcome_payer', ${org})`.execute(db);
    await expect(crossed).rejects.toMatchObject({ code: '23503' });
    await sql`insert into contract_party (version_id, contract_id, party_key, role, organisation_id)
              values (${versions[0]!}, ${contracts[0]!}, 'payer', 'outcome_payer', ${org})`.execute(db);
    // Still one binding per version, party and role.
    const twice = sql`insert into contract_party (version_id, contract_id, party_key, role, organisation_id)
                      values (${versions[0]!}, ${contracts[0]!}, 'payer', 'outcome_payer', ${org})`.execute(db);
    await expect(twice).rejects.toMatchObject({ code: '23505' });
    // Still one reference per registering organisation, across contracts.
    const sameReference = sql`insert into contract (id, reference, title, policy_area, currency, status, registered_by_organisation_id)
              values ('00000000-0000-4000-8000-0000000000a3', 'C-0', 'T', 'employment', 'GBP', 'draft', ${org})`.execute(db);
    await expect(sameReference).rejects.toMatchObject({ code: '23505' });
  });
});

describe('migration 0017 over a database holding a contract\'s records', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
  });
  afterAll(() => database.close());

  it('keeps every row, and the new keys hold them', async () => {
    const db = database.db;
    const names = Object.keys(migrations);
    const previous = names[names.indexOf('20261201T0017_contract_scoped_keys') - 1]!;
    const migrator = new Migrator({
      db, provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migration', migrationLockTableName: 'schema_migration_lock',
    });
    const { error } = await migrator.migrateTo(previous);
    expect(error).toBeUndefined();

    const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
    const [org, contract, other, version, otherVersion, submission, claim, correction, review, dispute, evaluation, obligation, settlement] =
      Array.from({ length: 13 }, (_, i) => id(i + 1));
    const key = id(99);
    await sql`insert into organisation (id, name, kind) values (${org}, 'Ministry', 'public_authority')`.execute(db);
    for (const [c, v, ref] of [[contract, version, 'A'], [other, otherVersion, 'B']] as const) {
      await sql`insert into contract (id, reference, title, policy_area, currency, status, registered_by_organisation_id)
                values (${c}, ${ref}, 'T', 'employment', 'GBP', 'active', ${org})`.execute(db);
      await sql`insert into contract_version (id, contract_id, number, kind, definition, party_organisations, content_hash, status, proposed_by_organisation_id)
                values (${v}, ${c}, 1, 'original', '{}', '{}', 'h', 'in_force', ${org})`.execute(db);
    }
    await sql`insert into contract_party (version_id, contract_id, party_key, role, organisation_id) values (${version}, ${contract}, 'payer', 'outcome_payer', ${org})`.execute(db);
    await sql`insert into contract_approval (id, version_id, contract_id, organisation_id, content_hash, api_key_id) values (${id(50)}, ${version}, ${contract}, ${org}, 'h', ${key})`.execute(db);
    await sql`insert into submission (id, contract_id, version_id, kind, organisation_id, api_key_id, content_type, row_count, correction_count, body_digest, response)
              values (${submission}, ${contract}, ${version}, 'participant_claims', ${org}, ${key}, 'text/csv', 2, 1, 'd', '{}')`.execute(db);
    await sql`insert into participant_claim (id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, evidence, supersedes_id)
              values (${claim}, ${contract}, ${submission}, 1, 'P1', 'job', 'c1', '2026-01-01', '{}', null),
                     (${correction}, ${contract}, ${submission}, 2, 'P1', 'job', 'c1', '2026-01-02', '{}', ${claim})`.execute(db);
    await sql`insert into measurement_review (id, contract_id, claim_id, decision, reason, organisation_id, api_key_id, batch_id)
              values (${review}, ${contract}, ${correction}, 'rejected', 'no evidence', ${org}, ${key}, ${id(60)})`.execute(db);
    await sql`insert into dispute (id, contract_id, kind, claim_id, review_id, reason, evidence_ref, opened_by_organisation_id, opened_by_api_key_id, opened_at)
              values (${dispute}, ${contract}, 'participant_claims', ${correction}, ${review}, 'here it is', 'ref-1', ${org}, ${key}, now())`.execute(db);
    await sql`insert into evaluation (id, contract_id, version_id, trigger, as_of, known_at, ledger_seq, data_digest, prior_obligations_digest, data_counts, engine_version, result)
              values (${evaluation}, ${contract}, ${version}, 'manual', '2026-06-30', now(), nextval('ledger_seq'), 'd', 'd', '{}', '1', '{}')`.execute(db);
    await sql`insert into obligation (id, contract_id, evaluation_id, line_key, rule_key, scope, payer_party, payer_organisation_id, recipient_party,
                recipient_organisation_id, amount, currency, due_on, kind, corrects)
              values (${obligation}, ${contract}, ${evaluation}, 'l', 'r', 's', 'payer', ${org}, 'provider', ${org}, 100.10, 'GBP', '2026-07-31', 'payment', '[]')`.execute(db);
    await sql`insert into settlement (id, contract_id, obligation_id, payer_organisation_id, amount, currency, settled_on, recorded_by_organisation_id, api_key_id)
              values (${settlement}, ${contract}, ${obligation}, ${org}, 100.10, 'GBP', '2026-07-15', ${org}, ${key})`.execute(db);
    await sql`insert into distribution (id, contract_id, settlement_id, recipient_party, recipient_organisation_id, role, amount, currency, distributed_on, explanation)
              values (${id(70)}, ${contract}, ${settlement}, 'provider', ${org}, 'operator', 100.10, 'GBP', '2026-07-15', 'all')`.execute(db);
    await sql`insert into drawdown (id, contract_id, investor_party, investor_organisation_id, drawn_on, amount, currency, recorded_by_organisation_id, api_key_id)
              values (${id(80)}, ${contract}, 'investor', ${org}, '2026-01-01', 5000, 'GBP', ${org}, ${key})`.execute(db);

    const counts = async () => (await sql<{ n: string }>`
      select concat_ws(',', (select count(*) from contract_version), (select count(*) from contract_party), (select count(*) from contract_approval),
        (select count(*) from submission), (select count(*) from participant_claim), (select count(*) from measurement_review), (select count(*) from dispute),
        (select count(*) from evaluation), (select count(*) from obligation), (select count(*) from settlement), (select count(*) from distribution),
        (select count(*) from drawdown)) as n`.execute(db)).rows[0]!.n;
    const before = await counts();
    expect(await migrateToLatest(db)).toContain('20261201T0017_contract_scoped_keys');
    expect(await counts()).toBe(before);

    // A second correction of the same claim, a review of a record of the other contract: refused.
    const secondCorrection = sql`insert into participant_claim (id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, evidence, supersedes_id)
      values (${id(90)}, ${contract}, ${submission}, 3, 'P1', 'job', 'c1', '2026-01-03', '{}', ${claim})`.execute(db);
    await expect(secondCorrection).rejects.toMatchObject({ code: '23505' });
    const crossReview = sql`insert into measurement_review (id, contract_id, claim_id, decision, organisation_id, api_key_id, batch_id)
      values (${id(91)}, ${other}, ${claim}, 'validated', ${org}, ${key}, ${id(61)})`.execute(db);
    await expect(crossReview).rejects.toMatchObject({ code: '23503' });
    // The immutability triggers still hold.
    await expect(sql`update participant_claim set cohort = 'c2' where id = ${claim}`.execute(db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`delete from settlement where id = ${settlement}`.execute(db)).rejects.toMatchObject({ code: '42501' });
  });
});
