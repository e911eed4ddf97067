import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0016 from '../../migrations/20261201T0016_claim_tallies.ts';
import { recomputedClaimCounts, tallySettings } from '../../src/db/queries/claim-tallies.ts';
import { validatedClaimCounts } from '../../src/db/queries/status.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/**
 * Claim tallies (migration 0016) against the full recomputation the status view ran before: after
 * every step of random write sequences through the API (uploads, corrections that may move a claim
 * to another participant or outcome, reviews validating or rejecting by ids or by filter, disputes
 * opened, upheld, dismissed), on the same contract; and the migration's backfill.
 */

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const participants = ['P-1', 'P-2'];
const metrics = ['job_entry', 'job_sustained'];

interface Step { action: number; a: number; b: number; flag: boolean }
const step = fc.record({ action: fc.integer({ min: 0, max: 5 }), a: fc.nat(1000), b: fc.nat(1000), flag: fc.boolean() });

let evidence = 0;
const row = (a: number, b: number, supersedes = '') =>
  `${participants[a % participants.length]},${metrics[b % metrics.length]},cohort_1,2024-03-0${1 + (b % 5)},ev-${++evidence},${supersedes}`;

async function upload(id: string, rows: string[]) {
  const response = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
    method: 'POST', headers: { 'content-type': 'text/csv' },
    body: ['participant_ref,outcome,cohort,achieved_on,evidence,supersedes', ...rows].join('\n'),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function claims(id: string) {
  const { rows } = await sql<{ id: string; decision: string | null; dispute: string | null; state: string | null; superseded: boolean }>`
    select c.id, r.decision, d.id as dispute, d.state, exists (select 1 from participant_claim n where n.supersedes_id = c.id) as superseded
    from participant_claim c left join measurement_review r on r.claim_id = c.id left join dispute d on d.claim_id = c.id
    where c.contract_id = ${id} order by c.submission_id, c.row_number`.execute(database.db);
  return rows;
}

const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;

/** Applies one random write (or nothing, when the state offers none of that kind). */
async function apply(id: string, s: Step) {
  const all = await claims(id);
  const current = all.filter((c) => !c.superseded);
  switch (s.action) {
    case 0: // an upload of 1–3 new claims
      await upload(id, Array.from({ length: 1 + (s.a % 3) }, (_, k) => row(s.a + k, s.b + k)));
      return;
    case 1: { // a correction, maybe to another participant or outcome
      if (current.length === 0) return;
      await upload(id, [row(s.flag ? s.a : 0, s.b, pick(current, s.a).id)]);
      return;
    }
    case 2: { // a review by ids
      const awaiting = current.filter((c) => !c.decision);
      if (awaiting.length === 0) return;
      const ids = awaiting.filter((_, k) => (s.a >> k) % 2 === 0 || k === 0).map((c) => c.id);
      const body = s.flag ? { decision: 'validated', ids } : { decision: 'rejected', reason: 'Evidence unreadable', ids };
      expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, body)).status).toBe(200);
      return;
    }
    case 3: { // a review of everything awaiting, by filter
      const body = s.flag ? { decision: 'validated', filter: {} } : { decision: 'rejected', reason: 'No payslip', filter: {} };
      expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, body)).status).toBe(200);
      return;
    }
    case 4: { // a dispute opened on a rejected claim (superseded ones too: the service decides)
      const rejected = all.filter((c) => c.decision === 'rejected' && !c.dispute);
      if (rejected.length === 0) return;
      const response = await world.operator.api.post(`/v1/contracts/${id}/disputes`, {
        kind: 'participant_claims', recordId: pick(rejected, s.a).id, reason: 'Readable at 200%', evidenceRef: 'rescan.pdf',
      });
      expect([201, 409, 422]).toContain(response.status);
      return;
    }
    case 5: { // an open dispute upheld or dismissed
      const open = all.filter((c) => c.state === 'open');
      if (open.length === 0) return;
      const response = await world.evaluator.api.post(`/v1/contracts/${id}/disputes/${pick(open, s.a).dispute}/resolution`, {
        decision: s.flag ? 'upheld' : 'dismissed', reason: 'Looked again',
      });
      expect(response.status).toBe(200);
    }
  }
}

describe('claim tallies', () => {
  it.each([
    ['groups recounted by index', 20_000, Number(process.env.TALLY_RUNS ?? 12)],
    ['large batches: outcomes and cohorts recounted in one pass', 2, 4],
  ])('equal the full recomputation after every step of random write sequences (%s)', async (_, fullRecountFrom, numRuns) => {
    tallySettings.fullRecountFrom = fullRecountFrom;
    let steps = 0;
    let counted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (sequence) => {
        await database.reset();
        world = await createWorld(database, createTestApp(database));
        const { id } = await activeContract(world, rateCardDefinition());
        await upload(id, [row(0, 0), row(1, 1), row(2, 0)]);
        for (const s of sequence) {
          await apply(id, s);
          steps++;
          const recomputed = await recomputedClaimCounts(database.db, id);
          expect(await validatedClaimCounts(database.db, id)).toEqual(recomputed);
          counted += recomputed.length;
        }
        // The status view reads the same counts.
        const status = await json(await world.payer.api.get(`/v1/contracts/${id}/status`));
        expect(status.contract.id).toBe(id);
      }),
      { numRuns, seed: Number(process.env.TALLY_SEED ?? 19) },
    ).finally(() => {
      tallySettings.fullRecountFrom = 20_000;
    });
    expect(steps).toBeGreaterThan(numRuns * 3);
    expect(counted).toBeGreaterThan(0);
  }, 600_000);

  it('a participant with two counted claims of one outcome counts once; correcting one keeps them, correcting both removes them', async () => {
    await database.reset();
    world = await createWorld(database, createTestApp(database));
    const { id } = await activeContract(world, rateCardDefinition());
    await upload(id, ['P-1,job_entry,cohort_1,2024-03-01,a,', 'P-1,job_entry,cohort_1,2024-03-02,b,', 'P-2,job_entry,cohort_1,2024-03-01,c,']);
    await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
    expect(await validatedClaimCounts(database.db, id)).toEqual([{ metric: 'job_entry', cohort: 'cohort_1', validated: 3, participants: 2 }]);
    const [a, b] = await claims(id);
    await upload(id, [`P-1,job_entry,cohort_1,2024-03-01,a2,${a!.id}`]);
    expect(await validatedClaimCounts(database.db, id)).toEqual([{ metric: 'job_entry', cohort: 'cohort_1', validated: 2, participants: 2 }]);
    await upload(id, [`P-3,job_sustained,cohort_1,2024-03-02,b2,${b!.id}`]);
    expect(await validatedClaimCounts(database.db, id)).toEqual([{ metric: 'job_entry', cohort: 'cohort_1', validated: 1, participants: 1 }]);
    expect(await recomputedClaimCounts(database.db, id)).toEqual(await validatedClaimCounts(database.db, id));
  }, 120_000);

  it("the migration's backfill equals the recomputation on claims stored before it", async () => {
    await database.reset();
    world = await createWorld(database, createTestApp(database));
    const ids: string[] = [];
    for (let k = 0; k < 2; k++) {
      const { id } = await activeContract(world, rateCardDefinition({ reference: `TEST-TALLY-${k}` }));
      ids.push(id);
      await upload(id, Array.from({ length: 12 }, (_, i) => row(i, i * 7 + k)));
      const stored = await claims(id);
      await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'Unreadable', ids: stored.slice(0, 4).map((c) => c.id) });
      await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
      for (const c of stored.slice(0, 2)) {
        const opened = await json(await world.operator.api.post(`/v1/contracts/${id}/disputes`, { kind: 'participant_claims', recordId: c.id, reason: 'Readable', evidenceRef: 'r.pdf' }));
        await world.evaluator.api.post(`/v1/contracts/${id}/disputes/${opened.id}/resolution`, { decision: 'upheld', reason: 'Yes' });
      }
      await upload(id, [row(5, 1, stored[6]!.id), row(1, 0, stored[1]!.id)]);
    }
    const kept = await sql<Record<string, unknown>>`select * from claim_tally order by contract_id, metric, cohort`.execute(database.db);
    // As before migration 0016: no tallies, no corrections index; then the migration runs on the stored claims.
    await sql`drop table claim_tally`.execute(database.db);
    await sql`drop index participant_claim_corrections`.execute(database.db);
    await m0016.up(database.db);
    for (const id of ids) {
      const recomputed = await recomputedClaimCounts(database.db, id);
      expect(recomputed.length).toBeGreaterThan(0);
      expect(await validatedClaimCounts(database.db, id)).toEqual(recomputed);
    }
    // The same rows as the writes kept (less any zero rows they left behind).
    const backfilled = await sql<Record<string, unknown>>`select * from claim_tally order by contract_id, metric, cohort`.execute(database.db);
    expect(backfilled.rows).toEqual(kept.rows.filter((r) => Number(r.validated) > 0));
  }, 120_000);
});
