import { openAsBlob, readFileSync } from 'node:fs';
import type { ContractDefinition, PartyRole } from '../domain/contract/definition.ts';
import { validateDefinition } from '../domain/contract/validate.ts';
import type { Target } from './target.ts';

const kindForRole: Record<PartyRole, string> = {
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

export async function call(target: Target, path: string, key: string, method: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const response = await target.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body) }),
  } as RequestInit);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

function dataKind(file: string): 'claims' | 'results' {
  const header = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0]!.toLowerCase();
  if (header.includes('participant_ref')) return 'claims';
  if (header.includes('metric')) return 'results';
  throw new Error(`${file}: the header names neither participant claims (participant_ref,…) nor aggregate results (metric,…)`);
}

/**
 * `cli load`: creates one organisation (with a key) per party of a definition file, registers the
 * contract as its payer, and optionally has every payer, investor and operator approve it, uploads
 * outcome data as the operator and validates it as the evaluator — all through the HTTP API.
 */
export async function loadContract(target: Target, file: string, options: LoadOptions): Promise<LoadedContract> {
  const validation = validateDefinition(JSON.parse(readFileSync(file, 'utf8')));
  if (!validation.ok) throw new Error(`${file} is not a valid contract definition; run: cli validate ${file}`);
  const definition: ContractDefinition = validation.definition;

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
  for (const dataFile of options.data ?? []) {
    const kind = dataKind(dataFile);
    const operator = withRole('operator')!;
    const submission = await call(target, `/v1/contracts/${registered.id}/${kind}`, operator.apiKey, 'POST', await openAsBlob(dataFile), 'text/csv');
    let validated = 0;
    if (options.validate) {
      const reviewer = withRole('evaluator', 'validator');
      if (!reviewer) throw new Error(`${file} has no evaluator or validator party to validate the data`);
      const review = await call(target, `/v1/contracts/${registered.id}/${kind}/reviews`, reviewer.apiKey, 'POST', {
        decision: 'validated', filter: { submissionId: submission.id },
      });
      validated = review.reviewed;
    }
    uploads.push({ file: dataFile, kind, rows: submission.rows, validated });
  }
  return { contractId: registered.id, reference: definition.reference, status, definition, parties, uploads };
}
