import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/commands.ts';

/** `cli load` and `cli audit verify` directly on an embedded database (no server). */
const dataDir = mkdtempSync(join(tmpdir(), 'outcome-ledger-cli-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => { out.push(l); }, err: (l) => { err.push(l); }, env: { DATA_DIR: dataDir, ADMIN_API_KEY: 'olk_cli_embedded_test_administrator_key_01234567' } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli on the embedded database', () => {
  it("load leaves an audit trail that verifies, the CLI's own session key included (its revocation records the key's row)", async () => {
    const loaded = await cli('load', 'contracts/peterborough.json', '--approve', '--data', 'contracts/data/peterborough.results.csv', '--validate');
    expect(loaded.err).toBe('');
    expect(loaded.code).toBe(0);
    expect(loaded.out).toMatch(/GB-MOJ-PETERBOROUGH-SIB-2010: contract \S+ \(active\)/);
    expect(loaded.out).toContain('uploaded contracts/data/peterborough.results.csv: 2 results, 2 validated');

    const verified = await cli('audit', 'verify');
    expect(verified.err).toBe('');
    expect(verified.out).toMatch(/✓ platform: \d+ entries/);
    expect(verified.out).not.toContain('✗');
    expect(verified.code).toBe(0);
  }, 120_000);
});
