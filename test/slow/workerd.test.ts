import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/commands.ts';
import { occurrencesBetween } from '../../src/jobs/scheduler.ts';
import { backend, openTestDatabase, type TestDatabase } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { remote, remoteActiveContract } from '../support/remote.ts';
import { freePort } from '../support/server-process.ts';

/**
 * The Worker as shipped (wrangler.toml, src/entry/worker.ts) under the Workers runtime: `wrangler dev
 * --local` runs it in workerd, with the Hyperdrive binding pointed at a throwaway database on CI's
 * PostgreSQL server (CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE) and ADMIN_API_KEY as a
 * variable. Only in the PostgreSQL pass: the Worker speaks to PostgreSQL only.
 */
const ADMIN = 'olk_workerd_test_administrator_key_0123456789';
const ROWS = 5_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: TestDatabase | undefined;
let worker: ChildProcess | undefined;
let output = '';
let url = '';
const scratch = mkdtempSync(join(tmpdir(), 'outcome-ledger-workerd-'));

afterAll(async () => {
  if (worker?.pid && worker.exitCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    process.kill(-worker.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (worker.exitCode === null) process.kill(-worker.pid, 'SIGKILL');
  }
  await database?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe.runIf(backend === 'postgres')('the Worker under workerd (wrangler dev --local) against PostgreSQL', () => {
  beforeAll(async () => {
    database = await openTestDatabase();
    // Miniflare refuses a Hyperdrive connection string without a password; CI's server trusts local connections.
    const connection = new URL(database.url!);
    if (!connection.password) connection.password = 'unused';
    // --env-file: the Worker's variables come from this file only, never from a developer's .dev.vars or .env.
    const envFile = join(scratch, 'worker.env');
    writeFileSync(envFile, `ADMIN_API_KEY=${ADMIN}\nLOG_LEVEL=warn\n`);
    const [port, inspector] = [await freePort(), await freePort()];
    const { DATABASE_URL: _notForTheWorker, ...inherited } = process.env;
    worker = spawn(process.execPath, [
      'node_modules/wrangler/bin/wrangler.js', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port),
      '--inspector-port', String(inspector), '--test-scheduled', '--persist-to', join(scratch, 'state'),
      '--env-file', envFile, '--show-interactive-dev-session=false', '--log-level', 'warn',
    ], {
      env: {
        ...inherited,
        CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: connection.toString(),
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_SEND_METRICS: 'false',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    worker.stdout!.on('data', (d) => (output += d));
    worker.stderr!.on('data', (d) => (output += d));
    url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (worker.exitCode !== null) throw new Error(`wrangler dev exited (${worker.exitCode}):\n${output}`);
      let health: Response | undefined;
      try {
        health = await fetch(`${url}/healthz`);
      } catch {
        // not listening yet
      }
      if (health?.status === 200) break;
      if (health) throw new Error(`wrangler dev answered /healthz ${health.status}: ${await health.text()}\n${output}`);
      if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /healthz within 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  it('answers /healthz and /readyz, and honours the ADMIN_API_KEY it was given', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'postgres' });
    const organisations = await fetch(`${url}/v1/organisations`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(organisations.status).toBe(200);
  });

  it('serves /docs and the Scalar bundle it loads, byte for byte the pinned npm file (a Text module in the Worker)', async () => {
    const page = await fetch(`${url}/docs`);
    expect(page.status).toBe(200);
    const script = /src="(\/docs\/assets\/scalar-[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${url}${script}`);
    expect(asset.status).toBe(200);
    expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync('node_modules/@scalar/api-reference/dist/browser/standalone.js'))).toBe(true);
  });

  it('serves the workspace: the sign-in page in French, its stylesheet and htmx (Text modules in the Worker)', async () => {
    const page = await fetch(`${url}/sign-in`, { headers: { accept: 'text/html', 'accept-language': 'fr-FR' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    expect(assets.some((a) => a.includes('htmx'))).toBe(true);
    for (const asset of assets) {
      const served = await fetch(`${url}${asset}`);
      expect(served.status, asset).toBe(200);
      expect((await served.text()).length, asset).toBeGreaterThan(1000);
    }
    const htmx = assets.find((a) => a.includes('htmx'))!;
    expect(Buffer.from(await (await fetch(`${url}${htmx}`)).arrayBuffer()).equals(readFileSync('node_modules/htmx.org/dist/htmx.min.js'))).toBe(true);
  });

  it('loads the demo (cli demo --url)', async () => {
    const err: string[] = [];
    const code = await runCli(['demo', '--url', url, '--admin-key', ADMIN], { out: () => {}, err: (l) => { err.push(l); }, env: {} });
    expect(code, err.join('\n')).toBe(0);
    const { count } = await database!.db.selectFrom('contract').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    expect(Number(count)).toBeGreaterThanOrEqual(7);
  });

  it(`takes an upload of ${ROWS} claims, evaluates them, and exports every one of them as CSV`, async () => {
    const { contractId, members } = await remoteActiveContract(url, ADMIN, rateCardDefinition({ reference: 'WORKERD-EXPORT' }));
    let csv = 'participant_ref,outcome,cohort,achieved_on,evidence\n';
    for (let i = 0; i < ROWS; i++) csv += `P-${String(i).padStart(6, '0')},job_entry,cohort_1,2024-03-01,payslip ${i}\n`;
    const uploaded = await remote(url, members.operator!.key).postCsv(`/v1/contracts/${contractId}/claims`, csv);
    expect(uploaded.rows).toBe(ROWS);
    const reviewed = await remote(url, members.evaluator!.key).post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} });
    expect(reviewed.reviewed).toBe(ROWS);
    const run = await remote(url, members.payer!.key).post(`/v1/contracts/${contractId}/evaluations`, {});
    expect(Number(run.evaluation.totals.newObligations)).toBeGreaterThan(0);

    const exported = await fetch(`${url}/v1/contracts/${contractId}/claims/export`, { headers: { authorization: `Bearer ${members.payer!.key}` } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await exported.text()).split('\r\n').filter((l) => l.length > 0);
    expect(lines.length - 1).toBe(ROWS);
    expect(lines.some((l) => l.includes(`P-${String(ROWS - 1).padStart(6, '0')}`))).toBe(true);
    // The same rows as a workbook: a complete ZIP archive ends with its end-of-central-directory record.
    const workbook = await fetch(`${url}/v1/contracts/${contractId}/claims/export?format=xlsx`, { headers: { authorization: `Bearer ${members.payer!.key}` } });
    expect(workbook.status).toBe(200);
    const bytes = Buffer.from(await workbook.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(bytes.length - 22);
    expect(output).not.toContain('already been destroyed');
  });

  it('reads an XLSX upload and writes XLSX templates and exports (exceljs streams under workerd)', async () => {
    const { contractId, members } = await remoteActiveContract(url, ADMIN, rateCardDefinition({ reference: 'WORKERD-XLSX' }));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Claims');
    sheet.addRow(['participant_ref', 'outcome', 'cohort', 'achieved_on', 'evidence']);
    for (let i = 0; i < 3; i++) sheet.addRow([`X-${i}`, 'job_entry', 'cohort_1', '2024-03-01', 'payslip']);
    const uploaded = await fetch(`${url}/v1/contracts/${contractId}/claims`, {
      method: 'POST',
      headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': XLSX },
      body: new Uint8Array(await book.xlsx.writeBuffer()),
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    expect(((await uploaded.json()) as { rows: number }).rows).toBe(3);
    const template = await fetch(`${url}/v1/contracts/${contractId}/templates/claims.xlsx`, { headers: { authorization: `Bearer ${members.operator!.key}` } });
    expect(template.status).toBe(200);
    await new ExcelJS.Workbook().xlsx.load(await template.arrayBuffer());
    const exported = await fetch(`${url}/v1/contracts/${contractId}/claims/export?format=xlsx`, { headers: { authorization: `Bearer ${members.payer!.key}` } });
    expect(exported.status).toBe(200);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await exported.arrayBuffer());
    expect(read.worksheets[0]!.actualRowCount).toBe(1 + 3);
  });

  it('runs the scheduled handler (--test-scheduled): every due evaluation happens', async () => {
    const definition = rateCardDefinition({ reference: 'WORKERD-SCHEDULED', evaluation: { schedule: '* * * * *', timeZone: 'UTC', paymentTermsDays: 30 } });
    const { contractId } = await remoteActiveContract(url, ADMIN, definition);
    await sql`update contract set activated_at = date_trunc('minute', now()) - interval '3 minutes' + interval '1 second' where id = ${contractId}`.execute(database!.db);
    const { activated_at } = await database!.db.selectFrom('contract').select('activated_at').where('id', '=', contractId).executeTakeFirstOrThrow();
    const due = occurrencesBetween('* * * * *', 'UTC', new Date(activated_at as unknown as string), new Date(), 50);
    expect(due.length).toBeGreaterThanOrEqual(3);
    const triggered = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(triggered.status).toBe(200);
    const evaluations = await database!.db.selectFrom('evaluation').select('scheduled_for').where('contract_id', '=', contractId).execute();
    expect(evaluations.length).toBeGreaterThanOrEqual(due.length);
  });

  it('answers failed authentications from one address 429 once the AUTH_FAILURE_LIMITER binding says so', async () => {
    const statuses: number[] = [];
    while (statuses.length < 45 && statuses.at(-1) !== 429) {
      const r = await fetch(`${url}/v1/organisations`, { headers: { authorization: 'Bearer olk_not_a_key_of_this_service_0000000000000' } });
      await r.arrayBuffer();
      statuses.push(r.status);
    }
    // 20 failures a minute are allowed (wrangler.toml): then the binding refuses, and the address gets
    // 429 before its key is looked at (later, if the binding's minute turned meanwhile).
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.at(-1)).toBe(429);
  });
});
