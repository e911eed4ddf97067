import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Staging, specs } from '../../src/db/queries/ingest.ts';
import { createTestApp } from '../support/app.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/**
 * On PostgreSQL, uploads of valid original claims go straight to their table, their lines spooled (ingest.ts);
 * the first row that needs the checks — a problem, a correction, a duplicate the table's index
 * refuses — sends the upload back to staging, replayed from the spool. Each case with enough rows
 * for several batches, the turn in the middle. On PGlite, which stages, the same answers.
 */
let database: TestDatabase;
let world: World;
// this file's own temporary folder (a process per test file): the spools it leaves, if any, are seen
const spools = mkdtempSync(join(tmpdir(), 'ingest-direct-'));
const previousTmp = process.env.TMPDIR;
beforeAll(async () => {
  process.env.TMPDIR = spools;
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
  process.env.TMPDIR = previousTmp;
  rmSync(spools, { recursive: true, force: true });
});
beforeEach(async () => {
  await database.reset();
  world = await createWorld(database, createTestApp(database));
});

const ROWS = 15_000;
const header = 'participant_ref,outcome,cohort,achieved_on,evidence,supersedes';
const row = (i: number) => `P-${i},job_entry,cohort_1,2024-03-01,evidence-of-a-job-start-${i},`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i + 1));
const postCsv = (contractId: string, lines: string[]) =>
  world.operator.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `${header}\n${lines.join('\n')}\n` });
const stored = async (contractId: string) =>
  Number((await sql<{ n: number }>`select count(*)::int as n from participant_claim where contract_id = ${contractId}`.execute(database.db)).rows[0]!.n);

describe('uploads straight to the claims table', () => {
  it('store valid originals written straight to the table, and leave no spool behind', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const response = await postCsv(id, rows(ROWS));
    expect(response.status).toBe(201);
    const submission = await json(response);
    expect(await stored(id)).toBe(ROWS);
    // every row under its submission and contract, with its data row number
    const { rows: [check] } = await sql<{ n: number; first: number; last: number }>`
      select count(*)::int as n, min(row_number)::int as first, max(row_number)::int as last from participant_claim
      where contract_id = ${id} and submission_id = ${submission.id}`.execute(database.db);
    expect(check).toEqual({ n: ROWS, first: 1, last: ROWS });
    expect(readdirSync(spools)).toEqual([]);
  });

  it('a correction in the middle: back to staging, every row stored once, the correction checked and recorded', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await postCsv(id, ['Q-1,job_entry,cohort_1,2024-02-01,first,'])).status).toBe(201);
    const [original] = (await json(await world.operator.api.get(`/v1/contracts/${id}/claims`))).items;
    const upload = rows(ROWS);
    upload[ROWS / 2] = `Q-1,job_entry,cohort_1,2024-02-02,corrected,${original.id}`;
    const response = await postCsv(id, upload);
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ rows: ROWS, corrections: 1 });
    expect(await stored(id)).toBe(ROWS + 1);
    const { rows: corrected } = await sql<{ row_number: number }>`select row_number from participant_claim where supersedes_id = ${original.id}`.execute(database.db);
    expect(corrected).toEqual([{ row_number: ROWS / 2 + 1 }]);
    expect(readdirSync(spools)).toEqual([]);
  });

  it('a bad row in the middle: back to staging, and the listing still has the duplicate written straight before it; nothing stored', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await postCsv(id, [row(100)])).status).toBe(201);
    const upload = rows(ROWS).map((line, i) => (i === 0 ? row(100) : line));
    upload[9000] = 'P-9001,job_entry,cohort_1,not-a-date,e,';
    const response = await postCsv(id, upload);
    expect(response.status).toBe(422);
    const problem = await json(response);
    // row 100 repeats row 1 and a stored claim; row 1 repeats the stored claim
    expect(problem.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[1, 'row'], [100, 'row'], [100, 'row'], [9001, 'achieved_on']]);
    expect(problem.totalErrors).toBe(4);
    expect(await stored(id)).toBe(1);
    expect(readdirSync(spools)).toEqual([]);
  });

  it('a duplicate the table refuses while rows still stream: back to staging, every duplicate listed; nothing stored', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await postCsv(id, [row(7)])).status).toBe(201);
    const upload = rows(ROWS);
    upload.push(row(ROWS)); // and one within the upload, at its end
    const response = await postCsv(id, upload);
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.errors.map((e: { row: number; message: string }) => [e.row, e.message.replace(/record [0-9a-f-]+/, 'record …').split(' (')[0]])).toEqual([
      [7, 'duplicates record …, already submitted'],
      [ROWS + 1, `duplicates data row ${ROWS}`],
    ]);
    expect(await stored(id)).toBe(1);
    expect(readdirSync(spools)).toEqual([]);
  });

  it('writes straight to the table on a session with a spool (no staging table); stages as before on one without (a Worker)', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    class Over extends Error {}
    const opened = async (withSpool: boolean) => {
      let seen: { direct: boolean; stagingTable: string | null } | undefined;
      await database.bulk(async (session) => {
        const staging = new Staging(withSpool ? session : { ...session, spool: undefined }, specs.participant_claims);
        await staging.open({ contractId: id, submissionId: '00000000-0000-4000-8000-000000000000' });
        await staging.close(); // no rows (no statement may run while the COPY is open)
        const stagingTable = (await session.query<{ t: string | null }>(`select to_regclass('pg_temp.upload_participant_claim')::text as t`))[0]!.t;
        seen = { direct: staging.isDirect, stagingTable };
        await staging.release();
        throw new Over(); // rolled back
      }).catch((error: unknown) => {
        if (!(error instanceof Over)) throw error;
      });
      return seen;
    };
    // PostgreSQL's pool sessions have a spool; PGlite's do not (it was slower there): they stage
    const staged = { direct: false, stagingTable: expect.stringContaining('upload_participant_claim') };
    expect(await opened(true)).toEqual(backend === 'postgres' ? { direct: true, stagingTable: null } : staged);
    expect(await opened(false)).toEqual(staged);
    expect(readdirSync(spools)).toEqual([]);
  });
});
