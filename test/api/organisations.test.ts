import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client, createMember } from '../support/world.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
});

describe('the platform administrator', () => {
  it('is created on first start with a generated key, printed once; later starts create nothing', async () => {
    const first = await ensureAdministrator(database.db);
    expect(first.generatedKey).toMatch(/^olk_[A-Za-z0-9_-]{43}$/);
    const again = await ensureAdministrator(database.db);
    expect(again.generatedKey).toBeUndefined();
    const app = createTestApp(database);
    const me = await client(app, first.generatedKey).get('/v1/me');
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ isAdmin: true, organisation: { kind: 'platform' } });
  });

  it('can be given by ADMIN_API_KEY instead', async () => {
    const result = await ensureAdministrator(database.db, ADMIN_KEY);
    expect(result.generatedKey).toBeUndefined();
    const me = await client(createTestApp(database), ADMIN_KEY).get('/v1/me');
    expect((await json(me)).isAdmin).toBe(true);
  });

  it('stores only a hash of keys', async () => {
    await ensureAdministrator(database.db, ADMIN_KEY);
    const { rows } = await sql<{ key_hash: string; key_prefix: string }>`select key_hash, key_prefix from api_key`.execute(database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.key_hash).not.toContain(ADMIN_KEY);
    expect(ADMIN_KEY.startsWith(rows[0]!.key_prefix)).toBe(true);
  });
});

describe('organisations and keys', () => {
  it('registers organisations (administrator only) and issues keys shown once', async () => {
    await ensureAdministrator(database.db, ADMIN_KEY);
    const app = createTestApp(database);
    const member = await createMember(app, 'Greater London Authority', 'public_authority');
    const me = await json(await member.api.get('/v1/me'));
    expect(me).toMatchObject({ isAdmin: false, organisation: { id: member.id, name: 'Greater London Authority', kind: 'public_authority' } });

    const refused = await member.api.post('/v1/organisations', { name: 'Sneaky', kind: 'investor' });
    expect(refused.status).toBe(403);

    const keys = await json(await member.api.get(`/v1/organisations/${member.id}/api-keys`));
    expect(keys.items).toHaveLength(1);
    expect(keys.items[0]).not.toHaveProperty('key');
  });

  it('revokes a key: it stops working at once, and the record stays', async () => {
    await ensureAdministrator(database.db, ADMIN_KEY);
    const app = createTestApp(database);
    const member = await createMember(app, 'St Mungo', 'operator');
    const second = await json(await member.api.post(`/v1/organisations/${member.id}/api-keys`, { label: 'laptop' }));
    const revoked = await member.api.delete(`/v1/organisations/${member.id}/api-keys/${second.id}`);
    expect(revoked.status).toBe(200);
    expect((await json(revoked)).revokedAt).toBeTruthy();
    expect((await client(app, second.key).get('/v1/me')).status).toBe(401);
    expect((await member.api.get('/v1/me')).status).toBe(200);
    expect((await member.api.delete(`/v1/organisations/${member.id}/api-keys/${second.id}`)).status).toBe(409);
    const keys = await json(await member.api.get(`/v1/organisations/${member.id}/api-keys`));
    expect(keys.items).toHaveLength(2);
  });

  it('lets only admin keys issue and revoke keys: a leaked member key cannot mint its successor (failed before: any key could)', async () => {
    await ensureAdministrator(database.db, ADMIN_KEY);
    const app = createTestApp(database);
    const member = await createMember(app, 'Riverside Trust', 'operator');
    const issued = await json(await member.api.post(`/v1/organisations/${member.id}/api-keys`, { label: 'laptop' }));
    expect(issued.scope).toBe('member');
    const laptop = client(app, issued.key);
    const minted = await laptop.post(`/v1/organisations/${member.id}/api-keys`, { label: 'successor' });
    expect(minted.status).toBe(403);
    expect((await laptop.delete(`/v1/organisations/${member.id}/api-keys/${issued.id}`)).status).toBe(403);
    const keys = await json(await member.api.get(`/v1/organisations/${member.id}/api-keys`));
    expect(keys.items.map((k: { scope: string }) => k.scope).sort()).toEqual(['admin', 'member']);
    // The administrator, and the organisation's admin key, still can.
    expect((await member.api.delete(`/v1/organisations/${member.id}/api-keys/${issued.id}`)).status).toBe(200);
    expect((await laptop.get('/v1/me')).status).toBe(401);
  });

  it("does not let one organisation manage another's keys", async () => {
    await ensureAdministrator(database.db, ADMIN_KEY);
    const app = createTestApp(database);
    const a = await createMember(app, 'A', 'investor');
    const b = await createMember(app, 'B', 'investor');
    expect((await a.api.post(`/v1/organisations/${b.id}/api-keys`, {})).status).toBe(403);
    expect((await a.api.get(`/v1/organisations/${b.id}/api-keys`)).status).toBe(403);
  });

  it('answers 401 without a key, with a malformed header, or with an unknown key', async () => {
    const app = createTestApp(database);
    for (const headers of [{}, { authorization: "Basic abc" }, { authorization: "Bearer olk_nope" }] as Record<string, string>[]) {
      const response = await app.request('/v1/me', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect((await json(response)).code).toBe('unauthenticated');
    }
  });

  it('lists the directory with cursor pagination', async () => {
    await ensureAdministrator(database.db, ADMIN_KEY);
    const app = createTestApp(database);
    for (let i = 0; i < 5; i++) await createMember(app, `Org ${i}`, 'investor');
    const admin = client(app, ADMIN_KEY);
    const first = await json(await admin.get('/v1/organisations?limit=2'));
    expect(first.items.map((o: { name: string }) => o.name)).toEqual(['Org 0', 'Org 1']);
    const second = await json(await admin.get(`/v1/organisations?limit=2&cursor=${first.nextCursor}`));
    expect(second.items.map((o: { name: string }) => o.name)).toEqual(['Org 2', 'Org 3']);
    const third = await json(await admin.get(`/v1/organisations?limit=2&cursor=${second.nextCursor}`));
    expect(third.items.map((o: { name: string }) => o.name)).toEqual(['Org 4']);
    expect(third.nextCursor).toBeNull();
    expect((await admin.get('/v1/organisations?cursor=%%%')).status).toBe(400);
  });
});
