import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError, type FieldProblem } from './errors/api-error.ts';
import { zodProblems } from './errors/zod-problems.ts';
import type { AppEnv } from './context.ts';

const locations: Record<keyof ValidationTargets, FieldProblem['location']> = {
  json: 'body', form: 'body', query: 'query', param: 'path', header: 'header', cookie: 'header',
};

/** Validation failures, shaped the same on every router: 422 for bodies, 400 for the rest. */
export function validationHook(result: { target: keyof ValidationTargets } & ({ success: true } | { success: false; error: z.ZodError })) {
  if (result.success) return;
  const location = locations[result.target];
  const errors = zodProblems(result.error, location);
  if (location === 'body') {
    throw new ApiError('validation_failed', `The request body has ${errors.length} problem(s).`, { errors });
  }
  throw new ApiError('invalid_request', `Invalid ${location} parameter(s).`, { errors });
}

/** Every router is created here, so each one shapes validation errors the same way. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export type AppRouteHandler<R extends RouteConfig> = RouteHandler<R, AppEnv>;
