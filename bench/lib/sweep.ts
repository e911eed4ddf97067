import { sql } from 'kysely';
import { type DatabaseHandle, sharedDatabase } from '../../src/db/database.ts';
import { openPostgresDatabase } from '../../src/db/postgres.ts';
import { runDueEvaluations } from '../../src/jobs/scheduler.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { remote } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import { benchDefinition } from './fixtures.ts';

export interface SweepSetup { contractIds: string[] }

/** `count` active contracts evaluated every minute, each with one validated claim, between the same four organisations. */
export async function sweepSetup(server: ServerProcess, admin: string, count: number): Promise<SweepSetup> {
  const a = remote(server.url, admin);
  const keys: Record<string, { id: string; key: string }> = {};
  for (const [party, kind] of [['payer', 'public_authority'], ['investor', 'investor'], ['operator', 'operator'], ['evaluator', 'evaluator']] as const) {
    const org = await a.post('/v1/organisations', { name: `Sweep ${party}`, kind });
    keys[party] = { id: org.id, key: (await a.post(`/v1/organisations/${org.id}/api-keys`, {})).key };
  }
  const parties = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.id]));
  const contractIds: string[] = [];
  const one = async (i: number) => {
    const contract = await remote(server.url, keys.payer!.key).post('/v1/contracts', { definition: benchDefinition(`BENCH-SWEEP-${i}`, '* * * * *'), parties });
    for (const party of ['payer', 'investor', 'operator']) {
      await remote(server.url, keys[party]!.key).post(`/v1/contracts/${contract.id}/approvals`, { contentHash: contract.pendingVersion.contentHash });
    }
    const upload = await fetch(`${server.url}/v1/contracts/${contract.id}/claims`, {
      method: 'POST', headers: { authorization: `Bearer ${keys.operator!.key}`, 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence\nP-${i},job_entry,cohort_1,2024-03-01,ev\n`,
    });
    if (upload.status !== 201) throw new Error(`upload: ${upload.status}`);
    await remote(server.url, keys.evaluator!.key).post(`/v1/contracts/${contract.id}/claims/reviews`, { decision: 'validated', filter: {} });
    contractIds.push(contract.id);
  };
  for (let i = 0; i < count; i += 20) await Promise.all(Array.from({ length: Math.min(20, count - i) }, (_, k) => one(i + k)));
  return { contractIds };
}

/** Makes exactly one evaluation due for every contract, then times one sweep of the scheduler evaluating them all. */
export async function sweepBench(target: { url: string } | { database: DatabaseHandle }, setup: SweepSetup) {
  const database = 'url' in target ? openPostgresDatabase({ url: target.url, poolMax: 2 }) : target.database;
  try {
    await sql`update contract set activated_at = date_trunc('minute', now()) - interval '30 seconds'`.execute(database.db);
    const { rows } = await sql<{ now: Date }>`select now()`.execute(database.db);
    const now = new Date(rows[0]!.now);
    const started = performance.now();
    const report = await runDueEvaluations(sharedDatabase(database), () => now, silentLogger, { maxOccurrencesPerContract: 1 });
    const seconds = (performance.now() - started) / 1000;
    const evaluated = report.evaluated;
    return { contracts: setup.contractIds.length, evaluated, seconds: Math.round(seconds * 100) / 100, perContractMs: Math.round((seconds * 1000) / Math.max(1, evaluated) * 10) / 10 };
  } finally {
    if ('url' in target) await database.close();
  }
}
