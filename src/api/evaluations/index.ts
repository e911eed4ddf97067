import { createRouter } from '../router.ts';
import * as handlers from './evaluations.handlers.ts';
import * as routes from './evaluations.routes.ts';

export const evaluationsRouter = createRouter()
  .openapi(routes.run, handlers.run)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.listObligations, handlers.listObligations);
