/**
 * Text that PostgreSQL can store. A `text` or `jsonb` value may not hold the NUL character
 * (U+0000), and every string goes to the database as UTF-8, which has no encoding for a lone
 * UTF-16 surrogate (U+D800–U+DFFF without its pair). Such input is refused where it enters (query
 * parameters, JSON bodies, CSV cells) with a problem naming the field, never left to fail in the
 * database as a 500. Used on every row of every upload: the common case is one native scan.
 */

const isWellFormed: ((this: string) => boolean) | undefined = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
const loneSurrogate = /\p{Cs}/u;

export const unstorableTexts = {
  nul_character: 'contains a NUL character (U+0000), which cannot be stored',
  unpaired_surrogate: 'contains an unpaired UTF-16 surrogate (U+D800-U+DFFF), which is not valid Unicode text and cannot be stored',
} as const;

/** Why `value` cannot be stored as text (a key of `unstorableTexts`), or undefined when it can. */
export function unstorableTextCode(value: string): keyof typeof unstorableTexts | undefined {
  if (value.indexOf('\0') !== -1) return 'nul_character';
  if (isWellFormed ? !isWellFormed.call(value) : loneSurrogate.test(value)) return 'unpaired_surrogate';
  return undefined;
}

/** Why `value` cannot be stored as text, or undefined when it can. */
export function unstorableText(value: string): string | undefined {
  const code = unstorableTextCode(value);
  return code && unstorableTexts[code];
}

/** `value` with NUL and lone surrogates written as `\u0000`-style escapes, so that it can be quoted in a message. */
export function printable(value: string): string {
  return value.replace(/[\0\p{Cs}]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
