import * as OTPAuth from 'otpauth';

/**
 * The TOTP second factor (RFC 6238, as authenticator apps use it): SHA-1, 6 digits, 30-second
 * steps, a 160-bit secret in base32. A code is accepted for the current step and one step either
 * side (clocks drift; people type slowly), and never for a step at or before the last one accepted,
 * so a code seen over someone's shoulder cannot be used again.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'Outcome Ledger';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

const totp = (secret: string, label = 'member') => new OTPAuth.TOTP({
  issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret),
});

/** The `otpauth://` URI an authenticator app reads (usually from a QR code). */
export function totpUri(secret: string, account: string): string {
  return totp(secret, account).toString();
}

/** The time step a moment falls in. */
export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code of a moment (for tests and for showing what an app should display). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/**
 * The time step of `code` when it is valid at `at` (within the window) and later than
 * `lastStep`; null otherwise.
 */
export function verifyTotp(secret: string, code: string, at: Date, lastStep: number | null): number | null {
  const cleaned = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(cleaned)) return null;
  const delta = totp(secret).validate({ token: cleaned, timestamp: at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = totpStep(at) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
