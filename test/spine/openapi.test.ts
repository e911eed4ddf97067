import { gunzipSync } from 'node:zlib';
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
/** Operations of the top-level `webhooks` (requests this service sends), named by their webhook. */
function webhookOperations() {
  const out: { path: string; method: string; op: any }[] = [];
  for (const [name, item] of Object.entries<any>(document.webhooks ?? {})) {
    for (const method of methods) if (item[method]) out.push({ path: `webhook ${name}`, method, op: item[method] });
  }
  return out;
}

describe('/openapi.json', () => {
  it("is OpenAPI 3.1: a bearer API key, or a person's session cookie (either one)", () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(document.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
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

  it('gives every operation a unique camelCase operationId, webhooks included', () => {
    const all = [...operations(), ...webhookOperations()];
    const ids = all.map(({ op }) => op.operationId);
    for (const [i, { path, method }] of all.entries()) {
      expect(ids[i], `${method.toUpperCase()} ${path}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    }
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // the names generated clients expose, in the domain's words
    const byRoute = Object.fromEntries(all.map(({ path, method, op }) => [`${method.toUpperCase()} ${path}`, op.operationId]));
    expect(byRoute).toMatchObject({
      'POST /v1/contracts/{id}/settlements': 'recordSettlement',
      'GET /v1/contracts/{id}/obligations': 'listObligations',
      'GET /v1/contracts/{id}/status': 'getContractStatus',
      'POST /v1/contracts/{id}/claims': 'submitClaims',
      'POST /v1/contracts/{id}/evaluations': 'evaluateContract',
    });
  });

  it('declares, with a description, every tag an operation uses, and no other', () => {
    const declared = (document.tags ?? []).map((t: { name: string }) => t.name);
    expect(declared.filter((name: string, i: number) => declared.indexOf(name) !== i)).toEqual([]);
    for (const tag of document.tags ?? []) expect(tag.description, tag.name).toBeTruthy();
    const used = new Set<string>();
    for (const { path, method, op } of [...operations(), ...webhookOperations()]) {
      expect(op.tags?.length, `${method.toUpperCase()} ${path} has a tag`).toBeGreaterThan(0);
      for (const tag of op.tags ?? []) used.add(tag);
    }
    expect([...used].filter((tag) => !declared.includes(tag)), 'used but not declared').toEqual([]);
    expect(declared.filter((tag: string) => !used.has(tag)), 'declared but not used').toEqual([]);
  });

  it('names its servers and its licence', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    for (const server of document.servers) expect(server.url).toBeTruthy();
    expect(document.info.license.name).toBe('Apache-2.0');
    expect(document.info.license.url ?? document.info.license.identifier).toBeTruthy();
  });

  it('documents at least one 4xx problem for every operation', () => {
    for (const { path, method, op } of operations()) {
      expect(Object.keys(op.responses).some((code) => code.startsWith('4')), `${method.toUpperCase()} ${path}`).toBe(true);
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
    // the Scalar script, served by this service (test/browser/docs-offline.test.ts renders the page)
    expect(html).toContain('<script nonce="');
    expect(html).toMatch(/src="\/docs\/assets\/scalar-1\.76\.0\.js"/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('serves the Scalar script /docs loads, pinned and cached for good; any other asset name is 404', async () => {
    const app = createTestApp(database);
    const script = await app.request('/docs/assets/scalar-1.76.0.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const text = await script.text();
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(text).toContain('createApiReference');
    const gzipped = await app.request('/docs/assets/scalar-1.76.0.js', { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(new TextDecoder().decode(gunzipSync(new Uint8Array(await gzipped.arrayBuffer())))).toBe(text);
    for (const other of ['scalar-1.75.0.js', 'standalone.js', '..%2F..%2Fpackage.json']) {
      const missing = await app.request(`/docs/assets/${other}`);
      expect(missing.status, other).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});
