import { describe, expect, it } from 'vitest';
import { ContractDefinition } from '../../src/domain/contract/definition.ts';
import { validateDefinition } from '../../src/domain/contract/validate.ts';
import { ibanChecksumHolds, pseudonymityProblem } from '../../src/domain/measurement/pseudonymity.ts';
import { compileReferencePattern, referencePatternProblem } from '../../src/domain/measurement/reference-pattern.ts';
import { claimChecker, resultChecker } from '../../src/domain/measurement/rows.ts';
import { unstorableText } from '../../src/domain/measurement/storable-text.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';

const what = (ref: string) => pseudonymityProblem(ref)?.split(';')[0];

describe('pseudonymity of participant references (issue 13 item 8)', () => {
  it('refuses names: no digit (stored before)', () => {
    for (const ref of ['Dupont', 'jean-dupont', 'MARIE_CURIE', 'o.brien']) expect(what(ref), ref).toBe('looks like a name (it has no digit)');
  });

  it('refuses IBANs of any country, with or without spaces, in any case (stored before)', () => {
    for (const ref of [
      'FR7630006000011234567890189', 'GB82WEST12345698765432', 'GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000',
      'de89 3704 0044 0532 0130 00', 'NL91ABNA0417164300', 'BE68539007547034', 'FR1420041010050500013M02606', 'MT84MALT011000012345MTLCAST001S',
      'NO9386011117947',
    ]) {
      expect(what(ref), ref).toBe('looks like an IBAN (bank account number)');
    }
  });

  it('lets through codes that merely look like an IBAN (checksum fails)', () => {
    for (const ref of ['GB82WEST12345698765433', 'FR7630006000011234567890188', 'AB12CDEFGHIJK123']) {
      expect(ibanChecksumHolds(ref.toUpperCase()), ref).toBe(false);
      expect(pseudonymityProblem(ref), ref).toBeUndefined();
    }
  });

  it('calls a French NIR a NIR, not a phone number (misnamed before)', () => {
    for (const ref of ['1 85 05 78 006 084 36', '185057800608436', '2850578006084', '2 69 05 2A 123 456 78', '7 85 05 78 006 084', '8850578006084-36']) {
      expect(what(ref), ref).toBe('looks like a French social-security number (NIR)');
    }
    // Other 13- and 15-digit numbers are still phone numbers.
    expect(what('3850578006084')).toBe('looks like a phone number');
    expect(what('+185057800608436')).toBe('looks like a phone number');
  });

  it('keeps refusing e-mail addresses, phone numbers and National Insurance numbers', () => {
    expect(what('jane.doe@example.org')).toBe('looks like an e-mail address');
    expect(what('+44 7700 900123')).toBe('looks like a phone number');
    expect(what('07700900123')).toBe('looks like a phone number');
    expect(what('QQ123456C')).toBe('looks like a National Insurance number');
    expect(what('QQ 12 34 56 C')).toBe('looks like a National Insurance number');
    expect(what('Jane Doe')).toBe('must be 1-64 characters of letters, digits and - _ . : / (no spaces or names)');
  });

  it('says in every refusal that references must be pseudonymous codes', () => {
    for (const ref of ['Dupont', 'GB82WEST12345698765432', '185057800608436', 'a@b', '+44 7700 900123', 'QQ123456C', 'Jane Doe', 'x'.repeat(65)]) {
      expect(pseudonymityProblem(ref), ref).toMatch(/participant references must be pseudonymous codes/);
    }
  });

  it('accepts pseudonymous codes', () => {
    for (const ref of ['P-000123', 'P-1', 'L-12-3', 'scenario-cohort_1-4', 'A1', 'CASE/2024/0001', 'ab:12', 'PX2024000000123']) {
      expect(pseudonymityProblem(ref), ref).toBeUndefined();
    }
  });
});

describe('a contract\'s own participant reference pattern', () => {
  it('is anchored at both ends, with or without ^ and $', () => {
    for (const source of ['P[0-9]{6}', '^P[0-9]{6}$']) {
      const pattern = compileReferencePattern(source);
      expect(pattern.test('P000123')).toBe(true);
      expect(pattern.test('XP000123')).toBe(false);
      expect(pattern.test('P0001234')).toBe(false);
    }
    expect(compileReferencePattern('A|B[0-9]').test('AB1')).toBe(false);
  });

  it('must compile and cannot take exponential time', () => {
    expect(referencePatternProblem('^P[0-9]{6}$')).toBeUndefined();
    expect(referencePatternProblem('^(?:NE|NW)-[0-9]{4}(?:-[A-Z])?$')).toBeUndefined();
    expect(referencePatternProblem('^(?<area>[A-Z]{2})\\d+$')).toBeUndefined();
    expect(referencePatternProblem('\\p{Lu}{2}[0-9]{3,8}')).toBeUndefined();
    expect(referencePatternProblem('P[0-9')).toMatch(/not a valid regular expression/);
    expect(referencePatternProblem('')).toMatch(/empty/);
    expect(referencePatternProblem('a'.repeat(201))).toMatch(/at most 200/);
    for (const source of ['^(a+)+$', '(a|aa)*', '([0-9]{2})+', '((ab)*c)+', '(?:x\\d?|y)+']) expect(referencePatternProblem(source), source).toMatch(/exponential/);
    expect(referencePatternProblem('(\\d)\\1')).toMatch(/backreferences/);
    expect(referencePatternProblem('(?=P)P\\d')).toMatch(/lookahead or lookbehind/);
  });

  it('is an optional field of the definition (data.participantReferencePattern), checked with its path', () => {
    expect(ContractDefinition.parse(rateCardDefinition()).data).toBeUndefined();
    const ok = validateDefinition(rateCardDefinition({ data: { participantReferencePattern: '^P[0-9]{6}$' } }));
    expect(ok.ok).toBe(true);
    const bad = validateDefinition(rateCardDefinition({ data: { participantReferencePattern: '(x+)+' } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toContainEqual({ path: ['data', 'participantReferencePattern'], message: expect.stringMatching(/exponential/) });
    const unknown = validateDefinition(rateCardDefinition({ data: { participantPattern: 'x' } as never }));
    expect(unknown.ok).toBe(false);
  });
});

describe('the row checkers', () => {
  const definition = ContractDefinition.parse(rateCardDefinition());
  const claims = claimChecker(definition);
  const good = { participant_ref: 'P-1', outcome: 'job_entry', cohort: 'cohort_1', achieved_on: '2024-03-01', evidence: 'payslip' };

  it('refuse NUL characters and unpaired surrogates in any cell, naming the column (a 500 before)', () => {
    expect(claims(good).problems).toEqual([]);
    expect(claims({ ...good, cohort: 'cohort\u00001' }).problems).toEqual([{ column: 'cohort', code: 'nul_character', message: expect.stringMatching(/NUL/) }]);
    expect(claims({ ...good, evidence: ['ok', 'bad\ud800'] }).problems).toEqual([{ column: 'evidence', code: 'unpaired_surrogate', message: expect.stringMatching(/unpaired/) }]);
    expect(claims({ ...good, participant_ref: 'P\u00001', held_from: '\udfff' }).problems.map((p) => p.column)).toEqual(['participant_ref', 'held_from']);
    const results = resultChecker(ContractDefinition.parse(aggregateDefinition()));
    expect(results({ metric: 'x', methodology: 'RCT\u0000' }).problems).toEqual([{ column: 'methodology', code: 'nul_character', message: expect.stringMatching(/NUL/) }]);
  });

  it('keep surrogate pairs (emoji) and other text', () => {
    expect(unstorableText('Café 😀')).toBeUndefined();
    expect(claims({ ...good, evidence: 'photo-😀-1' }).problems).toEqual([]);
  });

  it('apply the pseudonymity rules, then the contract\'s pattern', () => {
    expect(claims({ ...good, participant_ref: 'Dupont' }).problems).toEqual([{ column: 'participant_ref', code: 'looks_like_name', message: expect.stringMatching(/^looks like a name/) }]);
    const patterned = claimChecker(ContractDefinition.parse(rateCardDefinition({ data: { participantReferencePattern: 'P[0-9]{6}' } })));
    expect(patterned({ ...good, participant_ref: 'P000001' }).problems).toEqual([]);
    expect(patterned({ ...good, participant_ref: 'P-1' }).problems).toEqual([
      { column: 'participant_ref', code: 'reference_pattern', params: { pattern: 'P[0-9]{6}' }, message: "does not match this contract's participant reference pattern P[0-9]{6}" },
    ]);
    expect(patterned({ ...good, participant_ref: 'a@b' }).problems[0]!.message).toMatch(/e-mail/);
  });

  it('stay fast: a million clean references checked in well under the time it takes to store them', () => {
    const started = performance.now();
    let refused = 0;
    for (let i = 0; i < 200_000; i++) if (claims({ ...good, participant_ref: `P-${String(i).padStart(7, '0')}` }).problems.length > 0) refused++;
    const perRowMicros = ((performance.now() - started) * 1000) / 200_000;
    expect(refused).toBe(0);
    // Storing a row costs ~30-50 µs (README: 20-30k rows/s); checking one must stay a small fraction of that.
    expect(perRowMicros).toBeLessThan(10);
  });
});
