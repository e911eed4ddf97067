import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../../src/jobs/webhook-delivery.ts';
import { emitOverdueObligations } from '../../src/usecases/webhooks.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { activeContract, createMember, createWorld, type Member, type World } from '../support/world.ts';

let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let now: Date;
const clock = () => now;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await database.close();
});
beforeEach(async () => {
  await database.reset();
  now = new Date('2026-12-01T12:00:00Z');
  app = createTestApp(database, { clock, config: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
  world = await createWorld(database, app);
});

const ALL = [
  'contract.version_proposed', 'contract.version_in_force', 'data.submitted', 'data.reviewed', 'evaluation.completed', 'obligation.created',
  'obligation.overdue', 'settlement.recorded', 'audit.verification_failed',
];

async function receiverFor(member: Member, options: Parameters<typeof startWebhookReceiver>[0] = {}) {
  const receiver = await startWebhookReceiver(options);
  receivers.push(receiver);
  const response = await member.api.post('/v1/webhook-endpoints', { url: `${receiver.url}/hooks`, eventTypes: ALL });
  expect(response.status).toBe(201);
  const endpoint = await json(response);
  expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  return { receiver, endpoint, secret: endpoint.secret as string };
}

/** Delivers until nothing is due, moving the clock past each back-off (as the scheduler would, over time). */
async function drain() {
  for (let round = 0; round < 30; round++) {
    await deliverDueWebhooks(database.db, clock);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from webhook_delivery where state = 'pending'`.execute(database.db);
    if (rows[0]!.n === 0) return;
    now = new Date(now.getTime() + 60_000);
  }
  throw new Error('deliveries still pending after 30 rounds');
}

const outboxCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from webhook_event`.execute(database.db)).rows[0]!.n);
const claimsCsv = (...rows: string[]) => ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...rows].join('\n');

describe('webhooks', () => {
  it('a whole lifecycle reaches every party once per event id, through a receiver that fails twice, every signature verified', async () => {
    const payer = await receiverFor(world.payer, { failFirst: 2 });
    const investor = await receiverFor(world.investor);
    const evaluator = await receiverFor(world.evaluator);

    // register, approve → in force; amend, approve → in force
    const { id } = await activeContract(world, rateCardDefinition());
    const amended = rateCardDefinition({
      pricing: [{ key: 'rate_card', kind: 'rate_card', outcomes: [{ metric: 'job_entry', price: '2600.00' }, { metric: 'job_sustained', price: '1000.00', requires: ['job_entry'] }], participantCap: '3500.00' }],
    });
    const v2 = await json(await world.payer.api.post(`/v1/contracts/${id}/amendments`, { definition: amended, description: 'Cap raised', reason: 'Board' }));
    for (const m of [world.payer, world.investor, world.operator]) expect((await m.api.post(`/v1/contracts/${id}/approvals`, { contentHash: v2.contentHash })).status).toBe(200);
    // upload, review
    const upload = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv('P-100001,job_entry,cohort_1,2024-03-01,,p', 'P-100002,job_entry,cohort_1,2024-04-01,,p'),
    });
    expect(upload.status).toBe(201);
    const submission = await json(upload);
    expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: { submissionId: submission.id } })).status).toBe(200);
    // evaluate → obligation created (due 30 days after the cut-off: 2026-12-30)
    const run = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2026-11-30' }));
    const [obligation] = run.evaluation.obligations;
    expect(obligation).toMatchObject({ amount: '5200.00', dueOn: '2026-12-30' });
    // settlement (partial)
    expect((await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: obligation.id, amount: '1000.00', currency: 'GBP', settledOn: '2026-12-01' })).status).toBe(201);
    // overdue: nothing before the due date; once after it, whatever the number of sweeps
    expect(await emitOverdueObligations(database.db, clock)).toBe(0);
    await drain();
    now = new Date('2027-01-05T09:00:00Z');
    expect(await emitOverdueObligations(database.db, clock)).toBe(1);
    expect(await emitOverdueObligations(database.db, clock)).toBe(0);
    await drain();

    const types = (r: WebhookReceiver) => r.events().map((e) => e.type);
    const lifecycle = [
      'contract.version_proposed', 'contract.version_in_force', 'contract.version_proposed', 'contract.version_in_force',
      'data.submitted', 'data.reviewed', 'evaluation.completed', 'obligation.created', 'settlement.recorded', 'obligation.overdue',
    ];
    // Delivered concurrently within a round, in order across rounds: compare as multisets.
    expect(types(payer.receiver).sort()).toEqual([...lifecycle].sort());
    expect(types(investor.receiver).sort()).toEqual([...lifecycle].sort());
    // The evaluator approves nothing: it is not asked to.
    expect(types(evaluator.receiver).sort()).toEqual(lifecycle.filter((t) => t !== 'contract.version_proposed').sort());

    // The failing receiver got retries, with the same ids, and dedupes them; every id is one event.
    expect(payer.receiver.requests.filter((r) => r.status === 500)).toHaveLength(2);
    expect(payer.receiver.requests.length).toBe(lifecycle.length + 2);
    const failedIds = payer.receiver.requests.filter((r) => r.status === 500).map((r) => r.id);
    for (const failed of failedIds) expect(payer.receiver.requests.filter((r) => r.id === failed && r.status === 200)).toHaveLength(1);
    for (const r of [investor, evaluator]) expect(r.receiver.requests.length).toBe(r.receiver.events().length);
    // The same event reaches each party with the same id.
    const ids = (r: WebhookReceiver) => new Set(r.events().map((e) => e.id));
    for (const e of evaluator.receiver.events()) {
      expect(ids(payer.receiver).has(e.id)).toBe(true);
      expect(ids(investor.receiver).has(e.id)).toBe(true);
    }
    for (const r of [payer, investor, evaluator]) r.receiver.verifyAll(r.secret);
    expect(() => payer.receiver.verifyAll(investor.secret)).toThrow();

    // Payloads: identifiers, counts and amounts, and links to the API.
    const byType = Object.fromEntries(investor.receiver.events().map((e) => [e.type, e]));
    expect(byType['obligation.created']!.data).toMatchObject({ obligationId: obligation.id, amount: '5200.00', currency: 'GBP', dueOn: '2026-12-30' });
    expect(byType['obligation.overdue']!.data).toMatchObject({ obligationId: obligation.id, amount: '5200.00', outstanding: '4200.00' });
    expect(byType['data.submitted']!.data).toMatchObject({ submissionId: submission.id, rows: 2, kind: 'participant_claims' });
    expect(byType['settlement.recorded']!.data).toMatchObject({ amount: '1000.00', settledOn: '2026-12-01' });
    expect(JSON.parse(byType['evaluation.completed']!.body).links.evaluation).toBe(`/v1/contracts/${id}/evaluations/${run.evaluation.id}`);
    // Investors never receive participant-level data.
    for (const e of investor.receiver.events()) expect(e.body).not.toMatch(/P-10000/);

    // The delivery log and a redelivery.
    const log = await json(await world.payer.api.get(`/v1/webhook-endpoints/${payer.endpoint.id}/deliveries`));
    expect(log.items).toHaveLength(lifecycle.length);
    expect(log.items.every((d: { state: string }) => d.state === 'delivered')).toBe(true);
    expect(log.items.reduce((n: number, d: { attempts: number }) => n + d.attempts, 0)).toBe(lifecycle.length + 2);
    const again = await world.payer.api.post(`/v1/webhook-endpoints/${payer.endpoint.id}/deliveries/${log.items[0].id}/redelivery`, {});
    expect(again.status).toBe(200);
    expect(await json(again)).toMatchObject({ state: 'pending', eventId: log.items[0].eventId });
    await drain();
    expect(payer.receiver.requests.at(-1)!.id).toBe(log.items[0].eventId);
    expect(payer.receiver.events()).toHaveLength(lifecycle.length);
    // Another organisation sees neither the endpoint nor its log.
    expect((await world.investor.api.get(`/v1/webhook-endpoints/${payer.endpoint.id}/deliveries`)).status).toBe(404);
    expect((await world.investor.api.post(`/v1/webhook-endpoints/${payer.endpoint.id}/deliveries/${log.items[0].id}/redelivery`, {})).status).toBe(404);
  });

  it("an investor's endpoint never hears of a contract it is not party to", async () => {
    const investor = await receiverFor(world.investor);
    const other = await createMember(app, 'Other Fund', 'investor');
    const otherReceiver = await receiverFor(other);
    const mine = await activeContract(world, rateCardDefinition());
    const registered = await json(await world.payer.api.post('/v1/contracts', {
      definition: rateCardDefinition({ reference: 'TEST-RATE-CARD-2' }),
      parties: { payer: world.payer.id, investor: other.id, operator: world.operator.id, evaluator: world.evaluator.id },
    }));
    const theirs = { id: registered.id as string };
    for (const m of [world.payer, other, world.operator]) {
      expect((await m.api.post(`/v1/contracts/${theirs.id}/approvals`, { contentHash: registered.pendingVersion.contentHash })).status).toBe(200);
    }
    await drain();
    expect(new Set(investor.receiver.events().map((e) => e.contractId))).toEqual(new Set([mine.id]));
    expect(new Set(otherReceiver.receiver.events().map((e) => e.contractId))).toEqual(new Set([theirs.id]));
  });

  it('a refused write emits nothing', async () => {
    await receiverFor(world.payer);
    const { id } = await activeContract(world, rateCardDefinition());
    await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv('P-100001,job_entry,cohort_1,2024-03-01,,p') });
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    const run = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2026-11-30' }));
    const before = await outboxCount();
    const refused = await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: run.evaluation.obligations[0].id, amount: '99999.00', currency: 'GBP', settledOn: '2026-12-01' });
    expect(refused.status).toBe(422);
    const badUpload = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv('P-100009,nope,cohort_1,2024-03-01,,p') });
    expect(badUpload.status).toBe(422);
    expect(await outboxCount()).toBe(before);
  });

  it('a failed audit verification is reported once to the parties', async () => {
    const payer = await receiverFor(world.payer);
    const { id } = await activeContract(world, rateCardDefinition());
    // Behind the service's back: a version's description changed by the table owner.
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table contract disable trigger user`.execute(trx);
      await sql`update contract set title = 'Tampered' where id = ${id}`.execute(trx);
      await sql`alter table contract enable trigger user`.execute(trx);
    });
    for (let i = 0; i < 2; i++) expect((await json(await world.investor.api.get(`/v1/contracts/${id}/audit/verify`))).ok).toBe(false);
    await drain();
    const failures = payer.receiver.events().filter((e) => e.type === 'audit.verification_failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.data).toMatchObject({ chain: id, contractId: id });
  });

  it('endpoints: admin keys only, http(s) only, the secret shown once, private targets refused unless allowed, disabled endpoints get nothing', async () => {
    const url = 'http://127.0.0.1:9/hooks';
    const member = await json(await world.admin.post(`/v1/organisations/${world.payer.id}/api-keys`, { label: 'member', scope: 'member' }));
    const memberApi = (await import('../support/world.ts')).client(app, member.key);
    expect((await memberApi.post('/v1/webhook-endpoints', { url, eventTypes: ['settlement.recorded'] })).status).toBe(403);
    expect((await world.payer.api.post('/v1/webhook-endpoints', { url: 'ftp://example.org/x', eventTypes: ['settlement.recorded'] })).status).toBe(422);
    expect((await world.payer.api.post('/v1/webhook-endpoints', { url, eventTypes: ['nothing.happened'] })).status).toBe(422);
    const strict = createTestApp(database, { clock });
    const strictApi = (await import('../support/world.ts')).client(strict, world.payer.key);
    for (const target of ['http://127.0.0.1/x', 'http://localhost:8080/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://192.168.0.1/x']) {
      expect((await strictApi.post('/v1/webhook-endpoints', { url: target, eventTypes: ['settlement.recorded'] })).status, target).toBe(422);
    }
    expect((await strictApi.post('/v1/webhook-endpoints', { url: 'https://hooks.example.org/x', eventTypes: ['settlement.recorded'] })).status).toBe(201);

    const created = await world.payer.api.post('/v1/webhook-endpoints', { url, eventTypes: ['contract.version_proposed'] }, { 'idempotency-key': 'hook-1' });
    const endpoint = await json(created);
    const replay = await json(await world.payer.api.post('/v1/webhook-endpoints', { url, eventTypes: ['contract.version_proposed'] }, { 'idempotency-key': 'hook-1' }));
    expect(replay).toMatchObject({ id: endpoint.id, secret: null });
    const listed = await json(await memberApi.get('/v1/webhook-endpoints'));
    expect(listed.items.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed)).not.toContain(endpoint.secret);
    expect((await world.investor.api.get('/v1/webhook-endpoints')).status).toBe(200);
    expect((await json(await world.investor.api.get('/v1/webhook-endpoints'))).items).toEqual([]);

    expect((await world.investor.api.delete(`/v1/webhook-endpoints/${endpoint.id}`)).status).toBe(404);
    const disabled = await world.payer.api.delete(`/v1/webhook-endpoints/${endpoint.id}`);
    expect(disabled.status).toBe(200);
    expect(await json(disabled)).toMatchObject({ enabled: false });
    expect(disabled.headers.get('audit-receipt')).toMatch(/^platform:\d+:/);
    const { auditVerify } = await import('../../src/cli/audit.ts');
    const lines: string[] = [];
    expect(await auditVerify(database.db, { contract: 'platform' }, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/✓ platform/);
    await activeContract(world, rateCardDefinition());
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from webhook_delivery where endpoint_id = ${endpoint.id}`.execute(database.db);
    expect(rows[0]!.n).toBe(0);

    // Disabled with a delivery pending: it is not sent.
    const pending = await receiverFor(world.investor);
    await activeContract(world, rateCardDefinition({ reference: 'TEST-RATE-CARD-3' }));
    expect((await world.investor.api.delete(`/v1/webhook-endpoints/${pending.endpoint.id}`)).status).toBe(200);
    expect(await deliverDueWebhooks(database.db, clock)).toMatchObject({ attempted: 0 });
    expect(pending.receiver.requests).toEqual([]);
  });

  it('gives up after a day of retries, then a redelivery tries again', async () => {
    const { receiver, endpoint } = await receiverFor(world.payer, { answer: () => 503 });
    await activeContract(world, rateCardDefinition());
    const start = now.getTime();
    let rounds = 0;
    while (now.getTime() - start < 26 * 3_600_000) {
      const report = await deliverDueWebhooks(database.db, clock);
      rounds += report.attempted;
      now = new Date(now.getTime() + 5 * 60_000);
    }
    const log = await json(await world.payer.api.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`));
    expect(log.items.map((d: { state: string }) => d.state)).toEqual(['failed', 'failed']);
    expect(log.items[0]).toMatchObject({ lastStatus: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    // 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h (at 5-minute rounds): about 10-11 attempts each within the day
    expect(log.items[0].attempts).toBeGreaterThanOrEqual(9);
    expect(log.items[0].attempts).toBeLessThanOrEqual(12);
    receiver.setAnswer(() => 204);
    await world.payer.api.post(`/v1/webhook-endpoints/${endpoint.id}/deliveries/${log.items[0].id}/redelivery`, {});
    await drain();
    expect((await json(await world.payer.api.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries?state=delivered`))).items).toHaveLength(1);
    expect(rounds).toBeGreaterThan(0);
  });
});
