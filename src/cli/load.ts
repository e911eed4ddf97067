import { openAsBlob, readFileSync } from 'node:fs';
import { formatPath } from '../api/errors/zod-problems.ts';
import type { ContractDefinition, PartyRole } from '../domain/contract/definition.ts';
import { validateDefinition } from '../domain/contract/validate.ts';
import { type DataFile, inspectDataFile, lineNumbersOfRows } from './data-files.ts';
import { ApiProblemError, CliError, parseProblem } from './errors.ts';
import type { Target } from './target.ts';

/** The organisation kind registered for a party, by its first role. */
export const kindForRole: Record<PartyRole, string> = {
  outcome_payer: 'public_authority', investor: 'investor', operator: 'operator',
  evaluator: 'evaluator', validator: 'validator', intermediary: 'intermediary',
};

export interface LoadedParty {
  partyKey: string;
  name: string;
  roles: string[];
  organisationId: string;
  apiKey: string;
}

export interface LoadedContract {
  contractId: string;
  reference: string;
  status: string;
  definition: ContractDefinition;
  parties: LoadedParty[];
  uploads: { file: string; kind: string; rows: number; validated: number }[];
}

export interface LoadOptions {
  approve: boolean;
  /** CSV files of outcome data to upload as the operator (claims or results, told apart by their header). */
  data?: string[];
  /** Validate every uploaded record as the evaluator (or validator). */
  validate?: boolean;
}

/** One API request; a refusal throws ApiProblemError (its message is the problem in readable lines). */
export async function call(target: Target, path: string, key: string, method: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const response = await target.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body) }),
  } as RequestInit);
  const text = await response.text();
  if (!response.ok) throw new ApiProblemError(method, path, response.status, parseProblem(text), text);
  return text ? JSON.parse(text) : undefined;
}

/** Reads and checks a definition file; CliError naming the file and every problem (with its path) if it is not valid. */
export function readDefinitionFile(file: string): ContractDefinition {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: cannot read JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const validation = validateDefinition(input);
  if (!validation.ok) {
    throw new CliError([`${file}: not a valid contract definition (${validation.problems.length} problem(s)):`,
      ...validation.problems.map((p) => `  ${formatPath(p.path) || '(root)'}: ${p.message}`)].join('\n'));
  }
  return validation.definition;
}

/**
 * Uploads a data file as the operator. Row problems of a refused upload are named where they are
 * in the file: `file:line: column: message` (line = the CSV line on which the row starts).
 */
export async function upload(target: Target, contractId: string, data: DataFile, key: string): Promise<{ id: string; rows: number }> {
  const blob = await openAsBlob(data.file);
  try {
    return await call(target, `/v1/contracts/${contractId}/${data.kind}`, key, 'POST', data.skipBytes ? blob.slice(data.skipBytes) : blob, 'text/csv');
  } catch (error) {
    if (!(error instanceof ApiProblemError) || !error.problem) throw error;
    const problem = error.problem;
    const rows = (problem.errors ?? []).filter((e) => e.row !== undefined);
    if (rows.length === 0) throw new CliError(`${data.file}: ${problem.title ?? error.status}${problem.detail ? `: ${problem.detail}` : ''}`);
    const lines = await lineNumbersOfRows(data, rows.map((e) => e.row!));
    const listed = rows.map((e) => {
      const line = lines.get(e.row!);
      return `${data.file}${line === undefined ? ` (row ${e.row})` : `:${line}`}: ${e.column && e.column !== 'row' ? `${e.column}: ` : ''}${e.message}`;
    });
    const total = problem.totalErrors ?? rows.length;
    const more = total > rows.length ? [`${data.file}: … ${total - rows.length} more problem(s) not listed`] : [];
    throw new CliError([`${data.file}: ${total} problem(s); nothing was uploaded`, ...listed, ...more].join('\n'));
  }
}

/**
 * `cli load`: creates one organisation (with a key) per party of a definition file, registers the
 * contract as its payer, and optionally has every payer, investor and operator approve it, uploads
 * outcome data as the operator and validates it as the evaluator — all through the HTTP API.
 */
export async function loadContract(target: Target, file: string, options: LoadOptions): Promise<LoadedContract> {
  const definition = readDefinitionFile(file);
  const dataFiles = (options.data ?? []).map(inspectDataFile);
  if (options.validate && dataFiles.length > 0 && !definition.parties.some((p) => p.roles.some((r) => r === 'evaluator' || r === 'validator'))) {
    throw new CliError(`${file} has no evaluator or validator party to validate the data`);
  }

  const parties: LoadedParty[] = [];
  for (const party of definition.parties) {
    const organisation = await call(target, '/v1/organisations', target.adminKey, 'POST', { name: party.name, kind: kindForRole[party.roles[0]!] });
    const key = await call(target, `/v1/organisations/${organisation.id}/api-keys`, target.adminKey, 'POST', { label: 'cli load' });
    parties.push({ partyKey: party.key, name: party.name, roles: party.roles, organisationId: organisation.id, apiKey: key.key });
  }
  const bindings = Object.fromEntries(parties.map((p) => [p.partyKey, p.organisationId]));
  const withRole = (...roles: string[]) => parties.find((p) => p.roles.some((r) => roles.includes(r)));
  const payer = withRole('outcome_payer')!;
  const registered = await call(target, '/v1/contracts', payer.apiKey, 'POST', { definition, parties: bindings });
  let status = registered.status as string;
  if (options.approve) {
    const approvers = new Set<string>(registered.pendingVersion.approvals.required);
    for (const party of parties) {
      if (!approvers.delete(party.organisationId)) continue;
      const after = await call(target, `/v1/contracts/${registered.id}/approvals`, party.apiKey, 'POST', {
        contentHash: registered.pendingVersion.contentHash,
      });
      status = after.status;
    }
  }
  const uploads: LoadedContract['uploads'] = [];
  for (const data of dataFiles) {
    const { kind } = data;
    const operator = withRole('operator')!;
    const submission = await upload(target, registered.id, data, operator.apiKey);
    let validated = 0;
    if (options.validate) {
      const reviewer = withRole('evaluator', 'validator')!;
      const review = await call(target, `/v1/contracts/${registered.id}/${kind}/reviews`, reviewer.apiKey, 'POST', {
        decision: 'validated', filter: { submissionId: submission.id },
      });
      validated = review.reviewed;
    }
    uploads.push({ file: data.file, kind, rows: submission.rows, validated });
  }
  return { contractId: registered.id, reference: definition.reference, status, definition, parties, uploads };
}
