import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { claimsQuery, type RecordFilter } from '../../db/queries/measurements.ts';
import { queueCounts, queueFacets, queuePage, type QueueRecord } from '../../db/queries/review-queue.ts';
import { refreshStatistics } from '../../db/queries/statistics.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { recordStatus } from '../../domain/disputes/disputes.ts';
import { claimKind } from '../../usecases/measurement-kinds.ts';
import { reviewRecords } from '../../usecases/review-records.ts';
import { mayAct } from '../../api/auth/permissions.ts';
import { contractFor, contractPage } from '../access.ts';
import { act } from '../actions.ts';
import { memberPage, safeNext } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { errorPage } from '../errors.tsx';
import { CsrfField, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { evaluatorMessages } from './messages.ts';
import { evaluatorResultsMessages } from './results-messages.ts';
import { contractsFor, inScope, type ScopedContract } from './scope.ts';

/**
 * The evaluator's review queue (issue 17): the participant claims of every contract the person's
 * organisation verifies (`measurement.validate`), filtered by contract, submission, outcome,
 * cohort, review state and date with the API's own filter schema and list query; a participant's
 * records; and validating or rejecting them one by one or in bulk — the count confirmed first,
 * then the API's review action (usecases/review-records.ts) under the form's idempotency key, so
 * a form posted twice applies once. Works without JavaScript: GET filters, POST → confirm → POST
 * → 303 back to the queue.
 */
type Msg = (key: Parameters<ReturnType<typeof evaluatorMessages.for>>[0], params?: Record<string, string | number>) => string;

const PAGE_SIZE = 50;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_FIELDS = ['contract', 'submission', 'outcome', 'cohort', 'status', 'from', 'to'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];
type FilterValues = Record<FilterField, string>;
const STATUSES = ['submitted', 'validated', 'rejected', 'disputed'] as const;

/** The form's fields, every value of repeated ones (`record`). */
async function fieldsOf(c: WebContext): Promise<{ one(name: string): string; all(name: string): string[] }> {
  const body = await c.req.parseBody({ all: true });
  const list = (name: string) => {
    const v = body[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
  };
  return { one: (name) => (list(name)[0] ?? '').trim(), all: list };
}

const filterValuesOf = (get: (name: string) => string | undefined): FilterValues =>
  Object.fromEntries(FILTER_FIELDS.map((f) => [f, (get(f) ?? '').trim()])) as FilterValues;

const fromApiPath: Record<string, FilterField> = { submissionId: 'submission', achievedFrom: 'from', achievedTo: 'to', outcome: 'outcome', cohort: 'cohort', status: 'status' };

/**
 * The filters as the API's claim list reads them (its own zod schema, ClaimFilters), over the
 * contracts in scope (one, when asked: outside the scope it is the 404 page).
 */
function parseFilter(values: FilterValues, scope: readonly ScopedContract[], m: Msg) {
  const errors: Partial<Record<FilterField, string>> = {};
  const contractIds = values.contract ? [inScope(scope, values.contract).id] : scope.map((s) => s.id);
  const status = values.status === '' ? 'submitted' : values.status === 'any' ? undefined : values.status;
  const parsed = claimKind.filterSchema.safeParse({
    ...(status ? { status } : {}),
    ...(values.cohort ? { cohort: values.cohort } : {}),
    ...(values.submission ? { submissionId: values.submission } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(values.from ? { achievedFrom: values.from } : {}),
    ...(values.to ? { achievedTo: values.to } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fromApiPath[String(issue.path[0])] ?? 'status';
      errors[field] = field === 'from' || field === 'to' ? m('filter.badDate') : issue.message;
    }
    return { errors, contractIds, filter: undefined };
  }
  return { errors, contractIds, filter: claimKind.toFilter(parsed.data) };
}

const queueLink = (values: FilterValues, extra: Record<string, string> = {}) => {
  const query = new URLSearchParams();
  for (const f of FILTER_FIELDS) if (values[f]) query.set(f, values[f]);
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  const text = query.toString();
  return text ? `/evaluator?${text}` : '/evaluator';
};

export const participantLink = (contractId: string, ref: string) => `/contracts/${contractId}/participants/${encodeURIComponent(ref)}`;

const dateOf = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d ?? '').slice(0, 10));

function stateOf(r: { decision: 'validated' | 'rejected' | null; dispute_state: 'open' | 'upheld' | 'dismissed' | null; superseded_by: string | null }) {
  return r.superseded_by ? 'superseded' : recordStatus(r.decision, r.dispute_state);
}

function StateBadge(props: { m: Msg; state: string }) {
  const kind = props.state === 'validated' ? 'ok' : props.state === 'rejected' ? 'bad' : props.state === 'disputed' ? 'warn' : '';
  return <span class={`badge ${kind}`.trim()}>{props.m(`state.${props.state}` as never)}</span>;
}

interface BulkState {
  scope?: string; decision?: string; reason?: string; records?: ReadonlySet<string>;
  errors?: { record?: string; decision?: string; reason?: string };
}

function FieldError(props: { id: string; text: string | undefined }) {
  return props.text ? <span class="error-text" id={props.id}>{props.text}</span> : null;
}

/** A select of the filter form. */
function FilterSelect(props: { id: FilterField; label: string; value: string; options: { value: string; label: string }[]; error?: string | undefined }) {
  return (
    <div class="field">
      <label for={`f-${props.id}`}>{props.label}</label>
      <FieldError id={`f-${props.id}-error`} text={props.error} />
      <select id={`f-${props.id}`} name={props.id} aria-describedby={props.error ? `f-${props.id}-error` : undefined} aria-invalid={props.error ? 'true' : undefined}>
        {props.options.map((o) => <option value={o.value} selected={o.value === props.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

function DateField(props: { id: 'from' | 'to'; label: string; hint: string; value: string; error?: string | undefined }) {
  const described = [`f-${props.id}-hint`, props.error ? `f-${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={`f-${props.id}`}>{props.label}</label>
      <span class="hint" id={`f-${props.id}-hint`}>{props.hint}</span>
      <FieldError id={`f-${props.id}-error`} text={props.error} />
      <input type="date" id={`f-${props.id}`} name={props.id} value={props.value} aria-describedby={described} aria-invalid={props.error ? 'true' : undefined} />
    </div>
  );
}

function HiddenFilter(props: { values: FilterValues }) {
  return <>{FILTER_FIELDS.map((f) => (props.values[f] ? <input type="hidden" name={f} value={props.values[f]} /> : null))}</>;
}

async function showQueue(c: WebContext, values: FilterValues, bulk: BulkState = {}, status: 200 | 422 = 200): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorMessages) as Msg;
  const scope = await contractsFor(c, 'measurement.validate');
  const { errors, contractIds, filter } = parseFilter(values, scope, m);
  const after = c.req.query('after');
  const cursor = after && uuid.test(after) ? after : undefined;
  const rows = filter ? await queuePage(c.var.db, contractIds, filter, cursor, PAGE_SIZE + 1) : [];
  const more = rows.length > PAGE_SIZE;
  const shown = rows.slice(0, PAGE_SIZE);
  const total = filter ? [...(await queueCounts(c.var.db, contractIds, filter)).values()].reduce((a, b) => a + b, 0) : 0;
  const awaiting = filter ? [...(await queueCounts(c.var.db, contractIds, { ...filter, status: 'submitted', includeSuperseded: false })).values()].reduce((a, b) => a + b, 0) : 0;
  const facets = await queueFacets(c.var.db, contractIds);
  const titles = new Map(scope.map((s) => [s.id, s.title]));
  const done = c.req.query('done');
  const doneCount = Number(c.req.query('count') ?? '0');
  const hasErrors = Object.keys(errors).length > 0 || Object.keys(bulk.errors ?? {}).length > 0;
  const selected = bulk.records ?? new Set<string>();
  const start = Number(c.req.query('n') ?? '1');
  const firstIndex = cursor && Number.isInteger(start) && start > 0 ? start : 1;

  return render(c, (
    <Layout page={page} title={m('queue.title')}>
      <h1>{m('queue.title')}</h1>
      <p>{m('queue.intro')}</p>
      <p><a href="/evaluator/results">{page.messages(evaluatorResultsMessages)('link.fromQueue')}</a></p>
      {done === 'validated' || done === 'rejected' ? (
        <Notice kind="ok"><p>{m(done === 'validated' ? 'done.validated' : 'done.rejected', { count: page.format.number(doneCount) })}</p></Notice>
      ) : null}
      {hasErrors ? (
        <Notice kind="error" title={page.t('error.title.422')}>
          <ul>
            {Object.entries(errors).map(([f, e]) => <li><a href={`#f-${f}`}>{e}</a></li>)}
            {Object.entries(bulk.errors ?? {}).map(([f, e]) => <li><a href={`#bulk-${f}`}>{e}</a></li>)}
          </ul>
        </Notice>
      ) : null}
      {scope.length === 0 ? <p>{m('queue.none')}</p> : (
        <>
          <form method="get" action="/evaluator" class="panel filters">
            <fieldset>
              <legend>{m('filter.legend')}</legend>
              <div class="filter-grid">
              <FilterSelect id="contract" label={m('filter.contract')} value={values.contract} error={errors.contract}
                options={[{ value: '', label: m('filter.anyContract') }, ...scope.map((s) => ({ value: s.id, label: `${s.title} (${s.reference})` }))]} />
              <FilterSelect id="submission" label={m('filter.submission')} value={values.submission} error={errors.submission}
                options={[{ value: '', label: m('filter.anySubmission') }, ...facets.submissions.map((s) => ({
                  value: s.id, label: `${titles.get(s.contract_id) ?? ''} — ${page.format.dateTime(s.submitted_at)}`,
                }))]} />
              <FilterSelect id="outcome" label={m('filter.outcome')} value={values.outcome} error={errors.outcome}
                options={[{ value: '', label: m('filter.anyOutcome') }, ...facets.outcomes.map((o) => ({ value: o, label: o }))]} />
              <FilterSelect id="cohort" label={m('filter.cohort')} value={values.cohort} error={errors.cohort}
                options={[{ value: '', label: m('filter.anyCohort') }, ...facets.cohorts.map((o) => ({ value: o, label: o }))]} />
              <FilterSelect id="status" label={m('filter.status')} value={values.status || 'submitted'} error={errors.status}
                options={[...STATUSES.map((s) => ({ value: s, label: m(`state.${s}`) })), { value: 'any', label: m('state.any') }]} />
              <DateField id="from" label={m('filter.from')} hint={m('filter.dateHint')} value={values.from} error={errors.from} />
              <DateField id="to" label={m('filter.to')} hint={m('filter.dateHint')} value={values.to} error={errors.to} />
              </div>
              <div class="actions">
                <button type="submit">{m('filter.apply')}</button>
                <a class="button secondary" href="/evaluator">{m('filter.clear')}</a>
              </div>
            </fieldset>
          </form>

          {shown.length === 0 ? <p>{m('queue.empty')}</p> : (
            <form method="post" action="/evaluator/review/confirm">
              <CsrfField page={page} />
              <HiddenFilter values={values} />
              <FieldError id="bulk-record-error" text={bulk.errors?.record} />
              <div class="table-wrap" tabindex={0}>
                <table>
                  <caption>{m('table.caption', {
                    from: page.format.number(firstIndex), to: page.format.number(firstIndex + shown.length - 1), total: page.format.number(total),
                  })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m('table.select')}</th>
                      <th scope="col">{m('table.participant')}</th>
                      <th scope="col">{m('table.contract')}</th>
                      <th scope="col">{m('table.outcome')}</th>
                      <th scope="col">{m('table.cohort')}</th>
                      <th scope="col">{m('table.achieved')}</th>
                      <th scope="col">{m('table.evidence')}</th>
                      <th scope="col">{m('table.state')}</th>
                      <th scope="col">{m('table.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((r) => <QueueRow page={page} m={m} r={r} title={titles.get(r.contract_id) ?? ''} checked={selected.has(`${r.contract_id}:${r.id}`)} />)}
                  </tbody>
                </table>
              </div>
              <nav aria-label={m('page.nav')} class="actions">
                {cursor ? <a href={queueLink(values)}>{m('page.first')}</a> : null}
                {more ? <a href={queueLink(values, { after: shown[shown.length - 1]!.id, n: String(firstIndex + shown.length) })}>{m('page.next')}</a> : null}
              </nav>
              <BulkFields page={page} m={m} bulk={bulk} awaiting={awaiting} />
            </form>
          )}
        </>
      )}
    </Layout>
  ), hasErrors ? 422 : status);
}

function QueueRow(props: { page: PageContext; m: Msg; r: QueueRecord; title: string; checked: boolean }) {
  const { page, m, r } = props;
  const state = stateOf(r);
  const id = `rec-${r.id}`;
  const date = page.format.date(dateOf(r.achieved_on));
  return (
    <tr>
      <td>
        {state === 'submitted' ? (
          <>
            <input type="checkbox" id={id} name="record" value={`${r.contract_id}:${r.id}`} checked={props.checked} />
            <label for={id} class="visually-hidden">{m('table.selectRecord', { participant: r.participant_ref, outcome: r.metric, date })}</label>
          </>
        ) : null}
      </td>
      <th scope="row"><a href={participantLink(r.contract_id, r.participant_ref)}>{r.participant_ref}</a></th>
      <td>{props.title}</td>
      <td>{r.metric}</td>
      <td>{r.cohort}</td>
      <td>{date}</td>
      <td>{(r.evidence ?? []).join(', ')}</td>
      <td><StateBadge m={m} state={state} /></td>
      <td>{r.reason ?? ''}</td>
    </tr>
  );
}

function BulkFields(props: { page: PageContext; m: Msg; bulk: BulkState; awaiting: number }) {
  const { m, bulk } = props;
  const scope = bulk.scope || 'selected';
  const decision = bulk.decision || 'validated';
  const reasonDescribed = ['bulk-reason-hint', bulk.errors?.reason ? 'bulk-reason-error' : null].filter(Boolean).join(' ');
  return (
    <fieldset class="panel">
      <legend>{m('bulk.legend')}</legend>
      <fieldset>
        <legend>{m('bulk.scope')}</legend>
        <div class="field choice">
          <input type="radio" id="bulk-record" name="scope" value="selected" checked={scope === 'selected'} />
          <label for="bulk-record">{m('bulk.scopeSelected')}</label>
        </div>
        {props.awaiting > 0 ? (
          <div class="field choice">
            <input type="radio" id="bulk-scope-filter" name="scope" value="filter" checked={scope === 'filter'} />
            <label for="bulk-scope-filter">{m('bulk.scopeFilter', { count: props.page.format.number(props.awaiting) })}</label>
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{m('bulk.decision')}</legend>
        <div class="field choice">
          <input type="radio" id="bulk-decision" name="decision" value="validated" checked={decision === 'validated'} />
          <label for="bulk-decision">{m('bulk.validate')}</label>
        </div>
        <div class="field choice">
          <input type="radio" id="bulk-decision-rejected" name="decision" value="rejected" checked={decision === 'rejected'} />
          <label for="bulk-decision-rejected">{m('bulk.reject')}</label>
        </div>
      </fieldset>
      <div class="field">
        <label for="bulk-reason">{m('bulk.reason')}</label>
        <span class="hint" id="bulk-reason-hint">{m('bulk.reasonHint')}</span>
        <FieldError id="bulk-reason-error" text={bulk.errors?.reason} />
        <textarea id="bulk-reason" name="reason" rows={3} maxlength={2000} aria-describedby={reasonDescribed} aria-invalid={bulk.errors?.reason ? 'true' : undefined}>{bulk.reason ?? ''}</textarea>
      </div>
      <button type="submit">{m('bulk.continue')}</button>
    </fieldset>
  );
}

/** What a review form asks for, read and checked: the decision, the reason, and the records or the filter (one contract group each). */
interface Selection {
  values: FilterValues;
  scope: 'selected' | 'filter';
  decision: 'validated' | 'rejected';
  reason: string;
  /** Record ids per contract (selected records). */
  byContract: Map<string, string[]>;
  records: string[];
  filter: RecordFilter | undefined;
  /** The contracts the review applies to: those of the selected records, or all those the filter covers. */
  contractIds: string[];
  /** Records per contract: those selected, or those awaiting review that match the filter now. */
  counts: Map<string, number>;
  total: number;
}

class SelectionChanged extends Error {
  constructor(readonly expected: number, readonly actual: number) {
    super('the selection changed');
  }
}

/** Reads a review form; answers the form again (422) with the problems named, or the selection. */
async function selectionOf(c: WebContext, fields: Awaited<ReturnType<typeof fieldsOf>>, applying = false): Promise<Selection | { problems: BulkState }> {
  const m = c.var.page.messages(evaluatorMessages) as Msg;
  const values = filterValuesOf(fields.one);
  const scopeChoice = fields.one('scope') === 'filter' ? 'filter' : 'selected';
  const decision = fields.one('decision');
  const reason = fields.one('reason');
  const records = [...new Set(fields.all('record'))];
  const errors: NonNullable<BulkState['errors']> = {};
  if (decision !== 'validated' && decision !== 'rejected') errors.decision = m('bulk.decisionRequired');
  if (decision === 'rejected' && !reason) errors.reason = m('bulk.reasonRequired');
  if (scopeChoice === 'selected' && records.length === 0) errors.record = m('bulk.noneSelected');
  const scope = await contractsFor(c, 'measurement.validate');
  const byContract = new Map<string, string[]>();
  for (const pair of records) {
    const [contractId, recordId] = pair.split(':');
    if (!contractId || !recordId || !uuid.test(recordId)) throw new ApiError('validation_failed', 'Not a record.');
    inScope(scope, contractId); // another organisation's contract: the 404 page
    byContract.set(contractId, [...(byContract.get(contractId) ?? []), recordId]);
  }
  const parsed = parseFilter(values, scope, m);
  if (Object.keys(parsed.errors).length > 0) return { problems: { scope: scopeChoice, decision, reason, records: new Set(records), errors } };
  let counts = new Map<string, number>();
  if (scopeChoice === 'filter' && parsed.filter) {
    // Applying, the count confirmed is checked inside the write (and a replayed form finds none left).
    if (!applying) counts = await queueCounts(c.var.db, parsed.contractIds, { ...parsed.filter, status: 'submitted', includeSuperseded: false });
    if (!applying && counts.size === 0) errors.record = m('bulk.nothingMatches');
  } else {
    for (const [id, list] of byContract) counts.set(id, list.length);
  }
  if (Object.keys(errors).length > 0) return { problems: { scope: scopeChoice, decision, reason, records: new Set(records), errors } };
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    values, scope: scopeChoice, decision: decision as 'validated' | 'rejected', reason, byContract, records: records.sort(),
    filter: parsed.filter, counts, total,
    contractIds: (scopeChoice === 'filter' ? [...parsed.contractIds] : [...byContract.keys()]).sort(),
  };
}

function ConfirmPage(props: { page: PageContext; s: Selection; titles: Map<string, string> }) {
  const { page, s } = props;
  const m = page.messages(evaluatorMessages) as Msg;
  const sentence = s.total === 1
    ? m(s.decision === 'validated' ? 'confirm.validateOne' : 'confirm.rejectOne')
    : m(s.decision === 'validated' ? 'confirm.validate' : 'confirm.reject', { count: page.format.number(s.total) });
  return (
    <Layout page={page} title={m('confirm.title')}>
      <h1>{m('confirm.title')}</h1>
      <Notice kind="warn"><p class="confirm-count">{sentence}</p>{s.reason ? <p>{m('confirm.reason', { reason: s.reason })}</p> : null}</Notice>
      <div class="table-wrap" tabindex={0}>
        <table>
          <caption>{m('confirm.perContract')}</caption>
          <thead><tr><th scope="col">{m('table.contract')}</th><th scope="col" class="num">{m('confirm.count')}</th></tr></thead>
          <tbody>
            {[...s.counts].map(([id, n]) => <tr><th scope="row">{props.titles.get(id) ?? id}</th><td class="num">{page.format.number(n)}</td></tr>)}
          </tbody>
        </table>
      </div>
      <form method="post" action="/evaluator/review">
        <CsrfField page={page} />
        <HiddenFilter values={s.values} />
        <input type="hidden" name="scope" value={s.scope} />
        <input type="hidden" name="decision" value={s.decision} />
        <input type="hidden" name="reason" value={s.reason} />
        {s.scope === 'selected' ? s.records.map((r) => <input type="hidden" name="record" value={r} />) : null}
        <input type="hidden" name="count" value={String(s.total)} />
        <input type="hidden" name="key" value={crypto.randomUUID()} />
        <div class="actions">
          <button type="submit">{m('confirm.apply')}</button>
          <a class="button secondary" href={queueLink(s.values)}>{m('confirm.back')}</a>
        </div>
      </form>
    </Layout>
  );
}

/** Applies a confirmed review: the API's action per contract, all in one write, exactly the confirmed count or nothing. */
async function applyReview(c: WebContext): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorMessages) as Msg;
  const fields = await fieldsOf(c);
  const back = fields.one('back');
  const selection = await selectionOf(c, fields, true);
  if ('problems' in selection) {
    if (back) return showParticipantFromBack(c, back, selection.problems);
    return showQueue(c, filterValuesOf(fields.one), selection.problems, 422);
  }
  const s = selection;
  const expected = Number(fields.one('count'));
  const key = fields.one('key');
  if (!Number.isInteger(expected) || expected < 1 || !/^[\x21-\x7e]{1,100}$/.test(key)) throw new ApiError('validation_failed', 'The confirmation is missing: review again from the queue.');
  const request = { decision: s.decision, reason: s.reason, scope: s.scope, records: s.records, filter: s.scope === 'filter' ? s.filter : null, contracts: s.contractIds, expected };
  let outcome: { reviewed: number; decision: string };
  try {
    outcome = await act(c, async (ctx) => {
      let reviewed = 0;
      for (const contractId of s.contractIds) {
        const byIds = s.scope === 'selected';
        const filter: RecordFilter = byIds ? { includeSuperseded: true, ids: s.byContract.get(contractId)! } : s.filter!;
        reviewed += (await reviewRecords(ctx, { kind: claimKind, contractId, decision: s.decision, reason: s.reason || null, filter, byIds })).reviewed;
      }
      if (reviewed !== expected) throw new SelectionChanged(expected, reviewed);
      return { reviewed, decision: s.decision };
    }, { idempotency: { key: `web-review:${key}`, operation: 'POST /evaluator/review', requestDigest: await contentDigest(request) } });
  } catch (error) {
    if (error instanceof SelectionChanged) {
      return errorPage(c, 409, m('changed.text', { expected: page.format.number(error.expected), actual: page.format.number(error.actual) }));
    }
    throw error;
  }
  await refreshStatistics(c.var.db, 'measurement_review', outcome.reviewed);
  if (back) return seeOther(c, safeNext(back));
  return seeOther(c, queueLink({ ...s.values }, { done: outcome.decision, count: String(outcome.reviewed) }));
}

// ---- a participant's records ----

async function showParticipant(c: WebContext, contractId: string, ref: string, problems: { record?: string; errors?: BulkState['errors']; reason?: string } = {}): Promise<Response> {
  const page = c.var.page;
  const m = page.messages(evaluatorMessages) as Msg;
  const { contract, roles } = c.var.access;
  const rows = await claimsQuery(c.var.db, contractId, { includeSuperseded: true, participantRef: ref }).orderBy('c.achieved_on').orderBy('c.id').execute();
  if (rows.length === 0) return errorPage(c, 404);
  const mayReview = mayAct('measurement.validate', roles);
  const here = participantLink(contractId, ref);
  const hasErrors = Boolean(problems.errors && Object.keys(problems.errors).length > 0);
  return render(c, (
    <Layout page={page} title={m('participant.title', { participant: ref })}>
      <p><a href="/evaluator">{m('participant.back')}</a></p>
      <h1>{m('participant.title', { participant: ref })}</h1>
      <p>{m('participant.intro', { contract: contract.title })}</p>
      {hasErrors ? (
        <Notice kind="error" title={page.t('error.title.422')}>
          <ul>{Object.values(problems.errors!).map((e) => <li><a href={`#reason-${problems.record}`}>{e}</a></li>)}</ul>
        </Notice>
      ) : null}
      <div class="table-wrap" tabindex={0}>
        <table>
          <caption>{m('participant.caption', { participant: ref })}</caption>
          <thead>
            <tr>
              <th scope="col">{m('table.achieved')}</th>
              <th scope="col">{m('table.outcome')}</th>
              <th scope="col">{m('table.cohort')}</th>
              <th scope="col">{m('table.evidence')}</th>
              <th scope="col" class="num">{m('table.quantity')}</th>
              <th scope="col">{m('table.state')}</th>
              <th scope="col">{m('table.reason')}</th>
              <th scope="col">{m('table.submitted')}</th>
              <th scope="col">{m('table.review')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const state = stateOf(r);
              const date = page.format.date(dateOf(r.achieved_on));
              const reviewable = mayReview && state === 'submitted';
              const error = problems.record === r.id ? problems.errors?.reason : undefined;
              return (
                <tr>
                  <th scope="row">{date}</th>
                  <td>{r.metric}</td>
                  <td>{r.cohort}</td>
                  <td>{(r.evidence ?? []).join(', ')}</td>
                  <td class="num">{r.quantity !== null && r.quantity !== undefined ? page.format.number(String(r.quantity)) : ''}</td>
                  <td>
                    <StateBadge m={m} state={state} />
                    {r.supersedes_id ? <span class="hint">{m('table.corrects')}</span> : null}
                  </td>
                  <td>{r.reason ?? ''}{r.reviewed_at ? <span class="hint">{m('participant.reviewedBy', { date: page.format.dateTime(r.reviewed_at) })}</span> : null}</td>
                  <td>{page.format.dateTime(r.submitted_at)} · {m('table.row')} {r.row_number}</td>
                  <td>
                    {reviewable ? (
                      <form method="post" action="/evaluator/review">
                        <fieldset>
                          <legend class="visually-hidden">{m('participant.reviewLegend', { date, outcome: r.metric })}</legend>
                          <CsrfField page={page} />
                          <input type="hidden" name="scope" value="selected" />
                          <input type="hidden" name="record" value={`${contractId}:${r.id}`} />
                          <input type="hidden" name="count" value="1" />
                          <input type="hidden" name="key" value={crypto.randomUUID()} />
                          <input type="hidden" name="back" value={here} />
                          <div class="field">
                            <label for={`reason-${r.id}`}>{m('participant.reasonLabel', { date })}</label>
                            <FieldError id={`reason-${r.id}-error`} text={error} />
                            <textarea id={`reason-${r.id}`} name="reason" rows={2} maxlength={2000}
                              aria-describedby={error ? `reason-${r.id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>{error ? problems.reason ?? '' : ''}</textarea>
                          </div>
                          <div class="actions">
                            <button type="submit" name="decision" value="validated">{m('participant.validateOne')}</button>
                            <button type="submit" name="decision" value="rejected" class="secondary">{m('participant.rejectOne')}</button>
                          </div>
                        </fieldset>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Layout>
  ), hasErrors ? 422 : 200);
}

/** A one-by-one review from a participant's page that needs correcting: that page again, the error at the record's field. */
async function showParticipantFromBack(c: WebContext, back: string, problems: BulkState): Promise<Response> {
  const match = /^\/contracts\/([^/]+)\/participants\/([^/?]+)$/.exec(safeNext(back));
  if (!match) return errorPage(c, 422);
  const record = [...(problems.records ?? [])][0]?.split(':')[1];
  c.set('access', { ...(await contractFor(c, match[1]!, 'measurement.read_participants')), auditHead: 0 });
  return showParticipant(c, match[1]!, decodeURIComponent(match[2]!), { record, errors: problems.errors, reason: problems.reason });
}

export const queuePages = new Hono<WebEnv>()
  .get('/evaluator', memberPage(), async (c) => showQueue(c, filterValuesOf((n) => c.req.query(n))))
  .post('/evaluator/review/confirm', memberPage(), async (c) => {
    const fields = await fieldsOf(c);
    const selection = await selectionOf(c, fields);
    if ('problems' in selection) return showQueue(c, filterValuesOf(fields.one), selection.problems, 422);
    const scope = await contractsFor(c, 'measurement.validate');
    return render(c, <ConfirmPage page={c.var.page} s={selection} titles={new Map(scope.map((s) => [s.id, s.title]))} />);
  })
  .post('/evaluator/review', memberPage(), applyReview)
  .get('/contracts/:id/participants/:ref', memberPage(), contractPage('measurement.read_participants'), async (c) =>
    showParticipant(c, c.req.param('id'), c.req.param('ref')));
