import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/queries/audit-verify.ts';
import { PLATFORM_CHAIN } from '../../src/db/queries/audit.ts';
import { totpCode } from '../../src/domain/people/totp.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { startSmtpReceiver } from '../support/smtp-receiver.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { ADMIN_KEY, client, createMember } from '../support/world.ts';

/**
 * People and sign-in through the API (issue 17): the platform administrator invites an
 * organisation's first admin, who accepts, signs in, invites a member, sets up TOTP; sign-in then
 * asks for a code. A controllable clock moves time (TOTP steps, expiries).
 */
let database: TestDatabase;
let now = new Date('2026-12-01T09:00:00.000Z');
const clock = () => now;
const tick = (seconds: number) => { now = new Date(now.getTime() + seconds * 1000); };
let app: ReturnType<typeof createTestApp>;
let organisationId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, { clock });
  const created = await client(app, ADMIN_KEY).post('/v1/organisations', { name: 'Département du Nord', kind: 'public_authority' });
  organisationId = (await json(created)).id;
}, 60_000);
afterAll(() => database.close());

/** A browser of sorts: keeps the session cookie and the CSRF token. */
function browser() {
  let cookie: string | undefined;
  let csrf: string | undefined;
  const request = async (method: string, path: string, body?: unknown, options: { csrf?: boolean | string } = {}) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = options.csrf === undefined || options.csrf === true ? csrf : options.csrf === false ? undefined : options.csrf;
    if (token && method !== 'GET') headers['x-csrf-token'] = token;
    const response = await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, value] = pair!.split('=');
      cookie = value ? `${name}=${value}` : undefined;
    }
    return response;
  };
  return {
    request,
    get cookie() { return cookie; },
    async signIn(email: string, password: string, code?: string) {
      const response = await request('POST', '/v1/session', { email, password, ...(code ? { code } : {}) });
      if (response.status === 200) csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
      return response;
    },
    async completeSignIn(code: string) {
      const response = await request('POST', '/v1/session/second-factor', { code });
      if (response.status === 200) csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
      return response;
    },
  };
}

/** The text of a quoted-printable message body (soft line breaks joined, =XX bytes decoded as UTF-8). */
const quotedPrintable = (raw: string) => {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n').replace(/=\r?\n/g, '');
  return `${head}\n\n${Buffer.from(body.replace(/=([0-9A-F]{2})/g, '%$1').replace(/%(?![0-9A-F]{2})/g, '%25'), 'utf8').toString()}`
    .replace(/(%[0-9A-F]{2})+/g, (m) => decodeURIComponent(m));
};

const linkToken = (link: string) => new URL(link).searchParams.get('token')!;

let adminEmail = 'Claire.Martin@nord.example';
let adminPassword = 'un mot de passe bien long';
let adminId: string;
let totpSecret: string;
const admin = browser();

describe('invitations', () => {
  let token: string;

  it("the platform administrator invites an organisation's first admin; the link is shown once", async () => {
    const response = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email: adminEmail, name: 'Claire Martin', role: 'admin', locale: 'fr' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body).toMatchObject({ email: 'claire.martin@nord.example', role: 'admin', locale: 'fr', acceptedAt: null, delivery: 'not_configured' });
    expect(body.link).toMatch(/^http:\/\/localhost\/invitation\?token=oli_/);
    expect(response.headers.get('audit-receipt')).toMatch(/^platform:\d+:sha256:/);
    token = linkToken(body.link);
    const stored = await database.db.selectFrom('invitation').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
  });

  it('the platform administrator invites admins only: members are invited by the organisation', async () => {
    const response = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email: 'someone@nord.example', role: 'member' });
    expect(response.status).toBe(403);
    expect((await json(response)).errors[0].path).toBe('role');
  });

  it('shows the invitation to whoever holds the link', async () => {
    const response = await app.request(`/v1/invitation?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ organisationName: 'Département du Nord', email: 'claire.martin@nord.example' });
    expect((await app.request('/v1/invitation?token=oli_not_a_real_token_at_all')).status).toBe(404);
  });

  it('refuses a password shorter than 12 characters, naming the field, and creates nothing', async () => {
    const response = await app.request('/v1/invitation/accept', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Claire Martin', password: 'court-11car' }),
    });
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.errors).toEqual([expect.objectContaining({ location: 'body', path: 'password', message: expect.stringMatching(/at least 12 characters/) })]);
    expect(await database.db.selectFrom('member').selectAll().execute()).toEqual([]);
  });

  it('accepts the invitation once: the account exists, the link stops working', async () => {
    const accept = () => app.request('/v1/invitation/accept', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Claire Martin', password: adminPassword }),
    });
    const response = await accept();
    expect(response.status).toBe(201);
    const member = await json(response);
    expect(member).toMatchObject({ organisationId, email: 'claire.martin@nord.example', name: 'Claire Martin', role: 'admin', locale: 'fr', totpEnabled: false });
    adminId = member.id;
    const row = await database.db.selectFrom('member').select('password_hash').where('id', '=', adminId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$N=131072,r=8,p=1\$/);
    expect(row.password_hash).not.toContain(adminPassword);
    expect((await accept()).status).toBe(409);
  });

  it('an invitation expires', async () => {
    const response = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email: 'late@nord.example', role: 'admin' });
    const late = linkToken((await json(response)).link);
    tick(72 * 3600);
    const accepted = await app.request('/v1/invitation/accept', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: late, name: 'Late', password: 'assez long mot de passe' }),
    });
    expect(accepted.status).toBe(409);
    expect((await json(accepted)).detail).toMatch(/expired/);
  });
});

describe('sign-in, TOTP', () => {
  it('signs in with e-mail (any case) and password: an httpOnly, SameSite=Lax session cookie', async () => {
    expect((await admin.signIn(adminEmail, 'not the password at all')).status).toBe(401);
    const response = await admin.signIn(adminEmail.toUpperCase(), adminPassword);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^ol_session=ols_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const session = await json(response);
    expect(session).toMatchObject({ stage: 'full', member: { id: adminId, role: 'admin' }, organisation: { id: organisationId }, idleTimeoutMinutes: 30 });
    const me = await admin.request('GET', '/v1/session');
    expect(me.status).toBe(200);
    expect((await json(me)).csrfToken).toBe(session.csrfToken);
  });

  it('the admin lists and invites the people of the organisation, by session', async () => {
    const list = await admin.request('GET', `/v1/organisations/${organisationId}/members`);
    expect(list.status).toBe(200);
    expect((await json(list)).items.map((m: any) => m.email)).toEqual(['claire.martin@nord.example']);
    const invited = await admin.request('POST', `/v1/organisations/${organisationId}/invitations`, { email: 'paul@nord.example', name: 'Paul' });
    expect(invited.status).toBe(201);
    expect(await json(invited)).toMatchObject({ role: 'member', locale: 'fr' }); // the inviter's language
    const pending = await admin.request('GET', `/v1/organisations/${organisationId}/invitations`);
    expect(pending.status).toBe(200);
    const items = (await json(pending)).items;
    expect(items.map((i: any) => i.email)).toEqual(['paul@nord.example']); // accepted and expired ones are not pending
    expect(items[0]).not.toHaveProperty('link');
  });

  it('enrols TOTP (secret, otpauth URI), confirmed by a code', async () => {
    const started = await admin.request('POST', '/v1/account/totp');
    expect(started.status).toBe(200);
    const { secret, uri } = await json(started);
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    totpSecret = secret;
    expect((await admin.request('POST', '/v1/account/totp/confirm', { code: '000000' })).status).toBe(422);
    const confirmed = await admin.request('POST', '/v1/account/totp/confirm', { code: totpCode(secret, now) });
    expect(confirmed.status).toBe(200);
    expect((await json(confirmed)).totpEnabled).toBe(true);
  });

  it('then sign-in requires the code: the password alone opens only a session waiting for it', async () => {
    expect((await admin.request('DELETE', '/v1/session')).status).toBe(200);
    expect((await admin.request('GET', '/v1/session')).status).toBe(401);
    tick(30);
    const first = await admin.signIn(adminEmail, adminPassword);
    expect(first.status).toBe(200);
    expect((await json(first)).stage).toBe('second_factor');
    expect((await admin.request('GET', `/v1/organisations/${organisationId}/members`)).status).toBe(401); // not a full session
    expect((await admin.completeSignIn('123456')).status).toBe(401);
    const waiting = admin.cookie;
    const done = await admin.completeSignIn(totpCode(totpSecret, now));
    expect(done.status).toBe(200);
    expect((await json(done)).stage).toBe('full');
    expect(admin.cookie).not.toBe(waiting);
    expect((await admin.request('GET', `/v1/organisations/${organisationId}/members`)).status).toBe(200);
  });

  it('a code is used once; with the code given at once, sign-in is complete', async () => {
    const other = browser();
    expect((await other.signIn(adminEmail, adminPassword, totpCode(totpSecret, now))).status).toBe(401); // same step as just used
    tick(30);
    const response = await other.signIn(adminEmail, adminPassword, totpCode(totpSecret, now));
    expect(response.status).toBe(200);
    expect((await json(response)).stage).toBe('full');
  });

  it('an organisation may require TOTP: a person without it must enrol before anything else', async () => {
    const required = await admin.request('PUT', `/v1/organisations/${organisationId}/security`, { requireTotp: true });
    expect(required.status).toBe(200);
    expect(await json(required)).toMatchObject({ requireTotp: true });
    const paulInvite = await admin.request('POST', `/v1/organisations/${organisationId}/invitations`, { email: 'pauline@nord.example', name: 'Pauline', locale: 'en' });
    const token = linkToken((await json(paulInvite)).link);
    await app.request('/v1/invitation/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Pauline', password: 'pauline password 2026' }) });
    const pauline = browser();
    const signed = await pauline.signIn('pauline@nord.example', 'pauline password 2026');
    expect((await json(signed)).stage).toBe('enrol_totp');
    const blocked = await pauline.request('GET', `/v1/organisations/${organisationId}/members`);
    expect(blocked.status).toBe(401);
    const { secret } = await json(await pauline.request('POST', '/v1/account/totp'));
    const before = pauline.cookie;
    expect((await pauline.request('POST', '/v1/account/totp/confirm', { code: totpCode(secret, now) })).status).toBe(200);
    expect(pauline.cookie).not.toBe(before);
    const me = await json(await pauline.request('GET', '/v1/session'));
    expect(me.stage).toBe('full');
    const disable = await pauline.request('POST', '/v1/account/totp/disable', { code: totpCode(secret, new Date(now.getTime() + 30_000)) }, { csrf: me.csrfToken });
    expect(disable.status).toBe(409);
  });

  it('a person chooses their language and changes their password', async () => {
    const locale = await admin.request('PUT', '/v1/account/locale', { locale: 'en' });
    expect(locale.status).toBe(200);
    expect((await json(locale)).locale).toBe('en');
    const short = await admin.request('POST', '/v1/account/password', { currentPassword: adminPassword, newPassword: 'too short' });
    expect(short.status).toBe(422);
    expect((await json(short)).errors[0].path).toBe('newPassword');
    const wrong = await admin.request('POST', '/v1/account/password', { currentPassword: 'not my password', newPassword: 'a brand new long password' });
    expect((await json(wrong)).errors[0].path).toBe('currentPassword');
    const changed = await admin.request('POST', '/v1/account/password', { currentPassword: adminPassword, newPassword: 'a brand new long password' });
    expect(changed.status).toBe(200);
    adminPassword = 'a brand new long password';
    expect((await admin.request('GET', '/v1/session')).status).toBe(200);
  });
});

describe('isolation between organisations', () => {
  it('a member of another organisation cannot list, invite or set the policy of ours', async () => {
    const other = await createMember(app, 'Other Council', 'public_authority');
    expect((await other.api.get(`/v1/organisations/${organisationId}/members`)).status).toBe(403);
    expect((await other.api.post(`/v1/organisations/${organisationId}/invitations`, { email: 'intruder@example.org', role: 'admin' })).status).toBe(403);
    const policy = await other.api.send(`/v1/organisations/${organisationId}/security`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ requireTotp: false }) });
    expect(policy.status).toBe(403);
    // and a person of it, by session
    const invited = await other.api.post(`/v1/organisations/${other.id}/invitations`, { email: 'olga@other.example', role: 'admin' });
    const token = linkToken((await json(invited)).link);
    await app.request('/v1/invitation/accept', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: 'Olga', password: 'olga has a long password' }) });
    const olga = browser();
    expect((await olga.signIn('olga@other.example', 'olga has a long password')).status).toBe(200);
    expect((await olga.request('GET', `/v1/organisations/${organisationId}/members`)).status).toBe(403);
    expect((await olga.request('POST', `/v1/organisations/${organisationId}/invitations`, { email: 'x@other.example', role: 'admin' })).status).toBe(403);
    expect((await olga.request('GET', `/v1/organisations/${other.id}/members`)).status).toBe(200);
  });

  it('a member (not admin) cannot invite', async () => {
    const paul = await database.db.selectFrom('invitation').select('token_hash').where('email', '=', 'paul@nord.example').executeTakeFirstOrThrow();
    expect(paul).toBeDefined(); // Paul's link was shown to the admin only; a member key stands in for a member here
    const created = await client(app, ADMIN_KEY).post(`/v1/organisations/${organisationId}/api-keys`, { scope: 'member' });
    const memberKey = (await json(created)).key;
    const response = await client(app, memberKey).post(`/v1/organisations/${organisationId}/invitations`, { email: 'y@nord.example', role: 'member' });
    expect(response.status).toBe(403);
  });
});

describe('the audit trail', () => {
  it('records the person behind each of their acts, and the platform chain verifies', async () => {
    const entries = await database.db.selectFrom('audit_entry').select(['action', 'member_id']).where('chain', '=', PLATFORM_CHAIN).orderBy('seq').execute();
    const byAdmin = entries.filter((e) => e.member_id === adminId).map((e) => e.action);
    expect(byAdmin).toEqual(expect.arrayContaining([
      'invitation.accepted', 'member.created', 'member.signed_in', 'invitation.created', 'member.totp_enabled', 'member.signed_out',
      'organisation.totp_required', 'member.locale_set', 'member.password_changed',
    ]));
    const byKey = entries.filter((e) => e.action === 'organisation.created');
    expect(byKey.every((e) => e.member_id === null)).toBe(true);
    const verified = await verifyAuditChain(database.db, PLATFORM_CHAIN);
    expect(verified.firstProblem).toBeNull();
    expect(verified.ok).toBe(true);
  });

  it('the hash covers the person: changing who did it breaks the chain', async () => {
    const entry = await database.db.selectFrom('audit_entry').select(['id', 'seq']).where('member_id', '=', adminId).orderBy('seq').executeTakeFirstOrThrow();
    await database.db.transaction().execute(async (trx) => {
      await trx.executeQuery({ sql: 'alter table audit_entry disable trigger user', parameters: [], query: { kind: 'RawNode' } } as never);
      await trx.updateTable('audit_entry').set({ member_id: null }).where('id', '=', entry.id).execute();
      await trx.executeQuery({ sql: 'alter table audit_entry enable trigger user', parameters: [], query: { kind: 'RawNode' } } as never);
    });
    const verified = await verifyAuditChain(database.db, PLATFORM_CHAIN);
    expect(verified.ok).toBe(false);
    expect(verified.links).toMatchObject({ ok: false, brokenAt: { seq: entry.seq } });
  });
});

describe('invitations by e-mail', () => {
  it('sends the invitation through SMTP when SMTP_URL is set, in the invitee\'s language', async () => {
    const { port, received, close } = await startSmtpReceiver();
    try {
      const mailing = createTestApp(database, { clock, config: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Outcome Ledger <ledger@test.example>', PUBLIC_URL: 'https://ledger.example.org' } });
      const response = await client(mailing, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email: 'jeanne@nord.example', role: 'admin', locale: 'fr' });
      expect(response.status).toBe(201);
      const body = await json(response);
      expect(body.delivery).toBe('emailed');
      expect(body.link).toMatch(/^https:\/\/ledger\.example\.org\/invitation\?token=oli_/);
      expect(received).toHaveLength(1);
      expect(received[0]!.to).toBe('jeanne@nord.example');
      const french = quotedPrintable(received[0]!.raw);
      expect(french).toMatch(/^Subject: =\?UTF-8\?Q\?Invitation_=C3=A0_rejoindre_/m);
      expect(french).toContain('Pour créer votre compte, choisissez votre mot de passe');
      expect(french).toContain(body.link);
      const english = await client(mailing, ADMIN_KEY).post(`/v1/organisations/${organisationId}/invitations`, { email: 'john@nord.example', role: 'admin', locale: 'en' });
      expect((await json(english)).delivery).toBe('emailed');
      expect(quotedPrintable(received[1]!.raw)).toMatch(/^Subject: =\?UTF-8\?Q\?Invitation_to_join_/m);
      expect(quotedPrintable(received[1]!.raw)).toContain('The link works once');
    } finally {
      await close();
    }
  });
});

describe('the first platform administrator, a person', () => {
  it('at start, while the platform has no person, an open invitation is issued; whoever accepts gives their e-mail and administers the platform', async () => {
    const { firstAdministratorInvitation } = await import('../../src/runtime/first-invitation.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const platform = await database.db.selectFrom('organisation').select('id').where('kind', '=', 'platform').executeTakeFirstOrThrow();
    const config = loadConfig({});
    const first = await firstAdministratorInvitation(database.db, config, clock, platform.id);
    expect(first).not.toBeNull();
    const noEmail = await app.request('/v1/invitation/accept', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: first!.token, name: 'Root', password: 'the platform password' }),
    });
    expect(noEmail.status).toBe(422);
    expect((await json(noEmail)).errors[0].path).toBe('email');
    const accepted = await app.request('/v1/invitation/accept', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: first!.token, name: 'Root', email: 'root@platform.example', password: 'the platform password' }),
    });
    expect(accepted.status).toBe(201);
    expect(await json(accepted)).toMatchObject({ organisationId: platform.id, role: 'admin', email: 'root@platform.example' });
    expect(await firstAdministratorInvitation(database.db, config, clock, platform.id)).toBeNull();
    const root = browser();
    expect((await root.signIn('root@platform.example', 'the platform password')).status).toBe(200);
    const invited = await root.request('POST', `/v1/organisations/${organisationId}/invitations`, { email: 'second.admin@nord.example', role: 'admin' });
    expect(invited.status).toBe(201);

    // A `member` of the platform organisation is not a platform administrator (before: anyone the
    // platform organisation took in administered every organisation).
    const colleague = await root.request('POST', `/v1/organisations/${platform.id}/invitations`, { email: 'support@platform.example', role: 'member' });
    expect(colleague.status).toBe(201);
    const colleagueToken = linkToken(((await json(colleague)) as { link: string }).link);
    const joined = await app.request('/v1/invitation/accept', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: colleagueToken, name: 'Support', password: 'the support password' }),
    });
    expect(joined.status).toBe(201);
    const support = browser();
    expect((await support.signIn('support@platform.example', 'the support password')).status).toBe(200);
    const refused = await support.request('POST', `/v1/organisations/${organisationId}/invitations`, { email: 'third.admin@nord.example', role: 'admin' });
    expect([403, 404]).toContain(refused.status);
    expect((await support.request('GET', `/v1/organisations/${organisationId}/members`)).status).not.toBe(200);
  });
});
