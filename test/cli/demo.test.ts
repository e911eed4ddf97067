import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/commands.ts';
import { DEMO_IDENTIFIER_PREFIX, type DemoResult } from '../../src/cli/demo.ts';
import { freePort, type ServerProcess, serverStorage, startServerProcess } from '../support/server-process.ts';

/**
 * `cli demo` against a real server (`npm start`'s entry): every party's key printed and working, the
 * walk-through's commands working as printed (operator uploads, evaluator reviews, payer evaluates
 * and settles, investor sees the repayment), every party's person printed with a password that signs
 * in and the desk to open, a second run registering nothing twice (no person either), and its
 * errors as one line each.
 */
const ADMIN = 'olk_cli_demo_test_administrator_key_0123456789abcdef';
const storage = serverStorage('cli-demo');
const dir = mkdtempSync(join(tmpdir(), 'outcome-ledger-cli-demo-'));
const keysFile = join(dir, 'keys', 'demo-keys.json');
let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess({ ...(await storage.env()), ADMIN_API_KEY: ADMIN, RATE_LIMIT_PER_MINUTE: '0' });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => { out.push(...l.split('\n')); }, err: (l) => { err.push(l); }, env: {} });
  return { code, out: out.join('\n'), outLines: out, err: err.join('\n'), errLines: err };
}

const demo = (...more: string[]) => cli('demo', '--url', server.url, '--admin-key', ADMIN, '--keys-file', keysFile, ...more);

async function get(path: string, key: string): Promise<{ status: number; body: any }> {
  const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

async function signIn(email: string, password: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: response.status, body: await response.json() };
}

/** The people of each organisation, as the administrator's key lists them. */
async function membersOf(organisationIds: string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  for (const id of organisationIds) {
    const list = await get(`/v1/organisations/${id}/members`, ADMIN);
    expect(list.status, id).toBe(200);
    members.set(id, list.body.items.map((m: any) => m.id));
  }
  return members;
}

/** Every organisation the demo registered, from the administrator's directory. */
async function demoOrganisations(): Promise<{ id: string; identifier: string }[]> {
  const found: { id: string; identifier: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: any[]; nextCursor: string | null } = (await get(`/v1/organisations?limit=500${cursor ? `&cursor=${cursor}` : ''}`, ADMIN)).body;
    found.push(...page.items.filter((o: any) => o.identifier?.startsWith(DEMO_IDENTIFIER_PREFIX)));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/** The contracts each payer of the demo is party to, as the payer sees them. */
async function contractsOfPayers(result: DemoResult): Promise<string[]> {
  const references: string[] = [];
  for (const c of result.contracts) {
    const payer = c.parties.find((p) => p.roles.includes('outcome_payer'))!;
    const page = (await get('/v1/contracts?role=outcome_payer&limit=500', payer.apiKey)).body;
    references.push(...page.items.map((i: any) => i.reference));
  }
  return references.sort();
}

const definitions = readdirSync('contracts').filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join('contracts', f), 'utf8')));
const partyCount = definitions.reduce((n, d) => n + d.parties.length, 0);
// CI installs curl and jq (.ci/run), so the walk-through is only ever skipped on a developer's machine without them.
const hasTools = ['curl', 'jq'].every((tool) => spawnSync('which', [tool]).status === 0);
if (!hasTools && process.env.CI) throw new Error('curl and jq are needed for the demo walk-through test (.ci/run installs them)');

describe('cli demo', () => {
  let first: DemoResult;
  /** The sign-in lines of the first run, per party line. */
  let signInLines: string[] = [];

  it("prints every party's key, each working as its organisation; the walk-through is left awaiting its data", async () => {
    const r = await demo();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const keyLines = r.outLines.filter((l) => / key olk_\S+/.test(l));
    expect(keyLines).toHaveLength(partyCount);
    for (const role of ['payer', 'investor', 'operator', 'evaluator', 'intermediary']) {
      expect(keyLines.some((l) => new RegExp(`^ {2}\\S*\\b${role}\\b`).test(l)), role).toBe(true);
    }
    for (const line of keyLines) {
      const key = / key (olk_\S+)/.exec(line)![1]!;
      const me = await get('/v1/me', key);
      expect(me.status, line).toBe(200);
      expect(me.body.organisation.identifier).toMatch(new RegExp(`^${DEMO_IDENTIFIER_PREFIX}`));
    }
    expect(r.out).toContain('7 contracts registered on');
    expect(r.out).toMatch(/US-CO-DENVER-SUPPORTIVE-HOUSING-SIB-2016: [^\n]*\n {2}contract \S+ \(active\)\n {2}the walk-through below: awaiting its data/);
    expect(r.out).toContain('data contracts/data/peterborough.results.csv: 2 results uploaded, 2 validated');
    expect(r.out).toMatch(/\nTry it with each party's key, in this order, on US-CO-DENVER-SUPPORTIVE-HOUSING-SIB-2016/);
    for (const who of ['operator cch', 'evaluator urban_institute', 'payer denver', 'investor denver_sib_investors']) expect(r.out).toContain(`\n  ${who} (`);
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);

    // a person per party, printed under its key with a password and the desk of its organisation's kind
    expect(r.out).toContain(`Sign in at ${server.url}/ as any party's person (e-mail and password below), then open its desk.`);
    signInLines = r.outLines.filter((l) => /^ +sign in as \S+ password \S+, desk /.test(l));
    expect(signInLines).toHaveLength(partyCount);
    const keyIndex = (partyKey: string) => r.outLines.findIndex((l) => / key olk_/.test(l) && l.includes(` ${partyKey} `));
    const desks = { cch: '/operator', urban_institute: '/evaluator', denver: '/payer', enterprise: '/payer', denver_sib_investors: '/investor' };
    for (const [party, desk] of Object.entries(desks)) expect(r.outLines[keyIndex(party) + 1], party).toMatch(new RegExp(`password \\S{12,}, desk ${server.url}${desk}$`));
    expect(r.out).toMatch(new RegExp(`US-CO-DENVER-SUPPORTIVE-HOUSING-SIB-2016[^]*? {2}status page ${server.url}/contracts/[0-9a-f-]{36}/status\n`));
    // the walk-through: sign in as the operator's and the investor's person, through the API
    for (const [role, desk] of [['operator cch', '/operator'], ['investor denver_sib_investors', '/investor']] as const) {
      const line = r.outLines[r.outLines.findIndex((l) => l.startsWith(`  ${role} (`)) + 1]!;
      const match = new RegExp(`^ {2}in the browser: sign in as (\\S+) password (\\S+), open ${server.url}${desk}, and ${server.url}/contracts/\\S+/status$`).exec(line);
      expect(match, line).not.toBeNull();
      const session = await signIn(match![1]!, match![2]!);
      expect(session.status, line).toBe(200);
      expect(session.body.stage).toBe('full');
      expect(session.body.member.role).toBe('admin');
      expect((await get('/v1/me', / key (olk_\S+)/.exec(r.outLines[keyIndex(role.split(' ')[1]!)]!)![1]!)).body.organisation.id).toBe(session.body.organisation.id);
    }
    expect(readFileSync(keysFile, 'utf8')).toContain(/^ {2}in the browser: sign in as \S+ password (\S+),/m.exec(r.out)![1]!);
  }, 300_000);

  it.skipIf(!hasTools)('the walk-through works as printed: the operator uploads, the evaluator reviews its queue, the payer evaluates and settles, the investor sees the repayment', async () => {
    const r = await demo();
    expect(r.code).toBe(0);
    const script = r.out.slice(r.out.indexOf('\nTry it')).split('\n').filter((l) => l.startsWith('    ')).map((l) => l.slice(4));
    expect(script[0]).toMatch(new RegExp(`^URL=${server.url} C=\\S+$`));
    // asynchronously: a blocked event loop would keep this process's idle connections past the server's keep-alive
    const { stdout: output } = await promisify(execFile)('bash', ['-c', `set -eo pipefail\n${script.join('\n')}`], { encoding: 'utf8', timeout: 120_000 });
    const claims = readFileSync('contracts/data/denver-supportive-housing.claims.csv', 'utf8').trim().split('\n').length - 1;
    expect(output).toMatch(new RegExp(`"rows": ${claims}\\b`)); // the operator's upload, then its submissions
    expect(output).toMatch(new RegExp(`^${claims}$`, 'm')); // the evaluator's review queue
    expect(output).toMatch(new RegExp(`"reviewed": ${claims}\\b`));
    expect(output).toContain('"entitled": "41549.76"'); // the payer's evaluation (test/contracts/new-terms.test.ts)
    expect(output).toMatch(/"to": "denver_sib_investors",\s+"amount": "28501\.20"/); // the settlement, distributed
    expect(output).toMatch(/"party": "denver_sib_investors",\s+"drawn": "0\.00",\s+"repaidToDate": "28501\.20"/); // the investor's status
  }, 300_000);

  it('run again: no organisation or contract registered twice, the same keys reused and still working', async () => {
    const before = await demoOrganisations();
    expect(before).toHaveLength(partyCount);
    const r = await demo('--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    first = JSON.parse(r.out) as DemoResult;
    expect(first.contracts.map((c) => c.contract)).toEqual(definitions.map(() => 'found'));
    expect(first.contracts.flatMap((c) => c.parties).map((p) => p.key)).toEqual(Array(partyCount).fill('reused'));
    expect((await demoOrganisations()).map((o) => o.id).sort()).toEqual(before.map((o) => o.id).sort());
    expect(await contractsOfPayers(first)).toEqual(definitions.map((d) => d.reference).sort());
    for (const c of first.contracts.filter((c) => !c.walkThrough)) {
      expect(c.submissions, c.reference).toBe(1);
      expect(c.evaluation?.ran, c.reference).toBe(false);
    }
    for (const p of first.contracts.flatMap((c) => c.parties)) {
      const me = await get('/v1/me', p.apiKey);
      expect(me.body.organisation?.id, p.identifier).toBe(p.organisationId);
    }
    // no new person; each found with the password the first run printed (from the keys file)
    const parties = first.contracts.flatMap((c) => c.parties);
    const members = await membersOf(parties.map((p) => p.organisationId));
    for (const p of parties) {
      expect(members.get(p.organisationId), p.identifier).toEqual([p.person!.memberId]);
      expect(p.person!.person, p.identifier).toBe('found');
      expect(p.person!.password, p.identifier).not.toBeNull();
    }
    expect(parties.map((p) => `sign in as ${p.person!.email} password ${p.person!.password}, desk ${p.person!.desk}`))
      .toEqual(signInLines.map((l) => l.trim()));
    const investor = parties.find((p) => p.partyKey === 'denver_sib_investors')!;
    expect((await signIn(investor.person!.email, investor.person!.password!)).status).toBe(200);
    expect(first.contracts.find((c) => c.walkThrough)!.statusPage).toBe(`${server.url}/contracts/${first.tryIt!.contractId}/status`);
  }, 300_000);

  it('run again without the keys file: fresh keys for the existing organisations, said so, still nothing registered twice', async () => {
    rmSync(keysFile);
    const r = await demo();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('7 of 7 contracts were already there (nothing registered twice); 0 registered now.');
    expect(r.out).toContain(`${partyCount} key(s) reissued.`);
    const keyLines = r.outLines.filter((l) => / key olk_\S+/.test(l));
    expect(keyLines).toHaveLength(partyCount);
    for (const line of keyLines) {
      expect(line).toContain('(a fresh key: the earlier one is not in the keys file or was revoked)');
      expect((await get('/v1/me', / key (olk_\S+)/.exec(line)![1]!)).status, line).toBe(200);
    }
    expect(r.out).toContain('the walk-through below: 1 upload(s) so far');
    expect(r.out).toContain('(done already: 1 upload(s); the same file again is refused, row by row, as duplicates)');
    // the people are found, not invited again, their passwords unknown (and not reset)
    expect(r.out).toContain(`(${partyCount} person(s) from an earlier run)`);
    expect(r.outLines.filter((l) => l.includes('(a person from before: the password is not in the keys file, and is not reset), desk '))).toHaveLength(partyCount);
    expect(r.out).not.toMatch(/ password \S+, desk /);
    const parties = first.contracts.flatMap((c) => c.parties);
    const members = await membersOf(parties.map((p) => p.organisationId));
    for (const p of parties) expect(members.get(p.organisationId), p.identifier).toEqual([p.person!.memberId]);
    expect(await demoOrganisations()).toHaveLength(partyCount);
    expect(await contractsOfPayers(first)).toEqual(definitions.map((d) => d.reference).sort());
  }, 300_000);
});

describe('cli demo: errors are one line each', () => {
  it('a wrong --url names the URL and the cause, exit 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await cli('demo', '--url', url, '--admin-key', ADMIN, '--keys-file', keysFile);
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([`error: cannot reach ${url}: connection refused`]);
  });

  it('an unknown host is named as such', async () => {
    const r = await cli('demo', '--url', 'http://no-such-host.invalid', '--admin-key', ADMIN, '--keys-file', keysFile);
    expect(r.code).toBe(1);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^error: cannot reach http:\/\/no-such-host\.invalid: (no such host|the host name could not be resolved)$/);
  });

  it('a wrong administrator key: the problem title and detail, exit 1', async () => {
    const r = await cli('demo', '--url', server.url, '--admin-key', 'olk_not_the_administrator_key_0123456789abcdef', '--keys-file', keysFile);
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual(['error: Authentication is required: The API key is unknown or revoked — GET /v1/organisations?limit=500 answered 401']);
  });

  it('a 422: title, detail and the field at fault on one line, no problem JSON', async () => {
    const examples = join(dir, 'blank-name');
    rmSync(examples, { recursive: true, force: true });
    mkdirSync(examples, { recursive: true });
    const definition = JSON.parse(readFileSync('contracts/dwp-innovation-fund.json', 'utf8'));
    definition.reference = 'XX-TEST-BLANK-NAME';
    definition.parties[0].name = '   '; // a valid definition; an organisation's name is trimmed, so empty
    writeFileSync(join(examples, 'blank.json'), JSON.stringify(definition));
    const r = await cli('demo', '--dir', examples, '--url', server.url, '--admin-key', ADMIN, '--keys-file', join(dir, 'other-keys.json'));
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual([
      'error: The submitted content is not valid: The request body has 1 problem(s) (name: Too small: expected string to have >=1 characters) — POST /v1/organisations answered 422',
    ]);
  });
});
