import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/server-process.ts';

/**
 * `npm start` as a supervisor runs it: the signal goes to the npm process. Before, npm → sh → tsx →
 * node left tsx and node running (holding the port and DATA_DIR) when npm was told to stop.
 */
const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const socket = createConnection({ port, host: '127.0.0.1' });
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
});

async function startAndSignal(signal: NodeJS.Signals) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ol-npm-start-'));
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const npm = spawn('npm', ['start'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_API_KEY: 'olk_npm_start_test_key_0123456789abcdef01', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (d) => (output += d));
  npm.stderr!.on('data', (d) => (output += d));
  try {
    const deadline = Date.now() + 90_000;
    while (!(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`npm start did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    npm.kill(signal);
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
    // the port is free once every process of the group has stopped
    let free = false;
    for (let i = 0; i < 40 && !free; i++) {
      free = !(await portOpen(port));
      if (!free) await new Promise((r) => setTimeout(r, 250));
    }
    return { code, free, output };
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('npm start', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the whole service when npm receives ${signal}, freeing the port`, async () => {
      const { code, free, output } = await startAndSignal(signal);
      expect(code, output).not.toBe('timeout');
      expect(free, output).toBe(true);
      console.log(`npm start, ${signal} to npm: exited ${code}, port free`);
    });
  }
});
