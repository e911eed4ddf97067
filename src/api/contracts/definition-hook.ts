import type { Context } from 'hono';
import type { z } from 'zod';
import { checkSemantics } from '../../domain/contract/semantics.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, type FieldProblem } from '../errors/api-error.ts';
import { formatPath, zodProblems } from '../errors/zod-problems.ts';

/** The 422 for an invalid contract definition, every problem listed with its path. */
export const invalidDefinition = (errors: FieldProblem[]) =>
  new ApiError('validation_failed', `The contract has ${errors.length} problem(s); each is listed with its path.`, { errors });

/**
 * Route hook for bodies carrying a contract definition (at `at` inside the body): when the schema
 * fails, the semantic checks still run on the raw definition, so the 422 lists every problem at once.
 */
export function definitionHook(at: string[]) {
  return async (
    result: { success: true } | { success: false; error: z.ZodError; target: string },
    c: Context<AppEnv>,
  ): Promise<never> => {
    // Returning nothing lets the handler run; Promise<never> satisfies the typed route.
    if (result.success) return undefined as never;
    if (result.target !== 'json') {
      throw new ApiError('invalid_request', 'Invalid path or query parameter(s).', { errors: zodProblems(result.error, 'path') });
    }
    const errors = zodProblems(result.error, 'body');
    let raw: unknown = await c.req.json().catch(() => undefined);
    for (const key of at) raw = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
    const seen = new Set(errors.map((e) => `${e.path}|${e.message}`));
    for (const problem of checkSemantics(raw)) {
      const path = formatPath([...at, ...problem.path]);
      if (!seen.has(`${path}|${problem.message}`)) errors.push({ location: 'body', path, message: problem.message });
    }
    throw invalidDefinition(errors);
  };
}
