import type { Context } from 'hono';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import {
  amendmentProblems, bindingProblems, memberships, missingApprovals, type PartyBindings, requiredApprovers,
} from '../../domain/contract/lifecycle.ts';
import type { DefinitionProblem } from '../../domain/contract/semantics.ts';
import { validateDefinition } from '../../domain/contract/validate.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  approvalsOf, findContract, findVersion, insertApproval, insertContract, insertVersion, listContractsForOrganisation, lockContract,
  rolesByContract, setVersionStatus, updateContract, versionsOf, versionWithStatus,
} from '../../db/queries/contracts.ts';
import { organisationsExist } from '../../db/queries/organisations.ts';
import type { ContractVersion } from '../../db/schema.ts';
import type { AppEnv } from '../context.ts';
import { kyselyExec } from '../../db/queries/audit.ts';
import { invalidDefinition } from './definition-hook.ts';
import { audit } from '../audit-trail.ts';
import { ApiError, type FieldProblem } from '../errors/api-error.ts';
import { formatPath } from '../errors/zod-problems.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import type {
  AmendRoute, ApproveRoute, GetRoute, GetVersionRoute, ListRoute, ListVersionsRoute, RegisterRoute, TerminateRoute,
} from './contracts.routes.ts';
import { contractDetail, contractSummaries, contractSummary, versionDetail, versionSummary } from './contracts.views.ts';

const toField = (p: DefinitionProblem | { path: (string | number)[]; message: string }, prefix: string[]): FieldProblem => ({
  location: 'body',
  path: formatPath([...prefix, ...p.path]),
  message: p.message,
});


/** Definition validated completely (structure passed in the route; semantics here) and bindings checked. */
async function checkedTerms(c: Context<AppEnv>, input: unknown, bindings: PartyBindings): Promise<ContractDefinition> {
  const validation = validateDefinition(input);
  if (!validation.ok) throw invalidDefinition(validation.problems.map((p) => toField(p, ['definition'])));
  const definition = validation.definition;
  const problems = bindingProblems(definition, bindings).map((p) => toField(p, []));
  const ids = [...new Set(Object.values(bindings))];
  const existing = await organisationsExist(c.var.db, ids);
  for (const [key, id] of Object.entries(bindings)) {
    if (!existing.has(id)) problems.push({ location: 'body', path: `parties.${key}`, message: `no organisation ${id}` });
  }
  if (problems.length > 0) throw invalidDefinition(problems);
  return definition;
}

const hashOf = (definition: ContractDefinition, parties: PartyBindings) => contentDigest({ definition, parties });

export const register: AppRouteHandler<RegisterRoute> = async (c) => {
  const principal = c.var.principal;
  const body = c.req.valid('json');
  const definition = await checkedTerms(c, body.definition, body.parties);
  const members = memberships(definition, body.parties);
  if (!members.some((m) => m.role === 'outcome_payer' && m.organisationId === principal.organisationId)) {
    throw new ApiError('forbidden', 'Only an outcome payer of the contract registers it: bind your organisation to an outcome_payer party.');
  }
  const contentHash = await hashOf(definition, body.parties);
  const now = c.var.deps.clock();
  try {
    const contract = await c.var.db.transaction().execute(async (trx) => {
      const contract = await insertContract(trx, {
        reference: definition.reference,
        title: definition.title,
        policyArea: definition.policyArea,
        currency: definition.currency,
        registeredBy: principal.organisationId,
      });
      await insertVersion(trx, {
        contract_id: contract.id,
        number: 1,
        kind: 'original',
        definition,
        party_organisations: body.parties,
        content_hash: contentHash,
        status: 'proposed',
        description: null,
        reason: null,
        effective_from: definition.term.start,
        proposed_by_organisation_id: principal.organisationId,
        proposed_at: now,
      }, members);
      await audit(c, kyselyExec(trx), {
        chain: contract.id, action: 'contract.registered', entityType: 'contract_version', entityId: `${contract.id}/1`,
        state: { contractId: contract.id, reference: contract.reference, version: 1, contentHash, parties: body.parties },
      });
      return contract;
    });
    const roles = members.filter((m) => m.organisationId === principal.organisationId).map((m) => m.role);
    return c.json(await contractDetail(c.var.db, contract, new Set(roles)), 201);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ApiError('conflict', `You have already registered a contract with the reference "${definition.reference}".`);
    }
    throw error;
  }
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid('query');
  const principal = c.var.principal;
  if (principal.isAdmin) return c.json({ items: [], nextCursor: null }, 200);
  const rows = await listContractsForOrganisation(c.var.db, {
    organisationId: principal.organisationId,
    status: query.status,
    role: query.role,
    policyArea: query.policyArea,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const { items, nextCursor } = page(rows, query.limit, (r) => r.id);
  const roles = await rolesByContract(c.var.db, principal.organisationId, items.map((r) => r.id));
  const summaries = await contractSummaries(c.var.db, items, (id) => roles.get(id) ?? []);
  return c.json({ items: summaries, nextCursor }, 200);
};

export const get: AppRouteHandler<GetRoute> = async (c) => {
  const { contract, roles } = c.var.access;
  return c.json(await contractDetail(c.var.db, contract, roles), 200);
};

export const listVersions: AppRouteHandler<ListVersionsRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const versions = await versionsOf(c.var.db, id);
  const approvals = await approvalsOf(c.var.db, versions.map((v) => v.id));
  return c.json({ items: versions.map((v) => versionSummary(v, approvals)) }, 200);
};

export const getVersion: AppRouteHandler<GetVersionRoute> = async (c) => {
  const { id, number } = c.req.valid('param');
  const version = await findVersion(c.var.db, id, number);
  if (!version) throw new ApiError('not_found', `The contract has no version ${number}.`);
  return c.json(versionDetail(version, await approvalsOf(c.var.db, [version.id])), 200);
};

export const approve: AppRouteHandler<ApproveRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { contentHash } = c.req.valid('json');
  const principal = c.var.principal;
  const { roles } = c.var.access;
  const now = c.var.deps.clock();
  await c.var.db.transaction().execute(async (trx) => {
    const contract = await lockContract(trx, id);
    if (!contract) throw new ApiError('not_found', 'No such contract.');
    if (contract.status === 'terminated') throw new ApiError('invalid_state', 'The contract is terminated.');
    const pending = await versionWithStatus(trx, id, 'proposed');
    if (!pending) throw new ApiError('invalid_state', 'No version of this contract is awaiting approval.');
    if (pending.content_hash !== contentHash) {
      throw new ApiError('stale_version',
        `You approved ${contentHash}, but the version awaiting approval is version ${pending.number} with contentHash ` +
        `${pending.content_hash}. Read it and approve that hash.`);
    }
    const definition = pending.definition as ContractDefinition;
    const required = requiredApprovers(definition, pending.party_organisations);
    if (!required.includes(principal.organisationId)) {
      throw new ApiError('forbidden', 'Your organisation holds no approving role (payer, investor, operator) in this version.');
    }
    const approvals = await approvalsOf(trx, [pending.id]);
    if (!approvals.some((a) => a.organisation_id === principal.organisationId)) {
      const approval = await insertApproval(trx, {
        versionId: pending.id, contractId: id, organisationId: principal.organisationId, contentHash, apiKeyId: principal.keyId, at: now,
      });
      approvals.push(approval);
      await audit(c, kyselyExec(trx), {
        chain: id, action: 'contract.approved', entityType: 'contract_approval', entityId: approval.id,
        state: { version: pending.number, contentHash, organisationId: principal.organisationId },
      });
      if (missingApprovals(required, approvals.map((a) => a.organisation_id)).length === 0) {
        await bringIntoForce(trx, contract.status === 'draft', pending, now);
        await audit(c, kyselyExec(trx), {
          chain: id, action: 'contract.version_in_force', entityType: 'contract_version', entityId: `${id}/${pending.number}`,
          state: { version: pending.number, contentHash, approvedBy: approvals.map((a) => a.organisation_id).sort() },
        });
      }
    }
  });
  return c.json(await contractSummary(c.var.db, (await findContract(c.var.db, id))!, roles), 200);
};

async function bringIntoForce(trx: Parameters<typeof versionsOf>[0], wasDraft: boolean, version: ContractVersion, now: Date) {
  const definition = version.definition as ContractDefinition;
  const current = await versionWithStatus(trx, version.contract_id, 'in_force');
  if (current) await setVersionStatus(trx, current.id, 'superseded');
  await setVersionStatus(trx, version.id, 'in_force', now);
  await updateContract(trx, version.contract_id, {
    title: definition.title,
    policy_area: definition.policyArea,
    ...(wasDraft ? { status: 'active' as const, activated_at: now } : {}),
  });
}

export const amend: AppRouteHandler<AmendRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const principal = c.var.principal;
  const { contract } = c.var.access;
  if (contract.status === 'terminated') throw new ApiError('invalid_state', 'A terminated contract cannot be amended.');
  const versions = await versionsOf(c.var.db, id);
  const inForce = versions.find((v) => v.status === 'in_force');
  const latest = versions.find((v) => v.status === 'proposed') ?? inForce!;
  const bindings = body.parties ?? latest.party_organisations;
  const definition = await checkedTerms(c, body.definition, bindings);
  const base = (inForce ?? latest).definition as ContractDefinition;
  const problems = amendmentProblems(base, definition).map((p) => toField(p, []));
  if (problems.length > 0) throw invalidDefinition(problems);
  const contentHash = await hashOf(definition, bindings);
  const now = c.var.deps.clock();
  const version = await c.var.db.transaction().execute(async (trx) => {
    const locked = await lockContract(trx, id);
    if (!locked || locked.status === 'terminated') throw new ApiError('invalid_state', 'A terminated contract cannot be amended.');
    const all = await versionsOf(trx, id);
    const pending = all.find((v) => v.status === 'proposed');
    if (pending) await setVersionStatus(trx, pending.id, 'withdrawn');
    const number = Math.max(...all.map((v) => v.number)) + 1;
    await audit(c, kyselyExec(trx), {
      chain: id, action: 'contract.amendment_proposed', entityType: 'contract_version', entityId: `${id}/${number}`,
      state: { version: number, contentHash, description: body.description, reason: body.reason, parties: bindings, withdrawn: pending?.number ?? null },
    });
    return insertVersion(trx, {
      contract_id: id,
      number,
      kind: 'amendment',
      definition,
      party_organisations: bindings,
      content_hash: contentHash,
      status: 'proposed',
      description: body.description,
      reason: body.reason,
      effective_from: body.effectiveFrom ?? null,
      proposed_by_organisation_id: principal.organisationId,
      proposed_at: now,
    }, memberships(definition, bindings));
  });
  return c.json(versionDetail(version, []), 201);
};

export const terminate: AppRouteHandler<TerminateRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { roles } = c.var.access;
  const now = c.var.deps.clock();
  await c.var.db.transaction().execute(async (trx) => {
    const contract = await lockContract(trx, id);
    if (!contract) throw new ApiError('not_found', 'No such contract.');
    if (contract.status === 'terminated') throw new ApiError('invalid_state', `The contract was already terminated on ${contract.terminated_on}.`);
    const terms = (await versionWithStatus(trx, id, 'in_force')) ?? (await versionWithStatus(trx, id, 'proposed'));
    const term = (terms?.definition as ContractDefinition | undefined)?.term;
    if (term && (body.terminatedOn < term.start || body.terminatedOn > term.end)) {
      throw invalidDefinition([{ location: 'body', path: 'terminatedOn', message: `must be within the contract term ${term.start} to ${term.end}` }]);
    }
    const pending = await versionWithStatus(trx, id, 'proposed');
    if (pending && contract.status !== 'draft') await setVersionStatus(trx, pending.id, 'withdrawn');
    await updateContract(trx, id, { status: 'terminated', terminated_on: body.terminatedOn, termination_reason: body.reason, terminated_at: now });
    await audit(c, kyselyExec(trx), {
      chain: id, action: 'contract.terminated', entityType: 'contract', entityId: id, state: { terminatedOn: body.terminatedOn, reason: body.reason },
    });
  });
  return c.json(await contractSummary(c.var.db, (await findContract(c.var.db, id))!, roles), 200);
};
