import type { Child } from 'hono/jsx';
import type { ApiKeyWithUse } from '../../db/queries/api-keys.ts';
import type { Invitation, Member, Organisation } from '../../db/schema.ts';
import type { PageContext } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { adminMessages } from './messages.ts';
import { IDEMPOTENCY_FIELD } from './write.ts';

/**
 * The administration pages' markup: the platform administrator's list of organisations (and the
 * registration form), an organisation's page (members, pending invitations, the invitation form,
 * security, API keys), the one-time answers (an invitation's link, a key's secret) and the
 * confirmation of a revocation. Each form: CSRF field, the idempotency key of creations, errors
 * named in the form (a summary linking to each field, and the field's own message).
 */
export const ORGANISATION_KINDS = ['public_authority', 'investor', 'operator', 'evaluator', 'validator', 'intermediary'] as const;

type M = ReturnType<typeof adminMessages.for>;
const msgs = (page: PageContext): M => page.messages(adminMessages);

export interface FieldErrors { [field: string]: string | undefined }

/** The problems of a form, each linking to its field (ids are `${prefix}-${field}`). */
function ErrorSummary(props: { page: PageContext; prefix: string; errors: FieldErrors | undefined }) {
  const entries = Object.entries(props.errors ?? {}).filter(([, v]) => v);
  if (entries.length === 0) return null;
  return (
    <Notice kind="error" title={props.page.t('form.problem')}>
      <ul>
        {entries.map(([field, message]) => (field === 'form' ? <li>{message}</li> : <li><a href={`#${props.prefix}-${field}`}>{message}</a></li>))}
      </ul>
    </Notice>
  );
}

function Radios(props: { name: string; idPrefix: string; legend: string; value: string; options: { value: string; label: string }[]; error?: string | undefined }) {
  return (
    <fieldset id={`${props.idPrefix}-${props.name}`} aria-describedby={props.error ? `${props.idPrefix}-${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.error ? <span class="error-text" id={`${props.idPrefix}-${props.name}-error`}>{props.error}</span> : null}
      {props.options.map((o, i) => (
        <div class="choice">
          <input type="radio" id={`${props.idPrefix}-${props.name}-${i}`} name={props.name} value={o.value} checked={o.value === props.value} />{' '}
          <label for={`${props.idPrefix}-${props.name}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Select(props: { id: string; name: string; label: string; hint?: string; value: string; options: { value: string; label: string }[]; error?: string | undefined; required?: boolean }) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? <span class="hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {props.error ? <span class="error-text" id={`${props.id}-error`}>{props.error}</span> : null}
      <select id={props.id} name={props.name} required={props.required} aria-describedby={described} aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map((o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

// ─── The platform administrator's organisations ────────────────────────────────────────────

export interface RegisterFormState {
  values: { name: string; kind: string; identifier: string };
  errors?: FieldErrors;
  formKey: string;
}

export function OrganisationsPage(props: {
  page: PageContext; organisations: { row: Organisation; identifier: string | null }[]; next: string | null; form: RegisterFormState;
}) {
  const { page, form } = props;
  const m = msgs(page);
  return (
    <Layout page={page} title={m('orgs.title')}>
      <h1>{m('orgs.title')}</h1>
      <p>{m('orgs.intro')}</p>
      {props.organisations.length === 0 ? <p>{m('orgs.none')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table id="organisations">
            <caption>{m('orgs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('orgs.name')}</th>
                <th scope="col">{m('orgs.kind')}</th>
                <th scope="col">{m('orgs.identifier')}</th>
                <th scope="col">{m('orgs.created')}</th>
              </tr>
            </thead>
            <tbody>
              {props.organisations.map(({ row, identifier }) => (
                <tr data-organisation-id={row.id}>
                  <th scope="row"><a href={`/admin/organisations/${row.id}`}>{row.name}</a></th>
                  <td>{m(`kind.${row.kind}`)}</td>
                  <td>{identifier ? <code>{identifier}</code> : ''}</td>
                  <td>{page.format.date(row.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.next ? <p><a href={`/admin/organisations?after=${encodeURIComponent(props.next)}`}>{m('orgs.more')}</a></p> : null}

      <section class="panel" aria-labelledby="register-heading">
        <h2 id="register-heading">{m('orgs.register')}</h2>
        <ErrorSummary page={page} prefix="org" errors={form.errors} />
        <form method="post" action="/admin/organisations" novalidate>
          <CsrfField page={page} />
          <input type="hidden" name={IDEMPOTENCY_FIELD} value={form.formKey} />
          <Field id="org-name" name="name" label={m('orgs.registerName')} value={form.values.name} required maxlength={300} autocomplete="organization" error={form.errors?.name} />
          <Select id="org-kind" name="kind" label={m('orgs.registerKind')} hint={m('orgs.registerKindHint')} value={form.values.kind} required error={form.errors?.kind}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: m(`kind.${k}`) }))} />
          <Field id="org-identifier" name="identifier" label={m('orgs.registerIdentifier')} hint={m('orgs.registerIdentifierHint')} value={form.values.identifier}
            maxlength={200} error={form.errors?.identifier} />
          <div class="actions"><button type="submit">{m('orgs.registerSubmit')}</button></div>
        </form>
      </section>
    </Layout>
  );
}

// ─── An organisation's page ───────────────────────────────────────────────────────────────

export interface InviteFormState {
  values: { email: string; name: string; role: string; locale: string };
  errors?: FieldErrors;
  formKey: string;
}

export interface KeyFormState {
  values: { label: string; scope: string };
  errors?: FieldErrors;
  formKey: string;
}

export interface OrganisationView {
  organisation: Organisation;
  identifier: string | null;
  /** Where its page is: /organisation for the viewer's own, else /admin/organisations/{id}. */
  home: string;
  /** The organisation's members (not those removed). */
  members: Member[];
  /** The people it removed. */
  removed: Member[];
  /** Whether the viewer may remove people (the link is not shown on their own row). */
  mayRemove: boolean;
  /** Pending invitations (shown to those who may invite). */
  invitations: Invitation[] | null;
  /** The TOTP requirement (shown to those who may change it). */
  totpRequired: boolean | null;
  /** The organisation's keys (shown to those who may manage them). */
  keys: ApiKeyWithUse[] | null;
  mayInvite: boolean;
  /** Only `admin` may be invited (the platform administrator, for another organisation). */
  adminsOnly: boolean;
}

export function OrganisationPage(props: {
  page: PageContext; view: OrganisationView; done?: string | undefined; invite: InviteFormState; keyForm: KeyFormState;
}) {
  const { page, view } = props;
  const { t } = page;
  const m = msgs(page);
  const org = view.organisation;
  const base = `/admin/organisations/${org.id}`;
  const viewer = page.viewer!;
  return (
    <Layout page={page} title={m('org.title', { name: org.name })}>
      {viewer.isPlatformAdmin && org.id !== viewer.organisationId ? <p><a href="/admin/organisations">{m('org.back')}</a></p> : null}
      <h1>{m('org.title', { name: org.name })}</h1>
      {props.done ? <Notice kind="ok"><p>{props.done}</p></Notice> : null}
      <dl class="facts">
        <dt>{m('orgs.kind')}</dt><dd>{m(`kind.${org.kind}`)}</dd>
        {view.identifier ? <><dt>{m('orgs.identifier')}</dt><dd><code>{view.identifier}</code></dd></> : null}
        <dt>{m('orgs.created')}</dt><dd>{page.format.date(org.created_at)}</dd>
      </dl>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{m('org.members')}</h2>
        {view.members.length === 0 ? <p>{m('org.noMembers')}</p> : (
          <div class="table-wrap" tabindex={0}>
            <table id="members">
              <caption>{m('org.membersCaption', { name: org.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('org.memberName')}</th>
                  <th scope="col">{m('org.memberEmail')}</th>
                  <th scope="col">{m('org.memberRole')}</th>
                  <th scope="col">{m('org.memberTotp')}</th>
                  <th scope="col">{m('org.memberSince')}</th>
                  {view.mayRemove ? <th scope="col">{m('org.memberActions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {view.members.map((member) => (
                  <tr data-member-id={member.id}>
                    <th scope="row">{member.name}</th>
                    <td>{member.email}</td>
                    <td>{t(`orgRole.${member.role}`)}</td>
                    <td>{member.totp_secret ? m('org.totpOn') : m('org.totpOff')}</td>
                    <td>{page.format.date(member.created_at)}</td>
                    {view.mayRemove ? (
                      <td>{member.id === viewer.memberId ? '' : <a href={`${base}/members/${member.id}/remove`}>{m('org.remove', { name: member.name })}</a>}</td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {view.removed.length === 0 ? null : (
          <>
            <h3 id="removed-heading">{m('org.removedTitle')}</h3>
            <div class="table-wrap" tabindex={0}>
              <table id="removed-members">
                <caption>{m('org.removedCaption', { name: org.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m('org.memberName')}</th>
                    <th scope="col">{m('org.memberEmail')}</th>
                    <th scope="col">{m('org.memberRole')}</th>
                    <th scope="col">{m('org.memberSince')}</th>
                    <th scope="col">{m('org.removedOn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.removed.map((member) => (
                    <tr data-member-id={member.id}>
                      <th scope="row">{member.name}</th>
                      <td>{member.email}</td>
                      <td>{t(`orgRole.${member.role}`)}</td>
                      <td>{page.format.date(member.created_at)}</td>
                      <td>{member.removed_at ? page.format.dateTime(member.removed_at) : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {!view.mayInvite && view.keys === null ? <p class="hint">{m('org.readOnly')}</p> : null}
      </section>

      {view.invitations ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{m('invitations.title')}</h2>
          {view.invitations.length === 0 ? <p>{m('invitations.none')}</p> : (
            <>
              <div class="table-wrap" tabindex={0}>
                <table id="invitations">
                  <caption>{m('invitations.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m('invitations.email')}</th>
                      <th scope="col">{m('invitations.name')}</th>
                      <th scope="col">{m('invitations.role')}</th>
                      <th scope="col">{m('invitations.created')}</th>
                      <th scope="col">{m('invitations.expires')}</th>
                      <th scope="col">{m('keys.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.invitations.map((i) => (
                      <tr data-invitation-id={i.id}>
                        <th scope="row">{i.email ?? ''}</th>
                        <td>{i.name ?? ''}</td>
                        <td>{t(`orgRole.${i.role}`)}</td>
                        <td>{page.format.dateTime(i.created_at)}</td>
                        <td>{page.format.dateTime(i.expires_at)}</td>
                        <td>
                          <form method="post" action={`/admin/organisations/${org.id}/invitations/${i.id}/revoke`}>
                            <CsrfField page={page} />
                            <button type="submit" class="secondary">{m('invitations.revoke', { email: i.email ?? '' })}</button>
                          </form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="hint">{m('invitations.linksHidden')}</p>
            </>
          )}
        </section>
      ) : null}

      {view.mayInvite ? <InviteSection page={page} base={base} view={view} form={props.invite} /> : null}
      {view.totpRequired !== null ? <SecuritySection page={page} base={base} required={view.totpRequired} /> : null}
      {view.keys ? <KeysSection page={page} base={base} view={view} keys={view.keys} form={props.keyForm} /> : null}
    </Layout>
  );
}

function InviteSection(props: { page: PageContext; base: string; view: OrganisationView; form: InviteFormState }) {
  const { page, form, view } = props;
  const m = msgs(page);
  return (
    <section class="panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{view.adminsOnly ? m('invite.titleFirstAdmin') : m('invite.title')}</h2>
      {view.adminsOnly ? <p>{m('invite.firstAdminHint')}</p> : null}
      <ErrorSummary page={page} prefix="invite" errors={form.errors} />
      <form method="post" action={`${props.base}/invitations`} novalidate>
        <CsrfField page={page} />
        <input type="hidden" name={IDEMPOTENCY_FIELD} value={form.formKey} />
        <Field id="invite-email" name="email" type="email" label={m('invite.email')} value={form.values.email} required autocomplete="off" error={form.errors?.email} />
        <Field id="invite-name" name="name" label={m('invite.name')} value={form.values.name} maxlength={200} autocomplete="off" error={form.errors?.name} />
        {view.adminsOnly ? <input type="hidden" name="role" value="admin" /> : (
          <Radios name="role" idPrefix="invite" legend={m('invite.role')} value={form.values.role} error={form.errors?.role}
            options={[{ value: 'member', label: m('invite.roleMember') }, { value: 'admin', label: m('invite.roleAdmin') }]} />
        )}
        {view.adminsOnly && form.errors?.role ? <p class="error-text" id="invite-role">{form.errors.role}</p> : null}
        <Select id="invite-locale" name="locale" label={m('invite.locale')} value={form.values.locale}
          options={[{ value: '', label: m('invite.localeDefault') }, { value: 'en', label: page.t('language.en') }, { value: 'fr', label: page.t('language.fr') }]} />
        <div class="actions"><button type="submit">{m('invite.submit')}</button></div>
      </form>
    </section>
  );
}

function SecuritySection(props: { page: PageContext; base: string; required: boolean }) {
  const { page } = props;
  const m = msgs(page);
  return (
    <section class="panel" aria-labelledby="security-heading">
      <h2 id="security-heading">{m('security.title')}</h2>
      <form method="post" action={`${props.base}/security`}>
        <CsrfField page={page} />
        <Radios name="totp" idPrefix="security" legend={m('security.requireLegend')} value={props.required ? 'required' : 'optional'}
          options={[{ value: 'optional', label: m('security.optional') }, { value: 'required', label: m('security.required') }]} />
        <div class="actions"><button type="submit">{m('security.submit')}</button></div>
      </form>
    </section>
  );
}

function KeysSection(props: { page: PageContext; base: string; view: OrganisationView; keys: ApiKeyWithUse[]; form: KeyFormState }) {
  const { page, form, keys } = props;
  const m = msgs(page);
  return (
    <section class="panel" aria-labelledby="keys-heading">
      <h2 id="keys-heading">{m('keys.title')}</h2>
      <p>{m('keys.intro')}</p>
      {keys.length === 0 ? <p>{m('keys.none')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table id="api-keys">
            <caption>{m('keys.caption', { name: props.view.organisation.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{m('keys.prefix')}</th>
                <th scope="col">{m('keys.label')}</th>
                <th scope="col">{m('keys.scope')}</th>
                <th scope="col">{m('keys.created')}</th>
                <th scope="col">{m('keys.lastUsed')}</th>
                <th scope="col">{m('keys.status')}</th>
                <th scope="col">{m('keys.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr data-key-id={k.id}>
                  <th scope="row"><code>{k.key_prefix}…</code></th>
                  <td>{k.label ?? ''}</td>
                  <td>{m(`keys.scope.${k.scope}`)}</td>
                  <td>{page.format.dateTime(k.created_at)}</td>
                  <td>{k.last_used_at ? page.format.dateTime(k.last_used_at) : m('keys.neverUsed')}</td>
                  <td>{k.revoked_at ? <span class="badge bad">{m('keys.revokedOn', { date: page.format.dateTime(k.revoked_at) })}</span> : <span class="badge ok">{m('keys.active')}</span>}</td>
                  <td>{k.revoked_at ? '' : <a href={`${props.base}/api-keys/${k.id}/revoke`}>{m('keys.revoke', { prefix: k.key_prefix })}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">{m('keys.lastUsedHint')}</p>
      <h3 id="issue-heading">{m('keys.issue')}</h3>
      <ErrorSummary page={page} prefix="key" errors={form.errors} />
      <form method="post" action={`${props.base}/api-keys`} novalidate aria-labelledby="issue-heading">
        <CsrfField page={page} />
        <input type="hidden" name={IDEMPOTENCY_FIELD} value={form.formKey} />
        <Field id="key-label" name="label" label={m('keys.issueLabel')} hint={m('keys.issueLabelHint')} value={form.values.label} maxlength={200} autocomplete="off" error={form.errors?.label} />
        <Radios name="scope" idPrefix="key" legend={m('keys.issueScope')} value={form.values.scope} error={form.errors?.scope}
          options={[{ value: 'member', label: m('keys.scopeMember') }, { value: 'admin', label: m('keys.scopeAdmin') }]} />
        <div class="actions"><button type="submit">{m('keys.issueSubmit')}</button></div>
      </form>
    </section>
  );
}

// ─── One-time answers and confirmations ───────────────────────────────────────────────────

export function OnceAnswerPage(props: { page: PageContext; title: string; back: string; children?: Child }) {
  const m = msgs(props.page);
  return (
    <Layout page={props.page} title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
      <p><a href={props.back}>{m('invite.back')}</a></p>
    </Layout>
  );
}

export function RemoveMemberPage(props: { page: PageContext; base: string; back: string; organisation: Organisation; member: Member; refusal?: string | undefined }) {
  const { page, member } = props;
  const m = msgs(page);
  const title = m('org.removeTitle', { name: member.name, organisation: props.organisation.name });
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{m('org.memberEmail')}</dt><dd>{member.email}</dd>
        <dt>{m('org.memberRole')}</dt><dd>{page.t(`orgRole.${member.role}`)}</dd>
        <dt>{m('org.memberSince')}</dt><dd>{page.format.date(member.created_at)}</dd>
      </dl>
      {props.refusal ? <Notice kind="error"><p>{props.refusal}</p></Notice> : <Notice kind="warn"><p>{m('org.removeText', { name: member.name })}</p></Notice>}
      <form method="post" action={`${props.base}/members/${member.id}/remove`}>
        <CsrfField page={page} />
        <div class="actions">
          {props.refusal ? null : <button type="submit" class="danger">{m('org.removeSubmit', { name: member.name })}</button>}
          <a href={props.back}>{m('keys.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}

export function RevokePage(props: { page: PageContext; base: string; back: string; apiKey: ApiKeyWithUse }) {
  const { page, apiKey: key } = props;
  const m = msgs(page);
  return (
    <Layout page={page} title={m('keys.revokeTitle', { prefix: key.key_prefix })}>
      <h1>{m('keys.revokeTitle', { prefix: key.key_prefix })}</h1>
      <dl class="facts">
        <dt>{m('keys.label')}</dt><dd>{key.label ?? '—'}</dd>
        <dt>{m('keys.scope')}</dt><dd>{m(`keys.scope.${key.scope}`)}</dd>
        <dt>{m('keys.created')}</dt><dd>{page.format.dateTime(key.created_at)}</dd>
        <dt>{m('keys.lastUsed')}</dt><dd>{key.last_used_at ? page.format.dateTime(key.last_used_at) : m('keys.neverUsed')}</dd>
      </dl>
      <Notice kind="warn"><p>{m('keys.revokeText')}</p></Notice>
      <form method="post" action={`${props.base}/api-keys/${key.id}/revoke`}>
        <CsrfField page={page} />
        <div class="actions">
          <button type="submit" class="danger">{m('keys.revokeSubmit')}</button>
          <a href={props.back}>{m('keys.cancel')}</a>
        </div>
      </form>
    </Layout>
  );
}
