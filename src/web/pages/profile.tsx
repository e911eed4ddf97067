import { Hono } from 'hono';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import { setSessionCookie } from '../../api/auth/session.ts';
import { ApiError } from '../../api/errors/api-error.ts';
import { requiresTotp } from '../../db/queries/people.ts';
import { totpUri } from '../../domain/people/totp.ts';
import {
  changePassword, checkCurrentPassword, confirmTotp, disableTotp, enrolTotp, hashPassword,
} from '../../usecases/members.ts';
import { revokeMemberSessions, stepUpAfterEnrolment } from '../../usecases/sessions.ts';
import { act, formOf, policyOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Field, LanguageSwitchFields, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { PASSWORD_MIN_LENGTH, passwordMessages } from './password.ts';

/**
 * The profile: language, password, two-step verification (TOTP: enrol with a QR code drawn on
 * the server as SVG, plus the key as text; confirm with a code; turn off with a code), and sign
 * out everywhere. The same actions as the API's /v1/account routes (usecases/members.ts).
 * A person whose organisation requires TOTP and who has none yet (session stage `enrol_totp`)
 * sees only the enrolment; confirming it steps the session up (a new session, a new cookie).
 */
const DONE = {
  password: 'profile.passwordChanged', totpOn: 'profile.totpEnabled', totpOff: 'profile.totpDisabled', locale: 'profile.localeSaved',
} as const;

interface ProfileState {
  required: boolean;
  enrolment?: { secret: string; svg: string } | undefined;
  passwordErrors?: { current?: string; new?: string[]; confirm?: string };
  totpError?: string;
  done?: string | undefined;
}

async function qrSvg(uri: string, label: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // An image with a name, for assistive technology; the key is also shown as text.
  return svg.replace('<svg ', `<svg role="img" aria-label="${label.replace(/[<>&"]/g, '')}" focusable="false" `);
}

function TotpSection(props: { page: PageContext; state: ProfileState }) {
  const { page, state } = props;
  const { t } = page;
  const viewer = page.viewer!;
  if (state.enrolment) {
    return (
      <section class="panel" aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t('profile.totp')}</h2>
        <p>{t('profile.totpScan')}</p>
        <div class="qr">
          <figure>{raw(state.enrolment.svg)}</figure>
          <div>
            <p><strong>{t('profile.totpSecret')}</strong></p>
            <p><code class="secret" id="totp-secret">{state.enrolment.secret}</code></p>
          </div>
        </div>
        <form method="post" action="/profile/totp/confirm" novalidate>
          <CsrfField page={page} />
          <Field id="totp-code" name="code" label={t('profile.totpConfirm')} hint={t('signIn.codeHint')} inputmode="numeric" autocomplete="one-time-code"
            pattern="[0-9]{6}" maxlength={6} class="code" required error={state.totpError} />
          <div class="actions"><button type="submit">{t('profile.totpConfirmSubmit')}</button></div>
        </form>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby="totp-heading">
      <h2 id="totp-heading">{t('profile.totp')}</h2>
      {viewer.totpEnabled ? (
        <>
          <p>{t('profile.totpOn')}</p>
          {state.required ? <p>{t('profile.totpRequiredOn')}</p> : (
            <form method="post" action="/profile/totp/disable" novalidate>
              <CsrfField page={page} />
              <Field id="totp-disable-code" name="code" label={t('profile.totpDisableCode')} hint={t('signIn.codeHint')} inputmode="numeric"
                autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} class="code" required error={state.totpError} />
              <div class="actions"><button type="submit" class="secondary">{t('profile.totpDisable')}</button></div>
            </form>
          )}
        </>
      ) : (
        <>
          <p>{state.required ? t('profile.totpRequired') : t('profile.totpOff')}</p>
          {state.totpError ? <Notice kind="error"><p>{state.totpError}</p></Notice> : null}
          <form method="post" action="/profile/totp">
            <CsrfField page={page} />
            <button type="submit">{t('profile.totpStart')}</button>
          </form>
        </>
      )}
    </section>
  );
}

function ProfilePage(props: { page: PageContext; state: ProfileState }) {
  const { page, state } = props;
  const { t } = page;
  const viewer = page.viewer!;
  const errors = state.passwordErrors;
  if (viewer.stage === 'enrol_totp') {
    return (
      <Layout page={page} title={t('profile.title')}>
        <h1>{t('profile.title')}</h1>
        <Notice kind="warn"><p>{t('profile.totpRequired')}</p></Notice>
        <TotpSection page={page} state={state} />
      </Layout>
    );
  }
  return (
    <Layout page={page} title={t('profile.title')}>
      <h1>{t('profile.title')}</h1>
      {state.done ? <Notice kind="ok"><p>{state.done}</p></Notice> : null}
      <section class="panel" aria-labelledby="account-heading">
        <h2 id="account-heading">{t('profile.account')}</h2>
        <dl class="facts">
          <dt>{t('profile.name')}</dt><dd>{viewer.name}</dd>
          <dt>{t('profile.email')}</dt><dd>{viewer.email}</dd>
          <dt>{t('profile.organisation')}</dt><dd>{viewer.organisationName}</dd>
          <dt>{t('profile.role')}</dt><dd>{t(`orgRole.${viewer.role}`)}</dd>
        </dl>
      </section>
      <section class="panel" aria-labelledby="language-heading">
        <h2 id="language-heading">{t('profile.language')}</h2>
        <form method="post" action="/language">
          <div class="field">
            <LanguageSwitchFields page={page} id="profile-locale" next="/profile?done=locale" hint={t('profile.languageHint')} />
          </div>
          <div class="actions"><button type="submit">{t('profile.languageSave')}</button></div>
        </form>
      </section>
      <section class="panel" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('profile.password')}</h2>
        {errors ? <Notice kind="error" title={t('form.problem')}><p>{[errors.current, ...(errors.new ?? []), errors.confirm].filter(Boolean).join(' ')}</p></Notice> : null}
        <form method="post" action="/profile/password" novalidate>
          <CsrfField page={page} />
          <input type="hidden" name="username" value={viewer.email} autocomplete="username" />
          <Field id="current-password" name="currentPassword" label={t('profile.currentPassword')} type="password" required autocomplete="current-password" error={errors?.current} />
          <Field id="new-password" name="newPassword" label={t('profile.newPassword')} type="password" hint={t('invitation.passwordRule', { min: PASSWORD_MIN_LENGTH })}
            required autocomplete="new-password" error={errors?.new?.join(' ')} />
          <Field id="confirm-password" name="confirmPassword" label={t('profile.confirmPassword')} type="password" required autocomplete="new-password" error={errors?.confirm} />
          <p class="hint">{t('profile.passwordSaveHint')}</p>
          <div class="actions"><button type="submit">{t('profile.passwordSave')}</button></div>
        </form>
      </section>
      <TotpSection page={page} state={state} />
      <section class="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('profile.sessions')}</h2>
        <p>{t('profile.sessionsHint')}</p>
        <form method="post" action="/sign-out-everywhere">
          <CsrfField page={page} />
          <button type="submit" class="danger">{t('profile.signOutEverywhere')}</button>
        </form>
      </section>
    </Layout>
  );
}

async function show(c: WebContext, state: Omit<ProfileState, 'required'>, status: 200 | 422 = 200) {
  const required = await requiresTotp(c.var.db, c.var.principal.organisationId);
  return render(c, <ProfilePage page={c.var.page} state={{ ...state, required }} />, status);
}

const wrongCode = (error: unknown) => error instanceof ApiError && error.errors?.some((e) => e.path === 'code');

/** The enrolment shown again (a wrong code): the pending key is the person's own, shown to them only. */
async function pendingEnrolment(c: WebContext) {
  const { member } = c.var.personSession;
  const secret = member.totp_pending_secret;
  return secret ? { secret, svg: await qrSvg(totpUri(secret, member.email), c.var.page.t('profile.totpQr')) } : undefined;
}

const fullOrEnrol = ['full', 'enrol_totp'] as const;

export const profilePages = new Hono<WebEnv>()
  .get('/profile', memberPage(fullOrEnrol), async (c) => {
    const done = (DONE as Record<string, (typeof DONE)[keyof typeof DONE] | undefined>)[c.req.query('done') ?? ''];
    return show(c, { done: done ? c.var.page.t(done) : undefined });
  })
  .post('/profile/password', memberPage(), async (c) => {
    const page = c.var.page;
    const field = await formOf(c);
    const { member, session } = c.var.personSession;
    const current = field('currentPassword');
    const next = field('newPassword');
    const errors: NonNullable<ProfileState['passwordErrors']> = {};
    try {
      await checkCurrentPassword(member, current);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      errors.current = page.t('profile.passwordWrong');
    }
    const problems = passwordMessages(page, next, member.email);
    if (problems.length > 0) errors.new = problems;
    if (next !== field('confirmPassword')) errors.confirm = page.t('password.mismatch');
    if (Object.keys(errors).length > 0) return show(c, { passwordErrors: errors }, 422);
    const passwordHash = await hashPassword(next);
    await act(c, async (ctx) => {
      await changePassword(ctx, { passwordHash });
      await revokeMemberSessions(ctx.trx, member.id, ctx.now, session.id);
    });
    return seeOther(c, '/profile?done=password');
  })
  .post('/profile/totp', memberPage(fullOrEnrol), async (c) => {
    const { secret, uri } = await act(c, (ctx) => enrolTotp(ctx));
    return show(c, { enrolment: { secret, svg: await qrSvg(uri, c.var.page.t('profile.totpQr')) } });
  })
  .post('/profile/totp/confirm', memberPage(fullOrEnrol), async (c) => {
    const code = (await formOf(c))('code').trim();
    const { session } = c.var.personSession;
    try {
      const stepUp = await act(c, async (ctx) => {
        const member = await confirmTotp(ctx, { code });
        return session.stage === 'enrol_totp' ? stepUpAfterEnrolment(ctx, member, session.id, policyOf(c)) : null;
      });
      if (stepUp) {
        setSessionCookie(c as never, stepUp.token, stepUp.session.expires_at);
        return seeOther(c, '/');
      }
      return seeOther(c, '/profile?done=totpOn');
    } catch (error) {
      if (wrongCode(error)) return show(c, { enrolment: await pendingEnrolment(c), totpError: c.var.page.t('profile.totpCodeWrong') }, 422);
      if (error instanceof ApiError && error.code === 'invalid_state') return show(c, { totpError: c.var.page.t('profile.totpNotStarted') }, 422);
      throw error;
    }
  })
  .post('/profile/totp/disable', memberPage(), async (c) => {
    const code = (await formOf(c))('code').trim();
    const required = await requiresTotp(c.var.db, c.var.principal.organisationId);
    try {
      await act(c, (ctx) => disableTotp(ctx, { code }, required));
    } catch (error) {
      if (wrongCode(error)) return show(c, { totpError: c.var.page.t('profile.totpCodeWrong') }, 422);
      throw error;
    }
    return seeOther(c, '/profile?done=totpOff');
  });
