import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/queries/audit-verify.ts';
import { PLATFORM_CHAIN } from '../../src/db/queries/audit.ts';
import { contentDigest } from '../../src/domain/digest/sha256.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client, createMember, type Member as Organisation } from '../support/world.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';

/**
 * A person leaves an organisation (DELETE /v1/organisations/{id}/members/{memberId}): their sessions
 * end everywhere at once, they cannot sign in, their record stays (listed as removed, named by what
 * they did, the platform chain verifies), their address may be invited again. Refused with nothing
 * written: oneself, the last admin, a person already removed; others than the organisation's admins
 * and the platform administrator get 403; a person of another organisation, 404.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let org: Organisation;
const PASSWORD = 'a long enough password for tests';

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database);
  org = await createMember(app, 'Atelier du Nord', 'operator');
}, 60_000);
afterAll(() => database?.close());

/** A person invited by `inviterKey` with `role`, who accepts; their id. */
async function person(email: string, role: 'admin' | 'member', inviterKey = org.key, organisationId = org.id): Promise<string> {
  const invited = await client(app, inviterKey).post(`/v1/organisations/${organisationId}/invitations`, { email, role, name: email.split('@')[0] });
  expect(invited.status).toBe(201);
  const token = new URL((await json(invited)).link).searchParams.get('token')!;
  const accepted = await app.request('/v1/invitation/accept', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, name: email.split('@')[0], password: PASSWORD }),
  });
  expect(accepted.status).toBe(201);
  return (await json(accepted)).id ?? (await database.db.selectFrom('member').select('id').where('email', '=', email).where('removed_at', 'is', null).executeTakeFirstOrThrow()).id;
}

/** A browser signed in as `email`: its session cookie and CSRF token. */
async function signedIn(email: string) {
  const response = await app.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = await json(response);
  const request = (method: string, path: string) => app.request(path, { method, headers: { cookie, 'x-csrf-token': csrfToken } });
  return { request, remove: (memberId: string, organisationId = org.id) => request('DELETE', `/v1/organisations/${organisationId}/members/${memberId}`) };
}

const signIn = (email: string) =>
  app.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
const removedAt = async (id: string) => (await database.db.selectFrom('member').select('removed_at').where('id', '=', id).executeTakeFirstOrThrow()).removed_at;

let adaId: string;
let benId: string;

describe('removing a person', () => {
  it('ends their sessions everywhere, refuses their sign-in as a wrong password, and keeps their record, listed as removed', async () => {
    adaId = await person('ada@atelier.example', 'admin');
    benId = await person('ben@atelier.example', 'member');
    const ada = await signedIn('ada@atelier.example');
    const benAtWork = await signedIn('ben@atelier.example');
    const benAtHome = await signedIn('ben@atelier.example');
    expect((await benAtWork.request('GET', '/v1/session')).status).toBe(200);

    const removed = await ada.remove(benId);
    expect(removed.status).toBe(200);
    const body = await json(removed);
    expect(body).toMatchObject({ member: { id: benId, email: 'ben@atelier.example', role: 'member' }, sessionsEnded: 2 });
    expect(body.member.removedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(removed.headers.get('audit-receipt')).toBeTruthy();

    for (const browser of [benAtWork, benAtHome]) {
      const gone = await browser.request('GET', '/v1/session');
      expect(gone.status).toBe(401);
      expect((await json(gone)).detail).toMatch(/ended|sign in again|removed/i);
    }
    // A session opened by a sign-in racing the removal (its revocation missed it) still ends: it is checked against the person
    await database.db.updateTable('web_session').set({ revoked_at: null }).where('member_id', '=', benId).execute();
    const raced = await benAtWork.request('GET', '/v1/session');
    expect(raced.status).toBe(401);
    expect((await json(raced)).detail).toMatch(/removed by its organisation/);
    const refused = await signIn('ben@atelier.example');
    expect(refused.status).toBe(401);
    const wrong = await app.request('/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@atelier.example', password: 'not the password at all' }) });
    expect((await json(refused)).detail).toBe((await json(wrong)).detail); // nothing tells an outsider the account exists

    const list = await json(await client(app, org.key).get(`/v1/organisations/${org.id}/members`));
    expect(list.items.map((m: any) => [m.email, m.removedAt === null])).toEqual([['ada@atelier.example', true], ['ben@atelier.example', false]]);

    const row = await database.db.selectFrom('member').selectAll().where('id', '=', benId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ removed_by_member_id: adaId, removed_by_key_id: null });
    const entry = await database.db.selectFrom('audit_entry').select(['action', 'member_id', 'entity_id']).where('chain', '=', PLATFORM_CHAIN)
      .orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'member.removed', member_id: adaId, entity_id: benId });
    const verified = await verifyAuditChain(database.db, PLATFORM_CHAIN);
    expect(verified.firstProblem).toBeNull();
    expect(verified.states.mismatches).toEqual([]);
  });

  it('a member is audited as before migration 0023 (no removal columns), so the digests recorded before it stay true', async () => {
    const ada = await database.db.selectFrom('member').selectAll().where('id', '=', adaId).executeTakeFirstOrThrow();
    const { removed_at: _a, removed_by_member_id: _b, removed_by_key_id: _c, ...before } = ada;
    const latest = await database.db.selectFrom('audit_entry').select('state_digest').where('entity_type', '=', 'member').where('entity_id', '=', adaId)
      .orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(latest.state_digest).toBe(await contentDigest(before));
    const ben = await database.db.selectFrom('member').selectAll().where('id', '=', benId).executeTakeFirstOrThrow();
    const removal = await database.db.selectFrom('audit_entry').select('state_digest').where('action', '=', 'member.removed').where('entity_id', '=', benId)
      .executeTakeFirstOrThrow();
    expect(removal.state_digest).toBe(await contentDigest(ben)); // once removed, the columns are part of the state
  });

  it('a second removal is refused (409, the path parameter named) and writes nothing', async () => {
    const entries = await database.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const again = await client(app, org.key).delete(`/v1/organisations/${org.id}/members/${benId}`);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await json(again)).errors).toEqual([expect.objectContaining({ location: 'path', path: 'memberId' })]);
    expect(await database.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual(entries);
  });

  it('the address may be invited again: a new account, the old one stays removed', async () => {
    const newBen = await person('BEN@atelier.example', 'member');
    expect(newBen).not.toBe(benId);
    expect((await signIn('ben@atelier.example')).status).toBe(200);
    expect(await removedAt(benId)).not.toBeNull();
    // and not twice among members: the address stays unique among them
    const twice = await client(app, org.key).post(`/v1/organisations/${org.id}/invitations`, { email: 'ben@atelier.example', role: 'member' });
    expect(twice.status).toBe(409);
  });

  it('refuses removing oneself and the last admin (409), nothing written', async () => {
    const ada = await signedIn('ada@atelier.example');
    const self = await ada.remove(adaId);
    expect(self.status).toBe(409);
    expect((await json(self)).detail).toMatch(/yourself/);
    const last = await client(app, org.key).delete(`/v1/organisations/${org.id}/members/${adaId}`);
    expect(last.status).toBe(409);
    expect((await json(last)).detail).toMatch(/last admin/);
    expect(await removedAt(adaId)).toBeNull();
    expect((await ada.request('GET', '/v1/session')).status).toBe(200);
  });

  it('only the organisation\'s admins and the platform administrator remove: a member 403, another organisation 403, a stranger\'s id 404', async () => {
    const memberKey = (await json(await client(app, org.key).post(`/v1/organisations/${org.id}/api-keys`, { scope: 'member' }))).key;
    const cleo = await person('cleo@atelier.example', 'member');
    expect((await client(app, memberKey).delete(`/v1/organisations/${org.id}/members/${cleo}`)).status).toBe(403);
    const ben = await signedIn('ben@atelier.example'); // the new Ben, a member
    expect((await ben.remove(cleo)).status).toBe(403);
    const other = await createMember(app, 'Other Council', 'public_authority');
    expect((await other.api.delete(`/v1/organisations/${org.id}/members/${cleo}`)).status).toBe(403);
    const olga = await person('olga@other.example', 'admin', ADMIN_KEY, other.id);
    expect((await client(app, org.key).delete(`/v1/organisations/${org.id}/members/${olga}`)).status).toBe(404);
    expect((await other.api.delete(`/v1/organisations/${other.id}/members/${cleo}`)).status).toBe(404);
    expect((await client(app, org.key).delete(`/v1/organisations/${org.id}/members/not-a-uuid`)).status).toBe(400);
    expect(await removedAt(cleo)).toBeNull();
    // the platform administrator may: the key is named as who removed
    const byPlatform = await client(app, ADMIN_KEY).delete(`/v1/organisations/${org.id}/members/${cleo}`);
    expect(byPlatform.status).toBe(200);
    const row = await database.db.selectFrom('member').select(['removed_by_member_id', 'removed_by_key_id']).where('id', '=', cleo).executeTakeFirstOrThrow();
    expect(row.removed_by_member_id).toBeNull();
    expect(row.removed_by_key_id).not.toBeNull();
  });

  it('two admins removing each other at the same moment: one removal only, the organisation keeps an admin', async () => {
    const dora = await person('dora@atelier.example', 'admin');
    const [ada, doraBrowser] = await Promise.all([signedIn('ada@atelier.example'), signedIn('dora@atelier.example')]);
    const answers = await Promise.all([ada.remove(dora), doraBrowser.remove(adaId)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect([401, 409]).toContain(statuses.find((s) => s !== 200));
    const admins = await database.db.selectFrom('member').select('id').where('organisation_id', '=', org.id).where('role', '=', 'admin')
      .where('removed_at', 'is', null).execute();
    expect(admins).toHaveLength(1);
    expect((await verifyAuditChain(database.db, PLATFORM_CHAIN)).ok).toBe(true);
  });
});
