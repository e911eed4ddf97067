import { createRouter } from '../router.ts';
import * as handlers from './contracts.handlers.ts';
import { definitionHook } from './definition-hook.ts';
import * as routes from './contracts.routes.ts';

export const contractsRouter = createRouter()
  .openapi(routes.register, handlers.register, definitionHook(['definition']))
  .openapi(routes.list, handlers.list)
  .openapi(routes.get, handlers.get)
  .openapi(routes.listVersions, handlers.listVersions)
  .openapi(routes.getVersion, handlers.getVersion)
  .openapi(routes.approve, handlers.approve)
  .openapi(routes.amend, handlers.amend, definitionHook(['definition']))
  .openapi(routes.terminate, handlers.terminate);
