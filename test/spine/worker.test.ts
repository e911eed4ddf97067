import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';
import { occurrencesBetween } from '../../src/jobs/scheduler.ts';
import { incompleteCsvLine, perRequestDatabase, serveWithDatabase } from '../../src/runtime/worker-database.ts';
import { createTestApp } from '../support/app.ts';
import { backend, openTestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { activeContract, createWorld } from '../support/world.ts';

const ctx = () => {
  const pending: Promise<unknown>[] = [];
  return { pending, waitUntil: (p: Promise<unknown>) => void pending.push(p) };
};

/** A connection string nothing listens on: the tests that use it never reach the database. */
const NOWHERE = 'postgres://nobody:nothing@127.0.0.1:1/nothing';
const WORKER_ADMIN = 'olk_worker_entry_administrator_key_0123456789';

// The Workers entry speaks to PostgreSQL through postgres.js (Hyperdrive or DATABASE_URL), so it
// needs a server: this runs in CI's PostgreSQL pass, against a throwaway database on that server.
// The same entry under workerd itself: test/slow/workerd.test.ts.
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

  it("registers the Worker's ADMIN_API_KEY once, and a revoked one stays revoked", async () => {
    const database = await openTestDatabase();
    try {
      const env = { DATABASE_URL: database.url!, ADMIN_API_KEY: WORKER_ADMIN, LOG_LEVEL: 'silent' };
      const asAdmin = (path: string, init: RequestInit = {}) =>
        worker.fetch(new Request(`http://worker.test${path}`, { ...init, headers: { authorization: `Bearer ${WORKER_ADMIN}`, ...init.headers } }), env, ctx());
      const organisations = await asAdmin('/v1/organisations');
      expect(organisations.status).toBe(200);
      const keys = await database.db.selectFrom('api_key').select(['id', 'organisation_id']).where('label', '=', 'ADMIN_API_KEY').execute();
      expect(keys).toHaveLength(1);

      // A new isolate (new bindings) registers it again: still one key; revoked, it is not brought back.
      await database.db.updateTable('api_key').set({ revoked_at: new Date() }).where('id', '=', keys[0]!.id).execute();
      const again = { ...env };
      const refused = await worker.fetch(new Request('http://worker.test/v1/organisations', { headers: { authorization: `Bearer ${WORKER_ADMIN}` } }), again, ctx());
      expect(refused.status).toBe(401);
      expect(await database.db.selectFrom('api_key').select('id').where('label', '=', 'ADMIN_API_KEY').execute()).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('streams a CSV export to its last row, the client closed only after it (waitUntil)', async () => {
    const database = await openTestDatabase();
    try {
      const world = await createWorld(database, createTestApp(database));
      const { id } = await activeContract(world, rateCardDefinition());
      const rows = 12_000; // more than two pages of the export (5,000 rows each)
      let csv = 'participant_ref,outcome,cohort,achieved_on,evidence\n';
      for (let i = 0; i < rows; i++) csv += `P-${i},job_entry,cohort_1,2024-03-01,payslip\n`;
      const uploaded = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
      expect(uploaded.status).toBe(201);

      const env = { DATABASE_URL: database.url!, LOG_LEVEL: 'silent' };
      const context = ctx();
      const exported = await worker.fetch(
        new Request(`http://worker.test/v1/contracts/${id}/claims/export`, { headers: { authorization: `Bearer ${world.payer.key}` } }), env, context);
      expect(exported.status).toBe(200);
      const lines = (await exported.text()).split('\r\n').filter((l) => l.length > 0);
      expect(lines.length - 1).toBe(rows);
      expect(context.pending).toHaveLength(1);
      await Promise.all(context.pending);
    } finally {
      await database.close();
    }
  });

  it('with an AUTH_FAILURE_LIMITER binding, answers 429 once the binding refuses an address', async () => {
    const database = await openTestDatabase();
    try {
      let calls = 0;
      const keys: string[] = [];
      const limiter = { limit: async ({ key }: { key: string }) => { keys.push(key); return { success: ++calls <= 2 }; } };
      const env = { DATABASE_URL: database.url!, LOG_LEVEL: 'silent', AUTH_FAILURE_LIMITER: limiter };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await worker.fetch(new Request('http://worker.test/v1/organisations', { headers: { authorization: 'Bearer olk_wrong_key' } }), env, ctx());
        statuses.push(r.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(calls).toBe(3); // the refused address is not looked at again
      expect(keys[0]).toBe('address:unknown');
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

describe('the Cloudflare Workers entry, misconfigured', () => {
  it('answers every route, /healthz included, with a problem naming the missing database binding', async () => {
    const response = await worker.fetch(new Request('http://worker.test/healthz'), {}, ctx());
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json() as { code: string; detail: string; instance: string };
    expect(problem.code).toBe('internal_error');
    expect(problem.detail).toMatch(/HYPERDRIVE.*DATABASE_URL/);
    expect(problem.instance).toBe('/healthz');
  });

  it('names each bad variable, and never its value', async () => {
    const env = { DATABASE_URL: NOWHERE, RATE_LIMIT_PER_MINUTE: 'plenty', ADMIN_API_KEY: 'short-secret' };
    for (const path of ['/healthz', '/v1/organisations']) {
      const response = await worker.fetch(new Request(`http://worker.test${path}`), env, ctx());
      expect(response.status).toBe(500);
      const problem = await response.json() as { detail: string };
      expect(problem.detail).toContain('RATE_LIMIT_PER_MINUTE:');
      expect(problem.detail).toContain('ADMIN_API_KEY: must be at least 32 characters');
      expect(problem.detail).not.toContain('short-secret');
      expect(problem.detail).not.toContain('plenty');
    }
  });

  it('refuses to run the scheduled sweep, naming the variable', async () => {
    await expect(worker.scheduled({ scheduledTime: Date.now(), cron: '*/5 * * * *' }, { DATABASE_URL: NOWHERE, LOG_LEVEL: 'loud' }, ctx()))
      .rejects.toThrow(/LOG_LEVEL/);
  });
});

describe('the Cloudflare Workers entry, rate limited by a RATE_LIMITER binding', () => {
  it('answers 429 when the binding refuses the key, which it only sees as a digest', async () => {
    const keys: string[] = [];
    const env = { DATABASE_URL: NOWHERE, LOG_LEVEL: 'silent', RATE_LIMITER: { limit: async ({ key }: { key: string }) => { keys.push(key); return { success: false }; } } };
    const response = await worker.fetch(new Request('http://worker.test/v1/organisations', { headers: { authorization: 'Bearer olk_some_key' } }), env, ctx());
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^key:[0-9a-f]{64}$/);
  });
});

describe('a Worker response body that fails midway', () => {
  const failing = (contentType: string) => {
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (step++ === 0) controller.enqueue(new TextEncoder().encode('a,b\r\n1,2\r\n'));
        else controller.error(new Error('connection lost'));
      },
    });
    return new Response(body, { headers: { 'content-type': contentType, 'x-request-id': 'req-1' } });
  };
  const serve = async (contentType: string) => {
    const failures: string[] = [];
    const context = ctx();
    const response = await serveWithDatabase({ url: NOWHERE }, context, async () => {
      await perRequestDatabase({ url: NOWHERE }).run(async () => {}); // the request's client, never connected
      return failing(contentType);
    }, (_error, failed) => { failures.push(failed); });
    const reader = response.body!.getReader();
    let text = '';
    let error: unknown;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch (e) {
      error = e;
    }
    await Promise.all(context.pending);
    return { text, error, failures };
  };

  it('ends a CSV with a line saying it is incomplete, then errors the stream', async () => {
    const { text, error, failures } = await serve('text/csv; charset=utf-8');
    expect(text).toBe(`a,b\r\n1,2\r\n${incompleteCsvLine('req-1')}`);
    expect(text).toContain('EXPORT INCOMPLETE');
    expect(error).toBeDefined();
    expect(failures).toEqual(['body']);
  });

  it('adds nothing to other bodies (an XLSX cut short does not open)', async () => {
    const { text, error } = await serve('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(text).toBe('a,b\r\n1,2\r\n');
    expect(error).toBeDefined();
  });
});
