import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { postgresBinaries } from '../support/pg-cluster.ts';
import { remote, remoteActiveContract, signedInPerson } from '../support/remote.ts';
import { freePort, type ServerProcess, startServerProcess } from '../support/server-process.ts';

const ADMIN = 'olk_replica_test_administrator_key_0123456789';

/**
 * A primary and a hot standby streaming from it (pg_basebackup -R), in a temporary folder, with
 * Debian's binaries; as root, run as the `postgres` user (PostgreSQL refuses to run as root).
 */
interface Pair { primary: string; standby: string; destroy(): void }
async function startPrimaryAndStandby(bin: string): Promise<Pair> {
  const dir = mkdtempSync(join(tmpdir(), 'outcome-ledger-replica-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { cwd: '/tmp', stdio: 'pipe' });
  };
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const start = (data: string, port: number, extra: string) => {
    run('pg_ctl', ['-D', join(dir, data), '-l', join(dir, `${data}.log`), '-w', 'start', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off ${extra}`]);
    started.push(data);
  };
  const destroy = () => {
    for (const data of started.reverse()) {
      try {
        run('pg_ctl', ['-D', join(dir, data), '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', join(dir, 'primary'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    start('primary', primaryPort, '-c wal_level=replica -c max_wal_senders=5 -c max_connections=100');
    // initdb's pg_hba.conf lets local and loopback replication connections in (trust).
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', join(dir, 'standby'), '-R', '-X', 'stream', '-c', 'fast']);
    start('standby', standbyPort, '-c hot_standby=on -c max_connections=100');
  } catch (error) {
    destroy();
    throw error;
  }
  return { primary: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`, standby: `postgres://postgres@127.0.0.1:${standbyPort}/postgres`, destroy };
}

/** An answer without the moment it was generated (the INDIGO export says when it was made). */
const body = async (response: Response) => (await response.text()).replace(/generated \d{4}-\d\d-\d\dT[\d:.]+Z/g, 'generated (now)');
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

let pair: Pair | undefined;
const servers: ServerProcess[] = [];
const clients: postgres.Sql[] = [];
afterAll(async () => {
  for (const c of clients) await c.end({ timeout: 1 }).catch(() => {});
  for (const s of servers) await s.stop();
  pair?.destroy();
});

// A second server streaming from the first: needs PostgreSQL's binaries, in CI's PostgreSQL pass.
const bin = postgresBinaries();
describe.runIf(backend === 'postgres' && bin !== undefined)('a read replica (DATABASE_READ_URL)', () => {
  it('serves status, listings and exports from a streaming standby, falls back to the primary while it lags, and never writes to it', async () => {
    pair = await startPrimaryAndStandby(bin!);
    const primarySql = postgres(pair.primary, { max: 1, onnotice: () => {} });
    const standbySql = postgres(pair.standby, { max: 1, onnotice: () => {} });
    clients.push(primarySql, standbySql);
    expect((await standbySql`select pg_is_in_recovery() as r`)[0]!.r).toBe(true);

    // The service under test reads from the standby; a reference service over the primary alone.
    const withReplica = await startServerProcess({ DATABASE_URL: pair.primary, DATABASE_READ_URL: pair.standby, ADMIN_API_KEY: ADMIN });
    servers.push(withReplica);
    const primaryOnly = await startServerProcess({ DATABASE_URL: pair.primary, ADMIN_API_KEY: ADMIN });
    servers.push(primaryOnly);

    // Writes through the service (register, approve, upload, review, evaluate): all reach the primary.
    const { contractId, members } = await remoteActiveContract(withReplica.url, ADMIN, rateCardDefinition({ reference: 'REPLICA-1' }));
    const operator = remote(withReplica.url, members.operator!.key);
    let csv = 'participant_ref,outcome,cohort,achieved_on,evidence\n';
    for (let i = 0; i < 200; i++) csv += `P-${String(i).padStart(5, '0')},job_entry,cohort_1,2024-03-01,payslip ${i}\n`;
    expect((await operator.postCsv(`/v1/contracts/${contractId}/claims`, csv)).rows).toBe(200);
    expect((await remote(withReplica.url, members.evaluator!.key).post(`/v1/contracts/${contractId}/claims/reviews`, { decision: 'validated', filter: {} })).reviewed).toBe(200);
    const run = await remote(withReplica.url, members.payer!.key).post(`/v1/contracts/${contractId}/evaluations`, { asOf: '2025-01-31' });
    expect(Number(run.evaluation.totals.newObligations)).toBeGreaterThan(0);

    const get = (server: ServerProcess, path: string, key = members.payer!.key) =>
      fetch(server.url + path, { headers: { authorization: `Bearer ${key}` } });
    const paths = [
      [`/v1/contracts/${contractId}/status`, members.payer!.key],
      [`/v1/contracts/${contractId}/claims?limit=500`, members.payer!.key],
      [`/v1/contracts/${contractId}/evaluations`, members.payer!.key],
      [`/v1/contracts/${contractId}/obligations`, members.payer!.key],
      [`/v1/contracts/${contractId}/audit?limit=500`, members.payer!.key],
      [`/v1/contracts/${contractId}/claims/export`, members.payer!.key],
      [`/v1/contracts/${contractId}/export/indigo`, members.payer!.key],
      ['/v1/contracts', members.payer!.key],
      ['/v1/liabilities', members.payer!.key],
      ['/v1/portfolio', members.investor!.key],
    ] as const;

    // People of the payer and of the investor, signed in to the workspace (writes: before the standby catches up).
    const cookies = {
      payer: await signedInPerson(withReplica, ADMIN, members.payer!.id, 'payer@replica.example.org'),
      investor: await signedInPerson(withReplica, ADMIN, members.investor!.id, 'investor@replica.example.org'),
    };
    const page = (path: string, who: keyof typeof cookies) => fetch(withReplica.url + path, { headers: { accept: 'text/html', cookie: cookies[who] } });
    const pages = [[`/contracts/${contractId}/status`, 'payer'], ['/payer', 'payer'], ['/investor', 'investor']] as const;

    // Once the standby has caught up, every read is answered from it, and equals the primary's answer.
    const caughtUp = async () => {
      const { lsn } = (await primarySql`select pg_current_wal_lsn()::text as lsn`)[0]!;
      for (const started = Date.now(); Date.now() - started < 30_000;) {
        const { ok } = (await standbySql`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`)[0]!;
        if (ok) return;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error('the standby did not catch up within 30 s');
    };
    await caughtUp();
    for (const [path, key] of paths) {
      const [fromReplica, reference] = [await get(withReplica, path, key), await get(primaryOnly, path, key)];
      expect(fromReplica.status, path).toBe(200);
      expect(fromReplica.headers.get('x-read-from'), path).toBe('replica');
      expect(reference.headers.get('x-read-from'), path).toBeNull();
      expect(await body(fromReplica), path).toBe(await body(reference));
    }
    // The workspace's status page, the payer's liabilities and the investor's portfolio read from it too.
    for (const [path, who] of pages) {
      const response = await page(path, who);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('x-read-from'), path).toBe('replica');
      expect(await response.text(), path).toContain('Test employment rate card');
    }
    const claims = await (await get(withReplica, `/v1/contracts/${contractId}/claims?limit=500`)).json() as { items: { participantRef: string; status: string }[] };
    expect(claims.items).toHaveLength(200);
    expect(claims.items.every((c) => c.status === 'validated')).toBe(true);
    const status = await (await get(withReplica, `/v1/contracts/${contractId}/status`)).json() as { latestEvaluation: { id: string } | null };
    expect(status.latestEvaluation?.id).toBe(run.evaluation.id);

    // Read-your-writes while the standby lags: replay paused, a write, then reads — the service sees
    // the standby is behind the contract's audit head (or the primary's WAL) and answers from the
    // primary, with the write.
    await standbySql`select pg_wal_replay_pause()`;
    try {
      expect((await operator.postCsv(`/v1/contracts/${contractId}/claims`, 'participant_ref,outcome,cohort,achieved_on,evidence\nP-99999,job_entry,cohort_1,2024-03-01,late\n')).rows).toBe(1);
      const listing = await get(withReplica, `/v1/contracts/${contractId}/claims?limit=500`);
      expect(listing.headers.get('x-read-from')).toBe('primary');
      expect(((await listing.json()) as { items: unknown[] }).items).toHaveLength(201);
      for (const path of [`/v1/contracts/${contractId}/status`, `/v1/contracts/${contractId}/audit?limit=500`, `/v1/contracts/${contractId}/claims/export`, '/v1/contracts', '/v1/liabilities']) {
        const [fromService, reference] = [await get(withReplica, path), await get(primaryOnly, path)];
        expect(fromService.headers.get('x-read-from'), path).toBe('primary');
        expect(await body(fromService), path).toBe(await body(reference));
      }
      for (const [path, who] of pages) expect((await page(path, who)).headers.get('x-read-from'), path).toBe('primary');
      // The standby itself still lacks the write: the fallback, not luck, gave the right answer.
      const { n } = (await standbySql`select count(*)::int as n from participant_claim where contract_id = ${contractId}`)[0]!;
      expect(n).toBe(200);
    } finally {
      await standbySql`select pg_wal_replay_resume()`;
    }
    await caughtUp();
    const after = await get(withReplica, `/v1/contracts/${contractId}/claims?limit=500`);
    expect(after.headers.get('x-read-from')).toBe('replica');
    expect(((await after.json()) as { items: unknown[] }).items).toHaveLength(201);

    // The standby refuses writes (a read-only transaction): no handler can write through it, and none tried.
    await expect(standbySql`insert into organisation (name, kind) values ('x', 'investor')`).rejects.toMatchObject({ code: '25006' });
    await expect(standbySql`create table nope (x int)`).rejects.toMatchObject({ code: '25006' });
    expect(withReplica.output()).not.toMatch(/read-only transaction/);

    // Replica lag: from a commit on the primary to its row being visible on the standby.
    await primarySql`create table lag_probe (n int primary key, at timestamptz default clock_timestamp())`;
    await caughtUp();
    const samples: number[] = [];
    for (let i = 1; i <= 30; i++) {
      await primarySql`insert into lag_probe (n) values (${i})`;
      const committed = performance.now();
      for (;;) {
        const rows = await standbySql`select 1 from lag_probe where n = ${i}`;
        if (rows.length > 0) break;
        if (performance.now() - committed > 30_000) throw new Error('a write did not reach the standby within 30 s');
      }
      samples.push(performance.now() - committed);
      await new Promise((r) => setTimeout(r, 20));
    }
    samples.sort((a, b) => a - b);
    const p50 = quantile(samples, 0.5);
    const max = samples.at(-1)!;

    // And for the service's own writes: from a 1,000-claim upload's answer to the contract's new audit
    // head on the standby (when reads of that contract go back to the replica), and how many reads
    // made at once after the upload fell back to the primary.
    const uploads: number[] = [];
    let fellBack = 0;
    for (let u = 0; u < 5; u++) {
      let rows = 'participant_ref,outcome,cohort,achieved_on,evidence\n';
      for (let i = 0; i < 1000; i++) rows += `U${u}-${String(i).padStart(5, '0')},job_entry,cohort_1,2024-03-01,upload ${u}\n`;
      expect((await operator.postCsv(`/v1/contracts/${contractId}/claims`, rows)).rows).toBe(1000);
      const answered = performance.now();
      const lag = (async () => {
        const { head } = (await primarySql`select max(seq)::int as head from audit_entry where chain = ${contractId}`)[0]!;
        for (;;) {
          if ((await standbySql`select 1 from audit_entry where chain = ${contractId} and seq = ${head}`).length > 0) return performance.now() - answered;
          if (performance.now() - answered > 30_000) throw new Error('an upload did not reach the standby within 30 s');
        }
      })();
      const read = get(withReplica, `/v1/contracts/${contractId}/status`);
      uploads.push(await lag);
      const response = await read;
      expect(response.status).toBe(200);
      if (response.headers.get('x-read-from') === 'primary') fellBack++;
    }
    uploads.sort((a, b) => a - b);
    console.log(`read replica: ${paths.length} reads from the standby equal the primary's; with replay paused, a write then reads answered from the primary (fallback); replica lag over ${samples.length} commits: p50 ${p50.toFixed(1)} ms, p95 ${quantile(samples, 0.95).toFixed(1)} ms, max ${max.toFixed(1)} ms; after a 1,000-claim upload's answer, its audit head on the standby within p50 ${quantile(uploads, 0.5).toFixed(1)} ms, max ${uploads.at(-1)!.toFixed(1)} ms (${fellBack}/${uploads.length} status reads made at once fell back to the primary)`);
    expect(max).toBeLessThan(5_000);
    expect(uploads.at(-1)!).toBeLessThan(5_000);
  });
});
