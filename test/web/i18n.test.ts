import { describe, expect, it } from 'vitest';
// The app, with every page router and so every catalogue the pages use.
import '../../src/app.ts';
import { catalogues, interpolate, resolveLocale } from '../../src/web/i18n/index.ts';

describe('message catalogues', () => {
  it('every catalogue has the same keys in French and English, none empty, with the same placeholders', () => {
    expect(catalogues.map((c) => c.name)).toContain('core');
    for (const catalogue of catalogues) {
      const en = Object.keys(catalogue.en).sort();
      const fr = Object.keys(catalogue.fr).sort();
      expect(fr, `catalogue ${catalogue.name}`).toEqual(en);
      for (const key of en) {
        const english = catalogue.en[key]!;
        const french = catalogue.fr[key]!;
        expect(english.trim(), `${catalogue.name} en ${key}`).not.toBe('');
        expect(french.trim(), `${catalogue.name} fr ${key}`).not.toBe('');
        const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
        expect(placeholders(french), `${catalogue.name} ${key}`).toEqual(placeholders(english));
      }
    }
  });

  it("uses the domain's French words", () => {
    const core = catalogues.find((c) => c.name === 'core')!;
    expect(core.fr['role.operator']).toBe('opérateur');
    expect(core.fr['role.investor']).toBe('investisseur');
    expect(core.fr['role.outcome_payer']).toContain('tiers-payeur');
    expect(core.fr['role.evaluator']).toContain('tiers-vérificateur');
    expect(core.fr['home.intro']).toContain('contrats à impact');
  });

  it('the language: member preference, else the chosen one, else Accept-Language, else English', () => {
    expect(resolveLocale({ memberLocale: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(resolveLocale({ cookie: 'fr', acceptLanguage: 'en' })).toBe('fr');
    expect(resolveLocale({ acceptLanguage: 'de-DE,fr;q=0.8,en;q=0.5' })).toBe('fr');
    expect(resolveLocale({ acceptLanguage: 'de-DE' })).toBe('en');
    expect(resolveLocale({})).toBe('en');
    expect(interpolate('{a} et {b}', { a: 1, b: 'deux' })).toBe('1 et deux');
  });
});
