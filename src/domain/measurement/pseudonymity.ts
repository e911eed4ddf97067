/**
 * Participant references must be pseudonymous codes, never personal data. The rule, applied to
 * every submitted reference:
 *  - 1 to 64 characters: letters, digits and - _ . : / only (so no spaces: no "Jane Smith");
 *  - no "@" (so no e-mail addresses);
 *  - not a phone number: after removing + . - / separators, not 7 to 15 digits alone;
 *  - not a UK National Insurance number (two letters, six digits, a letter A-D, e.g. QQ123456C).
 * This cannot recognise every identifier; it refuses the common mistakes in case-management exports.
 */
const allowed = /^[A-Za-z0-9._:/-]{1,64}$/;
const nino = /^[A-Z]{2}\d{6}[A-D]$/i;

export function pseudonymityProblem(ref: string): string | undefined {
  if (ref.includes('@')) return 'looks like an e-mail address; participant references must be pseudonymous codes';
  if (/^\+?[\d\s().\-/]{7,}$/.test(ref) && /^\d{7,15}$/.test(ref.replace(/[\s().\-/+]/g, ''))) {
    return 'looks like a phone number; participant references must be pseudonymous codes';
  }
  if (nino.test(ref.replace(/\s/g, ''))) return 'looks like a National Insurance number; participant references must be pseudonymous codes';
  if (!allowed.test(ref)) return 'must be 1-64 characters of letters, digits and - _ . : / (no spaces or names)';
  return undefined;
}
