import type { z } from '@hono/zod-openapi';

/** `content` of a JSON response or request body in a route definition. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

/** A required JSON request body. */
export const body = <T extends z.ZodType>(schema: T) => ({ required: true, ...json(schema) });
