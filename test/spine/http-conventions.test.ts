import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { sharedDatabase } from '../../src/db/database.ts';
import { openPgliteDatabase } from '../../src/db/pglite.ts';
import { openPostgresDatabase } from '../../src/db/postgres.ts';
import { silentLogger } from '../../src/logging/logger.ts';
import { createTestApp, recordingLogger } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { sql } from 'kysely';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { ADMIN_KEY, client, createMember } from '../support/world.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
});
afterAll(() => database.close());

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await json(response);
  expect(body).toMatchObject({ status, code, type: `urn:outcome-ledger:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  expect(body.requestId).toBe(requestId);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  return body;
}

describe('HTTP conventions', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const app = createTestApp(database);
    const body = await expectProblem(await app.request('/v1/no-such-thing'), 404, 'not_found');
    expect(body.instance).toBe('/v1/no-such-thing');
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const app = createTestApp(database);
    const response = await app.request('/healthz', { method: 'DELETE' });
    await expectProblem(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toContain('GET');
  });

  it('puts a request id on every response, and keeps a well-formed one the client sent', async () => {
    const app = createTestApp(database);
    const ok = await app.request('/healthz');
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await app.request('/healthz', { headers: { 'x-request-id': 'client-chosen-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('client-chosen-123');
  });

  it('sends security headers', async () => {
    const app = createTestApp(database);
    const response = await app.request('/healthz');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('logs one line per request with status and duration', async () => {
    const logger = recordingLogger();
    const app = createTestApp(database, { logger });
    await app.request('/healthz', { headers: { authorization: 'Bearer ol_secret_should_not_appear' } });
    const requests = logger.lines.filter((l) => l.message === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.fields).toMatchObject({ method: 'GET', path: '/healthz', status: 200 });
    expect(typeof requests[0]!.fields.durationMs).toBe('number');
    expect(JSON.stringify(logger.lines)).not.toContain('ol_secret_should_not_appear');
  });

  it('answers 503, not 500, when the embedded database is gone', async () => {
    const closed = await openPgliteDatabase();
    await closed.close();
    const app = createApp({ database: sharedDatabase(closed), clock: () => new Date(), config: loadConfig({}), logger: silentLogger });
    const response = await app.request('/readyz');
    await expectProblem(response, 503, 'database_unavailable');
    expect(response.headers.get('retry-after')).toBeTruthy();
  });

  it('answers 503, not 500, when the PostgreSQL server cannot be reached', async () => {
    const unreachable = openPostgresDatabase({ url: 'postgres://nobody@127.0.0.1:9/none', connectTimeoutSeconds: 2 });
    try {
      const app = createApp({ database: sharedDatabase(unreachable), clock: () => new Date(), config: loadConfig({}), logger: silentLogger });
      await expectProblem(await app.request('/readyz'), 503, 'database_unavailable');
    } finally {
      await unreachable.close();
    }
  });
});

describe('error statuses produced by real requests', () => {
  const admin = () => client(createTestApp(database), ADMIN_KEY);

  it('400 for malformed JSON', async () => {
    const response = await admin().send('/v1/organisations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": "x",' });
    await expectProblem(response, 400, 'malformed_body');
  });

  it('400 for an invalid query parameter, naming it', async () => {
    const body = await expectProblem(await admin().get('/v1/organisations?limit=lots'), 400, 'invalid_request');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'query', path: 'limit' })]);
  });

  it('400 for an invalid path parameter, naming it', async () => {
    const body = await expectProblem(await admin().get('/v1/organisations/not-a-uuid'), 400, 'invalid_request');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'path', path: 'id' })]);
  });

  it('401 without a key', async () => {
    await expectProblem(await createTestApp(database).request('/v1/me'), 401, 'unauthenticated');
  });

  it('403 for an action the caller may not take', async () => {
    const member = await createMember(createTestApp(database), 'Someone', 'investor');
    await expectProblem(await member.api.post('/v1/organisations', { name: 'x', kind: 'investor' }), 403, 'forbidden');
  });

  it('404 for a missing resource', async () => {
    await expectProblem(await admin().get('/v1/organisations/019a0000-0000-7000-8000-000000000000'), 404, 'not_found');
  });

  it('409 for a conflicting state change', async () => {
    const member = await createMember(createTestApp(database), 'Keys', 'investor');
    const keys = await json(await member.api.get(`/v1/organisations/${member.id}/api-keys`));
    const extra = await json(await member.api.post(`/v1/organisations/${member.id}/api-keys`, {}));
    expect(keys.items).toHaveLength(1);
    await member.api.delete(`/v1/organisations/${member.id}/api-keys/${extra.id}`);
    await expectProblem(await member.api.delete(`/v1/organisations/${member.id}/api-keys/${extra.id}`), 409, 'invalid_state');
  });

  it('413 for a body over the limit', async () => {
    const app = createTestApp(database, { config: { JSON_BODY_LIMIT_BYTES: '200' } });
    const response = await client(app, ADMIN_KEY).post('/v1/organisations', { name: 'x'.repeat(300), kind: 'investor' });
    await expectProblem(response, 413, 'payload_too_large');
    const chunked = await app.request('/v1/organisations', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(JSON.stringify({ name: 'y'.repeat(400), kind: 'investor' }))); c.close(); } }),
      duplex: 'half',
    } as RequestInit);
    await expectProblem(chunked, 413, 'payload_too_large');
  });

  it('415 for a body of the wrong content type', async () => {
    const response = await admin().send('/v1/organisations', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'name=x' });
    await expectProblem(response, 415, 'unsupported_media_type');
  });

  it('422 for a well-formed body that is not valid, naming each field', async () => {
    const body = await expectProblem(await admin().post('/v1/organisations', { name: '', kind: 'bank' }), 422, 'validation_failed');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['kind', 'name']);
    expect(body.errors.every((e: { location: string }) => e.location === 'body')).toBe(true);
  });

  it('500 for an unexpected failure, without leaking internals', async () => {
    await sql`alter table organisation rename to organisation_moved`.execute(database.db);
    try {
      const response = await admin().get('/v1/organisations');
      const body = await expectProblem(response, 500, 'internal_error');
      expect(JSON.stringify(body)).not.toMatch(/organisation_moved|relation|stack|\.ts/);
    } finally {
      await sql`alter table organisation_moved rename to organisation`.execute(database.db);
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a key exceeds its requests per minute, per key', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const app = createTestApp(database, { config: { RATE_LIMIT_PER_MINUTE: '3' }, clock: () => now });
    const admin = client(app, ADMIN_KEY);
    for (let i = 0; i < 3; i++) expect((await admin.get('/v1/me')).status).toBe(200);
    const limited = await admin.get('/v1/me');
    const body = await expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(20);
    expect(body.detail).toMatch(/3 requests a minute/);
    const other = await createMember(createTestApp(database), 'Other', 'investor');
    expect((await client(app, other.key).get('/v1/me')).status).toBe(200);
    now = new Date(now.getTime() + 20_000);
    expect((await admin.get('/v1/me')).status).toBe(200);
    expect((await admin.get('/v1/me')).status).toBe(429);
  });
});
