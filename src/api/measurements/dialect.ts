/**
 * How a spreadsheet user's file is written: its character encoding, its field separator and its
 * locale's numbers and dates. Everything here turns what a user's Excel writes into the canonical
 * text the row checkers expect (ISO dates, "." decimals) — the checkers never see a locale.
 */

/** Encodings an upload may declare (labels as TextDecoder knows them → the name we report). */
export const declarableCharsets = ['utf-8', 'windows-1252', 'iso-8859-1', 'iso-8859-15'] as const;

/**
 * The TextDecoder encoding for a declared charset label, or undefined when it is not one we read.
 * ISO-8859-1 is read as Windows-1252 (its superset for printable text, as every browser does).
 */
export function decoderEncoding(label: string): 'utf-8' | 'windows-1252' | 'iso-8859-15' | undefined {
  let encoding: string;
  try {
    encoding = new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return undefined;
  }
  return encoding === 'utf-8' || encoding === 'windows-1252' || encoding === 'iso-8859-15' ? encoding : undefined;
}

export type Separator = ',' | ';' | '\t';
export const separatorNames: Record<Separator, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };
export const separatorByName: Record<'comma' | 'semicolon' | 'tab', Separator> = { comma: ',', semicolon: ';', tab: '\t' };
export const describeSeparator = (s: Separator) => `"${s === '\t' ? '\\t' : s}" (${separatorNames[s]})`;
const candidates: Separator[] = [',', ';', '\t'];

/** Splits one line on a separator, outside double quotes, unquoting fields (enough for a header). */
export function splitLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) { fields.push(field); field = ''; } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim().toLowerCase());
}

/**
 * The separator of a header line: the candidate that splits it into the most known column names
 * (ties: the most fields; nothing known: the one that occurs, else comma).
 */
export function sniffSeparator(headerLine: string, columns: readonly string[]): Separator {
  const known = new Set(columns);
  let best: Separator = ',';
  let bestScore = -1;
  let bestFields = 0;
  for (const candidate of candidates) {
    const fields = splitLine(headerLine, candidate);
    const score = fields.filter((f) => known.has(f)).length;
    if (score > bestScore || (score === bestScore && fields.length > bestFields)) {
      best = candidate; bestScore = score; bestFields = fields.length;
    }
  }
  return best;
}

/** When `text` (a header cell or a one-field row) is really several fields joined by another separator, that separator. */
export function joinedBy(text: string, active: Separator, columns?: readonly string[]): Separator | undefined {
  for (const candidate of candidates) {
    if (candidate === active || !text.includes(candidate)) continue;
    const parts = splitLine(text, candidate);
    if (parts.length < 2) continue;
    if (!columns || parts.filter((p) => columns.includes(p)).length >= 2) return candidate;
  }
  return undefined;
}

/** Excel's first line `sep=;` (any one character), which names the separator; undefined otherwise. */
export function excelSepLine(line: string): Separator | undefined {
  const m = /^"?sep=(.)"?\s*$/i.exec(line.replace(/\r$/, ''));
  if (!m) return undefined;
  const ch = m[1] === '\\t' ? '\t' : m[1]!;
  return (candidates as string[]).includes(ch) ? (ch as Separator) : undefined;
}

/** A locale's numbers and dates, as its spreadsheets write them. */
export interface Locale {
  tag: string;
  decimal: '.' | ',';
  /** Thousands separators accepted besides spaces (normal, no-break, narrow no-break). */
  groups: string[];
  /** Day-month-year order of a locale's short dates. */
  order: 'dmy' | 'mdy' | 'ymd';
  /** The locale's date pattern, for messages. */
  datePattern: string;
  /** Compiled once: a plain number, and a grouped one per accepted thousands separator. */
  patterns: { plain: RegExp; grouped: RegExp[] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const localeCache = new Map<string, Locale>();

/** The number and date conventions of a BCP 47 tag (fr-FR, fr-BE, de-DE, en-GB, en-US…), from Intl; undefined if unknown. */
export function localeOf(tag: string): Locale | undefined {
  const cached = localeCache.get(tag);
  if (cached) return cached;
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(tag) as [string];
    if (!Intl.NumberFormat.supportedLocalesOf([canonical]).length) return undefined;
  } catch {
    return undefined;
  }
  const parts = new Intl.NumberFormat(canonical).formatToParts(12345.5);
  const decimal = parts.find((p) => p.type === 'decimal')?.value === ',' ? ',' : '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? '';
  // In a decimal-comma locale "." also separates thousands (1.000,50), as Excel writes it in Belgium or Germany.
  const groups = decimal === ',' ? ['.'] : [',', "'", '\u2019'];
  if (group && !/\s/.test(group) && !groups.includes(group) && group !== decimal) groups.push(group);
  const dateParts = new Intl.DateTimeFormat(canonical, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(Date.UTC(2024, 0, 31)));
  const fields = dateParts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type[0]).join('');
  const order = fields === 'mdy' ? 'mdy' : fields === 'ymd' ? 'ymd' : 'dmy';
  const literal = dateParts.find((p) => p.type === 'literal')?.value.trim() || '/';
  const datePattern = order === 'dmy' ? `dd${literal}mm${literal}yyyy` : order === 'mdy' ? `mm${literal}dd${literal}yyyy` : `yyyy${literal}mm${literal}dd`;
  const d = escape(decimal);
  const patterns = {
    plain: new RegExp(`^(\\d+)(?:${d}(\\d+))?$`),
    grouped: ['[ \\u00a0\\u202f]', ...groups.map(escape)].map((g) => new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`)),
  };
  const locale: Locale = { tag: canonical, decimal, groups, order, datePattern, patterns };
  localeCache.set(tag, locale);
  return locale;
}


/**
 * A number written in the locale → canonical text ("1 000,50" → "1000.50" in fr-FR), or an error
 * message. Digits are kept as written (no rounding); ISO-style "1000.50" is not accepted in a
 * decimal-comma locale (it would be ambiguous with a thousands separator).
 */
export function localeNumber(text: string, locale: Locale): { value: string } | { error: string } {
  let s = text.trim().replace(/^\u2212/, '-');
  if (s === '') return { value: '' };
  const sign = s.startsWith('-') ? '-' : '';
  if (sign) s = s.slice(1);
  const plain = locale.patterns.plain.exec(s);
  if (plain) return { value: `${sign}${plain[1]}${plain[2] !== undefined ? `.${plain[2]}` : ''}` };
  for (const pattern of locale.patterns.grouped) {
    const grouped = pattern.exec(s);
    if (grouped) return { value: `${sign}${grouped[1]!.replace(/\D/g, '')}${grouped[2] !== undefined ? `.${grouped[2]}` : ''}` };
  }
  const example = locale.decimal === ',' ? '1 234,5' : '1,234.5';
  return { error: `"${text}" is not a number as written in ${locale.tag} (decimal "${locale.decimal}", e.g. ${example})` };
}

/** A date written in the locale's short form (or ISO yyyy-mm-dd) → yyyy-mm-dd, or an error message. */
export function localeDate(text: string, locale: Locale): { value: string } | { error: string } {
  const s = text.trim();
  if (s === '' || /^\d{4}-\d{2}-\d{2}$/.test(s)) return { value: s };
  // Excel may add a midnight time to a date cell it exports.
  const m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:[ T]00:00(?::00)?)?$/.exec(s);
  if (m) {
    const [a, b, c] = [m[1]!, m[2]!, m[3]!];
    const [y, mo, day] = locale.order === 'dmy' ? [c, b, a] : locale.order === 'mdy' ? [c, a, b] : [a, b, c];
    if (y.length === 4 && day.length <= 2) {
      const [yy, mm, dd] = [Number(y), Number(mo), Number(day)];
      const leap = yy % 4 === 0 && (yy % 100 !== 0 || yy % 400 === 0);
      const days = mm === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mm) ? 30 : 31;
      if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= days) return { value: `${y}-${mo.padStart(2, '0')}-${day.padStart(2, '0')}` };
    }
  }
  return { error: `"${text}" is not a date written ${locale.datePattern} (${locale.tag}) or yyyy-mm-dd` };
}

/** Outcome-data columns that hold numbers or dates, converted per locale before the row checkers. */
export const numericColumns: ReadonlySet<string> = new Set(['quantity', 'treatment_value', 'comparison_value', 'treatment_sample_size', 'comparison_sample_size']);
export const dateColumns: ReadonlySet<string> = new Set(['achieved_on', 'held_from', 'measured_on']);
