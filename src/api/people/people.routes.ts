import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { organisationAccessNote } from '../auth/permissions.ts';
import { authenticateKeyOrSession, authenticateSession, SESSION_COOKIE } from '../auth/session.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import { IdempotencyHeaders, receiptHeaders, writeRoute } from '../write.ts';
import {
  AcceptInvitationBody, ChangePasswordBody, CodeBody, CreatedInvitationSchema, InvitationParams, InvitationSchema, InvitationTokenQuery, InviteMemberBody,
  MemberListSchema, MemberParams, MemberSchema, OrganisationIdParams, RemovedMemberSchema, SecurityBody, SecuritySchema, SessionSchema, SetLocaleBody, SignedOutSchema,
  SignInBody, TotpEnrolmentSchema,
} from './people.schemas.ts';

export const PEOPLE_TAG_NAME = 'People and sign-in';
const tags = [PEOPLE_TAG_NAME];

/** Who may call: machines with a key or people with a session; people only; anyone. */
const keyOrSession: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const sessionOnly: Record<string, string[]>[] = [{ sessionCookie: [] }];
const open: Record<string, string[]>[] = [];

const SESSION_NOTE = '\n\n**Session:** answers `Set-Cookie` with a new session cookie (httpOnly, SameSite=Lax, Secure over TLS): ' +
  'a session id known before is never the one after. Changes made with the cookie need the `X-CSRF-Token` header.';
const CSRF_NOTE = '\n\n**With a session cookie,** send the session\'s CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.';
const NOT_REPLAYED = '\n\n**Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a ' +
  'one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.';

const setCookie = { 'Set-Cookie': { description: `The session cookie (\`${SESSION_COOKIE}\`, or \`__Host-${SESSION_COOKIE}\` over TLS)`, schema: { type: 'string' as const } } };

/** A write whose request or answer holds a secret: documents the headers of every write, but is never stored for replay. */
function secretWrite<const R extends Omit<RouteConfig, 'request'> & { request?: RouteConfig['request'] }>(config: R): R {
  const responses = Object.fromEntries(Object.entries(config.responses).map(([status, response]) =>
    [status, /^2/.test(status) ? { ...(response as object), headers: { ...receiptHeaders, ...setCookie } } : response]));
  return { ...config, description: `${config.description ?? ''}${NOT_REPLAYED}`, request: { ...(config.request ?? {}), headers: IdempotencyHeaders }, responses } as R;
}

export const inviteMember = createRoute(writeRoute({
  method: 'post',
  path: '/v1/organisations/{id}/invitations',
  operationId: 'inviteMember',
  tags,
  summary: 'Invite a person to an organisation',
  description: 'Creates a one-time invitation link, valid for INVITATION_TTL_HOURS, shown once in the answer (only its hash is stored) and ' +
    "e-mailed when SMTP_URL is configured, in the invitee's language (`locale`, else the inviter's). The person accepts it with their " +
    `name and a password.${CSRF_NOTE}${organisationAccessNote('members.invite')}`,
  security: keyOrSession,
  middleware: [authenticateKeyOrSession] as const,
  request: { params: OrganisationIdParams, body: body(InviteMemberBody) },
  responses: {
    201: { description: 'The invitation and its link', ...json(CreatedInvitationSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export const listMembers = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}/members',
  operationId: 'listMembers',
  tags,
  summary: "An organisation's people",
  description: 'Names, e-mail addresses, roles, whether each has TOTP, and when a person was removed (people removed are listed after the ' +
    `members).${organisationAccessNote('members.read')}`,
  security: keyOrSession,
  middleware: [authenticateKeyOrSession] as const,
  request: { params: OrganisationIdParams },
  responses: {
    200: { description: 'The people of the organisation', ...json(MemberListSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const removeMember = createRoute(writeRoute({
  method: 'delete',
  path: '/v1/organisations/{id}/members/{memberId}',
  operationId: 'removeMember',
  tags,
  summary: 'Remove a person from an organisation',
  description: 'For a person who leaves: their sessions end at once, everywhere; they can no longer sign in, and their e-mail address may ' +
    'be invited again (a new account). Their record stays, with when and by whom they were removed, so everything they did keeps naming ' +
    'them; the audit entry `member.removed` records it. Keys they issued stay the organisation\'s: revoke them apart if needed. ' +
    'Refused with 409, nothing written: removing yourself (another admin does it), the last admin of the organisation (invite another ' +
    `admin first), a person already removed.${CSRF_NOTE}${organisationAccessNote('members.remove')}`,
  security: keyOrSession,
  middleware: [authenticateKeyOrSession] as const,
  request: { params: MemberParams },
  responses: {
    200: { description: 'The person, removed, and how many of their sessions ended', ...json(RemovedMemberSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 429),
  },
}));

export const listInvitations = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}/invitations',
  operationId: 'listInvitations',
  tags,
  summary: "An organisation's pending invitations",
  description: `Invitations neither accepted nor expired (their links are never shown again).${organisationAccessNote('members.invite')}`,
  security: keyOrSession,
  middleware: [authenticateKeyOrSession] as const,
  request: { params: OrganisationIdParams },
  responses: {
    200: { description: 'Pending invitations', ...json(z.object({ items: z.array(InvitationSchema) }).openapi('InvitationList')) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const revokeInvitation = createRoute(writeRoute({
  method: 'delete',
  path: '/v1/organisations/{id}/invitations/{invitationId}',
  operationId: 'revokeInvitation',
  tags,
  summary: 'Withdraw a pending invitation',
  description: 'Its link stops working at once: the invitation expires now (the acceptance answers 409, as for an expired one), and the audit ' +
    `entry \`invitation.revoked\` names who withdrew it. An invitation already accepted or expired: 409, nothing written.${CSRF_NOTE}${organisationAccessNote('members.invite')}`,
  security: keyOrSession,
  middleware: [authenticateKeyOrSession] as const,
  request: { params: InvitationParams },
  responses: {
    200: { description: 'The invitation, now expired', ...json(InvitationSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 429),
  },
}));

export const setTotpRequirement = createRoute(writeRoute({
  method: 'put',
  path: '/v1/organisations/{id}/security',
  operationId: 'setTotpRequirement',
  tags,
  summary: 'Require (or stop requiring) a TOTP second factor',
  description: 'When required, people of the organisation without TOTP must set it up at their next sign-in before anything else, ' +
    `and none may turn it off. Setting the value it already has writes nothing.${CSRF_NOTE}${organisationAccessNote('organisation.require_totp')}`,
  security: keyOrSession,
  middleware: [authenticateKeyOrSession] as const,
  request: { params: OrganisationIdParams, body: body(SecurityBody) },
  responses: {
    200: { description: "The organisation's sign-in policy", ...json(SecuritySchema) },
    ...errorsFor(400, 401, 403, 404, 413, 415, 422, 429),
  },
}));

export const getInvitation = createRoute({
  method: 'get',
  path: '/v1/invitation',
  operationId: 'getInvitation',
  tags,
  summary: 'The invitation a link opens',
  description: 'For the page that accepts it: who is invited, to which organisation, until when. 404 for an unknown token; 409 once accepted or expired.\n\n**Access:** anyone holding the link.',
  security: open,
  request: { query: InvitationTokenQuery },
  responses: {
    200: { description: 'The invitation', ...json(InvitationSchema.extend({ organisationName: z.string() })) },
    ...errorsFor(400, 404, 409),
  },
});

export const acceptInvitation = createRoute(secretWrite({
  method: 'post',
  path: '/v1/invitation/accept',
  operationId: 'acceptInvitation',
  tags,
  summary: 'Accept an invitation: create the account',
  description: 'With the token of the link, the person chooses their name and password (at least 12 characters; hashed with scrypt). ' +
    'The link then stops working. Sign in afterwards.\n\n**Access:** anyone holding the link.',
  security: open,
  request: { body: body(AcceptInvitationBody) },
  responses: {
    201: { description: 'The new account', ...json(MemberSchema) },
    ...errorsFor(400, 404, 409, 413, 415, 422),
  },
}));

export const signIn = createRoute(secretWrite({
  method: 'post',
  path: '/v1/session',
  operationId: 'signIn',
  tags,
  summary: 'Sign in with e-mail and password',
  description: 'Opens a session (cookie). A person with TOTP gives the code in `code`, or gets a session at stage `second_factor` and sends it to ' +
    'POST /v1/session/second-factor. Failed attempts are limited per account and per address (SIGN_IN_FAILURES_PER_ACCOUNT, ' +
    `SIGN_IN_FAILURES_PER_ADDRESS in SIGN_IN_FAILURE_WINDOW_MINUTES): beyond, 429 with Retry-After.${SESSION_NOTE}\n\n**Access:** anyone.`,
  security: open,
  request: { body: body(SignInBody) },
  responses: {
    200: { description: 'The new session', ...json(SessionSchema) },
    ...errorsFor(400, 401, 413, 415, 422, 429),
  },
}));

export const completeSignIn = createRoute(secretWrite({
  method: 'post',
  path: '/v1/session/second-factor',
  operationId: 'completeSignIn',
  tags,
  summary: 'Complete a sign-in with the TOTP code',
  description: `For a session at stage \`second_factor\` (it lives 5 minutes): a new full session replaces it.${SESSION_NOTE}\n\n**Access:** the session waiting for its code.`,
  security: sessionOnly,
  middleware: [authenticateSession(['second_factor'])] as const,
  request: { body: body(CodeBody) },
  responses: {
    200: { description: 'The new session', ...json(SessionSchema) },
    ...errorsFor(400, 401, 403, 409, 413, 415, 422, 429),
  },
}));

export const getSession = createRoute({
  method: 'get',
  path: '/v1/session',
  operationId: 'getSession',
  tags,
  summary: 'The session of this cookie',
  description: 'Who is signed in, the stage of the session, when it ends, and its CSRF token.\n\n**Access:** a session, at any stage.',
  security: sessionOnly,
  middleware: [authenticateSession(['full', 'second_factor', 'enrol_totp'])] as const,
  responses: {
    200: { description: 'The session', ...json(SessionSchema) },
    ...errorsFor(400, 401, 403),
  },
});

export const signOut = createRoute(writeRoute({
  method: 'delete',
  path: '/v1/session',
  operationId: 'signOut',
  tags,
  summary: 'Sign out',
  description: `Ends this session and clears its cookie.${CSRF_NOTE}\n\n**Access:** a session, at any stage.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full', 'second_factor', 'enrol_totp'])] as const,
  responses: {
    200: { description: 'Signed out', ...json(SignedOutSchema) },
    ...errorsFor(400, 401, 403),
  },
}));

export const signOutEverywhere = createRoute(writeRoute({
  method: 'post',
  path: '/v1/session/sign-out-everywhere',
  operationId: 'signOutEverywhere',
  tags,
  summary: 'Sign out everywhere',
  description: `Ends every session of the person, on every device, this one included.${CSRF_NOTE}\n\n**Access:** a person signed in.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full', 'enrol_totp'])] as const,
  responses: {
    200: { description: 'How many sessions ended', ...json(SignedOutSchema) },
    ...errorsFor(400, 401, 403),
  },
}));

export const enrolTotp = createRoute(writeRoute({
  method: 'post',
  path: '/v1/account/totp',
  operationId: 'enrolTotp',
  tags,
  summary: 'Start setting up TOTP',
  description: 'A new secret for an authenticator app (as text and as an otpauth:// URI for a QR code), pending until a code from it is ' +
    `confirmed (POST /v1/account/totp/confirm). Starting again replaces the pending secret.${CSRF_NOTE}\n\n**Access:** a person signed in, for themselves.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full', 'enrol_totp'])] as const,
  responses: {
    200: { description: 'The secret', ...json(TotpEnrolmentSchema) },
    ...errorsFor(400, 401, 403, 409),
  },
}));

export const confirmTotp = createRoute(secretWrite({
  method: 'post',
  path: '/v1/account/totp/confirm',
  operationId: 'confirmTotp',
  tags,
  summary: 'Confirm TOTP with a code',
  description: 'From now on, sign-in asks for a code. A session that was waiting for this enrolment is replaced by a new full session.' +
    `${CSRF_NOTE}\n\n**Access:** a person signed in, for themselves.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full', 'enrol_totp'])] as const,
  request: { body: body(CodeBody) },
  responses: {
    200: { description: 'The account', ...json(MemberSchema) },
    ...errorsFor(400, 401, 403, 409, 413, 415, 422),
  },
}));

export const disableTotp = createRoute(secretWrite({
  method: 'post',
  path: '/v1/account/totp/disable',
  operationId: 'disableTotp',
  tags,
  summary: 'Turn TOTP off',
  description: `With a current code. Refused (409) while the organisation requires TOTP.${CSRF_NOTE}\n\n**Access:** a person signed in, for themselves.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full'])] as const,
  request: { body: body(CodeBody) },
  responses: {
    200: { description: 'The account', ...json(MemberSchema) },
    ...errorsFor(400, 401, 403, 409, 413, 415, 422),
  },
}));

export const changePassword = createRoute(secretWrite({
  method: 'post',
  path: '/v1/account/password',
  operationId: 'changePassword',
  tags,
  summary: 'Change the password',
  description: `With the current one. Every other session of the person ends.${CSRF_NOTE}\n\n**Access:** a person signed in, for themselves.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full'])] as const,
  request: { body: body(ChangePasswordBody) },
  responses: {
    200: { description: 'The account', ...json(MemberSchema) },
    ...errorsFor(400, 401, 403, 413, 415, 422, 429),
  },
}));

export const setLocale = createRoute(writeRoute({
  method: 'put',
  path: '/v1/account/locale',
  operationId: 'setLocale',
  tags,
  summary: 'Choose the language (fr or en)',
  description: `The language of e-mails and pages for this person.${CSRF_NOTE}\n\n**Access:** a person signed in, for themselves.`,
  security: sessionOnly,
  middleware: [authenticateSession(['full'])] as const,
  request: { body: body(SetLocaleBody) },
  responses: {
    200: { description: 'The account', ...json(MemberSchema) },
    ...errorsFor(400, 401, 403, 413, 415, 422),
  },
}));

export type InviteMemberRoute = typeof inviteMember;
export type ListMembersRoute = typeof listMembers;
export type RemoveMemberRoute = typeof removeMember;
export type SetTotpRequirementRoute = typeof setTotpRequirement;
export type ListInvitationsRoute = typeof listInvitations;
export type RevokeInvitationRoute = typeof revokeInvitation;
export type GetInvitationRoute = typeof getInvitation;
export type AcceptInvitationRoute = typeof acceptInvitation;
export type SignInRoute = typeof signIn;
export type CompleteSignInRoute = typeof completeSignIn;
export type GetSessionRoute = typeof getSession;
export type SignOutRoute = typeof signOut;
export type SignOutEverywhereRoute = typeof signOutEverywhere;
export type EnrolTotpRoute = typeof enrolTotp;
export type ConfirmTotpRoute = typeof confirmTotp;
export type DisableTotpRoute = typeof disableTotp;
export type ChangePasswordRoute = typeof changePassword;
export type SetLocaleRoute = typeof setLocale;
