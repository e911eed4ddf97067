import { writeRoute } from '../write.ts';
import { contractRoute } from '../auth/contract-access.ts';
import { ContractIdParams } from '../contracts/contracts.schemas.ts';
import { errorsFor } from '../errors/responses.ts';
import { PageQuerySchema } from '../pagination.ts';
import { body, json } from '../route-helpers.ts';
import {
  EvaluationPage, EvaluationParams, EvaluationSchema, ObligationPage, RunEvaluationBody, RunOutcomeSchema,
} from './evaluations.schemas.ts';

export const run = contractRoute('evaluation.run', writeRoute({
  method: 'post',
  path: '/v1/contracts/{id}/evaluations',
  operationId: 'evaluateContract',
  tags: ['Evaluations'],
  summary: 'Evaluate the contract now',
  description:
    'Runs the payment engine on the validated, current data as known now, up to the cut-off date, under the terms in ' +
    'force, and stores the evaluation with the obligations it creates (only the difference from what earlier ' +
    'obligations already cover; downward changes become negative adjustments referencing what they correct). With the ' +
    'same terms, cut-off and data as an earlier evaluation, nothing is created and that evaluation is returned ' +
    '(`unchanged`). `dryRun: true` returns the full result and stores nothing; with `scenario` it forecasts from one of ' +
    "the definition's scenarios instead of the data.",
  request: { params: ContractIdParams, body: body(RunEvaluationBody) },
  responses: {
    200: { description: 'Unchanged (identical inputs) or a dry run', ...json(RunOutcomeSchema) },
    201: { description: 'A new evaluation was stored', ...json(RunOutcomeSchema) },
    ...errorsFor(400, 401, 403, 404, 409, 413, 415, 422, 429),
  },
}));

export const list = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/evaluations',
  operationId: 'listEvaluations',
  tags: ['Evaluations'],
  summary: 'Evaluations of the contract, newest first',
  description: '',
  request: { params: ContractIdParams, query: PageQuerySchema },
  responses: {
    200: { description: 'A page of evaluations', ...json(EvaluationPage) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const get = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/evaluations/{evaluationId}',
  operationId: 'getEvaluation',
  tags: ['Evaluations'],
  summary: 'One evaluation with its explanation and obligations',
  description: '',
  request: { params: EvaluationParams },
  responses: {
    200: { description: 'The evaluation', ...json(EvaluationSchema) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const listObligations = contractRoute('evaluation.read', {
  method: 'get',
  path: '/v1/contracts/{id}/obligations',
  operationId: 'listObligations',
  tags: ['Obligations'],
  summary: 'Payment obligations of the contract, oldest first',
  description: 'Every obligation ever created (never changed afterwards).',
  request: { params: ContractIdParams, query: PageQuerySchema },
  responses: {
    200: { description: 'A page of obligations', ...json(ObligationPage) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});
