import { z } from '@hono/zod-openapi';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/people/password.ts';

export const LocaleSchema = z.enum(['en', 'fr']).openapi({ description: 'The language the service writes to the person in: `en` or `fr`' });
export const RoleSchema = z.enum(['admin', 'member']).openapi({
  description: "The person's role in their organisation: `admin` also invites members and sets the organisation's sign-in policy",
});

export const MemberSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
  totpEnabled: z.boolean().openapi({ description: 'Whether sign-in asks this person for a TOTP code' }),
  createdAt: z.iso.datetime(),
  removedAt: z.iso.datetime().nullable().openapi({
    description: 'When the organisation removed the person (they no longer sign in; what they did still names them); null while they are a member',
  }),
}).openapi('Member');

export const MemberListSchema = z.object({
  items: z.array(MemberSchema).openapi({ description: 'Members first, then the people removed; each group in the order they joined' }),
}).openapi('MemberList');

export const RemovedMemberSchema = z.object({
  member: MemberSchema,
  sessionsEnded: z.number().int().openapi({ description: "The person's sessions that were still open, ended by the removal" }),
}).openapi('RemovedMember');

export const InvitationSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  email: z.string().nullable().openapi({ description: "The invitee's address; null only for the first platform administrator's invitation, printed at first start" }),
  name: z.string().nullable(),
  role: RoleSchema,
  locale: LocaleSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
}).openapi('Invitation');

export const CreatedInvitationSchema = InvitationSchema.extend({
  link: z.string().nullable().openapi({ description: 'The one-time link to send to the person. Shown this once (null in the replayed answer to a retried request): only the hash of its token is stored.' }),
  delivery: z.enum(['emailed', 'not_configured', 'failed', 'not_sent']).openapi({
    description: '`emailed`: sent through SMTP_URL; `not_configured`: no SMTP server, pass the link on yourself; `failed`: the SMTP server refused it (pass the link on); `not_sent`: a replayed answer',
  }),
}).openapi('CreatedInvitation');

const email = z.email().max(320).openapi({ example: 'ada@example.org' });
const password = z.string().max(PASSWORD_MAX_LENGTH * 4).openapi({ description: `At least ${PASSWORD_MIN_LENGTH} characters` });
const code = z.string().trim().regex(/^\d{6}$/, 'six digits').openapi({ description: 'The current six-digit code of the authenticator app', example: '123456' });

export const InviteMemberBody = z.object({
  email,
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.default('member'),
  locale: LocaleSchema.optional().openapi({ description: "The language of the invitation e-mail and of the person's account; default: the inviter's" }),
}).openapi('InviteMember');

export const InvitationTokenQuery = z.object({
  token: z.string().min(10).max(200).openapi({ description: 'The token of the invitation link', param: { name: 'token', in: 'query' } }),
});

export const AcceptInvitationBody = z.object({
  token: z.string().min(10).max(200).openapi({ description: 'The token of the invitation link' }),
  name: z.string().trim().min(1).max(200),
  password,
  email: email.optional().openapi({ description: 'Only for an invitation that names no address (the first platform administrator\'s): the address to sign in with' }),
  locale: LocaleSchema.optional(),
}).openapi('AcceptInvitation');

export const SignInBody = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4),
  code: code.optional().openapi({ description: 'The TOTP code, for a person with TOTP who gives it at once (else the answer asks for it)' }),
}).openapi('SignIn');

export const CodeBody = z.object({ code }).openapi('TotpCode');

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH * 4), newPassword: password }).openapi('ChangePassword');
export const SetLocaleBody = z.object({ locale: LocaleSchema }).openapi('SetLocale');
export const SecurityBody = z.object({
  requireTotp: z.boolean().openapi({ description: 'Whether every person of the organisation must sign in with a TOTP code' }),
}).openapi('OrganisationSecurityChange');
export const SecuritySchema = z.object({
  organisationId: z.uuid(),
  requireTotp: z.boolean(),
  changedAt: z.iso.datetime().nullable(),
}).openapi('OrganisationSecurity');

export const SessionSchema = z.object({
  stage: z.enum(['full', 'second_factor', 'enrol_totp']).openapi({
    description: '`full`: signed in; `second_factor`: send the TOTP code (POST /v1/session/second-factor); `enrol_totp`: the organisation requires TOTP, set it up (POST /v1/account/totp) — nothing else is open until then',
  }),
  member: MemberSchema,
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  csrfToken: z.string().openapi({ description: 'Send it in the X-CSRF-Token header (or the `_csrf` form field) of every change made with this session' }),
  expiresAt: z.iso.datetime().openapi({ description: 'The absolute end of the session; it also ends after SESSION_IDLE_TIMEOUT_MINUTES without use' }),
  idleTimeoutMinutes: z.number().int(),
}).openapi('Session');

export const SignedOutSchema = z.object({ sessionsEnded: z.number().int() }).openapi('SignedOut');

export const TotpEnrolmentSchema = z.object({
  secret: z.string().nullable().openapi({ description: 'The base32 secret to type into an authenticator app (null in a replayed answer)' }),
  uri: z.string().nullable().openapi({ description: 'The otpauth:// URI, for a QR code (null in a replayed answer)' }),
}).openapi('TotpEnrolment');

export const OrganisationIdParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const MemberParams = OrganisationIdParams.extend({ memberId: z.uuid().openapi({ param: { name: 'memberId', in: 'path' } }) });
export const InvitationParams = OrganisationIdParams.extend({ invitationId: z.uuid().openapi({ param: { name: 'invitationId', in: 'path' } }) });
