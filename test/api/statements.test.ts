import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';

/** Payment statements through the API (issue 14, gap 7): JSON and CSV, access, adding up to the obligation. */

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

const claimsCsv = (...rows: string[]) => ['participant_ref,outcome,cohort,achieved_on,held_from,evidence', ...rows].join('\n');
async function upload(id: string, ...rows: string[]) {
  const response = await world.operator.api.send(`/v1/contracts/${id}/claims`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: claimsCsv(...rows) });
  expect(response.status).toBe(201);
  const submission = await json(response);
  expect((await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: { submissionId: submission.id } })).status).toBe(200);
  return submission;
}
async function evaluateNow(id: string) {
  const response = await world.payer.api.post(`/v1/contracts/${id}/evaluations`, { asOf: '2025-06-30' });
  expect(response.status).toBe(201);
  return (await json(response)).evaluation;
}

const X = Decimal.clone({ precision: 1000 });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sum = (values: string[]) => values.reduce((t, v) => t.plus(v), new X(0));

/** The JSON chain: items (gross − cuts) then steps, each running total right, ending at the line's amount. */
function expectChainAddsUp(line: any) {
  let total = new X(0);
  for (const item of line.items) {
    const net = item.capEffects.reduce((t: Decimal, c: { cut: string }) => t.minus(c.cut), new X(item.gross));
    expect(net.eq(item.net)).toBe(true);
    total = total.plus(net);
  }
  expect(total.eq(line.itemsNet)).toBe(true);
  for (const step of line.steps) {
    total = total.plus(step.amount);
    expect(total.eq(step.total)).toBe(true);
  }
  expect(line.steps.filter((s: { kind: string }) => s.kind === 'unexplained')).toEqual([]);
  expect(total.eq(line.amount)).toBe(true);
}

/** A rate card (job entry £2,600, sustained £1,000, participant cap £3,000): a payment, then an adjustment up, then one down. */
async function threeEvaluations(reference = 'TEST-RATE-CARD-1') {
  const { id } = await activeContract(world, rateCardDefinition({ reference }));
  await upload(id, 'P-1,job_entry,cohort_1,2024-03-01,,p', 'P-2,job_entry,cohort_1,2024-04-01,,p');
  const first = await evaluateNow(id);
  await upload(id, 'P-1,job_sustained,cohort_1,2024-09-01,,p', 'P-3,job_entry,cohort_1,2024-05-01,,p');
  const second = await evaluateNow(id);
  // P-3's claim is corrected and the correction rejected: the entitlement goes down by 2,600
  const claims = (await json(await world.payer.api.get(`/v1/contracts/${id}/claims`))).items;
  const p3 = claims.find((c: { participantRef: string }) => c.participantRef === 'P-3');
  const fix = await world.operator.api.send(`/v1/contracts/${id}/claims`, {
    method: 'POST', headers: { 'content-type': 'text/csv' },
    body: `participant_ref,outcome,cohort,achieved_on,evidence,supersedes\nP-3,job_entry,cohort_1,2024-05-01,p2,${p3.id}\n`,
  });
  expect(fix.status).toBe(201);
  await world.evaluator.api.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'rejected', reason: 'not employed', filter: { submissionId: (await json(fix)).id } });
  const third = await evaluateNow(id);
  return { id, first, second, third };
}

describe('payment statements', () => {
  it('explain a payment and each adjustment, adding up exactly to the obligation', async () => {
    const { id, first, second, third } = await threeEvaluations();
    const [payment] = first.obligations;
    const [up] = second.obligations;
    const [down] = third.obligations;
    expect([payment.amount, up.amount, down.amount]).toEqual(['5200.00', '3000.00', '-2600.00']);

    const s1 = await json(await world.payer.api.get(`/v1/contracts/${id}/obligations/${payment.id}/statement`));
    expect(s1).toMatchObject({
      contractId: id, evaluationId: first.id, asOf: '2025-06-30', currency: 'GBP', previousObligations: [],
      obligation: { id: payment.id, amount: '5200.00', kind: 'payment', lineKey: 'rate_card:cohort_1:payer' },
      line: { lineKey: 'rate_card:cohort_1:payer', ruleKey: 'rate_card', ruleKind: 'rate_card', scope: 'cohort_1', payer: 'payer', gross: '5200', entitledExact: '5200', entitled: '5200.00', previouslyObligated: '0.00', amount: '5200.00' },
    });
    expectChainAddsUp(s1.line);

    // the adjustment up: the line's current chain (P-1 capped at 3,000), less the payment it corrects
    const s2 = await json(await world.payer.api.get(`/v1/contracts/${id}/obligations/${up.id}/statement`));
    expect(s2.obligation).toMatchObject({ kind: 'adjustment', amount: '3000.00', corrects: [payment.id] });
    expect(s2.previousObligations).toEqual([expect.objectContaining({ id: payment.id, evaluationId: first.id, kind: 'payment', amount: '5200.00' })]);
    expect(s2.line).toMatchObject({ gross: '8800', itemsNet: '8200', entitled: '8200.00', previouslyObligated: '5200.00', amount: '3000.00' });
    expect(sum(s2.line.items.flatMap((i: any) => i.capEffects.map((c: any) => c.cut))).eq(600)).toBe(true);
    expect(s2.line.items.flatMap((i: any) => i.capEffects.map((c: any) => c.cap))).toContain('participantCap');
    expect(s2.line.steps.at(-1)).toEqual({ kind: 'previously_obligated', label: 'previously obligated on this line', amount: '-5200.00', total: '3000.00' });
    expectChainAddsUp(s2.line);

    // the adjustment down corrects both earlier obligations, which add up to what was obligated before
    const s3 = await json(await world.payer.api.get(`/v1/contracts/${id}/obligations/${down.id}/statement`));
    expect(s3.previousObligations.map((o: { id: string }) => o.id).sort()).toEqual([payment.id, up.id].sort());
    expect(sum(s3.previousObligations.map((o: { amount: string }) => o.amount)).eq(s3.line.previouslyObligated)).toBe(true);
    expect(s3.line).toMatchObject({ entitled: '5600.00', previouslyObligated: '8200.00', amount: '-2600.00' });
    expectChainAddsUp(s3.line);
  });

  it('of an evaluation: every line with the obligation it created, adding up to the totals', async () => {
    const { id, second } = await threeEvaluations();
    const body = await json(await world.payer.api.get(`/v1/contracts/${id}/evaluations/${second.id}/statement`));
    expect(body).toMatchObject({ contractId: id, evaluationId: second.id, asOf: '2025-06-30', currency: 'GBP', totals: second.totals });
    expect(body.lines.map((l: any) => [l.lineKey, l.obligationId, l.amount])).toEqual([['rate_card:cohort_1:payer', second.obligations[0].id, '3000.00']]);
    for (const line of body.lines) expectChainAddsUp(line);
    expect(sum(body.lines.map((l: { amount: string }) => l.amount)).eq(body.totals.newObligations)).toBe(true);
  });

  it('as CSV: a row per item, cap and step, whose amounts add up to the obligation', async () => {
    const { id, second, third } = await threeEvaluations();
    const [up] = second.obligations;
    const response = await world.payer.api.get(`/v1/contracts/${id}/obligations/${up.id}/statement/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="statement-${up.id}.csv"`);
    const text = await response.text();
    expect(text.split('\r\n')[0]).toBe('evaluation_id,obligation_id,line_key,rule,scope,payer,kind,item,unit,quantity,unit_price,label,limit,amount,running_total,currency');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows.every((r) => r.obligation_id === up.id && r.evaluation_id === second.id && r.line_key === 'rate_card:cohort_1:payer' && r.currency === 'GBP')).toBe(true);
    expect(rows.map((r) => r.kind)).toContain('item');
    expect(rows.find((r) => r.label === 'participantCap')).toMatchObject({ kind: 'item_cap', limit: '3000.00' });
    expect(rows.at(-1)).toMatchObject({ kind: 'previously_obligated', amount: '-5200.00', running_total: '3000.00' });
    expect(sum(rows.map((r) => r.amount!)).eq(up.amount)).toBe(true);
    let total = new X(0);
    for (const r of rows) expect((total = total.plus(r.amount!)).eq(r.running_total!)).toBe(true);

    // the evaluation's CSV: the rows of each line add up to its obligation
    const all: Record<string, string>[] = parse(await (await world.payer.api.get(`/v1/contracts/${id}/evaluations/${third.id}/statement/export`)).text(), { columns: true });
    const [down] = third.obligations;
    expect(all.every((r) => r.obligation_id === down.id)).toBe(true);
    expect(sum(all.map((r) => r.amount!)).eq(down.amount)).toBe(true);
  });

  it('in the dialect of every export: French Excel CSV (?locale=fr-FR) and an XLSX workbook (?format=xlsx)', async () => {
    const { id, second } = await threeEvaluations();
    const [up] = second.obligations;
    const french = await world.payer.api.get(`/v1/contracts/${id}/obligations/${up.id}/statement/export?locale=fr-FR`);
    const bytes = new Uint8Array(await french.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(new TextDecoder().decode(bytes), { columns: true, delimiter: ';' });
    expect(rows.at(-1)).toMatchObject({ kind: 'previously_obligated', amount: '-5200,00', running_total: '3000,00' });
    expect(sum(rows.map((r) => r.amount!.replace(',', '.'))).eq(up.amount)).toBe(true);

    const response = await world.payer.api.get(`/v1/contracts/${id}/obligations/${up.id}/statement/export?format=xlsx`);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="statement-${up.id}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer() as never);
    const sheet = workbook.worksheets[0]!;
    const values: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => { values.push((row.values as ExcelJS.CellValue[]).slice(1)); });
    const amount = (values[0] as string[]).indexOf('amount');
    expect(values.slice(1).reduce((t, row) => t.plus(String(row[amount])), new X(0)).eq(up.amount)).toBe(true);
  });

  it('any party reads them (investors too: they hold no participant data); others get 404', async () => {
    const { id, second } = await threeEvaluations();
    const [up] = second.obligations;
    const paths = [
      `/v1/contracts/${id}/obligations/${up.id}/statement`, `/v1/contracts/${id}/obligations/${up.id}/statement/export`,
      `/v1/contracts/${id}/evaluations/${second.id}/statement`, `/v1/contracts/${id}/evaluations/${second.id}/statement/export`,
    ];
    for (const path of paths) {
      for (const member of [world.payer, world.investor, world.operator, world.evaluator]) {
        const response = await member.api.get(path);
        expect(response.status, path).toBe(200);
        const text = await response.text();
        for (const ref of ['P-1', 'P-2', 'P-3']) expect(text, path).not.toContain(ref);
      }
      const outsider = await world.outsider.api.get(path);
      expect(outsider.status).toBe(404);
      expect((await json(outsider)).detail).toBe('No such contract.');
      expect((await world.admin.get(path)).status).toBe(404);
    }
    // an obligation or evaluation of another contract, or none at all
    const other = await threeEvaluations('TEST-RATE-CARD-2');
    expect((await world.payer.api.get(`/v1/contracts/${id}/obligations/${other.second.obligations[0].id}/statement`)).status).toBe(404);
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}/obligations/${other.second.obligations[0].id}/statement/export`))).detail).toBe('No such obligation of this contract.');
    expect((await json(await world.payer.api.get(`/v1/contracts/${id}/evaluations/${other.second.id}/statement`))).detail).toBe('No such evaluation of this contract.');
    expect((await world.payer.api.get(`/v1/contracts/${id}/obligations/not-a-uuid/statement`)).status).toBe(400);
  });

  it('are declared in /openapi.json', async () => {
    const app = createTestApp(database);
    const document = await json(await app.request('/openapi.json'));
    expect(document.paths['/v1/contracts/{id}/obligations/{obligationId}/statement'].get.responses['200'].content['application/json'].schema.$ref)
      .toBe('#/components/schemas/PaymentStatement');
    expect(document.paths['/v1/contracts/{id}/evaluations/{evaluationId}/statement'].get.responses['200'].content['application/json'].schema.$ref)
      .toBe('#/components/schemas/EvaluationStatement');
    for (const path of ['/v1/contracts/{id}/obligations/{obligationId}/statement/export', '/v1/contracts/{id}/evaluations/{evaluationId}/statement/export']) {
      expect(Object.keys(document.paths[path].get.responses['200'].content)).toEqual(['text/csv', XLSX]);
      expect(document.paths[path].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['format', 'separator', 'decimal', 'bom', 'locale']));
    }
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['PaymentStatement', 'EvaluationStatement', 'StatementLine', 'StatementItem', 'StatementStep']));
  });
});
