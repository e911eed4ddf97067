import { type Kysely, sql } from 'kysely';

/**
 * Every table of record: refused TRUNCATE (the row triggers of 0007 never see one), and guarded
 * against UPDATE and DELETE, each as far as the service itself may change it.
 */
export const tablesOfRecord = [
  'audit_entry', 'organisation', 'api_key', 'contract', 'contract_version', 'contract_party', 'contract_approval',
  'submission', 'participant_claim', 'aggregate_result', 'measurement_review', 'evaluation', 'obligation', 'drawdown',
  'settlement', 'distribution',
] as const;

/**
 * The database itself refuses what the service never does, for a table owner as for the service:
 * - TRUNCATE of any table of record;
 * - organisation and contract_party (a version's party bindings): any UPDATE or DELETE;
 * - contract_version: DELETE, and any UPDATE but of `status` along proposed → in_force,
 *   proposed → withdrawn, in_force → superseded, and of `in_force_at` from null to a value (its
 *   definition, bindings and content hash never change);
 * - contract: DELETE; its id, reference, currency, registrar and creation time never change; its
 *   status moves only draft → active, draft → terminated, active → terminated (title and policy
 *   area follow the version in force; activation and termination details are set by those acts);
 * - api_key: DELETE, and any UPDATE but its revocation (`revoked_at`, `revoked_by_key_id`), once.
 * Every refusal raises SQLSTATE 42501 with a message naming the table. What a table owner does with
 * the triggers disabled, the audit trail's verification sees (src/db/queries/audit-verify.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The columns whose values differ between two rows of one table (as jsonb, so new columns are covered).
  await sql`
    create function changed_columns(old_row jsonb, new_row jsonb) returns text[] language sql immutable as $$
      select coalesce(array_agg(n.key order by n.key), '{}')
      from jsonb_each(new_row) n
      where n.value is distinct from old_row -> n.key
    $$`.execute(db);

  await sql`
    create function guard_contract_version() returns trigger language plpgsql as $$
    declare
      changed text[];
    begin
      if tg_op = 'DELETE' then
        raise exception 'rows of contract_version are immutable: DELETE refused' using errcode = '42501';
      end if;
      changed := array(select c from unnest(changed_columns(to_jsonb(old), to_jsonb(new))) c where c <> all (array['status', 'in_force_at']) order by c);
      if cardinality(changed) > 0 then
        raise exception 'rows of contract_version are immutable but for status and in_force_at: UPDATE of % refused', array_to_string(changed, ', ')
          using errcode = '42501';
      end if;
      if new.status is distinct from old.status
         and (old.status, new.status) not in (('proposed', 'in_force'), ('proposed', 'withdrawn'), ('in_force', 'superseded')) then
        raise exception 'contract_version status may not move from % to %: UPDATE refused', old.status, coalesce(new.status, 'null')
          using errcode = '42501';
      end if;
      if old.in_force_at is not null and new.in_force_at is distinct from old.in_force_at then
        raise exception 'contract_version in_force_at is set once: UPDATE refused' using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);

  await sql`
    create function guard_contract() returns trigger language plpgsql as $$
    declare
      changed text[];
    begin
      if tg_op = 'DELETE' then
        raise exception 'rows of contract are immutable: DELETE refused' using errcode = '42501';
      end if;
      changed := array(select c from unnest(changed_columns(to_jsonb(old), to_jsonb(new))) c
                       where c = any (array['id', 'reference', 'currency', 'registered_by_organisation_id', 'created_at']) order by c);
      if cardinality(changed) > 0 then
        raise exception 'contract % is immutable: UPDATE refused', array_to_string(changed, ', ') using errcode = '42501';
      end if;
      if new.status is distinct from old.status
         and (old.status, new.status) not in (('draft', 'active'), ('draft', 'terminated'), ('active', 'terminated')) then
        raise exception 'contract status may not move from % to %: UPDATE refused', old.status, coalesce(new.status, 'null')
          using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);

  await sql`
    create function guard_api_key() returns trigger language plpgsql as $$
    declare
      changed text[];
    begin
      if tg_op = 'DELETE' then
        raise exception 'rows of api_key are immutable: DELETE refused' using errcode = '42501';
      end if;
      changed := array(select c from unnest(changed_columns(to_jsonb(old), to_jsonb(new))) c where c <> all (array['revoked_at', 'revoked_by_key_id']) order by c);
      if cardinality(changed) > 0 then
        raise exception 'rows of api_key are immutable but for their revocation: UPDATE of % refused', array_to_string(changed, ', ')
          using errcode = '42501';
      end if;
      if (old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at)
         or (old.revoked_by_key_id is not null and new.revoked_by_key_id is distinct from old.revoked_by_key_id) then
        raise exception 'api_key revocation is recorded once: UPDATE refused' using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);

  for (const table of tablesOfRecord) {
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
              for each statement execute function refuse_change()`.execute(db);
  }
  // refuse_change (0007): "rows of <table> are immutable: <operation> refused".
  for (const table of ['organisation', 'contract_party']) {
    await sql`create trigger ${sql.raw(`${table}_immutable`)} before update or delete on ${sql.table(table)}
              for each row execute function refuse_change()`.execute(db);
  }
  for (const table of ['contract_version', 'contract', 'api_key']) {
    await sql`create trigger ${sql.raw(`${table}_guarded`)} before update or delete on ${sql.table(table)}
              for each row execute function ${sql.raw(`guard_${table}`)}()`.execute(db);
  }
}
