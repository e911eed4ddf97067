import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { CreateApiKeyBody, CreateOrganisationBody } from '../../api/organisations/organisations.schemas.ts';
import { deliverInvitation, type InvitationDelivery } from '../../api/people/delivery.ts';
import { invitationLink } from '../../api/people/links.ts';
import { publicBase } from '../../api/people/people.handlers.ts';
import { InviteMemberBody } from '../../api/people/people.schemas.ts';
import { actorOf } from '../../api/write.ts';
import { findApiKey, findApiKeyWithUse, listApiKeys } from '../../db/queries/api-keys.ts';
import { organisationIdentifiers } from '../../db/queries/organisation-identifiers.ts';
import { findOrganisation, listOrganisations } from '../../db/queries/organisations.ts';
import { findMember, listMembers, listPendingInvitations, requiresTotp } from '../../db/queries/people.ts';
import type { Member, Organisation } from '../../db/schema.ts';
import { issueApiKey, mayManageKeys, revokeKey } from '../../usecases/api-keys.ts';
import { type InvitationCreated, inviteMember, requireTotp, revokeInvitation } from '../../usecases/members.ts';
import { registerOrganisation } from '../../usecases/register-organisation.ts';
import { MemberRemovalRefused, removeMember } from '../../usecases/remove-member.ts';
import { mayInOrganisation, PageForbidden, PageNotFound, requireInOrganisation } from '../access.ts';
import { act, formOf, policyOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { WebContext, WebEnv } from '../context.ts';
import { Notice } from '../layout.tsx';
import { registerNav } from '../nav.ts';
import { render, seeOther } from '../render.ts';
import { adminMessages } from './messages.ts';
import {
  type FieldErrors, type InviteFormState, type KeyFormState, OnceAnswerPage, OrganisationPage, OrganisationsPage, type OrganisationView,
  type RegisterFormState, RemoveMemberPage, RevokePage,
} from './views.tsx';
import { actOnce, IDEMPOTENCY_FIELD, newFormKey } from './write.ts';

/**
 * Administration (issue 17): organisations, members, invitations, API keys — for the platform
 * administrator (every organisation: register one, invite its first admin, its keys) and each
 * organisation's admins (their members, invitations, TOTP requirement, keys). Members see their
 * organisation's people read-only. Every check is the API's: the organisation permissions table
 * through access.ts (`members.read`, `members.invite`, `organisation.require_totp`) and the key
 * rule of usecases/api-keys.ts (`mayManageKeys`); every change is the API's application action.
 * Someone who may not read an organisation's members gets the 404 page for its pages and its
 * forms alike (it does not exist for them); a member without the right to a form gets 403.
 */
registerNav({ href: '/admin/organisations', label: (page) => page.messages(adminMessages)('nav.organisations'), show: (v) => v.isPlatformAdmin, order: 80 });
registerNav({ href: '/organisation', label: (page) => page.messages(adminMessages)('nav.organisation'), order: 90 });

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 100;

const m = (c: WebContext) => c.var.page.messages(adminMessages);

/** The organisation `id`, if the person may read its members (else the 404 page). */
async function organisationFor(c: WebContext, id: string): Promise<Organisation> {
  if (!uuid.test(id) || !mayInOrganisation(c, 'members.read', id)) throw new PageNotFound();
  const organisation = await findOrganisation(c.var.db, id);
  if (!organisation) throw new PageNotFound();
  return organisation;
}

/** The organisation's members and the people it removed, as its page shows them. */
function membersAndRemoved(people: Member[]): { members: Member[]; removed: Member[] } {
  return { members: people.filter((p) => p.removed_at === null), removed: people.filter((p) => p.removed_at !== null) };
}

const homeOf = (c: WebContext, id: string) => (id === c.var.principal.organisationId ? '/organisation' : `/admin/organisations/${id}`);
const baseOf = (id: string) => `/admin/organisations/${id}`;

async function viewOf(c: WebContext, organisation: Organisation): Promise<OrganisationView> {
  const { db } = c.var;
  const id = organisation.id;
  const p = c.var.principal;
  const mayInvite = mayInOrganisation(c, 'members.invite', id);
  const mayKeys = mayManageKeys(actorOf(c as never), id);
  return {
    organisation,
    identifier: (await organisationIdentifiers(db, [id])).get(id) ?? null,
    home: homeOf(c, id),
    ...membersAndRemoved(await listMembers(db, id)),
    mayRemove: mayInOrganisation(c, 'members.remove', id),
    invitations: mayInvite ? await listPendingInvitations(db, id, c.var.deps.clock()) : null,
    totpRequired: mayInOrganisation(c, 'organisation.require_totp', id) ? await requiresTotp(db, id) : null,
    keys: mayKeys ? await listApiKeys(db, id) : null,
    mayInvite,
    // As inviteMember decides: only the organisation's own admins invite members.
    adminsOnly: !(p.organisationId === id && p.keyScope === 'admin'),
  };
}

const emptyInvite = (): InviteFormState => ({ values: { email: '', name: '', role: 'member', locale: '' }, formKey: newFormKey() });
const emptyKey = (): KeyFormState => ({ values: { label: '', scope: 'member' }, formKey: newFormKey() });
const emptyRegister = (): RegisterFormState => ({ values: { name: '', kind: 'operator', identifier: '' }, formKey: newFormKey() });

async function showOrganisation(
  c: WebContext, organisation: Organisation, state: { done?: string; invite?: InviteFormState; key?: KeyFormState } = {}, status: 200 | 422 = 200,
) {
  const view = await viewOf(c, organisation);
  return render(c, (
    <OrganisationPage page={c.var.page} view={view} done={state.done} invite={state.invite ?? emptyInvite()} keyForm={state.key ?? emptyKey()} />
  ), status);
}

/** The ?done=… notice of an organisation's page. */
async function doneOf(c: WebContext, organisation: Organisation): Promise<string | undefined> {
  const t = m(c);
  switch (c.req.query('done')) {
    case 'registered': return t('orgs.registered', { name: organisation.name });
    case 'totpRequired': return t('security.nowRequired');
    case 'totpOptional': return t('security.nowOptional');
    case 'alreadyRevoked': return t('keys.alreadyRevoked');
    case 'alreadyRemoved': return t('org.alreadyRemoved');
    case 'memberRemoved': {
      const id = c.req.query('member') ?? '';
      const row = uuid.test(id) ? await findMember(c.var.db, id) : undefined;
      return row && row.organisation_id === organisation.id ? t('org.removeDone', { name: row.name }) : undefined;
    }
    case 'invitationGone': return t('invitations.gone');
    case 'invitationRevoked': {
      const id = c.req.query('invitation') ?? '';
      const row = uuid.test(id) ? await c.var.db.selectFrom('invitation').select('email').where('id', '=', id).where('organisation_id', '=', organisation.id).executeTakeFirst() : undefined;
      return row ? t('invitations.revoked', { email: row.email ?? '' }) : undefined;
    }
    case 'revoked': {
      const key = uuid.test(c.req.query('key') ?? '') ? await findApiKey(c.var.db, organisation.id, c.req.query('key')!) : undefined;
      return key ? t('keys.revoked', { prefix: key.key_prefix }) : undefined;
    }
    default: return undefined;
  }
}

/** A person of the organisation (members and people removed), else the 404 page. */
async function memberOf(c: WebContext, organisation: Organisation, memberId: string): Promise<Member> {
  const member = uuid.test(memberId) ? await findMember(c.var.db, memberId) : undefined;
  if (!member || member.organisation_id !== organisation.id) throw new PageNotFound();
  return member;
}

function showRemoval(c: WebContext, organisation: Organisation, member: Member, refusal?: string, status: 200 | 409 = 200) {
  return render(c, (
    <RemoveMemberPage page={c.var.page} base={baseOf(organisation.id)} back={homeOf(c, organisation.id)} organisation={organisation} member={member} refusal={refusal} />
  ), status);
}

async function showOrganisations(c: WebContext, form: RegisterFormState, status: 200 | 422 = 200) {
  const after = c.req.query('after');
  const rows = await listOrganisations(c.var.db, { after: after && uuid.test(after) ? after : undefined, limit: LIST_LIMIT + 1 });
  const shown = rows.slice(0, LIST_LIMIT);
  const identifiers = await organisationIdentifiers(c.var.db, shown.map((o) => o.id));
  return render(c, (
    <OrganisationsPage page={c.var.page} organisations={shown.map((row) => ({ row, identifier: identifiers.get(row.id) ?? null }))}
      next={rows.length > LIST_LIMIT ? shown[shown.length - 1]!.id : null} form={form} />
  ), status);
}

function requirePlatformAdmin(c: WebContext): void {
  if (!c.var.principal.isAdmin) throw new PageNotFound();
}

const reused = (error: unknown) => error instanceof ApiError && error.code === 'idempotency_key_reused';
const pathOf = (error: ApiError, path: string) => error.errors?.some((e) => e.path === path) ?? false;

export const adminPages = new Hono<WebEnv>()
  // ─── The platform administrator: organisations ─────────────────────────────────────────
  .get('/admin/organisations', memberPage(), async (c) => {
    requirePlatformAdmin(c);
    return showOrganisations(c, emptyRegister());
  })
  .post('/admin/organisations', memberPage(), async (c) => {
    requirePlatformAdmin(c);
    const t = m(c);
    const field = await formOf(c);
    const values = { name: field('name'), kind: field('kind'), identifier: field('identifier') };
    const formKey = field(IDEMPOTENCY_FIELD);
    // Parsed by the API's own schema of the registration.
    const parsed = CreateOrganisationBody.safeParse({ name: values.name, kind: values.kind, identifier: values.identifier.trim() || undefined });
    const errors: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'name') errors.name = t('orgs.nameMissing');
        if (issue.path[0] === 'kind') errors.kind = t('orgs.kindMissing');
        if (issue.path[0] === 'identifier') errors.identifier = t('orgs.identifierInvalid');
      }
      return showOrganisations(c, { values, errors, formKey }, 422);
    }
    try {
      const { body } = await actOnce(c, formKey, parsed.data, async (ctx) => ({ id: (await registerOrganisation(ctx, parsed.data)).id }));
      // A second submission of the form finds the first one's organisation: nothing registered twice.
      return seeOther(c, `${baseOf(body.id)}?done=registered`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && pathOf(error, 'identifier')) {
        return showOrganisations(c, { values, errors: { identifier: t('orgs.identifierTaken') }, formKey }, 422);
      }
      if (reused(error)) return showOrganisations(c, { values, errors: { form: t('form.reused') }, formKey: newFormKey() }, 422);
      throw error;
    }
  })

  // ─── An organisation's page ─────────────────────────────────────────────────────────────
  .get('/organisation', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.var.principal.organisationId);
    return showOrganisation(c, organisation, { done: await doneOf(c, organisation) });
  })
  .get('/admin/organisations/:orgId', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    return showOrganisation(c, organisation, { done: await doneOf(c, organisation) });
  })

  // Invite a person: the one-time link shown on the answer (and e-mailed when SMTP is configured).
  .post('/admin/organisations/:orgId/invitations', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    requireInOrganisation(c, 'members.invite', organisation.id);
    const t = m(c);
    const page = c.var.page;
    const field = await formOf(c);
    const values = { email: field('email').trim(), name: field('name').trim(), role: field('role') || 'member', locale: field('locale') };
    const formKey = field(IDEMPOTENCY_FIELD);
    const again = (errors: FieldErrors, key = formKey) => showOrganisation(c, organisation, { invite: { values, errors, formKey: key } }, 422);
    const parsed = InviteMemberBody.safeParse({ email: values.email, name: values.name || undefined, role: values.role, locale: values.locale || undefined });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'email') errors.email = t('invite.emailInvalid');
        if (issue.path[0] === 'name') errors.name = t('invite.nameTooLong');
        if (issue.path[0] === 'role') errors.role = t('invite.roleAdminOnly');
      }
      return again(errors);
    }
    let created: InvitationCreated | undefined;
    let answer: { body: { email: string | null; role: 'admin' | 'member'; expiresAt: string; link: string | null }; replayed: boolean };
    try {
      answer = await actOnce(c, formKey, { organisationId: organisation.id, ...parsed.data }, async (ctx) => {
        created = await inviteMember(ctx, { organisationId: organisation.id, ...parsed.data }, policyOf(c));
        return {
          email: created.invitation.email, role: created.invitation.role, expiresAt: created.invitation.expires_at.toISOString(),
          link: invitationLink(publicBase(c as never), created.token),
        };
      }, (body) => ({ ...body, link: null })); // the link is not kept: a replay does not show it again
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && pathOf(error, 'email')) return again({ email: t('invite.emailTaken') });
      if (error instanceof ApiError && error.code === 'forbidden' && pathOf(error, 'role')) return again({ role: t('invite.roleAdminOnly') });
      if (reused(error)) return again({ form: t('form.reused') }, newFormKey());
      throw error;
    }
    const { body, replayed } = answer;
    let delivery: InvitationDelivery = 'not_sent';
    if (created && body.link) delivery = await deliverInvitation(c.var.deps, created, body.link, c.get('requestId'));
    const intro = t('invite.doneIntro', {
      email: body.email ?? '', organisation: organisation.name, role: page.t(`orgRole.${body.role}`), expires: page.format.dateTime(new Date(body.expiresAt)),
    });
    return render(c, (
      <OnceAnswerPage page={page} title={t('invite.doneTitle')} back={homeOf(c, organisation.id)}>
        <p>{intro}</p>
        {replayed || !body.link ? <Notice kind="warn"><p>{t('invite.replayed')}</p></Notice> : (
          <>
            <Notice kind="warn"><p>{t('invite.linkOnce')}</p></Notice>
            <p><strong id="invitation-link-label">{t('invite.linkLabel')}</strong></p>
            <p><code class="secret" id="invitation-link">{body.link}</code></p>
            <p>
              {delivery === 'emailed' ? t('invite.emailed', { email: body.email ?? '' })
                : delivery === 'failed' ? t('invite.mailFailed') : t('invite.notConfigured')}
            </p>
          </>
        )}
      </OnceAnswerPage>
    ));
  })

  // Withdraw a pending invitation (the API's revokeInvitation): its link stops working.
  .post('/admin/organisations/:orgId/invitations/:invitationId/revoke', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    requireInOrganisation(c, 'members.invite', organisation.id);
    const invitationId = c.req.param('invitationId');
    if (!uuid.test(invitationId)) throw new PageNotFound();
    try {
      await act(c, (ctx) => revokeInvitation(ctx, { organisationId: organisation.id, invitationId }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_state') return seeOther(c, `${homeOf(c, organisation.id)}?done=invitationGone`);
      throw error;
    }
    return seeOther(c, `${homeOf(c, organisation.id)}?done=invitationRevoked&invitation=${invitationId}`);
  })

  // Remove a person (the API's removeMember): a confirmation page, then the removal.
  .get('/admin/organisations/:orgId/members/:memberId/remove', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    requireInOrganisation(c, 'members.remove', organisation.id);
    const member = await memberOf(c, organisation, c.req.param('memberId'));
    if (member.removed_at) return seeOther(c, `${homeOf(c, organisation.id)}?done=alreadyRemoved`);
    return showRemoval(c, organisation, member);
  })
  .post('/admin/organisations/:orgId/members/:memberId/remove', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    requireInOrganisation(c, 'members.remove', organisation.id);
    const member = await memberOf(c, organisation, c.req.param('memberId'));
    try {
      await act(c, (ctx) => removeMember(ctx, { organisationId: organisation.id, memberId: member.id }));
    } catch (error) {
      if (error instanceof MemberRemovalRefused) {
        if (error.reason === 'already_removed') return seeOther(c, `${homeOf(c, organisation.id)}?done=alreadyRemoved`);
        return showRemoval(c, organisation, member, m(c)(`org.refused.${error.reason}`, { name: member.name }), 409);
      }
      throw error;
    }
    return seeOther(c, `${homeOf(c, organisation.id)}?done=memberRemoved&member=${member.id}`);
  })

  // Require (or stop requiring) TOTP of the organisation's people.
  .post('/admin/organisations/:orgId/security', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    requireInOrganisation(c, 'organisation.require_totp', organisation.id);
    const required = (await formOf(c))('totp') === 'required';
    await act(c, (ctx) => requireTotp(ctx, { organisationId: organisation.id, requireTotp: required }));
    return seeOther(c, `${homeOf(c, organisation.id)}?done=${required ? 'totpRequired' : 'totpOptional'}`);
  })

  // Issue an API key: the secret shown once, on the answer.
  .post('/admin/organisations/:orgId/api-keys', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    if (!mayManageKeys(actorOf(c as never), organisation.id)) throw new PageForbidden();
    const t = m(c);
    const page = c.var.page;
    const field = await formOf(c);
    const values = { label: field('label').trim(), scope: field('scope') || 'member' };
    const formKey = field(IDEMPOTENCY_FIELD);
    const again = (errors: FieldErrors, key = formKey) => showOrganisation(c, organisation, { key: { values, errors, formKey: key } }, 422);
    const parsed = CreateApiKeyBody.safeParse({ label: values.label || undefined, scope: values.scope });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'label') errors.label = t('keys.labelTooLong');
        if (issue.path[0] === 'scope') errors.scope = t('keys.issueScope');
      }
      return again(errors);
    }
    let answer: { body: { id: string; prefix: string; scope: 'admin' | 'member'; key: string | null }; replayed: boolean };
    try {
      answer = await actOnce(c, formKey, { organisationId: organisation.id, ...parsed.data }, async (ctx) => {
        const { row, key } = await issueApiKey(ctx, { organisationId: organisation.id, label: parsed.data.label ?? null, scope: parsed.data.scope });
        return { id: row.id, prefix: row.key_prefix, scope: row.scope, key };
      }, (body) => ({ ...body, key: null })); // the secret is never stored: a replay cannot show it
    } catch (error) {
      if (reused(error)) return again({ form: t('form.reused') }, newFormKey());
      throw error;
    }
    const { body, replayed } = answer;
    return render(c, (
      <OnceAnswerPage page={page} title={t('keys.doneTitle')} back={homeOf(c, organisation.id)}>
        <p>{t('keys.doneFacts', { prefix: body.prefix, scope: t(`keys.scope.${body.scope}`) })}</p>
        {replayed || !body.key ? <Notice kind="warn"><p>{t('keys.replayed', { prefix: body.prefix })}</p></Notice> : (
          <>
            <Notice kind="warn"><p>{t('keys.secretWarning')}</p></Notice>
            <p><strong id="api-key-label">{t('keys.secretLabel')}</strong></p>
            <p><code class="secret" id="api-key">{body.key}</code></p>
          </>
        )}
      </OnceAnswerPage>
    ));
  })

  // Revoke an API key: a confirmation page, then the revocation.
  .get('/admin/organisations/:orgId/api-keys/:keyId/revoke', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    if (!mayManageKeys(actorOf(c as never), organisation.id)) throw new PageForbidden();
    const keyId = c.req.param('keyId');
    const key = uuid.test(keyId) ? await findApiKeyWithUse(c.var.db, organisation.id, keyId) : undefined;
    if (!key) throw new PageNotFound();
    if (key.revoked_at) return seeOther(c, `${homeOf(c, organisation.id)}?done=alreadyRevoked`);
    return render(c, <RevokePage page={c.var.page} base={baseOf(organisation.id)} back={homeOf(c, organisation.id)} apiKey={key} />);
  })
  .post('/admin/organisations/:orgId/api-keys/:keyId/revoke', memberPage(), async (c) => {
    const organisation = await organisationFor(c, c.req.param('orgId'));
    if (!mayManageKeys(actorOf(c as never), organisation.id)) throw new PageForbidden();
    const keyId = c.req.param('keyId');
    if (!uuid.test(keyId)) throw new PageNotFound();
    try {
      await act(c, (ctx) => revokeKey(ctx, { organisationId: organisation.id, keyId }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_state') return seeOther(c, `${homeOf(c, organisation.id)}?done=alreadyRevoked`);
      throw error;
    } finally {
      // As the API's revokeKey: this instance forgets what it knew of the key at once.
      c.var.accessCache?.clear();
    }
    return seeOther(c, `${homeOf(c, organisation.id)}?done=revoked&key=${keyId}`);
  });
