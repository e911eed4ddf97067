import { readFileSync } from 'node:fs';
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
  parties: LoadedParty[];
}

async function call(target: Target, path: string, key: string, method: string, body?: unknown): Promise<any> {
  const response = await target.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * `cli load`: creates one organisation (with a key) per party of a definition file, registers the
 * contract as its payer and, with `approve`, has every payer, investor and operator approve it.
 */
export async function loadContract(target: Target, file: string, options: { approve: boolean }): Promise<LoadedContract> {
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
  const payer = parties.find((p) => p.roles.includes('outcome_payer'))!;
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
  return { contractId: registered.id, reference: definition.reference, status, parties };
}
