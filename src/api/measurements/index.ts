import { createRouter } from '../router.ts';
import * as handlers from './measurements.handlers.ts';
import * as routes from './measurements.routes.ts';
import { ClaimUpload, ResultUpload } from './measurements.schemas.ts';
import { getTemplate, templateHandler } from './templates.ts';

const router = createRouter();
// The upload bodies are validated by the handler (CSV is streamed); register their JSON schemas for /openapi.json.
router.openAPIRegistry.register('ClaimUpload', ClaimUpload);
router.openAPIRegistry.register('ResultUpload', ResultUpload);

// Fixed paths (summary, export, reviews) before /{recordId}.
export const measurementsRouter = router
  .openapi(routes.submitClaims, handlers.submitClaims)
  .openapi(routes.listClaims, handlers.listClaims)
  .openapi(routes.exportClaims, handlers.exportClaims)
  .openapi(routes.claimSummary, handlers.claimSummary)
  .openapi(routes.reviewClaims, handlers.reviewClaims)
  .openapi(routes.getClaim, handlers.getClaim)
  .openapi(routes.submitResults, handlers.submitResults)
  .openapi(routes.listResults, handlers.listResults)
  .openapi(routes.exportResults, handlers.exportResults)
  .openapi(routes.reviewResults, handlers.reviewResults)
  .openapi(routes.getResult, handlers.getResult)
  .openapi(routes.listSubmissions, handlers.listSubmissions)
  .openapi(getTemplate, templateHandler);
