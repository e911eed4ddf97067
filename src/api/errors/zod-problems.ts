import type { z } from 'zod';
import type { FieldProblem } from './api-error.ts';

/** `['parties', 0, 'role']` → `parties[0].role`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Every zod issue as a field problem, in the order zod found them. */
export function zodProblems(error: z.ZodError, location: FieldProblem['location']): FieldProblem[] {
  return error.issues.map((issue) => ({ location, path: formatPath(issue.path), message: issue.message }));
}
