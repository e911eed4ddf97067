import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { CANNOT_CARRY } from '../../src/domain/indigo/import.ts';
import { propertiesOutsideStandard, validateIndigoOrganisation, validateIndigoProject } from '../../src/domain/indigo/standard.ts';
import { ensureAdministrator } from '../../src/runtime/bootstrap-admin.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { json } from '../support/http.ts';
import { ADMIN_KEY, client } from '../support/world.ts';

/**
 * Every example contract, loaded through the API with its sample data (registered, approved by
 * every party, data uploaded and validated), exports INDIGO records that validate against the
 * standard (release 4.1.0, vendored), and imports back into a draft whose definition differs from
 * the original only in the terms the standard cannot carry.
 */
let database: TestDatabase;
let app: ReturnType<typeof createTestApp>;
let target: Target;
let now = new Date();
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  await ensureAdministrator(database.db, ADMIN_KEY);
  app = createTestApp(database, { clock: () => now });
  target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => app.request(path, init), close: async () => {} };
});

const files = readdirSync('contracts').filter((f) => f.endsWith('.json')).sort();
const dataFor = (file: string) => readdirSync('contracts/data').filter((d) => d.startsWith(`${file.replace(/\.json$/, '')}.`)).map((d) => `contracts/data/${d}`);

/** The top-level terms (and parts of terms) that differ between two definitions. */
function differences(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

// The terms the standard cannot carry, as the import lists them, by top-level term of the definition.
const cannotCarry = new Set(CANNOT_CARRY.map((m) => m.path.split(/[.[]/)[0]!));

/** What every example contract loses in an export → import round trip (top-level terms of the definition). */
const ROUND_TRIP_LOSSES = [
  'assumptions', 'cohorts', 'distribution', 'evaluation', 'investors', 'metrics', 'parties', 'payers', 'periods', 'pricing', 'reference', 'scenarios', 'source',
];

describe('INDIGO export and import of every example contract', () => {
  it.each(files)('%s: exports valid INDIGO records and imports back, losing only what the standard cannot carry', async (file) => {
    now = new Date('2026-11-23T12:00:00Z');
    const l = await loadContract(target, `contracts/${file}`, { approve: true, data: dataFor(file), validate: dataFor(file).length > 0 });
    const payer = l.parties.find((p) => p.roles.includes('outcome_payer'))!;
    const res = await client(app, payer.apiKey).get(`/v1/contracts/${l.contractId}/export/indigo`);
    expect(res.status).toBe(200);
    const exported = await json(res);
    expect(exported.standard).toEqual({ name: 'INDIGO impact bond data standard', version: '4.1.0' });
    const organisationIds = new Set<string>(exported.organisations.map((o: { id: string }) => o.id));
    expect(validateIndigoProject(exported.project, { organisationIds })).toEqual([]);
    expect(propertiesOutsideStandard('project', exported.project)).toEqual([]);
    expect(exported.organisations.length).toBe(organisationIds.size);
    for (const o of exported.organisations) {
      expect(validateIndigoOrganisation(o.data)).toEqual([]);
      expect(propertiesOutsideStandard('organisation', o.data)).toEqual([]);
      expect(o.id).toMatch(/^XI-OUTCOMELEDGER-[0-9a-f-]{36}$/); // the loader declares no identifiers
    }
    // Signed: when the last required party approved version 1 (the test clock).
    expect(exported.project.dates.outcomes_contract_signed.value).toBe('2026-11-23');

    const imported = await client(app, payer.apiKey).post('/v1/contracts/import/indigo', { project: exported.project, organisations: exported.organisations });
    expect(imported.status).toBe(200);
    const result = await json(imported);
    expect(result.stored).toBe(false);
    // Every party found again, bound to the same organisation.
    const originalBindings = Object.fromEntries(l.parties.map((p) => [p.name, p.organisationId]));
    const draftParties = result.draft.definition.parties as { key: string; name: string }[];
    expect(draftParties.map((p) => result.draft.parties[p.key]).sort()).toEqual(
      [...new Set(l.definition.parties.map((p) => originalBindings[p.name] ?? l.parties.find((x) => x.partyKey === p.key)?.organisationId))].sort());
    const original = l.definition as unknown as Record<string, unknown>;
    const diff = differences(original, result.draft.definition);
    // Exactly the terms the standard cannot carry, and parties/payers (their keys are internal to a
    // definition: the draft's keys are made from the organisation names).
    const expected = [...ROUND_TRIP_LOSSES, ...(original.maximumOutcomePayment ? ['maximumOutcomePayment'] : []), ...(original.publication ? ['publication'] : [])].sort();
    expect(diff).toEqual(expected);
    expect(diff.filter((k) => !cannotCarry.has(k) && k !== 'parties' && k !== 'payers')).toEqual([]);
    // What it carries, it carries exactly.
    for (const k of ['title', 'policyArea', 'jurisdiction', 'currency', 'term']) expect(result.draft.definition[k], k).toEqual(original[k]);
    expect(result.draft.definition.source.urls).toEqual((original.source as { urls: string[] } | undefined)?.urls ?? []);
    expect(result.missing.map((m: { path: string }) => m.path)).toEqual(expect.arrayContaining(CANNOT_CARRY.map((m) => m.path)));
  });
});

describe('INDIGO import: registering the draft', () => {
  it('registers a draft once the missing terms are completed and every party bound; only an outcome payer may', async () => {
    now = new Date('2026-11-23T12:00:00Z');
    const l = await loadContract(target, 'contracts/peterborough.json', { approve: true });
    const payer = l.parties.find((p) => p.roles.includes('outcome_payer'))!;
    const investor = l.parties.find((p) => p.roles.includes('investor'))!;
    const exported = await json(await client(app, payer.apiKey).get(`/v1/contracts/${l.contractId}/export/indigo`));
    const original = l.definition as unknown as Record<string, unknown>;
    const complete = Object.fromEntries(['reference', 'cohorts', 'periods', 'metrics', 'pricing', 'parties', 'payers', 'investors', 'evaluation', 'distribution', 'scenarios', 'source', 'assumptions', 'maximumOutcomePayment']
      .filter((k) => original[k] !== undefined).map((k) => [k, original[k]]));
    complete.reference = `${String(original.reference)}-REIMPORT`;
    const parties = Object.fromEntries(l.parties.map((p) => [p.partyKey, p.organisationId]));
    const request = { project: exported.project, organisations: exported.organisations, complete, parties };
    const refused = await client(app, investor.apiKey).post('/v1/contracts/import/indigo', request);
    expect(refused.status).toBe(403);
    const stored = await client(app, payer.apiKey).post('/v1/contracts/import/indigo', request);
    expect(stored.status).toBe(201);
    const body = await json(stored);
    expect(body.stored).toBe(true);
    expect(body.contract).toMatchObject({ reference: complete.reference, status: 'draft' });
    // A record that breaks the standard is refused, naming where.
    const bad = await client(app, payer.apiKey).post('/v1/contracts/import/indigo', { project: { ...exported.project, stage_development: { value: 'Late-stage design' } } });
    expect(bad.status).toBe(422);
    expect((await json(bad)).errors.map((e: { path: string }) => e.path)).toContain('project.stage_development.value');
  });
});

describe('Organisation identifiers in the INDIGO export', () => {
  it('names an organisation by the identifier it declared at registration, once, unique and in org-id form', async () => {
    const { createWorld, activeContract, bindings } = await import('../support/world.ts');
    const { rateCardDefinition } = await import('../support/fixtures.ts');
    now = new Date('2025-01-15T09:00:00Z');
    const admin = client(app, ADMIN_KEY);
    expect((await admin.post('/v1/organisations', { name: 'Bad id', kind: 'operator', identifier: 'not an id' })).status).toBe(422);
    const declared = await admin.post('/v1/organisations', { name: 'Declared Ltd', kind: 'operator', identifier: 'GB-COH-09506232' });
    expect(declared.status).toBe(201);
    expect((await admin.post('/v1/organisations', { name: 'Copycat', kind: 'operator', identifier: 'GB-COH-09506232' })).status).toBe(409);
    const world = await createWorld(database, app);
    const { id: operatorId } = await json(declared);
    const key = await json(await admin.post(`/v1/organisations/${operatorId}/api-keys`, { scope: 'admin' }));
    const operator = { ...world.operator, id: operatorId, key: key.key, api: client(app, key.key) };
    const { id } = await activeContract({ ...world, operator }, rateCardDefinition(), { ...bindings(world), operator: operatorId });
    const exported = await json(await world.payer.api.get(`/v1/contracts/${id}/export/indigo`));
    expect(exported.project.service_provisions[0].organisation_id.value).toBe('GB-COH-09506232');
    const record = exported.organisations.find((o: { id: string }) => o.id === 'GB-COH-09506232');
    expect(record.data).toMatchObject({ name: { value: 'Declared Ltd' }, jurisdiction: { value: 'GB' }, 'org-ids': { primary: { value: 'GB-COH-09506232' } } });
    expect(exported.organisations.find((o: { id: string }) => o.id === `XI-OUTCOMELEDGER-${world.payer.id}`).data.type).toEqual({ value: 'Government body' });
    // Signed: the date the last required party approved version 1, in the contract's time zone.
    expect(exported.project.dates.outcomes_contract_signed).toEqual({ value: '2025-01-15', status: 'PUBLIC' });
    expect(validateIndigoProject(exported.project, { organisationIds: new Set(exported.organisations.map((o: { id: string }) => o.id)) })).toEqual([]);
  });
});
