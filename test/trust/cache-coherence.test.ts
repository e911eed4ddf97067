import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, sharedDatabase } from '../../src/db/database.ts';
import { openPostgresDatabase } from '../../src/db/postgres.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, client, createWorld, type World } from '../support/world.ts';

/**
 * Two instances over one database, each with its own connections (on PostgreSQL) and its own
 * access cache: a write through one is seen by the other at once — through the database's change
 * notifications — and a revoked key stops working on both.
 */
let database: TestDatabase;
let second: DatabaseHandle;
let world: World;
let appA: ReturnType<typeof createApp>;
let appB: ReturnType<typeof createApp>;
const make = (handle: DatabaseHandle) => createApp({ database: sharedDatabase(handle), clock: () => new Date(), config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }), logger: silentLogger });

beforeAll(async () => {
  database = await openTestDatabase();
  second = backend === 'postgres' ? openPostgresDatabase({ url: database.url!, poolMax: 3 }) : database;
  appA = make(database);
  appB = make(second);
  world = await createWorld(database, appA);
});
afterAll(async () => {
  if (backend === 'postgres') await second.close();
  await database.close();
});

async function eventually(check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 3000) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('not within 3 s');
}

describe('caches across instances', () => {
  it('a write through one instance shows in the status served by the other', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const onA = client(appA, world.investor.key);
    const onB = client(appB, world.investor.key);
    expect((await json(await onA.get(`/v1/contracts/${id}/status`))).capital.drawn).toBe('0.00');
    expect((await json(await onA.get(`/v1/contracts/${id}/status`))).capital.drawn).toBe('0.00');
    expect((await onB.post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2024-02-01', amount: '1000.00', currency: 'GBP' })).status).toBe(201);
    const ms = await eventually(async () => (await json(await onA.get(`/v1/contracts/${id}/status`))).capital.drawn === '1000.00');
    expect(ms).toBeLessThan(3000);
  });

  it('a key revoked through one instance stops working on the other', async () => {
    const { id } = await activeContract(world, rateCardDefinition({ reference: 'CACHE-2' }));
    const extra = await json(await world.investor.api.post(`/v1/organisations/${world.investor.id}/api-keys`, {}));
    const onA = client(appA, extra.key);
    expect((await onA.get(`/v1/contracts/${id}/status`)).status).toBe(200);
    expect((await client(appB, world.investor.key).delete(`/v1/organisations/${world.investor.id}/api-keys/${extra.id}`)).status).toBe(200);
    await eventually(async () => (await onA.get(`/v1/contracts/${id}/status`)).status === 401);
  });
});
