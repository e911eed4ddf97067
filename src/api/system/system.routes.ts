import { createRoute } from '@hono/zod-openapi';
import { errorsFor } from '../errors/responses.ts';
import { HealthSchema, ReadinessSchema } from './system.schemas.ts';

export const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getLiveness',
  tags: ['System'],
  summary: 'Liveness: the process is up',
  description: 'Answers 200 as long as the process serves requests. Does not touch the database. No authentication.',
  security: [],
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: HealthSchema } } },
    ...errorsFor(),
  },
});

export const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['System'],
  summary: 'Readiness: the database is reachable and fully migrated',
  description:
    'Answers 200 when the database answers and every migration of this build is applied; 503 otherwise. No authentication.',
  security: [],
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadinessSchema } } },
    ...errorsFor(),
  },
});

export type HealthzRoute = typeof healthz;
export type ReadyzRoute = typeof readyz;
