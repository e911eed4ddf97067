import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

let database: TestDatabase;
let world: World;
let now = new Date('2024-06-01T12:00:00Z');
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  now = new Date('2024-06-01T12:00:00Z');
  world = await createWorld(database, createTestApp(database, { clock: () => now }));
});

const perNight = () => rateCardDefinition({
  metrics: [
    { key: 'night_housed', name: 'Night in stable housing', unit: 'night', direction: 'increase', level: 'participant', validationMethod: 'administrative_data' },
  ],
  pricing: [{ key: 'nights', kind: 'rate_card', outcomes: [{ metric: 'night_housed', price: '25.00', maxClaimsPerParticipant: null }] }],
});

describe('claims with quantities', () => {
  it('stores the quantity column, pays price × quantity, and accepts two claims of one date with different evidence', async () => {
    const { id } = await activeContract(world, perNight());
    const upload = (body: string) => world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    const csv = 'participant_ref,outcome,cohort,achieved_on,evidence,quantity\n' +
      'P-1,night_housed,cohort_1,2024-03-31,rent-march,31\nP-1,night_housed,cohort_1,2024-03-31,rent-march-annex,2.50\nP-2,night_housed,cohort_1,2024-03-31,,\n';
    expect((await upload(csv)).status).toBe(201);
    const claims = await json(await world.operator.api.get(`/v1/contracts/${id}/claims`));
    expect(claims.items.map((c: { quantity: string }) => c.quantity).sort()).toEqual(['1', '2.5', '31']);
    // the same participant, outcome, date and evidence is a duplicate
    const dup = await upload('participant_ref,outcome,cohort,achieved_on,evidence,quantity\nP-1,night_housed,cohort_1,2024-03-31,rent-march,31\n');
    expect(dup.status).toBe(422);
    expect((await json(dup)).errors[0].message).toMatch(/same participant, outcome, date and evidence/);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    now = new Date('2024-04-02T12:00:00Z');
    const evaluation = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-04-01' }));
    expect(evaluation.evaluation.obligations[0].amount).toBe('862.50'); // (31 + 2.5 + 1) × 25
    const item = evaluation.evaluation.explanation.rules[0].scopes[0].items[0];
    expect(item).toMatchObject({ item: 'night_housed', unit: 'night', quantity: '34.5', unitPrice: '25', net: '862.5' });
    // the evaluation's data digest still verifies
    const verified = await json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify?deep=true`));
    expect(verified.ok).toBe(true);
  });

  it('refuses a quantity that is not a positive number of units, naming the row and column', async () => {
    const { id } = await activeContract(world, perNight());
    const refused = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': 'text/csv' },
      body: 'participant_ref,outcome,cohort,achieved_on,quantity\nP-1,night_housed,cohort_1,2024-03-31,0\nP-2,night_housed,cohort_1,2024-03-31,-3\nP-3,night_housed,cohort_1,2024-03-31,1.1234567\n',
    });
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['1:quantity', '2:quantity', '3:quantity']);
  });
});
