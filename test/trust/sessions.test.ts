import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { ADMIN_KEY, client } from '../support/world.ts';

/**
 * Sessions of people hold what they promise (issue 17): no fixation, idle and absolute expiry on a
 * controllable clock, CSRF on cookie writes (bearer keys unaffected), sign-out everywhere, and
 * sign-in throttling per account and per address, counted in the database.
 */
let database: TestDatabase;
let now = new Date('2026-12-01T09:00:00.000Z');
const clock = () => now;
const tick = (seconds: number) => { now = new Date(now.getTime() + seconds * 1000); };
let app: ReturnType<typeof createTestApp>;
let organisationId: string;
const PASSWORD = 'a long enough password';

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, {
    clock,
    config: {
      TRUST_PROXY: '1', SESSION_IDLE_TIMEOUT_MINUTES: '30', SESSION_ABSOLUTE_TIMEOUT_HOURS: '2',
      SIGN_IN_FAILURES_PER_ACCOUNT: '3', SIGN_IN_FAILURES_PER_ADDRESS: '5', SIGN_IN_FAILURE_WINDOW_MINUTES: '15',
    },
  });
  organisationId = (await json(await client(app, ADMIN_KEY).post('/v1/organisations', { name: 'Test Charity', kind: 'operator' }))).id;
  for (const email of ['ana@charity.example', 'ben@charity.example', 'cat@charity.example']) {
    const invited = await json(await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email, role: 'admin' }));
    const token = new URL(invited.link).searchParams.get('token');
    const accepted = await app.request('/v1/invitation/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: email, password: PASSWORD }) });
    expect(accepted.status).toBe(201);
  }
}, 120_000);
afterAll(() => database.close());

interface Session { cookie: string; csrf: string }

const cookieOf = (response: Response) => response.headers.getSetCookie()[0]!.split(';')[0]!;

async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return app.request('/v1/session', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7', ...headers }, body: JSON.stringify({ email, password }),
  });
}

async function session(email: string, headers: Record<string, string> = {}): Promise<Session> {
  const response = await signIn(email, PASSWORD, headers);
  expect(response.status).toBe(200);
  return { cookie: cookieOf(response), csrf: (await json(response)).csrfToken };
}

const get = (s: Session | string, path = '/v1/session') => app.request(path, { headers: { cookie: typeof s === 'string' ? s : s.cookie } });
const post = (s: Session, path: string, csrf: string | null = s.csrf, body?: unknown) => app.request(path, {
  method: 'POST',
  headers: { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
  ...(body ? { body: JSON.stringify(body) } : {}),
});

describe('session fixation', () => {
  it('a session presented at sign-in is never the one after, and stops working', async () => {
    const before = await session('ana@charity.example');
    const response = await signIn('ana@charity.example', PASSWORD, { cookie: before.cookie });
    expect(response.status).toBe(200);
    const after = cookieOf(response);
    expect(after).not.toBe(before.cookie);
    expect((await get(before)).status).toBe(401);
    expect((await get(after)).status).toBe(200);
  });

  it('an unknown session id planted in the cookie is ignored and replaced', async () => {
    const planted = 'ol_session=ols_planted_by_someone_else_0000000000000000000000';
    const response = await signIn('ana@charity.example', PASSWORD, { cookie: planted });
    expect(cookieOf(response)).not.toBe(planted);
    expect((await get(planted)).status).toBe(401);
  });

  it('only the hash of the session token is stored', async () => {
    const s = await session('ana@charity.example');
    const token = s.cookie.split('=')[1]!;
    const rows = await database.db.selectFrom('web_session').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
  });
});

describe('expiry', () => {
  it('ends a session after the idle timeout without use', async () => {
    const s = await session('ben@charity.example');
    tick(29 * 60);
    expect((await get(s)).status).toBe(200);
    tick(29 * 60); // used 29 minutes ago: still live
    expect((await get(s)).status).toBe(200);
    tick(30 * 60);
    const idle = await get(s);
    expect(idle.status).toBe(401);
    expect((await json(idle)).detail).toMatch(/30 minutes without use/);
  });

  it('ends a session at its absolute limit however much it is used', async () => {
    const s = await session('ben@charity.example');
    for (let i = 0; i < 5; i++) {
      tick(20 * 60);
      expect((await get(s)).status).toBe(200);
    }
    tick(20 * 60); // 2 hours after sign-in
    const expired = await get(s);
    expect(expired.status).toBe(401);
    expect((await json(expired)).detail).toMatch(/2-hour limit/);
  });
});

describe('CSRF', () => {
  it('refuses a change made by cookie without the session token, or with another session\'s', async () => {
    const s = await session('cat@charity.example');
    const other = await session('ben@charity.example');
    const missing = await post(s, '/v1/account/totp', null);
    expect(missing.status).toBe(403);
    expect((await json(missing)).errors[0]).toMatchObject({ location: 'header', path: 'X-CSRF-Token', message: 'missing CSRF token' });
    expect((await post(s, '/v1/account/totp', other.csrf)).status).toBe(403);
    const invite = await post(s, `/v1/organisations/${organisationId}/invitations`, null, { email: 'dan@charity.example' });
    expect(invite.status).toBe(403);
    expect(await database.db.selectFrom('invitation').select('id').where('email', '=', 'dan@charity.example').execute()).toEqual([]);
    expect((await post(s, '/v1/account/totp')).status).toBe(200);
  });

  it('accepts the token as an HTML form field', async () => {
    const s = await session('cat@charity.example');
    const response = await app.request('/v1/session/sign-out-everywhere', {
      method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(s.csrf)}`,
    });
    expect(response.status).toBe(200);
  });

  it("a person's own routes refuse an API key (403: a key is not a person), after checking the key", async () => {
    const key = client(app, ADMIN_KEY);
    expect((await key.post('/v1/session/sign-out-everywhere', {})).status).toBe(403);
    expect((await key.post('/v1/account/totp', {})).status).toBe(403);
    expect((await key.get('/v1/session')).status).toBe(403);
    expect((await client(app, 'olk_not_a_key').post('/v1/account/totp', {})).status).toBe(401);
  });

  it('does not concern requests with an API key', async () => {
    const response = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email: 'eve@charity.example', role: 'admin' });
    expect(response.status).toBe(201);
  });
});

describe('sign out', () => {
  it('sign out ends this session only; sign out everywhere ends every other one too', async () => {
    const laptop = await session('ana@charity.example');
    const phone = await session('ana@charity.example');
    const tablet = await session('ana@charity.example');
    const out = await app.request('/v1/session', { method: 'DELETE', headers: { cookie: tablet.cookie, 'x-csrf-token': tablet.csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^ol_session=;.*Max-Age=0/);
    expect((await get(tablet)).status).toBe(401);
    expect((await get(phone)).status).toBe(200);
    const everywhere = await post(laptop, '/v1/session/sign-out-everywhere');
    expect(everywhere.status).toBe(200);
    expect((await json(everywhere)).sessionsEnded).toBeGreaterThanOrEqual(2);
    expect((await get(phone)).status).toBe(401);
    expect((await get(laptop)).status).toBe(401);
  });
});

describe('throttling of sign-in', () => {
  it('after 3 failures for one account, even the right password is refused (429) until the window passes', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('ben@charity.example', 'wrong password!!', { 'x-forwarded-for': `203.0.113.${i}` })).status).toBe(401);
    const refused = await signIn('ben@charity.example', PASSWORD, { 'x-forwarded-for': '203.0.113.99' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json(refused)).detail).toMatch(/this account/);
    expect((await signIn('cat@charity.example', PASSWORD, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(200); // other accounts are not affected
    tick(15 * 60 + 1);
    expect((await signIn('ben@charity.example', PASSWORD, { 'x-forwarded-for': '203.0.113.99' })).status).toBe(200);
  });

  it('after 5 failures from one address, sign-in from it is refused for every account; other addresses go on', async () => {
    tick(15 * 60 + 1);
    const emails = ['nobody1@x.example', 'nobody2@x.example', 'nobody3@x.example', 'nobody4@x.example', 'nobody5@x.example'];
    for (const email of emails) expect((await signIn(email, 'whatever password', { 'x-forwarded-for': '192.0.2.50' })).status).toBe(401);
    const refused = await signIn('ana@charity.example', PASSWORD, { 'x-forwarded-for': '192.0.2.50' });
    expect(refused.status).toBe(429);
    expect((await json(refused)).detail).toMatch(/this address/);
    expect((await signIn('ana@charity.example', PASSWORD, { 'x-forwarded-for': '192.0.2.51' })).status).toBe(200);
  });

  it('failures are counted in the database, so every instance sees them', async () => {
    const rows = await database.db.selectFrom('sign_in_failure').select(['account', 'address']).execute();
    expect(rows).toEqual(expect.arrayContaining([{ account: 'nobody1@x.example', address: '192.0.2.50' }]));
    const second = createTestApp(database, { clock, config: { TRUST_PROXY: '1', SIGN_IN_FAILURES_PER_ADDRESS: '5' } });
    const refused = await second.request('/v1/session', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.50' }, body: JSON.stringify({ email: 'ana@charity.example', password: PASSWORD }),
    });
    expect(refused.status).toBe(429);
  });
});

describe('cookies over TLS', () => {
  it('behind a trusted proxy that says https, the cookie is Secure and __Host- prefixed', async () => {
    const response = await signIn('cat@charity.example', PASSWORD, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.8' });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-ol_session=ols_/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect((await get(cookieOf(response))).status).toBe(200);
  });
});
