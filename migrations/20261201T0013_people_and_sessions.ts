import { type Kysely, sql } from 'kysely';

/**
 * People, not only keys (issue 17, part 1):
 * - member: a person of an organisation, with an organisation role (`admin` or `member`), a
 *   password hashed with scrypt (the encoded hash carries its parameters and salt), an optional
 *   TOTP second factor (the secret, once confirmed; a pending one while enrolling; the last time
 *   step used, so a code is never accepted twice) and a preferred locale. E-mail addresses are
 *   unique across the platform (sign-in is by e-mail), compared in lower case.
 * - invitation: a one-time link (only the SHA-256 of its token is stored), with its expiry, who
 *   invited, and when and as whom it was accepted. Its e-mail address is null only for the
 *   invitation of the first platform administrator printed at first start: whoever accepts it
 *   gives theirs.
 * - web_session: a server-side session; only the SHA-256 of the session token is stored. `stage`
 *   says what the session may do: `second_factor` (password checked, TOTP code awaited),
 *   `enrol_totp` (the organisation requires TOTP and the person has none yet) or `full`.
 * - sign_in_failure: failed sign-ins, per account (e-mail) and per client address, for throttling
 *   that holds across instances; rows older than the window are pruned as new ones arrive.
 * - organisation_security: an organisation's sign-in policy (`require_totp`). A table of its own,
 *   because organisation rows are immutable (migration 0009) and their audited state must stay
 *   what earlier entries recorded.
 * - audit_entry.member_id: the person behind a write, when a person did it. Entry hashes cover it
 *   only when it is set, so entries written before verify unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en').check(sql`locale in ('en', 'fr')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    .addColumn('totp_pending_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('invitation_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index member_email_unique on member (lower(email))`.execute(db);
  await db.schema.createIndex('member_organisation').on('member').columns(['organisation_id', 'id']).execute();

  await db.schema
    .createTable('invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('en', 'fr')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by_member_id', 'uuid')
    .addColumn('invited_by_key_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('member_id', 'uuid')
    .execute();
  await db.schema.createIndex('invitation_organisation').on('invitation').columns(['organisation_id', 'id']).execute();

  await db.schema
    .createTable('web_session')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('member.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('second_factor', 'enrol_totp', 'full')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('web_session_member').on('web_session').column('member_id').execute();

  await db.schema
    .createTable('sign_in_failure')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failure_account').on('sign_in_failure').columns(['account', 'at']).execute();
  await db.schema.createIndex('sign_in_failure_address').on('sign_in_failure').columns(['address', 'at']).execute();
  await db.schema.createIndex('sign_in_failure_at').on('sign_in_failure').column('at').execute();

  await db.schema
    .createTable('organisation_security')
    .addColumn('organisation_id', 'uuid', (c) => c.primaryKey().references('organisation.id'))
    .addColumn('require_totp', 'boolean', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_by_member_id', 'uuid')
    .addColumn('changed_by_key_id', 'uuid')
    .execute();

  await db.schema.alterTable('audit_entry').addColumn('member_id', 'uuid').execute();
}
