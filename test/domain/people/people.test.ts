import { describe, expect, it } from 'vitest';
import { invitationExpiry, invitationStatus, normaliseEmail } from '../../../src/domain/people/invitations.ts';
import { localeFromAcceptLanguage } from '../../../src/domain/people/locale.ts';
import { hashPassword, parsePasswordHash, passwordProblems, SCRYPT_PARAMS, verifyPassword } from '../../../src/domain/people/password.ts';
import { sessionExpiry, sessionStatus, shouldTouch } from '../../../src/domain/people/sessions.ts';
import { throttleDecision } from '../../../src/domain/people/throttle.ts';
import { csrfTokenFor, newSecret, secretHash } from '../../../src/domain/people/tokens.ts';
import { newTotpSecret, totpCode, totpStep, totpUri, verifyTotp } from '../../../src/domain/people/totp.ts';

describe('password policy', () => {
  it('refuses fewer than 12 characters, counting characters and not bytes', () => {
    expect(passwordProblems('short-pass1')).toEqual([expect.stringMatching(/at least 12 characters.*11/)]);
    expect(passwordProblems('éééééééééééa')).toEqual([]);
    expect(passwordProblems('correct horse battery')).toEqual([]);
  });
  it('refuses one repeated character, the e-mail address, and very long passwords', () => {
    expect(passwordProblems('aaaaaaaaaaaaaaa')).toHaveLength(1);
    expect(passwordProblems('Someone@Example.org', { email: 'someone@example.org' })).toEqual(['must not be your e-mail address']);
    expect(passwordProblems('x'.repeat(100) + 'y'.repeat(200))).toEqual([expect.stringMatching(/at most/)]);
  });
});

describe('password hashing', () => {
  it('stores scrypt with its parameters and salt, and verifies in constant time', async () => {
    const encoded = await hashPassword('correct horse battery');
    const parsed = parsePasswordHash(encoded)!;
    expect(parsed.params).toMatchObject({ N: SCRYPT_PARAMS.N, r: 8, p: 1, keyLength: 32, saltLength: 16 });
    expect(encoded).toMatch(/^scrypt\$N=131072,r=8,p=1\$/);
    expect(await verifyPassword('correct horse battery', encoded)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('correct horse batterY', encoded)).ok).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(encoded); // a new salt each time
  });
  it('verifies a hash made with older, weaker parameters and says it needs rehashing', async () => {
    const weak = await hashPassword('correct horse battery', { N: 2 ** 10, r: 8, p: 1, keyLength: 32, saltLength: 16 });
    expect(await verifyPassword('correct horse battery', weak)).toEqual({ ok: true, needsRehash: true });
  });
  it('refuses hashes it does not know, and absurd parameters', async () => {
    expect((await verifyPassword('x', 'plain')).ok).toBe(false);
    expect(parsePasswordHash('scrypt$N=1073741824,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBeUndefined();
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-12-01T10:00:15Z');
  it('accepts the current code and one step either side, not two', () => {
    expect(verifyTotp(secret, totpCode(secret, at), at, null)).toBe(totpStep(at));
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at, null)).toBe(totpStep(at) - 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at, null)).toBe(totpStep(at) + 1);
    expect(verifyTotp(secret, totpCode(secret, new Date(at.getTime() - 90_000)), at, null)).toBeNull();
  });
  it('never accepts a step at or before the last one used', () => {
    const code = totpCode(secret, at);
    expect(verifyTotp(secret, code, at, totpStep(at))).toBeNull();
    expect(verifyTotp(secret, code, at, totpStep(at) - 1)).toBe(totpStep(at));
  });
  it('refuses what is not six digits, and gives authenticator apps their URI', () => {
    expect(verifyTotp(secret, 'abcdef', at, null)).toBeNull();
    expect(verifyTotp(secret, ` ${totpCode(secret, at).slice(0, 3)} ${totpCode(secret, at).slice(3)} `, at, null)).toBe(totpStep(at));
    expect(totpUri(secret, 'ada@example.org')).toMatch(/^otpauth:\/\/totp\/Outcome%20Ledger:ada%40example.org\?issuer=Outcome%20Ledger&secret=[A-Z2-7]+/);
  });
});

describe('sessions', () => {
  const timeouts = { idleMinutes: 30, absoluteHours: 12 };
  const t0 = new Date('2026-12-01T08:00:00Z');
  const session = (lastSeen: Date, revoked: Date | null = null) => ({
    created_at: t0, last_seen_at: lastSeen, expires_at: sessionExpiry(t0, timeouts, 'full'), revoked_at: revoked,
  });
  const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  it('ends after the idle timeout without use', () => {
    expect(sessionStatus(session(t0), later(29), timeouts)).toBe('live');
    expect(sessionStatus(session(t0), later(30), timeouts)).toBe('idle');
    expect(sessionStatus(session(later(20)), later(49), timeouts)).toBe('live');
  });
  it('ends at the absolute limit however much it is used, and when revoked', () => {
    expect(sessionStatus(session(later(12 * 60 - 1)), later(12 * 60), timeouts)).toBe('expired');
    expect(sessionStatus(session(t0, later(1)), later(2), timeouts)).toBe('revoked');
  });
  it('gives a session awaiting its second factor five minutes, and writes its last use at most once a minute', () => {
    expect(sessionExpiry(t0, timeouts, 'second_factor')).toEqual(later(5));
    expect(shouldTouch(session(t0), new Date(t0.getTime() + 59_000))).toBe(false);
    expect(shouldTouch(session(t0), later(1))).toBe(true);
  });
});

describe('invitations, throttling, tokens and locales', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  it('expire after their time to live and are accepted once', () => {
    const expires = invitationExpiry(now, 72);
    expect(invitationStatus({ expires_at: expires, accepted_at: null }, new Date(expires.getTime() - 1))).toBe('pending');
    expect(invitationStatus({ expires_at: expires, accepted_at: null }, expires)).toBe('expired');
    expect(invitationStatus({ expires_at: expires, accepted_at: now }, now)).toBe('accepted');
    expect(normaliseEmail('  Ada@Example.ORG ')).toBe('ada@example.org');
  });
  it('throttles per account and per address, saying when to retry', () => {
    const policy = { perAccount: 5, perAddress: 20, windowMinutes: 15 };
    const counts = { account: 4, address: 4, oldestAccount: now, oldestAddress: now };
    expect(throttleDecision(counts, policy, now)).toEqual({ allowed: true });
    expect(throttleDecision({ ...counts, account: 5 }, policy, new Date(now.getTime() + 60_000))).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 14 * 60 });
    expect(throttleDecision({ ...counts, address: 20 }, policy, now)).toMatchObject({ allowed: false, scope: 'address' });
  });
  it('makes 256-bit secrets, stores their hash, and derives a CSRF token the database cannot', () => {
    const token = newSecret('ols_');
    expect(token).toMatch(/^ols_[A-Za-z0-9_-]{43}$/);
    expect(secretHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(csrfTokenFor(token)).not.toBe(secretHash(token));
    expect(csrfTokenFor(token)).toBe(csrfTokenFor(token));
  });
  it('reads the preferred language from Accept-Language', () => {
    expect(localeFromAcceptLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(localeFromAcceptLanguage('de-DE, en;q=0.5, fr;q=0.7')).toBe('fr');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });
});
