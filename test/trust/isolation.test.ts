import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, client, createMember, createWorld, type Member } from '../support/world.ts';

/**
 * The isolation matrix, derived from /openapi.json so that a new route is covered automatically:
 * every contract route × every role × the administrator × a foreign organisation × no key.
 * A non-party gets 404 (exactly like a missing contract), a party without the role 403, no key 401.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let document: any;
const members: Record<string, Member> = {};
let contractId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = createTestApp(database);
  const world = await createWorld(database, app);
  Object.assign(members, {
    outcome_payer: world.payer, investor: world.investor, operator: world.operator, evaluator: world.evaluator, outsider: world.outsider,
    validator: await createMember(app, 'Validator', 'validator'),
    intermediary: await createMember(app, 'Intermediary', 'intermediary'),
  });
  const base = rateCardDefinition();
  const definition = {
    ...base,
    parties: [...base.parties!, { key: 'validator', name: 'Validator', roles: ['validator'] }, { key: 'intermediary', name: 'Intermediary', roles: ['intermediary'] }],
  };
  ({ id: contractId } = await activeContract(world, definition, {
    payer: world.payer.id, investor: world.investor.id, operator: world.operator.id, evaluator: world.evaluator.id,
    validator: members.validator!.id, intermediary: members.intermediary!.id,
  } as never));
  await world.operator.api.send(`/v1/contracts/${contractId}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-01,x\n' });
  await world.evaluator.api.post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} });
  const evaluation = await json(await world.payer.api.post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31' }));
  ids.evaluationId = evaluation.evaluation.id;
  ids.recordId = (await json(await world.payer.api.get(`/v1/contracts/${contractId}/claims`))).items[0].id;
  ids.number = '1';
  document = await json(await app.request('/openapi.json'));
}, 120_000);
afterAll(() => database.close());

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
function contractOperations() {
  const ops: { path: string; method: string; roles: string[] | undefined; adminAllowed: boolean }[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    if (!path.startsWith('/v1/contracts/{id}')) continue;
    for (const method of methods) {
      if (item[method]) ops.push({ path, method, roles: item[method]['x-contract-roles'], adminAllowed: item[method]['x-admin-allowed'] === true });
    }
  }
  return ops;
}

function urlOf(path: string) {
  return path.replace('{id}', contractId).replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? '019a0000-0000-7000-8000-00000000abcd');
}

async function call(key: string | undefined, method: string, path: string) {
  const api = client(app, key);
  const url = urlOf(path);
  if (method === 'get') return api.get(url);
  if (method === 'delete') return api.delete(url);
  return api.send(url, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: '{}' });
}

const roles = ['outcome_payer', 'investor', 'operator', 'evaluator', 'validator', 'intermediary'];

describe('isolation matrix over every contract route in /openapi.json', () => {
  it('covers every contract route, each declaring the roles allowed', () => {
    const ops = contractOperations();
    expect(ops.length).toBeGreaterThanOrEqual(30);
    for (const op of ops) expect(op.roles, `${op.method.toUpperCase()} ${op.path} declares x-contract-roles`).toBeDefined();
  });

  it('no key: 401 everywhere', async () => {
    for (const op of contractOperations()) {
      const r = await call(undefined, op.method, op.path);
      expect(r.status, `${op.method.toUpperCase()} ${op.path}`).toBe(401);
    }
  });

  it('a foreign organisation: 404, the same answer as for a contract that does not exist', async () => {
    for (const op of contractOperations()) {
      const r = await call(members.outsider!.key, op.method, op.path);
      expect(r.status, `${op.method.toUpperCase()} ${op.path}`).toBe(404);
      expect((await json(r)).detail).toBe('No such contract.');
    }
  });

  it('the platform administrator: 404 except where it is explicitly allowed', async () => {
    for (const op of contractOperations()) {
      const r = await call('olk_test_administrator_key_0123456789abcdef', op.method, op.path);
      if (op.adminAllowed) expect([401, 403, 404], `${op.method.toUpperCase()} ${op.path}`).not.toContain(r.status);
      else expect(r.status, `${op.method.toUpperCase()} ${op.path}`).toBe(404);
    }
  });

  for (const role of roles) {
    it(`role ${role}: allowed routes answer, all others 403`, async () => {
      for (const op of contractOperations()) {
        const r = await call(members[role]!.key, op.method, op.path);
        const where = `${role} ${op.method.toUpperCase()} ${op.path} → ${r.status}`;
        if (op.roles!.includes(role)) {
          expect([401, 403], where).not.toContain(r.status);
          if (r.status === 404) expect((await json(r)).detail, where).not.toBe('No such contract.');
          expect(r.status, where).toBeLessThan(500);
        } else {
          expect(r.status, where).toBe(403);
        }
      }
    });
  }
});
