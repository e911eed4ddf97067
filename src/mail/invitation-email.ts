import type { Locale } from '../domain/people/locale.ts';

/** The invitation e-mail, in the invitee's language (chosen by the inviter, else the inviter's own). */
export interface InvitationEmailInput {
  locale: Locale;
  organisationName: string;
  inviterName: string | null;
  inviteeName: string | null;
  link: string;
  expiresAt: Date;
}

const dateIn = (locale: Locale, at: Date) =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at) + ' UTC';

export function invitationEmail(input: InvitationEmailInput): { subject: string; text: string } {
  const when = dateIn(input.locale, input.expiresAt);
  if (input.locale === 'fr') {
    const who = input.inviterName ? `${input.inviterName} vous invite` : 'Vous êtes invité·e';
    return {
      subject: `Invitation à rejoindre ${input.organisationName} sur Outcome Ledger`,
      text: [
        input.inviteeName ? `Bonjour ${input.inviteeName},` : 'Bonjour,',
        '',
        `${who} à rejoindre ${input.organisationName} sur Outcome Ledger, le registre partagé des contrats à impact.`,
        '',
        'Pour créer votre compte, choisissez votre mot de passe (12 caractères au moins) en ouvrant ce lien :',
        '',
        input.link,
        '',
        `Ce lien ne sert qu'une fois et expire le ${when}.`,
        "Si vous n'attendiez pas cette invitation, ignorez ce message : rien ne sera créé.",
      ].join('\n'),
    };
  }
  const who = input.inviterName ? `${input.inviterName} has invited you` : 'You have been invited';
  return {
    subject: `Invitation to join ${input.organisationName} on Outcome Ledger`,
    text: [
      input.inviteeName ? `Hello ${input.inviteeName},` : 'Hello,',
      '',
      `${who} to join ${input.organisationName} on Outcome Ledger, the shared record of outcomes contracts.`,
      '',
      'To create your account, choose your password (at least 12 characters) by opening this link:',
      '',
      input.link,
      '',
      `The link works once and expires on ${when}.`,
      'If you were not expecting this invitation, ignore this message: nothing will be created.',
    ].join('\n'),
  };
}
