import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable, isSerializationFailure, isUniqueViolation } from '../../db/errors.ts';
import type { Logger } from '../../logging/logger.ts';
import { ApiError } from './api-error.ts';
import type { ErrorCode } from './codes.ts';
import { problemResponse } from './problem.ts';

const httpExceptionCodes: Record<number, ErrorCode> = {
  400: 'malformed_body',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'database_unavailable',
};

/** The app's single `onError`: every thrown error becomes problem+json; a 500 never leaks internals. */
export function errorHandler(logger: Logger) {
  return (error: Error, c: Context): Response => {
    const requestId = c.get('requestId') as string | undefined;
    if (error instanceof ApiError) {
      return problemResponse(c, error.code, error.message, {
        ...(error.errors ? { errors: error.errors } : {}),
        ...(error.totalErrors !== undefined ? { totalErrors: error.totalErrors } : {}),
        headers: error.headers,
      });
    }
    if (error instanceof HTTPException) {
      const code = httpExceptionCodes[error.status];
      if (code) {
        const detail = code === 'malformed_body'
          ? 'The request body is not well-formed JSON.'
          : error.message || 'The request was refused.';
        return problemResponse(c, code, detail);
      }
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ requestId, err: describe(error) }, 'database unavailable');
      return problemResponse(c, 'database_unavailable', 'The database cannot be reached right now; retry shortly.', {
        headers: { 'retry-after': '5' },
      });
    }
    if (isSerializationFailure(error)) {
      return problemResponse(c, 'conflict', 'A concurrent change got there first; retry the request.', {
        headers: { 'retry-after': '1' },
      });
    }
    if (isUniqueViolation(error)) {
      return problemResponse(c, 'conflict', 'This would duplicate an existing record.');
    }
    logger.error({ requestId, err: describe(error) }, 'unhandled error');
    return problemResponse(c, 'internal_error', 'An unexpected error occurred. Quote the request id when reporting it.');
  };
}

function describe(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: (error as { code?: unknown }).code, stack: error.stack };
  }
  return { value: String(error) };
}
