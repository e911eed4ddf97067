import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { backend, openTestDatabase, type TestDatabase } from './database.ts';

/** A real Outcome Ledger server in a child process (`npm start`'s entry), for tests that measure or kill it. */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Current resident memory (VmRSS), in MiB. */
  rssMiB(): number;
  /** Samples VmRSS every `everyMs` until the returned function is called; it returns the highest sample in MiB. */
  sampleRss(everyMs?: number): () => number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts the server with `env` over this process's environment, except DATABASE_URL: which database
 * the server uses is the caller's choice (DATABASE_URL or DATA_DIR in `env`), never inherited.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false', OL_TRACE: process.env.OL_TRACE ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const rssMiB = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
  };
  return {
    url,
    pid: child.pid!,
    child,
    rssMiB,
    sampleRss(everyMs = 50) {
      let peak = rssMiB();
      const timer = setInterval(() => {
        try {
          peak = Math.max(peak, rssMiB());
        } catch {
          // process gone
        }
      }, everyMs);
      return () => {
        clearInterval(timer);
        return peak;
      };
    },
    output: () => output,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

/**
 * Where this test file's server processes keep their data: a throwaway database on the suite's
 * PostgreSQL server, or a fresh DATA_DIR for the embedded database. `env()` gives the variable to
 * start a server with (the same place on every call); call `close()` in afterAll.
 */
export function serverStorage(prefix: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `outcome-ledger-${prefix}-`));
  let database: TestDatabase | undefined;
  return {
    async env(): Promise<Record<string, string>> {
      if (backend === 'pglite') return { DATA_DIR: dataDir };
      database ??= await openTestDatabase({ migrate: false });
      return { DATABASE_URL: database.url! };
    },
    async close() {
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
