import type { Config } from '../../config.ts';
import type { Logger } from '../../logging/logger.ts';
import { invitationEmail } from '../../mail/invitation-email.ts';
import { mailerFor } from '../../mail/mailer.ts';
import type { InvitationCreated } from '../../usecases/members.ts';

/** What became of an invitation's e-mail: sent, no SMTP configured, sending failed, or none to send (no address, or a replayed answer). */
export type InvitationDelivery = 'emailed' | 'not_configured' | 'failed' | 'not_sent';

/**
 * E-mails an invitation's one-time link (after the write committed), when SMTP is configured: the
 * same for the API (inviteMember) and the administration pages.
 */
export async function deliverInvitation(
  deps: { config: Config; logger: Logger }, created: InvitationCreated, link: string, requestId: string | undefined,
): Promise<InvitationDelivery> {
  if (!created.invitation.email) return 'not_sent';
  const mailer = mailerFor(deps.config);
  if (!mailer) return 'not_configured';
  try {
    await mailer.send({
      to: created.invitation.email,
      ...invitationEmail({
        locale: created.invitation.locale, organisationName: created.organisation.name, inviterName: created.inviterName,
        inviteeName: created.invitation.name, link, expiresAt: created.invitation.expires_at,
      }),
    });
    return 'emailed';
  } catch (error) {
    deps.logger.warn({ requestId, err: error instanceof Error ? error.message : String(error) }, 'invitation e-mail not sent');
    return 'failed';
  }
}
