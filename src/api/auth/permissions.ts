import type { KeyScope } from '../../db/schema.ts';
import type { PartyRole } from '../../domain/contract/definition.ts';
import { ApiError } from '../errors/api-error.ts';

/**
 * What each role in a contract may do: the single table every contract route checks. A caller
 * that is not party to a contract gets 404 (as if it did not exist); a party whose roles do not
 * allow the action gets 403. Route descriptions in /openapi.json are generated from this table.
 */
const anyParty: readonly PartyRole[] = ['outcome_payer', 'investor', 'operator', 'evaluator', 'validator', 'intermediary'];

export const contractPermissions = {
  'contract.read': anyParty,
  'contract.approve': ['outcome_payer', 'investor', 'operator'],
  'contract.amend': ['outcome_payer'],
  'contract.terminate': ['outcome_payer'],
  'measurement.submit': ['operator'],
  'measurement.validate': ['evaluator', 'validator'],
  'measurement.read': anyParty,
  'measurement.read_participants': ['outcome_payer', 'operator', 'evaluator', 'validator', 'intermediary'],
  'evaluation.run': ['outcome_payer'],
  'evaluation.read': anyParty,
  'drawdown.record': ['investor', 'intermediary'],
  'settlement.record': ['outcome_payer'],
  'status.read': anyParty,
  'audit.read': anyParty,
  'export.indigo': ['outcome_payer', 'intermediary'],
  'dispute.open': ['operator'],
  'dispute.resolve': ['evaluator', 'validator'],
  'dispute.read': ['outcome_payer', 'operator', 'evaluator', 'validator'],
} as const satisfies Record<string, readonly PartyRole[]>;

export type ContractAction = keyof typeof contractPermissions;

/** Actions the platform administrator may take on any contract without being party to it. */
const adminActions: ReadonlySet<ContractAction> = new Set<ContractAction>(['evaluation.run']);

export function mayAct(action: ContractAction, roles: ReadonlySet<string>): boolean {
  return contractPermissions[action].some((role) => roles.has(role));
}

export const adminMay = (action: ContractAction): boolean => adminActions.has(action);

export function forbidden(action: ContractAction): ApiError {
  return new ApiError('forbidden', `Only a party with the role ${contractPermissions[action].join(' or ')} may do this.`);
}

const roleNames: Record<PartyRole, string> = {
  outcome_payer: 'outcome payer', investor: 'investor', operator: 'operator',
  evaluator: 'evaluator', validator: 'validator', intermediary: 'intermediary',
};

/** A sentence for the OpenAPI description of a route: who may call it. */
export function accessNote(action: ContractAction): string {
  const roles = contractPermissions[action];
  const who = roles.length === anyParty.length ? 'any party to the contract' : roles.map((r) => roleNames[r]).join(', ');
  const admin = adminMay(action) ? ' The platform administrator may also call it.' : '';
  return `\n\n**Access:** ${who}.${admin} Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.`;
}

/** OpenAPI extension listing the roles, read by the isolation test suite. */
export const rolesExtension = (action: ContractAction) => ({
  'x-contract-roles': [...contractPermissions[action]],
  'x-admin-allowed': adminMay(action),
});

/**
 * What people and keys may do within an organisation (issue 17): the single table the people
 * routes and actions check, as `contractPermissions` is for contracts. `roles` are organisation
 * roles — of a person (`member.role`) or of a key (its scope) — of the organisation concerned;
 * `platformAdmin` says whether the platform administrator may do it for any organisation, and
 * `platformAdminRoles` which roles it may invite there (an organisation's first admin). What a
 * person does to their own account (password, TOTP, language, sign-out) needs only a session.
 */
export type OrganisationRoleName = 'admin' | 'member';

/**
 * A person acts with the rights of their organisation's keys of the scope their organisation role
 * maps to: an `admin` as an `admin` key, a `member` as a `member` key — on contracts (the
 * `contractPermissions` table, by their organisation's roles in the contract) as everywhere keys go.
 */
export const keyScopeByRole = { admin: 'admin', member: 'member' } as const satisfies Record<OrganisationRoleName, KeyScope>;

export const keyScopeOfRole = (role: OrganisationRoleName): KeyScope => keyScopeByRole[role];

/**
 * Whether a person administers the platform: an `admin` of the platform organisation. A `member`
 * there is not (inviting a member into the platform organisation must not make a second
 * administrator).
 */
export const isPlatformAdministrator = (organisationKind: string, role: OrganisationRoleName): boolean =>
  organisationKind === 'platform' && role === 'admin';

export const organisationPermissions = {
  'members.read': { roles: ['admin', 'member'], platformAdmin: true },
  'members.invite': { roles: ['admin'], platformAdmin: true, platformAdminRoles: ['admin'] },
  'members.remove': { roles: ['admin'], platformAdmin: true },
  'organisation.require_totp': { roles: ['admin'], platformAdmin: false },
} as const satisfies Record<string, { roles: readonly OrganisationRoleName[]; platformAdmin: boolean; platformAdminRoles?: readonly OrganisationRoleName[] }>;

export type OrganisationAction = keyof typeof organisationPermissions;

/** Whether a caller (an organisation, its role, and whether it is the platform administrator) may take `action` for `organisationId`. */
export function mayActInOrganisation(
  action: OrganisationAction,
  caller: { organisationId: string | null; role: OrganisationRoleName | null; isAdmin: boolean },
  organisationId: string,
): boolean {
  const rule = organisationPermissions[action];
  if (caller.organisationId === organisationId && caller.role && (rule.roles as readonly string[]).includes(caller.role)) return true;
  return caller.isAdmin && rule.platformAdmin;
}

/** A sentence for the OpenAPI description of an organisation route: who may call it. */
export function organisationAccessNote(action: OrganisationAction): string {
  const rule = organisationPermissions[action];
  const who = rule.roles.length === 2 ? 'any member or key of the organisation' : "the organisation's admins (people or `admin` keys)";
  const admin = rule.platformAdmin
    ? ` and the platform administrator${'platformAdminRoles' in rule ? ` (who invites ${rule.platformAdminRoles.join(', ')}s only: an organisation's first admin)` : ''}`
    : '';
  return `\n\n**Access:** ${who}${admin}. Others get 403.`;
}
