import { Decimal } from 'decimal.js';
import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { resultsQuery } from '../../db/queries/measurements.ts';
import { type DeskResult, deskResults } from '../../db/queries/review-results.ts';
import { refreshStatistics } from '../../db/queries/statistics.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { recordStatus } from '../../domain/disputes/disputes.ts';
import { resultKind } from '../../usecases/measurement-kinds.ts';
import { reviewRecords } from '../../usecases/review-records.ts';
import { PageForbidden } from '../access.ts';
import { act, formKeyOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import { percentText } from '../contracts/render-terms.tsx';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { errorPage } from '../errors.tsx';
import { CsrfField, Layout, Notice } from '../layout.tsx';
import { registerNav } from '../nav.ts';
import { render, seeOther } from '../render.ts';
import { evaluatorResultsMessages } from './results-messages.ts';
import { contractsFor, inScope, type ScopedContract } from './scope.ts';

/**
 * The evaluator's results page: the aggregate results (treatment and comparison values per cohort
 * and period) of every contract the person's organisation verifies (`measurement.validate`, the
 * API's action for POST /v1/contracts/{id}/results/reviews), those awaiting review first, with
 * the relative difference (comparison − treatment) / comparison computed in decimals. Selected
 * results are validated or rejected after the count is confirmed, by the API's review action
 * (usecases/review-records.ts, `resultKind`) under the form's idempotency key, so a form posted
 * twice applies once. Works without JavaScript: GET filters, POST → confirm → POST → 303.
 */
type Msg = (key: Parameters<ReturnType<typeof evaluatorResultsMessages.for>>[0], params?: Record<string, string | number>) => string;

const LIMIT = 500;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['submitted', 'validated', 'rejected', 'disputed'] as const;
const PATH = '/evaluator/results';

interface Filters { contract: string; status: string }
interface ReviewForm { decision?: string; reason?: string; selected?: ReadonlySet<string>; errors?: { result?: string; decision?: string; reason?: string } }

/** The form's fields, every value of repeated ones (`result`). */
async function fieldsOf(c: WebContext): Promise<{ one(name: string): string; all(name: string): string[] }> {
  const body = await c.req.parseBody({ all: true });
  const list = (name: string) => {
    const v = body[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  };
  return { one: (name) => (list(name)[0] ?? '').trim(), all: list };
}

const filtersOf = (get: (name: string) => string | undefined): Filters => ({ contract: (get('contract') ?? '').trim(), status: (get('status') ?? '').trim() });

const resultsLink = (f: Filters, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams();
  if (f.contract) query.set('contract', f.contract);
  if (f.status) query.set('status', f.status);
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  const text = query.toString();
  return text ? `${PATH}?${text}` : PATH;
};

/** The contracts the page covers; a person whose organisation verifies none and is no evaluator is refused (403). */
async function scopeOf(c: WebContext): Promise<ScopedContract[]> {
  const scope = await contractsFor(c, 'measurement.validate');
  const kind = c.var.page.viewer?.organisationKind;
  if (scope.length === 0 && kind !== 'evaluator' && kind !== 'validator') throw new PageForbidden();
  return scope;
}

/** The filters as the API's result list reads them (its own zod schema): one contract (outside the scope: the 404 page) or all. */
function parseFilters(f: Filters, scope: readonly ScopedContract[]) {
  const contractIds = f.contract ? [inScope(scope, f.contract).id] : scope.map((s) => s.id);
  const status = f.status === '' || f.status === 'any' ? undefined : f.status;
  const parsed = resultKind.filterSchema.safeParse(status ? { status } : {});
  if (!parsed.success) return { contractIds, filter: undefined, error: parsed.error.issues[0]?.message ?? 'invalid' };
  return { contractIds, filter: resultKind.toFilter(parsed.data), error: undefined };
}

const dateOf = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d ?? '').slice(0, 10));
const decimalText = (v: unknown) => new Decimal(String(v)).toFixed();

/** (comparison − treatment) / comparison, in decimals (never a JavaScript number); none without a comparison or with a zero one. */
export function relativeDifference(treatment: string, comparison: string | null): Decimal | null {
  if (comparison === null || comparison === undefined) return null;
  const c = new Decimal(String(comparison));
  if (c.isZero()) return null;
  return c.minus(new Decimal(String(treatment))).div(c);
}

const stateOf = (r: Pick<DeskResult, 'decision' | 'dispute_state' | 'superseded_by'>) => (r.superseded_by ? 'superseded' : recordStatus(r.decision, r.dispute_state));

function StateBadge(props: { m: Msg; state: string }) {
  const kind = props.state === 'validated' ? 'ok' : props.state === 'rejected' ? 'bad' : props.state === 'disputed' ? 'warn' : '';
  return <span class={`badge ${kind}`.trim()}>{props.m(`state.${props.state}` as never)}</span>;
}

function FieldError(props: { id: string; text: string | undefined }) {
  return props.text ? <span class="error-text" id={props.id}>{props.text}</span> : null;
}

function selectLabel(page: PageContext, m: Msg, r: DeskResult, contract: string): string {
  const params = { cohort: r.cohort ?? '—', metric: r.metric, period: r.period ?? '', date: page.format.date(dateOf(r.measured_on)), contract };
  return m(r.period ? 'table.selectResultPeriod' : 'table.selectResult', params);
}

/** The cells every table of results shows (after the row's name, the contract). */
function ResultCells(props: { page: PageContext; m: Msg; r: DeskResult }) {
  const { page, m, r } = props;
  const difference = relativeDifference(String(r.treatment_value), r.comparison_value === null ? null : String(r.comparison_value));
  return (
    <>
      <td>{r.metric}</td>
      <td>{r.cohort ?? ''}</td>
      <td>{r.period ?? ''}</td>
      <td>{page.format.date(dateOf(r.measured_on))}</td>
      <td class="num">{page.format.number(decimalText(r.treatment_value))}</td>
      <td class="num">{r.comparison_value === null ? '—' : page.format.number(decimalText(r.comparison_value))}</td>
      <td class="num">{difference === null ? '—' : percentText(page, difference.toDecimalPlaces(4).toFixed())}</td>
      <td class="num">{r.treatment_sample_size === null ? '—' : page.format.number(r.treatment_sample_size)}</td>
      <td class="num">{r.comparison_sample_size === null ? '—' : page.format.number(r.comparison_sample_size)}</td>
      <td>{r.methodology}<span class="hint">{m('table.methodologyDetail', { version: r.methodology_version, by: r.measured_by })}</span></td>
    </>
  );
}

function ResultHeaders(props: { m: Msg }) {
  const { m } = props;
  return (
    <>
      <th scope="col">{m('table.metric')}</th>
      <th scope="col">{m('table.cohort')}</th>
      <th scope="col">{m('table.period')}</th>
      <th scope="col">{m('table.measured')}</th>
      <th scope="col" class="num">{m('table.treatment')}</th>
      <th scope="col" class="num">{m('table.comparison')}</th>
      <th scope="col" class="num">{m('table.difference')}<span class="hint">{m('table.differenceHint')}</span></th>
      <th scope="col" class="num">{m('table.treatmentSample')}</th>
      <th scope="col" class="num">{m('table.comparisonSample')}</th>
      <th scope="col">{m('table.methodology')}</th>
    </>
  );
}

async function showResults(c: WebContext, f: Filters, review: ReviewForm = {}, status: 200 | 409 | 422 = 200): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorResultsMessages) as Msg;
  const scope = await scopeOf(c);
  const parsed = parseFilters(f, scope);
  const rows = parsed.filter ? await deskResults(c.var.db, parsed.contractIds, parsed.filter, LIMIT + 1) : [];
  const more = rows.length > LIMIT;
  const shown = rows.slice(0, LIMIT);
  const titles = new Map(scope.map((s) => [s.id, s.title]));
  const done = c.req.query('done');
  const doneCount = c.req.query('count') ?? '';
  const selected = review.selected ?? new Set<string>();
  const pending = shown.filter((r) => stateOf(r) === 'submitted').length;
  const errors = { ...(parsed.error ? { status: parsed.error } : {}), ...(review.errors ?? {}) } as Record<string, string>;
  const hasErrors = Object.keys(errors).length > 0;
  const decision = review.decision || 'validated';
  const reasonDescribed = ['review-reason-hint', review.errors?.reason ? 'review-reason-error' : null].filter(Boolean).join(' ');
  const doneText = (done === 'validated' || done === 'rejected') && /^[1-9]\d{0,6}$/.test(doneCount)
    ? doneCount === '1' ? m(done === 'validated' ? 'done.validatedOne' : 'done.rejectedOne') : m(done === 'validated' ? 'done.validated' : 'done.rejected', { count: page.format.number(doneCount) })
    : undefined;

  return render(c, (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      {doneText ? <Notice kind="ok"><p>{doneText}</p></Notice> : null}
      {hasErrors ? (
        <Notice kind="error" title={page.t('error.title.422')}>
          <ul>{Object.entries(errors).map(([k, e]) => <li><a href={k === 'status' ? '#f-status' : `#review-${k}`}>{e}</a></li>)}</ul>
        </Notice>
      ) : null}
      {scope.length === 0 ? <p>{m('none')}</p> : (
        <>
          <form method="get" action={PATH} class="panel filters">
            <fieldset>
              <legend>{m('filter.legend')}</legend>
              <div class="filter-grid">
                <div class="field">
                  <label for="f-contract">{m('filter.contract')}</label>
                  <select id="f-contract" name="contract">
                    <option value="" selected={f.contract === ''}>{m('filter.anyContract')}</option>
                    {scope.map((s) => <option value={s.id} selected={s.id === f.contract}>{`${s.title} (${s.reference})`}</option>)}
                  </select>
                </div>
                <div class="field">
                  <label for="f-status">{m('filter.status')}</label>
                  <FieldError id="f-status-error" text={parsed.error} />
                  <select id="f-status" name="status" aria-describedby={parsed.error ? 'f-status-error' : undefined} aria-invalid={parsed.error ? 'true' : undefined}>
                    <option value="any" selected={f.status === '' || f.status === 'any'}>{m('state.any')}</option>
                    {STATUSES.map((s) => <option value={s} selected={s === f.status}>{m(`state.${s}`)}</option>)}
                  </select>
                </div>
              </div>
              <div class="actions">
                <button type="submit">{m('filter.apply')}</button>
                <a class="button secondary" href={PATH}>{m('filter.clear')}</a>
              </div>
            </fieldset>
          </form>

          {shown.length === 0 ? <p>{m('empty')}</p> : (
            <form method="post" action={`${PATH}/confirm`}>
              <CsrfField page={page} />
              {f.contract ? <input type="hidden" name="contract" value={f.contract} /> : null}
              {f.status ? <input type="hidden" name="status" value={f.status} /> : null}
              <FieldError id="review-result-error" text={review.errors?.result} />
              <div class="table-wrap" tabindex={0}>
                <table id="review-result">
                  <caption>{more ? m('table.captionMore', { count: page.format.number(LIMIT) }) : m('table.caption', { count: page.format.number(shown.length) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m('table.select')}</th>
                      <th scope="col">{m('table.contract')}</th>
                      <ResultHeaders m={m} />
                      <th scope="col">{m('table.state')}</th>
                      <th scope="col">{m('table.reason')}</th>
                      <th scope="col">{m('table.submission')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => {
                      const value = `${r.contract_id}:${r.id}`;
                      const state = stateOf(r);
                      const title = titles.get(r.contract_id) ?? '';
                      return (
                        <tr>
                          <td>
                            {state === 'submitted' ? (
                              <>
                                <input type="checkbox" id={`res-${r.id}`} name="result" value={value} checked={selected.has(value)} />
                                <label for={`res-${r.id}`} class="visually-hidden">{selectLabel(page, m, r, title)}</label>
                              </>
                            ) : null}
                          </td>
                          <th scope="row">{title}</th>
                          <ResultCells page={page} m={m} r={r} />
                          <td><StateBadge m={m} state={state} /></td>
                          <td>{r.reason ?? ''}</td>
                          <td>{page.format.dateTime(r.submitted_at)}<span class="hint">{m('table.row', { row: r.row_number })} · {m('table.version', { version: r.version_number })}</span></td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {pending > 0 ? (
                <fieldset class="panel">
                  <legend>{m('review.legend')}</legend>
                  <fieldset id="review-decision">
                    <legend>{m('review.decision')}</legend>
                    <div class="field choice">
                      <input type="radio" id="review-decision-validated" name="decision" value="validated" checked={decision === 'validated'} />
                      <label for="review-decision-validated">{m('review.validate')}</label>
                    </div>
                    <div class="field choice">
                      <input type="radio" id="review-decision-rejected" name="decision" value="rejected" checked={decision === 'rejected'} />
                      <label for="review-decision-rejected">{m('review.reject')}</label>
                    </div>
                  </fieldset>
                  <div class="field">
                    <label for="review-reason">{m('review.reason')}</label>
                    <span class="hint" id="review-reason-hint">{m('review.reasonHint')}</span>
                    <FieldError id="review-reason-error" text={review.errors?.reason} />
                    <textarea id="review-reason" name="reason" rows={3} maxlength={2000} aria-describedby={reasonDescribed} aria-invalid={review.errors?.reason ? 'true' : undefined}>{review.reason ?? ''}</textarea>
                  </div>
                  <button type="submit">{m('review.continue')}</button>
                </fieldset>
              ) : null}
            </form>
          )}
        </>
      )}
    </Layout>
  ), hasErrors ? (status === 200 ? 422 : status) : status);
}

/** A review form read and checked: the decision, the reason and the selected results per contract. */
interface Selection { filters: Filters; decision: 'validated' | 'rejected'; reason: string; results: string[]; byContract: Map<string, string[]> }

async function selectionOf(c: WebContext, fields: Awaited<ReturnType<typeof fieldsOf>>): Promise<Selection | { problems: ReviewForm }> {
  const m = c.var.page.messages(evaluatorResultsMessages) as Msg;
  const filters = filtersOf(fields.one);
  const decision = fields.one('decision');
  const reason = fields.one('reason');
  const results = [...new Set(fields.all('result'))].sort();
  const scope = await scopeOf(c);
  const byContract = new Map<string, string[]>();
  for (const pair of results) {
    const [contractId, resultId] = pair.split(':');
    if (!contractId || !resultId || !uuid.test(resultId)) throw new ApiError('validation_failed', 'Not a result.');
    inScope(scope, contractId); // another organisation's contract: the 404 page
    byContract.set(contractId, [...(byContract.get(contractId) ?? []), resultId]);
  }
  const errors: NonNullable<ReviewForm['errors']> = {};
  if (decision !== 'validated' && decision !== 'rejected') errors.decision = m('review.decisionRequired');
  if (decision === 'rejected' && !reason) errors.reason = m('review.reasonRequired');
  if (results.length === 0) errors.result = m('review.noneSelected');
  if (Object.keys(errors).length > 0) return { problems: { decision, reason, selected: new Set(results), errors } };
  return { filters, decision: decision as 'validated' | 'rejected', reason, results, byContract };
}

/** The selected results as they are now (those of the contracts in the selection). */
async function selectedRows(c: WebContext, s: Selection): Promise<DeskResult[]> {
  const out: DeskResult[] = [];
  for (const [contractId, ids] of s.byContract) {
    const rows = await resultsQuery(c.var.db, contractId, { includeSuperseded: true, ids }).select('c.contract_id').orderBy('c.measured_on').orderBy('c.cohort').orderBy('c.id').execute();
    if (rows.length !== ids.length) throw new ApiError('not_found', 'No such result.');
    out.push(...(rows as DeskResult[]));
  }
  return out;
}

async function confirmReview(c: WebContext): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorResultsMessages) as Msg;
  const fields = await fieldsOf(c);
  const selection = await selectionOf(c, fields);
  if ('problems' in selection) return showResults(c, filtersOf(fields.one), selection.problems, 422);
  const s = selection;
  const rows = await selectedRows(c, s);
  if (rows.some((r) => stateOf(r) !== 'submitted')) {
    return showResults(c, s.filters, { decision: s.decision, reason: s.reason, errors: { result: m('review.notPending') } }, 409);
  }
  const scope = await scopeOf(c);
  const titles = new Map(scope.map((x) => [x.id, x.title]));
  const count = s.results.length;
  const sentence = count === 1
    ? m(s.decision === 'validated' ? 'confirm.validateOne' : 'confirm.rejectOne')
    : m(s.decision === 'validated' ? 'confirm.validate' : 'confirm.reject', { count: page.format.number(count) });
  return render(c, (
    <Layout page={page} title={m('confirm.title')}>
      <h1>{m('confirm.title')}</h1>
      <Notice kind="warn"><p class="confirm-count">{sentence}</p>{s.reason ? <p>{m('confirm.reason', { reason: s.reason })}</p> : null}</Notice>
      <div class="table-wrap" tabindex={0}>
        <table>
          <caption>{m('confirm.caption')}</caption>
          <thead><tr><th scope="col">{m('table.contract')}</th><ResultHeaders m={m} /></tr></thead>
          <tbody>
            {rows.map((r) => <tr><th scope="row">{titles.get(r.contract_id) ?? ''}</th><ResultCells page={page} m={m} r={r} /></tr>)}
          </tbody>
        </table>
      </div>
      <form method="post" action={`${PATH}/review`}>
        <CsrfField page={page} />
        {s.filters.contract ? <input type="hidden" name="contract" value={s.filters.contract} /> : null}
        {s.filters.status ? <input type="hidden" name="status" value={s.filters.status} /> : null}
        <input type="hidden" name="decision" value={s.decision} />
        <input type="hidden" name="reason" value={s.reason} />
        {s.results.map((r) => <input type="hidden" name="result" value={r} />)}
        <input type="hidden" name="count" value={String(count)} />
        <input type="hidden" name="key" value={crypto.randomUUID()} />
        <div class="actions">
          <button type="submit">{m('confirm.apply')}</button>
          <a class="button secondary" href={resultsLink(s.filters)}>{m('confirm.back')}</a>
        </div>
      </form>
    </Layout>
  ));
}

class SelectionChanged extends Error {
  constructor(readonly expected: number, readonly actual: number) {
    super('the selection changed');
  }
}

/** Applies a confirmed review: the API's action per contract, in one write, exactly the confirmed count or nothing; once per form. */
async function applyReview(c: WebContext): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorResultsMessages) as Msg;
  const fields = await fieldsOf(c);
  const selection = await selectionOf(c, fields);
  if ('problems' in selection) return showResults(c, filtersOf(fields.one), selection.problems, 422);
  const s = selection;
  const expected = Number(fields.one('count'));
  const key = formKeyOf(fields.one('key'));
  if (!Number.isInteger(expected) || expected < 1 || !key) throw new ApiError('validation_failed', 'The confirmation is missing: review again from the results page.');
  const request = { decision: s.decision, reason: s.reason, results: s.results, expected };
  let outcome: { reviewed: number; decision: string };
  try {
    outcome = await act(c, async (ctx) => {
      let reviewed = 0;
      for (const [contractId, ids] of [...s.byContract].sort(([a], [b]) => a.localeCompare(b))) {
        reviewed += (await reviewRecords(ctx, { kind: resultKind, contractId, decision: s.decision, reason: s.reason || null, filter: { includeSuperseded: true, ids }, byIds: true })).reviewed;
      }
      if (reviewed !== expected) throw new SelectionChanged(expected, reviewed);
      return { reviewed, decision: s.decision };
    }, { idempotency: { key: `web-review-results:${key}`, operation: `POST ${PATH}/review`, requestDigest: await contentDigest(request) } });
  } catch (error) {
    if (error instanceof SelectionChanged) {
      return errorPage(c, 409, m('changed.text', { expected: page.format.number(error.expected), actual: page.format.number(error.actual) }));
    }
    if (error instanceof ApiError && error.code === 'invalid_state') {
      // Reviewed in the meantime (another form, another person): the results page says so, nothing applied.
      return showResults(c, s.filters, { decision: s.decision, reason: s.reason, errors: { result: m('review.notPending') } }, 409);
    }
    throw error;
  }
  await refreshStatistics(c.var.db, 'measurement_review', outcome.reviewed);
  return seeOther(c, resultsLink(s.filters, { done: outcome.decision, count: String(outcome.reviewed) }));
}

export const resultPages = new Hono<WebEnv>()
  .get(PATH, memberPage(), async (c) => showResults(c, filtersOf((n) => c.req.query(n))))
  .post(`${PATH}/confirm`, memberPage(), confirmReview)
  .post(`${PATH}/review`, memberPage(), applyReview);

registerNav({
  href: PATH, label: (page: PageContext) => page.messages(evaluatorResultsMessages)('nav.results'),
  show: (v) => v.organisationKind === 'evaluator' || v.organisationKind === 'validator', order: 55,
});
