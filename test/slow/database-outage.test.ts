import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { type PgCluster, startCluster } from '../support/pg-cluster.ts';
import { remoteActiveContract } from '../support/remote.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const ADMIN = 'olk_outage_test_administrator_key_0123456789';
let cluster: PgCluster | undefined;
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
});

async function until(check: () => Promise<boolean>, seconds: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    if (await check()) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not within ${seconds} s`);
}

// Needs a PostgreSQL server it may stop: a private one, in CI's PostgreSQL pass.
describe.runIf(backend === 'postgres')('a database outage', () => {
  it('answers 503 (never 500) while PostgreSQL is down, and recovers without a restart', async () => {
    cluster = await startCluster();
    server = await startServerProcess({ DATABASE_URL: cluster.url, ADMIN_API_KEY: ADMIN, DATABASE_CONNECT_TIMEOUT_SECONDS: '2' });
    const { contractId, members } = await remoteActiveContract(server.url, ADMIN, rateCardDefinition());
    const get = (path: string, key = members.investor!.key) => fetch(server!.url + path, { headers: { authorization: `Bearer ${key}` } });
    const upload = () => fetch(`${server!.url}/v1/contracts/${contractId}/claims`, {
      method: 'POST', headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence\nP-${Math.random().toString(36).slice(2, 8)},job_entry,cohort_1,2024-03-01,x\n`,
    });
    expect((await get(`/v1/contracts/${contractId}`)).status).toBe(200);

    cluster.stop();
    const during = { read: await get(`/v1/contracts/${contractId}`), write: await upload(), ready: await fetch(`${server.url}/readyz`), live: await fetch(`${server.url}/healthz`) };
    expect(during.read.status).toBe(503);
    expect(during.write.status).toBe(503);
    expect(during.ready.status).toBe(503);
    expect(during.live.status).toBe(200);
    for (const r of [during.read, during.write, during.ready]) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect((await r.json() as { code: string }).code).toBe('database_unavailable');
    }

    cluster.start();
    const seconds = await until(async () => (await fetch(`${server!.url}/readyz`)).status === 200, 30);
    expect((await get(`/v1/contracts/${contractId}`)).status).toBe(200);
    expect((await upload()).status).toBe(201);
    console.log(`database outage: 503 while down; ready again ${seconds.toFixed(1)} s after PostgreSQL restarted, without restarting the service`);
  });
});
