import { describe, expect, it } from 'vitest';
import { formatAmount, formatNumber } from '../../src/web/format.ts';

/**
 * Amounts as a finance officer reads them in each language (src/web/format.ts): exact digits from
 * the decimal string, Intl's spaces (U+202F between thousands, U+00A0 before the sign in French),
 * and the currency's own sign where it has one — `1 234,56 £`, never Intl's fr-FR « £GB ».
 */
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatAmount', () => {
  it.each([
    ['EUR', `1${NNBSP}234,56${NBSP}€`, '€1,234.56'],
    ['GBP', `1${NNBSP}234,56${NBSP}£`, '£1,234.56'],
    ['INR', `1${NNBSP}234,56${NBSP}₹`, '₹1,234.56'],
    // A bare "$" is also the Canadian, Australian… dollar: Intl's distinguishing sign is kept.
    ['USD', `1${NNBSP}234,56${NBSP}$US`, 'US$1,234.56'],
  ])('writes %s in French and in English', (currency, fr, en) => {
    expect(formatAmount('1234.56', currency, 'fr')).toBe(fr);
    expect(formatAmount('1234.56', currency, 'en')).toBe(en);
  });

  it('never writes the « £GB » of fr-FR', () => {
    expect(formatAmount('5000000', 'GBP', 'fr')).toBe(`5${NNBSP}000${NNBSP}000,00${NBSP}£`);
    expect(formatAmount('5000000', 'GBP', 'fr')).not.toContain('GB');
  });

  it('keeps the other currencies distinguishable', () => {
    expect(formatAmount('10', 'CAD', 'fr')).toBe(`10,00${NBSP}$CA`);
    expect(formatAmount('10', 'CAD', 'en')).toBe('CA$10.00');
    expect(formatAmount('10', 'CHF', 'fr')).toBe(`10,00${NBSP}CHF`);
  });

  it('is exact beyond a JavaScript number, keeps decimals beyond the currency\'s, and signs negatives', () => {
    expect(formatAmount('12345678901234567.89', 'GBP', 'fr')).toBe(`12${NNBSP}345${NNBSP}678${NNBSP}901${NNBSP}234${NNBSP}567,89${NBSP}£`);
    expect(formatAmount('0.125', 'INR', 'fr')).toBe(`0,125${NBSP}₹`);
    expect(formatAmount('-1234.5', 'GBP', 'en')).toBe('-£1,234.50');
    expect(formatAmount('-1234.5', 'GBP', 'fr')).toBe(`-1${NNBSP}234,50${NBSP}£`);
  });

  it('refuses what is not a decimal string', () => {
    expect(() => formatAmount('1e3', 'GBP', 'fr')).toThrow();
    expect(() => formatNumber('12,5', 'fr')).toThrow();
  });
});
