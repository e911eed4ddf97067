import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, sharedDatabase } from '../../src/db/database.ts';
import { openPostgresDatabase } from '../../src/db/postgres.ts';
import { startNodeScheduler } from '../../src/jobs/node-scheduler.ts';
import { nextOccurrence, occurrencesBetween, runDueEvaluations } from '../../src/jobs/scheduler.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { createTestApp } from '../support/app.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

let database: TestDatabase;
let world: World;
let now: Date;
const clock = () => now;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  now = new Date('2025-01-01T00:00:00Z');
  world = await createWorld(database, createTestApp(database, { clock }));
});

const daily = (reference: string) => rateCardDefinition({ reference, evaluation: { schedule: '0 6 * * *', timeZone: 'Europe/London', paymentTermsDays: 30 } });
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

async function withValidatedClaim(id: string, participant = 'P-1') {
  const body = `participant_ref,outcome,cohort,achieved_on,evidence\n${participant},job_entry,cohort_1,2024-03-01,p\n`;
  const r = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  expect(r.status).toBe(201);
  await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
}

describe('cron occurrences', () => {
  it('are read in the contract time zone, across daylight saving', () => {
    const summer = occurrencesBetween('0 6 * * *', 'Europe/London', new Date('2025-06-30T12:00:00Z'), new Date('2025-07-02T12:00:00Z'), 10);
    expect(summer.map((d) => d.toISOString())).toEqual(['2025-07-01T05:00:00.000Z', '2025-07-02T05:00:00.000Z']);
    expect(nextOccurrence('0 6 1 * *', 'Asia/Kolkata', new Date('2025-01-15T00:00:00Z')).toISOString()).toBe('2025-02-01T00:30:00.000Z');
  });
});

describe('the scheduled evaluation', () => {
  it('evaluates each due occurrence once, catching up missed runs, creating each obligation once', async () => {
    const { id } = await activeContract(world, daily('SCHED-1'));
    await withValidatedClaim(id);
    now = new Date('2025-01-04T07:00:00Z');
    const first = await runDueEvaluations(sharedDatabase(database), clock, silentLogger);
    expect(first).toEqual({ contracts: 1, evaluated: 4, skipped: 0, failed: 0 });
    const rows = await database.db.selectFrom('evaluation').select(['scheduled_for', 'as_of', 'trigger']).orderBy('scheduled_for').execute();
    expect(rows.map((r) => [r.scheduled_for!.toISOString(), r.as_of, r.trigger])).toEqual([
      ['2025-01-01T06:00:00.000Z', '2025-01-01', 'scheduled'],
      ['2025-01-02T06:00:00.000Z', '2025-01-02', 'scheduled'],
      ['2025-01-03T06:00:00.000Z', '2025-01-03', 'scheduled'],
      ['2025-01-04T06:00:00.000Z', '2025-01-04', 'scheduled'],
    ]);
    expect(await count('obligation')).toBe(1);
    const again = await runDueEvaluations(sharedDatabase(database), clock, silentLogger);
    expect(again.evaluated).toBe(0);
    expect(await count('evaluation')).toBe(4);
  });

  it('leaves drafts and terminated contracts alone', async () => {
    const { id } = await activeContract(world, daily('SCHED-2'));
    await world.payer.api.post('/v1/contracts', { definition: daily('SCHED-DRAFT'), parties: { payer: world.payer.id, investor: world.investor.id, operator: world.operator.id, evaluator: world.evaluator.id } });
    await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-01-01', reason: 'closed' });
    now = new Date('2025-01-03T07:00:00Z');
    expect(await runDueEvaluations(sharedDatabase(database), clock, silentLogger)).toEqual({ contracts: 0, evaluated: 0, skipped: 0, failed: 0 });
  });

  it('runs at start-up in the Node scheduler', async () => {
    await activeContract(world, daily('SCHED-3'));
    now = new Date('2025-01-02T07:00:00Z');
    const scheduler = startNodeScheduler(sharedDatabase(database), clock, silentLogger);
    await scheduler.stop();
    expect(await count('evaluation')).toBe(2);
  });

  it('with concurrent runners, evaluates every due occurrence of many contracts exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { id } = await activeContract(world, daily(`SCHED-MANY-${i}`));
      await withValidatedClaim(id, `P-${i}`);
      ids.push(id);
    }
    now = new Date('2025-01-03T07:00:00Z');
    // On PostgreSQL each runner has its own connection pool, as separate instances would.
    const handles: DatabaseHandle[] = backend === 'postgres'
      ? [0, 1, 2].map(() => openPostgresDatabase({ url: database.url!, poolMax: 3 }))
      : [database, database, database];
    try {
      const reports = await Promise.all(handles.map((h) => runDueEvaluations(sharedDatabase(h), clock, silentLogger)));
      expect(reports.reduce((n, r) => n + r.evaluated, 0)).toBe(8 * 3);
      expect(reports.reduce((n, r) => n + r.failed, 0)).toBe(0);
    } finally {
      if (backend === 'postgres') await Promise.all(handles.map((h) => h.close()));
    }
    const perOccurrence = await sql<{ n: number }>`select count(*)::int as n from evaluation group by contract_id, scheduled_for having count(*) > 1`.execute(database.db);
    expect(perOccurrence.rows).toEqual([]);
    expect(await count('evaluation')).toBe(8 * 3);
    expect(await count('obligation')).toBe(8);
  });
});
