import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, activeContract, createWorld, type World } from '../support/world.ts';

/**
 * Bad input on every write route of /openapi.json: property-based bodies (fast-check) never give a
 * 500 and never a partial write; strings PostgreSQL cannot store (NUL, unpaired surrogates) are
 * refused with 422 wherever they are; oversized bodies 413, wrong content types 415, malformed JSON
 * and CSV 400.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let document: any;
let contractId: string;
let obligationId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database, { config: { JSON_BODY_LIMIT_BYTES: '65536', CSV_BODY_LIMIT_BYTES: '65536' } });
  world = await createWorld(database, app);
  ({ id: contractId } = await activeContract(world, rateCardDefinition()));
  await world.operator.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-01,x\n' });
  await world.evaluator.api.post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} });
  obligationId = (await json(await world.payer.api.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31' }))).evaluation.obligations[0].id;
  document = await json(await app.request('/openapi.json'));
}, 120_000);
afterAll(() => database.close());

async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'schema_migration%'`.execute(database.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) {
    counts[table_name] = Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(database.db)).rows[0]!.n);
  }
  return counts;
}

/** One unit of text: mostly any code point, sometimes NUL or an unpaired surrogate (neither can be stored by PostgreSQL). */
const anyUnit = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff') },
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

function hasUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || /\p{Cs}/u.test(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasUnstorableText(k) || hasUnstorableText(v));
  return false;
}

interface WriteRoute { method: string; path: string; url: string; key: string; contentTypes: string[] }

function writeRoutes(): WriteRoute[] {
  const keyFor: Record<string, string> = {
    outcome_payer: world.payer.key, investor: world.investor.key, operator: world.operator.key, evaluator: world.evaluator.key, validator: world.evaluator.key,
  };
  const routes: WriteRoute[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const roles: string[] | undefined = op['x-contract-roles'];
      const key = roles ? keyFor[roles[0]!]! : path.startsWith('/v1/contracts') ? world.payer.key : ADMIN_KEY;
      const url = path.replace('{id}', path.startsWith('/v1/organisations') ? world.operator.id : contractId)
        .replace(/\{(\w+)\}/g, '019a0000-0000-7000-8000-00000000abcd');
      routes.push({ method: method.toUpperCase(), path, url, key, contentTypes: Object.keys(op.requestBody?.content ?? {}) });
    }
  }
  return routes;
}

const send = (route: WriteRoute, body: string | ReadableStream | undefined, contentType: string | undefined) =>
  app.request(route.url, {
    method: route.method,
    headers: { authorization: `Bearer ${route.key}`, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(body === undefined ? {} : { body }),
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);

describe('bad input on every write route', () => {
  it('finds the write routes', () => {
    expect(writeRoutes().length).toBeGreaterThanOrEqual(14);
  });

  it('random JSON bodies never give a 500, and a refused request writes nothing', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 3, stringUnit: anyUnit }),
      fc.record({ definition: fc.jsonValue({ maxDepth: 3, stringUnit: anyUnit }), parties: fc.dictionary(fc.string({ unit: anyUnit }), fc.string({ unit: anyUnit })) }),
      fc.record({ definition: fc.jsonValue({ maxDepth: 3 }), parties: fc.dictionary(fc.string(), fc.string()) }),
      fc.record({ claims: fc.array(fc.dictionary(fc.constantFrom('participantRef', 'outcome', 'cohort', 'achievedOn', 'evidence'), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }) }),
      fc.record({ obligationId: fc.constant(obligationId), amount: fc.oneof(fc.string(), fc.double(), fc.constant('-1.00'), fc.constant('1e9')), currency: fc.constantFrom('GBP', 'EUR', ''), settledOn: fc.string() }),
      fc.record({ decision: fc.constantFrom('validated', 'rejected', 'maybe'), ids: fc.array(fc.uuid()), filter: fc.dictionary(fc.string(), fc.string()) }),
    );
    for (const route of writeRoutes()) {
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          const before = await rowCounts();
          const response = await send(route, JSON.stringify(value), 'application/json');
          expect(response.status, `${route.method} ${route.path} with ${JSON.stringify(value).slice(0, 200)}`).toBeLessThan(500);
          if (hasUnstorableText(value)) {
            // A string PostgreSQL cannot store, anywhere in the body: refused before anything else, naming where.
            expect(response.status, `${route.method} ${route.path} with ${JSON.stringify(value).slice(0, 200)}`).toBe(422);
            const problem = await json(response.clone());
            expect(problem.code).toBe('validation_failed');
            expect(problem.errors.length).toBeGreaterThan(0);
            for (const error of problem.errors) expect(error).toMatchObject({ location: 'body', message: expect.stringMatching(/NUL|unpaired UTF-16 surrogate/) });
          }
          if (response.status >= 400) {
            expect(response.headers.get('content-type')).toBe('application/problem+json');
            expect(await rowCounts(), `${route.method} ${route.path} refused but wrote`).toEqual(before);
          }
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 15) },
      );
    }
  });

  it('random CSV uploads never give a 500, and a refused upload writes nothing', async () => {
    const routes = writeRoutes().filter((r) => r.contentTypes.includes('text/csv'));
    expect(routes.map((r) => r.path).sort()).toEqual(['/v1/contracts/{id}/claims', '/v1/contracts/{id}/results']);
    const csv = fc.array(fc.array(fc.oneof(fc.string(), fc.string({ unit: anyUnit }), fc.constantFrom('P-1', 'job_entry', 'cohort_1', '2024-03-01', '"', '""', ',', '\n', 'P-1\u0000')), { maxLength: 7 }), { maxLength: 6 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'));
    const withHeader = fc.tuple(fc.constantFrom('participant_ref,outcome,cohort,achieved_on,held_from,evidence', 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by', ''), csv)
      .map(([h, b]) => `${h}\n${b}`);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(withHeader, async (text) => {
          const before = await rowCounts();
          const response = await send(route, text, 'text/csv');
          expect(response.status, `${route.path} with ${JSON.stringify(text).slice(0, 200)}`).toBeLessThan(500);
          // A NUL anywhere (header or cell) can never be stored; an unpaired surrogate arrives as U+FFFD once UTF-8 encoded.
          if (text.includes('\u0000')) expect([400, 422], `${route.path} with ${JSON.stringify(text).slice(0, 200)}`).toContain(response.status);
          if (response.status >= 400) expect(await rowCounts()).toEqual(before);
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 40) },
      );
    }
  });

  it('oversized bodies: 413; wrong content types: 415; malformed JSON and CSV: 400 — on every write route', async () => {
    for (const route of writeRoutes()) {
      if (route.contentTypes.length === 0) continue;
      const before = await rowCounts();
      const where = `${route.method} ${route.path}`;
      const big = JSON.stringify({ padding: 'x'.repeat(70_000) });
      expect((await send(route, big, 'application/json')).status, `${where} oversized`).toBe(413);
      const chunked = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
      expect((await send(route, chunked, route.contentTypes.includes('text/csv') ? 'text/csv' : 'application/json')).status, `${where} oversized, chunked`).toBe(413);
      expect((await send(route, '<xml/>', 'application/xml')).status, `${where} xml`).toBe(415);
      expect((await send(route, '{"a": 1,', 'application/json')).status, `${where} malformed JSON`).toBe(400);
      if (route.contentTypes.includes('text/csv')) {
        const header = route.path.endsWith('/claims') ? 'participant_ref,outcome,cohort,achieved_on' : 'metric,cohort,measured_on,treatment_value,methodology,methodology_version,measured_by';
        expect((await send(route, `${header}\n"P-1,job_entry\n`, 'text/csv')).status, `${where} malformed CSV`).toBe(400);
      }
      expect(await rowCounts(), where).toEqual(before);
    }
  });
});
