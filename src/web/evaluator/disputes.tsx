import { Hono } from 'hono';
import { mayAct } from '../../api/auth/permissions.ts';
import { ApiError } from '../../api/errors/api-error.ts';
import { peopleByIds } from '../../db/queries/actors.ts';
import { contestedReview, disputeAuditEntries, findDispute } from '../../db/queries/disputes.ts';
import { claimsQuery, resultsQuery } from '../../db/queries/measurements.ts';
import { openDisputesOf } from '../../db/queries/review-queue.ts';
import type { Dispute } from '../../db/schema.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { resolveDispute } from '../../usecases/resolve-dispute.ts';
import { registerNav } from '../nav.ts';
import { contractPage, PageNotFound } from '../access.ts';
import { act, formOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { evaluatorMessages } from './messages.ts';
import { participantLink } from './queue.tsx';
import { contractsFor, inScope } from './scope.ts';

/**
 * Disputes, for the evaluator and the payer (issue 17): the open disputes of the contracts the
 * person's organisation may read disputes of (`dispute.read`: payer, operator, evaluator,
 * validator), each with its thread — the record, the evaluator's reason for rejecting it, the
 * operator's reason and evidence reference; an evaluator (`dispute.resolve`) upholds or dismisses
 * it with a reason, through the API's action (usecases/resolve-dispute.ts). The payer reads only.
 */
type Msg = (key: Parameters<ReturnType<typeof evaluatorMessages.for>>[0], params?: Record<string, string | number>) => string;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dateOf = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d ?? '').slice(0, 10));

interface RecordSummary { label: string; participantRef: string | null; outcome: string; cohort: string | null; date: string }

/** The disputed records, as a line each (the participant only for those who may see participants). */
async function recordsOf(c: WebContext, disputes: Dispute[], mayParticipants: (contractId: string) => boolean): Promise<Map<string, RecordSummary>> {
  const page = c.var.page;
  const out = new Map<string, RecordSummary>();
  const byContract = new Map<string, Dispute[]>();
  for (const d of disputes) byContract.set(d.contract_id, [...(byContract.get(d.contract_id) ?? []), d]);
  for (const [contractId, list] of byContract) {
    const claimIds = list.flatMap((d) => (d.claim_id ? [d.claim_id] : []));
    const resultIds = list.flatMap((d) => (d.result_id ? [d.result_id] : []));
    const showRef = mayParticipants(contractId);
    if (claimIds.length > 0) {
      for (const r of await claimsQuery(c.var.db, contractId, { includeSuperseded: true, ids: claimIds }).execute()) {
        const date = page.format.date(dateOf(r.achieved_on));
        out.set(r.id, {
          participantRef: showRef ? r.participant_ref : null, outcome: r.metric, cohort: r.cohort, date,
          label: [showRef ? r.participant_ref : null, r.metric, r.cohort, date].filter(Boolean).join(' · '),
        });
      }
    }
    if (resultIds.length > 0) {
      for (const r of await resultsQuery(c.var.db, contractId, { includeSuperseded: true, ids: resultIds }).execute()) {
        const date = page.format.date(dateOf(r.measured_on));
        out.set(r.id, { participantRef: null, outcome: r.metric, cohort: r.cohort, date, label: [r.metric, r.cohort, r.period, date].filter(Boolean).join(' · ') });
      }
    }
  }
  return out;
}

const recordIdOf = (d: Dispute) => (d.claim_id ?? d.result_id)!;
const disputeLink = (d: Dispute) => `/contracts/${d.contract_id}/disputes/${d.id}`;

async function listPage(c: WebContext): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorMessages) as Msg;
  const scope = await contractsFor(c, 'dispute.read');
  const wanted = c.req.query('contract');
  const contracts = wanted ? [inScope(scope, wanted)] : scope;
  const disputes = await openDisputesOf(c.var.db, contracts.map((s) => s.id), 200);
  const roles = new Map(scope.map((s) => [s.id, s.roles]));
  const records = await recordsOf(c, disputes, (id) => mayAct('measurement.read_participants', roles.get(id) ?? new Set()));
  const reviews = new Map<string, string>();
  for (const d of disputes) reviews.set(d.id, (await contestedReview(c.var.db, d.contract_id, d.review_id))?.reason ?? '');
  const titles = new Map(scope.map((s) => [s.id, s.title]));
  const resolver = scope.some((s) => mayAct('dispute.resolve', s.roles));
  return render(c, (
    <Layout page={page} title={m('disputes.title')}>
      <h1>{m('disputes.title')}</h1>
      <p>{m('disputes.intro')}</p>
      {!resolver && scope.length > 0 ? <p>{m('disputes.readOnly')}</p> : null}
      {disputes.length === 0 ? <p>{m('disputes.none')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table>
            <caption>{m('disputes.caption', { count: page.format.number(disputes.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{m('disputes.record')}</th>
                <th scope="col">{m('disputes.contract')}</th>
                <th scope="col">{m('disputes.rejection')}</th>
                <th scope="col">{m('disputes.operatorReason')}</th>
                <th scope="col">{m('disputes.evidence')}</th>
                <th scope="col">{m('disputes.opened')}</th>
                <th scope="col"><span class="visually-hidden">{m('disputes.open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {disputes.map((d) => {
                const record = records.get(recordIdOf(d))?.label ?? recordIdOf(d);
                return (
                  <tr>
                    <th scope="row">{record}</th>
                    <td>{titles.get(d.contract_id) ?? ''}</td>
                    <td>{reviews.get(d.id)}</td>
                    <td>{d.reason}</td>
                    <td><code>{d.evidence_ref}</code></td>
                    <td>{page.format.dateTime(d.opened_at)}</td>
                    <td><a href={disputeLink(d)} aria-label={m('disputes.openLabel', { record })}>{m('disputes.open')}</a></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  ));
}

interface ResolveForm { decision?: string; reason?: string; errors?: { decision?: string; reason?: string } }

async function disputePage(c: WebContext, form: ResolveForm = {}): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorMessages) as Msg;
  const { contract, roles } = c.var.access;
  const disputeId = c.req.param('disputeId') ?? '';
  if (!uuid.test(disputeId)) throw new PageNotFound();
  const dispute = await findDispute(c.var.db, contract.id, disputeId);
  if (!dispute) throw new PageNotFound();
  const record = (await recordsOf(c, [dispute], () => mayAct('measurement.read_participants', roles))).get(recordIdOf(dispute));
  const review = await contestedReview(c.var.db, contract.id, dispute.review_id);
  const entries = await disputeAuditEntries(c.var.db, contract.id, dispute.id);
  const people = await peopleByIds(c.var.db, [review?.member_id, dispute.opened_by_member_id, dispute.resolved_by_member_id]);
  const who = (id: string | null | undefined) => (id && people.get(id)?.name) || null;
  const audit = (action: string) => entries.find((e) => e.action === action);
  const mayResolve = mayAct('dispute.resolve', roles) && dispute.state === 'open';
  const done = c.req.query('done');
  const errors = form.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const stateLabel = m(dispute.state === 'open' ? 'dispute.stateOpen' : dispute.state === 'upheld' ? 'dispute.stateUpheld' : 'dispute.stateDismissed');
  const reasonDescribed = ['resolve-reason-hint', errors.reason ? 'resolve-reason-error' : null].filter(Boolean).join(' ');
  return render(c, (
    <Layout page={page} title={m('dispute.title')}>
      <p><a href="/disputes">{m('dispute.back')}</a></p>
      <h1>{m('dispute.title')}</h1>
      {done === 'upheld' || done === 'dismissed' ? <Notice kind="ok"><p>{m(done === 'upheld' ? 'dispute.resolvedUpheld' : 'dispute.resolvedDismissed')}</p></Notice> : null}
      {hasErrors ? (
        <Notice kind="error" title={page.t('error.title.422')}>
          <ul>{Object.entries(errors).map(([f, e]) => <li><a href={f === 'decision' ? '#resolve-decision' : '#resolve-reason'}>{e}</a></li>)}</ul>
        </Notice>
      ) : null}
      <h2>{m('dispute.record')}</h2>
      <dl class="facts">
        <dt>{m('disputes.contract')}</dt><dd>{contract.title}</dd>
        <dt>{m('disputes.record')}</dt>
        <dd>{record?.participantRef && mayAct('measurement.read_participants', roles)
          ? <a href={participantLink(contract.id, record.participantRef)}>{record.label}</a> : (record?.label ?? recordIdOf(dispute))}</dd>
        <dt>{m('dispute.state')}</dt><dd>{stateLabel}</dd>
      </dl>
      <h2>{m('dispute.thread')}</h2>
      <ol class="thread">
        {review ? (
          <li>
            <h3>{m('dispute.rejected')}{who(review.member_id) ? ` — ${who(review.member_id)}` : ''}</h3>
            <p class="hint">{m('dispute.at', { date: page.format.dateTime(review.reviewed_at) })}{review.seq !== null ? ` · ${m('dispute.audit', { seq: review.seq })}` : ''}</p>
            <p>{review.reason}</p>
          </li>
        ) : null}
        <li>
          <h3>{m('dispute.disputed')}{who(dispute.opened_by_member_id) ? ` — ${who(dispute.opened_by_member_id)}` : ''}</h3>
          <p class="hint">{m('dispute.at', { date: page.format.dateTime(dispute.opened_at) })}{audit('dispute.opened') ? ` · ${m('dispute.audit', { seq: audit('dispute.opened')!.seq })}` : ''}</p>
          <p>{dispute.reason}</p>
          <p>{m('disputes.evidence')}: <code>{dispute.evidence_ref}</code></p>
        </li>
        {dispute.state !== 'open' ? (
          <li>
            <h3>{m(dispute.state === 'upheld' ? 'dispute.upheld' : 'dispute.dismissed')}{who(dispute.resolved_by_member_id) ? ` — ${who(dispute.resolved_by_member_id)}` : ''}</h3>
            <p class="hint">{dispute.resolved_at ? m('dispute.at', { date: page.format.dateTime(dispute.resolved_at) }) : ''}{audit('dispute.resolved') ? ` · ${m('dispute.audit', { seq: audit('dispute.resolved')!.seq })}` : ''}</p>
            <p>{dispute.resolution_reason}</p>
          </li>
        ) : null}
      </ol>
      {mayResolve ? (
        <form method="post" action={`/contracts/${contract.id}/disputes/${dispute.id}/resolution`} class="panel">
          <h2>{m('dispute.resolve')}</h2>
          <CsrfField page={page} />
          <input type="hidden" name="key" value={crypto.randomUUID()} />
          <fieldset aria-describedby={errors.decision ? 'resolve-decision-error' : undefined}>
            <legend>{m('dispute.decision')}</legend>
            {errors.decision ? <span class="error-text" id="resolve-decision-error">{errors.decision}</span> : null}
            <div class="field choice">
              <input type="radio" id="resolve-decision" name="decision" value="upheld" checked={form.decision === 'upheld'} />
              <label for="resolve-decision">{m('dispute.uphold')}</label>
            </div>
            <div class="field choice">
              <input type="radio" id="resolve-decision-dismissed" name="decision" value="dismissed" checked={form.decision === 'dismissed'} />
              <label for="resolve-decision-dismissed">{m('dispute.dismiss')}</label>
            </div>
          </fieldset>
          <div class="field">
            <label for="resolve-reason">{m('dispute.reason')}</label>
            <span class="hint" id="resolve-reason-hint">{m('dispute.reasonHint')}</span>
            {errors.reason ? <span class="error-text" id="resolve-reason-error">{errors.reason}</span> : null}
            <textarea id="resolve-reason" name="reason" rows={3} maxlength={2000} aria-describedby={reasonDescribed} aria-invalid={errors.reason ? 'true' : undefined}>{form.reason ?? ''}</textarea>
          </div>
          <button type="submit">{m('dispute.submit')}</button>
        </form>
      ) : null}
    </Layout>
  ), hasErrors ? 422 : 200);
}

async function resolve(c: WebContext): Promise<Response> {
  const m = c.var.page.messages(evaluatorMessages) as Msg;
  const field = await formOf(c);
  const decision = field('decision').trim();
  const reason = field('reason').trim();
  const key = field('key').trim();
  const errors: NonNullable<ResolveForm['errors']> = {};
  if (decision !== 'upheld' && decision !== 'dismissed') errors.decision = m('dispute.decisionRequired');
  if (!reason) errors.reason = m('dispute.reasonRequired');
  if (Object.keys(errors).length > 0) return disputePage(c, { decision, reason, errors });
  const contractId = c.var.access.contract.id;
  const disputeId = c.req.param('disputeId') ?? '';
  if (!uuid.test(disputeId)) throw new PageNotFound();
  try {
    const idempotency = /^[\x21-\x7e]{1,100}$/.test(key)
      ? { key: `web-dispute:${key}`, operation: `POST /contracts/${contractId}/disputes/${disputeId}/resolution`, requestDigest: await contentDigest({ decision, reason }) }
      : undefined;
    await act(c, (ctx) => resolveDispute(ctx, { contractId, disputeId, decision: decision as 'upheld' | 'dismissed', reason }), idempotency ? { idempotency } : {});
  } catch (error) {
    if (error instanceof ApiError && error.code === 'validation_failed') {
      const path = error.errors?.[0]?.path === 'decision' ? 'decision' : 'reason';
      return disputePage(c, { decision, reason, errors: { [path]: error.errors?.[0]?.message ?? error.message } });
    }
    throw error;
  }
  return seeOther(c, `/contracts/${contractId}/disputes/${disputeId}?done=${decision}`);
}

export const disputePages = new Hono<WebEnv>()
  .get('/disputes', memberPage(), listPage)
  .get('/contracts/:id/disputes/:disputeId', memberPage(), contractPage('dispute.read'), (c) => disputePage(c))
  .post('/contracts/:id/disputes/:disputeId/resolution', memberPage(), contractPage('dispute.resolve'), resolve);

registerNav({ href: '/disputes', label: (page: PageContext) => page.messages(evaluatorMessages)('nav.disputes'), show: (v) => ['public_authority', 'operator', 'evaluator', 'validator'].includes(v.organisationKind), order: 60 });
