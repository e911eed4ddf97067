import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ErrorCode, errorStatus, errorTitle } from './codes.ts';
import type { FieldProblem } from './api-error.ts';

export const FieldProblemSchema = z
  .object({
    location: z.enum(['body', 'query', 'path', 'header', 'csv']),
    path: z.string().openapi({ example: 'pricing[0].metric' }),
    message: z.string(),
    row: z.number().int().optional().openapi({ description: '1-based data row of an uploaded file' }),
    column: z.string().optional(),
    code: z.string().optional().openapi({
      description: 'For a row of an upload: the problem\'s stable code (e.g. `unknown_cohort`), to say it in another language; `message` is its English text',
      example: 'unknown_cohort',
    }),
    params: z.record(z.string(), z.string()).optional().openapi({
      description: 'The values the message was written with, by placeholder name (e.g. `{"value": "cohort_9"}`)',
    }),
  })
  .openapi('FieldProblem');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:outcome-ledger:problem:validation_failed' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    instance: z.string().openapi({ description: 'The request path' }),
    requestId: z.string(),
    errors: z.array(FieldProblemSchema).optional(),
    totalErrors: z.number().int().optional().openapi({
      description: 'How many problems were found in all, when `errors` lists only the first ones',
    }),
  })
  .openapi('Problem', {
    description: 'An RFC 9457 problem details object. `code` is stable; branch on it.',
  });

export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Builds the problem+json response for an error code. Used by every error path in the app. */
export function problemResponse(
  c: Context,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldProblem[]; totalErrors?: number; headers?: Record<string, string> } = {},
): Response {
  const status = errorStatus[code];
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown';
  const body: Problem = {
    type: `urn:outcome-ledger:problem:${code}`,
    title: errorTitle[code],
    status,
    detail,
    code,
    instance: c.req.path,
    requestId,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.totalErrors !== undefined ? { totalErrors: extra.totalErrors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      'x-request-id': requestId,
      ...extra.headers,
    },
  });
}
