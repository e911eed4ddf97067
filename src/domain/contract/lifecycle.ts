import type { ContractDefinition, PartyRole } from './definition.ts';

/**
 * The tripartite lifecycle, as pure decisions. A version takes effect when every organisation
 * holding a required role (outcome payer, investor, operator) has approved its exact content hash.
 */
export const approvingRoles: readonly PartyRole[] = ['outcome_payer', 'investor', 'operator'];

/** Party key → organisation id, as bound at registration or amendment. */
export type PartyBindings = Record<string, string>;

export interface PartyMembership {
  partyKey: string;
  role: PartyRole;
  organisationId: string;
}

export function memberships(definition: ContractDefinition, bindings: PartyBindings): PartyMembership[] {
  return definition.parties.flatMap((party) =>
    party.roles.map((role) => ({ partyKey: party.key, role, organisationId: bindings[party.key]! })),
  );
}

/** The party receiving outcome payments: distribution.paymentRecipient, else the first intermediary, else the first operator. */
export function paymentRecipient(definition: ContractDefinition): string | undefined {
  return definition.distribution.paymentRecipient ??
    definition.parties.find((p) => p.roles.includes('intermediary'))?.key ??
    definition.parties.find((p) => p.roles.includes('operator'))?.key;
}

export function requiredApprovers(definition: ContractDefinition, bindings: PartyBindings): string[] {
  const orgs = new Set<string>();
  for (const m of memberships(definition, bindings)) if (approvingRoles.includes(m.role)) orgs.add(m.organisationId);
  return [...orgs].sort();
}

/**
 * Consent to a version: every organisation holding an approving role in the proposed version
 * *and* every one holding such a role in the version in force (if any). No party can rewrite the
 * deal alone: removing or rebinding a party needs that party's approval too.
 */
export function approversOf(
  proposed: { definition: ContractDefinition; bindings: PartyBindings },
  inForce?: { definition: ContractDefinition; bindings: PartyBindings },
): string[] {
  const orgs = new Set(requiredApprovers(proposed.definition, proposed.bindings));
  if (inForce) for (const org of requiredApprovers(inForce.definition, inForce.bindings)) orgs.add(org);
  return [...orgs].sort();
}

export function missingApprovals(required: readonly string[], approvedBy: Iterable<string>): string[] {
  const approved = new Set(approvedBy);
  return required.filter((org) => !approved.has(org));
}

/** Party keys the definition names that have no organisation bound, and bindings for unknown keys. */
export function bindingProblems(definition: ContractDefinition, bindings: PartyBindings): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const keys = new Set(definition.parties.map((p) => p.key));
  for (const key of keys) {
    if (!bindings[key]) problems.push({ path: ['parties', key], message: `party "${key}" of the definition needs an organisation id` });
  }
  for (const key of Object.keys(bindings)) {
    if (!keys.has(key)) problems.push({ path: ['parties', key], message: `the definition has no party "${key}"` });
  }
  return problems;
}

/** What an amendment may not change, because recorded history depends on it. */
export function amendmentProblems(current: ContractDefinition, proposed: ContractDefinition): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  if (current.reference !== proposed.reference) {
    problems.push({ path: ['definition', 'reference'], message: `an amendment cannot change the reference (${current.reference})` });
  }
  if (current.currency !== proposed.currency) {
    problems.push({ path: ['definition', 'currency'], message: `an amendment cannot change the currency (${current.currency}): amounts already recorded are in it` });
  }
  return problems;
}
