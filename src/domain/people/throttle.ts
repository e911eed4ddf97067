/**
 * Sign-in throttling: after `perAccount` failures for one account, or `perAddress` failures from
 * one client address, within `windowMinutes`, sign-in is refused (429) for that account or address
 * — a correct password included — until the oldest failure leaves the window.
 */
export interface ThrottlePolicy {
  perAccount: number;
  perAddress: number;
  windowMinutes: number;
}

export interface FailureCounts {
  account: number;
  address: number;
  /** The oldest failure in the window of the limit reached, to say when to retry. */
  oldestAccount: Date | null;
  oldestAddress: Date | null;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; scope: 'account' | 'address'; retryAfterSeconds: number };

export function throttleDecision(counts: FailureCounts, policy: ThrottlePolicy, now: Date): ThrottleDecision {
  const retry = (oldest: Date | null) =>
    Math.max(1, Math.ceil(((oldest?.getTime() ?? now.getTime()) + policy.windowMinutes * 60_000 - now.getTime()) / 1000));
  if (policy.perAccount > 0 && counts.account >= policy.perAccount) return { allowed: false, scope: 'account', retryAfterSeconds: retry(counts.oldestAccount) };
  if (policy.perAddress > 0 && counts.address >= policy.perAddress) return { allowed: false, scope: 'address', retryAfterSeconds: retry(counts.oldestAddress) };
  return { allowed: true };
}

export const windowStart = (now: Date, policy: ThrottlePolicy): Date => new Date(now.getTime() - policy.windowMinutes * 60_000);
