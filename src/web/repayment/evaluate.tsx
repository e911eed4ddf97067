import { Hono } from 'hono';
import { mayAct } from '../../api/auth/permissions.ts';
import { ApiError } from '../../api/errors/api-error.ts';
import { termsInForce } from '../../db/queries/contracts.ts';
import { findEvaluation } from '../../db/queries/evaluations.ts';
import { IsoDateString } from '../../domain/contract/primitives.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { dateInZone } from '../../domain/time/dates.ts';
import { evaluateContract } from '../../usecases/evaluate-contract.ts';
import { contractPage } from '../access.ts';
import { act, formKeyOf, formOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { evaluateMessages } from './evaluate-messages.ts';

/**
 * Running an evaluation from the page (issue 18): the outcome payer's form on the evaluations page
 * posts to `POST /contracts/{id}/evaluations`, which calls the API's action exactly as
 * `POST /v1/contracts/{id}/evaluations` does — `evaluateContract(ctx, { trigger: 'manual', lock:
 * 'wait', asOf })` through `act` — under the form's idempotency key (formKeyOf, as the settlement
 * form): posted twice, it runs once. A new evaluation → 303 to its statement; the same terms,
 * cut-off and data as an earlier one → 303 to that one with a notice; a contract that cannot be
 * evaluated, a bad date → the form again with the problem (409 / 422), never a 500.
 */

const msgs = (page: PageContext) => page.messages(evaluateMessages);

interface FormState { zone: string; today: string; asOf: string; formKey: string; error?: string | undefined }

/** The contract's time zone and today's date in it (the action's default cut-off). */
async function todayOf(c: WebContext, contractId: string): Promise<{ zone: string; today: string }> {
  const terms = await termsInForce(c.var.db, contractId);
  const zone = terms?.definition.evaluation.timeZone ?? 'UTC';
  return { zone, today: dateInZone(c.var.deps.clock(), zone) };
}

/** The "Run evaluation" form: an optional cut-off date (pre-filled with today in the contract's time zone). */
export function EvaluateForm(props: { page: PageContext; contractId: string; state: FormState }) {
  const { page, state } = props;
  const m = msgs(page);
  return (
    <section class="run-evaluation no-print" aria-labelledby="run-evaluation">
      <h2 id="run-evaluation">{m('heading')}</h2>
      <p>{m('intro')}</p>
      <form method="post" action={`/contracts/${props.contractId}/evaluations`}>
        <CsrfField page={page} />
        <input type="hidden" name="key" value={state.formKey} />
        <Field id="asOf" label={m('asOf')} hint={m('asOfHint', { zone: state.zone, today: page.format.date(state.today) })} type="date" value={state.asOf} error={state.error} />
        <button type="submit">{m('submit')}</button>
      </form>
    </section>
  );
}

/** The form for the evaluations page, for a party that may run an evaluation (the outcome payer); null for others. */
export async function evaluateFormFor(c: WebContext): Promise<ReturnType<typeof EvaluateForm> | null> {
  const { contract, roles } = c.var.access;
  if (!mayAct('evaluation.run', roles)) return null;
  const { zone, today } = await todayOf(c, contract.id);
  return <EvaluateForm page={c.var.page} contractId={contract.id} state={{ zone, today, asOf: today, formKey: crypto.randomUUID() }} />;
}

/** On an evaluation's statement page after a run from the form (`?evaluated=created|unchanged`): what happened. */
export async function evaluatedNotice(c: WebContext, evaluationId: string): Promise<ReturnType<typeof Notice> | null> {
  const state = c.req.query('evaluated');
  if (state !== 'created' && state !== 'unchanged') return null;
  const page = c.var.page;
  const m = msgs(page);
  const evaluation = await findEvaluation(c.var.db, c.var.access.contract.id, evaluationId);
  if (!evaluation) return null;
  return state === 'created'
    ? <Notice kind="ok"><p class="evaluated" data-evaluated="created">{m('created', { asOf: page.format.date(evaluation.as_of) })}</p></Notice>
    : <Notice kind="info"><p class="evaluated" data-evaluated="unchanged">{m('unchanged', { asOf: page.format.date(evaluation.as_of), run: page.format.dateTime(evaluation.created_at) })}</p></Notice>;
}

function EvaluatePage(props: { page: PageContext; contract: { id: string; title: string }; state: FormState; message?: string | undefined }) {
  const { page, contract } = props;
  const m = msgs(page);
  const title = m('title', { title: contract.title });
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p><a href={`/contracts/${contract.id}/evaluations`}>{m('back')}</a></p>
      {props.message ? <Notice kind="error" title={m('problem')}><p class="evaluate-problem">{props.message}</p></Notice> : null}
      <EvaluateForm page={page} contractId={contract.id} state={props.state} />
    </Layout>
  );
}

export const evaluatePages = new Hono<WebEnv>()
  .get('/contracts/:id/evaluate', memberPage(), contractPage('evaluation.run'), async (c) => {
    const { contract } = c.var.access;
    const { zone, today } = await todayOf(c, contract.id);
    return render(c, <EvaluatePage page={c.var.page} contract={contract} state={{ zone, today, asOf: today, formKey: crypto.randomUUID() }} />);
  })

  .post('/contracts/:id/evaluations', memberPage(), contractPage('evaluation.run'), async (c) => {
    const page = c.var.page;
    const m = msgs(page);
    const { contract } = c.var.access;
    const field = await formOf(c);
    const key = formKeyOf(field('key'));
    const asOf = field('asOf').trim();
    const { zone, today } = await todayOf(c, contract.id);
    // A failed run wrote nothing: the form comes back with a fresh key.
    const again = (status: 409 | 422, message: string | undefined, error?: string) =>
      render(c, <EvaluatePage page={page} contract={contract} message={message} state={{ zone, today, asOf, formKey: crypto.randomUUID(), error }} />, status);
    if (asOf !== '' && !IsoDateString.safeParse(asOf).success) return again(422, undefined, m('asOfInvalid'));
    if (!key) return again(422, m('noKey'));
    const operation = `POST /contracts/${contract.id}/evaluations`;
    const input = { contractId: contract.id, ...(asOf ? { asOf } : {}) };
    try {
      const outcome = await act(c, async (ctx) => {
        const run = await evaluateContract(ctx, { contractId: contract.id, trigger: 'manual', lock: 'wait', ...(asOf ? { asOf } : {}) });
        if (run.status === 'skipped') {
          throw new ApiError('invalid_state', run.reason === 'not-active' ? m('notActive') : m('cannot', { reason: run.reason }));
        }
        return run;
      }, { idempotency: { key, operation, requestDigest: await contentDigest({ operation, body: input }) } });
      return seeOther(c, `/contracts/${contract.id}/evaluations/${outcome.evaluationId}?evaluated=${outcome.status}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code === 'not_found' || error.code === 'forbidden') throw error;
      const problem = error.errors?.find((p) => p.path === 'asOf');
      return again(error.status === 409 ? 409 : 422, error.message, problem?.message);
    }
  });
