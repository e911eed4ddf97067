import { z } from '@hono/zod-openapi';

/** The person who did an act on a contract (a member signed in), or null when an API key did it. */
export const PersonRefSchema = z
  .object({ id: z.uuid(), name: z.string() })
  .openapi('PersonRef', { description: 'The person (a member of the organisation, signed in) who did it; null when an API key did' });
