import { createRouter } from '../router.ts';
import * as handlers from './disputes.handlers.ts';
import * as routes from './disputes.routes.ts';

export const disputesRouter = createRouter()
  .openapi(routes.openDispute, handlers.openDispute)
  .openapi(routes.listDisputes, handlers.listDisputes)
  .openapi(routes.getDispute, handlers.getDispute)
  .openapi(routes.resolveDispute, handlers.resolveDispute);

export const DISPUTES_TAG = {
  name: 'Disputes',
  description: "An operator contests an evaluator's rejection of an outcome record, with a reason and an evidence reference; an evaluator " +
    'upholds it (the record becomes validated and counts from the next evaluation) or dismisses it. Open to the operators, outcome payers ' +
    'and evaluators of the contract, never to investors; every step is on the audit trail.',
};
