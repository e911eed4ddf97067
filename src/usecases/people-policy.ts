import type { Config } from '../config.ts';
import type { SessionTimeouts } from '../domain/people/sessions.ts';
import type { ThrottlePolicy } from '../domain/people/throttle.ts';

/** The settings the people and session actions follow, read from the configuration. */
export interface PeoplePolicy {
  sessions: SessionTimeouts;
  throttle: ThrottlePolicy;
  invitationTtlHours: number;
}

export const peoplePolicy = (config: Config): PeoplePolicy => ({
  sessions: { idleMinutes: config.SESSION_IDLE_TIMEOUT_MINUTES, absoluteHours: config.SESSION_ABSOLUTE_TIMEOUT_HOURS },
  throttle: {
    perAccount: config.SIGN_IN_FAILURES_PER_ACCOUNT,
    perAddress: config.SIGN_IN_FAILURES_PER_ADDRESS,
    windowMinutes: config.SIGN_IN_FAILURE_WINDOW_MINUTES,
  },
  invitationTtlHours: config.INVITATION_TTL_HOURS,
});
