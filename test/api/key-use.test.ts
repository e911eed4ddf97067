import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client, createMember, type Member as Organisation } from '../support/world.ts';

/**
 * When a key was last used (migration 0024): recorded when the key is admitted — on any route, contract
 * routes (their cached access check) included — to the minute: a second use within the minute writes
 * nothing, the next minute's does. Listed with the keys (`lastUsedAt`) and in the revocation's answer;
 * a revoked key's refused requests are no use. A controllable clock moves time.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let org: Organisation;
let now = new Date('2026-12-03T09:00:00.000Z');
const clock = () => now;
const tick = (seconds: number) => { now = new Date(now.getTime() + seconds * 1000); };

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, { clock });
  org = await createMember(app, 'Atelier du Nord', 'operator');
}, 60_000);
afterAll(() => database?.close());

const keysOf = async () => (await json(await client(app, ADMIN_KEY).get(`/v1/organisations/${org.id}/api-keys`))).items as { id: string; lastUsedAt: string | null; label: string | null }[];
const orgKeyUse = async () => (await keysOf()).find((k) => k.label === 'test')!.lastUsedAt;

describe("a key's last use", () => {
  it('is null until the key is used, then the time of its use, to the minute', async () => {
    expect(await orgKeyUse()).toBeNull();
    expect((await org.api.get('/v1/me')).status).toBe(200);
    expect(await orgKeyUse()).toBe('2026-12-03T09:00:00.000Z');
    tick(30);
    expect((await org.api.get('/v1/me')).status).toBe(200);
    expect(await orgKeyUse()).toBe('2026-12-03T09:00:00.000Z'); // within the minute: nothing written
    tick(31);
    expect((await org.api.get(`/v1/organisations/${org.id}/members`)).status).toBe(200);
    expect(await orgKeyUse()).toBe('2026-12-03T09:01:01.000Z');
  });

  it('counts on contract routes too (their access check is cached)', async () => {
    tick(120);
    const unknown = await org.api.get('/v1/contracts/01a2377b-19b7-735d-8747-a5930780bc57');
    expect(unknown.status).toBe(404);
    expect(await orgKeyUse()).toBe('2026-12-03T09:03:01.000Z');
  });

  it('is in the revocation\'s answer; a revoked key\'s refused requests are no use', async () => {
    const issued = await json(await org.api.post(`/v1/organisations/${org.id}/api-keys`, { label: 'nightly export', scope: 'member' }));
    expect(issued.lastUsedAt).toBeNull();
    const nightly = client(app, issued.key);
    tick(60);
    expect((await nightly.get('/v1/me')).status).toBe(200);
    const revoked = await org.api.delete(`/v1/organisations/${org.id}/api-keys/${issued.id}`);
    expect(revoked.status).toBe(200);
    expect(await json(revoked)).toMatchObject({ id: issued.id, lastUsedAt: '2026-12-03T09:04:01.000Z' });
    tick(120);
    expect((await nightly.get('/v1/me')).status).toBe(401);
    expect((await keysOf()).find((k) => k.id === issued.id)!.lastUsedAt).toBe('2026-12-03T09:04:01.000Z');
  });

  it('keeps the latest when an instance with an earlier clock writes after another (several instances)', async () => {
    const other = createTestApp(database, { clock: () => new Date(now.getTime() - 3_600_000) }); // a second instance, an hour behind
    const before = await orgKeyUse(); // the revocation above was a use of the organisation's key
    expect(before).toBe('2026-12-03T09:04:01.000Z');
    expect((await client(other, org.key).get('/v1/me')).status).toBe(200);
    expect(await orgKeyUse()).toBe(before);
  });
});
