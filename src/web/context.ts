import type { Context } from 'hono';
import type { AppVariables } from '../api/context.ts';
import type { SessionWithOwner } from '../db/queries/people.ts';
import type { OrganisationKind, OrganisationRole } from '../db/schema.ts';
import type { LoadedAssets } from './assets/index.ts';
import { type Formatters, formattersFor } from './format.ts';
import { core, type CoreKey } from './i18n/core.ts';
import type { Catalogue, Locale, Translate } from './i18n/index.ts';

/** The person signed in, as pages see them. */
export interface Viewer {
  memberId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  /** Their role in their organisation. */
  role: OrganisationRole;
  /** An admin of the platform organisation (party to no contract): the platform administrator. */
  isPlatformAdmin: boolean;
  totpEnabled: boolean;
  stage: SessionWithOwner['session']['stage'];
}

/** What every page is rendered with: language, messages, formatters, the viewer, the CSRF token, asset URLs. */
export interface PageContext {
  locale: Locale;
  /** The common messages (layout, errors, sign-in, profile…): `page.t('signIn.title')`. */
  t: Translate<CoreKey>;
  /** The translator of another catalogue (a desk's own): `page.messages(operatorMessages)('upload.title')`. */
  messages<K extends string>(catalogue: Catalogue<K>): Translate<K>;
  format: Formatters;
  viewer: Viewer | undefined;
  /** The token every form posts in its `_csrf` field (the session's, or the visitor's before sign-in). */
  csrfToken: string;
  /** The path and query of this page (for the language switch's return). */
  here: string;
  assets: { stylesheet: string; htmx: string };
  requestId: string;
}

export interface WebVariables {
  page: PageContext;
  /** The signed-in person's session, when there is one (any stage). */
  webSession: SessionWithOwner | undefined;
}

export type WebEnv = { Variables: AppVariables & WebVariables };
export type WebContext = Context<WebEnv>;

export function pageContext(input: {
  locale: Locale; viewer: Viewer | undefined; csrfToken: string; here: string; assets: LoadedAssets; requestId: string;
}): PageContext {
  return {
    locale: input.locale,
    t: core.for(input.locale),
    messages: (catalogue) => catalogue.for(input.locale),
    format: formattersFor(input.locale),
    viewer: input.viewer,
    csrfToken: input.csrfToken,
    here: input.here,
    assets: { stylesheet: input.assets.stylesheet.path, htmx: input.assets.htmx.path },
    requestId: input.requestId,
  };
}

export function viewerOf(found: SessionWithOwner): Viewer {
  const { member, session } = found;
  return {
    memberId: member.id, name: member.name, email: member.email, organisationId: member.organisation_id,
    organisationName: found.organisationName, organisationKind: found.organisationKind, role: member.role,
    isPlatformAdmin: found.organisationKind === 'platform' && member.role === 'admin', totpEnabled: member.totp_secret !== null, stage: session.stage,
  };
}
