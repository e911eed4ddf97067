import { readFileSync } from 'node:fs';
import { fromIndigoProject } from '../domain/indigo/import.ts';
import { INDIGO_STANDARD, validateIndigoProject } from '../domain/indigo/standard.ts';
import { type Parsed, readableFile } from './args.ts';
import { UsageError } from './errors.ts';
import type { LineSink } from './output.ts';

/**
 * `cli import indigo <file>`: maps an INDIGO project record (a bare project record, or what
 * `GET …/export/indigo` answers: { project, organisations }) to the draft of a contract, locally
 * (no database, nothing stored), and prints what the record lacks. Registering the draft is
 * `POST /v1/contracts/import/indigo` on the service, as an outcome payer.
 */
export const importIndigoCommand = {
  name: 'import indigo',
  summary: 'draft a contract from an INDIGO project record (prints what it lacks)',
  usage: `Usage: cli import indigo <record.json> [--json]

Reads an INDIGO project record (INDIGO data standard ${INDIGO_STANDARD.version}): a bare project record, or
what GET /v1/contracts/{id}/export/indigo answers ({ project, organisations }). Checks it against the
standard, maps it to the draft of a contract definition and lists what the record lacks and must be
completed before the contract can be registered and approved. Nothing is stored: register the draft
with POST /v1/contracts/import/indigo (its "complete" and "parties" fields fill what is missing).

Options:
  --json                 print { definition, parties, missing } as JSON (default: the missing list)
  -h, --help             show this help

Exit status: 0 mapped; 1 the record does not validate against the standard;
2 the command line is wrong (unknown option, unreadable file), found before any work.

Example:
  npm run cli -- import indigo indigo-PETERBOROUGH.json`,
  options: { json: { type: 'boolean' as const } },
  positionals: true,
  prepare({ values, positionals }: Parsed, io: { out: LineSink; err: (line: string) => void }) {
    if (positionals[0] !== 'indigo') {
      throw new UsageError(positionals[0] === undefined ? 'missing subcommand: indigo' : `unknown subcommand '${positionals[0]}' (the one subcommand is indigo)`);
    }
    if (positionals[1] === undefined) throw new UsageError('missing argument: the INDIGO record file');
    if (positionals.length > 2) throw new UsageError(`unexpected argument '${positionals[2]}'`);
    const file = readableFile('record', positionals[1]);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(`${file}: not JSON (${(error as Error).message})`);
    }
    return async () => {
      const wrapped = raw !== null && typeof raw === 'object' && 'project' in raw ? (raw as { project: unknown; organisations?: { id: string; data: unknown }[] }) : { project: raw };
      const organisations = Array.isArray(wrapped.organisations) ? wrapped.organisations : [];
      const problems = validateIndigoProject(wrapped.project, organisations.length > 0 ? { organisationIds: new Set(organisations.map((o) => o.id)) } : {});
      if (problems.length > 0) {
        io.err(`${file} does not validate against the INDIGO standard ${INDIGO_STANDARD.version}:`);
        for (const p of problems.slice(0, 50)) io.err(`  ${p.path}: ${p.message}`);
        if (problems.length > 50) io.err(`  … and ${problems.length - 50} more`);
        return 1;
      }
      const imported = fromIndigoProject(wrapped.project, organisations);
      if (values.json === true) {
        await io.out(JSON.stringify(imported, null, 2));
        return 0;
      }
      await io.out(`Draft of "${String(imported.definition.title ?? '(no title)')}": ${imported.parties.length} parties, ` +
        `${(imported.definition.metrics as unknown[]).length} metrics. To complete before registration:`);
      for (const m of imported.missing) await io.out(`  ${m.path}: ${m.why}`);
      return 0;
    };
  },
};
