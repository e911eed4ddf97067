import { parseArgs } from 'node:util';
import { embeddedTarget, remoteTarget, type Target } from '../cli/target.ts';
import { loadContract } from '../cli/load.ts';
import { validateFiles } from '../cli/validate.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { announceAdministratorKey } from '../runtime/announce.ts';
import { ensureAdministrator } from '../runtime/bootstrap-admin.ts';
import { lockDataDir } from '../runtime/data-dir-lock.ts';

const usage = `Outcome Ledger command line

  cli migrate                          apply database migrations (DATABASE_URL, or the embedded database in DATA_DIR)
  cli validate <contract.json>...      check contract definition files
  cli load <contract.json>... [--approve] [--url URL --admin-key KEY]
                                       create an organisation per party, register the contract and (with
                                       --approve) approve it as every payer, investor and operator; against a
                                       running service with --url, else directly on the configured database
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
        options: { approve: { type: 'boolean', default: false }, url: { type: 'string' }, 'admin-key': { type: 'string' } },
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
          const loaded = await loadContract(target, file, { approve: values.approve });
          out(`\n${loaded.reference}: contract ${loaded.contractId} (${loaded.status})`);
          for (const p of loaded.parties) out(`  ${p.partyKey.padEnd(16)} ${p.roles.join(',').padEnd(28)} org ${p.organisationId}  key ${p.apiKey}`);
        }
        return 0;
      } finally {
        await target.close();
      }
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
