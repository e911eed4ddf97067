import { actorOf } from '../../api/write.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import type { WriteContext } from '../../usecases/context.ts';
import { runWrite } from '../../usecases/run-write.ts';
import type { WebContext } from '../context.ts';

/**
 * An application action run from an administration form, as the API's `perform` runs it (same
 * `runWrite`, same actor), under the form's Idempotency-Key: every form that creates something
 * carries a random key in a hidden field (`idempotencyKey`), chosen when the form was drawn. A
 * second submission of the same form (a double click, a reload of the answer, the back button)
 * finds the first one's stored answer and writes nothing: one organisation, one invitation, one
 * key. `keep` says what of the answer is stored for such a replay — never a secret shown once.
 * A malformed or missing key (a hand-made POST) runs the action without one, as the API does
 * without the header.
 */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

export const newFormKey = () => crypto.randomUUID();

export async function actOnce<T>(
  c: WebContext,
  formKey: string,
  input: unknown,
  action: (ctx: WriteContext) => Promise<T>,
  keep?: (body: T) => unknown,
): Promise<{ body: T; replayed: boolean }> {
  const key = /^[\x21-\x7e]{1,200}$/.test(formKey) ? formKey : null;
  const operation = `web ${c.req.method} ${c.req.path}`;
  const idempotency = key === null ? undefined : { key, operation, requestDigest: await contentDigest({ operation, body: input }) };
  const outcome = await runWrite(c.var.db, {
    actor: actorOf(c as never), clock: c.var.deps.clock, idempotency, keep: keep ? (body) => keep(body as T) : undefined,
  }, async (ctx) => ({ status: 200, body: await action(ctx) }));
  return { body: outcome.response.body as T, replayed: outcome.replayed };
}
