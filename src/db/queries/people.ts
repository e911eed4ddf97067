import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Invitation, Member, OrganisationKind, SessionStage, WebSession } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Queries of people, invitations, sessions and sign-in failures (migration 0013). */

/** The person who signs in with this address: a member (people removed do not sign in, and their address may be given again). */
export async function findMemberByEmail(db: Db, email: string): Promise<Member | undefined> {
  return db.selectFrom('member').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).where('removed_at', 'is', null).executeTakeFirst();
}

export async function findMember(db: Db, id: string): Promise<Member | undefined> {
  return db.selectFrom('member').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockMember(db: Db, id: string): Promise<Member | undefined> {
  return db.selectFrom('member').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The people of an organisation, those removed included (their `removed_at` set). */
export async function listMembers(db: Db, organisationId: string): Promise<Member[]> {
  return db.selectFrom('member').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute();
}

/** The members of an organisation (not those removed), locked in id order: who may be removed is decided on them. */
export async function lockCurrentMembers(db: Db, organisationId: string): Promise<Member[]> {
  return db.selectFrom('member').selectAll().where('organisation_id', '=', organisationId).where('removed_at', 'is', null)
    .orderBy('id').forUpdate().execute();
}

export async function insertMember(db: Db, row: Omit<Member, never>): Promise<Member> {
  return db.insertInto('member').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateMember(db: Db, id: string, changes: Partial<Omit<Member, 'id' | 'organisation_id' | 'created_at'>>): Promise<Member> {
  return db.updateTable('member').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertInvitation(db: Db, row: Invitation): Promise<Invitation> {
  return db.insertInto('invitation').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findInvitationByTokenHash(db: Db, tokenHash: string, lock = false): Promise<Invitation | undefined> {
  let q = db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function markInvitationAccepted(db: Db, id: string, memberId: string, at: Date): Promise<Invitation> {
  return db.updateTable('invitation').set({ accepted_at: at, member_id: memberId }).where('id', '=', id).where('accepted_at', 'is', null)
    .returningAll().executeTakeFirstOrThrow();
}

export async function listPendingInvitations(db: Db, organisationId: string, now: Date): Promise<Invitation[]> {
  return db.selectFrom('invitation').selectAll().where('organisation_id', '=', organisationId).where('accepted_at', 'is', null)
    .where('expires_at', '>', now).orderBy('id').execute();
}

export async function insertSession(db: Db, row: WebSession): Promise<WebSession> {
  return db.insertInto('web_session').values(row).returningAll().executeTakeFirstOrThrow();
}

export interface SessionWithOwner {
  session: WebSession;
  member: Member;
  organisationKind: OrganisationKind;
  organisationName: string;
}

/** A session by the hash of its token, with its person and organisation (one query). */
export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionWithOwner | undefined> {
  const row = await db.selectFrom('web_session as s')
    .innerJoin('member as m', 'm.id', 's.member_id')
    .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
    .selectAll('s')
    .select([
      'm.id as m_id', 'm.organisation_id as m_organisation_id', 'm.email as m_email', 'm.name as m_name', 'm.role as m_role', 'm.locale as m_locale',
      'm.password_hash as m_password_hash', 'm.password_changed_at as m_password_changed_at', 'm.totp_secret as m_totp_secret',
      'm.totp_enabled_at as m_totp_enabled_at', 'm.totp_pending_secret as m_totp_pending_secret', 'm.totp_last_step as m_totp_last_step',
      'm.invitation_id as m_invitation_id', 'm.created_at as m_created_at', 'm.removed_at as m_removed_at',
      'm.removed_by_member_id as m_removed_by_member_id', 'm.removed_by_key_id as m_removed_by_key_id', 'o.kind as o_kind', 'o.name as o_name',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { id, token_hash, member_id, organisation_id, stage, created_at, last_seen_at, expires_at, revoked_at } = row;
  return {
    session: { id, token_hash, member_id, organisation_id, stage, created_at, last_seen_at, expires_at, revoked_at },
    member: {
      id: row.m_id, organisation_id: row.m_organisation_id, email: row.m_email, name: row.m_name, role: row.m_role, locale: row.m_locale,
      password_hash: row.m_password_hash, password_changed_at: row.m_password_changed_at, totp_secret: row.m_totp_secret,
      totp_enabled_at: row.m_totp_enabled_at, totp_pending_secret: row.m_totp_pending_secret, totp_last_step: row.m_totp_last_step,
      invitation_id: row.m_invitation_id, created_at: row.m_created_at, removed_at: row.m_removed_at,
      removed_by_member_id: row.m_removed_by_member_id, removed_by_key_id: row.m_removed_by_key_id,
    },
    organisationKind: row.o_kind,
    organisationName: row.o_name,
  };
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('web_session').set({ last_seen_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('web_session').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Revokes every session of a person still open (but `except`); how many. */
export async function revokeMemberSessions(db: Db, memberId: string, at: Date, except?: string): Promise<number> {
  let q = db.updateTable('web_session').set({ revoked_at: at }).where('member_id', '=', memberId).where('revoked_at', 'is', null)
    .where('expires_at', '>', at);
  if (except) q = q.where('id', '!=', except);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setSessionStage(db: Db, id: string, stage: SessionStage): Promise<void> {
  await db.updateTable('web_session').set({ stage }).where('id', '=', id).execute();
}

export async function requiresTotp(db: Db, organisationId: string): Promise<boolean> {
  const row = await db.selectFrom('organisation_security').select('require_totp').where('organisation_id', '=', organisationId).executeTakeFirst();
  return row?.require_totp ?? false;
}

/** Failures in the window for an account and for an address, with the oldest of each. */
export async function countSignInFailures(db: Db, account: string, address: string, since: Date) {
  const { rows } = await sql<{ account: string; address: string; oldest_account: Date | null; oldest_address: Date | null }>`
    select count(*) filter (where account = ${account})::text as account,
           count(*) filter (where address = ${address})::text as address,
           min(at) filter (where account = ${account}) as oldest_account,
           min(at) filter (where address = ${address}) as oldest_address
    from sign_in_failure where at > ${since} and (account = ${account} or address = ${address})`.execute(db);
  const r = rows[0]!;
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { account: Number(r.account), address: Number(r.address), oldestAccount: date(r.oldest_account), oldestAddress: date(r.oldest_address) };
}

/** Records a failure and forgets those older than the window. */
export async function recordSignInFailure(db: Db, account: string, address: string, at: Date, since: Date): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('at', '<=', since).execute();
  await db.insertInto('sign_in_failure').values({ account, address, at }).execute();
}

export async function clearAccountFailures(db: Db, account: string): Promise<void> {
  await db.deleteFrom('sign_in_failure').where('account', '=', account).execute();
}
