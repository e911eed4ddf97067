import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.ts';

/**
 * A private PostgreSQL server in a temporary folder, for tests that must stop and start the
 * database under a running service. Uses Debian's binaries (PGBIN, or /usr/lib/postgresql/<v>/bin);
 * as root, runs them as the `postgres` user (PostgreSQL refuses to run as root).
 */
export function postgresBinaries(): string | undefined {
  if (process.env.PGBIN && existsSync(join(process.env.PGBIN, 'initdb'))) return process.env.PGBIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export interface PgCluster {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL binaries not found (install Debian\'s postgresql, or set PGBIN)');
  const dir = mkdtempSync(join(tmpdir(), 'outcome-ledger-cluster-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    execFileSync(command, argv, { cwd: '/tmp', stdio: 'pipe' });
  };
  const port = await freePort();
  run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const start = () => run('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', 'start', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']),
    start,
    destroy() {
      try {
        run('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

