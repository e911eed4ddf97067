import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The CLI as a process whose stdout is a pipe read slowly (as `cli evaluate --json | jq …` is):
 * every byte arrives, and the process still exits by itself.
 */
const dir = mkdtempSync(join(tmpdir(), 'outcome-ledger-cli-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` DWP Innovation Fund claims: nine outcomes per participant, over the three intakes (every participant capped). */
function dwpClaims(n: number): string {
  const metrics = ['improved_attendance', 'improved_behaviour', 'nqf_level_1', 'esol_completed', 'nqf_level_2', 'entry_to_he_fe', 'nqf_level_3',
    'entry_to_employment_13_weeks', 'sustained_employment_26_weeks'];
  const rows = ['participant_ref,outcome,cohort,achieved_on,held_from,evidence'];
  for (let i = 0; i < n; i++) {
    const p = Math.floor(i / 9);
    const m = i % 9;
    const year = 2012 + (p % 3);
    rows.push(`P-${String(p).padStart(7, '0')},${metrics[m]},intake_${year},${year}-${String(4 + m).padStart(2, '0')}-15,,DOC-${p}-${m}`);
  }
  return `${rows.join('\n')}\n`;
}

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Spawns the CLI and reads its stdout one chunk at a time, pausing after each (`stopAfter`: then closes the pipe). */
async function spawnCli(args: string[], options: { pauseMs: number; stopAfter?: number }): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    read += chunk.length;
    if (options.stopAfter !== undefined && read >= options.stopAfter) {
      child.stdout.destroy();
      break;
    }
    await delay(options.pauseMs);
  }
  return { code: await exited, stdout: Buffer.concat(chunks), stderr };
}

describe('cli evaluate into a pipe', () => {
  const data = join(dir, 'dwp-2000.csv');
  writeFileSync(data, dwpClaims(2000));
  const evaluate = ['evaluate', '--contract', 'contracts/dwp-innovation-fund.json', '--data', data, '--as-of', '2016-03-31'];

  it('--json read slowly: every byte of a JSON far larger than 64 KiB, which parses; exit 0', async () => {
    const run = await spawnCli([...evaluate, '--json', '--detail', 'participants'], { pauseMs: 25 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(256 * 1024);
    const evaluation = JSON.parse(run.stdout.toString('utf8'));
    expect(evaluation.detail).toBe('participants');
    expect(evaluation.dataCounts.claims).toBe(2000);
    expect(evaluation.explanation.totals.newObligations).toBe('2599500.00');
    expect(evaluation.explanation.rules[0].scopes[0].participants.length).toBeGreaterThan(50);
  }, 120_000);

  it('a reader that stops early (| head): the CLI stops quietly, no error', async () => {
    const run = await spawnCli([...evaluate, '--json', '--detail', 'participants'], { pauseMs: 0, stopAfter: 1 });
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);

  it('--help and a bad argument as a process: exit codes 0 and 2, usage on stdout, the error on stderr', async () => {
    const help = await spawnCli(['evaluate', '--help'], { pauseMs: 0 });
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/^Usage: cli evaluate/);
    const bad = await spawnCli(['evaluate', '--contract', 'contracts/dwp-innovation-fund.json', '--as-of', '2015-13-01'], { pauseMs: 0 });
    expect(bad.code).toBe(2);
    expect(bad.stdout.length).toBe(0);
    expect(bad.stderr).toBe("cli evaluate: --as-of 2015-13-01: not a calendar date written YYYY-MM-DD\nRun 'cli evaluate --help' for usage.\n");
  }, 120_000);
});
