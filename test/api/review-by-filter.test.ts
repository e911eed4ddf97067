import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/**
 * A review by filter takes exactly the records the claims list shows as awaiting review under the
 * same filter (current, not reviewed): the review selects them with a query of its own
 * (`awaitingReview`, lighter than the list's), so both are compared for each filter.
 */
let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  world = await createWorld(database, createTestApp(database));
});

const rows = [
  'P-1,job_entry,cohort_1,2024-02-01,,a', 'P-1,job_sustained,cohort_1,2024-08-01,,b', 'P-2,job_entry,cohort_1,2024-03-15,,c',
  'P-2,job_sustained,cohort_1,2024-09-20,,d', 'P-3,job_entry,cohort_1,2024-05-05,,e', 'P-4,job_entry,cohort_1,2024-06-30,,f',
  'P-5,job_entry,cohort_1,2024-07-01,,g', 'P-5,job_sustained,cohort_1,2025-01-10,,h',
];

/** A contract with the rows above, P-3's claim corrected (the correction awaits review) and P-4's rejected. */
async function contractWithClaims() {
  const { id } = await activeContract(world, rateCardDefinition());
  const upload = (body: string) => world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  expect((await upload(`participant_ref,outcome,cohort,achieved_on,held_from,evidence\n${rows.join('\n')}\n`)).status).toBe(201);
  const items = (await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims?limit=100`))).items as { id: string; participantRef: string }[];
  const p3 = items.find((c) => c.participantRef === 'P-3')!;
  const p4 = items.find((c) => c.participantRef === 'P-4')!;
  expect((await upload(`participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-3,job_entry,cohort_1,2024-05-06,e2,${p3.id}\n`)).status).toBe(201);
  expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'no payslip', ids: [p4.id] })).status).toBe(200);
  return id;
}

const idsOf = async (contractId: string, query: string) =>
  ((await json(await world.evaluator.api.get(`/v1/contracts/${contractId}/claims?limit=100&${query}`))).items as { id: string }[]).map((c) => c.id).sort();

describe('reviews by filter', () => {
  const filters: Record<string, string>[] = [
    {}, { outcome: 'job_sustained' }, { participantRef: 'P-2' }, { participantRef: 'P-3' }, { achievedFrom: '2024-05-01', achievedTo: '2024-08-31' },
    { outcome: 'job_entry', achievedTo: '2024-06-30' }, { cohort: 'cohort_1', participantRef: 'P-4' },
  ];
  for (const filter of filters) {
    it(`takes what the list shows awaiting review for ${JSON.stringify(filter)}`, async () => {
      const id = await contractWithClaims();
      const query = new URLSearchParams(filter).toString();
      const awaiting = await idsOf(id, `status=submitted&${query}`);
      const review = await json(await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter }));
      expect(review.reviewed).toBe(awaiting.length);
      expect(await idsOf(id, `status=validated&${query}`)).toEqual(awaiting);
      expect(await idsOf(id, `status=submitted&${query}`)).toEqual([]);
      // Never a superseded record, never one reviewed before.
      const all = (await json(await world.evaluator.api.get(`/v1/contracts/${id}/claims?limit=100&includeSuperseded=true`))).items as { status: string; supersededBy: string | null; participantRef: string }[];
      expect(all.filter((c) => c.supersededBy !== null).map((c) => c.status)).toEqual(['submitted']);
      expect(all.find((c) => c.participantRef === 'P-4')!.status).toBe('rejected');
    });
  }
});
