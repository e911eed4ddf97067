import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/domain/people/totp.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { createMember, type Member } from '../support/world.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { ADMIN_KEY } from '../support/world.ts';
import { PASSWORD, personIn, Visitor } from './support.ts';

/**
 * Sessions as the pages live them, on a controllable clock: throttled sign-ins told in the
 * reader's language, an ended session sent back to sign-in with a word, an organisation that
 * requires two-step verification (the person sees only the enrolment until it is done, then a new
 * session), a password change that signs out the other sessions, TOTP turned off with a code.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let now = new Date('2026-12-01T09:00:00.000Z');
const clock = () => now;
const tick = (seconds: number) => { now = new Date(now.getTime() + seconds * 1000); };
let charity: Member;
let strict: Member;

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, {
    clock,
    config: { SESSION_IDLE_TIMEOUT_MINUTES: '30', SIGN_IN_FAILURES_PER_ACCOUNT: '3', SIGN_IN_FAILURES_PER_ADDRESS: '50', SIGN_IN_FAILURE_WINDOW_MINUTES: '15' },
  });
  charity = await createMember(app, 'Test Charity', 'operator');
  strict = await createMember(app, 'Strict Fund', 'investor');
  await personIn(app, charity.id, 'paul@charity.example', { name: 'Paul' });
  await personIn(app, charity.id, 'rita@charity.example', { name: 'Rita' });
  await personIn(app, strict.id, 'sam@fund.example', { name: 'Sam' });
  const required = await strict.api.send(`/v1/organisations/${strict.id}/security`, {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requireTotp: true }),
  });
  expect(required.status).toBe(200);
}, 120_000);
afterAll(() => database?.close());

describe('sessions through the pages', () => {
  it('throttled sign-ins say when to try again, in French, even with the right password', async () => {
    const visitor = new Visitor(app, { 'accept-language': 'fr' });
    for (let i = 0; i < 3; i++) expect((await visitor.signIn('rita@charity.example', 'wrong password number ' + i)).status).toBe(401);
    const throttled = await visitor.signIn('rita@charity.example', PASSWORD);
    expect(throttled.status).toBe(429);
    expect(visitor.lastHtml).toMatch(/Trop de connexions échouées\. Réessayez dans \d+ secondes\./);
    expect(visitor.cookies.has('ol_session')).toBe(false);
    tick(16 * 60);
    expect((await visitor.signIn('rita@charity.example', PASSWORD)).status).toBe(303);
  });

  it('an idle session ends: the next page sends the person to sign in, saying why, and back where they were', async () => {
    const visitor = new Visitor(app);
    await visitor.signIn('paul@charity.example');
    expect((await visitor.get('/profile')).status).toBe(200);
    tick(31 * 60);
    const ended = await visitor.get('/profile');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe('/sign-in?next=%2Fprofile&expired=1');
    await visitor.get(ended.headers.get('location')!);
    expect(visitor.lastHtml).toContain('Your session has ended. Please sign in again.');
    const back = await visitor.post('/sign-in?next=%2Fprofile', { email: 'paul@charity.example', password: PASSWORD });
    expect(back.headers.get('location')).toBe('/profile');
  });

  it('an organisation that requires TOTP: only the enrolment until it is done, then a new session', async () => {
    const visitor = new Visitor(app);
    const signedIn = await visitor.signIn('sam@fund.example');
    expect(signedIn.headers.get('location')).toBe('/profile');
    const waiting = visitor.cookies.get('ol_session');
    expect((await visitor.get('/')).headers.get('location')).toBe('/profile');
    await visitor.get('/profile');
    expect(visitor.lastHtml).toContain('Your organisation requires two-step verification');
    expect(visitor.lastHtml).not.toContain('Change password');
    expect(visitor.lastHtml).not.toContain('<nav');
    await visitor.post('/profile/totp', {});
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(visitor.lastHtml)![1]!;
    const done = await visitor.post('/profile/totp/confirm', { code: totpCode(secret, now) });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    expect(visitor.cookies.get('ol_session')).not.toBe(waiting);
    expect((await visitor.get('/')).status).toBe(200);
    await visitor.get('/profile');
    expect(visitor.lastHtml).toContain('Your organisation requires two-step verification: it cannot be turned off.');
    expect(visitor.lastHtml).not.toContain('action="/profile/totp/disable"');
  });

  it('changing the password signs out the other sessions (not this one); wrong current password and mismatch are told in the form', async () => {
    const here = new Visitor(app);
    const elsewhere = new Visitor(app);
    await here.signIn('paul@charity.example');
    await elsewhere.signIn('paul@charity.example');
    await here.get('/profile');
    const wrong = await here.post('/profile/password', { currentPassword: 'not it at all', newPassword: 'another long passphrase', confirmPassword: 'another long passphrase' });
    expect(wrong.status).toBe(422);
    expect(here.lastHtml).toContain('The current password is wrong.');
    const mismatch = await here.post('/profile/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase', confirmPassword: 'another long passphrasE' });
    expect(mismatch.status).toBe(422);
    expect(here.lastHtml).toContain('The two passwords are not the same.');
    const changed = await here.post('/profile/password', { currentPassword: PASSWORD, newPassword: 'another long passphrase', confirmPassword: 'another long passphrase' });
    expect(changed.headers.get('location')).toBe('/profile?done=password');
    expect((await here.get('/profile?done=password')).status).toBe(200);
    expect(here.lastHtml).toContain('Your password is changed.');
    expect((await elsewhere.get('/profile')).headers.get('location')).toContain('/sign-in');
    expect((await new Visitor(app).signIn('paul@charity.example', 'another long passphrase')).status).toBe(303);
  });

  it('TOTP turned on, then off with a current code; sign out everywhere ends every session', async () => {
    const visitor = new Visitor(app);
    const other = new Visitor(app);
    await visitor.signIn('rita@charity.example');
    await other.signIn('rita@charity.example');
    await visitor.get('/profile');
    await visitor.post('/profile/totp', {});
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(visitor.lastHtml)![1]!;
    expect((await visitor.post('/profile/totp/confirm', { code: totpCode(secret, now) })).headers.get('location')).toBe('/profile?done=totpOn');
    await visitor.get('/profile');
    tick(30);
    const wrong = await visitor.post('/profile/totp/disable', { code: '000000' === totpCode(secret, now) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect((await visitor.post('/profile/totp/disable', { code: totpCode(secret, now) })).headers.get('location')).toBe('/profile?done=totpOff');
    await visitor.get('/profile');
    expect(visitor.lastHtml).toContain('Two-step verification is off.');
    const everywhere = await visitor.post('/sign-out-everywhere', {});
    expect(everywhere.headers.get('location')).toBe('/sign-in?done=everywhere');
    expect((await visitor.get('/')).headers.get('location')).toContain('/sign-in');
    expect((await other.get('/')).headers.get('location')).toContain('/sign-in');
  });
});
