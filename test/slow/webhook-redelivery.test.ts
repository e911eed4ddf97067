import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { remote, remoteActivate, remoteMembers } from '../support/remote.ts';
import { type ServerProcess, serverStorage, startServerProcess } from '../support/server-process.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const ADMIN = 'olk_webhook_test_administrator_key_0123456789';
const storage = serverStorage('webhooks');
let server: ServerProcess | undefined;
let receiver: WebhookReceiver | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  await receiver?.close();
  await storage.close();
});

const env = async () => ({
  ...(await storage.env()), ADMIN_API_KEY: ADMIN, SCHEDULER_ENABLED: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_DELIVERY_INTERVAL_SECONDS: '0.5',
});

async function until(what: string, condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`webhooks across a server killed with SIGKILL (${backend})`, () => {
  it('events written before the kill are delivered after the restart, each id at least once, signed', async () => {
    receiver = await startWebhookReceiver({ answer: () => 503 });
    server = await startServerProcess(await env());
    const members = await remoteMembers(server.url, ADMIN, 'Hooks');
    const adminKey = await remote(server.url, ADMIN).post(`/v1/organisations/${members.payer!.id}/api-keys`, { scope: 'admin' });
    const endpoint = await remote(server.url, adminKey.key).post('/v1/webhook-endpoints', {
      url: `${receiver.url}/hooks`, eventTypes: ['contract.version_proposed', 'contract.version_in_force'],
    });
    const contractId = await remoteActivate(server.url, members, rateCardDefinition());

    // The server has tried and failed (503): the events are written, not delivered. Killed now.
    await until('a first, failed attempt', () => receiver!.requests.length > 0, 30_000);
    await server.stop('SIGKILL');
    const triedBeforeKill = new Set(receiver.requests.map((r) => r.id));
    expect(receiver.events()).toEqual([]);

    receiver.setAnswer(undefined);
    server = await startServerProcess(await env());
    await until('both events delivered', () => receiver!.events().length === 2, 90_000);
    const events = receiver.events();
    expect(events.map((e) => e.type).sort()).toEqual(['contract.version_in_force', 'contract.version_proposed']);
    expect(events.every((e) => e.contractId === contractId)).toBe(true);
    for (const id of triedBeforeKill) expect(events.map((e) => e.id)).toContain(id);
    receiver.verifyAll(endpoint.secret);

    const log = await remote(server.url, adminKey.key).get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`);
    expect(log.items.map((d: { state: string }) => d.state)).toEqual(['delivered', 'delivered']);
    expect(log.items.some((d: { attempts: number }) => d.attempts >= 2)).toBe(true);
  });
});
