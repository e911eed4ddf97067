import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';
import { occurrencesBetween } from '../../src/jobs/scheduler.ts';
import { createTestApp } from '../support/app.ts';
import { backend, openTestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { activeContract, createWorld } from '../support/world.ts';

const ctx = () => {
  const pending: Promise<unknown>[] = [];
  return { pending, waitUntil: (p: Promise<unknown>) => void pending.push(p) };
};

// The Workers entry speaks to PostgreSQL through postgres.js (Hyperdrive or DATABASE_URL), so it
// needs a server: this runs in CI's PostgreSQL pass, against a throwaway database on that server.
describe.runIf(backend === 'postgres')('the Cloudflare Workers entry', () => {
  it('answers requests through fetch against a real database', async () => {
    const database = await openTestDatabase();
    try {
      const env = { HYPERDRIVE: { connectionString: database.url! }, LOG_LEVEL: 'silent' };
      const ready = await worker.fetch(new Request('http://worker.test/readyz'), env, ctx());
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: 'postgres' });
      const missing = await worker.fetch(new Request('http://worker.test/nope'), env, ctx());
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
    } finally {
      await database.close();
    }
  });

  it('runs the scheduled evaluation sweep against a real database', async () => {
    const database = await openTestDatabase();
    try {
      // A contract activated on 2025-01-01, evaluated on the 1st of each month.
      const world = await createWorld(database, createTestApp(database, { clock: () => new Date('2025-01-01T00:00:00Z') }));
      const definition = rateCardDefinition({ evaluation: { schedule: '0 6 1 * *', timeZone: 'Europe/London', paymentTermsDays: 30 } });
      const { id } = await activeContract(world, definition);
      const env = { DATABASE_URL: database.url!, LOG_LEVEL: 'silent' };
      const context = ctx();
      const due = occurrencesBetween('0 6 1 * *', 'Europe/London', new Date('2025-01-01T00:00:00Z'), new Date(), 50);
      await worker.scheduled({ scheduledTime: Date.now(), cron: '*/5 * * * *' }, env, context);
      await Promise.all(context.pending);
      const evaluations = await database.db.selectFrom('evaluation').select('scheduled_for').where('contract_id', '=', id).execute();
      expect(evaluations).toHaveLength(due.length);
    } finally {
      await database.close();
    }
  });
});

describe('the Cloudflare Workers entry without a database binding', () => {
  it('fails loudly, naming what to configure', () => {
    expect(() => worker.fetch(new Request('http://worker.test/healthz'), {}, ctx())).toThrow(/HYPERDRIVE|DATABASE_URL/);
  });
});
