/**
 * The closed set of error codes the API answers with, and the HTTP status of each. Clients
 * branch on `code`, which never changes meaning; `title` and `detail` are for people.
 */
export const errorStatus = {
  invalid_request: 400,
  malformed_body: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  stale_version: 409,
  invalid_state: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

export const errorTitle: Record<ErrorCode, string> = {
  invalid_request: 'The request is not valid',
  malformed_body: 'The request body could not be parsed',
  unauthenticated: 'Authentication is required',
  forbidden: 'Your organisation may not do this',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'The request conflicts with the current state',
  stale_version: 'The version you referred to is no longer current',
  invalid_state: 'The resource is not in a state that allows this',
  idempotency_key_reused: 'The Idempotency-Key was already used with a different request',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported content type',
  validation_failed: 'The submitted content is not valid',
  rate_limited: 'Too many requests',
  internal_error: 'Internal error',
  database_unavailable: 'The database is unavailable',
};
