import { createRouter } from '../router.ts';
import * as handlers from './status.handlers.ts';
import * as routes from './status.routes.ts';

export const statusRouter = createRouter()
  .openapi(routes.status, handlers.status)
  .openapi(routes.portfolio, handlers.portfolio)
  .openapi(routes.liabilities, handlers.liabilities);
