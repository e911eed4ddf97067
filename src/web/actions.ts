import { clientAddress } from '../api/middleware/client-address.ts';
import { actorOf } from '../api/write.ts';
import type { WriteContext } from '../usecases/context.ts';
import { peoplePolicy } from '../usecases/people-policy.ts';
import { type Idempotency, runWrite } from '../usecases/run-write.ts';
import type { SessionDeps } from '../usecases/sessions.ts';
import type { WebContext } from './context.ts';

/**
 * Pages call the same application actions as the API (src/usecases), through the same
 * `runWrite` with the same actor (`actorOf`: the person signed in, from the session): parse the
 * form → call the action → show the result. Nothing here decides anything of the business.
 */

/**
 * Runs an application action as one audited write by the person signed in (as the API's `perform`).
 * With `idempotency` (a key the form carries, and what the request was), a form posted twice
 * applies once: the second post gets the first one's answer (as the API's Idempotency-Key).
 */
export async function act<T>(c: WebContext, action: (ctx: WriteContext) => Promise<T>, options: { idempotency?: Idempotency } = {}): Promise<T> {
  const outcome = await runWrite(c.var.db, { actor: actorOf(c as never), clock: c.var.deps.clock, idempotency: options.idempotency }, async (ctx) => ({ status: 200, body: await action(ctx) }));
  return outcome.response.body as T;
}

/**
 * The idempotency key a form carries (a random UUID drawn into it), or undefined for a missing or
 * malformed one (a hand-made POST): the action then runs without one, as the API without the header.
 */
export const formKeyOf = (value: string) => (/^[\x21-\x7e]{8,200}$/.test(value) ? value : undefined);

export const policyOf = (c: WebContext) => peoplePolicy(c.var.deps.config);
export const addressOf = (c: WebContext) => clientAddress(c, c.var.deps.config.TRUST_PROXY);
export const sessionDepsOf = (c: WebContext): SessionDeps => ({ db: c.var.db, clock: c.var.deps.clock, policy: policyOf(c), requestId: c.get('requestId') ?? null });

/** The form's fields as strings (a missing or non-text field is ''). */
export async function formOf(c: WebContext): Promise<(name: string) => string> {
  const body = await c.req.parseBody();
  return (name) => {
    const value = body[name];
    return typeof value === 'string' ? value : '';
  };
}
