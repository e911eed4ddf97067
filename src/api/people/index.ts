import type { OpenAPIHono } from '@hono/zod-openapi';
import { SESSION_COOKIE } from '../auth/session.ts';
import { createRouter } from '../router.ts';
import * as handlers from './people.handlers.ts';
import * as routes from './people.routes.ts';

/** People of organisations, their invitations, sign-in and sessions (issue 17). */
export const peopleRouter = createRouter()
  .openapi(routes.inviteMember, handlers.inviteMember)
  .openapi(routes.listMembers, handlers.listMembers)
  .openapi(routes.removeMember, handlers.removeMember)
  .openapi(routes.listInvitations, handlers.listInvitations)
  .openapi(routes.revokeInvitation, handlers.revokeInvitation)
  .openapi(routes.setTotpRequirement, handlers.setTotpRequirement)
  .openapi(routes.getInvitation, handlers.getInvitation)
  .openapi(routes.acceptInvitation, handlers.acceptInvitation)
  .openapi(routes.signIn, handlers.signIn)
  .openapi(routes.completeSignIn, handlers.completeSignIn)
  .openapi(routes.getSession, handlers.getSession)
  .openapi(routes.signOut, handlers.signOut)
  .openapi(routes.signOutEverywhere, handlers.signOutEverywhere)
  .openapi(routes.enrolTotp, handlers.enrolTotp)
  .openapi(routes.confirmTotp, handlers.confirmTotp)
  .openapi(routes.disableTotp, handlers.disableTotp)
  .openapi(routes.changePassword, handlers.changePassword)
  .openapi(routes.setLocale, handlers.setLocale);

export const PEOPLE_TAG = {
  name: routes.PEOPLE_TAG_NAME,
  description: "People of organisations (name, e-mail, role `admin` or `member`): invitations by one-time link, sign-in with a password and " +
    'an optional (or required) TOTP code, sessions held by an httpOnly cookie, sign-out everywhere. Machines keep using API keys.',
};

/** The session cookie as a security scheme of the document. */
export function registerPeopleDocs(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session of a person signed in (POST /v1/session), `__Host-ol_session` over TLS. Changes made with it need the ' +
      "session's CSRF token in the X-CSRF-Token header.",
  });
}
