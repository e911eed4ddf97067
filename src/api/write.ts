import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AuditReceipt } from '../db/queries/audit.ts';
import { contentDigest } from '../domain/digest/sha256.ts';
import type { Actor, WriteContext } from '../usecases/context.ts';
import { formatReceipt, type Idempotency, runWrite, type WriteResponse } from '../usecases/run-write.ts';
import type { AppEnv } from './context.ts';
import { ApiError } from './errors/api-error.ts';

/**
 * The HTTP side of every write: the actor from the request, the Idempotency-Key and the request
 * digest, then the business action through `runWrite`, then the answer with its audit receipt.
 */

export const IDEMPOTENCY_NOTE =
  '\n\n**Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): ' +
  'the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) ' +
  'and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. ' +
  'The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove ' +
  'later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.';

export const IdempotencyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[\x21-\x7e]{1,200}$/, '1-200 visible ASCII characters').optional()
    .openapi({ description: 'Makes retries safe: the same key and request answer the first response again, with no second write' }),
});

export const receiptHeaders = {
  'Audit-Receipt': { description: 'The audit entry this write appended: `<chain>:<seq>:<entryHash>`', schema: { type: 'string' as const } },
  'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string' as const } },
};

type RouteLike = {
  description?: string;
  request?: { headers?: unknown; [k: string]: unknown };
  responses: Record<string | number, unknown>;
  [k: string]: unknown;
};

/** Declares a write route: the Idempotency-Key header, the note on retries, and the receipt headers on its success answers. */
export function writeRoute<const R extends RouteLike>(config: R): R {
  const responses = Object.fromEntries(Object.entries(config.responses).map(([status, response]) =>
    [status, /^2/.test(status) ? { ...(response as object), headers: receiptHeaders } : response]));
  return {
    ...config,
    description: `${config.description ?? ''}${IDEMPOTENCY_NOTE}`,
    request: { ...(config.request ?? {}), headers: IdempotencyHeaders },
    responses,
  } as R;
}

export function actorOf(c: Context<AppEnv>): Actor {
  const p = c.var.principal;
  return { organisationId: p.organisationId, apiKeyId: p.keyId, keyScope: p.keyScope, isAdmin: p.isAdmin, requestId: c.get('requestId') ?? null, memberId: p.memberId ?? null };
}

/** The request's Idempotency-Key (400 when malformed), or null. */
export function idempotencyKeyOf(c: Context<AppEnv>): string | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new ApiError('invalid_request', 'Idempotency-Key must be 1-200 visible ASCII characters.', {
      errors: [{ location: 'header', path: 'Idempotency-Key', message: 'invalid' }],
    });
  }
  return key;
}

async function idempotencyOf(c: Context<AppEnv>): Promise<Idempotency | undefined> {
  const key = idempotencyKeyOf(c);
  if (key === null) return undefined;
  const isJson = /json/i.test(c.req.header('content-type') ?? '');
  const body = isJson ? await c.req.json().catch(() => null) : null;
  const operation = `${c.req.method} ${c.req.path}`;
  return { key, operation, requestDigest: await contentDigest({ operation, body }) };
}

export function receiptHeader(receipt: AuditReceipt | null, replayed = false): Record<string, string> {
  return {
    ...(receipt ? { 'audit-receipt': formatReceipt(receipt) } : {}),
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  };
}

/**
 * Runs `action` as one write and answers `status` with the body it returns (inside the
 * transaction, so a stored answer is exactly what the write produced). `keep` says what of the
 * answer is kept for a retry when it holds a secret shown only once.
 */
export async function perform(
  c: Context<AppEnv>,
  status: 200 | 201,
  action: (ctx: WriteContext) => Promise<unknown>,
  options: { keep?: (body: unknown) => unknown } = {},
): Promise<Response> {
  return performResponse(c, async (ctx) => ({ status, body: await action(ctx) }), options);
}

/** As `perform`, for an action that chooses its status (e.g. 201 created, 200 unchanged). */
export async function performResponse(
  c: Context<AppEnv>,
  action: (ctx: WriteContext) => Promise<WriteResponse>,
  options: { keep?: (body: unknown) => unknown } = {},
): Promise<Response> {
  const outcome = await runWrite(c.var.db, { actor: actorOf(c), clock: c.var.deps.clock, idempotency: await idempotencyOf(c), keep: options.keep }, action);
  return c.json(outcome.response.body as object, outcome.response.status as 200, receiptHeader(outcome.receipt, outcome.replayed));
}
