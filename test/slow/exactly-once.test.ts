import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { occurrencesBetween } from '../../src/jobs/scheduler.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { remote, remoteActiveContract } from '../support/remote.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const ADMIN = 'olk_exactly_once_administrator_key_0123456789';
const CONTRACTS = 24;
let database: TestDatabase | undefined;
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await database?.close();
});

// Several instances against one PostgreSQL server: CI's PostgreSQL pass.
describe.runIf(backend === 'postgres')('three Node processes with the scheduler on, against one PostgreSQL', () => {
  it('evaluate every due occurrence of many contracts exactly once, and create each obligation once', async () => {
    database = await openTestDatabase();
    const setup = await startServerProcess({ DATABASE_URL: database.url!, ADMIN_API_KEY: ADMIN });
    const ids: string[] = [];
    try {
      for (let i = 0; i < CONTRACTS; i++) {
        const definition = rateCardDefinition({ reference: `EXACTLY-ONCE-${i}`, evaluation: { schedule: '* * * * *', timeZone: 'UTC', paymentTermsDays: 30 } });
        const { contractId, members } = await remoteActiveContract(setup.url, ADMIN, definition);
        await fetch(`${setup.url}/v1/contracts/${contractId}/claims`, {
          method: 'POST', headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': 'text/csv' },
          body: `participant_ref,outcome,cohort,achieved_on,evidence\nP-${i},job_entry,cohort_1,2024-03-01,x\n`,
        });
        await remote(setup.url, members.evaluator!.key).post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} });
        ids.push(contractId);
      }
    } finally {
      await setup.stop();
    }
    // Every contract became active 15 minutes ago: 15 evaluations are due for each, all at once.
    await sql`update contract set activated_at = date_trunc('minute', now()) - interval '15 minutes' + interval '1 second'`.execute(database.db);

    const started = Date.now();
    servers.push(...await Promise.all([1, 2, 3].map(() => startServerProcess({ DATABASE_URL: database!.url!, ADMIN_API_KEY: ADMIN, SCHEDULER_ENABLED: 'true', LOG_LEVEL: 'info' }))));
    // Wait until the catch-up sweeps have evaluated everything due at start.
    const minimum = CONTRACTS * 15;
    for (let i = 0; i < 240; i++) {
      const n = Number((await sql<{ n: number }>`select count(*)::int as n from evaluation`.execute(database.db)).rows[0]!.n);
      if (n >= minimum) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const running = servers.splice(0);
    await Promise.all(running.map((s) => s.stop()));
    // Each process logs the evaluations it made: the work was shared, and it adds up.
    const perProcess = running.map((s) => s.output().split('\n').filter((l) => l.includes('"msg":"scheduled evaluation"')).length);
    const seconds = (Date.now() - started) / 1000;

    const duplicates = await sql<{ n: number }>`select count(*)::int as n from (select 1 from evaluation group by contract_id, scheduled_for having count(*) > 1) d`.execute(database.db);
    expect(duplicates.rows[0]!.n).toBe(0);
    const evaluations = await database.db.selectFrom('evaluation').select(['contract_id', 'scheduled_for']).orderBy('scheduled_for').execute();
    const contracts = await database.db.selectFrom('contract').select(['id', 'activated_at']).execute();
    for (const contract of contracts) {
      const mine = evaluations.filter((e) => e.contract_id === contract.id).map((e) => e.scheduled_for!.toISOString());
      const last = new Date(mine[mine.length - 1]!);
      const expected = occurrencesBetween('* * * * *', 'UTC', contract.activated_at!, last, 1000).map((d) => d.toISOString());
      expect(mine, `contract ${contract.id}: every occurrence once, no gaps`).toEqual(expected);
      expect(mine.length).toBeGreaterThanOrEqual(15);
    }
    const obligations = await sql<{ line_key: string; contract_id: string; n: number }>`select contract_id, line_key, count(*)::int as n from obligation group by contract_id, line_key`.execute(database.db);
    expect(obligations.rows).toHaveLength(CONTRACTS);
    expect(obligations.rows.every((r) => r.n === 1)).toBe(true);
    expect(perProcess.reduce((a, b) => a + b, 0)).toBe(evaluations.length);
    expect(perProcess.filter((n) => n > 0).length, `evaluations per process: ${perProcess.join(', ')}`).toBeGreaterThanOrEqual(2);
    console.log(`exactly once: 3 processes (evaluations made: ${perProcess.join(' / ')}), ${CONTRACTS} contracts, ${evaluations.length} scheduled evaluations in ${seconds.toFixed(1)} s, 0 duplicates, ${obligations.rows.length} obligations (one per contract)`);
  });
});
