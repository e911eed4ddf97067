import { createRouter } from '../router.ts';
import * as handlers from './system.handlers.ts';
import * as routes from './system.routes.ts';

export const systemRouter = createRouter()
  .openapi(routes.healthz, handlers.healthz)
  .openapi(routes.readyz, handlers.readyz);
