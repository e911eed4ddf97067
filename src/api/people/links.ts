/** The link of an invitation: the page that accepts it (served by the web pages), with its token. */
export const invitationLink = (base: string, token: string): string => `${base.replace(/\/+$/, '')}/invitation?token=${encodeURIComponent(token)}`;
