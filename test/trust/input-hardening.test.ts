import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { normaliseAddress } from '../../src/api/middleware/client-address.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, activeContract, bindings, client, createWorld, type World } from '../support/world.ts';

/**
 * Issue 13, items 7, 8 and 9 (in part), each failing on the code before it:
 *  - NUL characters and unpaired surrogates (which PostgreSQL cannot store) gave a 500 in query
 *    filters, JSON strings and CSV cells; now 400/422 naming the field, before anything is stored;
 *  - participant references that are names or bank accounts were stored, and a NIR was called a
 *    phone number; a contract may now also declare its own reference pattern;
 *  - there was no Content-Security-Policy; failed authentication was not limited per address.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let world: World;
let contractId: string;
let obligationId: string;

const claimsHeader = 'participant_ref,outcome,cohort,achieved_on,held_from,evidence';
const postCsv = (path: string, body: string) =>
  world.operator.api.send(path, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'schema_migration%'`.execute(database.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of rows) counts[table_name] = await count(table_name);
  return counts;
}

async function expectProblem(response: Response, status: number, code: string, error: Record<string, unknown>) {
  const where = `${response.url || ''} → ${response.status}`;
  expect(response.status, where).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = await json(response);
  expect(problem.code).toBe(code);
  expect(problem.errors).toContainEqual(expect.objectContaining(error));
  return problem;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  world = await createWorld(database, app);
  ({ id: contractId } = await activeContract(world, rateCardDefinition()));
  expect((await postCsv(`/v1/contracts/${contractId}/claims`, `${claimsHeader}\nP-1,job_entry,cohort_1,2024-03-01,,x\n`)).status).toBe(201);
  await world.evaluator.api.post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} });
  obligationId = (await json(await world.payer.api.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31' }))).evaluation.obligations[0].id;
}, 120_000);
afterAll(() => database.close());

describe('a NUL character or an unpaired surrogate never gives a 500 (issue 13 item 7)', () => {
  it('in a query filter (?cohort=a%00b; a 500 before): 400 invalid_request naming query cohort, in listings and in CSV exports', async () => {
    for (const path of [
      `/v1/contracts/${contractId}/claims?cohort=a%00b`,
      `/v1/contracts/${contractId}/claims/export?cohort=a%00b`,
      `/v1/contracts/${contractId}/results/export?metric=%00`,
      `/v1/contracts/${contractId}/claims?participantRef=P-1%00`,
    ]) {
      const problem = await expectProblem(await world.evaluator.api.get(path), 400, 'invalid_request', { location: 'query' });
      expect(problem.errors[0].path, path).toBe(new URL(path, 'http://x').searchParams.keys().next().value);
    }
    await expectProblem(await world.admin.get('/v1/organisations?kind=investor%00'), 400, 'invalid_request', { location: 'query', path: 'kind' });
    await expectProblem(await world.admin.get('/v1/organisations?a%00b=1'), 400, 'invalid_request', { location: 'query', path: 'a\\u0000b' });
    // Invalid UTF-8 in a query decodes to no unpaired surrogate: answered as any other value, never 500.
    expect((await world.evaluator.api.get(`/v1/contracts/${contractId}/claims?cohort=%ED%A0%80`)).status).toBe(200);
  });

  it('a CSV export filtered on one is refused before it starts (cut mid-stream before)', async () => {
    const response = await world.evaluator.api.get(`/v1/contracts/${contractId}/claims/export?cohort=cohort_1%00`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const whole = await world.evaluator.api.get(`/v1/contracts/${contractId}/claims/export?cohort=cohort_1`);
    expect(whole.status).toBe(200);
    expect((await whole.text()).trim().split('\n')).toHaveLength(2);
  });

  it('in a path parameter: 400 naming it (404 or a zod message before)', async () => {
    await expectProblem(await world.payer.api.get('/v1/contracts/a%00b'), 400, 'invalid_request', { location: 'path', path: 'id' });
    await expectProblem(await world.admin.get('/v1/organisations/x%00/api-keys'), 400, 'invalid_request', { location: 'path', path: 'id' });
  });

  it('in the settlement reference, organisation name, API key label and review reason (a 500 before): 422 naming the field, nothing stored', async () => {
    const before = await rowCounts();
    await expectProblem(await world.payer.api.post(`/v1/contracts/${contractId}/settlements`, {
      obligationId, amount: '100.00', currency: 'GBP', settledOn: new Date().toISOString().slice(0, 10), reference: 'BACS\u00002025',
    }), 422, 'validation_failed', { location: 'body', path: 'reference' });
    await expectProblem(await world.admin.post('/v1/organisations', { name: 'Evil\u0000 Ltd', kind: 'operator' }), 422, 'validation_failed', { location: 'body', path: 'name' });
    await expectProblem(await world.admin.post(`/v1/organisations/${world.operator.id}/api-keys`, { label: 'ci\u0000' }), 422, 'validation_failed', { location: 'body', path: 'label' });
    await expectProblem(await world.evaluator.api.post(`/v1/contracts/${contractId}/claims/reviews`, {
      decision: 'rejected', filter: {}, reason: 'no\u0000evidence',
    }), 422, 'validation_failed', { location: 'body', path: 'reason' });
    expect(await rowCounts()).toEqual(before);
  });

  it('anywhere in a contract definition (a 500 before), in a property name, in a JSON upload, and as an unpaired surrogate', async () => {
    const before = await rowCounts();
    const definition = rateCardDefinition({ reference: 'TEST-NUL-1' });
    definition.parties![0] = { ...definition.parties![0]!, name: 'Test\u0000Department' };
    await expectProblem(await world.payer.api.post('/v1/contracts', { definition, parties: bindings(world) }),
      422, 'validation_failed', { location: 'body', path: 'definition.parties[0].name' });
    await expectProblem(await world.payer.api.post('/v1/schemas/contract-definition/validate', { ...rateCardDefinition(), title: 'x\u0000' }),
      422, 'validation_failed', { location: 'body', path: 'title' });
    await expectProblem(await world.evaluator.api.post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: { 'co\u0000hort': 'x' } }),
      422, 'validation_failed', { location: 'body', path: 'filter.co\\u0000hort' });
    await expectProblem(await world.operator.api.post(`/v1/contracts/${contractId}/claims`, {
      claims: [{ participantRef: 'P-2', outcome: 'job_entry', cohort: 'cohort_1', achievedOn: '2024-03-01', evidence: ['ok', 'pay\u0000slip'] }],
    }), 422, 'validation_failed', { location: 'body', path: 'claims[0].evidence[1]' });
    // JSON.stringify writes a lone surrogate as the escape \udc00, exactly as a careless client would send it.
    await expectProblem(await world.admin.post('/v1/organisations', { name: 'Broken \udc00 text', kind: 'operator' }),
      422, 'validation_failed', { location: 'body', path: 'name', message: expect.stringMatching(/unpaired/) });
    expect(await rowCounts()).toEqual(before);
    // A surrogate pair, escaped (as Python's json.dumps writes any emoji), is text like any other.
    const named = await app.request('/v1/organisations', {
      method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: '{"name": "Caf\\u00e9 \\ud83d\\ude00 Trust", "kind": "operator"}',
    });
    expect(named.status).toBe(201);
    expect((await json(named)).name).toBe('Café 😀 Trust');
  });

  it('on every JSON write route of /openapi.json, a NUL planted anywhere in a random body is refused with its exact path (property)', async () => {
    const document = await json(await app.request('/openapi.json'));
    const routes: { method: string; url: string }[] = [];
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const method of ['post', 'put', 'patch']) {
        if (!item[method]?.requestBody?.content?.['application/json']) continue;
        routes.push({ method: method.toUpperCase(), url: path.replace('{id}', contractId).replace(/\{(\w+)\}/g, '019a0000-0000-7000-8000-00000000abcd') });
      }
    }
    expect(routes.length).toBeGreaterThanOrEqual(14);
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => /^[A-Za-z_]\w*$/.test(k)), fc.nat({ max: 3 }));
    const planted = fc.record({
      base: fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== 'x'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      path: fc.array(segment, { maxLength: 4 }),
      text: fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}\u0000${b}`),
    });
    const before = await rowCounts();
    for (const route of routes) {
      await fc.assert(fc.asyncProperty(planted, async ({ base, path, text }) => {
        let value: unknown = text;
        for (const key of [...path].reverse()) {
          value = typeof key === 'number' ? [...Array<unknown>(key).fill(1), value] : { [key]: value };
        }
        const body = { ...base, x: value };
        const expected = ['x', ...path].map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
        const response = await app.request(route.url, {
          method: route.method, headers: { authorization: `Bearer ${world.payer.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
        });
        expect(response.status, `${route.method} ${route.url} ${JSON.stringify(body)}`).toBe(422);
        expect((await json(response)).errors, `${route.method} ${route.url}`).toContainEqual(expect.objectContaining({ location: 'body', path: expected }));
      }), { numRuns: Number(process.env.FC_RUNS ?? 10) });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('in a CSV cell of claims or results (a 500 before), and in the CSV header: 422 naming the row and column, nothing stored', async () => {
    const before = await rowCounts();
    await expectProblem(await postCsv(`/v1/contracts/${contractId}/claims`, `${claimsHeader}\nP-5,job_entry,cohort_1,2024-03-01,,pay\u0000slip\n`),
      422, 'validation_failed', { location: 'csv', row: 1, column: 'evidence' });
    await expectProblem(await postCsv(`/v1/contracts/${contractId}/claims`, `${claimsHeader}\nP-5,job_entry,cohort_1,2024-03-01,,x\nP-6,job_entry,coh\u0000ort_1,2024-03-01,,x\n`),
      422, 'validation_failed', { location: 'csv', row: 2, column: 'cohort', path: 'rows[2].cohort', message: expect.stringMatching(/NUL/) });
    await expectProblem(await postCsv(`/v1/contracts/${contractId}/claims`, `participant_ref,outcome,cohort,achieved_on,evi\u0000dence\nP-5,job_entry,cohort_1,2024-03-01,x\n`),
      422, 'validation_failed', { location: 'csv', row: 0, column: 'evi\\u0000dence' });
    const { id: aggregateId } = await activeContract(world, aggregateDefinition());
    const resultsHeader = 'metric,cohort,measured_on,treatment_value,methodology,methodology_version,measured_by';
    const metric = aggregateDefinition().metrics![0]!.key;
    const cohort = aggregateDefinition().cohorts![0]!.key;
    await expectProblem(await postCsv(`/v1/contracts/${aggregateId}/results`, `${resultsHeader}\n${metric},${cohort},2024-06-30,10,RCT\u0000,v1,QinetiQ\n`),
      422, 'validation_failed', { location: 'csv', row: 1, column: 'methodology' });
    const after = await rowCounts();
    // The second contract's own rows (version, approvals, audit) are the only difference.
    for (const table of ['participant_claim', 'aggregate_result', 'submission']) expect(after[table], table).toBe(before[table]);
  });
});

describe('participant references must be pseudonymous codes (issue 13 item 8; each was stored or misnamed before)', () => {
  const refused = [
    ['Dupont', /looks like a name/],
    ['jean-dupont', /looks like a name/],
    ['FR7630006000011234567890189', /an IBAN \(bank account number\)/],
    ['GB82 WEST 1234 5698 7654 32', /an IBAN \(bank account number\)/],
    ['1 85 05 78 006 084 36', /a French social-security number \(NIR\)/],
    ['185057800608436', /a French social-security number \(NIR\)/],
    ['2850578006084', /a French social-security number \(NIR\)/],
  ] as const;
  for (const [ref, message] of refused) {
    it(`refuses "${ref}" (${message.source.replace(/\\/g, '')}), saying references must be pseudonymous codes, and stores nothing`, async () => {
      const before = await count('participant_claim');
      const problem = await expectProblem(await postCsv(`/v1/contracts/${contractId}/claims`, `${claimsHeader}\n"${ref}",job_entry,cohort_1,2024-03-01,,x\n`),
        422, 'validation_failed', { location: 'csv', row: 1, column: 'participant_ref', message: expect.stringMatching(message) });
      expect(problem.errors[0].message).toMatch(/participant references must be pseudonymous codes/);
      expect(problem.errors[0].message).not.toMatch(/phone/);
      expect(JSON.stringify(problem)).not.toContain(ref); // the refused value is not echoed back
      expect(await count('participant_claim')).toBe(before);
    });
  }

  it('still refuses e-mail addresses, phone numbers and National Insurance numbers, and accepts codes (a near-IBAN included)', async () => {
    const problem = await json(await postCsv(`/v1/contracts/${contractId}/claims`, `${claimsHeader}\n` + [
      'jane@example.org', '+44 7700 900123', 'QQ123456C', 'P-77', 'GB82WEST12345698765433',
    ].map((r) => `${r},job_entry,cohort_1,2024-03-01,,x`).join('\n') + '\n'));
    expect(problem.errors.map((e: { row: number; message: string }) => [e.row, e.message.split(';')[0]])).toEqual([
      [1, 'looks like an e-mail address'], [2, 'looks like a phone number'], [3, 'looks like a National Insurance number'],
    ]);
  });

  it('a contract may declare its own reference pattern (data.participantReferencePattern), which uploads must match', async () => {
    const { id } = await activeContract(world, rateCardDefinition({ reference: 'TEST-PATTERN', data: { participantReferencePattern: '^P[0-9]{6}$' } }));
    const before = await count('participant_claim');
    const problem = await expectProblem(await postCsv(`/v1/contracts/${id}/claims`, `${claimsHeader}\nP000123,job_entry,cohort_1,2024-03-01,,x\nP-0001,job_entry,cohort_1,2024-03-01,,x\nP1234567,job_entry,cohort_1,2024-03-01,,x\n`),
      422, 'validation_failed', { location: 'csv', row: 2, column: 'participant_ref', message: "does not match this contract's participant reference pattern ^P[0-9]{6}$" });
    expect(problem.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(await count('participant_claim')).toBe(before);
    await expectProblem(await world.operator.api.post(`/v1/contracts/${id}/claims`, {
      claims: [{ participantRef: 'X000123', outcome: 'job_entry', cohort: 'cohort_1', achievedOn: '2024-03-01', evidence: ['x'] }],
    }), 422, 'validation_failed', { row: 1, column: 'participant_ref' });
    expect((await postCsv(`/v1/contracts/${id}/claims`, `${claimsHeader}\nP000123,job_entry,cohort_1,2024-03-01,,x\n`)).status).toBe(201);
    const stored = await json(await world.payer.api.get(`/v1/contracts/${id}`));
    expect(JSON.stringify(stored)).toContain('^P[0-9]{6}$');
  });

  it('a reference pattern that does not compile, or could take exponential time, is refused at registration with its path', async () => {
    for (const [pattern, message] of [['P[0-9', /not a valid regular expression/], ['^(a+)+$', /exponential/], ['(\\d)\\1', /backreferences/]] as const) {
      const response = await world.payer.api.post('/v1/contracts', {
        definition: rateCardDefinition({ reference: 'TEST-BAD-PATTERN', data: { participantReferencePattern: pattern } }), parties: bindings(world),
      });
      await expectProblem(response, 422, 'validation_failed', { path: 'definition.data.participantReferencePattern', message: expect.stringMatching(message) });
    }
    const schema = await json(await world.payer.api.get('/v1/schemas/contract-definition'));
    expect(JSON.stringify(schema)).toContain('participantReferencePattern');
  });
});

describe('Content-Security-Policy on every response (issue 13 item 9; none before)', () => {
  const strict = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

  it('is strict on JSON, problem+json, 404, /openapi.json and CSV exports', async () => {
    const responses = {
      health: await app.request('/healthz'),
      json: await world.payer.api.get(`/v1/contracts/${contractId}`),
      unauthenticated: await app.request('/v1/me'),
      missing: await app.request('/nowhere'),
      invalid: await world.evaluator.api.get(`/v1/contracts/${contractId}/claims?limit=x`),
      openapi: await app.request('/openapi.json'),
      csv: await world.payer.api.get(`/v1/contracts/${contractId}/obligations/export`),
      claimsCsv: await world.evaluator.api.get(`/v1/contracts/${contractId}/claims/export`),
      created: await world.admin.post('/v1/organisations', { name: 'CSP check', kind: 'operator' }),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers.get('content-security-policy'), name).toBe(strict);
    }
    expect(responses.csv.headers.get('content-type')).toContain('text/csv');
    expect(responses.invalid.status).toBe(400);
  });

  it('on /docs allows scripts by a per-request nonce only: no other origin, not even for the Scalar script', async () => {
    const first = await app.request('/docs');
    expect(first.status).toBe(200);
    const policy = first.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'(;|$)/.exec(policy)?.[1];
    expect(nonce, policy).toBeDefined();
    for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "connect-src 'self'"]) expect(policy).toContain(directive);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g)!;
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).toContain('/openapi.json');
    const second = await app.request('/docs');
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  it('on /docs names no origin but its own, and the Scalar script it loads is served here', async () => {
    const response = await app.request('/docs');
    expect(response.headers.get('content-security-policy')).not.toMatch(/https?:/);
    const src = /<script nonce="[^"]+" src="([^"]+)"/.exec(await response.text())?.[1];
    expect(src).toMatch(/^\/docs\/assets\/scalar-[\d.]+\.js$/);
    expect((await app.request(src!)).status).toBe(200);
  });
});

describe('failed authentication is limited per client address (issue 13 item 9; unlimited before)', () => {
  it('defaults: 20 failures a minute, X-Forwarded-For not trusted', () => {
    const config = loadConfig({});
    expect(config.AUTH_FAILURES_PER_MINUTE).toBe(20);
    expect(config.TRUST_PROXY).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });

  it('after N failures from one address: 429 with Retry-After, even for a valid key, until the bucket refills; other addresses unaffected', async () => {
    let now = new Date('2025-03-01T12:00:00Z');
    const limited = createTestApp(database, { clock: () => now, config: { AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: 'true' } });
    const from = (address: string, key: string | undefined) =>
      limited.request('/v1/me', { headers: { 'x-forwarded-for': `198.51.100.1, ${address}`, ...(key ? { authorization: `Bearer ${key}` } : {}) } });
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) expect((await from(attacker, undefined)).status, 'no key: not a guess, not counted').toBe(401);
    for (let i = 0; i < 3; i++) expect((await from(attacker, `olk_guess_${i}`)).status).toBe(401);
    const blocked = await from(attacker, 'olk_guess_3');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await json(blocked)).code).toBe('rate_limited');
    expect((await from(attacker, world.payer.key)).status, 'a valid key from the blocked address').toBe(429);
    expect((await from('192.0.2.44', world.payer.key)).status, 'a valid key from another address').toBe(200);
    expect((await from('192.0.2.44', 'olk_guess_x')).status, 'a failure from another address').toBe(401);
    now = new Date(now.getTime() + 25_000); // refilled by 1.25 tokens
    expect((await from(attacker, world.payer.key)).status).toBe(200);
    now = new Date(now.getTime() + 60_000);
    expect((await from(attacker, world.payer.key)).status).toBe(200);
  });

  it('X-Forwarded-For is ignored unless TRUST_PROXY says so: a client cannot escape by inventing addresses', async () => {
    const limited = createTestApp(database, { config: { AUTH_FAILURES_PER_MINUTE: '2' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await limited.request('/v1/me', { headers: { authorization: `Bearer olk_guess_${i}`, 'x-forwarded-for': `10.0.0.${i}` } })).status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
  });

  it('with TRUST_PROXY=2, the client is the second entry from the right; IPv6 clients are counted per /64', async () => {
    const limited = createTestApp(database, { config: { AUTH_FAILURES_PER_MINUTE: '1', TRUST_PROXY: '2' } });
    const send = (forwarded: string) => limited.request('/v1/me', { headers: { authorization: 'Bearer olk_nope', 'x-forwarded-for': forwarded } });
    expect((await send('6.6.6.6, 2001:db8:1:2::1, 10.0.0.1')).status).toBe(401);
    expect((await send('7.7.7.7, 2001:db8:1:2:ffff::9, 10.0.0.2')).status).toBe(429);
    expect((await send('6.6.6.6, 2001:db8:1:3::1, 10.0.0.1')).status).toBe(401);
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('[2001:DB8::1]:443')).toBe('2001:db8:0:0::/64');
    expect(normaliseAddress('192.0.2.1:8080')).toBe('192.0.2.1');
  });

  it('on the Node server, by the socket\'s peer address', async () => {
    const limited = createTestApp(database, { config: { AUTH_FAILURES_PER_MINUTE: '2' } });
    const server = serve({ fetch: limited.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/me`;
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(url, { headers: { authorization: `Bearer olk_guess_${i}`, 'x-forwarded-for': `10.1.1.${i}`, 'cf-connecting-ip': `10.2.2.${i}` } })).status);
      expect(statuses).toEqual([401, 401, 429]);
      const blocked = await fetch(url, { headers: { authorization: `Bearer ${world.payer.key}` } });
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('content-security-policy')).toBeTruthy();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('is off with AUTH_FAILURES_PER_MINUTE=0', async () => {
    const open = client(createTestApp(database, { config: { AUTH_FAILURES_PER_MINUTE: '0' } }), 'olk_wrong');
    for (let i = 0; i < 25; i++) expect((await open.get('/v1/me')).status).toBe(401);
  });
});
