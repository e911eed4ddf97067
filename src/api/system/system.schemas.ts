import { z } from '@hono/zod-openapi';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
  })
  .openapi('Health');

export const ReadinessSchema = z
  .object({
    status: z.literal('ready'),
    database: z.enum(['pglite', 'postgres']),
    migrations: z.object({ applied: z.number().int(), pending: z.array(z.string()) }),
  })
  .openapi('Readiness');
