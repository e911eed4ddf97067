import { createRoute, z } from '@hono/zod-openapi';
import { writeRoute } from '../write.ts';
import { contractRoute } from '../auth/contract-access.ts';
import { authenticate } from '../auth/authenticate.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import {
  AmendContractBody, ApproveBody, ContractDetailSchema, ContractIdParams, ContractPageSchema, ContractSummarySchema,
  ListContractsQuery, RegisterContractBody, TerminateBody, VersionDetailSchema, VersionParams, VersionSummarySchema,
} from './contracts.schemas.ts';

export const register = createRoute(writeRoute({
  method: 'post',
  path: '/v1/contracts',
  operationId: 'registerContract',
  tags: ['Contracts'],
  summary: 'Register a contract (as a draft)',
  description:
    'Registers the definition as version 1, in draft. Every party key of the definition is bound to an organisation; ' +
    'the caller must be bound to an outcome payer. The contract becomes active when every payer, investor and operator ' +
    'has approved version 1 by its contentHash. Invalid definitions are refused with 422 listing every problem with its path.' +
    '\n\n**Access:** an organisation that is an outcome payer of the submitted definition.',
  middleware: [authenticate] as const,
  request: { body: body(RegisterContractBody) },
  responses: {
    201: { description: 'Registered', ...json(ContractDetailSchema) },
    ...errorsFor(400, 401, 403, 409, 413, 415, 422, 429),
  },
}));

export const list = createRoute({
  method: 'get',
  path: '/v1/contracts',
  operationId: 'listContracts',
  tags: ['Contracts'],
  summary: 'List the contracts you are party to',
  description: 'Newest first, with cursor pagination. Filters: status, your role, policy area.',
  middleware: [authenticate] as const,
  request: { query: ListContractsQuery },
  responses: {
    200: { description: 'A page of contracts', ...json(ContractPageSchema) },
    ...errorsFor(400, 401, 429),
  },
});

export const get = contractRoute('contract.read', {
  method: 'get',
  path: '/v1/contracts/{id}',
  operationId: 'getContract',
  tags: ['Contracts'],
  summary: 'A contract, with the terms in force',
  description: 'Status, versions in force and awaiting approval, approvals, and the definition.',
  request: { params: ContractIdParams },
  responses: {
    200: { description: 'The contract', ...json(ContractDetailSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const listVersions = contractRoute('contract.read', {
  method: 'get',
  path: '/v1/contracts/{id}/versions',
  operationId: 'listContractVersions',
  tags: ['Contracts'],
  summary: 'Every version of the contract, oldest first',
  description: 'Versions stay readable forever, including superseded and withdrawn ones.',
  request: { params: ContractIdParams },
  responses: {
    200: { description: 'Versions', ...json(z.object({ items: z.array(VersionSummarySchema) }).openapi('ContractVersionList')) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const getVersion = contractRoute('contract.read', {
  method: 'get',
  path: '/v1/contracts/{id}/versions/{number}',
  operationId: 'getContractVersion',
  tags: ['Contracts'],
  summary: 'One version, with its definition and party bindings',
  description: '',
  request: { params: VersionParams },
  responses: {
    200: { description: 'The version', ...json(VersionDetailSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const approve = contractRoute('contract.approve', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/approvals',
  operationId: 'approveContractVersion',
  tags: ['Contracts'],
  summary: 'Approve the version awaiting approval',
  description:
    'Approves the exact version read, named by its contentHash; a stale hash answers 409 `stale_version`. When every ' +
    'payer, investor and operator has approved, the version takes effect (a draft becomes active). Approving twice is harmless.',
  request: { params: ContractIdParams, body: body(ApproveBody) },
  responses: {
    200: { description: 'Approval recorded; the contract as it now stands', ...json(ContractSummarySchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export const amend = contractRoute('contract.amend', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/amendments',
  operationId: 'proposeAmendment',
  tags: ['Contracts'],
  summary: 'Propose a variation (a new version)',
  description:
    'Creates a new version with a description and reason. It takes effect only when every payer, investor and operator ' +
    'has approved it; until then the current terms stay in force. A new proposal withdraws an earlier one still awaiting ' +
    'approval. The reference and currency cannot change.',
  request: { params: ContractIdParams, body: body(AmendContractBody) },
  responses: {
    201: { description: 'The proposed version', ...json(VersionDetailSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export const terminate = contractRoute('contract.terminate', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/termination',
  operationId: 'terminateContract',
  tags: ['Contracts'],
  summary: 'Terminate the contract',
  description: 'Records the termination date and reason. A terminated contract accepts no new data.',
  request: { params: ContractIdParams, body: body(TerminateBody) },
  responses: {
    200: { description: 'Terminated', ...json(ContractSummarySchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export type RegisterRoute = typeof register;
export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type ListVersionsRoute = typeof listVersions;
export type GetVersionRoute = typeof getVersion;
export type ApproveRoute = typeof approve;
export type AmendRoute = typeof amend;
export type TerminateRoute = typeof terminate;
