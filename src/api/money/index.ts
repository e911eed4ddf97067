import { createRouter } from '../router.ts';
import * as handlers from './money.handlers.ts';
import * as routes from './money.routes.ts';

export const moneyRouter = createRouter()
  .openapi(routes.recordDrawdown, handlers.recordDrawdown)
  .openapi(routes.listDrawdowns, handlers.listDrawdowns)
  .openapi(routes.recordSettlement, handlers.recordSettlement)
  .openapi(routes.listSettlements, handlers.listSettlements)
  .openapi(routes.listDistributions, handlers.listDistributions)
  .openapi(routes.exportObligations, handlers.exportObligations)
  .openapi(routes.exportSettlements, handlers.exportSettlements)
  .openapi(routes.exportDistributions, handlers.exportDistributions);
