/**
 * Sessions of people: rules over plain data, the clock passed in.
 * - A session ends when it is revoked (sign out, sign out everywhere), when it has not been used for
 *   the idle timeout, or at its absolute expiry (set at creation), whichever comes first.
 * - A session waiting for its second factor lives a few minutes at most.
 * - Using a session moves its last use forward, written at most once a minute (not on every request).
 */
export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export const SECOND_FACTOR_MINUTES = 5;
export const TOUCH_INTERVAL_MS = 60_000;

export interface SessionTimes {
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export type SessionStatus = 'live' | 'revoked' | 'idle' | 'expired';

/** When a session created at `now` expires at the latest. */
export function sessionExpiry(now: Date, timeouts: SessionTimeouts, stage: 'second_factor' | 'enrol_totp' | 'full'): Date {
  const absolute = now.getTime() + timeouts.absoluteHours * 3_600_000;
  const limit = stage === 'second_factor' ? Math.min(absolute, now.getTime() + SECOND_FACTOR_MINUTES * 60_000) : absolute;
  return new Date(limit);
}

export function sessionStatus(session: SessionTimes, now: Date, timeouts: SessionTimeouts): SessionStatus {
  if (session.revoked_at && session.revoked_at.getTime() <= now.getTime()) return 'revoked';
  if (now.getTime() >= session.expires_at.getTime()) return 'expired';
  if (now.getTime() - session.last_seen_at.getTime() >= timeouts.idleMinutes * 60_000) return 'idle';
  return 'live';
}

/** Whether this use of a session should be written as its last use. */
export const shouldTouch = (session: SessionTimes, now: Date): boolean => now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS;

/** Why a session no longer works, in a sentence for the person. */
export function sessionEndReason(status: Exclude<SessionStatus, 'live'>, timeouts: SessionTimeouts): string {
  switch (status) {
    case 'revoked': return 'The session was signed out.';
    case 'idle': return `The session ended after ${timeouts.idleMinutes} minutes without use; sign in again.`;
    case 'expired': return `The session reached its ${timeouts.absoluteHours}-hour limit; sign in again.`;
  }
}
