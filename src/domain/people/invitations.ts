/**
 * Invitations: a one-time link, valid for a limited time (INVITATION_TTL_HOURS), accepted once.
 */
export interface InvitationTimes {
  expires_at: Date;
  accepted_at: Date | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired';

export const invitationExpiry = (now: Date, ttlHours: number): Date => new Date(now.getTime() + ttlHours * 3_600_000);

export function invitationStatus(invitation: InvitationTimes, now: Date): InvitationStatus {
  if (invitation.accepted_at) return 'accepted';
  return now.getTime() >= invitation.expires_at.getTime() ? 'expired' : 'pending';
}

/** E-mail addresses as compared and stored: trimmed, lower case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
