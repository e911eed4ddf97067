import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { aggregateDefinition, rateCardDefinition } from '../support/fixtures.ts';
import { json } from '../support/http.ts';
import { activeContract, createWorld, type World } from '../support/world.ts';
import { xlsxSource } from '../../src/api/measurements/xlsx-source.ts';
import { claimColumns, requiredClaimColumns } from '../../src/domain/measurement/rows.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: TestDatabase;
let world: World;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.reset();
  world = await createWorld(database, createTestApp(database, { clock: () => new Date('2024-06-01T12:00:00Z') }));
});

/** Windows-1252 bytes of a string of Latin-1 characters (é = 0xE9, è = 0xE8, ç = 0xE7…). */
const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => {
  const code = ch.charCodeAt(0);
  if (code > 0xff) throw new Error(`not Latin-1: ${ch}`);
  return code;
}));

const post = (id: string, path: string, body: RequestInit["body"], contentType: string, query = '') =>
  world.operator.api.send(`/v1/contracts/${id}/${path}${query}`, { method: 'POST', headers: { 'content-type': contentType }, body });

async function claimsOf(id: string) {
  return (await json(await world.operator.api.get(`/v1/contracts/${id}/claims`))).items as { participantRef: string; evidence: string[]; achievedOn: string; quantity: string }[];
}

describe('encodings', () => {
  const csv = 'participant_ref,outcome,cohort,achieved_on,evidence\nP-1,job_entry,cohort_1,2024-03-31,fiche-paie-été\nP-2,job_entry,cohort_1,2024-04-02,reçu-Noël\n';

  it('reads a Windows-1252 file with accents when charset=windows-1252 is declared, in the Content-Type or the query', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const stored = await post(id, 'claims', cp1252(csv), 'text/csv; charset=windows-1252');
    expect(stored.status).toBe(201);
    expect(stored.headers.get('upload-read-as')).toBe('charset=windows-1252; separator=comma');
    expect((await json(stored)).contentType).toBe('text/csv; charset=windows-1252');
    const evidence = (await claimsOf(id)).flatMap((c) => c.evidence).sort();
    expect(evidence).toEqual(['fiche-paie-été', 'reçu-Noël']);
    expect(evidence.join('')).not.toContain('\uFFFD');

    const { id: other } = await activeContract(world, rateCardDefinition({ reference: 'TEST-2' }));
    expect((await post(other, 'claims', cp1252(csv), 'text/csv', '?charset=iso-8859-1')).status).toBe(201);
    expect((await claimsOf(other)).flatMap((c) => c.evidence).sort()).toEqual(['fiche-paie-été', 'reçu-Noël']);
  });

  it('refuses the same file without a charset (415), naming the byte, its line and data row; nothing stored, no U+FFFD', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const refused = await post(id, 'claims', cp1252(csv), 'text/csv');
    expect(refused.status).toBe(415);
    const problem = await json(refused);
    expect(problem.detail).toMatch(/not valid UTF-8: byte 0xE9 .* line 2 of the file \(data row 1\)/);
    expect(problem.detail).toMatch(/charset=windows-1252/);
    expect(problem.errors[0]).toMatchObject({ row: 1, column: 'row' });
    expect(await claimsOf(id)).toEqual([]);
    // the first bad byte far into the file is still found on its own line (the parser reads in chunks)
    const long = 'participant_ref,outcome,cohort,achieved_on,evidence\n' +
      Array.from({ length: 5000 }, (_, i) => `P-${i + 1},job_entry,cohort_1,2024-03-31,ref-${i}\n`).join('') + 'P-9999,job_entry,cohort_1,2024-03-31,été\n';
    const late = await post(id, 'claims', cp1252(long), 'text/csv');
    expect(late.status).toBe(415);
    expect((await json(late)).errors[0].row).toBe(5001);
  });

  it('reads UTF-8 with or without a BOM, and refuses a file that already holds U+FFFD', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await post(id, 'claims', new TextEncoder().encode(`\uFEFF${csv}`), 'text/csv')).status).toBe(201);
    expect((await claimsOf(id)).flatMap((c) => c.evidence).sort()).toEqual(['fiche-paie-été', 'reçu-Noël']);
    const damaged = await post(id, 'claims', 'participant_ref,outcome,cohort,achieved_on,evidence\nP-7,job_entry,cohort_1,2024-03-31,re\uFFFDu\n', 'text/csv');
    expect(damaged.status).toBe(422);
    expect((await json(damaged)).detail).toMatch(/U\+FFFD.*line 2 of the file \(data row 1\)/);
  });

  it('refuses an unknown charset and a charset contradicting the Content-Type', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await post(id, 'claims', csv, 'text/csv; charset=shift_jis')).status).toBe(415);
    expect((await post(id, 'claims', csv, 'text/csv; charset=utf-8', '?charset=windows-1252')).status).toBe(400);
    expect((await post(id, 'claims', csv, 'text/csv', '?charset=klingon')).status).toBe(400);
  });
});

describe('dialects', () => {
  it('uploads a French Excel CSV (sep=; line, ";", decimal commas, thousands, dd/mm/yyyy) with locale=fr-FR', async () => {
    const { id } = await activeContract(world, rateCardDefinition({
      metrics: [{ key: 'night_housed', name: 'Night housed', unit: 'night', direction: 'increase', level: 'participant', validationMethod: 'administrative_data' }],
      pricing: [{ key: 'nights', kind: 'rate_card', outcomes: [{ metric: 'night_housed', price: '25.00', maxClaimsPerParticipant: null }] }],
    }));
    const french = 'sep=;\r\nparticipant_ref;outcome;cohort;achieved_on;evidence;quantity\r\n' +
      'P-1;night_housed;cohort_1;05/03/2024;"bail; annexe";2,5\r\nP-2;night_housed;cohort_1;31/03/2024;quittance;1 000\r\nP-3;night_housed;cohort_1;2024-04-01;x;1.000,25\r\n';
    const stored = await post(id, 'claims', cp1252(french), 'text/csv; charset=windows-1252', '?locale=fr-FR');
    expect(stored.status).toBe(201);
    expect(stored.headers.get('upload-read-as')).toBe('charset=windows-1252; separator=semicolon; locale=fr-FR; sep-line=true');
    const claims = (await claimsOf(id)).sort((a, b) => a.participantRef.localeCompare(b.participantRef));
    expect(claims.map((c) => [c.participantRef, c.achievedOn, c.quantity])).toEqual([
      ['P-1', '2024-03-05', '2.5'], ['P-2', '2024-03-31', '1000'], ['P-3', '2024-04-01', '1000.25'],
    ]);
    expect(claims[0]!.evidence).toEqual(['bail', 'annexe']);
  });

  it('reads the locale the contract declares (data.spreadsheetLocale) when the upload does not say one', async () => {
    const { id } = await activeContract(world, aggregateDefinition({ data: { spreadsheetLocale: 'fr-FR' } }));
    const results = 'metric;cohort;measured_on;treatment_value;comparison_value;methodology;methodology_version;measured_by\n' +
      'reconvictions;cohort_1;30/06/2025;142,5;155;PSM;v1;E\n';
    const stored = await post(id, 'results', results, 'text/csv');
    expect(stored.status).toBe(201);
    const listed = await json(await world.operator.api.get(`/v1/contracts/${id}/results`));
    expect(listed.items[0]).toMatchObject({ measuredOn: '2025-06-30', treatmentValue: '142.5' });
  });

  it('detects ";" from the header without a sep= line, and refuses French numbers without the locale, by row and column', async () => {
    const { id } = await activeContract(world, aggregateDefinition());
    const results = 'metric;cohort;measured_on;treatment_value;comparison_value;methodology;methodology_version;measured_by\n' +
      'reconvictions;cohort_1;30/06/2025;142,5;155;PSM;v1;Évaluateurs\n';
    const refused = await post(id, 'results', results, 'text/csv');
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['1:measured_on', '1:treatment_value']);
    const stored = await post(id, 'results', results, 'text/csv', '?locale=fr-FR');
    expect(stored.status).toBe(201);
    const listed = await json(await world.operator.api.get(`/v1/contracts/${id}/results`));
    expect(listed.items[0]).toMatchObject({ measuredOn: '2025-06-30', treatmentValue: '142.5', comparisonValue: '155', measuredBy: 'Évaluateurs' });
  });

  it('names the locale form when a value does not follow it', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const refused = await post(id, 'claims', 'participant_ref;outcome;cohort;achieved_on;evidence;quantity\nP-1;job_entry;cohort_1;31/13/2024;x;1\nP-2;job_entry;cohort_1;01/03/2024;x;1.5\n', 'text/csv', '?locale=fr-FR');
    expect(refused.status).toBe(422);
    const messages = (await json(refused)).errors.map((e: { row: number; message: string }) => `${e.row}: ${e.message}`);
    expect(messages[0]).toMatch(/^1: achieved_on: "31\/13\/2024" is not a date written dd\/mm\/yyyy \(fr-FR\)/);
    expect(messages[1]).toMatch(/^2: quantity: "1.5" is not a number as written in fr-FR \(decimal ","/);
  });

  it('reads en-GB dates and thousands, and tab-separated files', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const tsv = 'participant_ref\toutcome\tcohort\tachieved_on\tevidence\tquantity\nP-1\tjob_entry\tcohort_1\t05/03/2024\tpayslip\t"1,500.5"\n';
    const stored = await post(id, 'claims', tsv, 'text/csv', '?locale=en-GB');
    expect(stored.status).toBe(201);
    expect(stored.headers.get('upload-read-as')).toBe('charset=utf-8; separator=tab; locale=en-GB');
    expect((await claimsOf(id)).map((c) => [c.achievedOn, c.quantity])).toEqual([['2024-03-05', '1500.5']]);
  });

  it('a header joined by another separator than the one named gets a message naming both', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const refused = await post(id, 'claims', 'participant_ref;outcome;cohort;achieved_on\nP-1;job_entry;cohort_1;2024-03-31\n', 'text/csv', '?separator=comma');
    expect(refused.status).toBe(422);
    const problem = await json(refused);
    expect(problem.detail).toMatch(/separator/);
    expect(problem.errors[0].message).toMatch(/joined by ";" \(semicolon\) but the file is read with "," \(comma\) as separator; send \?separator=semicolon/);
    // a data row joined by another separator than the header's
    const rows = await post(id, 'claims', 'participant_ref,outcome,cohort,achieved_on\nP-1;job_entry;cohort_1;2024-03-31\n', 'text/csv');
    expect(rows.status).toBe(422);
    expect((await json(rows)).errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/separated by "," \(comma\)\): this row is separated by ";" \(semicolon\) instead/) });
  });

  it('keeps the digest of the bytes received: the same French file replays under its Idempotency-Key', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const body = cp1252('participant_ref;outcome;cohort;achieved_on;evidence\nP-1;job_entry;cohort_1;05/03/2024;reçu\n');
    const send = () => world.operator.api.send(`/v1/contracts/${id}/claims?locale=fr-FR`, {
      method: 'POST', headers: { 'content-type': 'text/csv; charset=windows-1252', 'idempotency-key': 'fr-1' }, body,
    });
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { createHash } = await import('node:crypto');
    expect((await json(again)).bodyDigest).toBe(`sha256:${createHash('sha256').update(body).digest('hex')}`);
  });
});

describe('XLSX upload', () => {
  it('reads a workbook whatever the chunking and timing of its body (before: about 1 upload in 300 failed, "reading \'sheets\'")', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Claims');
    ws.addRow(['participant_ref', 'outcome', 'cohort', 'achieved_on', 'quantity']);
    ws.addRow(['P-1', 'job_entry', 'cohort_1', '2024-03-31', 2]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 300; k++) {
      const size = 1 + Math.floor(random() * 2000);
      const pauses = Array.from({ length: Math.ceil(bytes.length / size) }, () => random() < 0.3);
      const body = new ReadableStream<Uint8Array>({
        async start(c) {
          for (let i = 0, j = 0; i < bytes.length; i += size, j++) {
            c.enqueue(bytes.slice(i, i + size));
            if (pauses[j]) await new Promise((r) => setTimeout(r, 0));
          }
          c.close();
        },
      });
      const source = xlsxSource(body, { maxBytes: 1e7, columns: claimColumns, required: requiredClaimColumns });
      const rows = [];
      for await (const row of source.rows) rows.push(row);
      expect(rows).toEqual([{ rowNumber: 2, raw: { participant_ref: 'P-1', outcome: 'job_entry', cohort: 'cohort_1', achieved_on: '2024-03-31', quantity: '2' } }]);
      expect(source.digest()).toMatch(/^sha256:/);
    }
  });

  async function workbook(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb);
    return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
  }

  it('uploads the first sheet: date cells, number cells and text, with the digest of the bytes', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Claims');
      ws.addRow(['participant_ref', 'outcome', 'cohort', 'achieved_on', 'evidence', 'quantity']);
      ws.addRow(['P-1', 'job_entry', 'cohort_1', new Date(Date.UTC(2024, 2, 5)), 'fiche-été', 2.5]);
      ws.addRow([]);
      ws.addRow(['P-2', 'job_entry', 'cohort_1', '2024-04-01', { richText: [{ text: 'pay' }, { text: 'slip' }] }, { formula: '1+1', result: 2 }]);
      wb.addWorksheet('Notes').addRow(['anything']);
    });
    const stored = await post(id, 'claims', bytes, XLSX);
    expect(stored.status).toBe(201);
    const body = await json(stored);
    expect(body).toMatchObject({ rows: 2, contentType: XLSX });
    const { createHash } = await import('node:crypto');
    expect(body.bodyDigest).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(stored.headers.get('upload-read-as')).toBe('sheet="Claims"');
    const claims = (await claimsOf(id)).sort((a, b) => a.participantRef.localeCompare(b.participantRef));
    expect(claims.map((c) => [c.participantRef, c.achievedOn, c.quantity, c.evidence.join(';')])).toEqual([
      ['P-1', '2024-03-05', '2.5', 'fiche-été'], ['P-2', '2024-04-01', '2', 'payslip'],
    ]);
    const rows = await json(await world.operator.api.get(`/v1/contracts/${id}/claims`));
    expect(rows.items.map((c: { rowNumber: number }) => c.rowNumber).sort()).toEqual([2, 4]);
  });

  it('reads a named sheet, gives the spreadsheet\'s own row numbers in errors, and names a missing sheet', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Read me').addRow(['instructions']);
      const ws = wb.addWorksheet('Data');
      ws.addRow(['Claims of March']);
      ws.addRow([]);
      ws.getRow(3).values = ['participant_ref', 'outcome', 'cohort', 'achieved_on', 'evidence'];
      ws.getRow(4).values = ['P-1', 'job_entry', 'cohort_1', '2024-03-31', 'payslip'];
      ws.getRow(7).values = ['P-2', 'job_entry', 'cohort_9', '31/03/2024', 'payslip'];
    });
    // The first sheet's header is not a header of claims
    const first = await post(id, 'claims', bytes, XLSX);
    expect(first.status).toBe(422);
    expect((await json(first)).errors[0].message).toMatch(/unknown column "instructions"/);
    const named = await post(id, 'claims', bytes, XLSX, '?sheet=data');
    expect(named.status).toBe(422);
    // header row 1 ("Claims of March") is the first non-empty row: it is taken as the header
    expect((await json(named)).errors[0].message).toMatch(/unknown column "claims of march"/);

    const clean = await workbook((wb) => {
      wb.addWorksheet('Read me').addRow(['instructions']);
      const ws = wb.addWorksheet('Data');
      ws.getRow(3).values = ['participant_ref', 'outcome', 'cohort', 'achieved_on', 'evidence'];
      ws.getRow(4).values = ['P-1', 'job_entry', 'cohort_1', '2024-03-31', 'payslip'];
      ws.getRow(7).values = ['P-2', 'job_entry', 'cohort_9', '31/03/2024', 'payslip'];
    });
    const refused = await post(id, 'claims', clean, XLSX, '?sheet=Data&locale=fr-FR');
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['7:cohort']);
    const missing = await post(id, 'claims', clean, XLSX, '?sheet=Claims');
    expect(missing.status).toBe(422);
    expect((await json(missing)).detail).toMatch(/no worksheet named "Claims"; its worksheets are "Read me", "Data"/);
    expect(await claimsOf(id)).toEqual([]);
  });

  it('refuses a body that is not a workbook, and a cell holding an error', async () => {
    const { id } = await activeContract(world, rateCardDefinition());
    expect((await post(id, 'claims', 'not a zip', XLSX)).status).toBe(400);
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('Claims');
      ws.addRow(['participant_ref', 'outcome', 'cohort', 'achieved_on', 'quantity']);
      ws.addRow(['P-1', 'job_entry', 'cohort_1', '2024-03-31', { error: '#DIV/0!' }]);
    });
    const refused = await post(id, 'claims', bytes, XLSX);
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors[0]).toMatchObject({ row: 2, message: 'quantity: the cell holds the error #DIV/0!' });
  });
});
