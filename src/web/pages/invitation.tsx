import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { AcceptInvitationBody } from '../../api/people/people.schemas.ts';
import { findOrganisation } from '../../db/queries/organisations.ts';
import type { Invitation } from '../../db/schema.ts';
import { acceptInvitation, hashPassword, invitationEmailOf, inviteeActor, openInvitation } from '../../usecases/members.ts';
import { runWrite } from '../../usecases/run-write.ts';
import { formOf } from '../actions.ts';
import { publicPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { errorPage } from '../errors.tsx';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { PASSWORD_MIN_LENGTH, passwordMessages } from './password.ts';

/**
 * Accepting an invitation: the link an admin (or the first start, for the platform's first
 * administrator) gives is `/invitation?token=…` (api/people/links.ts); `/invitations/{token}`
 * leads there too. The person chooses their name and password (the rule shown), confirms it, and
 * the API's action creates the account (usecases/members.ts acceptInvitation), in the language
 * they read the page in. Then they sign in.
 */
interface Errors { name?: string; email?: string; password?: string[]; confirm?: string; form?: string }

function InvitationForm(props: { page: PageContext; token: string; invitation: Invitation; organisationName: string; name?: string; email?: string; errors?: Errors }) {
  const { page, invitation, errors = {} } = props;
  const { t } = page;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout page={page} title={t('invitation.title')}>
      <div class="panel narrow">
        <h1>{t('invitation.title')}</h1>
        <p>{t('invitation.intro', { organisation: props.organisationName, role: t(`orgRole.${invitation.role}`) })}</p>
        {hasErrors ? (
          <Notice kind="error" title={t('form.problem')}>
            <ul>
              {errors.form ? <li>{errors.form}</li> : null}
              {errors.name ? <li><a href="#name">{errors.name}</a></li> : null}
              {errors.email ? <li><a href="#email">{errors.email}</a></li> : null}
              {(errors.password ?? []).map((m) => <li><a href="#password">{m}</a></li>)}
              {errors.confirm ? <li><a href="#confirm">{errors.confirm}</a></li> : null}
            </ul>
          </Notice>
        ) : null}
        <form method="post" action="/invitation" novalidate>
          <CsrfField page={page} />
          <input type="hidden" name="token" value={props.token} />
          <Field id="name" label={t('invitation.name')} value={props.name ?? invitation.name ?? ''} required autocomplete="name" error={errors.name} />
          {invitation.email ? (
            <dl class="facts">
              <dt>{t('invitation.email')}</dt>
              <dd id="email">{invitation.email}</dd>
            </dl>
          ) : (
            <Field id="email" label={t('invitation.email')} type="email" hint={t('invitation.emailHint')} value={props.email ?? ''} required autocomplete="username" error={errors.email} />
          )}
          <Field id="password" label={t('invitation.password')} type="password" hint={t('invitation.passwordRule', { min: PASSWORD_MIN_LENGTH })}
            required autocomplete="new-password" error={errors.password?.join(' ')} />
          <Field id="confirm" label={t('invitation.confirm')} type="password" required autocomplete="new-password" error={errors.confirm} />
          <div class="actions"><button type="submit">{t('invitation.submit')}</button></div>
        </form>
      </div>
    </Layout>
  );
}

/** The invitation a token opens, or the page that says why not. */
async function open(c: WebContext, token: string): Promise<{ invitation: Invitation; organisationName: string } | Response> {
  const { t } = c.var.page;
  try {
    if (token.length < 10 || token.length > 200) throw new ApiError('not_found', 'No such invitation.');
    const invitation = await openInvitation(c.var.db, token, c.var.deps.clock());
    const organisation = await findOrganisation(c.var.db, invitation.organisation_id);
    if (!organisation) throw new ApiError('not_found', 'No such organisation.');
    return { invitation, organisationName: organisation.name };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'not_found') return errorPage(c, 404, t('invitation.notFound'));
    if (error.code === 'invalid_state') return errorPage(c, 409, /already used/i.test(error.message) ? t('invitation.used') : t('invitation.expired'));
    throw error;
  }
}

async function showInvitation(c: WebContext, token: string) {
  const opened = await open(c, token);
  if (opened instanceof Response) return opened;
  return render(c, <InvitationForm page={c.var.page} token={token} {...opened} />);
}

export const invitationPages = new Hono<WebEnv>()
  .get('/invitation', publicPage(), (c) => showInvitation(c, c.req.query('token') ?? ''))
  .get('/invitations/:token', publicPage(), (c) => showInvitation(c, c.req.param('token')))
  .post('/invitation', publicPage(), async (c) => {
    const page = c.var.page;
    const { t } = page;
    const field = await formOf(c);
    const token = field('token');
    const opened = await open(c, token);
    if (opened instanceof Response) return opened;
    const { invitation } = opened;
    const name = field('name');
    const email = invitation.email ? undefined : field('email').trim();
    const password = field('password');
    const errors: Errors = {};
    // Parsed by the API's own schema of the acceptance.
    const parsed = AcceptInvitationBody.safeParse({ token, name, password, ...(email !== undefined ? { email } : {}), locale: page.locale });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'name') errors.name = t('invitation.nameMissing');
        if (issue.path[0] === 'email') errors.email = t('invitation.emailInvalid');
      }
    }
    if (email === '') errors.email = t('invitation.emailInvalid');
    const problems = passwordMessages(page, password, email ?? invitation.email ?? undefined);
    if (problems.length > 0) errors.password = problems;
    if (password !== field('confirm')) errors.confirm = t('password.mismatch');
    const again = () => render(c, <InvitationForm page={page} token={token} {...opened} name={name} email={email ?? ''} errors={errors} />, 422);
    if (!parsed.success || Object.keys(errors).length > 0) return again();

    const passwordHash = await hashPassword(password);
    try {
      await runWrite(c.var.db, {
        actor: inviteeActor(invitation, c.get('requestId') ?? null),
        clock: c.var.deps.clock,
      }, async (ctx) => ({ status: 201, body: await acceptInvitation(ctx, { token, name: parsed.data.name, email: parsed.data.email, passwordHash, locale: page.locale }) }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        errors.email = t('invitation.taken');
        return again();
      }
      throw error;
    }
    return seeOther(c, `/sign-in?${new URLSearchParams({ done: 'welcome', email: invitationEmailOf(invitation, parsed.data.email) })}`);
  });
