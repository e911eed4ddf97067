import { createRouter } from '../router.ts';
import * as handlers from './evaluations.handlers.ts';
import * as routes from './evaluations.routes.ts';
import * as statementHandlers from './statements.handlers.ts';
import * as statementRoutes from './statements.routes.ts';

export const evaluationsRouter = createRouter()
  .openapi(routes.run, handlers.run)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.listObligations, handlers.listObligations)
  .openapi(statementRoutes.obligationStatement, statementHandlers.obligationStatement)
  .openapi(statementRoutes.exportObligationStatement, statementHandlers.exportObligationStatement)
  .openapi(statementRoutes.evaluationStatement, statementHandlers.evaluationStatement)
  .openapi(statementRoutes.exportEvaluationStatement, statementHandlers.exportEvaluationStatement);
