import { parseArgs } from 'node:util';
import { auditVerify } from '../cli/audit.ts';
import { embeddedTarget, remoteTarget, type Target } from '../cli/target.ts';
import { demo } from '../cli/demo.ts';
import { whatIf } from '../cli/evaluate.ts';
import { loadContract } from '../cli/load.ts';
import { validateFiles } from '../cli/validate.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { announceAdministratorKey } from '../runtime/announce.ts';
import { ensureAdministrator } from '../runtime/bootstrap-admin.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';

const usage = `Outcome Ledger command line

  cli demo [--url URL --admin-key KEY] load every example in contracts/ with its sample data, approved,
                                       validated and evaluated; prints the payer's and investor's keys
  cli audit verify [--contract ID|platform] [--deep] [--receipt [CHAIN:]SEQ:HASH]
                                       verify the audit trail's hash chains (every chain without --contract) on
                                       the configured database: links, recorded states, (--deep) evaluations'
                                       data, and that a write's Audit-Receipt is still in its chain (the chain
                                       it names, else --contract's, else platform); names the first problem;
                                       exit 1 if any
  cli migrate                          apply database migrations (DATABASE_URL, or the embedded database in DATA_DIR)
  cli validate <contract.json>...      check contract definition files
  cli evaluate --contract <contract.json> --data <file.csv> [--data …] [--as-of YYYY-MM-DD] [--json]
                                       what-if, no server: register, upload, validate and evaluate in an
                                       in-memory database; print the obligations and the explanation
  cli load <contract.json>... [--approve] [--data <file.csv>…] [--validate] [--url URL --admin-key KEY]
                                       create an organisation per party, register the contract and (with
                                       --approve) approve it as every payer, investor and operator; against a
                                       running service with --url, else directly on the configured database;
                                       --data uploads outcome data as the operator, --validate validates it
`;

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validateFiles(rest, out);
    case 'migrate': {
      const config = loadConfig(process.env);
      const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
      const database = await openDatabase(config);
      try {
        const applied = await migrateToLatest(database.db);
        out(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
        const admin = await ensureAdministrator(database.db, config.ADMIN_API_KEY);
        if (admin.generatedKey) announceAdministratorKey(admin.generatedKey);
        return 0;
      } finally {
        await database.close();
        unlock();
      }
    }
    case 'load': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          approve: { type: 'boolean', default: false }, validate: { type: 'boolean', default: false },
          data: { type: 'string', multiple: true, default: [] }, url: { type: 'string' }, 'admin-key': { type: 'string' },
        },
      });
      if (positionals.length === 0) {
        out(usage);
        return 2;
      }
      const target: Target = values.url
        ? remoteTarget(values.url, values['admin-key'] ?? process.env.ADMIN_API_KEY ?? '')
        : await embeddedTarget(loadConfig(process.env));
      try {
        out(`loading into ${target.description}`);
        for (const file of positionals) {
          const loaded = await loadContract(target, file, { approve: values.approve, data: values.data, validate: values.validate });
          out(`\n${loaded.reference}: contract ${loaded.contractId} (${loaded.status})`);
          for (const p of loaded.parties) out(`  ${p.partyKey.padEnd(16)} ${p.roles.join(',').padEnd(28)} org ${p.organisationId}  key ${p.apiKey}`);
          for (const u of loaded.uploads) out(`  uploaded ${u.file}: ${u.rows} ${u.kind}, ${u.validated} validated`);
        }
        return 0;
      } finally {
        await target.close();
      }
    }
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { url: { type: 'string' }, 'admin-key': { type: 'string' }, dir: { type: 'string', default: 'contracts' } } });
      const target: Target = values.url
        ? remoteTarget(values.url, values['admin-key'] ?? process.env.ADMIN_API_KEY ?? '')
        : await embeddedTarget(loadConfig(process.env));
      try {
        out(`loading the examples into ${target.description}\n`);
        await demo(target, values.dir, out);
        return 0;
      } finally {
        await target.close();
      }
    }
    case 'audit': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { contract: { type: 'string' }, deep: { type: 'boolean', default: false }, receipt: { type: 'string' } },
      });
      if (positionals[0] !== 'verify') {
        out(usage);
        return 2;
      }
      const config = loadConfig(process.env);
      const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR);
      const database = await openDatabase(config);
      try {
        return await auditVerify(database.db, { contract: values.contract, deep: values.deep, receipt: values.receipt }, out);
      } finally {
        await database.close();
        unlock();
      }
    }
    case 'evaluate': {
      const { values } = parseArgs({
        args: rest,
        options: {
          contract: { type: 'string' }, data: { type: 'string', multiple: true, default: [] }, 'as-of': { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      if (!values.contract) {
        out(usage);
        return 2;
      }
      return whatIf(loadConfig({}), { contract: values.contract, data: values.data, asOf: values['as-of'], json: values.json }, out);
    }
    default:
      out(usage);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
