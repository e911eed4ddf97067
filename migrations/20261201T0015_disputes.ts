import { type Kysely, sql } from 'kysely';

/**
 * Disputes (issue 17; the INDIGO standard's DISPUTED state): the operator that submitted a
 * rejected outcome record contests the rejection with a reason and an evidence reference; an
 * evaluator of the contract upholds it (the record counts as validated from then on) or dismisses
 * it (it stays rejected).
 *
 * One row per dispute, naming the record (a claim or a result, like measurement_review) and the
 * review it contests. A record is disputed at most once (unique claim_id, result_id): a dismissal
 * is final, and the operator's remedy after it is a correction (a new record, reviewed afresh).
 * Hence at most one open dispute per record as well.
 *
 * A table of record: no TRUNCATE, no DELETE, and the only UPDATE is the resolution, once: `state`
 * from open to upheld or dismissed with the resolution columns set from null (guard_dispute).
 * `resolved_ledger_seq` numbers the resolution among the facts an evaluation reads (migration
 * 0005): an evaluation with ledger number N counts a record whose dispute was upheld below N, and
 * no other evaluation, so every evaluation stays reproducible.
 *
 * Who: the organisation, and exactly one of its API key or member (a person signed in).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dispute')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('contract_id', 'uuid', (c) => c.notNull().references('contract.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('participant_claims', 'aggregate_results')`))
    .addColumn('claim_id', 'uuid', (c) => c.unique().references('participant_claim.id'))
    .addColumn('result_id', 'uuid', (c) => c.unique().references('aggregate_result.id'))
    .addColumn('review_id', 'uuid', (c) => c.notNull().unique().references('measurement_review.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence_ref', 'text', (c) => c.notNull())
    .addColumn('opened_by_organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('opened_by_api_key_id', 'uuid')
    .addColumn('opened_by_member_id', 'uuid', (c) => c.references('member.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open').check(sql`state in ('open', 'upheld', 'dismissed')`))
    .addColumn('resolution_reason', 'text')
    .addColumn('resolved_by_organisation_id', 'uuid', (c) => c.references('organisation.id'))
    .addColumn('resolved_by_api_key_id', 'uuid')
    .addColumn('resolved_by_member_id', 'uuid', (c) => c.references('member.id'))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_ledger_seq', 'bigint')
    .addCheckConstraint('dispute_one_record', sql`(claim_id is null) <> (result_id is null) and (kind = 'participant_claims') = (claim_id is not null)`)
    .addCheckConstraint('dispute_reason', sql`length(btrim(reason)) > 0 and length(btrim(evidence_ref)) > 0`)
    .addCheckConstraint('dispute_opened_by', sql`(opened_by_api_key_id is null) <> (opened_by_member_id is null)`)
    .addCheckConstraint('dispute_resolution', sql`
      case when state = 'open'
        then resolution_reason is null and resolved_by_organisation_id is null and resolved_by_api_key_id is null
             and resolved_by_member_id is null and resolved_at is null and resolved_ledger_seq is null
        else length(btrim(coalesce(resolution_reason, ''))) > 0 and resolved_by_organisation_id is not null
             and (resolved_by_api_key_id is null) <> (resolved_by_member_id is null) and resolved_at is not null and resolved_ledger_seq is not null
      end`)
    .execute();
  await db.schema.createIndex('dispute_by_contract').on('dispute').columns(['contract_id', 'id']).execute();
  // What an evaluation reads: the upheld disputes of a contract below its ledger number.
  await sql`create index dispute_upheld on dispute (contract_id, resolved_ledger_seq) where state = 'upheld'`.execute(db);

  await sql`
    create function guard_dispute() returns trigger language plpgsql as $$
    declare
      changed text[];
    begin
      if tg_op = 'DELETE' then
        raise exception 'rows of dispute are immutable: DELETE refused' using errcode = '42501';
      end if;
      changed := array(select c from unnest(changed_columns(to_jsonb(old), to_jsonb(new))) c
                       where c <> all (array['state', 'resolution_reason', 'resolved_by_organisation_id', 'resolved_by_api_key_id',
                                             'resolved_by_member_id', 'resolved_at', 'resolved_ledger_seq']) order by c);
      if cardinality(changed) > 0 then
        raise exception 'rows of dispute are immutable but for their resolution: UPDATE of % refused', array_to_string(changed, ', ')
          using errcode = '42501';
      end if;
      if old.state <> 'open' or new.state not in ('upheld', 'dismissed') then
        raise exception 'dispute state may not move from % to %: UPDATE refused', old.state, coalesce(new.state, 'null')
          using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger dispute_guarded before update or delete on dispute for each row execute function guard_dispute()`.execute(db);
  // refuse_change (0007) for TRUNCATE, as every table of record (0009).
  await sql`create trigger dispute_no_truncate before truncate on dispute for each statement execute function refuse_change()`.execute(db);
}
