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

/**
 * A request the API refused, with its problem answer parsed (or the raw text when it is not problem
 * JSON). Its message is one line: `error: <title>: <detail> (<field>: <message>; …) — <method> <path>
 * answered <status>`; the parsed problem and the raw body stay on the error for those who want them.
 */
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

/** The service could not be reached at all (refused, unknown host, timed out…); one line naming the URL. */
export class ConnectionError extends CliError {
  override name = 'ConnectionError';
  constructor(readonly url: string, readonly reason: string) {
    super(`error: cannot reach ${url}: ${reason}`);
  }
}

const MAX_FIELDS = 3;

function describeProblem(method: string, path: string, status: number, problem: Problem | undefined, body: string): string {
  const request = `${method} ${path} answered ${status}`;
  if (!problem) return `error: ${request}${body ? `: ${oneLine(body).slice(0, 200)}` : ''}`;
  const head = [problem.title, problem.detail].filter(Boolean).map((t) => oneLine(t!).replace(/\.$/, '')).join(': ') || `HTTP ${status}`;
  const errors = problem.errors ?? [];
  const listed = errors.slice(0, MAX_FIELDS).map((e) => `${fieldName(e)}: ${oneLine(e.message)}`);
  const more = Math.max(problem.totalErrors ?? errors.length, errors.length) - listed.length;
  if (more > 0) listed.push(`… and ${more} more`);
  return `error: ${head}${listed.length ? ` (${listed.join('; ')})` : ''} — ${request}`;
}

function fieldName(e: FieldProblem): string {
  if (e.row !== undefined) return `row ${e.row}${e.column ? `, ${e.column}` : ''}`;
  if (!e.path) return e.location ?? '(request)';
  return e.location && e.location !== 'body' ? `${e.location} ${e.path}` : e.path;
}

/**
 * Why fetch could not reach a service, in words: undici's `fetch failed` carries the system error
 * (ECONNREFUSED…) as its cause, sometimes one per address tried (an AggregateError).
 */
export function connectionReason(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const first = cause as { code?: string; message?: string; errors?: { code?: string; message?: string }[] };
  const code = first?.code ?? first?.errors?.[0]?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused', ENOTFOUND: 'no such host', EAI_AGAIN: 'the host name could not be resolved',
    ETIMEDOUT: 'timed out', UND_ERR_CONNECT_TIMEOUT: 'timed out connecting', ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'host unreachable', ENETUNREACH: 'network unreachable', UND_ERR_SOCKET: 'the connection was closed',
    EPROTO: 'not the expected protocol (http:// to an https:// service, or the reverse?)',
  };
  if (code && reasons[code]) return reasons[code];
  const message = first?.message || first?.errors?.[0]?.message || (error instanceof Error ? error.message : String(error));
  return code && !message.includes(code) ? `${message} (${code})` : message;
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
