import type { Context } from 'hono';
import { findOrganisation } from '../../db/queries/organisations.ts';
import { listMembers as listMemberRows, listPendingInvitations, requiresTotp } from '../../db/queries/people.ts';
import type { Invitation, Member, WebSession } from '../../db/schema.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { csrfTokenFor } from '../../domain/people/tokens.ts';
import {
  acceptInvitation as acceptInvitationAction, changePassword as changePasswordAction, checkCurrentPassword, confirmTotp as confirmTotpAction,
  disableTotp as disableTotpAction, enrolTotp as enrolTotpAction, hashPassword, invitationEmailOf, inviteeActor, inviteMember as inviteMemberAction, openInvitation,
  passwordRefusal, requireOrganisationPermission, requireTotp, revokeInvitation as revokeInvitationAction, setLocale as setLocaleAction,
} from '../../usecases/members.ts';
import { peoplePolicy } from '../../usecases/people-policy.ts';
import { membersFirst } from '../../domain/people/members.ts';
import { removeMember as removeMemberAction } from '../../usecases/remove-member.ts';
import { runWrite } from '../../usecases/run-write.ts';
import {
  completeSignIn as completeSignInAction, revokeMemberSessions, type SessionDeps, signIn as signInAction,
  signOut as signOutAction, signOutEverywhere as signOutEverywhereAction, stepUpAfterEnrolment,
} from '../../usecases/sessions.ts';
import { clearSessionCookie, personOf, sessionTokenOf, setSessionCookie } from '../auth/session.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { clientAddress } from '../middleware/client-address.ts';
import type { AppRouteHandler } from '../router.ts';
import { actorOf, idempotencyKeyOf, perform, receiptHeader } from '../write.ts';
import { deliverInvitation } from './delivery.ts';
import { invitationLink } from './links.ts';
import type * as R from './people.routes.ts';

export const memberView = (m: Member) => ({
  id: m.id, organisationId: m.organisation_id, email: m.email, name: m.name, role: m.role, locale: m.locale,
  totpEnabled: m.totp_secret !== null, createdAt: m.created_at.toISOString(), removedAt: m.removed_at?.toISOString() ?? null,
});

export const invitationView = (i: Invitation) => ({
  id: i.id, organisationId: i.organisation_id, email: i.email, name: i.name, role: i.role, locale: i.locale,
  createdAt: i.created_at.toISOString(), expiresAt: i.expires_at.toISOString(), acceptedAt: i.accepted_at?.toISOString() ?? null,
});

const policyOf = (c: Context<AppEnv>) => peoplePolicy(c.var.deps.config);
const addressOf = (c: Context<AppEnv>) => clientAddress(c, c.var.deps.config.TRUST_PROXY);
const sessionDeps = (c: Context<AppEnv>): SessionDeps => ({ db: c.var.db, clock: c.var.deps.clock, policy: policyOf(c), requestId: c.get('requestId') ?? null });

function sessionView(c: Context<AppEnv>, member: Member, session: WebSession, organisation: { id: string; name: string; kind: string }, token: string) {
  return {
    stage: session.stage, member: memberView(member), organisation, csrfToken: csrfTokenFor(token),
    expiresAt: session.expires_at.toISOString(), idleTimeoutMinutes: policyOf(c).sessions.idleMinutes,
  };
}

/** Where people reach the service: PUBLIC_URL, else the address of this request. */
export const publicBase = (c: Context<AppEnv>) => (c.var.deps.config.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '');

async function organisationOr404(c: Context<AppEnv>, id: string) {
  const organisation = await findOrganisation(c.var.db, id);
  if (!organisation) throw new ApiError('not_found', 'No such organisation.');
  return organisation;
}

export const inviteMember: AppRouteHandler<R.InviteMemberRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const key = idempotencyKeyOf(c);
  const operation = `${c.req.method} ${c.req.path}`;
  const idempotency = key === null ? undefined : { key, operation, requestDigest: await contentDigest({ operation, body: input }) };
  const outcome = await runWrite(c.var.db, {
    actor: actorOf(c), clock: c.var.deps.clock, idempotency, keep: (b) => ({ ...(b as object), link: null, delivery: 'not_sent' }),
  }, async (ctx) => {
    const created = await inviteMemberAction(ctx, { organisationId: id, ...input }, policyOf(c));
    return { status: 201, body: { ...invitationView(created.invitation), link: invitationLink(publicBase(c), created.token), delivery: 'not_sent' as string, _mail: created } };
  });
  const { _mail: created, ...body } = outcome.response.body as { _mail?: Awaited<ReturnType<typeof inviteMemberAction>>; link: string | null; delivery: string };
  if (created && body.link) body.delivery = await deliverInvitation(c.var.deps, created, body.link, c.get('requestId'));
  return c.json(body as never, 201, receiptHeader(outcome.receipt, outcome.replayed));
};

export const listMembers: AppRouteHandler<R.ListMembersRoute> = async (c) => {
  const { id } = c.req.valid('param');
  requireOrganisationPermission(actorOf(c), 'members.read', id);
  await organisationOr404(c, id);
  return c.json({ items: membersFirst(await listMemberRows(c.var.db, id)).map(memberView) }, 200);
};

export const removeMember: AppRouteHandler<R.RemoveMemberRoute> = async (c) => {
  const { id, memberId } = c.req.valid('param');
  requireOrganisationPermission(actorOf(c), 'members.remove', id);
  return perform(c, 200, async (ctx) => {
    const { member, sessionsEnded } = await removeMemberAction(ctx, { organisationId: id, memberId });
    return { member: memberView(member), sessionsEnded };
  }) as never;
};

export const listInvitations: AppRouteHandler<R.ListInvitationsRoute> = async (c) => {
  const { id } = c.req.valid('param');
  requireOrganisationPermission(actorOf(c), 'members.invite', id);
  await organisationOr404(c, id);
  return c.json({ items: (await listPendingInvitations(c.var.db, id, c.var.deps.clock())).map(invitationView) }, 200);
};

export const revokeInvitation: AppRouteHandler<R.RevokeInvitationRoute> = async (c) => {
  const { id, invitationId } = c.req.valid('param');
  requireOrganisationPermission(actorOf(c), 'members.invite', id);
  await organisationOr404(c, id);
  return perform(c, 200, async (ctx) => invitationView(await revokeInvitationAction(ctx, { organisationId: id, invitationId }))) as never;
};

export const setTotpRequirement: AppRouteHandler<R.SetTotpRequirementRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { requireTotp: required } = c.req.valid('json');
  requireOrganisationPermission(actorOf(c), 'organisation.require_totp', id);
  await organisationOr404(c, id);
  return perform(c, 200, async (ctx) => {
    const { row } = await requireTotp(ctx, { organisationId: id, requireTotp: required });
    return { organisationId: id, requireTotp: row?.require_totp ?? false, changedAt: row?.changed_at.toISOString() ?? null };
  }) as never;
};

export const getInvitation: AppRouteHandler<R.GetInvitationRoute> = async (c) => {
  const invitation = await openInvitation(c.var.db, c.req.valid('query').token, c.var.deps.clock());
  const organisation = await organisationOr404(c, invitation.organisation_id);
  return c.json({ ...invitationView(invitation), organisationName: organisation.name }, 200);
};

export const acceptInvitation: AppRouteHandler<R.AcceptInvitationRoute> = async (c) => {
  const input = c.req.valid('json');
  const invitation = await openInvitation(c.var.db, input.token, c.var.deps.clock());
  const refusal = passwordRefusal(input.password, invitationEmailOf(invitation, input.email));
  if (refusal) throw refusal;
  const passwordHash = await hashPassword(input.password);
  const outcome = await runWrite(c.var.db, {
    actor: inviteeActor(invitation, c.get('requestId') ?? null),
    clock: c.var.deps.clock,
  }, async (ctx) => ({ status: 201, body: memberView(await acceptInvitationAction(ctx, { token: input.token, name: input.name, email: input.email, passwordHash, locale: input.locale })) }));
  return c.json(outcome.response.body, 201, receiptHeader(outcome.receipt));
};

export const signIn: AppRouteHandler<R.SignInRoute> = async (c) => {
  const input = c.req.valid('json');
  const outcome = await signInAction(sessionDeps(c), { ...input, address: addressOf(c), presentedToken: sessionTokenOf(c) });
  const { member, session, token } = outcome.response.body;
  const organisation = await organisationOr404(c, member.organisation_id);
  setSessionCookie(c, token, session.expires_at);
  return c.json(sessionView(c, member, session, { id: organisation.id, name: organisation.name, kind: organisation.kind }, token), 200, receiptHeader(outcome.receipt));
};

export const completeSignIn: AppRouteHandler<R.CompleteSignInRoute> = async (c) => {
  const found = personOf(c);
  const outcome = await completeSignInAction(sessionDeps(c), { found, code: c.req.valid('json').code, address: addressOf(c) });
  const { member, session, token } = outcome.response.body;
  setSessionCookie(c, token, session.expires_at);
  return c.json(sessionView(c, member, session, { id: member.organisation_id, name: found.organisationName, kind: found.organisationKind }, token), 200, receiptHeader(outcome.receipt));
};

export const getSession: AppRouteHandler<R.GetSessionRoute> = async (c) => {
  const { member, session, organisationName, organisationKind } = personOf(c);
  return c.json(sessionView(c, member, session, { id: member.organisation_id, name: organisationName, kind: organisationKind }, c.var.sessionToken), 200);
};

export const signOut: AppRouteHandler<R.SignOutRoute> = async (c) => {
  const { session, member } = personOf(c);
  const response = await perform(c, 200, async (ctx) => {
    await signOutAction(ctx, { sessionId: session.id, member });
    return { sessionsEnded: 1 };
  });
  clearSessionCookie(c);
  return new Response(response.body, { status: response.status, headers: mergeCookies(response, c) }) as never;
};

export const signOutEverywhere: AppRouteHandler<R.SignOutEverywhereRoute> = async (c) => {
  const { member } = personOf(c);
  const response = await perform(c, 200, (ctx) => signOutEverywhereAction(ctx, { member }));
  clearSessionCookie(c);
  return new Response(response.body, { status: response.status, headers: mergeCookies(response, c) }) as never;
};

/** The headers of an answer built by `perform`, with the Set-Cookie the handler added after it. */
function mergeCookies(response: Response, c: Context<AppEnv>): Headers {
  const headers = new Headers(response.headers);
  for (const cookie of c.res.headers.getSetCookie()) if (!headers.getSetCookie().includes(cookie)) headers.append('set-cookie', cookie);
  return headers;
}

export const enrolTotp: AppRouteHandler<R.EnrolTotpRoute> = async (c) => {
  return perform(c, 200, async (ctx) => {
    const { secret, uri } = await enrolTotpAction(ctx);
    return { secret, uri };
  }, { keep: () => ({ secret: null, uri: null }) }) as never;
};

export const confirmTotp: AppRouteHandler<R.ConfirmTotpRoute> = async (c) => {
  const { session } = personOf(c);
  const { code } = c.req.valid('json');
  const outcome = await runWrite(c.var.db, { actor: actorOf(c), clock: c.var.deps.clock }, async (ctx) => {
    const member = await confirmTotpAction(ctx, { code });
    const stepUp = session.stage === 'enrol_totp' ? await stepUpAfterEnrolment(ctx, member, session.id, policyOf(c)) : null;
    return { status: 200, body: { member, stepUp } };
  });
  const { member, stepUp } = outcome.response.body;
  if (stepUp) setSessionCookie(c, stepUp.token, stepUp.session.expires_at);
  return c.json(memberView(member), 200, receiptHeader(outcome.receipt));
};

export const disableTotp: AppRouteHandler<R.DisableTotpRoute> = async (c) => {
  const { code } = c.req.valid('json');
  const required = await requiresTotp(c.var.db, personOf(c).member.organisation_id);
  const outcome = await runWrite(c.var.db, { actor: actorOf(c), clock: c.var.deps.clock }, async (ctx) =>
    ({ status: 200, body: memberView(await disableTotpAction(ctx, { code }, required)) }));
  return c.json(outcome.response.body, 200, receiptHeader(outcome.receipt));
};

export const changePassword: AppRouteHandler<R.ChangePasswordRoute> = async (c) => {
  const { currentPassword, newPassword } = c.req.valid('json');
  const { member, session } = personOf(c);
  await checkCurrentPassword(member, currentPassword);
  const refusal = passwordRefusal(newPassword, member.email, 'newPassword');
  if (refusal) throw refusal;
  const passwordHash = await hashPassword(newPassword);
  const outcome = await runWrite(c.var.db, { actor: actorOf(c), clock: c.var.deps.clock }, async (ctx) => {
    const updated = await changePasswordAction(ctx, { passwordHash });
    await revokeMemberSessions(ctx.trx, member.id, ctx.now, session.id);
    return { status: 200, body: memberView(updated) };
  });
  return c.json(outcome.response.body, 200, receiptHeader(outcome.receipt));
};

export const setLocale: AppRouteHandler<R.SetLocaleRoute> = async (c) => {
  const { locale } = c.req.valid('json');
  return perform(c, 200, async (ctx) => memberView((await setLocaleAction(ctx, { locale })).member)) as never;
};
