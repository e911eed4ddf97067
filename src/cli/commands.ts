import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { parseReceipt } from '../domain/audit/receipt.ts';
import { announceAdministratorKey } from '../runtime/announce.ts';
import { ensureAdministrator } from '../runtime/bootstrap-admin.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';
import {
  httpUrl, isoDate, listValue, oneOf, type ParseArgsOptionsConfig, type Parsed, parse, readableDirectory, readableFile, required, stringValue, wantsHelp,
} from './args.ts';
import { auditVerify } from './audit.ts';
import { inspectDataFile } from './data-files.ts';
import { demo, demoLines } from './demo.ts';
import { importIndigoCommand } from './import-indigo.ts';
import { CliError, UsageError } from './errors.ts';
import { DEFAULT_DETAIL, DETAILS, whatIf } from './evaluate.ts';
import { loadContract, readDefinitionFile } from './load.ts';
import { type LineSink, OutputClosed, printAll } from './output.ts';
import { embeddedTarget, remoteTarget, type Target } from './target.ts';
import { validateFiles } from './validate.ts';

/**
 * The command line: one entry per command (its usage, its options for util.parseArgs, and what it
 * does). Every command answers `--help` (usage on stdout, exit 0); an unknown option or a bad
 * argument is one line on stderr naming it, then the usage hint, exit 2, before any work; a
 * command that runs and fails prints readable lines on stderr, exit 1. See errors.ts.
 */
export interface Io {
  /** stdout: the command's output, with backpressure. */
  out: LineSink;
  /** stderr: errors. */
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

interface Command {
  name: string;
  summary: string;
  usage: string;
  options: ParseArgsOptionsConfig;
  positionals: boolean;
  /** Checks every argument (no work yet), then returns the work to do. */
  prepare(parsed: Parsed, io: Io): () => Promise<number>;
}

const dataOptionHelp = `outcome data to upload as the operator: participant claims (header
                         participant_ref,…) or aggregate results (header metric,…); repeat for
                         several files; a first line sep=, (as spreadsheets write it) is skipped`;

const remoteHelp = `  --url <URL>            a running service (e.g. http://localhost:3000); default: the configured
                         database directly (DATABASE_URL, or the embedded database in DATA_DIR; the
                         service must not be running on the same DATA_DIR)
  --admin-key <key>      the platform administrator's key, with --url (default: $ADMIN_API_KEY)`;

const exitHelp = (one: string) => `Exit status: 0 done; 1 ${one};
2 the command line is wrong (unknown option, bad value, unreadable file), found before any work.`;

const validate: Command = {
  name: 'validate',
  summary: 'check contract definition files',
  usage: `Usage: cli validate <contract.json>...

Checks contract definition files (the schema and the semantic checks the API applies at
registration) and prints each file's problems with their paths. Needs no database.

Arguments:
  <contract.json>...     one or more definition files

Options:
  -h, --help             show this help

${exitHelp('a file is not JSON or not a valid definition')}

Example:
  npm run cli -- validate contracts/*.json`,
  options: {},
  positionals: true,
  prepare({ positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one <contract.json>');
    for (const file of positionals) readableFile('file', file);
    return async () => validateFiles(positionals, syncSink(io.out));
  },
};

const evaluate: Command = {
  name: 'evaluate',
  summary: 'what-if, no server: register, upload, validate and evaluate in an in-memory database',
  usage: `Usage: cli evaluate --contract <contract.json> [--data <file.csv>]... [--as-of YYYY-MM-DD]
                    [--detail summary|scopes|participants] [--json]

A what-if with no server: the definition is registered in a throwaway in-memory database and
approved by every party, the data uploaded as the operator and validated as the evaluator, and
the contract evaluated, through the same API and engine as the service. Prints the obligations
and the explanation. Nothing is stored.

Options:
  --contract <file>      the contract definition (JSON); required
  --data <file.csv>      ${dataOptionHelp}
  --as-of <YYYY-MM-DD>   the cut-off date (default: today in the contract's time zone)
  --detail <level>       how much of the explanation to print (default: ${DEFAULT_DETAIL}):
                           summary       totals, each rule's gross, cap cuts and net, the obligations
                                         (one per line)
                           scopes        and each rule's scopes: tests, inputs (without lists of
                                         records or participants), price, statement items, cap cuts
                           participants  and the participants with exceptions in each scope, claim by
                                         claim (an evaluation stores up to 1,000 per scope; the rest
                                         are counted)
  --json                 print the API's evaluation as JSON, its explanation cut to --detail
  -h, --help             show this help

A refused data row is named by file and line (file.csv:12: column: problem).

${exitHelp('the definition is invalid, a data row or a step is refused')}

Examples:
  npm run cli -- evaluate --contract contracts/peterborough.json \\
      --data contracts/data/peterborough.results.csv --as-of 2017-06-30
  npm run cli -- evaluate --contract contracts/dwp-innovation-fund.json \\
      --data contracts/data/dwp-innovation-fund.claims.csv --as-of 2016-03-31 --detail participants
  npm run cli -- evaluate --contract contracts/dwp-innovation-fund.json \\
      --data contracts/data/dwp-innovation-fund.claims.csv --json --detail summary | jq .totals`,
  options: {
    contract: { type: 'string' }, data: { type: 'string', multiple: true }, 'as-of': { type: 'string' },
    detail: { type: 'string' }, json: { type: 'boolean' },
  },
  positionals: false,
  prepare({ values }, io) {
    const contract = readableFile('--contract', required(values, 'contract'));
    const data = listValue(values, 'data').map((file) => readableFile('--data', file));
    const asOfText = stringValue(values, 'as-of');
    const asOf = asOfText === undefined ? undefined : isoDate('--as-of', asOfText);
    const detail = oneOf('--detail', stringValue(values, 'detail') ?? DEFAULT_DETAIL, DETAILS);
    for (const file of data) inspectDataFile(file);
    const definition = checkDefinition(contract);
    return async () => whatIf(loadConfig({}), { contract: definition, data, asOf, json: values.json === true, detail }, io.out);
  },
};

const load: Command = {
  name: 'load',
  summary: 'register contracts, optionally approve them and upload data, on a database or a service',
  usage: `Usage: cli load <contract.json>... [--approve] [--data <file.csv>]... [--validate]
                [--url <URL> [--admin-key <key>]]

Creates one organisation (with a key) per party of each definition file and registers the
contract as its payer; with --approve, every payer, investor and operator approves it; --data
uploads outcome data as the operator, --validate validates it as the evaluator. Prints each
contract's id and every party's key (shown once).

Arguments:
  <contract.json>...     one or more definition files

Options:
  --approve              approve as every approving party (default: off)
  --data <file.csv>      ${dataOptionHelp}
  --validate             validate the uploaded data as the evaluator or validator (default: off)
${remoteHelp}
  -h, --help             show this help

${exitHelp('a definition is invalid, a data row or a request is refused')}

Example:
  npm run cli -- load contracts/peterborough.json --approve \\
      --data contracts/data/peterborough.results.csv --validate --url http://localhost:3000 --admin-key $KEY`,
  options: {
    approve: { type: 'boolean' }, validate: { type: 'boolean' }, data: { type: 'string', multiple: true },
    url: { type: 'string' }, 'admin-key': { type: 'string' },
  },
  positionals: true,
  prepare({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('give at least one <contract.json>');
    const files = positionals.map((file) => readableFile('file', file));
    const data = listValue(values, 'data').map((file) => readableFile('--data', file));
    for (const file of data) inspectDataFile(file);
    const connect = targetOf(values, io.env);
    for (const file of files) checkDefinition(file);
    return async () => {
      const target = await connect();
      try {
        await io.out(`loading into ${target.description}`);
        for (const file of files) {
          const loaded = await loadContract(target, file, { approve: values.approve === true, data, validate: values.validate === true });
          await io.out(`\n${loaded.reference}: contract ${loaded.contractId} (${loaded.status})`);
          for (const p of loaded.parties) await io.out(`  ${p.partyKey.padEnd(16)} ${p.roles.join(',').padEnd(28)} org ${p.organisationId}  key ${p.apiKey}`);
          for (const u of loaded.uploads) await io.out(`  uploaded ${u.file}: ${u.rows} ${u.kind}, ${u.validated} validated`);
        }
        return 0;
      } finally {
        await target.close();
      }
    };
  },
};

const demoCommand: Command = {
  name: 'demo',
  summary: 'load the examples in contracts/ with their sample data; print every party\'s key and what to try with it',
  usage: `Usage: cli demo [--dir <folder>] [--url <URL> [--admin-key <key>]] [--keys-file <file>] [--no-people] [--json]

Loads every definition in the folder (<name>.json) with its sample data (data/<name>.claims.csv,
data/<name>.results.csv): parties created, contract registered and approved by payer, investor and
operator, data uploaded and validated, an evaluation run. One example (Denver's supportive housing)
is left awaiting its data: the walk-through. Prints every party's key (payer, investors, operator,
evaluator…) and, on the walk-through, what to try with each: upload, review, evaluate, settle, see
the repayment status.

Run twice on the same service, it registers nothing twice: organisations are found by the
identifier the demo gives them, contracts by their reference. A key is shown once and never kept
by the service, so the demo keeps its keys in --keys-file (mode 0600) and reuses those still live;
an organisation whose key is not there gets a fresh one (said so).

Each organisation also gets one person, its first admin (invited, the invitation accepted with a
random password): the demo prints their e-mail and password and the desk to open in the web
workspace. Passwords are kept in --keys-file too; an organisation that already has a person is not
given another, and no password is reset.

Options:
  --dir <folder>         the examples (default: contracts)
${remoteHelp}
  --keys-file <file>     where the demo keeps its keys (default: $DATA_DIR/demo-keys.json, DATA_DIR
                         defaulting to ./data)
  --no-people            create no person (keys only)
  --json                 print the result as JSON (contracts, parties with their keys and people, commands)
  -h, --help             show this help

${exitHelp('a definition is invalid, a data row or a request is refused, the service cannot be reached')}

Example:
  npm run cli -- demo --url http://localhost:3000 --admin-key <the key printed at first start>`,
  options: { url: { type: 'string' }, 'admin-key': { type: 'string' }, dir: { type: 'string' }, 'keys-file': { type: 'string' }, 'no-people': { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: false,
  prepare({ values }, io) {
    const directory = readableDirectory('--dir', stringValue(values, 'dir') ?? 'contracts');
    const connect = targetOf(values, io.env);
    const keysFile = stringValue(values, 'keys-file') ?? join(io.env.DATA_DIR || 'data', 'demo-keys.json');
    const serviceUrl = (stringValue(values, 'url') ?? `http://localhost:${io.env.PORT || 3000}`).replace(/\/+$/, '');
    return async () => {
      const target = await connect();
      try {
        if (values.json !== true) await io.out(`loading the examples into ${target.description} …`);
        const result = await demo(target, { directory, keysFile, serviceUrl, people: values['no-people'] !== true });
        if (values.json === true) await io.out(JSON.stringify(result, null, 2));
        else await printAll(demoLines(result), io.out);
        return 0;
      } finally {
        await target.close();
      }
    };
  },
};

const migrate: Command = {
  name: 'migrate',
  summary: 'apply database migrations',
  usage: `Usage: cli migrate

Applies the database migrations (running them again is a no-op) to DATABASE_URL, or to the
embedded database in DATA_DIR, and creates the platform administrator if there is none (its key
printed once on stderr, unless ADMIN_API_KEY is set).

Options:
  -h, --help             show this help

${exitHelp('a migration failed')}

Example:
  DATABASE_URL=postgres://user:pass@host:5432/outcome_ledger npm run cli -- migrate`,
  options: {},
  positionals: false,
  prepare(_parsed, io) {
    const config = loadConfig(io.env);
    return async () => {
      const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
      const database = await openDatabase(config);
      try {
        const applied = await migrateToLatest(database.db);
        await io.out(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
        const admin = await ensureAdministrator(database.db, config.ADMIN_API_KEY);
        if (admin.generatedKey) announceAdministratorKey(admin.generatedKey);
        return 0;
      } finally {
        await database.close();
        unlock();
      }
    };
  },
};

const audit: Command = {
  name: 'audit verify',
  summary: "verify the audit trail's hash chains, states and receipts",
  usage: `Usage: cli audit verify [--contract <id>|platform] [--deep] [--receipt [CHAIN:]SEQ:HASH]

Verifies the audit trail on the configured database (DATABASE_URL, or the embedded database in
DATA_DIR): each chain's links, the recorded state of every entity against its rows, (--deep)
each evaluation's data, and that a write's Audit-Receipt is still in its chain. Prints one line
per chain and names the first problem.

Options:
  --contract <id>        one chain: a contract id, or platform (default: every chain; with
                         --receipt, the chain the receipt names, else platform)
  --deep                 also re-read each evaluation's data and check its digest (default: off)
  --receipt <receipt>    an Audit-Receipt header value, <chain>:<seq>:<entryHash> or
                         <seq>:<entryHash> (then in --contract's chain)
  -h, --help             show this help

${exitHelp('a chain does not verify or the receipt is not in its chain')}

Examples:
  npm run cli -- audit verify --deep
  npm run cli -- audit verify --receipt "<the Audit-Receipt header of a write>"`,
  options: { contract: { type: 'string' }, deep: { type: 'boolean' }, receipt: { type: 'string' } },
  positionals: true,
  prepare({ values, positionals }, io) {
    if (positionals[0] !== 'verify') {
      throw new UsageError(positionals[0] === undefined ? 'missing subcommand: verify' : `unknown subcommand '${positionals[0]}' (the one subcommand is verify)`);
    }
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
    const receipt = stringValue(values, 'receipt');
    if (receipt !== undefined && parseReceipt(receipt) === null) {
      throw new UsageError(`--receipt ${receipt}: not an audit receipt (<chain>:<seq>:<entryHash> or <seq>:<entryHash>)`);
    }
    const config = loadConfig(io.env);
    return async () => {
      const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
      const database = await openDatabase(config);
      try {
        return await auditVerify(database.db, { contract: stringValue(values, 'contract'), deep: values.deep === true, receipt }, syncSink(io.out));
      } finally {
        await database.close();
        unlock();
      }
    };
  },
};

export const commands: readonly Command[] = [validate, evaluate, load, demoCommand, migrate, audit, importIndigoCommand];

export const usage = `Usage: cli <command> [options]      (from the repository: npm run cli -- <command> [options])

Commands:
${commands.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`).join('\n')}
  ${'help [<command>]'.padEnd(16)} show this help, or a command's

Run cli <command> --help for a command's arguments, options and defaults.
Exit status: 0 done; 1 the command failed or found a problem; 2 the command line is wrong.

Example:
  npm run cli -- evaluate --contract contracts/peterborough.json --data contracts/data/peterborough.results.csv --as-of 2017-06-30`;

const commandNamed = (name: string | undefined) => commands.find((c) => c.name === name || c.name.split(' ')[0] === name);

/**
 * Runs a command line (without the program name) and answers its exit code. Usage and command
 * output go to `io.out`, errors to `io.err`.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    for (const line of usage.split('\n')) io.err(line);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] !== undefined ? commandNamed(rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !topic) return usageError(io, 'cli', `unknown command '${rest[0]}'`, 'cli --help');
    await io.out(topic ? topic.usage : usage);
    return 0;
  }
  const command = commandNamed(name);
  if (!command) {
    return usageError(io, 'cli', name.startsWith('-') ? `unknown option ${name}` : `unknown command '${name}'`, 'cli --help');
  }
  if (wantsHelp(rest)) {
    await io.out(command.usage);
    return 0;
  }
  let work: () => Promise<number>;
  try {
    work = command.prepare(parse([...rest], { ...command.options }, command.positionals), io);
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, `cli ${command.name}`, error.message, `cli ${command.name} --help`);
    return failure(io, error);
  }
  try {
    return await work();
  } catch (error) {
    return failure(io, error);
  }
}

function usageError(io: Io, who: string, problem: string, help: string): number {
  io.err(`${who}: ${problem}`);
  io.err(`Run '${help}' for usage.`);
  return 2;
}

/** A failure while working: its readable message (CliError, ApiProblemError, ConfigError…); exit 1. */
function failure(io: Io, error: unknown): number {
  if (error instanceof OutputClosed) return 0;
  if (error instanceof UsageError) return usageError(io, 'cli', error.message, 'cli --help');
  const message = error instanceof CliError || error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  for (const line of message.split('\n')) io.err(line);
  return 1;
}

/** Checks a definition before any work (CliError listing its problems); answers the file. */
function checkDefinition(file: string): string {
  readDefinitionFile(file);
  return file;
}

/** Where load and demo send their requests, checked now and connected when the work starts. */
function targetOf(values: Parsed['values'], env: Io['env']): () => Promise<Target> {
  const url = stringValue(values, 'url');
  if (url === undefined) {
    if (values['admin-key'] !== undefined) throw new UsageError('--admin-key goes with --url');
    const config = loadConfig(env);
    return () => embeddedTarget(config);
  }
  httpUrl('--url', url);
  const key = stringValue(values, 'admin-key') ?? env.ADMIN_API_KEY;
  if (!key) throw new UsageError('--url needs --admin-key <key> (or ADMIN_API_KEY)');
  return async () => remoteTarget(url, key);
}

/** For commands that print few lines synchronously: the sink's waiting is not needed. */
function syncSink(out: LineSink): (line: string) => void {
  return (line) => {
    void out(line);
  };
}
