import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors/api-error.ts';
import type { Clock } from '../clock.ts';
import { PLATFORM_CHAIN } from '../db/queries/audit.ts';
import { newId } from '../db/ids.ts';
import {
  clearAccountFailures, countSignInFailures, findMemberByEmail, findSessionByTokenHash, insertSession, recordSignInFailure, requiresTotp,
  revokeMemberSessions, revokeSession, type SessionWithOwner, touchSession, updateMember,
} from '../db/queries/people.ts';
import type { Database, Member, SessionStage, WebSession } from '../db/schema.ts';
import { normaliseEmail } from '../domain/people/invitations.ts';
import { decoyHash, hashPassword, verifyPassword } from '../domain/people/password.ts';
import { sessionEndReason, sessionExpiry, sessionStatus, shouldTouch } from '../domain/people/sessions.ts';
import { throttleDecision, windowStart } from '../domain/people/throttle.ts';
import { csrfTokenFor, newSecret, secretHash, SESSION_PREFIX } from '../domain/people/tokens.ts';
import { verifyTotp } from '../domain/people/totp.ts';
import type { Actor, WriteContext } from './context.ts';
import type { PeoplePolicy } from './people-policy.ts';
import { runWrite, type WriteOutcome } from './run-write.ts';
import { isPlatformAdministrator } from '../api/auth/permissions.ts';

/**
 * Sessions of people (issue 17): sign-in by e-mail and password, then a TOTP code when the person
 * has one; sign-out; sign-out everywhere. Sessions live in the database (only the SHA-256 of the
 * token), so every instance knows them and a revoked session ends everywhere at once.
 *
 * - A new session is created at every sign-in and at every step up (second factor given, TOTP
 *   enrolled): a session id known before sign-in is never the one after (no fixation); the
 *   session the request presented, if any, is revoked.
 * - Failed sign-ins are counted in the database per account and per client address (see
 *   domain/people/throttle.ts): stored rather than in memory, because instances are stateless
 *   behind a load balancer and a per-account limit must hold across them (in memory, N instances
 *   would allow N times the attempts, and a restart would forget them). Throttled attempts are
 *   refused before the password is checked.
 */

export interface SignedIn {
  member: Member;
  session: WebSession;
  /** The session token for the cookie: shown once, only its hash is stored. */
  token: string;
  csrfToken: string;
}

export interface SessionDeps {
  db: Kysely<Database>;
  clock: Clock;
  policy: PeoplePolicy;
  requestId: string | null;
}

const personActor = (member: Member, requestId: string | null, isAdmin: boolean): Actor => ({
  organisationId: member.organisation_id, apiKeyId: null, keyScope: member.role, isAdmin, requestId, memberId: member.id,
});

const badCredentials = () => new ApiError('unauthenticated', 'The e-mail address or the password is wrong.');

async function throttle(deps: SessionDeps, account: string, address: string, now: Date): Promise<void> {
  const counts = await countSignInFailures(deps.db, account, address, windowStart(now, deps.policy.throttle));
  const decision = throttleDecision(counts, deps.policy.throttle, now);
  if (decision.allowed) return;
  throw new ApiError('rate_limited', decision.scope === 'account'
    ? `Too many failed sign-ins for this account; retry in ${decision.retryAfterSeconds} s.`
    : `Too many failed sign-ins from this address; retry in ${decision.retryAfterSeconds} s.`, {
    headers: { 'retry-after': String(decision.retryAfterSeconds) },
  });
}

async function failure(deps: SessionDeps, account: string, address: string, now: Date): Promise<void> {
  await recordSignInFailure(deps.db, account, address, now, windowStart(now, deps.policy.throttle));
}

/**
 * A signed-in person proves again who they are before a deliberate act (approving a version): the
 * TOTP code when they have one, else the password — throttled and counted like sign-in, so the form
 * cannot be used to guess a password. Returns the TOTP step to record as used with the act.
 */
export async function confirmIdentity(
  deps: SessionDeps,
  input: { member: Member; password: string; code: string; address: string },
): Promise<{ ok: true; totpStep: number | null } | { ok: false; wrong: 'code' | 'password' }> {
  const now = deps.clock();
  const account = normaliseEmail(input.member.email);
  await throttle(deps, account, input.address, now);
  const { member } = input;
  if (member.totp_secret) {
    const step = verifyTotp(member.totp_secret, input.code.trim(), now, member.totp_last_step === null ? null : Number(member.totp_last_step));
    if (step !== null) return { ok: true, totpStep: step };
    await failure(deps, account, input.address, now);
    return { ok: false, wrong: 'code' };
  }
  if ((await verifyPassword(input.password, member.password_hash)).ok) return { ok: true, totpStep: null };
  await failure(deps, account, input.address, now);
  return { ok: false, wrong: 'password' };
}

async function isPlatformMember(db: Kysely<Database>, member: Member): Promise<boolean> {
  const organisation = await db.selectFrom('organisation').select('kind').where('id', '=', member.organisation_id).executeTakeFirst();
  return organisation !== undefined && isPlatformAdministrator(organisation.kind, member.role);
}

/** Opens a new session in the write, revoking the one the request presented (if any). */
async function openSession(ctx: WriteContext, member: Member, stage: SessionStage, policy: PeoplePolicy, presentedSessionId: string | null) {
  if (presentedSessionId) await revokeSession(ctx.trx, presentedSessionId, ctx.now);
  const token = newSecret(SESSION_PREFIX);
  const session = await insertSession(ctx.trx, {
    id: newId(), token_hash: secretHash(token), member_id: member.id, organisation_id: member.organisation_id, stage,
    created_at: ctx.now, last_seen_at: ctx.now, expires_at: sessionExpiry(ctx.now, policy.sessions, stage), revoked_at: null,
  });
  return { session, token, csrfToken: csrfTokenFor(token) };
}

/** The session a token opens, if it is live (revoked, idle and expired sessions are not). */
export async function liveSession(db: Kysely<Database>, token: string, now: Date, policy: PeoplePolicy):
  Promise<{ found: SessionWithOwner; problem?: undefined } | { found?: undefined; problem: string }> {
  const found = await findSessionByTokenHash(db, secretHash(token));
  if (!found) return { problem: 'The session is unknown; sign in again.' };
  // Removal ends the person's sessions in its write; this also closes one opened by a sign-in racing it.
  if (found.member.removed_at) return { problem: 'This account was removed by its organisation.' };
  const status = sessionStatus(found.session, now, policy.sessions);
  if (status !== 'live') return { problem: sessionEndReason(status, policy.sessions) };
  if (shouldTouch(found.session, now)) await touchSession(db, found.session.id, now);
  return { found };
}

/**
 * Signs in with e-mail and password (and the TOTP code, when the person has TOTP and gives it at
 * once). Answers a session at stage `full`, `second_factor` (a code is awaited: completeSignIn) or
 * `enrol_totp` (the organisation requires TOTP and the person has none yet: only enrolment and
 * sign-out are open).
 */
export async function signIn(
  deps: SessionDeps,
  input: { email: string; password: string; code?: string | undefined; address: string; presentedToken?: string | undefined },
): Promise<WriteOutcome<{ status: 200; body: SignedIn }>> {
  const now = deps.clock();
  const account = normaliseEmail(input.email);
  await throttle(deps, account, input.address, now);
  const member = await findMemberByEmail(deps.db, account);
  const check = await verifyPassword(input.password, member?.password_hash ?? await decoyHash());
  if (!member || !check.ok) {
    await failure(deps, account, input.address, now);
    throw badCredentials();
  }
  let stage: SessionStage = 'full';
  let step: number | null = null;
  if (member.totp_secret) {
    if (input.code === undefined) stage = 'second_factor';
    else {
      step = verifyTotp(member.totp_secret, input.code, now, member.totp_last_step === null ? null : Number(member.totp_last_step));
      if (step === null) {
        await failure(deps, account, input.address, now);
        throw new ApiError('unauthenticated', 'The code is wrong or has expired.', { errors: [{ location: 'body', path: 'code', message: 'wrong or expired code' }] });
      }
    }
  } else if (await requiresTotp(deps.db, member.organisation_id)) {
    stage = 'enrol_totp';
  }
  const newHash = check.needsRehash ? await hashPassword(input.password) : null;
  const presented = input.presentedToken ? await findSessionByTokenHash(deps.db, secretHash(input.presentedToken)) : undefined;
  const isAdmin = await isPlatformMember(deps.db, member);
  return runWrite(deps.db, { actor: personActor(member, deps.requestId, isAdmin), clock: () => now }, async (ctx) => {
    let current = member;
    if (newHash || step !== null) {
      current = await updateMember(ctx.trx, member.id, {
        ...(newHash ? { password_hash: newHash } : {}), ...(step !== null ? { totp_last_step: String(step) } : {}),
      });
    }
    const opened = await openSession(ctx, current, stage, deps.policy, presented?.session.id ?? null);
    if (stage !== 'second_factor') {
      await clearAccountFailures(ctx.trx, account);
      await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.signed_in', entityType: 'member', entityId: current.id, state: current });
    } else if (current !== member) {
      await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.password_rehashed', entityType: 'member', entityId: current.id, state: current });
    }
    return { status: 200 as const, body: { member: current, ...opened } };
  });
}

/** Completes a sign-in awaiting its second factor: the TOTP code; a new session replaces the waiting one. */
export async function completeSignIn(
  deps: SessionDeps,
  input: { found: SessionWithOwner; code: string; address: string },
): Promise<WriteOutcome<{ status: 200; body: SignedIn }>> {
  const now = deps.clock();
  const { member, session } = input.found;
  const account = normaliseEmail(member.email);
  await throttle(deps, account, input.address, now);
  if (session.stage !== 'second_factor' || !member.totp_secret) throw new ApiError('invalid_state', 'This session is not waiting for a second factor.');
  const step = verifyTotp(member.totp_secret, input.code, now, member.totp_last_step === null ? null : Number(member.totp_last_step));
  if (step === null) {
    await failure(deps, account, input.address, now);
    throw new ApiError('unauthenticated', 'The code is wrong or has expired.', { errors: [{ location: 'body', path: 'code', message: 'wrong or expired code' }] });
  }
  const isAdmin = isPlatformAdministrator(input.found.organisationKind, member.role);
  return runWrite(deps.db, { actor: personActor(member, deps.requestId, isAdmin), clock: () => now }, async (ctx) => {
    const current = await updateMember(ctx.trx, member.id, { totp_last_step: String(step) });
    const opened = await openSession(ctx, current, 'full', deps.policy, session.id);
    await clearAccountFailures(ctx.trx, account);
    await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.signed_in', entityType: 'member', entityId: current.id, state: current });
    return { status: 200 as const, body: { member: current, ...opened } };
  });
}

/** After TOTP enrolment completes a session at stage `enrol_totp`: a new full session replaces it. */
export async function stepUpAfterEnrolment(ctx: WriteContext, member: Member, sessionId: string, policy: PeoplePolicy) {
  return openSession(ctx, member, 'full', policy, sessionId);
}

/** Signs out the session of the request. */
export async function signOut(ctx: WriteContext, input: { sessionId: string; member: Member }): Promise<void> {
  await revokeSession(ctx.trx, input.sessionId, ctx.now);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.signed_out', entityType: 'member', entityId: input.member.id, state: input.member });
}

/** Signs out every session of the person (this one included): after a lost device, a shared computer. */
export async function signOutEverywhere(ctx: WriteContext, input: { member: Member }): Promise<{ sessionsEnded: number }> {
  const sessionsEnded = await revokeMemberSessions(ctx.trx, input.member.id, ctx.now);
  await ctx.record({ chain: PLATFORM_CHAIN, action: 'member.signed_out_everywhere', entityType: 'member', entityId: input.member.id, state: input.member });
  return { sessionsEnded };
}

export { revokeMemberSessions };
