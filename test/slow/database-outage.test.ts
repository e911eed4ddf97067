import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { backend } from '../support/database.ts';
import { rateCardDefinition } from '../support/fixtures.ts';
import { type PgCluster, postgresBinaries, startCluster } from '../support/pg-cluster.ts';
import { remoteActiveContract } from '../support/remote.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const ADMIN = 'olk_outage_test_administrator_key_0123456789';
const execFileAsync = promisify(execFile);
let cluster: PgCluster | undefined;
let server: ServerProcess | undefined;
const clusters: PgCluster[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
  for (const s of servers) await s.stop();
  for (const c of clusters) c.destroy();
});

async function until(check: () => Promise<boolean>, seconds: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    if (await check()) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not within ${seconds} s`);
}

// Needs a PostgreSQL server it may stop: a private one, in CI's PostgreSQL pass.
describe.runIf(backend === 'postgres')('a database outage', () => {
  it('answers 503 (never 500) while PostgreSQL is down, and recovers without a restart', async () => {
    cluster = await startCluster();
    server = await startServerProcess({ DATABASE_URL: cluster.url, ADMIN_API_KEY: ADMIN, DATABASE_CONNECT_TIMEOUT_SECONDS: '2' });
    const { contractId, members } = await remoteActiveContract(server.url, ADMIN, rateCardDefinition());
    const get = (path: string, key = members.investor!.key) => fetch(server!.url + path, { headers: { authorization: `Bearer ${key}` } });
    const upload = () => fetch(`${server!.url}/v1/contracts/${contractId}/claims`, {
      method: 'POST', headers: { authorization: `Bearer ${members.operator!.key}`, 'content-type': 'text/csv' },
      body: `participant_ref,outcome,cohort,achieved_on,evidence\nP-${Math.random().toString(36).slice(2, 8)}7,job_entry,cohort_1,2024-03-01,x\n`,
    });
    expect((await get(`/v1/contracts/${contractId}`)).status).toBe(200);

    cluster.stop();
    const during = { read: await get(`/v1/contracts/${contractId}`), write: await upload(), ready: await fetch(`${server.url}/readyz`), live: await fetch(`${server.url}/healthz`) };
    expect(during.read.status).toBe(503);
    expect(during.write.status).toBe(503);
    expect(during.ready.status).toBe(503);
    expect(during.live.status).toBe(200);
    for (const r of [during.read, during.write, during.ready]) {
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect((await r.json() as { code: string }).code).toBe('database_unavailable');
    }

    cluster.start();
    const seconds = await until(async () => (await fetch(`${server!.url}/readyz`)).status === 200, 30);
    expect((await get(`/v1/contracts/${contractId}`)).status).toBe(200);
    expect((await upload()).status).toBe(201);
    console.log(`database outage: 503 while down; ready again ${seconds.toFixed(1)} s after PostgreSQL restarted, without restarting the service`);
  });
});

/**
 * pg_ctl on a cluster of startCluster (started again with the options it starts it with), without
 * blocking this process: the load keeps running and its times stay true.
 */
async function pgCtl(url: string, action: 'stop-fast' | 'stop-immediate' | 'start'): Promise<void> {
  const bin = postgresBinaries()!;
  const dataDir = await dataDirectoryOf(url);
  const dir = dirname(dataDir);
  const port = new URL(url).port;
  const args = action === 'start'
    ? ['-D', dataDir, '-l', join(dir, 'log'), '-w', 'start', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`]
    : ['-D', dataDir, '-m', action === 'stop-fast' ? 'fast' : 'immediate', '-w', 'stop'];
  const asRoot = process.getuid?.() === 0;
  await execFileAsync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args] : args, { cwd: '/tmp' });
}

const dataDirectories = new Map<string, string>();
async function dataDirectoryOf(url: string): Promise<string> {
  let dir = dataDirectories.get(url);
  if (!dir) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    dir = (await sql<{ data_directory: string }[]>`show data_directory`)[0]!.data_directory;
    await sql.end();
    dataDirectories.set(url, dir);
  }
  return dir;
}

/** Every process of the cluster (the postmaster first), for SIGSTOP/SIGCONT. */
async function clusterProcesses(url: string): Promise<number[]> {
  const postmaster = Number(readFileSync(join(await dataDirectoryOf(url), 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return Number(readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === postmaster;
    } catch {
      return false; // gone meanwhile
    }
  }).map(Number);
  return [postmaster, ...children];
}

interface Answer {
  kind: string;
  sentAt: number;
  answeredAt?: number;
  status?: number;
  code?: string;
  requestId?: string | null;
  failure?: string;
}

type Fault = { from: number; to: number };

/**
 * Starts the service on a private PostgreSQL server, sends a fixed number of requests on a fixed
 * schedule whatever the answers (an open loop: a hung request does not slow the load down, it goes
 * missing) — status and contract reads, uploads, organisations created — while `faults` breaks
 * the server, then counts the answers: every request answered; every answer 2xx, or 503
 * `database_unavailable` while a fault lasts (and `recoveryMs` after); every acknowledged row
 * stored; back to 2xx after the faults, without restarting the service. Prints the figures and
 * returns the answers, for the caller's checks of answer times.
 */
async function loadThroughFaults(
  label: string,
  total: number,
  faults: (url: string, at: (ms: number) => Promise<void>, now: () => number) => Promise<Fault[]>,
  /** After a fault, how long 503s are still expected (requests that waited through it, queued behind each other). */
  recoveryMs = 0,
) {
  const CONNECT_TIMEOUT_SECONDS = 2;
  const EVERY_MS = 15;
  const ROWS = 2;
  const bound = (CONNECT_TIMEOUT_SECONDS + 1) * 1000;
  const cluster = await startCluster();
  clusters.push(cluster);
  const url = cluster.url;
  await dataDirectoryOf(url);
  const service = await startServerProcess({
    DATABASE_URL: url, ADMIN_API_KEY: ADMIN, DATABASE_CONNECT_TIMEOUT_SECONDS: String(CONNECT_TIMEOUT_SECONDS),
    DATABASE_POOL_MAX: '4', RATE_LIMIT_PER_MINUTE: '0',
  });
  servers.push(service);
  const base = service.url;
  const { contractId, members } = await remoteActiveContract(base, ADMIN, rateCardDefinition());
  const key = (party: string) => members[party]!.key;

  const kinds = ['status', 'contract', 'upload', 'organisation', 'evaluations', 'upload'] as const;
  const send = (i: number): Promise<Response> => {
    const kind = kinds[i % kinds.length]!;
    const signal = AbortSignal.timeout(30_000);
    const get = (path: string, party: string) => fetch(base + path, { headers: { authorization: `Bearer ${key(party)}` }, signal });
    switch (kind) {
      case 'status': return get(`/v1/contracts/${contractId}/status`, 'investor');
      case 'contract': return get(`/v1/contracts/${contractId}`, 'payer');
      case 'evaluations': return get(`/v1/contracts/${contractId}/evaluations`, 'evaluator');
      case 'organisation':
        return fetch(`${base}/v1/organisations`, {
          method: 'POST', signal,
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Outage org ${i}`, kind: 'investor' }),
        });
      case 'upload': {
        const rows = Array.from({ length: ROWS }, (_, r) => `O-${i}-${r},job_entry,cohort_1,2024-03-01,ev`).join('\n');
        return fetch(`${base}/v1/contracts/${contractId}/claims`, {
          method: 'POST', signal,
          headers: { authorization: `Bearer ${key('operator')}`, 'content-type': 'text/csv' },
          body: `participant_ref,outcome,cohort,achieved_on,evidence\n${rows}\n`,
        });
      }
    }
  };

  const answers: Answer[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const now = () => performance.now() - started;
  const at = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms - now())));
  const load = (async () => {
    for (let i = 0; i < total; i++) {
      await at(i * EVERY_MS);
      const answer: Answer = { kind: kinds[i % kinds.length]!, sentAt: now() };
      answers.push(answer);
      pending.push(send(i).then(async (response) => {
        const text = await response.text();
        answer.answeredAt = now();
        answer.status = response.status;
        answer.requestId = response.headers.get('x-request-id');
        if (response.status >= 400) answer.code = (JSON.parse(text) as { code?: string }).code;
      }, (error: unknown) => {
        answer.failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }));
    }
  })();
  const faulted = await faults(url, at, now);
  await load;
  await Promise.all(pending);

  const answered = answers.filter((a) => a.status !== undefined);
  const took = (a: Answer) => a.answeredAt! - a.sentAt;
  const duringFault = (a: Answer) => faulted.some((f) => a.sentAt < f.to + recoveryMs && a.answeredAt! > f.from);
  const unavailable = answered.filter((a) => a.status === 503 && a.code === 'database_unavailable');
  const unexpected = answered.filter((a) => !(a.status! < 300 || (a.status === 503 && a.code === 'database_unavailable')));
  const failedOutsideFaults = answered.filter((a) => !duringFault(a) && a.status! >= 300);
  const slowest = answered.reduce((m, a) => (took(a) > m.ms ? { ms: took(a), kind: a.kind } : m), { ms: 0, kind: '' });
  const uploads = answered.filter((a) => a.kind === 'upload');
  const acknowledgedRows = uploads.filter((a) => a.status === 201).length * ROWS;
  // The check read, after the load: a 503 says "retry shortly", so it retries as a client would,
  // for at most the recovery allowance plus 5 s, and the figures say how long it waited.
  const checkStarted = performance.now();
  let summaryResponse: Response;
  for (;;) {
    summaryResponse = await fetch(`${base}/v1/contracts/${contractId}/claims/summary`, { headers: { authorization: `Bearer ${key('investor')}` } });
    if (summaryResponse.status !== 503 || performance.now() - checkStarted > recoveryMs + 5000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const checkReadMs = Math.round(performance.now() - checkStarted);
  if (!summaryResponse.ok) {
    const requestId = summaryResponse.headers.get('x-request-id') ?? '';
    throw new Error(`check read ${summaryResponse.status} after ${checkReadMs} ms: ${await summaryResponse.text()}\nservice log for it:\n${service.output().split('\n').filter((l) => l.includes(requestId)).join('\n')}`);
  }
  const summary = await summaryResponse.json() as { items: { submitted: number }[] };
  const storedRows = summary.items.reduce((n, i) => n + i.submitted, 0);
  const figures = {
    sent: answers.length, answered: answered.length, missing: answers.length - answered.length,
    ok: answered.filter((a) => a.status! < 300).length, unavailable503: unavailable.length, other: unexpected.length,
    slowestMs: Math.round(slowest.ms), slowestKind: slowest.kind, boundMs: bound,
    faultsMs: faulted.map((f) => Math.round(f.to - f.from)),
    uploadsAcknowledged: uploads.filter((a) => a.status === 201).length, rowsAcknowledged: acknowledgedRows, rowsStored: storedRows,
    checkReadMs,
  };
  console.log(`${label}: ${JSON.stringify(figures)}`);
  if (unexpected.length > 0 || failedOutsideFaults.length > 0 || figures.missing > 0) {
    console.log(JSON.stringify({ unexpected: unexpected.slice(0, 5), failedOutsideFaults: failedOutsideFaults.slice(0, 5), missing: answers.filter((a) => a.status === undefined).slice(0, 5) }));
    const ids = new Set([...unexpected, ...failedOutsideFaults].slice(0, 5).map((a) => a.requestId).filter(Boolean));
    console.log(service.output().split('\n').filter((l) => [...ids].some((id) => l.includes(id!))).join('\n'));
  }

  expect(figures.missing).toBe(0);
  expect(unexpected).toEqual([]);
  expect(failedOutsideFaults).toEqual([]);
  expect(unavailable.length).toBeGreaterThan(0);
  // Every acknowledged row is stored (a 503 may still have committed: its answer was lost, not its write).
  expect(storedRows).toBeGreaterThanOrEqual(acknowledgedRows);
  // Back to normal without a restart of the service.
  expect(answers.slice(-20).every((a) => a.status! < 300)).toBe(true);
  await service.stop();
  return { answered, faulted, bound, took, slowest };
}

describe.runIf(backend === 'postgres')('a database outage under load', () => {
  it('answers every request, 2xx or 503 database_unavailable within connect timeout + 1 s, through two PostgreSQL stops', async () => {
    const run = await loadThroughFaults('database outage under load (stops)', 600, async (url, at, now) => {
      // A fast shutdown, then an immediate one (crash recovery at restart).
      const stops: Fault[] = [];
      for (const [stopAt, mode, startAt] of [[1500, 'stop-fast', 4000], [5500, 'stop-immediate', 7500]] as const) {
        await at(stopAt);
        const from = now();
        await pgCtl(url, mode);
        await at(startAt);
        await pgCtl(url, 'start');
        stops.push({ from, to: now() });
      }
      return stops;
    });
    expect(run.slowest.ms).toBeLessThanOrEqual(run.bound);
  });

  it('answers every request while PostgreSQL is frozen (SIGSTOP: connections open, nothing answers), 503 within connect timeout + 2 s', async () => {
    const CONNECT_TIMEOUT_MS = 2000;
    const run = await loadThroughFaults('database outage under load (frozen)', 400, async (url, at, now) => {
      await at(1500);
      const processes = await clusterProcesses(url);
      const from = now();
      try {
        for (const pid of processes) process.kill(pid, 'SIGSTOP');
        await at(4500);
      } finally {
        for (const pid of processes) process.kill(pid, 'SIGCONT');
      }
      return [{ from, to: now() }];
    }, CONNECT_TIMEOUT_MS + 1000);
    const thaw = run.faulted[0]!.to;
    // A request that the thaw cannot rescue (sent more than the bound before it) shows how long the
    // service waits on a server that does not answer: statements in flight on connections that
    // stay open end when the watchdog finds the server silent (checked after 0.25 s, given the
    // connect timeout to answer); new connections end at the connect timeout.
    const slowestBeforeThaw = Math.max(...run.answered.filter((a) => a.sentAt < thaw - run.bound).map(run.took));
    // Those rescued by the thaw queue for connections while the server catches up.
    const slowestAcrossThaw = Math.max(0, ...run.answered.filter((a) => a.sentAt >= thaw - run.bound && a.sentAt < thaw).map(run.took));
    console.log(`frozen: slowest answer sent before thaw - bound ${Math.round(slowestBeforeThaw)} ms, across the thaw ${Math.round(slowestAcrossThaw)} ms`);
    expect(slowestBeforeThaw).toBeLessThanOrEqual(CONNECT_TIMEOUT_MS + 2000);
    expect(slowestAcrossThaw).toBeLessThanOrEqual(3 * run.bound);
  });
});
