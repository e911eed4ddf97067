import { findContract, approvalsOf, listContractsForOrganisation, rolesByContract, versionsOf } from '../../db/queries/contracts.ts';
import { approveVersion } from '../../usecases/approve-version.ts';
import { proposeAmendment } from '../../usecases/propose-amendment.ts';
import { registerContract } from '../../usecases/register-contract.ts';
import { terminateContract } from '../../usecases/terminate-contract.ts';
import { ApiError } from '../errors/api-error.ts';
import { decodeCursor, page } from '../pagination.ts';
import type { AppRouteHandler } from '../router.ts';
import { perform } from '../write.ts';
import type {
  AmendRoute, ApproveRoute, GetRoute, GetVersionRoute, ListRoute, ListVersionsRoute, RegisterRoute, TerminateRoute,
} from './contracts.routes.ts';
import { contractDetail, contractSummaries, contractSummary, predecessorOf, versionDetail, versionSummary } from './contracts.views.ts';
import { readerAcrossContracts } from '../read-replica.ts';

export const register: AppRouteHandler<RegisterRoute> = async (c) => {
  const body = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const { contract, roles } = await registerContract(ctx, { definition: body.definition, parties: body.parties });
    return contractDetail(ctx.trx, contract, new Set(roles));
  }) as never;
};

export const list: AppRouteHandler<ListRoute> = async (c) => {
  const query = c.req.valid('query');
  const principal = c.var.principal;
  if (principal.isAdmin) return c.json({ items: [], nextCursor: null }, 200);
  const db = await readerAcrossContracts(c);
  const rows = await listContractsForOrganisation(db, {
    organisationId: principal.organisationId,
    status: query.status,
    role: query.role,
    policyArea: query.policyArea,
    after: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const { items, nextCursor } = page(rows, query.limit, (r) => r.id);
  const roles = await rolesByContract(db, principal.organisationId, items.map((r) => r.id));
  const summaries = await contractSummaries(db, items, (id) => roles.get(id) ?? []);
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
  return c.json({ items: versions.map((v) => versionSummary(v, approvals, predecessorOf(v, versions))) }, 200);
};

export const getVersion: AppRouteHandler<GetVersionRoute> = async (c) => {
  const { id, number } = c.req.valid('param');
  const versions = await versionsOf(c.var.db, id);
  const version = versions.find((v) => v.number === number);
  if (!version) throw new ApiError('not_found', `The contract has no version ${number}.`);
  return c.json(versionDetail(version, await approvalsOf(c.var.db, [version.id]), predecessorOf(version, versions)), 200);
};

export const approve: AppRouteHandler<ApproveRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const { contentHash } = c.req.valid('json');
  const { roles } = c.var.access;
  return perform(c, 200, async (ctx) => {
    await approveVersion(ctx, { contractId: id, contentHash });
    return contractSummary(ctx.trx, (await findContract(ctx.trx, id))!, roles);
  }) as never;
};

export const amend: AppRouteHandler<AmendRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  return perform(c, 201, async (ctx) => {
    const version = await proposeAmendment(ctx, { contractId: id, ...body });
    return versionDetail(version, [], predecessorOf(version, await versionsOf(ctx.trx, id)));
  }) as never;
};

export const terminate: AppRouteHandler<TerminateRoute> = async (c) => {
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  const { roles } = c.var.access;
  return perform(c, 200, async (ctx) => {
    await terminateContract(ctx, { contractId: id, terminatedOn: body.terminatedOn, reason: body.reason });
    return contractSummary(ctx.trx, (await findContract(ctx.trx, id))!, roles);
  }) as never;
};
