import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client } from '../support/world.ts';

const files = readdirSync('contracts').filter((f) => f.endsWith('.json')).map((f) => `contracts/${f}`);

let database: TestDatabase;
let target: Target;
let app: ReturnType<typeof createTestApp>;
beforeAll(async () => {
  database = await openTestDatabase();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database);
  target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => app.request(path, init), close: async () => {} };
});
afterAll(() => database.close());

describe('every contract in contracts/', () => {
  it('there are example contracts', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`${file}: registers, is approved, amended and terminated by the right parties only`, async () => {
      const loaded = await loadContract(target, file, { approve: true });
      expect(loaded.status).toBe('active');
      const party = (role: string) => loaded.parties.find((p) => p.roles.includes(role))!;
      const api = (role: string) => client(app, party(role).apiKey);
      const id = loaded.contractId;

      const original = JSON.parse(readFileSync(file, 'utf8'));
      const amendment = { definition: { ...original, title: `${original.title} (varied)` }, description: 'Title corrected', reason: 'Test variation' };
      expect((await api('operator').post(`/v1/contracts/${id}/amendments`, amendment)).status).toBe(403);
      expect((await api('investor').post(`/v1/contracts/${id}/amendments`, amendment)).status).toBe(403);
      const proposed = await api('outcome_payer').post(`/v1/contracts/${id}/amendments`, amendment);
      expect(proposed.status).toBe(201);
      const version = await json(proposed);
      for (const approver of loaded.parties.filter((p) => p.roles.some((r) => ['outcome_payer', 'investor', 'operator'].includes(r)))) {
        expect((await client(app, approver.apiKey).post(`/v1/contracts/${id}/approvals`, { contentHash: version.contentHash })).status).toBe(200);
      }
      const amended = await json(await api('investor').get(`/v1/contracts/${id}`));
      expect(amended.currentVersion.number).toBe(2);
      expect(amended.title).toBe(`${original.title} (varied)`);

      expect((await api('operator').post(`/v1/contracts/${id}/termination`, { terminatedOn: original.term.end, reason: 'x' })).status).toBe(403);
      const terminated = await api('outcome_payer').post(`/v1/contracts/${id}/termination`, { terminatedOn: original.term.end, reason: 'End of term' });
      expect(terminated.status).toBe(200);
      expect((await json(terminated)).status).toBe('terminated');
    });
  }
});
