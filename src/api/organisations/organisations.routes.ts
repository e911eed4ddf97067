import { createRoute, z } from '@hono/zod-openapi';
import { writeRoute } from '../write.ts';
import { authenticate } from '../auth/authenticate.ts';
import { errorsFor } from '../errors/responses.ts';
import { body, json } from '../route-helpers.ts';
import {
  ApiKeyParams, ApiKeySchema, CreateApiKeyBody, CreatedApiKeySchema, CreateOrganisationBody, ListOrganisationsQuery, MeSchema,
  OrganisationPageSchema, OrganisationParams, OrganisationSchema,
} from './organisations.schemas.ts';

export const create = createRoute(writeRoute({
  method: 'post',
  path: '/v1/organisations',
  operationId: 'registerOrganisation',
  tags: ['Organisations'],
  summary: 'Register an organisation',
  description: '**Access:** the platform administrator.',
  middleware: [authenticate] as const,
  request: { body: body(CreateOrganisationBody) },
  responses: {
    201: { description: 'Registered', ...json(OrganisationSchema) },
    ...errorsFor(400, 401, 403, 413, 415, 422, 429),
  },
}));

export const list = createRoute({
  method: 'get',
  path: '/v1/organisations',
  operationId: 'listOrganisations',
  tags: ['Organisations'],
  summary: 'The directory of organisations',
  description: 'Names, kinds and ids, so that a payer can bind parties when registering a contract. No contract data.\n\n**Access:** any key.',
  middleware: [authenticate] as const,
  request: { query: ListOrganisationsQuery },
  responses: {
    200: { description: 'A page of organisations', ...json(OrganisationPageSchema) },
    ...errorsFor(400, 401, 429),
  },
});

export const get = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}',
  operationId: 'getOrganisation',
  tags: ['Organisations'],
  summary: 'One organisation',
  description: '**Access:** any key.',
  middleware: [authenticate] as const,
  request: { params: OrganisationParams },
  responses: {
    200: { description: 'The organisation', ...json(OrganisationSchema) },
    ...errorsFor(400, 401, 404, 429),
  },
});

export const createKey = createRoute(writeRoute({
  method: 'post',
  path: '/v1/organisations/{id}/api-keys',
  operationId: 'issueApiKey',
  tags: ['API keys'],
  summary: 'Issue an API key',
  description: 'The key is in the answer and never shown again: only its SHA-256 is stored.\n\n**Access:** the platform administrator, or an `admin` key of the organisation itself.',
  middleware: [authenticate] as const,
  request: { params: OrganisationParams, body: body(CreateApiKeyBody) },
  responses: {
    201: { description: 'The new key', ...json(CreatedApiKeySchema) },
    ...errorsFor(400, 401, 403, 404, 413, 415, 422, 429),
  },
}));

export const listKeys = createRoute({
  method: 'get',
  path: '/v1/organisations/{id}/api-keys',
  operationId: 'listApiKeys',
  tags: ['API keys'],
  summary: "An organisation's API keys (without the keys themselves)",
  description: '**Access:** the platform administrator, or the organisation itself.',
  middleware: [authenticate] as const,
  request: { params: OrganisationParams },
  responses: {
    200: { description: 'Keys', ...json(z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList')) },
    ...errorsFor(400, 401, 403, 404, 429),
  },
});

export const revokeKey = createRoute(writeRoute({
  method: 'delete',
  path: '/v1/organisations/{id}/api-keys/{keyId}',
  operationId: 'revokeApiKey',
  tags: ['API keys'],
  summary: 'Revoke an API key',
  description: 'The key stops working at once. The record stays, marked revoked.\n\n**Access:** the platform administrator, or an `admin` key of the organisation itself.',
  middleware: [authenticate] as const,
  request: { params: ApiKeyParams },
  responses: {
    200: { description: 'Revoked', ...json(ApiKeySchema) },
    ...errorsFor(400, 401, 403, 404, 409, 429),
  },
}));

export const me = createRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'whoAmI',
  tags: ['API keys'],
  summary: 'Who is calling: the organisation, and the key or the person signed in',
  description: '**Access:** any key, or a person signed in (session cookie).',
  middleware: [authenticate] as const,
  responses: {
    200: { description: 'The calling organisation and key', ...json(MeSchema) },
    ...errorsFor(401, 429),
  },
});

export type CreateRoute = typeof create;
export type ListRoute = typeof list;
export type GetRoute = typeof get;
export type CreateKeyRoute = typeof createKey;
export type ListKeysRoute = typeof listKeys;
export type RevokeKeyRoute = typeof revokeKey;
export type MeRoute = typeof me;
