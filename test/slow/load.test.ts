import autocannon from 'autocannon';
import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { remote, remoteActiveContract } from '../support/remote.ts';
import { type ServerProcess, serverStorage, startServerProcess } from '../support/server-process.ts';

const ADMIN = 'olk_load_test_administrator_key_0123456789';
const ROWS_PER_UPLOAD = 10;
const storage = serverStorage('load');
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  await storage.close();
});

describe(`a bounded load run on loopback (${backend})`, () => {
  it('mixing uploads and status reads: zero errors, and every acknowledged row is stored', async () => {
    server = await startServerProcess({ ...(await storage.env()), ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '0' });
    const { contractId, members } = await remoteActiveContract(server.url, ADMIN, rateCardDefinition());
    let uploads = 0;
    let acknowledgedRows = 0;
    let acknowledgedUploads = 0;
    const result = await autocannon({
      url: server.url,
      connections: 16,
      // A fixed number of requests, so that every response is in before the counts are compared.
      amount: 800,
      requests: [
        { method: 'GET', path: `/v1/contracts/${contractId}/status`, headers: { authorization: `Bearer ${members.investor!.key}` } },
        {
          method: 'POST',
          path: `/v1/contracts/${contractId}/claims`,
          headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': 'text/csv' },
          setupRequest: (request: Record<string, unknown>) => {
            const n = uploads++;
            const rows = Array.from({ length: ROWS_PER_UPLOAD }, (_, i) => `L-${n}-${i},job_entry,cohort_1,2024-03-01,ev`).join('\n');
            return { ...request, body: `participant_ref,outcome,cohort,achieved_on,evidence\n${rows}\n` };
          },
          onResponse: (status: number) => {
            if (status === 201) {
              acknowledgedUploads++;
              acknowledgedRows += ROWS_PER_UPLOAD;
            }
          },
        },
      ],
    } as never) as unknown as autocannon.Result;
    const summary = await remote(server.url, members.investor!.key).get(`/v1/contracts/${contractId}/claims/summary`);
    const stored = summary.items.reduce((n: number, i: { submitted: number }) => n + i.submitted, 0);
    const figures = {
      backend, requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx,
      requestsPerSecond: result.requests.average, p50ms: result.latency.p50, p99ms: result.latency.p99,
      uploadsAcknowledged: acknowledgedUploads, rowsAcknowledged: acknowledgedRows, rowsStored: stored,
    };
    console.log(`load: ${JSON.stringify(figures)}`);
    expect(result.requests.total).toBeGreaterThan(100);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(acknowledgedUploads).toBeGreaterThan(10);
    expect(stored).toBe(acknowledgedRows);
  });
});
