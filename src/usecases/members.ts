import { ApiError } from '../api/errors/api-error.ts';
import { mayActInOrganisation, type OrganisationAction } from '../api/auth/permissions.ts';
import { PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { findOrganisation } from '../db/queries/organisations.ts';
import {
  findInvitationByTokenHash, findMemberByEmail, insertInvitation, insertMember, lockMember, markInvitationAccepted, updateMember,
} from '../db/queries/people.ts';
import { newId } from '../db/ids.ts';
import type { Invitation, Locale, Member, Organisation, OrganisationRole } from '../db/schema.ts';
import { invitationExpiry, invitationStatus, normaliseEmail } from '../domain/people/invitations.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../domain/people/password.ts';
import { INVITATION_PREFIX, newSecret, secretHash } from '../domain/people/tokens.ts';
import { newTotpSecret, totpUri, verifyTotp } from '../domain/people/totp.ts';
import type { Actor, WriteContext } from './context.ts';

/**
 * People of organisations (issue 17): invitations, their acceptance, and what a person changes
 * on their own account (password, TOTP, language). Every change is a write through runWrite with
 * its audit entry on the platform chain (where organisations and keys are), carrying the person.
 * The audited state of a person is their row (the password and TOTP secrets enter it only
 * through the entry's digest).
 */

const roleOf = (actor: Actor): OrganisationRole | null => actor.keyScope;

export function requireOrganisationPermission(actor: Actor, action: OrganisationAction, organisationId: string): void {
  if (mayActInOrganisation(action, { organisationId: actor.organisationId, role: roleOf(actor), isAdmin: actor.isAdmin }, organisationId)) return;
  throw new ApiError('forbidden', actor.organisationId === organisationId
    ? "Only the organisation's admins may do this."
    : "Only the organisation's own admins (or, where the table allows, the platform administrator) may do this.");
}

export function passwordRefusal(password: string, email: string, path = 'password'): ApiError | undefined {
  const problems = passwordProblems(password, { email });
  if (problems.length === 0) return undefined;
  return new ApiError('validation_failed', `The password ${problems.join('; ')}.`, {
    errors: problems.map((message) => ({ location: 'body' as const, path, message })),
  });
}

export interface InvitationCreated {
  invitation: Invitation;
  organisation: Organisation;
  /** The one-time token of the link: shown once, only its hash is stored. */
  token: string;
  inviterName: string | null;
}

/** Invites a person to an organisation; the permissions table decides who may (and which role the platform administrator may give). */
export async function inviteMember(
  ctx: WriteContext,
  input: { organisationId: string; email: string; name?: string | undefined; role: OrganisationRole; locale?: Locale | undefined },
  policy: { invitationTtlHours: number },
): Promise<InvitationCreated> {
  const { actor } = ctx;
  requireOrganisationPermission(ctx.actor, 'members.invite', input.organisationId);
  const organisation = await findOrganisation(ctx.trx, input.organisationId);
  if (!organisation) throw new ApiError('not_found', 'No such organisation.');
  const ownAdmin = actor.organisationId === input.organisationId && actor.keyScope === 'admin';
  if (!ownAdmin && input.role !== 'admin') {
    throw new ApiError('forbidden', "The platform administrator invites an organisation's first admin; its admins invite its members.", {
      errors: [{ location: 'body', path: 'role', message: 'the platform administrator invites admins only' }],
    });
  }
  const email = normaliseEmail(input.email);
  if (await findMemberByEmail(ctx.trx, email)) {
    throw new ApiError('conflict', 'A person with this e-mail address already has an account.', {
      errors: [{ location: 'body', path: 'email', message: 'already has an account' }],
    });
  }
  const inviter = actor.memberId ? await lockMember(ctx.trx, actor.memberId) : undefined;
  const token = newSecret(INVITATION_PREFIX);
  const invitation = await insertInvitation(ctx.trx, {
    id: newId(), organisation_id: input.organisationId, email, name: input.name ?? null, role: input.role,
    locale: input.locale ?? inviter?.locale ?? 'en', token_hash: secretHash(token),
    invited_by_member_id: actor.memberId ?? null, invited_by_key_id: actor.apiKeyId, created_at: ctx.now,
    expires_at: invitationExpiry(ctx.now, policy.invitationTtlHours), accepted_at: null, member_id: null,
  });
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, state: invitation });
  return { invitation, organisation, token, inviterName: inviter?.name ?? null };
}

/**
 * Withdraws a pending invitation, by those who may invite (the permissions table): its link stops
 * working at once — it expires now, so the acceptance page says to ask for a new one — and the
 * audit entry `invitation.revoked` says who withdrew it. Accepted or expired: 409, nothing written.
 */
export async function revokeInvitation(ctx: WriteContext, input: { organisationId: string; invitationId: string }): Promise<Invitation> {
  requireOrganisationPermission(ctx.actor, 'members.invite', input.organisationId);
  const invitation = await ctx.trx.selectFrom('invitation').selectAll()
    .where('id', '=', input.invitationId).where('organisation_id', '=', input.organisationId).forUpdate().executeTakeFirst();
  if (!invitation) throw new ApiError('not_found', 'No such invitation.');
  const status = invitationStatus(invitation, ctx.now);
  if (status === 'accepted') throw new ApiError('invalid_state', 'This invitation was already accepted: the person has an account.');
  if (status === 'expired') throw new ApiError('invalid_state', `This invitation expired on ${invitation.expires_at.toISOString()}: its link already works no more.`);
  const revoked = await ctx.trx.updateTable('invitation').set({ expires_at: ctx.now }).where('id', '=', invitation.id).returningAll().executeTakeFirstOrThrow();
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'invitation.revoked', entityType: 'invitation', entityId: revoked.id, state: revoked });
  return revoked;
}

/** The invitation a token opens, checked (404 unknown, 409 accepted or expired), outside any write. */
export async function openInvitation(db: Parameters<typeof findInvitationByTokenHash>[0], token: string, now: Date): Promise<Invitation> {
  const invitation = await findInvitationByTokenHash(db, secretHash(token));
  if (!invitation) throw new ApiError('not_found', 'No such invitation: check the link, or ask for a new one.');
  const status = invitationStatus(invitation, now);
  if (status === 'accepted') throw new ApiError('invalid_state', 'This invitation was already used. Sign in instead.');
  if (status === 'expired') throw new ApiError('invalid_state', `This invitation expired on ${invitation.expires_at.toISOString()}. Ask for a new one.`);
  return invitation;
}

/**
 * Accepts an invitation: the person chooses their name and password (hashed before the write,
 * outside the transaction: scrypt takes a fraction of a second). The actor is the person being
 * created (`memberId` chosen in advance), so the audit entry names them.
 */
/**
 * Who accepts an invitation: the person being created (their id chosen in advance, so the audit
 * entries of the acceptance name them), of the invitation's organisation and role.
 */
export function inviteeActor(invitation: Invitation, requestId: string | null): Actor {
  return { organisationId: invitation.organisation_id, apiKeyId: null, keyScope: invitation.role, isAdmin: false, requestId, memberId: newId() };
}

export async function acceptInvitation(
  ctx: WriteContext,
  input: { token: string; name: string; email?: string | undefined; passwordHash: string; locale?: Locale | undefined },
): Promise<Member> {
  const invitation = await findInvitationByTokenHash(ctx.trx, secretHash(input.token), true);
  if (!invitation) throw new ApiError('not_found', 'No such invitation: check the link, or ask for a new one.');
  const status = invitationStatus(invitation, ctx.now);
  if (status !== 'pending') throw new ApiError('invalid_state', status === 'accepted' ? 'This invitation was already used. Sign in instead.' : 'This invitation expired. Ask for a new one.');
  const email = invitationEmailOf(invitation, input.email);
  if (await findMemberByEmail(ctx.trx, email)) {
    throw new ApiError('conflict', 'A person with this e-mail address already has an account.', {
      errors: [{ location: 'body', path: 'email', message: 'already has an account' }],
    });
  }
  const member = await insertMember(ctx.trx, {
    id: ctx.actor.memberId!, organisation_id: invitation.organisation_id, email, name: input.name, role: invitation.role,
    locale: input.locale ?? invitation.locale, password_hash: input.passwordHash, password_changed_at: ctx.now,
    totp_secret: null, totp_enabled_at: null, totp_pending_secret: null, totp_last_step: null, invitation_id: invitation.id, created_at: ctx.now,
    removed_at: null, removed_by_member_id: null, removed_by_key_id: null,
  });
  const accepted = await markInvitationAccepted(ctx.trx, invitation.id, member.id, ctx.now);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'invitation.accepted', entityType: 'invitation', entityId: accepted.id, state: accepted });
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.created', entityType: 'member', entityId: member.id, state: member });
  return member;
}

/** The e-mail address of the account an invitation creates: the invitation's, or (first platform admin) the one given. */
export function invitationEmailOf(invitation: Invitation, given: string | undefined): string {
  if (invitation.email) return invitation.email;
  if (!given) {
    throw new ApiError('validation_failed', 'This invitation names no e-mail address: give yours, to sign in with.', {
      errors: [{ location: 'body', path: 'email', message: 'required for this invitation' }],
    });
  }
  return normaliseEmail(given);
}

/**
 * The invitation of the first platform administrator, printed at start while the platform has no
 * person yet (as the first API key is): open to whoever holds it, who gives their e-mail address.
 * Null when the platform already has a person.
 */
export async function inviteFirstPlatformAdmin(ctx: WriteContext, input: { platformOrganisationId: string; ttlHours: number }): Promise<{ invitation: Invitation; token: string } | null> {
  const someone = await ctx.trx.selectFrom('member').select('id').where('organisation_id', '=', input.platformOrganisationId).executeTakeFirst();
  if (someone) return null;
  const token = newSecret(INVITATION_PREFIX);
  const invitation = await insertInvitation(ctx.trx, {
    id: newId(), organisation_id: input.platformOrganisationId, email: null, name: null, role: 'admin', locale: 'en', token_hash: secretHash(token),
    invited_by_member_id: null, invited_by_key_id: null, created_at: ctx.now, expires_at: invitationExpiry(ctx.now, input.ttlHours), accepted_at: null, member_id: null,
  });
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, state: invitation });
  return { invitation, token };
}

/** The signed-in person, locked for a change of their own account. */
async function self(ctx: WriteContext): Promise<Member> {
  if (!ctx.actor.memberId) throw new ApiError('forbidden', 'This is done by a person signed in, for their own account; an API key is not a person.');
  const member = await lockMember(ctx.trx, ctx.actor.memberId);
  if (!member) throw new ApiError('unauthenticated', 'The account no longer exists.');
  if (member.removed_at) throw new ApiError('unauthenticated', 'This account was removed by its organisation.');
  return member;
}

async function recordMember(ctx: WriteContext, action: string, member: Member): Promise<Member> {
  await ctx.record({ chain: PLATFORM_CHAIN, action, entityType: 'member', entityId: member.id, state: member });
  return member;
}

/** Starts TOTP enrolment: a new secret, pending until a code from it is confirmed (again: a new secret). */
export async function enrolTotp(ctx: WriteContext): Promise<{ member: Member; secret: string; uri: string }> {
  const member = await self(ctx);
  const secret = newTotpSecret();
  const updated = await updateMember(ctx.trx, member.id, { totp_pending_secret: secret });
  await recordMember(ctx, 'member.totp_enrolment_started', updated);
  return { member: updated, secret, uri: totpUri(secret, member.email) };
}

const wrongCode = () => new ApiError('validation_failed', 'The code is wrong or has expired: use the current code of your authenticator app.', {
  errors: [{ location: 'body', path: 'code', message: 'wrong or expired code' }],
});

/** Confirms TOTP enrolment with a code from the pending secret: from now on, sign-in asks for a code. */
export async function confirmTotp(ctx: WriteContext, input: { code: string }): Promise<Member> {
  const member = await self(ctx);
  if (!member.totp_pending_secret) throw new ApiError('invalid_state', 'Start the enrolment first (POST /v1/account/totp).');
  const step = verifyTotp(member.totp_pending_secret, input.code, ctx.now, null);
  if (step === null) throw wrongCode();
  const updated = await updateMember(ctx.trx, member.id, {
    totp_secret: member.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: ctx.now, totp_last_step: String(step),
  });
  return recordMember(ctx, 'member.totp_enabled', updated);
}

/** Turns TOTP off, with a current code; refused while the organisation requires it. */
export async function disableTotp(ctx: WriteContext, input: { code: string }, organisationRequiresTotp: boolean): Promise<Member> {
  const member = await self(ctx);
  if (!member.totp_secret) throw new ApiError('invalid_state', 'TOTP is not enabled on this account.');
  if (organisationRequiresTotp) throw new ApiError('invalid_state', 'Your organisation requires a second factor: TOTP cannot be turned off.');
  const step = verifyTotp(member.totp_secret, input.code, ctx.now, member.totp_last_step === null ? null : Number(member.totp_last_step));
  if (step === null) throw wrongCode();
  const updated = await updateMember(ctx.trx, member.id, { totp_secret: null, totp_enabled_at: null, totp_pending_secret: null, totp_last_step: String(step) });
  return recordMember(ctx, 'member.totp_disabled', updated);
}

/** Checks the current password before a change (outside the write: scrypt is slow). */
export async function checkCurrentPassword(member: Member, password: string): Promise<void> {
  if (!(await verifyPassword(password, member.password_hash)).ok) {
    throw new ApiError('validation_failed', 'The current password is wrong.', {
      errors: [{ location: 'body', path: 'currentPassword', message: 'wrong password' }],
    });
  }
}

/** Stores a new password hash (made by the caller); the caller signs out the person's other sessions. */
export async function changePassword(ctx: WriteContext, input: { passwordHash: string }): Promise<Member> {
  const member = await self(ctx);
  const updated = await updateMember(ctx.trx, member.id, { password_hash: input.passwordHash, password_changed_at: ctx.now });
  return recordMember(ctx, 'member.password_changed', updated);
}

/** The language the service writes to the person in (e-mails; the coming pages). Unchanged: no write. */
export async function setLocale(ctx: WriteContext, input: { locale: Locale }): Promise<{ member: Member; changed: boolean }> {
  const member = await self(ctx);
  if (member.locale === input.locale) return { member, changed: false };
  return { member: await recordMember(ctx, 'member.locale_set', await updateMember(ctx.trx, member.id, { locale: input.locale })), changed: true };
}

/** An organisation requires (or stops requiring) a TOTP second factor of its people. Unchanged: no write. */
export async function requireTotp(ctx: WriteContext, input: { organisationId: string; requireTotp: boolean }) {
  requireOrganisationPermission(ctx.actor, 'organisation.require_totp', input.organisationId);
  const current = await ctx.trx.selectFrom('organisation_security').selectAll().where('organisation_id', '=', input.organisationId).forUpdate().executeTakeFirst();
  if ((current?.require_totp ?? false) === input.requireTotp) return { row: current ?? null, changed: false };
  const values = {
    organisation_id: input.organisationId, require_totp: input.requireTotp, changed_at: ctx.now,
    changed_by_member_id: ctx.actor.memberId ?? null, changed_by_key_id: ctx.actor.apiKeyId,
  };
  const row = await ctx.trx.insertInto('organisation_security').values(values)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values)).returningAll().executeTakeFirstOrThrow();
  await ctx.record({ chain: PLATFORM_CHAIN, action: input.requireTotp ? 'organisation.totp_required' : 'organisation.totp_optional', entityType: 'organisation_security', entityId: row.organisation_id, state: row });
  return { row, changed: true };
}

export { hashPassword };
