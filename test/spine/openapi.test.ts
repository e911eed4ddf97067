import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
let document: any;
beforeAll(async () => {
  database = await openTestDatabase();
  const response = await createTestApp(database).request('/openapi.json');
  expect(response.status).toBe(200);
  document = await response.json();
});
afterAll(() => database.close());

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
function operations() {
  const out: { path: string; method: string; op: any }[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const method of methods) if (item[method]) out.push({ path, method, op: item[method] });
  }
  return out;
}

describe('/openapi.json', () => {
  it('is OpenAPI 3.1 with the bearer security scheme', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
  });

  it('documents Idempotency-Key and the audit receipt on every operation that writes', () => {
    const writes = operations().filter(({ path, method }) => method !== 'get' && path !== '/v1/schemas/contract-definition/validate');
    expect(writes.length).toBeGreaterThanOrEqual(13);
    for (const { path, method, op } of writes) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.parameters?.some((p: any) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'), where).toBe(true);
      const success = Object.entries<any>(op.responses).find(([status]) => status.startsWith('2'))![1];
      expect(Object.keys(success.headers ?? {}), where).toContain('Audit-Receipt');
    }
  });

  it('covers the system routes and itself', () => {
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/docs']) expect(document.paths[path]?.get).toBeDefined();
  });

  it('documents, for every operation, a success response with a schema and problem+json errors', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(0);
    for (const { path, method, op } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      const codes = Object.keys(op.responses);
      const success = codes.filter((code) => code.startsWith('2'));
      expect(success.length, where).toBeGreaterThan(0);
      for (const code of success) {
        const content = op.responses[code].content;
        if (code !== '204') expect(content && Object.values<any>(content).every((m) => m.schema), where).toBe(true);
      }
      for (const code of ['500', '503']) {
        expect(op.responses[code]?.content?.['application/problem+json']?.schema, `${where} ${code}`).toBeDefined();
      }
      for (const code of codes.filter((c) => c.startsWith('4'))) {
        expect(op.responses[code].content['application/problem+json'], `${where} ${code}`).toBeDefined();
      }
      if (op.requestBody) expect(op.requestBody.required, `${where} body required`).toBe(true);
    }
  });

  it('marks which operations need a key, and every one that does documents 401', () => {
    for (const { path, method, op } of operations()) {
      const open = Array.isArray(op.security) && op.security.length === 0;
      if (!open) expect(op.responses['401'], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
  });

  it('serves /docs, an API reference page that loads /openapi.json', async () => {
    const response = await createTestApp(database).request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('/openapi.json');
    expect(html).toContain('@scalar/api-reference');
  });
});
