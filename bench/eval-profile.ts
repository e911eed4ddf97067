/**
 * Where an evaluation's time goes (a tool for working on the engine, not part of `npm run bench`).
 *
 *   EVALPROF_BACKEND=pglite|postgres EVALPROF_SIZES=10000,100000 tsx bench/eval-profile.ts setup
 *   EVALPROF_BACKEND=pglite|postgres tsx bench/eval-profile.ts run
 *
 * `setup` uploads and validates the claims once through a server process, into a data folder
 * (PGlite: EVALPROF_DIR, default /tmp/evalprof-pglite) or a database of DATABASE_URL's server
 * (postgres: database evalprof); `run` then times, in this process, one evaluation per contract
 * as the usecase runs it (load, engine, stored explanation, insert), rolled back, next to the
 * hand-written SQL.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPgliteDatabase } from '../src/db/pglite.ts';
import { openPostgresDatabase } from '../src/db/postgres.ts';
import { evaluate } from '../src/domain/engine/index.ts';
import { insertEvaluation, loadEvaluationData, nextLedgerSequence } from '../src/db/queries/evaluations.ts';
import { STORED_PARTICIPANTS_PER_SCOPE, storedExplanation } from '../src/jobs/stored-explanation.ts';
import { remote, remoteActiveContract } from '../test/support/remote.ts';
import { startServerProcess } from '../test/support/server-process.ts';
import { claimsCsvStream } from './lib/claims-csv.ts';
import { handSql } from './lib/evaluation.ts';
import { benchDefinition } from './lib/fixtures.ts';

const backend = process.env.EVALPROF_BACKEND ?? 'pglite';
const dir = process.env.EVALPROF_DIR ?? `/tmp/evalprof-${backend}`;
const pgUrl = (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/postgres').replace(/\/[^/]*$/, '/evalprof');
const ADMIN = 'olk_benchmark_administrator_key_0123456789';
const log = (line: string) => process.stderr.write(`${line}\n`);

async function setup() {
  mkdirSync(dir, { recursive: true });
  if (backend === 'postgres') {
    const admin = openPostgresDatabase({ url: pgUrl.replace(/\/evalprof$/, '/postgres'), poolMax: 1 });
    await sql`drop database if exists evalprof`.execute(admin.db);
    await sql`create database evalprof`.execute(admin.db);
    await admin.close();
  }
  const env: Record<string, string> = { ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '0', ...(backend === 'postgres' ? { DATABASE_URL: pgUrl } : { DATA_DIR: dir }) };
  const server = await startServerProcess(env);
  const contracts: { rows: number; contractId: string }[] = [];
  try {
    for (const rows of (process.env.EVALPROF_SIZES ?? '10000,100000').split(',').map(Number)) {
      const contract = await remoteActiveContract(server.url, ADMIN, benchDefinition(`EVALPROF-${rows}`));
      await remote(server.url, contract.members.operator!.key).postCsv(`/v1/contracts/${contract.contractId}/claims`, claimsCsvStream(rows));
      await remote(server.url, contract.members.evaluator!.key).post(`/v1/contracts/${contract.contractId}/claims/reviews`, { decision: 'validated', filter: {} });
      contracts.push({ rows, contractId: contract.contractId });
      log(`${rows}: ${contract.contractId}`);
    }
  } finally {
    await server.stop();
  }
  writeFileSync(join(dir, 'contracts.json'), JSON.stringify(contracts));
}

async function run() {
  const contracts = JSON.parse(readFileSync(join(dir, 'contracts.json'), 'utf8')) as { rows: number; contractId: string }[];
  const database = backend === 'postgres' ? openPostgresDatabase({ url: pgUrl, poolMax: 2 }) : await openPgliteDatabase({ dataDir: join(dir, 'pgdata') });
  const repeat = Number(process.env.EVALPROF_REPEAT ?? 2);
  try {
    for (const { rows, contractId } of contracts) {
      const hand = await handSql(database, contractId);
      for (let k = 0; k < repeat; k++) {
        const t: Record<string, number> = {};
        let total = '';
        let mark = performance.now();
        const lap = (name: string) => {
          const now = performance.now();
          t[name] = Math.round(now - mark);
          mark = now;
        };
        await database.db.transaction().execute(async (trx) => {
          const { rows: [c] } = await sql<{ id: string; content_hash: string; definition: never }>`
            select v.id, v.content_hash, v.definition from contract_version v where v.contract_id = ${contractId} and v.status = 'in_force'`.execute(trx);
          const sequence = await nextLedgerSequence(trx);
          lap('prepare');
          const data = await loadEvaluationData(trx, { contractId, asOf: '2025-12-31', sequence, versionHash: c!.content_hash });
          lap('load');
          const result = evaluate({
            definition: c!.definition, asOf: '2025-12-31', claims: data.claims, results: data.results, priorObligations: data.priorObligations,
            drawdowns: data.drawdowns, detailLimit: STORED_PARTICIPANTS_PER_SCOPE,
          });
          lap('engine');
          total = result.totals.entitled;
          const { obligations: _, ...explanation } = storedExplanation(result);
          lap('explain');
          await insertEvaluation(trx, {
            contractId, versionId: c!.id, trigger: 'manual', scheduledFor: null, asOf: '2025-12-31', knownAt: new Date(), sequence,
            dataDigest: data.digest, priorObligationsDigest: data.priorObligationsDigest, dataCounts: data.counts, engineVersion: 'x', result: explanation,
            requestedBy: null, apiKeyId: null, createdAt: new Date(),
          }, []);
          lap('insert');
          throw new Rollback();
        }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
        const sum = Object.values(t).reduce((a, b) => a + b, 0);
        log(`${backend} ${rows}: engine path ${sum} ms (${Object.entries(t).map(([k, v]) => `${k} ${v}`).join(', ')}), hand SQL ${Math.round(hand.seconds * 1000)} ms, ratio ${(sum / hand.seconds / 1000).toFixed(2)}, ${(sum * 1000 / rows).toFixed(2)} µs/claim, total ${total} vs ${hand.total}`);
      }
    }
  } finally {
    await database.close();
  }
}

class Rollback extends Error {}

if (process.argv[2] === 'setup') await setup();
else if (existsSync(join(dir, 'contracts.json'))) await run();
else throw new Error('run setup first');
