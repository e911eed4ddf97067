/**
 * `npm run bench`: Outcome Ledger against the limits of its own machine, on the embedded database
 * (PGlite) and on a real PostgreSQL server, each figure next to a baseline measured in the same run:
 *
 *  1. ingest      a participant-claims CSV through the HTTP API vs the same rows written by COPY
 *                 straight into the same table; peak RSS of the server during the upload
 *  2. evaluation  the engine (an evaluation through the API) vs a hand-written SQL query computing the
 *                 same capped total, at three sizes; totals must agree to the cent
 *  3. sweep       the scheduler evaluating many active contracts due at once
 *  4. api         GET /v1/contracts/{id}/status under load vs /healthz in the same server
 *
 * Benchmarks, not tests: nothing here fails on a time. Results go to bench/results/.
 * Sizes: BENCH_ROWS (default 1,000,000), BENCH_CONTRACTS (1,000), BENCH_SECONDS (10),
 * BENCH_BACKENDS (pglite,postgres). PostgreSQL: DATABASE_URL, else a private server started here
 * from Debian's binaries (skipped if there are none).
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
import { ingestHttp, rawCopyPglite, rawCopyPostgres } from './lib/ingest.ts';
import { sweepBench, sweepSetup } from './lib/sweep.ts';
import { printTable } from './lib/report.ts';
import type { BackendResult } from './lib/types.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
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

    result.ingest = await ingestHttp(server, ADMIN, ROWS);
    log(`${backend}: ingest over HTTP ${result.ingest.http.rowsPerSecond} rows/s, peak RSS ${result.ingest.peakRssMiB} MiB`);

    const sizes = [...new Set([Math.round(ROWS / 100), Math.round(ROWS / 10)])].filter((n) => n >= 1000);
    const evaluations = [];
    for (const rows of sizes) evaluations.push(await evaluationBench(server, ADMIN, rows));
    evaluations.push(await evaluationBench(server, ADMIN, ROWS, result.ingest.contract));
    log(`${backend}: evaluations ${evaluations.map((e) => `${e.rows}: ${e.engine.seconds}s`).join(', ')}`);

    const sweep = await sweepSetup(server, ADMIN, CONTRACTS);
    log(`${backend}: ${CONTRACTS} contracts set up`);

    result.api = await apiBench(server, result.ingest.contract, SECONDS);
    log(`${backend}: api status ${result.api.status.requestsPerSecond} req/s vs healthz ${result.api.healthz.requestsPerSecond}`);
    await server.stop();
    log(`${backend}: server stopped; baselines and the sweep run in-process`);

    // Baselines and in-process runs, with the server stopped (PGlite has one process per data folder).
    const embedded = backend === 'pglite' ? await openPgliteDatabase({ dataDir: join(dataDir, 'pgdata') }) : undefined;
    const database = embedded ?? openPostgresDatabase({ url: url!, poolMax: 2 });
    try {
      result.ingest.raw = embedded
        ? await rawCopyPglite(embedded, result.ingest.rawContract, ROWS)
        : await rawCopyPostgres(url!, result.ingest.rawContract, ROWS);
      log(`${backend}: raw COPY ${result.ingest.raw.rowsPerSecond} rows/s`);
      for (const e of evaluations) e.sql = await handSql(database, e.contract.contractId);
      log(`${backend}: hand SQL ${evaluations.map((e) => `${e.rows}: ${e.sql!.seconds}s`).join(', ')}`);
      result.sweep = await sweepBench(database, sweep);
      log(`${backend}: sweep ${result.sweep.seconds}s`);
    } finally {
      await database.close();
    }
    result.ingest.ratio = Math.round((result.ingest.http.rowsPerSecond / result.ingest.raw.rowsPerSecond) * 100) / 100;
    for (const [i, e] of evaluations.entries()) {
      const smaller = evaluations[i - 1];
      if (smaller) e.marginalMicrosPerRow = Math.round(((e.engine.seconds - smaller.engine.seconds) * 1e6) / (e.rows - smaller.rows) * 100) / 100;
      e.ratio = Math.round((e.engine.seconds / e.sql!.seconds) * 100) / 100;
      e.equalToTheCent = e.engine.total === e.sql!.total;
    }
    result.evaluations = evaluations;
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
const report = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, sizes: { rows: ROWS, contracts: CONTRACTS, seconds: SECONDS }, results };
mkdirSync('bench/results', { recursive: true });
// The benchmark contracts (ids and their parties' API keys) are working state, not results.
const json = `${JSON.stringify(report, (key, value) => (key === 'contract' || key === 'rawContract' ? undefined : value), 2)}\n`;
writeFileSync('bench/results/latest.json', json);
writeFileSync(`bench/results/${report.date.replace(/[:.]/g, '-')}.json`, json);
printTable(report, (line) => process.stdout.write(`${line}\n`));
