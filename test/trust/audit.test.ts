import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { immutableTables } from '../../migrations/20261123T0007_audit_and_immutability.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { startNodeService } from '../../src/runtime/node-service.ts';
import { createTestApp } from '../support/app.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { remote, remoteActiveContract } from '../support/remote.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  // A fixed day after the evaluation's cut-off: obligations are created then, and settled the same day.
  world = await createWorld(database, createTestApp(database, { clock: () => new Date('2026-02-15T12:00:00Z') }));
});

/** A contract with every kind of record: claims, results, reviews, an evaluation with obligations, a drawdown, a settlement. */
async function fullStory() {
  const definition = aggregateDefinition({ distribution: { surplus: 'operator' }, payers: [{ party: 'payer', maximumCommitment: '1000000.00' }] });
  const { id } = await activeContract(world, definition);
  const header = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';
  const upload = (kind: string, body: string) => world.operator.api.send(`/v1/contracts/${id}/${kind}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  expect((await upload('results', `${header}\nreconvictions,cohort_1,,2025-12-31,140,160,1000,9000,PSM,v1,E\n`)).status).toBe(201);
  expect((await upload('claims', 'participant_ref,outcome,cohort,achieved_on\nP-1,job_entry,cohort_1,2024-03-01\n')).status).toBe(201);
  await world.evaluator.api.post(`/v1/contracts/${id}/results/reviews`, { decision: 'validated', filter: {} });
  await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
  const evaluation = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2026-01-31' }));
  const [obligation] = evaluation.evaluation.obligations;
  expect((await world.investor.api.post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2024-01-15', amount: '50000.00', currency: 'GBP' })).status).toBe(201);
  const settled = await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: obligation.id, amount: '1000.00', currency: 'GBP', settledOn: '2026-02-15' });
  expect(settled.status).toBe(201);
  return { id, settled };
}

describe('the audit trail', () => {
  it('records every write with who, what, which entity, state digest, time and request id, hash-chained', async () => {
    const { id, settled } = await fullStory();
    const entries = (await json(await world.investor.api.get(`/v1/contracts/${id}/audit?limit=1000`))).items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'contract.registered', 'contract.version_proposed', 'contract.approved', 'contract.approved', 'contract.approved', 'contract.updated',
      'contract.version_in_force',
      'data.submitted', 'data.submitted', 'data.reviewed', 'data.reviewed', 'evaluation.created', 'obligation.created',
      'drawdown.recorded', 'settlement.recorded', 'distribution.recorded',
    ]);
    expect(entries.map((e: { seq: number }) => e.seq)).toEqual(entries.map((_: unknown, i: number) => i + 1));
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ organisationId: world.payer.id, requestId: settled.headers.get('x-request-id') });
    expect(last.stateDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (let i = 1; i < entries.length; i++) expect(entries[i].previousHash).toBe(entries[i - 1].entryHash);
    const verified = await json(await world.operator.api.get(`/v1/contracts/${id}/audit/verify?deep=true`));
    expect(verified).toMatchObject({ ok: true, links: { ok: true, entries: entries.length }, states: { mismatches: [] }, evaluations: { checked: 1, mismatches: [] } });
    expect((await world.outsider.api.get(`/v1/contracts/${id}/audit`)).status).toBe(404);
  });

  it('names the first broken link when an entry is altered or removed behind the database\'s back', async () => {
    const { id } = await fullStory();
    await sql`alter table audit_entry disable trigger audit_entry_immutable`.execute(database.db);
    try {
      await sql`update audit_entry set action = 'contract.approved_by_someone_else' where chain = ${id} and seq = 3`.execute(database.db);
      let verified = await json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify`));
      expect(verified.ok).toBe(false);
      expect(verified.links.brokenAt).toMatchObject({ seq: 3, reason: expect.stringMatching(/altered/) });
      await sql`delete from audit_entry where chain = ${id} and seq = 7`.execute(database.db);
      await sql`update audit_entry set action = 'contract.approved' where chain = ${id} and seq = 3`.execute(database.db);
      verified = await json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify`));
      expect(verified.links.brokenAt).toMatchObject({ seq: 7, reason: expect.stringMatching(/missing/) });
    } finally {
      await sql`alter table audit_entry enable trigger audit_entry_immutable`.execute(database.db);
    }
  });

  it('detects a changed obligation, and (deep) a changed outcome record an evaluation used', async () => {
    const { id } = await fullStory();
    await sql`alter table obligation disable trigger obligation_immutable`.execute(database.db);
    await sql`alter table aggregate_result disable trigger aggregate_result_immutable`.execute(database.db);
    try {
      await sql`update obligation set amount = amount + 1000 where contract_id = ${id}`.execute(database.db);
      await sql`update aggregate_result set treatment_value = 120 where contract_id = ${id}`.execute(database.db);
      const verified = await json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify?deep=true`));
      expect(verified.ok).toBe(false);
      expect(verified.links.ok).toBe(true);
      expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'obligation' })]);
      expect(verified.evaluations.mismatches).toEqual([expect.objectContaining({ reason: expect.stringMatching(/data now hashes/) })]);
    } finally {
      await sql`alter table obligation enable trigger obligation_immutable`.execute(database.db);
      await sql`alter table aggregate_result enable trigger aggregate_result_immutable`.execute(database.db);
    }
  });
});

describe('the database itself', () => {
  it(`refuses UPDATE and DELETE on every table of facts (${backend})`, async () => {
    await fullStory();
    for (const table of immutableTables) {
      const rows = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db);
      expect(rows.rows[0]!.n, `${table} has rows to test with`).toBeGreaterThan(0);
      await expect(sql`update ${sql.table(table)} set id = id`.execute(database.db), `UPDATE ${table}`).rejects.toThrow(/immutable/);
      await expect(sql`delete from ${sql.table(table)}`.execute(database.db), `DELETE ${table}`).rejects.toThrow(/immutable/);
    }
  });
});

describe('cli audit verify', () => {
  it('verifies every chain of the configured database and names the first broken link', async () => {
    const admin = 'olk_cli_audit_test_administrator_key_0123456789';
    const dataDir = mkdtempSync(join(tmpdir(), 'outcome-ledger-audit-'));
    const server = backend === 'postgres' ? await openTestDatabase({ migrate: false }) : undefined;
    const env: Record<string, string> = server ? { DATABASE_URL: server.url! } : { DATA_DIR: dataDir };
    try {
      const service = await startNodeService(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1', ADMIN_API_KEY: admin, SCHEDULER_ENABLED: 'false' }), silentLogger);
      let contractId: string;
      try {
        const url = `http://127.0.0.1:${service.port}`;
        ({ contractId } = await remoteActiveContract(url, admin, aggregateDefinition()));
        await remote(url, admin).get('/v1/me');
      } finally {
        await service.stop();
      }
      const cli = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/entry/cli.ts', 'audit', 'verify'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
      const good = cli();
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout).toMatch(/✓ platform: \d+ entries/);
      expect(good.stdout).toContain(`✓ ${contractId}`);

      const { openDatabase } = await import('../../src/db/open.ts');
      const db = await openDatabase(loadConfig(env));
      try {
        await sql`alter table audit_entry disable trigger audit_entry_immutable`.execute(db.db);
        await sql`update audit_entry set entity_id = 'forged' where chain = ${contractId} and seq = 2`.execute(db.db);
        await sql`alter table audit_entry enable trigger audit_entry_immutable`.execute(db.db);
      } finally {
        await db.close();
      }
      const bad = cli();
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain(`✗ ${contractId}`);
      expect(bad.stdout).toMatch(/first broken link: entry 2:/);
    } finally {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
