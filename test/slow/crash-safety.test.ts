import { afterAll, describe, expect, it } from 'vitest';
import { claimsCsvStream } from '../../bench/lib/claims-csv.ts';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { remote, remoteActiveContract } from '../support/remote.ts';
import { type ServerProcess, serverStorage, startServerProcess } from '../support/server-process.ts';

const ADMIN = 'olk_crash_test_administrator_key_0123456789';
const storage = serverStorage('crash');
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  await storage.close();
});

const env = async () => ({ ...(await storage.env()), ADMIN_API_KEY: ADMIN });

const csvOf = (rows: number, prefix: string) =>
  `participant_ref,outcome,cohort,achieved_on,held_from,evidence\n${Array.from({ length: rows }, (_, i) => `${prefix}-${i},job_entry,cohort_1,2024-03-01,,x`).join('\n')}\n`;

describe(`a server killed with SIGKILL (${backend})`, () => {
  it('keeps every acknowledged upload whole, leaves nothing of an interrupted one, and evaluates again to the same result', async () => {
    server = await startServerProcess(await env());
    const { contractId, members } = await remoteActiveContract(server.url, ADMIN, rateCardDefinition());
    const upload = (body: string | ReadableStream<Uint8Array>, init: RequestInit = {}) => fetch(`${server!.url}/v1/contracts/${contractId}/claims`, {
      method: 'POST', headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': 'text/csv' }, body, ...init,
    } as RequestInit);

    // Acknowledged: 20,000 claims, validated.
    const acknowledged = await upload(csvOf(20_000, 'A'));
    expect(acknowledged.status).toBe(201);
    const reviewed = await remote(server.url, members.evaluator!.key).post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} });
    expect(reviewed.reviewed).toBe(20_000);

    // Interrupted: a large upload, killed mid-stream.
    const interrupted = upload(claimsCsvStream(2_000_000, 200_000), { duplex: 'half' } as RequestInit).then((r) => r.status, (e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 1500));
    await server.stop('SIGKILL');
    const interruptedOutcome = await interrupted;
    expect(typeof interruptedOutcome === 'string' || interruptedOutcome >= 500, `the interrupted upload was not acknowledged (${interruptedOutcome})`).toBe(true);

    server = await startServerProcess(await env());
    const investor = remote(server.url, members.investor!.key);
    const submissions = await investor.get(`/v1/contracts/${contractId}/submissions`);
    expect(submissions.items.map((s: { rows: number }) => s.rows)).toEqual([20_000]);
    const summary = await investor.get(`/v1/contracts/${contractId}/claims/summary`);
    expect(summary.items.reduce((n: number, i: { validated: number; submitted: number }) => n + i.validated + i.submitted, 0)).toBe(20_000);

    // The evaluation: what it must come to (a dry run stores nothing), then killed mid-run.
    const payer = remote(server.url, members.payer!.key);
    const expected = (await payer.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31', dryRun: true })).forecast.result.totals;
    expect(Number(expected.newObligations)).toBeGreaterThan(0);
    const running = payer.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31' }).then(() => 'finished', (e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 150));
    await server.stop('SIGKILL');
    const runningOutcome = await running;

    server = await startServerProcess(await env());
    const payerAfter = remote(server.url, members.payer!.key);
    const stored = await payerAfter.get(`/v1/contracts/${contractId}/evaluations`);
    const obligations = await payerAfter.get(`/v1/contracts/${contractId}/obligations`);
    if (stored.items.length === 1) {
      // it committed just before the kill: then it is whole
      expect(stored.items[0].totals).toEqual(expected);
      expect(obligations.items.map((o: { amount: string }) => o.amount)).toEqual([expected.newObligations]);
    } else {
      expect(stored.items).toEqual([]);
      expect(obligations.items).toEqual([]);
    }
    const again = await payerAfter.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31' });
    expect(again.evaluation.totals.entitled).toBe(expected.entitled);
    const after = await payerAfter.get(`/v1/contracts/${contractId}/obligations`);
    expect(after.items.map((o: { amount: string }) => o.amount)).toEqual([expected.newObligations]);
    console.log(`crash safety (${backend}): interrupted upload → ${interruptedOutcome}; evaluation killed → ${runningOutcome}, ${stored.items.length} stored; ` +
      `after restart: 1 submission of 20,000 rows, obligations ${after.items.map((o: { amount: string }) => o.amount).join(', ')}`);
  });
});
