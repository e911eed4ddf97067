import { type RowProblemCode, rowProblemTexts } from './row-problems.ts';
/**
 * Participant references must be pseudonymous codes, never personal data. The rule, applied to
 * every submitted reference, in this order (so that each refusal names what the value looks like):
 *  - no "@" (so no e-mail addresses);
 *  - not an IBAN (bank account number) of any country: two letters, two check digits and 11 to 30
 *    letters or digits, with or without spaces, whose ISO 13616 mod-97 checksum holds (so codes that
 *    merely look similar are not refused);
 *  - not a French social-security number (NIR): 13 digits, the first 1, 2, 7 or 8, and an optional
 *    2-digit key, with or without spaces (Corsican "2A"/"2B" departments included) — checked before
 *    phone numbers, which it would otherwise look like;
 *  - not a phone number: after removing + . - / ( ) and spaces, not 7 to 15 digits alone;
 *  - not a UK National Insurance number (two letters, six digits, a letter A-D, e.g. QQ123456C);
 *  - 1 to 64 characters: letters, digits and - _ . : / only (so no spaces: no "Jane Smith");
 *  - at least one digit (so no names such as "Dupont" or "jean-dupont").
 * A contract may also declare its own pattern (`data.participantReferencePattern`), checked by the
 * row checker after these. This cannot recognise every identifier; it refuses the common mistakes
 * in case-management exports. Runs on every row of an upload: the checks for shapes that need more
 * work (IBAN checksum, NIR) only run when a cheap test of length and first character allows it.
 */


const allowed = /^[A-Za-z0-9._:/-]{1,64}$/;
const digit = /\d/;
const nino = /^[A-Z]{2}\d{6}[A-D]$/i;
const phoneShape = /^\+?[\d\s().\-/]{7,}$/;
const phoneDigits = /^\d{7,15}$/;
const phoneSeparators = /[\s().\-/+]/g;
const ibanShape = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const nirShape = /^[1278]\d{4}(?:\d{2}|2[AB])\d{6}(?:\d{2})?$/;
const spaces = /\s+/g;
const nirSeparators = /[\s.-]+/g;

/** ISO 13616: the IBAN with its first four characters moved to the end, letters as 10..35, is 1 mod 97. */
export function ibanChecksumHolds(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    if (code >= 48 && code <= 57) remainder = (remainder * 10 + (code - 48)) % 97;
    else remainder = (remainder * 100 + (code - 55)) % 97; // 'A' (65) → 10 … 'Z' → 35: two digits
  }
  return remainder === 1;
}

function looksLikeIban(ref: string): boolean {
  if (ref.length < 15) return false;
  const first = ref.charCodeAt(0) | 0x20; // lower-cased ASCII letter, if it is one
  if (first < 97 || first > 122) return false;
  const compact = ref.replace(spaces, '').toUpperCase();
  return compact.length >= 15 && compact.length <= 34 && ibanShape.test(compact) && ibanChecksumHolds(compact);
}

function looksLikeNir(ref: string): boolean {
  if (ref.length < 13) return false;
  const first = ref.charCodeAt(0);
  if (first !== 49 && first !== 50 && first !== 55 && first !== 56) return false; // 1 2 7 8
  return nirShape.test(ref.replace(nirSeparators, '').toUpperCase());
}

/** Why `ref` is not an acceptable pseudonymous participant reference (a row problem code), or undefined when it is. */
export function pseudonymityProblemCode(ref: string): RowProblemCode | undefined {
  if (ref.includes('@')) return 'looks_like_email';
  if (looksLikeIban(ref)) return 'looks_like_iban';
  if (looksLikeNir(ref)) return 'looks_like_nir';
  if (phoneShape.test(ref) && phoneDigits.test(ref.replace(phoneSeparators, ''))) return 'looks_like_phone';
  if (ref.length <= 24 && nino.test(ref.replace(spaces, ''))) return 'looks_like_nino';
  if (!allowed.test(ref)) return 'reference_characters';
  if (!digit.test(ref)) return 'looks_like_name';
  return undefined;
}

/** Why `ref` is not an acceptable pseudonymous participant reference, in English, or undefined when it is. */
export function pseudonymityProblem(ref: string): string | undefined {
  const code = pseudonymityProblemCode(ref);
  return code && rowProblemTexts[code];
}
