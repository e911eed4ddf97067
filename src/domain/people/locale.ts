/** The languages people may choose for what the service writes to them. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** The first supported language of an Accept-Language header (quality order), else English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en';
  const ranked = header.split(',').map((part, i) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q[1]) : 1, i };
  }).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag, q } of ranked) {
    if (q <= 0) continue;
    const base = tag.split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}
