import { readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/cli/load.ts';
import type { Target } from '../../src/cli/target.ts';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, ADMIN_KEY, client, createWorld, type World } from '../support/world.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: TestDatabase;
let world: World;
let app: ReturnType<typeof createTestApp>;
let now = new Date('2024-06-01T12:00:00Z');
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  now = new Date('2024-06-01T12:00:00Z');
  app = createTestApp(database, { clock: () => now });
  world = await createWorld(database, app);
});

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  expect(response.headers.get('content-type')).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await response.arrayBuffer() as never);
  return wb;
}
/** The body as text, keeping a byte order mark (Response.text() drops it). */
const textWithBom = async (response: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => { rows.push((row.values as ExcelJS.CellValue[]).slice(1)); });
  return rows;
};

/** A contract with claims (one with an accent and a decimal quantity), an evaluation, an obligation and a settlement. */
async function contractWithMoney() {
  const { id } = await activeContract(world, rateCardDefinition({
    metrics: [{ key: 'night_housed', name: 'Night housed', unit: 'night', direction: 'increase', level: 'participant', validationMethod: 'administrative_data' }],
    pricing: [{ key: 'nights', kind: 'rate_card', outcomes: [{ metric: 'night_housed', price: '25.00', maxClaimsPerParticipant: null }] }],
  }));
  const csv = 'participant_ref,outcome,cohort,achieved_on,evidence,quantity\nP-1,night_housed,cohort_1,2024-03-31,bail;quittance-été,31\nP-2,night_housed,cohort_1,2024-03-30,=cmd,2.5\n';
  expect((await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).status).toBe(201);
  await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
  now = new Date('2024-04-02T12:00:00Z');
  const evaluation = await json(await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2024-04-01' }));
  const obligation = evaluation.evaluation.obligations[0];
  expect(obligation.amount).toBe('837.50'); // (31 + 2.5) × 25
  now = new Date('2024-05-02T12:00:00Z');
  const settled = await world.payer.api.post(`/v1/contracts/${id}/settlements`, { obligationId: obligation.id, amount: '800', currency: 'GBP', settledOn: '2024-05-01' });
  expect(settled.status).toBe(201);
  return id;
}

describe('exports people open', () => {
  it('CSV in French Excel form (?locale=fr-FR): BOM, ";", decimal commas, amounts to the minor unit; parses back', async () => {
    const id = await contractWithMoney();
    const claims = await world.payer.api.get(`/v1/contracts/${id}/claims/export?locale=fr-FR`);
    expect(claims.status).toBe(200);
    const text = await textWithBom(claims);
    expect(text.startsWith('\uFEFFid;participant_ref;outcome;cohort;achieved_on;held_from;evidence;quantity;status;')).toBe(true);
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const byRef = Object.fromEntries(rows.map((r) => [r.participant_ref, r]));
    expect(byRef['P-1']).toMatchObject({ evidence: 'bail;quittance-été', quantity: '31', achieved_on: '2024-03-31', status: 'validated' });
    expect(byRef['P-2']).toMatchObject({ evidence: "'=cmd", quantity: '2,5' });

    const obligations = await (await world.payer.api.get(`/v1/contracts/${id}/obligations/export?locale=fr-FR`)).text();
    const [obligation] = parse(obligations, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(obligation).toMatchObject({ amount: '837,50', currency: 'GBP', due_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const settlements = await (await world.payer.api.get(`/v1/contracts/${id}/settlements/export?separator=tab&decimal=comma`)).text();
    expect(settlements.startsWith('id\tobligation_id\t')).toBe(true);
    expect((parse(settlements, { delimiter: '\t', columns: true }) as Record<string, string>[])[0]!.amount).toBe('800,00');
    // explicit options win over the locale's; the default export is unchanged (comma, point, no BOM), amounts to the minor unit
    const point = await (await world.payer.api.get(`/v1/contracts/${id}/distributions/export?locale=fr-FR&decimal=point&bom=false`)).text();
    expect(point.startsWith('id;settlement_id;')).toBe(true);
    expect((parse(point, { delimiter: ';', columns: true }) as Record<string, string>[]).map((d) => d.amount)).toContain('800.00');
    const plain = await (await world.payer.api.get(`/v1/contracts/${id}/obligations/export`)).text();
    expect(plain.startsWith('id,evaluation_id,')).toBe(true);
    expect((parse(plain, { columns: true }) as Record<string, string>[])[0]!.amount).toBe('837.50');
  });

  it('XLSX of every export: numbers as numbers, amounts with the minor unit format, dates as dates; parses back', async () => {
    const id = await contractWithMoney();
    const claims = await workbookOf(await world.payer.api.get(`/v1/contracts/${id}/claims/export?format=xlsx`));
    const sheet = claims.worksheets[0]!;
    const [header, ...data] = rowsOf(sheet);
    expect(header!.slice(0, 8)).toEqual(['id', 'participant_ref', 'outcome', 'cohort', 'achieved_on', 'held_from', 'evidence', 'quantity']);
    const p2 = data.find((r) => r[1] === 'P-2')!;
    expect(p2[4]).toEqual(new Date('2024-03-30T00:00:00Z'));
    expect(p2[6]).toBe('=cmd'); // a string cell, never a formula
    expect(p2[7]).toBe(2.5);

    const obligations = await workbookOf(await world.payer.api.get(`/v1/contracts/${id}/obligations/export?format=xlsx`));
    const ws = obligations.worksheets[0]!;
    const amountColumn = (rowsOf(ws)[0] as string[]).indexOf('amount') + 1;
    expect(ws.getRow(2).getCell(amountColumn).value).toBe(837.5);
    expect(ws.getRow(2).getCell(amountColumn).numFmt).toBe('#,##0.00');
    for (const path of ['results', 'settlements', 'distributions']) {
      const response = await world.payer.api.get(`/v1/contracts/${id}/${path}/export?format=xlsx`);
      expect(response.status).toBe(200);
      expect(rowsOf((await workbookOf(response)).worksheets[0]!).length).toBeGreaterThanOrEqual(1);
    }
    // an export is not an upload: its extra columns (id, status…) are refused by name
    const reupload = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
      method: 'POST', headers: { 'content-type': XLSX }, body: new Uint8Array(await claims.xlsx.writeBuffer() as ArrayBuffer),
    });
    expect(reupload.status).toBe(422);
    expect((await json(reupload)).errors[0].message).toMatch(/unknown column "id"/);
  });

  it('/openapi.json documents the export and upload parameters', async () => {
    const spec = await json(await app.request('/openapi.json'));
    const names = (path: string, method: string) => (spec.paths[path][method].parameters as { name: string; in: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
    for (const path of ['/v1/contracts/{id}/claims/export', '/v1/contracts/{id}/results/export', '/v1/contracts/{id}/obligations/export', '/v1/contracts/{id}/settlements/export', '/v1/contracts/{id}/distributions/export']) {
      expect(names(path, 'get')).toEqual(expect.arrayContaining(['format', 'separator', 'decimal', 'bom', 'locale']));
      expect(Object.keys(spec.paths[path].get.responses['200'].content)).toEqual(['text/csv', XLSX]);
    }
    for (const path of ['/v1/contracts/{id}/claims', '/v1/contracts/{id}/results']) {
      expect(names(path, 'post')).toEqual(['charset', 'separator', 'locale', 'sheet']);
      expect(Object.keys(spec.paths[path].post.requestBody.content)).toEqual(['text/csv', XLSX, 'application/json']);
    }
    expect(names('/v1/contracts/{id}/templates/{file}', 'get')).toEqual(expect.arrayContaining(['lang', 'locale']));
  });
});

describe('templates', () => {
  it('CSV and XLSX templates of a contract: exact columns, the example row, an explanation sheet in English or French', async () => {
    const { id } = await activeContract(world, rateCardDefinition({ data: { participantReferencePattern: '^P[0-9]{6}$' } }));
    const csv = await world.investor.api.get(`/v1/contracts/${id}/templates/claims.csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe('participant_ref,outcome,cohort,achieved_on,held_from,evidence,quantity,supersedes\r\nP000001,job_entry,cohort_1,2024-01-01,,EVIDENCE-000001-1,1,\r\n');
    const french = await world.operator.api.send(`/v1/contracts/${id}/templates/claims.xlsx`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    const wb = await workbookOf(french);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['claims', 'Colonnes']);
    const help = rowsOf(wb.worksheets[1]!).map((r) => r.join(' | ')).join('\n');
    expect(help).toMatch(/Colonne \| Obligatoire/);
    expect(help).toMatch(/job_entry — Entry to employment \(outcome\); justificatifs exigés: payslip/);
    expect(help).toMatch(/cohort_1 — Cohort 1 \(du 2024-01-01 au 2024-12-31, suivi 12 mois\)/);
    expect(help).toMatch(/doit respecter \^P\[0-9\]\{6\}\$/);
    const english = await workbookOf(await world.operator.api.get(`/v1/contracts/${id}/templates/claims.xlsx?lang=en`));
    expect(english.worksheets[1]!.name).toBe('Columns');
    // a rate card has no aggregate metric: no results template
    expect((await world.operator.api.get(`/v1/contracts/${id}/templates/results.csv`)).status).toBe(404);
    expect((await world.outsider.api.get(`/v1/contracts/${id}/templates/claims.csv`)).status).toBe(404);
    // the French CSV form uploads back with ?locale=fr-FR
    const fr = await textWithBom(await world.operator.api.get(`/v1/contracts/${id}/templates/claims.csv?locale=fr-FR`));
    expect(fr.startsWith('\uFEFFparticipant_ref;outcome;')).toBe(true);
    const uploaded = await world.operator.api.send(`/v1/contracts/${id}/claims?locale=fr-FR`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: fr });
    expect(uploaded.status).toBe(201);
  });

  const files = readdirSync('contracts').filter((f) => f.endsWith('.json')).map((f) => `contracts/${f}`);
  for (const file of files) {
    it(`${file}: its templates download and their example row uploads as it is (CSV, then XLSX)`, async () => {
      await (await import('../../src/runtime/bootstrap-admin.ts')).ensureAdministrator(database.db, ADMIN_KEY);
      const target: Target = { description: 'test', adminKey: ADMIN_KEY, request: async (path, init) => app.request(path, init), close: async () => {} };
      const loaded = await loadContract(target, file, { approve: true });
      expect(loaded.status).toBe('active');
      const operator = client(app, loaded.parties.find((p) => p.roles.includes('operator'))!.apiKey);
      const levels = new Set(loaded.definition.metrics.map((m) => m.level));
      let downloaded = 0;
      for (const kind of ['claims', 'results'] as const) {
        const csv = await operator.get(`/v1/contracts/${loaded.contractId}/templates/${kind}.csv`);
        const xlsx = await operator.get(`/v1/contracts/${loaded.contractId}/templates/${kind}.xlsx`);
        if (!levels.has(kind === 'claims' ? 'participant' : 'aggregate')) {
          expect(csv.status).toBe(404);
          continue;
        }
        downloaded++;
        expect(csv.status).toBe(200);
        expect(xlsx.status).toBe(200);
        const body = await csv.text();
        const sent = await operator.send(`/v1/contracts/${loaded.contractId}/${kind}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
        expect(sent.status, await sent.clone().text()).toBe(201);
        const sentXlsx = await operator.send(`/v1/contracts/${loaded.contractId}/${kind}`, { method: 'POST', headers: { 'content-type': XLSX }, body: await xlsx.arrayBuffer() });
        // the same row again: refused only as a duplicate of the CSV's, which proves the workbook reads to the same record
        expect(sentXlsx.status).toBe(422);
        const problems = (await json(sentXlsx)).errors as { row: number; message: string }[];
        expect(problems.map((e) => e.row)).toEqual([2]);
        expect(problems[0]!.message).toMatch(/duplicates record .*already submitted/);
      }
      expect(downloaded).toBeGreaterThan(0);
    });
  }
});
