import postgres from 'postgres';
import type { PGlite } from '@electric-sql/pglite';
import { newId } from '../../src/db/ids.ts';
import { remote, remoteActiveContract } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import { claimLine, claimsCsvStream } from './claims-csv.ts';
import { benchDefinition } from './fixtures.ts';
import type { BenchContract, Rate } from './types.ts';

const rate = (rows: number, seconds: number): Rate => ({ rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds) });

/** The run of median speed (three runs: the middle one), as the evaluations report theirs. */
export function medianRate(runs: readonly Rate[]): Rate {
  const sorted = [...runs].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Uploads `rows` generated claims as one streamed CSV through the API, `runs` times, each into a
 * contract of its own on the same server (the first is the ingest contract the later steps use),
 * sampling the server's memory. `http` is the median run; the peak RSS is the first upload's, into
 * the fresh server (the figure's definition), with the highest of all runs next to it.
 */
export async function ingestHttp(server: ServerProcess, admin: string, rows: number, runs = 3) {
  const rawContract = await remoteActiveContract(server.url, admin, benchDefinition('BENCH-RAW-COPY')) as BenchContract;
  const uploads: { contract: BenchContract; rate: Rate; rssBeforeMiB: number; peakRssMiB: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const contract = await remoteActiveContract(server.url, admin, benchDefinition(run === 0 ? 'BENCH-INGEST' : `BENCH-INGEST-${run + 1}`)) as BenchContract;
    const rssBeforeMiB = server.rssMiB();
    const stopSampling = server.sampleRss();
    const started = performance.now();
    const body = await remote(server.url, contract.members.operator!.key).postCsv(`/v1/contracts/${contract.contractId}/claims`, claimsCsvStream(rows)) as { rows?: number };
    const seconds = (performance.now() - started) / 1000;
    const peakRssMiB = stopSampling();
    if (body.rows !== rows) throw new Error(`upload stored ${body.rows} rows, not ${rows}`);
    uploads.push({ contract, rate: rate(rows, seconds), rssBeforeMiB, peakRssMiB });
  }
  const [first] = uploads;
  return {
    contract: first!.contract,
    rawContract,
    http: medianRate(uploads.map((u) => u.rate)),
    httpRuns: uploads.map((u) => u.rate),
    rssBeforeMiB: first!.rssBeforeMiB,
    peakRssMiB: first!.peakRssMiB,
    peakRssMiBAllRuns: Math.max(...uploads.map((u) => u.peakRssMiB)),
  };
}

const columns = 'id, contract_id, submission_id, row_number, participant_ref, metric, cohort, achieved_on, held_from, evidence, quantity, supersedes_id';

/**
 * The second baseline: a plain table of participant_claim's columns and types, with no index, no
 * constraint (not even NOT NULL), no trigger: the disk's and the COPY protocol's limit on this machine.
 */
const BARE = 'bench_bare_claim';
const bareTableSql = `create table if not exists ${BARE} as select * from participant_claim with no data`;

/**
 * The same rows as COPY text for participant_claim, generated before the clock starts; `run` > 0
 * marks the evidence, so that a repeated run into the same contract stores other claims.
 */
function copyChunks(contractId: string, submissionId: string, rows: number, run: number): string[] {
  const participants = Math.max(1, Math.floor(rows / 10));
  const chunks: string[] = [];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const [ref, metric, cohort, date] = claimLine(i, participants).trimEnd().split(',');
    chunk += `${newId()}\t${contractId}\t${submissionId}\t${i + 1}\t${ref}\t${metric}\t${cohort}\t${date}\t\\N\t["ev-${run > 0 ? `${run}-` : ''}${i}"]\t1\t\\N\n`;
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

const submissionSql = `
  insert into submission (id, contract_id, version_id, kind, organisation_id, api_key_id, content_type, row_count, correction_count, body_digest, response)
  select $1, c.id, v.id, 'participant_claims', v.proposed_by_organisation_id, gen_random_uuid(), 'text/csv', $2, 0, 'sha256:raw-copy', '{}'::jsonb
  from contract c join contract_version v on v.contract_id = c.id and v.status = 'in_force' where c.id = $3`;

/** Baseline: postgres.js COPY FROM STDIN straight into the same table (or, `bare`, into a plain table of its columns). */
export async function rawCopyPostgres(url: string, contract: BenchContract, rows: number, bare = false, run = 0): Promise<Rate> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const submissionId = newId();
    await sql.unsafe(submissionSql, [submissionId, rows, contract.contractId]);
    if (bare) await sql.unsafe(bareTableSql);
    const chunks = copyChunks(contract.contractId, submissionId, rows, run);
    const started = performance.now();
    const stream = await sql.unsafe(`copy ${bare ? BARE : 'participant_claim'} (${columns}) from stdin`).writable();
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
    }
    await new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', reject);
      stream.end();
    });
    return rate(rows, (performance.now() - started) / 1000);
  } finally {
    await sql.end();
  }
}

/** Baseline on PGlite: COPY FROM a blob straight into the same table (or, `bare`, into a plain table of its columns). */
export async function rawCopyPglite(database: { pglite: PGlite }, contract: BenchContract, rows: number, bare = false, run = 0): Promise<Rate> {
  const submissionId = newId();
  await database.pglite.query(submissionSql, [submissionId, rows, contract.contractId]);
  if (bare) await database.pglite.query(bareTableSql);
  const blob = new Blob(copyChunks(contract.contractId, submissionId, rows, run));
  const started = performance.now();
  await database.pglite.query(`copy ${bare ? BARE : 'participant_claim'} (${columns}) from '/dev/blob'`, [], { blob });
  return rate(rows, (performance.now() - started) / 1000);
}

