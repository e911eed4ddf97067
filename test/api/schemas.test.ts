import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client } from '../support/world.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
});
afterAll(() => database.close());

describe('the published contract definition schema', () => {
  it('is served as JSON Schema 2020-12 without authentication', async () => {
    const response = await createTestApp(database).request('/v1/schemas/contract-definition');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/schema+json');
    const schema = await json(response);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$ref).toBe('#/$defs/ContractDefinition');
    const root = schema.$defs.ContractDefinition;
    expect(root.required).toEqual(expect.arrayContaining(['reference', 'currency', 'term', 'parties', 'pricing', 'evaluation']));
    expect(root.additionalProperties).toBe(false);
    const defs = JSON.stringify(schema);
    for (const kind of ['rate_card', 'counterfactual_threshold', 'tiered', 'linear', 'volume_banded', 'savings_share', 'weighted_composite']) {
      expect(defs).toContain(`"${kind}"`);
    }
  });

  it('validates a definition without registering it', async () => {
    const api = client(createTestApp(database), ADMIN_KEY);
    const ok = await api.post('/v1/schemas/contract-definition/validate', JSON.parse(readFileSync('contracts/peterborough.json', 'utf8')));
    expect(ok.status).toBe(200);
    expect((await json(ok)).valid).toBe(true);
    const bad = await api.post('/v1/schemas/contract-definition/validate', rateCardDefinition({ currency: 'ZZZ', evaluation: { schedule: 'x', timeZone: 'UTC' } }));
    expect(bad.status).toBe(422);
    expect((await json(bad)).errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['currency', 'evaluation.schedule']));
  });
});
