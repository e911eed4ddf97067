import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { remote, remoteActivate, remoteMembers } from '../../test/support/remote.ts';
import { type ServerProcess, startServerProcess } from '../../test/support/server-process.ts';
import { claimsCsvStream } from './claims-csv.ts';
import { benchDefinition } from './fixtures.ts';
import { statusAfterWrite } from './status-after-write.ts';
import type { ScaleFigures } from './types.ts';

const AS_OF = '2025-12-31';

const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

/** Runs `work` over `items`, `concurrency` at a time, in order. */
async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;

/**
 * Issue 19, a national programme on one database: `rows` claims across `contracts` contracts
 * between the same four organisations, in a database of their own. Each contract's operator
 * uploads its share as one CSV (`concurrency` uploads at a time: operators upload independently),
 * its evaluator validates all of it, its payer evaluates it; then one 1,000-row upload into the
 * first contract and its first status read, and the investor's portfolio and the payer's
 * liabilities over all of them. Each contract's total is checked to the cent: every participant
 * has an entry and a sustained outcome, £3,000 each.
 */
export async function scaleBench(server: ServerProcess, admin: string, rows: number, contracts: number, concurrency: number): Promise<ScaleFigures> {
  const perContract = Math.floor(rows / contracts);
  const keys = await remoteMembers(server.url, admin, 'Scale');
  const ids: string[] = [];
  for (let i = 0; i < contracts; i += 10) {
    ids.push(...await Promise.all(Array.from({ length: Math.min(10, contracts - i) }, (_, k) => remoteActivate(server.url, keys, benchDefinition(`BENCH-SCALE-${i + k}`)))));
  }
  const operator = remote(server.url, keys.operator!.key);
  const evaluator = remote(server.url, keys.evaluator!.key);
  const payer = remote(server.url, keys.payer!.key);
  const log = (line: string) => process.stderr.write(`  scale: ${line}\n`);

  let started = performance.now();
  const stopSampling = server.sampleRss(200);
  await pool(ids, concurrency, async (id, i) => {
    const body = await operator.postCsv(`/v1/contracts/${id}/claims`, claimsCsvStream(perContract)) as { rows?: number };
    if (body.rows !== perContract) throw new Error(`scale: contract ${i} stored ${body.rows} rows, not ${perContract}`);
    if ((i + 1) % 10 === 0) log(`${i + 1} contracts uploaded, ${seconds(started)} s`);
  });
  const ingestSeconds = seconds(started);
  const peakRssMiB = stopSampling();

  started = performance.now();
  await pool(ids, concurrency, async (id) => {
    await evaluator.post(`/v1/contracts/${id}/claims/reviews`, { decision: 'validated', filter: {} });
  });
  const reviewSeconds = seconds(started);
  log(`reviewed in ${reviewSeconds} s`);

  const expected = `${((perContract / 10) * 3000).toFixed(2)}`;
  const each: number[] = [];
  let wrong = 0;
  started = performance.now();
  for (const id of ids) {
    const one = performance.now();
    const run = await payer.post(`/v1/contracts/${id}/evaluations`, { asOf: AS_OF });
    each.push(performance.now() - one);
    if (run.evaluation.totals.entitled !== expected) wrong++;
  }
  const evaluationSeconds = seconds(started);
  each.sort((a, b) => a - b);
  log(`evaluated in ${evaluationSeconds} s`);

  const status = await statusAfterWrite(server, { contractId: ids[0]!, members: keys }, perContract, keys);
  return {
    rows: perContract * contracts,
    contracts,
    concurrency,
    ingest: { seconds: ingestSeconds, rowsPerSecond: Math.round((perContract * contracts) / ingestSeconds), peakRssMiB },
    review: { seconds: reviewSeconds, claimsPerSecond: Math.round((perContract * contracts) / reviewSeconds) },
    evaluation: {
      seconds: evaluationSeconds,
      microsPerClaim: Math.round((evaluationSeconds * 1e6) / (perContract * contracts) * 100) / 100,
      p50ms: Math.round(percentile(each, 0.5)),
      maxMs: Math.round(each[each.length - 1]!),
      totalsEqualToTheCent: wrong === 0,
    },
    status: { firstStatusMs: status.firstStatusMs, uploadMs: status.uploadMs, portfolioMs: status.portfolio?.ms, liabilitiesMs: status.liabilities?.ms },
  };
}

/**
 * The scale step on a backend, in a database of its own so that it neither sees nor slows the
 * other steps' data: PostgreSQL, a new database on the server of `url` (dropped after); PGlite, a
 * new data folder (removed after). Uploads run two at a time on PostgreSQL, one at a time on PGlite
 * (one connection: a second upload would only wait for the first).
 */
export async function scaleOn(backend: 'pglite' | 'postgres', url: string | undefined, options: { admin: string; rows: number; contracts: number }): Promise<ScaleFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'outcome-ledger-scale-'));
  let env: Record<string, string>;
  let size: () => Promise<number>;
  let cleanup = async () => {};
  if (backend === 'postgres') {
    const name = `outcome_ledger_scale_${process.pid}`;
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
    const scaleUrl = new URL(url!);
    scaleUrl.pathname = `/${name}`;
    env = { DATABASE_URL: scaleUrl.toString() };
    size = async () => Number((await admin.unsafe(`select pg_database_size('${name}')::text as bytes`))[0]!.bytes);
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    env = { DATA_DIR: dataDir };
    size = async () => Number(execFileSync('du', ['-sb', dataDir], { encoding: 'utf8' }).split('\t')[0]);
  }
  try {
    const server = await startServerProcess({ ADMIN_API_KEY: options.admin, RATE_LIMIT_PER_MINUTE: '0', ...env });
    let figures: ScaleFigures;
    try {
      figures = await scaleBench(server, options.admin, options.rows, options.contracts, backend === 'postgres' ? 2 : 1);
    } finally {
      await server.stop();
    }
    figures.databaseMiB = Math.round((await size()) / 2 ** 20);
    return figures;
  } finally {
    await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
