import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/commands.ts';

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => { out.push(l); }, err: (l) => { err.push(l); }, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'indigo-cli-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('cli import indigo', () => {
  it('maps a record locally and prints what it lacks; --json prints the draft', async () => {
    const record = file('record.json', {
      project: {
        name: { value: 'Example' }, jurisdiction: { jurisdiction: { value: 'GB', status: 'PUBLIC' } },
        outcome_payment_commitments: [{ organisation_id: { value: 'GB-GOR-D18' }, maximum_potential_outcome_payment: { currency: { value: 'GBP', status: 'PUBLIC' }, amount: { value: 100 } } }],
      },
      organisations: [{ id: 'GB-GOR-D18', data: { name: { value: 'Ministry of Justice' } } }],
    });
    const text = await cli(['import', 'indigo', record]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('Draft of "Example": 1 parties, 0 metrics');
    expect(text.out).toContain('  cohorts: the standard has a target population in words');
    const json = await cli(['import', 'indigo', record, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).parties).toEqual([{ key: 'ministry_of_justice', name: 'Ministry of Justice', roles: ['outcome_payer'], organisationReference: 'GB-GOR-D18' }]);
  });

  it('refuses a record that breaks the standard (exit 1) and a wrong command line (exit 2)', async () => {
    const bad = await cli(['import', 'indigo', file('bad.json', { stage_development: { value: 'Late-stage design' } })]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('/stage_development/value');
    expect((await cli(['import', 'indigo'])).code).toBe(2);
    expect((await cli(['import', 'xml', 'x.json'])).code).toBe(2);
  });
});
