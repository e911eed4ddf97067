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

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
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
