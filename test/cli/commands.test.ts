import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands, runCli } from '../../src/cli/commands.ts';
import { inspectDataFile } from '../../src/cli/data-files.ts';

/** The command line in process: usage, argument checks before any work, readable errors. */
async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => { out.push(l); }, err: (l) => { err.push(l); }, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

const dir = mkdtempSync(join(tmpdir(), 'outcome-ledger-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DWP = 'contracts/dwp-innovation-fund.json';
const DWP_DATA = 'contracts/data/dwp-innovation-fund.claims.csv';

describe('cli --help', () => {
  const invocations: [string, string[]][] = [
    ['validate', ['validate', '--help']],
    ['evaluate', ['evaluate', '--help']],
    ['load', ['load', '--help']],
    ['demo', ['demo', '--help']],
    ['migrate', ['migrate', '--help']],
    ['audit verify', ['audit', 'verify', '--help']],
    ['audit verify', ['audit', '--help']],
    ['evaluate', ['help', 'evaluate']],
    ['evaluate', ['evaluate', '-h']],
    ['evaluate', ['evaluate', '--as-of', 'nonsense', '--bogus', '--help']],
  ];
  it.each(invocations)('%s: usage with arguments, options, defaults and an example, exit 0 (%j)', async (name, argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^Usage: cli ${name}`));
    expect(r.out).toMatch(/-h, --help +show this help/);
    expect(r.out).toMatch(/\nExamples?:\n {2}.*npm run cli -- /);
    expect(r.out).toMatch(/Exit status: 0/);
  });

  it('every command of the table answers --help with its usage and an example, exit 0', async () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['validate', 'evaluate', 'load', 'demo', 'migrate', 'audit verify']));
    for (const command of commands) {
      const r = await cli(...command.name.split(' '), '--help');
      expect(r.code, command.name).toBe(0);
      expect(r.out, command.name).toMatch(new RegExp(`^Usage: cli ${command.name}`));
      expect(r.out, command.name).toMatch(/-h, --help +show this help/);
      expect(r.out, command.name).toMatch(/\nExamples?:\n {2}/);
    }
  });

  it.each([['--help'], ['help'], ['-h']])('top level %s lists every command, exit 0', async (flag) => {
    const r = await cli(flag);
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.out).toContain(`  ${c.name}`);
    expect(r.out).toContain('Run cli <command> --help');
  });

  it('evaluate --help documents the detail levels and their default', async () => {
    const r = await cli('evaluate', '--help');
    expect(r.out).toMatch(/--detail <level> .*\(default: scopes\)/);
    for (const level of ['summary', 'scopes', 'participants']) expect(r.out).toMatch(new RegExp(`\\n {27}${level} `));
  });

  it('validate --help does not read a file called --help', async () => {
    const r = await cli('validate', '--help');
    expect(r.out).not.toContain('cannot read');
  });

  it('no command: the usage on stderr, exit 2', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Usage: cli <command>/);
  });
});

describe('cli: a wrong command line is one line naming the fault, then the usage hint, exit 2, before any work', () => {
  const cases: [string, string[], string][] = [
    ['unknown command', ['frobnicate'], "cli: unknown command 'frobnicate'"],
    ['unknown top-level option', ['--verbose'], 'cli: unknown option --verbose'],
    ['unknown option of evaluate', ['evaluate', '--contract', DWP, '--bogus'], 'cli evaluate: unknown option --bogus'],
    ['unknown option of validate', ['validate', '--strict', DWP], 'cli validate: unknown option --strict'],
    ['unknown option of load', ['load', DWP, '--aprove'], 'cli load: unknown option --aprove'],
    ['unknown option of demo', ['demo', '--directory', 'contracts'], 'cli demo: unknown option --directory'],
    ['unknown option of migrate', ['migrate', '--dry-run'], 'cli migrate: unknown option --dry-run'],
    ['unknown option of audit verify', ['audit', 'verify', '--contarct', 'x'], 'cli audit verify: unknown option --contarct'],
    ['a month 13', ['evaluate', '--contract', DWP, '--as-of', '2015-13-01'], 'cli evaluate: --as-of 2015-13-01: not a calendar date written YYYY-MM-DD'],
    ['February 30', ['evaluate', '--contract', DWP, '--as-of', '2015-02-30'], 'cli evaluate: --as-of 2015-02-30: not a calendar date written YYYY-MM-DD'],
    ['a date without its value', ['evaluate', '--contract', DWP, '--as-of'], 'cli evaluate: --as-of needs a value'],
    ['a date swallowing the next option', ['evaluate', '--as-of', '--json', '--contract', DWP], 'cli evaluate: --as-of needs a value (one starting with "-" is written --as-of=-…)'],
    ['a value given to a flag', ['evaluate', '--contract', DWP, '--json=yes'], 'cli evaluate: --json takes no value'],
    ['an unknown detail level', ['evaluate', '--contract', DWP, '--detail', 'everything'], 'cli evaluate: --detail everything: must be one of summary, scopes, participants'],
    ['no contract', ['evaluate', '--data', DWP_DATA], 'cli evaluate: --contract is required'],
    ['a missing contract file', ['evaluate', '--contract', 'contracts/nowhere.json'], 'cli evaluate: --contract contracts/nowhere.json: no such file'],
    ['a missing data file', ['evaluate', '--contract', DWP, '--data', 'nowhere.csv'], 'cli evaluate: --data nowhere.csv: no such file'],
    ['a directory as data', ['evaluate', '--contract', DWP, '--data', 'contracts'], 'cli evaluate: --data contracts: not a file (a directory)'],
    ['a positional argument to evaluate', ['evaluate', '--contract', DWP, 'extra'], "cli evaluate: unexpected argument 'extra'"],
    ['validate without files', ['validate'], 'cli validate: give at least one <contract.json>'],
    ['validate a missing file', ['validate', DWP, 'nowhere.json'], 'cli validate: file nowhere.json: no such file'],
    ['load a missing file', ['load', 'nowhere.json'], 'cli load: file nowhere.json: no such file'],
    ['load to a URL that is not http', ['load', DWP, '--url', 'ftp://example.org', '--admin-key', 'k'], 'cli load: --url ftp://example.org: must be an http:// or https:// URL'],
    ['load to a URL without a key', ['load', DWP, '--url', 'http://localhost:3000'], 'cli load: --url needs --admin-key <key> (or ADMIN_API_KEY)'],
    ['demo from a missing folder', ['demo', '--dir', 'nowhere'], 'cli demo: --dir nowhere: no such directory, or it cannot be read'],
    ['audit without its subcommand', ['audit'], 'cli audit verify: missing subcommand: verify'],
    ['audit with another subcommand', ['audit', 'repair'], "cli audit verify: unknown subcommand 'repair' (the one subcommand is verify)"],
    ['a malformed receipt', ['audit', 'verify', '--receipt', 'nope'], 'cli audit verify: --receipt nope: not an audit receipt (<chain>:<seq>:<entryHash> or <seq>:<entryHash>)'],
    ['help on an unknown command', ['help', 'frobnicate'], "cli: unknown command 'frobnicate'"],
  ];
  it.each(cases)('%s', async (_, argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.errLines).toHaveLength(2);
    expect(r.errLines[0]).toBe(message);
    expect(r.errLines[1]).toMatch(/^Run 'cli( [a-z ]+)? --help' for usage\.$/);
  });

  it('a data file whose header names no kind of data is refused before any work', async () => {
    const file = join(dir, 'unknown.csv');
    writeFileSync(file, 'name,value\nx,1\n');
    const r = await cli('evaluate', '--contract', DWP, '--data', file);
    expect(r.code).toBe(2);
    expect(r.errLines[0]).toBe(`cli evaluate: --data ${file}: the header names neither participant claims (participant_ref,…) nor aggregate results (metric,…)`);
  });

  it('a data file with a sep= line: the header after it tells the kind; sep=, is left out of the upload, another is sent as it is', () => {
    const comma = join(dir, 'comma.csv');
    writeFileSync(comma, '\uFEFFsep=,\r\nparticipant_ref,outcome\r\n');
    expect(inspectDataFile(comma)).toEqual({ file: comma, kind: 'claims', skipBytes: 3 + 7, sepLine: true });
    const semicolons = join(dir, 'semicolons.csv');
    writeFileSync(semicolons, 'sep=;\nmetric;cohort\n');
    expect(inspectDataFile(semicolons)).toEqual({ file: semicolons, kind: 'results', skipBytes: 0, sepLine: true });
    const plain = join(dir, 'plain.csv');
    writeFileSync(plain, 'metric,cohort\n');
    expect(inspectDataFile(plain)).toEqual({ file: plain, kind: 'results', skipBytes: 0, sepLine: false });
  });
});

describe('cli: failures are readable lines, never problem JSON, exit 1', () => {
  it('an invalid definition: the file and each problem with its path', async () => {
    const file = join(dir, 'invalid.json');
    const definition = JSON.parse(readFileSync(DWP, 'utf8'));
    definition.currency = 'pounds';
    delete definition.title;
    writeFileSync(file, JSON.stringify(definition));
    const r = await cli('evaluate', '--contract', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.errLines[0]).toMatch(new RegExp(`^${file}: not a valid contract definition \\(\\d+ problem\\(s\\)\\):$`));
    expect(r.errLines).toContain('  title: Invalid input: expected string, received undefined');
    expect(r.errLines.some((l) => l.startsWith('  currency: '))).toBe(true);
    expect(r.err).not.toContain('{');
  });

  it('a definition that is not JSON', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"reference": ');
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^✗ ${file}: cannot read JSON: `));
  });

  it('bad data rows are named file:line (the line the row starts on: blank lines and quoted line breaks counted)', async () => {
    const file = join(dir, 'bad-rows.csv');
    writeFileSync(file, [
      'participant_ref,outcome,cohort,achieved_on,held_from,evidence',
      'P-000101,improved_attendance,intake_2012,2012-09-28,,DOC-000101-01',
      '',
      'P-000102,improved_attendance,intake_2012,2012-12-14,,"DOC-1',
      'DOC-2"',
      'P-000102,improved_behaviour,intake_2012,2013-02-30,,DOC-000102-03',
      'P-000103,nqf_level_1,intake_2099,2013-06-27,,DOC-000103-01',
      '',
    ].join('\r\n'));
    const r = await cli('evaluate', '--contract', DWP, '--data', file);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.errLines).toEqual([
      `${file}: 2 problem(s); nothing was uploaded`,
      `${file}:6: achieved_on: "2013-02-30" is not a date written YYYY-MM-DD`,
      `${file}:7: cohort: "intake_2099" is not a cohort of the contract`,
    ]);
  });

  it('a sep=, line (as spreadsheets write it) is skipped: row 1 is line 3', async () => {
    const file = join(dir, 'sep.csv');
    const rows = readFileSync(DWP_DATA, 'utf8').trimEnd().split('\n');
    rows[4] = rows[4]!.replace('intake_2012', 'intake_1999');
    writeFileSync(file, `\uFEFFsep=,\n${rows.join('\n')}\n`);
    const r = await cli('evaluate', '--contract', DWP, '--data', file);
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([`${file}: 1 problem(s); nothing was uploaded`, `${file}:6: cohort: "intake_1999" is not a cohort of the contract`]);

    const good = join(dir, 'sep-good.csv');
    writeFileSync(good, `sep=,\r\n${readFileSync(DWP_DATA, 'utf8')}`);
    const evaluated = await cli('evaluate', '--contract', DWP, '--data', good, '--as-of', '2016-03-31', '--detail', 'summary');
    expect(evaluated.err).toBe('');
    expect(evaluated.code).toBe(0);
    expect(evaluated.out).toContain(`  data: ${good}: 21 claims, 21 validated`);
  });

  it('data of the wrong contract: every row named, with its column', async () => {
    const r = await cli('evaluate', '--contract', DWP, '--data', 'contracts/data/peterborough.results.csv');
    expect(r.code).toBe(1);
    expect(r.errLines[0]).toBe('contracts/data/peterborough.results.csv: 5 problem(s); nothing was uploaded');
    expect(r.errLines).toContain('contracts/data/peterborough.results.csv:2: cohort: "cohort_1" is not a cohort of the contract');
    expect(r.errLines).toContain('contracts/data/peterborough.results.csv:3: measured_on: 2015-12-31 is outside the contract term 2012-04-01 to 2015-09-30');
  });
});
