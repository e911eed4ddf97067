/**
 * The errors the command line tells apart, and how each is printed: one readable line per problem,
 * never raw problem JSON.
 *
 * Exit codes: 0 done; 1 the command ran and failed or found a problem (an invalid definition, a bad
 * data row, a refused request, a broken audit chain); 2 the command line itself is wrong (unknown
 * command or option, a missing or malformed argument, a file that cannot be read), found before
 * any work is done.
 */

/** The command line is wrong: printed as `cli <command>: <message>` with the usage hint; exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command ran and failed; `message` is already readable (one line per problem); exit 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** One field problem of an RFC 9457 problem answer (src/api/errors/problem.ts). */
export interface FieldProblem {
  location?: string;
  path?: string;
  message: string;
  row?: number;
  column?: string;
}

/** The problem+json body the API answers an error with. */
export interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  totalErrors?: number;
}

/** A request the API refused, with its problem answer parsed (or the raw text when it is not problem JSON). */
export class ApiProblemError extends Error {
  override name = 'ApiProblemError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly body: string,
  ) {
    super(describeProblem(method, path, status, problem, body));
  }
}

/** `POST /v1/contracts: 422 Validation failed: <detail>` then one indented line per field at fault. */
function describeProblem(method: string, path: string, status: number, problem: Problem | undefined, body: string): string {
  if (!problem) return `${method} ${path}: ${status}${body ? `: ${oneLine(body).slice(0, 300)}` : ''}`;
  const head = `${method} ${path}: ${status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}`.trim();
  const fields = (problem.errors ?? []).map((e) => `  ${fieldName(e)}: ${e.message}`);
  const more = problem.totalErrors !== undefined && problem.errors && problem.totalErrors > problem.errors.length
    ? [`  … and ${problem.totalErrors - problem.errors.length} more`] : [];
  return [head, ...fields, ...more].join('\n');
}

function fieldName(e: FieldProblem): string {
  if (e.row !== undefined) return `row ${e.row}${e.column ? `, ${e.column}` : ''}`;
  return [e.location, e.path].filter(Boolean).join(' ') || '(request)';
}

export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** Parses an error answer's body as a problem, if it is one. */
export function parseProblem(text: string): Problem | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && ('title' in value || 'detail' in value)) return value as Problem;
  } catch {
    /* not JSON */
  }
  return undefined;
}
