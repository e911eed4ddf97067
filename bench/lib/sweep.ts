import { sql } from 'kysely';
import { type DatabaseHandle, sharedDatabase } from '../../src/db/database.ts';
import { runDueEvaluations } from '../../src/jobs/scheduler.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { remote, remoteActivate, remoteMembers, type RemoteMembers } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import { benchDefinition } from './fixtures.ts';

export interface SweepSetup { contractIds: string[]; keys?: RemoteMembers }

/** `count` active contracts evaluated every minute, each with one validated claim, between the same four organisations. */
export async function sweepSetup(server: ServerProcess, admin: string, count: number): Promise<SweepSetup> {
  const keys = await remoteMembers(server.url, admin, 'Sweep');
  const contractIds: string[] = [];
  const one = async (i: number) => {
    const id = await remoteActivate(server.url, keys, benchDefinition(`BENCH-SWEEP-${i}`, '* * * * *'));
    await remote(server.url, keys.operator!.key).postCsv(`/v1/contracts/${id}/claims`, `participant_ref,outcome,cohort,achieved_on,evidence\nP-${i},job_entry,cohort_1,2024-03-01,ev\n`);
    await remote(server.url, keys.evaluator!.key).post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    contractIds.push(id);
  };
  for (let i = 0; i < count; i += 20) await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, k) => one(i + k)));
  return { contractIds, keys };
}

/** Makes exactly one evaluation due for every contract, then times one sweep of the scheduler evaluating them all. */
export async function sweepBench(database: DatabaseHandle, setup: SweepSetup) {
  await sql`update contract set activated_at = date_trunc('minute', now()) - interval '30 seconds'`.execute(database.db);
  const { rows } = await sql<{ now: Date }>`select now()`.execute(database.db);
  const now = new Date(rows[0]!.now);
  const started = performance.now();
  const report = await runDueEvaluations(sharedDatabase(database), () => now, silentLogger, { maxOccurrencesPerContract: 1 });
  const seconds = (performance.now() - started) / 1000;
  const evaluated = report.evaluated;
  return { contracts: setup.contractIds.length, evaluated, seconds: Math.round(seconds * 100) / 100, perContractMs: Math.round((seconds * 1000) / Math.max(1, evaluated) * 10) / 10 };
}
