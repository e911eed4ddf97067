import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tablesOfRecord } from '../../migrations/20261201T0009_tamper_evidence.ts';
import { auditVerify } from '../../src/cli/audit.ts';
import { PLATFORM_CHAIN } from '../../src/db/queries/audit.ts';
import { verifyAuditChain } from '../../src/db/queries/audit-verify.ts';
import { RECEIPT_PATTERN } from '../../src/domain/audit/receipt.ts';
import { createTestApp } from '../support/app.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/**
 * Item 5 of issue 13: what a table owner does to the tables of record behind the service's back.
 * The database refuses it (triggers, TRUNCATE included); with the triggers disabled, verification
 * of the audit trail names it, and a receipt kept from a write proves a chain cut short.
 */
let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  world = await createWorld(database, createTestApp(database));
});

const today = () => new Date().toISOString().slice(0, 10);

/** A contract with every kind of record: claims, results, reviews, an evaluation with obligations, a drawdown, a settlement and its distribution. */
async function fullStory() {
  const definition = aggregateDefinition({ distribution: { surplus: 'operator' }, payers: [{ party: 'payer', maximumCommitment: '1000000.00' }] });
  const { id } = await activeContract(world, definition);
  const header = 'metric,cohort,period,measured_on,treatment_value,comparison_value,treatment_sample_size,comparison_sample_size,methodology,methodology_version,measured_by';
  const upload = (kind: string, body: string) => world.operator.api.send(`/v1/contracts/${id}/${kind}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
  expect((await upload('results', `${header}\nreconvictions,cohort_1,,2025-12-31,140,160,1000,9000,PSM,v1,E\n`)).status).toBe(201);
  expect((await upload('claims', 'participant_ref,outcome,cohort,achieved_on\nP-1,job_entry,cohort_1,2024-03-01\n')).status).toBe(201);
  await world.evaluator.api.post(`/v1/contracts/${id}/results/reviews`, { decision: 'validated', filter: {} });
  await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
  const evaluation = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2026-01-31' }));
  const [obligation] = evaluation.evaluation.obligations;
  const drawdown = await world.investor.api.post(`/v1/contracts/${id}/drawdowns`, { drawnOn: '2024-01-15', amount: '50000.00', currency: 'GBP' });
  expect(drawdown.status).toBe(201);
  const settled = await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: obligation.id, amount: '1000.00', currency: 'GBP', settledOn: today() });
  expect(settled.status, await settled.clone().text()).toBe(201);
  return { id, drawdown, settled, drawdownId: (await json(drawdown)).id as string, settlementId: (await json(settled)).id as string };
}

const verify = async (id: string, query = '') => json(await world.payer.api.get(`/v1/contracts/${id}/audit/verify${query}`));

/** Runs `change` as the table owner with the tables' user triggers disabled, then enables them again. */
async function withTriggersOff(tables: string[], change: () => Promise<unknown>) {
  for (const t of tables) await sql`alter table ${sql.table(t)} disable trigger user`.execute(database.db);
  try {
    await change();
  } finally {
    for (const t of tables) await sql`alter table ${sql.table(t)} enable trigger user`.execute(database.db);
  }
}

const refused = (query: ReturnType<typeof sql>) => expect(query.execute(database.db)).rejects;

async function versionsOf(contractId: string) {
  const { rows } = await sql<{ id: string; number: number; status: string }>`
    select id, number, status from contract_version where contract_id = ${contractId} order by number`.execute(database.db);
  return rows;
}

describe(`the database refuses what the service never does (${backend}, as the table owner)`, () => {
  it('refuses TRUNCATE drawdown, and TRUNCATE of every table of record', async () => {
    const { id } = await fullStory();
    await refused(sql`truncate drawdown`).toThrow(/rows of drawdown are immutable: TRUNCATE refused/);
    const counted = await sql<{ n: number }>`select count(*)::int as n from drawdown where contract_id = ${id}`.execute(database.db);
    expect(counted.rows[0]!.n).toBe(1);
    for (const table of tablesOfRecord) {
      // CASCADE: otherwise a table others refer to is refused for that reason first.
      await refused(sql`truncate ${sql.table(table)} cascade`).toThrow(/are immutable: TRUNCATE refused/);
    }
    // Each table has its own statement-level BEFORE TRUNCATE trigger (tgtype: 32 = truncate, 2 = before).
    const { rows } = await sql<{ table: string }>`
      select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and t.tgenabled <> 'D' and (t.tgtype & 32) <> 0 and (t.tgtype & 2) <> 0`.execute(database.db);
    for (const table of tablesOfRecord) expect(rows.map((r) => r.table)).toContain(table);
    expect((await verify(id)).links).toMatchObject({ ok: true });
  });

  it("refuses any change to a version's definition, bindings or hash, and to its party rows", async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    const [v1] = await versionsOf(id);
    await refused(sql`update contract_version set definition = jsonb_set(definition, '{pricing,0,pricePerUnit}', '"9000.00"') where id = ${v1!.id}`)
      .toThrow(/immutable but for status and in_force_at: UPDATE of definition refused/);
    await refused(sql`update contract_version set content_hash = 'sha256:0' where id = ${v1!.id}`).toThrow(/UPDATE of content_hash refused/);
    await refused(sql`update contract_version set party_organisations = '{}' where id = ${v1!.id}`).toThrow(/UPDATE of party_organisations refused/);
    await refused(sql`delete from contract_version where id = ${v1!.id}`).toThrow(/rows of contract_version are immutable: DELETE refused/);
    await refused(sql`update contract_party set organisation_id = ${world.outsider.id} where version_id = ${v1!.id}`).toThrow(/rows of contract_party are immutable: UPDATE refused/);
    await refused(sql`delete from contract_party where version_id = ${v1!.id}`).toThrow(/rows of contract_party are immutable: DELETE refused/);
    await refused(sql`update contract_version set in_force_at = now() - interval '1 day' where id = ${v1!.id}`).toThrow(/in_force_at is set once/);
    await refused(sql`update contract_version set in_force_at = null where id = ${v1!.id}`).toThrow(/in_force_at is set once/);
  });

  it('moves a version only proposed → in_force | withdrawn and in_force → superseded; everything else is refused', async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    const amend = async (title: string) => {
      const r = await world.payer.api.post(`/v1/contracts/${id}/amendments`, { definition: aggregateDefinition({ title }), description: title, reason: 'r' });
      expect(r.status, await r.clone().text()).toBe(201);
      return json(r);
    };
    // The service's own transitions pass the triggers: proposed → withdrawn, proposed → in_force, in_force → superseded.
    await amend('Second');
    const third = await amend('Third');
    for (const member of [world.payer, world.investor, world.operator]) {
      expect((await member.api.post(`/v1/contracts/${id}/approvals`, { contentHash: third.contentHash })).status).toBe(200);
    }
    const [v1, v2, v3] = await versionsOf(id);
    expect([v1!.status, v2!.status, v3!.status]).toEqual(['superseded', 'withdrawn', 'in_force']);

    const move = (versionId: string, status: string) => sql`update contract_version set status = ${status} where id = ${versionId}`;
    for (const [v, to] of [[v1, 'in_force'], [v1, 'proposed'], [v2, 'proposed'], [v2, 'in_force'], [v3, 'proposed'], [v3, 'withdrawn']] as const) {
      await refused(move(v!.id, to)).toThrow(new RegExp(`status may not move from ${v!.status} to ${to}`));
    }
    const v4 = await amend('Fourth');
    const v4id = (await versionsOf(id))[3]!.id;
    expect(v4.status).toBe('proposed');
    await refused(move(v4id, 'superseded')).toThrow(/status may not move from proposed to superseded/);
    // Legal moves, made by hand, pass.
    await move(v3!.id, 'superseded').execute(database.db);
    await sql`update contract_version set status = 'in_force', in_force_at = now() where id = ${v4id}`.execute(database.db);
    expect((await versionsOf(id)).map((v) => v.status)).toEqual(['superseded', 'withdrawn', 'superseded', 'in_force']);
  });

  it("keeps a contract's identity, and moves its status only draft → active | terminated, active → terminated", async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    for (const [column, value] of [['reference', 'OTHER'], ['currency', 'EUR'], ['registered_by_organisation_id', world.outsider.id], ['id', '00000000-0000-4000-8000-000000000000']]) {
      await refused(sql`update contract set ${sql.ref(column!)} = ${value} where id = ${id}`).toThrow(new RegExp(`contract ${column} is immutable`));
    }
    await refused(sql`update contract set created_at = now() - interval '1 year' where id = ${id}`).toThrow(/contract created_at is immutable/);
    await refused(sql`update contract set status = 'draft' where id = ${id}`).toThrow(/contract status may not move from active to draft/);
    await refused(sql`delete from contract where id = ${id}`).toThrow(/rows of contract are immutable: DELETE refused/);
    // An amendment in force changes title and policy area: allowed.
    await sql`update contract set title = 'Renamed' where id = ${id}`.execute(database.db);
    const terminated = await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-06-30', reason: 'Programme closed' });
    expect(terminated.status, await terminated.clone().text()).toBe(200);
    await refused(sql`update contract set status = 'active' where id = ${id}`).toThrow(/contract status may not move from terminated to active/);

    const draft = await world.payer.api.post('/v1/contracts', {
      definition: aggregateDefinition({ reference: 'TEST-DRAFT' }), parties: { payer: world.payer.id, investor: world.investor.id, operator: world.operator.id, evaluator: world.evaluator.id },
    });
    const draftId = (await json(draft)).id;
    await sql`update contract set status = 'terminated' where id = ${draftId}`.execute(database.db);
  });

  it('lets an API key change only by its revocation, once; organisations never change', async () => {
    const key = await json(await world.admin.post(`/v1/organisations/${world.investor.id}/api-keys`, { label: 'laptop' }));
    await refused(sql`update api_key set label = 'other' where id = ${key.id}`).toThrow(/api_key are immutable but for their revocation: UPDATE of label refused/);
    await refused(sql`update api_key set key_hash = 'x', organisation_id = ${world.payer.id} where id = ${key.id}`).toThrow(/UPDATE of key_hash, organisation_id refused/);
    await refused(sql`delete from api_key where id = ${key.id}`).toThrow(/rows of api_key are immutable: DELETE refused/);
    expect((await world.admin.delete(`/v1/organisations/${world.investor.id}/api-keys/${key.id}`)).status).toBe(200);
    await refused(sql`update api_key set revoked_at = null, revoked_by_key_id = null where id = ${key.id}`).toThrow(/revocation is recorded once/);
    await refused(sql`update api_key set revoked_at = revoked_at + interval '1 day' where id = ${key.id}`).toThrow(/revocation is recorded once/);
    await refused(sql`update organisation set name = 'Someone else' where id = ${world.investor.id}`).toThrow(/rows of organisation are immutable: UPDATE refused/);
    await refused(sql`delete from organisation where id = ${world.outsider.id}`).toThrow(/rows of organisation are immutable: DELETE refused/);
  });
});

describe(`verification names what was changed with the triggers disabled (${backend})`, () => {
  it('a clean contract verifies, every state checked (deep included)', async () => {
    const { id } = await fullStory();
    const verified = await verify(id, '?deep=true');
    expect(verified).toMatchObject({
      ok: true, firstProblem: null, links: { ok: true }, states: { mismatches: [] }, evaluations: { checked: 1, mismatches: [] },
    });
    // contract, 4 versions/approvals…: at least one entity of every kind of the story
    expect(verified.states.checked).toBeGreaterThanOrEqual(10);
  });

  it('a contract amended, withdrawn, superseded and terminated verifies: every changed version and the contract were recorded', async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    const amend = async (title: string) => json(await world.payer.api.post(`/v1/contracts/${id}/amendments`, { definition: aggregateDefinition({ title }), description: title, reason: 'r' }));
    await amend('Second');
    const third = await amend('Third');
    for (const member of [world.payer, world.investor, world.operator]) await member.api.post(`/v1/contracts/${id}/approvals`, { contentHash: third.contentHash });
    await amend('Fourth');
    expect((await world.payer.api.post(`/v1/contracts/${id}/termination`, { terminatedOn: '2025-06-30', reason: 'Programme closed' })).status).toBe(200);
    expect((await versionsOf(id)).map((v) => v.status)).toEqual(['superseded', 'withdrawn', 'in_force', 'withdrawn']);
    const verified = await verify(id);
    expect(verified).toMatchObject({ ok: true, firstProblem: null, states: { mismatches: [], unverifiable: 0 } });
    expect(verified.states.checked).toBe(1 + 4 + 3 + 3); // the contract, 4 versions, 3 + 3 approvals
  });

  it('names a changed settlement amount', async () => {
    const { id, settlementId } = await fullStory();
    await withTriggersOff(['settlement'], () => sql`update settlement set amount = 100 where id = ${settlementId}`.execute(database.db));
    const verified = await verify(id);
    expect(verified).toMatchObject({ ok: false, links: { ok: true } });
    expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'settlement', entityId: settlementId })]);
    expect(verified.firstProblem).toMatch(new RegExp(`^Entry ${verified.states.mismatches[0].seq}: the settlement ${settlementId} now hashes to`));
  });

  it('names a changed drawdown amount', async () => {
    const { id, drawdownId } = await fullStory();
    await withTriggersOff(['drawdown'], () => sql`update drawdown set amount = 5000 where id = ${drawdownId}`.execute(database.db));
    const verified = await verify(id);
    expect(verified.ok).toBe(false);
    expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'drawdown', entityId: drawdownId })]);
    expect(verified.firstProblem).toContain(`drawdown ${drawdownId}`);
  });

  it('names a changed distribution amount, and several changes in entry order', async () => {
    const { id, drawdownId, settlementId } = await fullStory();
    const { rows } = await sql<{ id: string }>`select id from distribution where settlement_id = ${settlementId} order by id`.execute(database.db);
    await withTriggersOff(['distribution', 'drawdown'], async () => {
      await sql`update distribution set amount = amount + 1 where id = ${rows[0]!.id}`.execute(database.db);
      await sql`update drawdown set amount = 5000 where id = ${drawdownId}`.execute(database.db);
    });
    const verified = await verify(id);
    expect(verified.states.mismatches.map((m: { entityType: string; entityId: string }) => [m.entityType, m.entityId]))
      .toEqual([['drawdown', drawdownId], ['distribution', rows[0]!.id]]);
    const seqs = verified.states.mismatches.map((m: { seq: number }) => m.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(verified.firstProblem).toContain(`drawdown ${drawdownId}`);
  });

  it("names a deleted party binding of a version, and a changed definition", async () => {
    const { id } = await fullStory();
    const [v1] = await versionsOf(id);
    await withTriggersOff(['contract_party'], () => sql`delete from contract_party where version_id = ${v1!.id} and party_key = 'investor'`.execute(database.db));
    let verified = await verify(id);
    expect(verified.ok).toBe(false);
    expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'contract_version', entityId: v1!.id })]);
    expect(verified.firstProblem).toContain(`contract_version ${v1!.id}`);

    await withTriggersOff(['contract_version'], () =>
      sql`update contract_version set definition = jsonb_set(definition, '{pricing,0,pricePerUnit}', '"9000.00"') where id = ${v1!.id}`.execute(database.db));
    verified = await verify(id);
    expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'contract_version', entityId: v1!.id })]);
  });

  it('names a deleted row as gone', async () => {
    const { id, drawdownId } = await fullStory();
    await withTriggersOff(['drawdown'], () => sql`delete from drawdown where id = ${drawdownId}`.execute(database.db));
    const verified = await verify(id);
    expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'drawdown', entityId: drawdownId, reason: expect.stringMatching(/no longer exists/) })]);
  });

  it('names a changed API key on the platform chain (API and CLI function)', async () => {
    const keyId = (await sql<{ id: string }>`select id from api_key where organisation_id = ${world.investor.id}`.execute(database.db)).rows[0]!.id;
    expect(await verifyAuditChain(database.db, PLATFORM_CHAIN)).toMatchObject({ ok: true, firstProblem: null });
    await withTriggersOff(['api_key'], () => sql`update api_key set key_hash = ${'0'.repeat(64)} where id = ${keyId}`.execute(database.db));
    const verified = await verifyAuditChain(database.db, PLATFORM_CHAIN);
    expect(verified.ok).toBe(false);
    expect(verified.states.mismatches).toEqual([expect.objectContaining({ entityType: 'api_key', entityId: keyId })]);
    const lines: string[] = [];
    expect(await auditVerify(database.db, { contract: PLATFORM_CHAIN }, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain(`api_key ${keyId} now hashes to`);
  });
});

describe(`receipts prove a write is still in the chain (${backend})`, () => {
  it('every write carries one in Audit-Receipt, and verify proves it', async () => {
    const { id, settled } = await fullStory();
    const receipt = settled.headers.get('audit-receipt');
    expect(receipt).toMatch(RECEIPT_PATTERN);
    expect(receipt!.startsWith(`${id}:`)).toBe(true);
    const [, seq, hash] = /^[^:]+:(\d+):(.+)$/.exec(receipt!)!;
    for (const form of [receipt!, `${seq}:${hash}`]) {
      const verified = await verify(id, `?receipt=${encodeURIComponent(form)}`);
      expect(verified).toMatchObject({ ok: true, receipt: { seq: Number(seq), entryHash: hash, inChain: true } });
    }
  });

  it('a chain cut short still links, but a receipt taken before the cut is no longer in it', async () => {
    const { id, settled, settlementId } = await fullStory();
    const receipt = settled.headers.get('audit-receipt')!;
    expect(receipt).toMatch(RECEIPT_PATTERN);
    const [, seqText, hash] = /^[^:]+:(\d+):(.+)$/.exec(receipt)!;
    const seq = Number(seqText);
    const early = (await json(await world.payer.api.get(`/v1/contracts/${id}/audit?limit=1`))).items[0];
    expect((await verify(id, `?receipt=${encodeURIComponent(receipt)}`)).receipt.inChain).toBe(true);

    // The DBA removes the settlement — its row, its distributions and every audit entry from its own on.
    const { rows } = await sql<{ seq: number }>`select seq from audit_entry where chain = ${id} and entity_id = ${settlementId}`.execute(database.db);
    const cut = Number(rows[0]!.seq);
    expect(cut).toBeLessThanOrEqual(seq);
    await withTriggersOff(['audit_entry', 'distribution', 'settlement'], async () => {
      await sql`delete from audit_entry where chain = ${id} and seq >= ${cut}`.execute(database.db);
      await sql`delete from distribution where contract_id = ${id}`.execute(database.db);
      await sql`delete from settlement where contract_id = ${id}`.execute(database.db);
    });
    let verified = await verify(id, `?receipt=${encodeURIComponent(receipt)}`);
    expect(verified.links).toMatchObject({ ok: true, entries: cut - 1 });
    expect(verified.states.mismatches).toEqual([]);
    expect(verified.receipt).toMatchObject({ seq, entryHash: hash, inChain: false, reason: expect.stringMatching(/gone/) });
    expect(verified.ok).toBe(false);
    expect(verified.firstProblem).toMatch(new RegExp(`^The receipt for entry ${seq} .* is not in the chain`));
    // An earlier receipt is still proven.
    expect((await verify(id, `?receipt=${early.seq}:${early.entryHash}`)).receipt.inChain).toBe(true);

    // Later writes take the numbers again: the receipt's entry now hashes differently.
    for (let i = 0; i <= seq - cut; i++) {
      const upload = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
        method: 'POST', headers: { 'content-type': 'text/csv' }, body: `participant_ref,outcome,cohort,achieved_on\nP-${10 + i},job_entry,cohort_1,2024-03-01\n`,
      });
      expect(upload.status).toBe(201);
    }
    verified = await verify(id, `?receipt=${encodeURIComponent(receipt)}`);
    expect(verified.links.ok).toBe(true);
    expect(verified.receipt).toMatchObject({ inChain: false, reason: expect.stringMatching(/rewritten/) });
  });

  it('a receipt of another chain, or of an altered chain, is not in it', async () => {
    const { id, settled } = await fullStory();
    const receipt = settled.headers.get('audit-receipt')!;
    const [, seq, hash] = /^[^:]+:(\d+):(.+)$/.exec(receipt)!;
    expect((await verify(id, `?receipt=${PLATFORM_CHAIN}:${seq}:${hash}`)).receipt).toMatchObject({ inChain: false, reason: expect.stringMatching(/for chain platform/) });
    await withTriggersOff(['audit_entry'], () => sql`update audit_entry set request_id = 'forged' where chain = ${id} and seq = 2`.execute(database.db));
    const verified = await verify(id, `?receipt=${encodeURIComponent(receipt)}`);
    expect(verified.receipt).toMatchObject({ inChain: false, reason: expect.stringMatching(/broken at entry 2/) });
    expect(verified.firstProblem).toMatch(/^The chain is broken at entry 2/);
  });

  it('refuses a malformed receipt with 400 naming it, and documents it in /openapi.json', async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    for (const bad of ['12', 'abc:def', `0:sha256:${'a'.repeat(64)}`, `3:sha256:${'a'.repeat(63)}`, `3:sha256:${'A'.repeat(64)}`]) {
      const response = await world.payer.api.get(`/v1/contracts/${id}/audit/verify?receipt=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((await json(response)).errors).toEqual([expect.objectContaining({ location: 'query', path: 'receipt' })]);
    }
    const document = await json(await createTestApp(database).request('/openapi.json'));
    const parameters = document.paths['/v1/contracts/{id}/audit/verify'].get.parameters;
    const receipt = parameters.find((p: { name: string; in: string }) => p.name === 'receipt' && p.in === 'query');
    expect(receipt).toBeDefined();
    expect(receipt.required ?? false).toBe(false);
    expect(receipt.schema.pattern).toBeTruthy();
    expect(document.paths['/v1/contracts/{id}/audit/verify'].get.description).toMatch(/receipt/);
  });
});

describe(`verify --deep (${backend})`, () => {
  it('works on a clean database: the platform chain is not a contract', async () => {
    await database.reset();
    const lines: string[] = [];
    expect(await auditVerify(database.db, { deep: true }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([]);
    world = await createWorld(database, createTestApp(database));
    const platform = await verifyAuditChain(database.db, PLATFORM_CHAIN, { deep: true });
    expect(platform).toMatchObject({ ok: true, links: { ok: true }, evaluations: { checked: 0, mismatches: [] } });
    expect(await auditVerify(database.db, { deep: true }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^✓ platform: \d+ entries, \d+ states checked.*, 0 evaluations re-read$/)]);
  });

  it('the CLI function verifies every chain deep, and a platform receipt (--receipt)', async () => {
    const { id } = await fullStory();
    const created = await world.admin.post('/v1/organisations', { name: 'Late Investor', kind: 'investor' });
    expect(created.status).toBe(201);
    const receipt = created.headers.get('audit-receipt')!;
    expect(receipt).toMatch(new RegExp(`^${PLATFORM_CHAIN}:\\d+:sha256:`));
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await auditVerify(database.db, { deep: true }, out)).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^✓ ${id}: .*, 1 evaluations re-read`)));
    lines.length = 0;
    expect(await auditVerify(database.db, { receipt }, out)).toBe(0);
    expect(lines).toEqual([expect.stringMatching(/^✓ platform: .*receipt \d+ in the chain$/)]);

    const seq = Number(receipt.split(':')[1]);
    await withTriggersOff(['audit_entry'], () => sql`delete from audit_entry where chain = ${PLATFORM_CHAIN} and seq >= ${seq}`.execute(database.db));
    lines.length = 0;
    expect(await auditVerify(database.db, { receipt }, out)).toBe(1);
    expect(lines[0]).toMatch(new RegExp(`^✗ platform: The receipt for entry ${seq} .* is not in the chain`));
    expect(await auditVerify(database.db, { receipt: 'nonsense' }, out)).toBe(2);
  });
});
