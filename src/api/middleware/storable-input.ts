import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { printable, unstorableText } from '../../domain/measurement/storable-text.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, type FieldProblem } from '../errors/api-error.ts';

/**
 * Refuses, for every route at once, input that PostgreSQL cannot store as text — a NUL character
 * or an unpaired UTF-16 surrogate (see `unstorableText`) — before any handler or database sees
 * it: in the URL path (400 `invalid_request`, naming the path parameter), in query parameter names
 * and values (400 `invalid_request`, location `query`, path the parameter name) and in any string
 * or property name of a JSON body (422 `validation_failed`, location `body`, path such as
 * `definition.parties[0].name`). CSV cells are checked row by row by the upload's row checker.
 *
 * JSON bodies are read once as text (Hono caches it, so the route's validator and the upload
 * reader read the same text again without another read of the stream). JSON can only carry these
 * characters as `\u` escapes, so a body without `\u0000` or a `\uD800`-`\uDFFF` escape is passed on
 * without being parsed here; only a body that has one is parsed and walked to name the field.
 */
export function storableInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const pathProblems = pathProblemsOf(c.req.path, () => routePath(c, -1));
    const queryProblems = c.req.url.includes('?') ? queryProblemsOf(c.req.queries()) : [];
    if (pathProblems.length + queryProblems.length > 0) {
      throw new ApiError('invalid_request', 'The URL contains characters that cannot be stored (NUL or an unpaired surrogate).', {
        errors: [...pathProblems, ...queryProblems],
      });
    }
    if (c.req.raw.body && isJsonMediaType(c.req.header('content-type'))) {
      const text = await c.req.text();
      if (suspectEscape.test(text)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON at all: the route answers 400 malformed_body as for any other malformed body.
        }
        const problems = parsed === undefined ? [] : jsonProblems(parsed);
        if (problems.length > 0) {
          throw new ApiError('validation_failed', `The request body has ${problems.length} string(s) that cannot be stored (NUL or an unpaired surrogate); nothing was stored.`, {
            errors: problems,
          });
        }
      }
    }
    await next();
  };
}

/** A `\u0000` escape or an escaped surrogate (paired ones included; the walk tells them apart). */
const suspectEscape = /\\u(?:0000|[dD][89a-fA-F])/;

const MAX_LISTED = 100;

function isJsonMediaType(contentType: string | undefined): boolean {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^application\/(.+\+)?json$/.test(media);
}

function pathProblemsOf(path: string, pattern: () => string): FieldProblem[] {
  if (unstorableText(path) === undefined) return [];
  const segments = path.split('/');
  const names = pattern().split('/');
  const problems: FieldProblem[] = [];
  segments.forEach((segment, i) => {
    const problem = unstorableText(segment);
    if (!problem) return;
    const name = names[i]?.startsWith(':') ? names[i]!.slice(1).replace(/\{.*$/, '') : '';
    problems.push({ location: 'path', path: name, message: `"${printable(segment)}" ${problem}` });
  });
  return problems;
}

function queryProblemsOf(queries: Record<string, string[]>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, values] of Object.entries(queries)) {
    const nameProblem = unstorableText(name);
    if (nameProblem) {
      problems.push({ location: 'query', path: printable(name), message: `the parameter name ${nameProblem}` });
      continue;
    }
    for (const value of values) {
      const problem = unstorableText(value);
      if (problem) {
        problems.push({ location: 'query', path: name, message: problem });
        break;
      }
    }
  }
  return problems;
}

/** `parties[0].name`-style path of a property (as in zod problems). */
function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const name = printable(key);
  return path === '' ? name : `${path}.${name}`;
}

/** Every string (and property name) of a parsed JSON value that cannot be stored, walked without recursion. */
export function jsonProblems(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && problems.length < MAX_LISTED) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const problem = unstorableText(item);
      if (problem) problems.push({ location: 'body', path, message: problem });
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], child(path, i)]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i]!;
        const problem = unstorableText(key);
        if (problem) problems.push({ location: 'body', path: child(path, key), message: `the property name ${problem}` });
        else stack.push([v, child(path, key)]);
      }
    }
  }
  return problems;
}
