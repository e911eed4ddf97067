import { afterAll, describe, expect, it } from 'vitest';
import { claimsCsvStream } from '../../bench/lib/claims-csv.ts';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { remote, remoteActiveContract } from '../support/remote.ts';
import { serverStorage, startServerProcess } from '../support/server-process.ts';

const ROWS = Number(process.env.LARGE_UPLOAD_ROWS ?? 1_000_000);
const ADMIN = 'olk_slow_test_administrator_key_0123456789';

const storage = serverStorage('slow');
afterAll(async () => {
  await storage.close();
});

describe(`a ${ROWS.toLocaleString('en')}-row participant-claims CSV upload (${backend})`, () => {
  it('is stored completely, without the server\'s memory growing with the file', async () => {
    const server = await startServerProcess({ ...(await storage.env()), ADMIN_API_KEY: ADMIN });
    try {
      const { contractId, members } = await remoteActiveContract(server.url, ADMIN, rateCardDefinition());
      const before = server.rssMiB();
      const stopSampling = server.sampleRss();
      const started = performance.now();
      const response = await fetch(`${server.url}/v1/contracts/${contractId}/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': 'text/csv' },
        body: claimsCsvStream(ROWS),
        duplex: 'half',
      } as RequestInit);
      const seconds = (performance.now() - started) / 1000;
      const body = await response.json() as { rows: number };
      expect(response.status, JSON.stringify(body)).toBe(201);
      expect(body.rows).toBe(ROWS);
      const peak = stopSampling();
      const summary = await remote(server.url, members.investor!.key).get(`/v1/contracts/${contractId}/claims/summary`);
      const stored = summary.items.reduce((n: number, i: { submitted: number }) => n + i.submitted, 0);
      expect(stored).toBe(ROWS);

      const figures = { backend, rows: ROWS, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(ROWS / seconds), rssBeforeMiB: before, peakRssDuringUploadMiB: peak };
      console.log(`large upload: ${JSON.stringify(figures)}`);
      // Memory must not grow with the file: the server's resident memory may rise by a bounded amount
      // during the upload. (On PGlite that includes the embedded database's WebAssembly heap, which
      // grows to its working size on the first large write and never shrinks: ~180 MiB here.)
      expect(peak - before).toBeLessThan(256);
      if (backend === 'postgres') expect(peak).toBeLessThan(512);
    } finally {
      await server.stop();
      if (process.env.OL_TRACE) console.log(server.output());
    }
  });
});
