import { contractRoute } from '../auth/contract-access.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import { writeRoute } from '../write.ts';
import { DisputeListQuery, DisputePage, DisputeParams, DisputeSchema, DisputeWithThread, OpenDisputeBody, ResolveDisputeBody } from './disputes.schemas.ts';

const TAG = 'Disputes';

export const openDispute = contractRoute('dispute.open', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/disputes',
  operationId: 'openDispute',
  tags: [TAG],
  summary: "Dispute an evaluator's rejection of a record",
  description:
    'The operator that submitted a rejected record contests the rejection, with a reason and a reference to its evidence. ' +
    'While the dispute is open the record is listed as `disputed` and counts in no evaluation. A record is disputed once: ' +
    'after a dismissal, submit a correction (a new record, reviewed afresh). Refused with 409 for a record that is not rejected, ' +
    'is superseded, or was disputed already; with 403 for a record another organisation submitted; with 422 for a blank reason ' +
    'or evidence reference (the problem names the field). The outcome payers and evaluators are told (`dispute.opened`).',
  request: { params: ContractIdParams, body: body(OpenDisputeBody) },
  responses: {
    201: { description: 'Opened', ...json(DisputeSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export const listDisputes = contractRoute('dispute.read', {
  method: 'get',
  path: '/v1/contracts/{id}/disputes',
  operationId: 'listDisputes',
  tags: [TAG],
  summary: "A contract's disputes, newest first",
  description: 'Filter by `state` (`open`: awaiting an evaluator), `kind` and `recordId`; cursor pagination.',
  request: { params: ContractIdParams, query: DisputeListQuery },
  responses: {
    200: { description: 'Disputes', ...json(DisputePage) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const getDispute = contractRoute('dispute.read', {
  method: 'get',
  path: '/v1/contracts/{id}/disputes/{disputeId}',
  operationId: 'getDispute',
  tags: [TAG],
  summary: 'One dispute with its thread',
  description: 'The dispute, and its thread oldest first: the rejection it contests, the dispute, its resolution; each step with its audit entry.',
  request: { params: DisputeParams },
  responses: {
    200: { description: 'The dispute', ...json(DisputeWithThread) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const resolveDispute = contractRoute('dispute.resolve', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/disputes/{disputeId}/resolution',
  operationId: 'resolveDispute',
  tags: [TAG],
  summary: 'Uphold or dismiss a dispute',
  description:
    '`upheld`: the record becomes validated and counts from the next evaluation on (earlier evaluations are unchanged and ' +
    'reproducible); `dismissed`: it stays rejected, for good. A reason is required either way. Only an open dispute is resolved ' +
    '(409 otherwise), once. The operators, outcome payers and evaluators are told (`dispute.resolved`).',
  request: { params: DisputeParams, body: body(ResolveDisputeBody) },
  responses: {
    200: { description: 'Resolved', ...json(DisputeSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));
