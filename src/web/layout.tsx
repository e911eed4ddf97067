import type { Child } from 'hono/jsx';
import type { PageContext } from './context.ts';
import { LOCALES } from './i18n/index.ts';
import { navLinks } from './nav.ts';

/**
 * The frame of every page: skip link, header (organisation, person, language switch, sign-out),
 * the main landmark, footer. Scripts: htmx only, from this origin, deferred — every page works
 * without it (progressive enhancement). htmx is configured not to inject styles or evaluate
 * script, so the pages' Content-Security-Policy allows nothing inline.
 */
const HTMX_CONFIG = JSON.stringify({ includeIndicatorStyles: false, allowEval: false, allowScriptTags: false, selfRequestsOnly: true });

export function CsrfField(props: { page: PageContext }) {
  return <input type="hidden" name="_csrf" value={props.page.csrfToken} />;
}

/** The fields of a language form posting to /language: CSRF, where to go back, the labelled choice. */
export function LanguageSwitchFields(props: { page: PageContext; id: string; next: string; hint?: string }) {
  const { page } = props;
  return (
    <>
      <CsrfField page={page} />
      <input type="hidden" name="next" value={props.next} />
      <label for={props.id}>{page.t('layout.language')}</label>
      {props.hint ? <span class="hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      <select id={props.id} name="locale" aria-describedby={props.hint ? `${props.id}-hint` : undefined}>
        {LOCALES.map((l) => (
          <option value={l} selected={l === page.locale} lang={l}>{page.t(`language.${l}`)}</option>
        ))}
      </select>
    </>
  );
}

/** The language switch: a plain form (works without JavaScript); stores the choice (the member's preference when signed in). */
export function LanguageSwitch(props: { page: PageContext }) {
  const { page } = props;
  return (
    <form method="post" action="/language" class="language-switch">
      <LanguageSwitchFields page={page} id="language-select" next={page.here} />
      <button type="submit">{page.t('layout.languageApply')}</button>
    </form>
  );
}

export function Layout(props: { page: PageContext; title: string; children?: Child }) {
  const { page, title } = props;
  const viewer = page.viewer;
  const full = viewer?.stage === 'full';
  return (
    <html lang={page.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${page.t('app.name')}`}</title>
        <link rel="stylesheet" href={page.assets.stylesheet} />
        <script src={page.assets.htmx} defer></script>
      </head>
      <body hx-headers={viewer ? JSON.stringify({ 'X-CSRF-Token': page.csrfToken }) : undefined}>
        <a class="skip-link" href="#main">{page.t('layout.skip')}</a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href="/">{page.t('app.name')}</a>
            {full ? (
              <nav aria-label={page.t('layout.nav')}>
                <ul>
                  <li><a href="/" aria-current={page.here.split('?')[0] === '/' ? 'page' : undefined}>{page.t('layout.home')}</a></li>
                  {navLinks.filter((l) => !l.show || l.show(viewer!)).map((l) => (
                    <li><a href={l.href} aria-current={page.here.split('?')[0] === l.href ? 'page' : undefined}>{l.label(page)}</a></li>
                  ))}
                  <li><a href="/profile" aria-current={page.here.split('?')[0] === '/profile' ? 'page' : undefined}>{page.t('layout.profile')}</a></li>
                </ul>
              </nav>
            ) : null}
            <div class="tools">
              {viewer ? (
                <p class="who">
                  <span>{page.t('layout.signedInAs', { name: viewer.name })}</span>
                  <span>{page.t('layout.organisation', { name: viewer.organisationName })}</span>
                </p>
              ) : null}
              <LanguageSwitch page={page} />
              {viewer ? (
                <form method="post" action="/sign-out">
                  <CsrfField page={page} />
                  <button type="submit">{page.t('layout.signOut')}</button>
                </form>
              ) : null}
            </div>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="bar">
            <p>{page.t('layout.footer')}</p>
            <p><a href="/public/">{page.t('layout.publicContracts')}</a> · <a href="/docs">{page.t('layout.apiDocs')}</a></p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A message box: `ok`, `warn`, `error` (announced: role=alert) or `info` (role=status). */
export function Notice(props: { kind: 'ok' | 'warn' | 'error' | 'info'; title?: string; children?: Child }) {
  return (
    <div class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.title ? <h2>{props.title}</h2> : null}
      {props.children}
    </div>
  );
}

/** A labelled form field with its hint and error, wired with aria-describedby / aria-invalid. */
export function Field(props: {
  id: string; label: string; name?: string; type?: string; value?: string; hint?: string; error?: string | undefined;
  required?: boolean; autocomplete?: string; inputmode?: 'decimal' | 'email' | 'none' | 'numeric' | 'search' | 'tel' | 'text' | 'url'; pattern?: string; maxlength?: number; class?: string; autofocus?: boolean;
}) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint ? <span class="hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {props.error ? <span class="error-text" id={`${props.id}-error`}>{props.error}</span> : null}
      <input
        id={props.id} name={props.name ?? props.id} type={props.type ?? 'text'} value={props.value}
        required={props.required} autocomplete={props.autocomplete} inputmode={props.inputmode} pattern={props.pattern}
        maxlength={props.maxlength} class={props.class} autofocus={props.autofocus}
        aria-describedby={described} aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}
