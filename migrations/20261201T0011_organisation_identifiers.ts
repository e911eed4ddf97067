import { type Kysely, sql } from 'kysely';

/**
 * Organisations may declare an identifier from a registered list, in org-id.guide form
 * (`<list code>-<identifier>`, e.g. `GB-COH-09506232`, `FR-SIREN-123456789`, `GB-CHC-1234567`),
 * used by open-data exports (INDIGO) to name the organisation.
 *
 * A table of its own rather than a column of `organisation`: the audit trail records an
 * organisation's state as its row (`entity-states.ts`), so a new column (null for every existing
 * organisation) would change the digest of every organisation registered before and make
 * `audit/verify` report them as changed. The identifier is declared when the organisation is
 * registered, in the same transaction, and never changes: like `organisation` (0009), the table
 * refuses UPDATE, DELETE and TRUNCATE.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table organisation_identifier (
    organisation_id uuid primary key references organisation (id),
    identifier text not null unique check (identifier ~ '^[A-Z]{2}-[A-Z0-9]+(-[A-Za-z0-9._/:]+)+$' and length(identifier) <= 200),
    created_at timestamptz not null default now()
  )`.execute(db);
  // refuse_change (0007): "rows of <table> are immutable: <operation> refused".
  await sql`create trigger organisation_identifier_immutable before update or delete on organisation_identifier
            for each row execute function refuse_change()`.execute(db);
  await sql`create trigger organisation_identifier_no_truncate before truncate on organisation_identifier
            for each statement execute function refuse_change()`.execute(db);
}
