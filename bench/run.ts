/**
 * `npm run bench`: Outcome Ledger against the limits of its own machine, on the embedded database
 * (PGlite) and on a real PostgreSQL server, each figure next to a baseline measured in the same run:
 *
 *  1. ingest      a participant-claims CSV through the HTTP API vs the same rows written by COPY
 *                 straight into the same table, and by COPY into a bare table of its columns; each
 *                 the median of BENCH_INGEST_RUNS runs (3: one run's figure depended on the run);
 *                 peak RSS of the server during the first upload
 *  2. evaluation  the engine (evaluations through the API) vs a hand-written SQL query computing the
 *                 same capped total, at three sizes, each the median of three warm runs (the first
 *                 evaluation, right after the review, reported apart); totals must agree to the cent
 *  3. sweep       the scheduler evaluating many active contracts due at once
 *  4. api         GET /v1/contracts/{id}/status under load vs /healthz in the same server
 *  5. page        the web page /contracts/{id}/status of the ingest contract, as a signed-in person
 *                 of its investor and of its payer: first load once the view is computed, then
 *                 sequential loads
 *  6. status      the first status read after a 1,000-row upload into the ingest contract; portfolio
 *                 and liabilities over the sweep's contracts
 *  7. scale       BENCH_SCALE_ROWS claims (10,000,000) across BENCH_SCALE_CONTRACTS contracts (100) in a
 *                 database of their own: ingest, review, evaluation, status and portfolio, next to the
 *                 single-contract figures; on PostgreSQL only unless BENCH_SCALE_BACKENDS says otherwise
 *
 * Benchmarks, not tests: nothing here fails on a time. Results go to bench/results/.
 * Sizes: BENCH_ROWS (default 1,000,000), BENCH_CONTRACTS (1,000), BENCH_SECONDS (10),
 * BENCH_BACKENDS (pglite,postgres). PostgreSQL: DATABASE_URL, else a private server started here
 * from Debian's binaries (skipped if there are none). BENCH_ONLY (e.g. `ingest,page`) runs only
 * those steps (api and page need ingest; page then evaluates the ingest contract first, as the
 * full run has); such a partial run goes to bench/results/partial-<date>.json, never latest.json.
 * BENCH_OUT=<file> writes the results there only (e.g. a trial at small sizes).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteDatabase } from '../src/db/pglite.ts';
import { openPostgresDatabase } from '../src/db/postgres.ts';
import { openTestDatabase } from '../test/support/database.ts';
import { startCluster } from '../test/support/pg-cluster.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { apiBench } from './lib/api.ts';
import { evaluationBench, handSql } from './lib/evaluation.ts';
import { ingestHttp, medianRate, rawCopyPglite, rawCopyPostgres } from './lib/ingest.ts';
import { sweepBench, sweepSetup } from './lib/sweep.ts';
import { pageBench } from './lib/page.ts';
import { statusAfterWrite, statusBaselines } from './lib/status-after-write.ts';
import { printTable } from './lib/report.ts';
import { scaleOn } from './lib/scale.ts';
import type { BackendResult, Rate } from './lib/types.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const INGEST_RUNS = Math.max(1, Number(process.env.BENCH_INGEST_RUNS ?? 3));
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
const STEPS = ['ingest', 'evaluations', 'sweep', 'api', 'page', 'status', 'scale'] as const;
const SCALE_ROWS = Number(process.env.BENCH_SCALE_ROWS ?? 10_000_000);
const SCALE_CONTRACTS = Number(process.env.BENCH_SCALE_CONTRACTS ?? 100);
// PostgreSQL only by default: the scale step is issue 19's "past one machine", which the embedded database (one process) is not for.
const SCALE_BACKENDS = (process.env.BENCH_SCALE_BACKENDS ?? 'postgres').split(',');
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined;
for (const step of ONLY ?? []) if (!(STEPS as readonly string[]).includes(step)) throw new Error(`BENCH_ONLY: unknown step ${step} (steps: ${STEPS.join(', ')})`);
if (ONLY && (ONLY.includes('api') || ONLY.includes('page') || ONLY.includes('status')) && !ONLY.includes('ingest')) throw new Error('BENCH_ONLY: api and page measure the ingest contract; add ingest');
const runs = (step: (typeof STEPS)[number]) => !ONLY || ONLY.includes(step);
const ADMIN = 'olk_benchmark_administrator_key_0123456789';
const log = (line: string) => process.stderr.write(`${line}\n`);

async function runBackend(backend: 'pglite' | 'postgres'): Promise<BackendResult | undefined> {
  let url: string | undefined;
  let cleanup = async () => {};
  const dataDir = mkdtempSync(join(tmpdir(), 'outcome-ledger-bench-'));
  if (backend === 'postgres') {
    if (process.env.DATABASE_URL) {
      // A throwaway database on that server, created and dropped as for a test file.
      const database = await openTestDatabase({ migrate: false });
      url = database.url;
      cleanup = () => database.close();
    } else {
      try {
        const cluster = await startCluster();
        url = cluster.url;
        cleanup = async () => cluster.destroy();
      } catch (error) {
        log(`postgres: skipped (${error instanceof Error ? error.message : String(error)})`);
        return undefined;
      }
    }
  }
  const env: Record<string, string> = { ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '0', ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir }) };
  const result: BackendResult = { backend };
  try {
    const server = await startServerProcess(env);
    log(`${backend}: server up`);

    if (runs('ingest')) {
      result.ingest = await ingestHttp(server, ADMIN, ROWS, INGEST_RUNS);
      log(`${backend}: ingest over HTTP ${result.ingest.httpRuns.map((r) => r.rowsPerSecond).join(', ')} rows/s (median ${result.ingest.http.rowsPerSecond}), peak RSS ${result.ingest.peakRssMiB} MiB (all runs: ${result.ingest.peakRssMiBAllRuns})`);
    }

    const evaluations = [];
    if (runs('evaluations')) {
      const sizes = [...new Set([Math.round(ROWS / 100), Math.round(ROWS / 10)])].filter((n) => n >= 1000);
      for (const rows of sizes) evaluations.push(await evaluationBench(server, ADMIN, rows));
      evaluations.push(await evaluationBench(server, ADMIN, ROWS, result.ingest?.contract));
      log(`${backend}: evaluations ${evaluations.map((e) => `${e.rows}: ${e.engine.seconds}s`).join(', ')}`);
    }

    const sweep = runs('sweep') ? await sweepSetup(server, ADMIN, CONTRACTS) : undefined;
    if (sweep) log(`${backend}: ${CONTRACTS} contracts set up`);

    if (runs('api')) {
      result.api = await apiBench(server, result.ingest!.contract, SECONDS);
      log(`${backend}: api status ${result.api.status.requestsPerSecond} req/s vs healthz ${result.api.healthz.requestsPerSecond}`);
    }

    if (runs('page')) {
      if (!runs('evaluations')) {
        // The contract as the full run leaves it: its claims validated and evaluated.
        const e = await evaluationBench(server, ADMIN, ROWS, result.ingest!.contract, 0);
        log(`${backend}: ingest contract evaluated (${e.engine.seconds}s) for the page`);
      }
      result.page = await pageBench(server, ADMIN, result.ingest!.contract, ['investor', 'payer']);
      for (const p of result.page) log(`${backend}: status page as ${p.party}: first ${p.firstMs} ms, p50 ${p.p50ms} / p95 ${p.p95ms} / max ${p.maxMs} ms, ${p.bytes} bytes`);
    }
    if (runs('status')) {
      // Issue 19: status after a write, portfolio and liabilities (H6). The claims validated first, as the evaluations step leaves them.
      if (!runs('evaluations') && !runs('page')) log(`${backend}: ingest contract reviewed (${(await evaluationBench(server, ADMIN, ROWS, result.ingest!.contract, 0)).reviewSeconds}s) and evaluated`);
      result.statusAfterWrite = await statusAfterWrite(server, result.ingest!.contract, ROWS, sweep?.keys);
      log(`${backend}: status after a 1,000-row upload ${result.statusAfterWrite.firstStatusMs} ms; portfolio ${result.statusAfterWrite.portfolio?.ms ?? '—'} ms, liabilities ${result.statusAfterWrite.liabilities?.ms ?? '—'} ms`);
    }
    await server.stop();
    log(`${backend}: server stopped; baselines and the sweep run in-process`);

    // Baselines and in-process runs, with the server stopped (PGlite has one process per data folder).
    const embedded = backend === 'pglite' ? await openPgliteDatabase({ dataDir: join(dataDir, 'pgdata') }) : undefined;
    const database = embedded ?? openPostgresDatabase({ url: url!, poolMax: 2 });
    try {
      if (result.ingest) {
        // Each baseline as many times as the upload, alternated; the median run of each (as the upload's).
        const rawRuns: Rate[] = [];
        const bareRuns: Rate[] = [];
        for (let run = 0; run < INGEST_RUNS; run++) {
          rawRuns.push(embedded
            ? await rawCopyPglite(embedded, result.ingest.rawContract, ROWS, false, run)
            : await rawCopyPostgres(url!, result.ingest.rawContract, ROWS, false, run));
          bareRuns.push(embedded
            ? await rawCopyPglite(embedded, result.ingest.rawContract, ROWS, true)
            : await rawCopyPostgres(url!, result.ingest.rawContract, ROWS, true));
        }
        Object.assign(result.ingest, { raw: medianRate(rawRuns), rawRuns, bare: medianRate(bareRuns), bareRuns });
        log(`${backend}: raw COPY ${rawRuns.map((r) => r.rowsPerSecond).join(', ')} rows/s (median ${result.ingest.raw!.rowsPerSecond})`);
        log(`${backend}: bare COPY (no index, constraint or trigger) ${bareRuns.map((r) => r.rowsPerSecond).join(', ')} rows/s (median ${result.ingest.bare!.rowsPerSecond})`);
      }
      if (result.statusAfterWrite) {
        await statusBaselines(database.db, result.statusAfterWrite, result.ingest!.contract.contractId, sweep?.contractIds, sweep?.keys);
        log(`${backend}: claim counts from tallies ${result.statusAfterWrite.counts!.talliesMs} ms vs recomputed ${result.statusAfterWrite.counts!.recomputedMs} ms`);
      }
      for (const e of evaluations) e.sql = await handSql(database, e.contract.contractId);
      if (evaluations.length) log(`${backend}: hand SQL ${evaluations.map((e) => `${e.rows}: ${e.sql!.seconds}s`).join(', ')}`);
      if (sweep) {
        result.sweep = await sweepBench(database, sweep);
        log(`${backend}: sweep ${result.sweep.seconds}s`);
      }
    } finally {
      await database.close();
    }
    if (result.ingest?.raw) result.ingest.ratio = Math.round((result.ingest.http.rowsPerSecond / result.ingest.raw.rowsPerSecond) * 100) / 100;
    if (result.ingest?.bare) result.ingest.bareRatio = Math.round((result.ingest.http.rowsPerSecond / result.ingest.bare.rowsPerSecond) * 100) / 100;
    for (const [i, e] of evaluations.entries()) {
      const smaller = evaluations[i - 1];
      if (smaller) e.marginalMicrosPerRow = Math.round(((e.engine.seconds - smaller.engine.seconds) * 1e6) / (e.rows - smaller.rows) * 100) / 100;
      e.ratio = Math.round((e.engine.seconds / e.sql!.seconds) * 100) / 100;
      e.equalToTheCent = e.engine.total === e.sql!.total;
    }
    if (evaluations.length) result.evaluations = evaluations;
    if (runs('scale') && SCALE_BACKENDS.includes(backend)) {
      log(`${backend}: scale, ${SCALE_ROWS.toLocaleString('en')} claims across ${SCALE_CONTRACTS} contracts, in a database of their own`);
      try {
        result.scale = await scaleOn(backend, url, { admin: ADMIN, rows: SCALE_ROWS, contracts: SCALE_CONTRACTS });
      } catch (error) {
        // The other steps' figures are kept (and written): a failed scale step says why, in the results too.
        result.scaleError = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
        log(`${backend}: scale step failed: ${result.scaleError}`);
      }
      if (result.scale) log(`${backend}: scale ingest ${result.scale.ingest.rowsPerSecond} rows/s, review ${result.scale.review.seconds} s, evaluation ${result.scale.evaluation.seconds} s, status after a write ${result.scale.status.firstStatusMs} ms, ${result.scale.databaseMiB} MiB`);
    }
  } finally {
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return result;
}

const results: BackendResult[] = [];
for (const backend of BACKENDS) {
  const r = await runBackend(backend as 'pglite' | 'postgres');
  if (r) results.push(r);
}
const report = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, sizes: { rows: ROWS, contracts: CONTRACTS, seconds: SECONDS, scaleRows: SCALE_ROWS, scaleContracts: SCALE_CONTRACTS }, ...(ONLY ? { only: ONLY } : {}), results };
mkdirSync('bench/results', { recursive: true });
// The benchmark contracts (ids and their parties' API keys) are working state, not results.
const json = `${JSON.stringify(report, (key, value) => (key === 'contract' || key === 'rawContract' ? undefined : value), 2)}\n`;
const stamp = report.date.replace(/[:.]/g, '-');
if (process.env.BENCH_OUT) {
  writeFileSync(process.env.BENCH_OUT, json);
} else if (ONLY) {
  // A partial run: kept apart, so that latest.json (the README's table) stays a full run.
  writeFileSync(`bench/results/partial-${stamp}.json`, json);
} else {
  writeFileSync('bench/results/latest.json', json);
  writeFileSync(`bench/results/${stamp}.json`, json);
}
printTable(report, (line) => process.stdout.write(`${line}\n`));
