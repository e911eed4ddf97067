import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { startNodeService } from '../../src/runtime/node-service.ts';
import { backend, openTestDatabase } from '../support/database.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'outcome-ledger-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.runIf(backend === 'pglite')('the Node service on the embedded database', () => {
  it('starts, answers over HTTP, and keeps its data across a restart', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false' });
    const first = await startNodeService(config, silentLogger);
    try {
      const ready = await fetch(`http://127.0.0.1:${first.port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ database: 'pglite' });
      await sql`insert into service_setting (key, value) values ('restart-test', 'kept')`.execute(first.database.db);
    } finally {
      await first.stop();
    }

    const second = await startNodeService(config, silentLogger);
    try {
      const { rows } = await sql<{ value: string }>`select value from service_setting where key = 'restart-test'`.execute(second.database.db);
      expect(rows).toEqual([{ value: 'kept' }]);
      expect((await fetch(`http://127.0.0.1:${second.port}/healthz`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('refuses a second process on the same DATA_DIR', async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false' });
    const first = await startNodeService(config, silentLogger);
    try {
      // Pretend another live process (our parent) holds the lock.
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(dataDir, 'outcome-ledger.lock'), String(process.ppid));
      await expect(startNodeService(config, silentLogger)).rejects.toThrow(/in use by process/);
      writeFileSync(join(dataDir, 'outcome-ledger.lock'), String(process.pid));
    } finally {
      await first.stop();
    }
  });
});

describe.runIf(backend === 'postgres')('the Node service on a PostgreSQL server', () => {
  it('starts, migrates and reports ready on the server', async () => {
    const database = await openTestDatabase({ migrate: false });
    try {
      const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url!, SCHEDULER_ENABLED: 'false' });
      const service = await startNodeService(config, silentLogger);
      try {
        const ready = await fetch(`http://127.0.0.1:${service.port}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({ database: 'postgres', migrations: { pending: [] } });
      } finally {
        await service.stop();
      }
    } finally {
      await database.close();
    }
  });
});
