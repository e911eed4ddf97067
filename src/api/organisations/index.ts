import { createRouter } from '../router.ts';
import * as handlers from './organisations.handlers.ts';
import * as routes from './organisations.routes.ts';

export const organisationsRouter = createRouter()
  .openapi(routes.create, handlers.create)
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.createKey, handlers.createKey)
  .openapi(routes.listKeys, handlers.listKeys)
  .openapi(routes.revokeKey, handlers.revokeKey)
  .openapi(routes.me, handlers.me);
