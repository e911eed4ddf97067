import { ProblemSchema } from './problem.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/**
 * Error responses spread into every route's `responses`, so each operation in /openapi.json
 * documents what can go wrong. Pick the ones a route can produce.
 */
export const errorResponses = {
  400: problem('Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included)'),
  401: problem('Missing or invalid API key'),
  403: problem("The caller's role in this contract does not allow this action"),
  404: problem('Not found, or not visible to the caller'),
  409: problem('Conflicts with the current state'),
  413: problem('Request body too large'),
  415: problem('Unsupported content type'),
  422: problem('The body is well-formed but not valid; `errors` lists every problem with its path'),
  429: problem('Rate limit exceeded; see Retry-After'),
  500: problem('Unexpected error (no internals are disclosed)'),
  503: problem('Database unavailable; retry later'),
} as const;

type Code = keyof typeof errorResponses;

/**
 * The subset of error responses for a route. Always includes 400 (every route refuses a URL that cannot be stored,
 * see `storableInput`), 500 and 503, so that every operation documents at least one 4xx.
 */
export function errorsFor<const C extends Code[]>(...codes: C) {
  const picked = {} as { [K in C[number] | 400 | 500 | 503]: (typeof errorResponses)[K] };
  for (const code of [400, ...codes, 500, 503] as Code[]) (picked as Record<number, unknown>)[code] = errorResponses[code];
  return picked;
}
