import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import { inspectDataFile } from './data-files.ts';
import { ApiProblemError, CliError, parseProblem } from './errors.ts';
import { call, kindForRole, readDefinitionFile, upload } from './load.ts';
import type { Target } from './target.ts';

/**
 * `cli demo`: every example in contracts/ with its sample data (contracts/data/<name>.*.csv):
 * parties created, contracts registered and approved, data uploaded and validated, an evaluation
 * run — except one example left awaiting its data (the walk-through), for the newcomer to upload,
 * validate, evaluate and settle with the printed keys and commands.
 *
 * Run again on the same service, it reuses what exists: organisations are found by the identifier
 * the demo gives each (`XX-OLDEMO-<reference>/<party>`, migration 0011), contracts by their
 * reference among the payer's contracts, data and evaluations are not added twice. A key is shown
 * once by the API and never kept there, so the demo keeps its keys in a local file (mode 0600) and
 * reuses those still live; for an organisation whose key is not in the file (or was revoked) it
 * issues a fresh one and says so.
 *
 * Each organisation also gets one person, its first admin, to sign in to the web workspace with:
 * invited by the administrator's key, the invitation accepted with a random password (through the
 * API, as everything here). Passwords are kept in the keys file beside the keys; an organisation that
 * already has a person is not given another (its password is printed if the file knows it; none is
 * reset).
 */

/** The example the newcomer walks through (registered and approved, no data); else the first with claims and every role. */
const WALK_THROUGH = 'denver-supportive-housing';
export const DEMO_IDENTIFIER_PREFIX = 'XX-OLDEMO-';

export interface DemoOptions {
  directory: string;
  /** The local file (JSON, mode 0600) where the demo keeps the keys it issued, per service. */
  keysFile: string;
  /** The service's URL, as the printed commands use it. */
  serviceUrl: string;
  /** Create one person per organisation, to sign in to the web workspace with (default true). */
  people?: boolean;
}

export interface DemoPerson {
  memberId: string;
  email: string;
  /** null: the person existed before and the keys file does not know the password (none is reset). */
  password: string | null;
  /** created: invited and accepted by this run; found: there already. */
  person: 'created' | 'found';
  /** The web desk for the organisation's kind: /operator, /evaluator, /payer or /investor (full URL). */
  desk: string;
}

export interface DemoParty {
  partyKey: string;
  name: string;
  roles: string[];
  organisationId: string;
  identifier: string;
  /** created: registered by this run; found: registered by an earlier run. */
  organisation: 'created' | 'found';
  apiKey: string;
  /** new: a new organisation's first key; reused: from the keys file, still live; reissued: a fresh key for an existing organisation. */
  key: 'new' | 'reused' | 'reissued';
  /** The organisation's person, to sign in to the web workspace as (null with people: false). */
  person: DemoPerson | null;
}

export interface DemoContract {
  name: string;
  reference: string;
  title: string;
  currency: string;
  contractId: string;
  contract: 'created' | 'found';
  status: string;
  parties: DemoParty[];
  /** The walk-through: left for the newcomer to upload its data. */
  walkThrough: boolean;
  /** The contract's repayment status page in the web workspace. */
  statusPage: string;
  data: { file: string; kind: 'claims' | 'results'; uploaded: boolean; rows: number; validated: number }[];
  submissions: number;
  evaluation: { id: string; asOf: string; entitled: string; ran: boolean } | null;
}

export interface TryParty {
  role: 'operator' | 'evaluator' | 'outcome_payer' | 'investor' | 'intermediary';
  variable: string;
  party: DemoParty;
  commands: string[];
}

export interface DemoResult {
  target: string;
  /** Where people sign in (the web workspace's address). */
  serviceUrl: string;
  keysFile: string;
  contracts: DemoContract[];
  /** What to try with each party's key, on the walk-through contract. */
  tryIt: { contractId: string; reference: string; submissions: number; setup: string; statusPage: string; parties: TryParty[] } | null;
}

/** The keys file: per service (the target's description), per organisation identifier. */
type KeyStore = Record<string, Record<string, KeptOrganisation>>;
interface KeptOrganisation {
  organisationId: string;
  keyId: string;
  key: string;
  /** The person the demo created in the organisation, with the password it chose. */
  person?: { memberId: string; email: string; password: string };
}

function readKeys(file: string): KeyStore {
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return value && typeof value === 'object' ? value as KeyStore : {};
  } catch (error) {
    throw new CliError(`${file}: cannot read the demo's keys: ${error instanceof Error ? error.message : String(error)} (remove it to issue fresh keys)`);
  }
}

function writeKeys(file: string, store: KeyStore): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** The identifier the demo gives a party's organisation (org-id.guide form; XX: a user-assigned code, no real list). */
export function demoIdentifier(reference: string, partyKey: string): string {
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._/:-]/g, '.').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return `${DEMO_IDENTIFIER_PREFIX}${clean(reference)}/${clean(partyKey).replace(/-/g, '.')}`;
}

/** Every organisation the demo registered earlier on this service, by identifier (the directory, page by page). */
async function demoOrganisations(target: Target): Promise<Map<string, { id: string }>> {
  const found = new Map<string, { id: string }>();
  let cursor: string | null = null;
  do {
    const page: { items: { id: string; identifier: string | null }[]; nextCursor: string | null } =
      await call(target, `/v1/organisations?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, target.adminKey, 'GET');
    for (const o of page.items) if (o.identifier?.startsWith(DEMO_IDENTIFIER_PREFIX)) found.set(o.identifier, { id: o.id });
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

interface Example {
  name: string;
  file: string;
  definition: ContractDefinition;
  data: string[];
}

function examples(directory: string): Example[] {
  return readdirSync(directory).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const name = basename(file, '.json');
    const data = ['claims', 'results'].map((kind) => join(directory, 'data', `${name}.${kind}.csv`)).filter((f) => existsSync(f));
    return { name, file: join(directory, file), definition: readDefinitionFile(join(directory, file)), data };
  });
}

const hasRoles = (d: ContractDefinition, ...roles: string[]) => roles.every((r) => d.parties.some((p) => p.roles.includes(r as never)));

function walkThroughOf(list: Example[]): Example | undefined {
  const fits = (e: Example) => e.data.length === 1 && e.data[0]!.endsWith('.claims.csv') && hasRoles(e.definition, 'outcome_payer', 'investor', 'operator', 'evaluator');
  return list.find((e) => e.name === WALK_THROUGH && fits(e)) ?? list.find(fits);
}

export async function demo(target: Target, options: DemoOptions, progress: (line: string) => void | Promise<void> = () => {}): Promise<DemoResult> {
  const list = examples(options.directory);
  const walkThrough = walkThroughOf(list);
  const store = readKeys(options.keysFile);
  const keys = (store[target.description] ??= {});
  const organisations = await demoOrganisations(target);
  const contracts: DemoContract[] = [];
  for (const example of list) {
    await progress(`${example.definition.reference} …`);
    const loaded = await loadExample(target, example, example === walkThrough, organisations, keys, options.serviceUrl);
    writeKeys(options.keysFile, store);
    contracts.push(loaded);
  }
  if (options.people !== false) {
    await progress('people …');
    await eachLimited(contracts.flatMap((c) => c.parties.map((party) => ({ c, party }))), PEOPLE_AT_ONCE, async ({ c, party }) => {
      party.person = await personOf(target, c, party, keys, options.serviceUrl);
      writeKeys(options.keysFile, store);
    });
  }
  writeKeys(options.keysFile, store);
  const walk = contracts.find((c) => c.walkThrough);
  return {
    target: target.description,
    serviceUrl: options.serviceUrl,
    keysFile: options.keysFile,
    contracts,
    tryIt: walk ? tryIt(walk, options.serviceUrl) : null,
  };
}

async function loadExample(
  target: Target, example: Example, walkThrough: boolean, organisations: Map<string, { id: string }>, keys: KeyStore[string], serviceUrl: string,
): Promise<DemoContract> {
  const { definition } = example;
  const parties: DemoParty[] = [];
  for (const party of definition.parties) {
    const identifier = demoIdentifier(definition.reference, party.key);
    const existing = organisations.get(identifier);
    let organisationId: string;
    if (existing) organisationId = existing.id;
    else {
      const created = await call(target, '/v1/organisations', target.adminKey, 'POST', { name: party.name, kind: kindForRole[party.roles[0]!], identifier });
      organisationId = created.id;
      organisations.set(identifier, { id: organisationId });
    }
    const kept = keys[identifier];
    let key: DemoParty['key'] = existing ? 'reissued' : 'new';
    let apiKey: string | undefined;
    if (existing && kept && kept.organisationId === organisationId) {
      const live: { items: { id: string; revokedAt: string | null }[] } = await call(target, `/v1/organisations/${organisationId}/api-keys`, target.adminKey, 'GET');
      if (live.items.some((k) => k.id === kept.keyId && k.revokedAt === null)) {
        apiKey = kept.key;
        key = 'reused';
      }
    }
    if (apiKey === undefined) {
      const issued = await call(target, `/v1/organisations/${organisationId}/api-keys`, target.adminKey, 'POST', { label: 'cli demo' });
      apiKey = issued.key as string;
      const person = kept?.organisationId === organisationId ? kept.person : undefined;
      keys[identifier] = { organisationId, keyId: issued.id, key: apiKey, ...(person ? { person } : {}) };
    }
    parties.push({ partyKey: party.key, name: party.name, roles: party.roles, organisationId, identifier, organisation: existing ? 'found' : 'created', apiKey, key, person: null });
  }
  const withRole = (...roles: string[]) => parties.find((p) => p.roles.some((r) => roles.includes(r)));
  const payer = withRole('outcome_payer')!;
  const operator = withRole('operator');
  const reviewer = withRole('evaluator', 'validator');

  const mine: { items: { id: string; reference: string }[] } = await call(target, '/v1/contracts?role=outcome_payer&limit=500', payer.apiKey, 'GET');
  const found = mine.items.find((c) => c.reference === definition.reference);
  let contract = found
    ? await call(target, `/v1/contracts/${found.id}`, payer.apiKey, 'GET')
    : await call(target, '/v1/contracts', payer.apiKey, 'POST', {
      definition, parties: Object.fromEntries(parties.map((p) => [p.partyKey, p.organisationId])),
    });
  const contractId = contract.id as string;
  const pending = contract.pendingVersion as { contentHash: string; approvals: { missing: string[] } } | null;
  if (pending) {
    for (const party of parties) {
      if (!pending.approvals.missing.includes(party.organisationId)) continue;
      contract = await call(target, `/v1/contracts/${contractId}/approvals`, party.apiKey, 'POST', { contentHash: pending.contentHash });
    }
  }

  const submissions = async () => operator
    ? ((await call(target, `/v1/contracts/${contractId}/submissions?limit=500`, operator.apiKey, 'GET')).items as unknown[]).length
    : 0;
  let submitted = await submissions();
  const data: DemoContract['data'] = [];
  for (const file of example.data) {
    const inspected = inspectDataFile(file);
    const kind = inspected.kind as 'claims' | 'results';
    if (walkThrough || submitted > 0 || !operator) {
      data.push({ file, kind, uploaded: false, rows: 0, validated: 0 });
      continue;
    }
    const submission = await upload(target, contractId, inspected, operator.apiKey);
    let validated = 0;
    if (reviewer) {
      const review = await call(target, `/v1/contracts/${contractId}/${kind}/reviews`, reviewer.apiKey, 'POST', {
        decision: 'validated', filter: { submissionId: submission.id },
      });
      validated = review.reviewed;
    }
    data.push({ file, kind, uploaded: true, rows: submission.rows, validated });
  }
  submitted = await submissions();

  const evaluations: { items: { id: string; asOf: string; totals: { entitled: string } }[] } =
    await call(target, `/v1/contracts/${contractId}/evaluations?limit=1`, payer.apiKey, 'GET');
  let evaluation: DemoContract['evaluation'] = null;
  const latest = evaluations.items[0];
  if (latest) evaluation = { id: latest.id, asOf: latest.asOf, entitled: latest.totals.entitled, ran: false };
  else if (!walkThrough) {
    const run = await call(target, `/v1/contracts/${contractId}/evaluations`, payer.apiKey, 'POST', {});
    evaluation = { id: run.evaluation.id, asOf: run.evaluation.asOf, entitled: run.evaluation.totals.entitled, ran: true };
  }
  return {
    name: example.name, reference: definition.reference, title: definition.title, currency: definition.currency, contractId,
    contract: found ? 'found' : 'created', status: contract.status, parties, walkThrough,
    statusPage: `${serviceUrl}/contracts/${contractId}/status`, data, submissions: submitted, evaluation,
  };
}

/** Persons are created a few at a time: the service hashes each password with scrypt (128 MiB, a fraction of a second). */
const PEOPLE_AT_ONCE = 2;

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The desk of an organisation in the web workspace, by the kind the demo registered it as (its first role). */
const deskByKind: Record<string, string> = {
  operator: '/operator', evaluator: '/evaluator', validator: '/evaluator', public_authority: '/payer', intermediary: '/payer', investor: '/investor',
};
export const deskOf = (roles: string[]): string => deskByKind[kindForRole[roles[0] as keyof typeof kindForRole]] ?? '/';

/** The e-mail address the demo gives a party's person: `<party>@<example>.demo.invalid` (.invalid: never a real mailbox). */
export function demoEmail(example: string, partyKey: string): string {
  const label = example.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '') || 'example';
  const local = partyKey.replace(/[^A-Za-z0-9_+-]+/g, '.').replace(/^\.+|\.+$/g, '').slice(0, 64) || 'person';
  return `${local}@${label}.demo.invalid`.toLowerCase();
}

/** A request without a key (accepting an invitation is open to whoever holds its link). */
async function callOpen(target: Target, path: string, method: string, body: unknown): Promise<any> {
  const response = await target.request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new ApiProblemError(method, path, response.status, parseProblem(text), text);
  return text ? JSON.parse(text) : undefined;
}

/**
 * The organisation's person: the one the keys file names if it is still a member, else any member
 * already there (its password unknown: none is reset), else a new admin — invited with the
 * administrator's key, the invitation accepted with a random password.
 */
async function personOf(target: Target, c: DemoContract, party: DemoParty, keys: KeyStore[string], serviceUrl: string): Promise<DemoPerson> {
  const desk = `${serviceUrl}${deskOf(party.roles)}`;
  const entry = keys[party.identifier];
  const kept = entry?.organisationId === party.organisationId ? entry.person : undefined;
  const members: { items: { id: string; email: string; role: string }[] } =
    await call(target, `/v1/organisations/${party.organisationId}/members`, target.adminKey, 'GET');
  const known = kept && members.items.find((m) => m.id === kept.memberId);
  if (known) return { memberId: known.id, email: known.email, password: kept.password, person: 'found', desk };
  const other = members.items.find((m) => m.role === 'admin') ?? members.items[0];
  if (other) return { memberId: other.id, email: other.email, password: null, person: 'found', desk };
  const email = demoEmail(c.name, party.partyKey);
  const name = `Demo admin, ${party.name}`.slice(0, 200);
  const invitation = await call(target, `/v1/organisations/${party.organisationId}/invitations`, target.adminKey, 'POST', { email, name, role: 'admin', locale: 'en' });
  const token = invitation.link ? new URL(invitation.link as string).searchParams.get('token') : null;
  if (!token) throw new CliError(`${party.identifier}: the invitation carries no link to accept it with`);
  const password = randomBytes(15).toString('base64url');
  const member = await callOpen(target, '/v1/invitation/accept', 'POST', { token, name, password });
  if (entry) entry.person = { memberId: member.id, email: member.email, password };
  return { memberId: member.id, email: member.email, password, person: 'created', desk };
}

/** Per party of the walk-through, its key and what to try with it: commands that work as printed, in this order. */
function tryIt(walk: DemoContract, url: string): NonNullable<DemoResult['tryIt']> {
  const file = walk.data[0]!.file;
  const kind = walk.data[0]!.kind;
  const auth = (variable: string) => `-H "Authorization: Bearer $${variable}"`;
  const json = `-H 'Content-Type: application/json'`;
  const at = (path: string) => `"$URL/v1/contracts/$C${path}"`;
  const party = (role: string) => walk.parties.find((p) => p.roles.includes(role))!;
  const parties: TryParty[] = [
    {
      role: 'operator', variable: 'OPERATOR', party: party('operator'),
      commands: [
        `curl -s ${auth('OPERATOR')} -H 'Content-Type: text/csv' --data-binary @${file} ${at(`/${kind}`)} | jq '{id, rows}'`,
        `curl -s ${auth('OPERATOR')} ${at('/submissions')} | jq '.items[] | {rows, submittedAt}'`,
      ],
    },
    {
      role: 'evaluator', variable: 'EVALUATOR', party: party('evaluator'),
      commands: [
        `curl -s ${auth('EVALUATOR')} ${at(`/${kind}?status=submitted&limit=500`)} | jq '.items | length'`,
        `curl -s -X POST ${auth('EVALUATOR')} ${json} -d '{"decision":"validated","filter":{}}' ${at(`/${kind}/reviews`)} | jq .`,
      ],
    },
    {
      role: 'outcome_payer', variable: 'PAYER', party: party('outcome_payer'),
      commands: [
        `curl -s -X POST ${auth('PAYER')} ${json} -d '{}' ${at('/evaluations')} | jq '.evaluation | {asOf, totals}'`,
        `ON=$(curl -s ${auth('PAYER')} ${at('/status')} | jq -r .latestEvaluation.asOf)`,
        `curl -s ${auth('PAYER')} ${at('/obligations')} | jq --arg on "$ON" '.items[0] | {obligationId: .id, amount, currency, settledOn: $on}' | curl -s -X POST ${auth('PAYER')} ${json} --data-binary @- ${at('/settlements')} | jq '[.distribution[] | {to: .recipient.party, amount}]'`,
      ],
    },
    {
      role: 'investor', variable: 'INVESTOR', party: party('investor'),
      commands: [
        `curl -s ${auth('INVESTOR')} ${at('/status')} | jq '.investors[] | {party, drawn, repaidToDate, moneyMultiple}'`,
        `curl -s ${auth('INVESTOR')} ${at('/distributions')} | jq '.items[] | {amount, distributedOn, explanation}'`,
      ],
    },
  ];
  const intermediary = walk.parties.find((p) => p.roles.includes('intermediary'));
  if (intermediary) {
    parties.push({
      role: 'intermediary', variable: 'INTERMEDIARY', party: intermediary,
      commands: [`curl -s ${auth('INTERMEDIARY')} ${at('/status')} | jq '{owed: (.obligations | {triggered, settled, outstanding}), investors: [.investors[] | {party, repaidToDate}]}'`],
    });
  }
  return {
    contractId: walk.contractId, reference: walk.reference, submissions: walk.submissions, setup: `URL=${url} C=${walk.contractId}`, statusPage: walk.statusPage, parties,
  };
}

const signInText = (p: DemoPerson) => p.password === null
  ? `sign in as ${p.email} (a person from before: the password is not in the keys file, and is not reset)`
  : `sign in as ${p.email} password ${p.password}`;

const roleLabel = (roles: string[]) => roles.map((r) => (r === 'outcome_payer' ? 'payer' : r)).join(',');

const keyNote: Record<DemoParty['key'], string> = {
  new: '',
  reused: ' (kept from an earlier run)',
  reissued: ' (a fresh key: the earlier one is not in the keys file or was revoked)',
};

/** The demo's report as text: per contract what was done and every party's key; then what to try with each. */
export function demoLines(result: DemoResult): string[] {
  const lines: string[] = [];
  const created = result.contracts.filter((c) => c.contract === 'created').length;
  const reissued = result.contracts.flatMap((c) => c.parties).filter((p) => p.key === 'reissued').length;
  lines.push(created === result.contracts.length
    ? `${created} contracts registered on ${result.target}.`
    : `${result.contracts.length - created} of ${result.contracts.length} contracts were already there (nothing registered twice); ${created} registered now.`);
  const people = result.contracts.flatMap((c) => c.parties).map((p) => p.person).filter((p) => p !== null);
  if (people.length > 0) {
    const made = people.filter((p) => p.person === 'created').length;
    lines.push(`Sign in at ${result.serviceUrl}/ as any party's person (e-mail and password below), then open its desk${made === people.length ? '' : ` (${people.length - made} person(s) from an earlier run)`}.`);
  }
  lines.push(`Keys${people.length > 0 ? ' and passwords' : ''} kept in ${result.keysFile} (mode 0600; run the demo again to see them).${reissued ? ` ${reissued} key(s) reissued.` : ''}`);
  for (const c of result.contracts) {
    lines.push('', `${c.reference}: ${c.title}`);
    lines.push(`  contract ${c.contractId} (${c.status}${c.contract === 'found' ? ', from an earlier run' : ''})`);
    if (c.walkThrough) {
      lines.push(c.submissions > 0
        ? `  the walk-through below: ${c.submissions} upload(s) so far`
        : '  the walk-through below: awaiting its data, for you to upload as the operator');
    } else {
      for (const d of c.data) {
        lines.push(d.uploaded ? `  data ${d.file}: ${d.rows} ${d.kind} uploaded, ${d.validated} validated` : `  data: already uploaded (${c.submissions} upload(s))`);
      }
    }
    if (c.evaluation) {
      lines.push(`  evaluation as of ${c.evaluation.asOf}: entitled ${c.evaluation.entitled} ${c.currency}${c.evaluation.ran ? '' : ' (from an earlier run)'}`);
    }
    for (const p of c.parties) {
      lines.push(`  ${roleLabel(p.roles).padEnd(22)} ${p.partyKey.padEnd(26)} key ${p.apiKey}${keyNote[p.key]}`);
      if (p.person) lines.push(`  ${''.padEnd(22)} ${''.padEnd(26)} ${signInText(p.person)}, desk ${p.person.desk}`);
    }
    if (c.parties.some((p) => p.person)) lines.push(`  status page ${c.statusPage}`);
  }
  const walk = result.tryIt;
  if (walk) {
    lines.push('', `Try it with each party's key, in this order, on ${walk.reference} (needs curl and jq; /docs shows every route):`, '');
    lines.push(`    ${walk.setup}`);
    const what: Record<TryParty['role'], string> = {
      operator: 'upload the sample data, then list the uploads',
      evaluator: 'the review queue (records awaiting review), then validate them all',
      outcome_payer: 'evaluate, then record a settlement of the first obligation (dated the evaluation day)',
      investor: 'repayment status (drawn, repaid, money multiple), then the distributions paid',
      intermediary: 'what the contract owes and each investor repaid',
    };
    for (const t of walk.parties) {
      const done = t.role === 'operator' && walk.submissions > 0 ? ` (done already: ${walk.submissions} upload(s); the same file again is refused, row by row, as duplicates)` : '';
      lines.push('', `  ${t.role === 'outcome_payer' ? 'payer' : t.role} ${t.party.partyKey} (${t.party.name}): ${what[t.role]}${done}`);
      if (t.party.person) lines.push(`  in the browser: ${signInText(t.party.person)}, open ${t.party.person.desk}, and ${walk.statusPage}`);
      lines.push(`    ${t.variable}=${t.party.apiKey}`);
      for (const command of t.commands) lines.push(`    ${command}`);
    }
  }
  return lines;
}
