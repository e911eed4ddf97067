import { Hono } from 'hono';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../api/auth/session.ts';
import { ApiError } from '../../api/errors/api-error.ts';
import { completeSignIn, signIn, signOut, signOutEverywhere } from '../../usecases/sessions.ts';
import { act, addressOf, formOf, sessionDepsOf } from '../actions.ts';
import { memberPage, publicPage, safeNext } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';

/**
 * Sign-in (e-mail and password, then the TOTP code when the person has one), sign-out, and
 * sign-out everywhere: the session actions of the API (usecases/sessions.ts), the same cookie
 * (rotated at every sign-in and step: a new session each time). A wrong e-mail and a wrong
 * password get the same answer (no enumeration of accounts); throttled attempts say when to retry.
 */

const NOTICES = { welcome: 'signIn.welcome', signedOut: 'signIn.signedOut', everywhere: 'signIn.signedOutEverywhere' } as const;

function SignInForm(props: { page: PageContext; next: string; email?: string; error?: string | undefined; notice?: string | undefined }) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('signIn.title')}>
      <div class="panel narrow">
        <h1>{t('signIn.title')}</h1>
        {props.notice ? <Notice kind="info"><p>{props.notice}</p></Notice> : null}
        {props.error ? <Notice kind="error" title={t('form.problem')}><p>{props.error}</p></Notice> : null}
        <form method="post" action={`/sign-in?${new URLSearchParams({ next: props.next })}`} novalidate>
          <CsrfField page={page} />
          <Field id="email" label={t('signIn.email')} type="email" value={props.email ?? ''} required autocomplete="username" />
          <Field id="password" label={t('signIn.password')} type="password" required autocomplete="current-password" />
          <div class="actions"><button type="submit">{t('signIn.submit')}</button></div>
        </form>
      </div>
    </Layout>
  );
}

function CodeForm(props: { page: PageContext; next: string; error?: string | undefined }) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('signIn.codeTitle')}>
      <div class="panel narrow">
        <h1>{t('signIn.codeTitle')}</h1>
        {props.error ? <Notice kind="error" title={t('form.problem')}><p>{props.error}</p></Notice> : null}
        <p>{t('signIn.codeIntro')}</p>
        <form method="post" action={`/sign-in/code?${new URLSearchParams({ next: props.next })}`} novalidate>
          <CsrfField page={page} />
          <Field id="code" label={t('signIn.code')} hint={t('signIn.codeHint')} inputmode="numeric" autocomplete="one-time-code"
            pattern="[0-9]{6}" maxlength={6} class="code" required error={props.error ? t('signIn.codeWrong') : undefined} />
          <div class="actions"><button type="submit">{t('signIn.codeSubmit')}</button></div>
        </form>
        <form method="post" action="/sign-out">
          <CsrfField page={page} />
          <div class="actions"><button type="submit" class="secondary">{t('signIn.cancel')}</button></div>
        </form>
      </div>
    </Layout>
  );
}

/** The message of a refused sign-in, in the reader's language; the status to answer with. */
function refusal(c: WebContext, error: unknown): { status: 401 | 429; message: string } {
  const { t } = c.var.page;
  if (error instanceof ApiError && error.code === 'rate_limited') {
    return { status: 429, message: t('signIn.throttled', { seconds: error.headers['retry-after'] ?? '60' }) };
  }
  if (error instanceof ApiError && error.code === 'unauthenticated') {
    return { status: 401, message: error.errors?.some((e) => e.path === 'code') ? t('signIn.codeWrong') : t('signIn.wrong') };
  }
  throw error;
}

function afterSignIn(c: WebContext, stage: string, next: string) {
  if (stage === 'second_factor') return seeOther(c, `/sign-in/code?${new URLSearchParams({ next })}`);
  if (stage === 'enrol_totp') return seeOther(c, '/profile');
  return seeOther(c, next);
}

export const signInPages = new Hono<WebEnv>()
  .get('/sign-in', publicPage(), async (c) => {
    const next = safeNext(c.req.query('next'));
    const session = c.var.webSession;
    if (session?.session.stage === 'full') return seeOther(c, next);
    if (session?.session.stage === 'second_factor') return seeOther(c, `/sign-in/code?${new URLSearchParams({ next })}`);
    const { t } = c.var.page;
    const done = (NOTICES as Record<string, (typeof NOTICES)[keyof typeof NOTICES] | undefined>)[c.req.query('done') ?? ''];
    const notice = c.req.query('expired') ? t('signIn.expired') : done ? t(done) : undefined;
    return render(c, <SignInForm page={c.var.page} next={next} email={c.req.query('email') ?? ''} notice={notice} />);
  })
  .post('/sign-in', publicPage(), async (c) => {
    const next = safeNext(c.req.query('next'));
    const field = await formOf(c);
    const email = field('email').trim();
    const password = field('password');
    try {
      if (!email || !password) throw new ApiError('unauthenticated', 'missing');
      const outcome = await signIn(sessionDepsOf(c), { email, password, address: addressOf(c), presentedToken: sessionTokenOf(c) });
      const { session, token } = outcome.response.body;
      setSessionCookie(c as never, token, session.expires_at);
      return afterSignIn(c, session.stage, next);
    } catch (error) {
      const { status, message } = refusal(c, error);
      return render(c, <SignInForm page={c.var.page} next={next} email={email} error={message} />, status);
    }
  })
  .get('/sign-in/code', memberPage(['second_factor']), (c) => render(c, <CodeForm page={c.var.page} next={safeNext(c.req.query('next'))} />))
  .post('/sign-in/code', memberPage(['second_factor']), async (c) => {
    const next = safeNext(c.req.query('next'));
    const code = (await formOf(c))('code').trim();
    try {
      const outcome = await completeSignIn(sessionDepsOf(c), { found: c.var.personSession, code, address: addressOf(c) });
      const { session, token } = outcome.response.body;
      setSessionCookie(c as never, token, session.expires_at);
      return seeOther(c, next);
    } catch (error) {
      const { status, message } = refusal(c, error);
      return render(c, <CodeForm page={c.var.page} next={next} error={message} />, status);
    }
  })
  .post('/sign-out', memberPage(['full', 'second_factor', 'enrol_totp']), async (c) => {
    const { session, member } = c.var.personSession;
    await act(c, (ctx) => signOut(ctx, { sessionId: session.id, member }));
    clearSessionCookie(c as never);
    return seeOther(c, '/sign-in?done=signedOut');
  })
  .post('/sign-out-everywhere', memberPage(), async (c) => {
    const { member } = c.var.personSession;
    await act(c, (ctx) => signOutEverywhere(ctx, { member }));
    clearSessionCookie(c as never);
    return seeOther(c, '/sign-in?done=everywhere');
  });

