import { Decimal } from 'decimal.js';
import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { ApiError } from '../../api/errors/api-error.ts';
import { evaluationLines } from '../../api/evaluations/statements.handlers.ts';
import { readerAcrossContracts, readerForContract } from '../../api/read-replica.ts';
import { liabilitiesOf, portfolioOf, statusOf } from '../../api/status/status.handlers.ts';
import { findContractAccess } from '../../db/queries/api-keys.ts';
import { termsInForce } from '../../db/queries/contracts.ts';
import { findEvaluation, listEvaluations } from '../../db/queries/evaluations.ts';
import { obligationsOf, settlementsOf } from '../../db/queries/money.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import { payableOn, reconcile } from '../../domain/ledger/accounts.ts';
import { dec, formatAmount } from '../../domain/money/money.ts';
import { dateInZone } from '../../domain/time/dates.ts';
import { ledgerObligation, ledgerSettlement, recordSettlement } from '../../usecases/record-settlement.ts';
import { contractFor, contractPage, PageNotFound } from '../access.ts';
import { act, formKeyOf, formOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import { barChart, lineChart } from '../charts/index.ts';
import { percentText } from '../contracts/render-terms.tsx';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { registerNav } from '../nav.ts';
import { render, seeOther } from '../render.ts';
import { repaymentMessages } from './messages.ts';
import { evaluatedNotice, evaluateFormFor } from './evaluate.tsx';
import { auditMessages } from '../audit/messages.ts';

/**
 * Repayment at a glance (issue 18). Every figure comes from the API's own computations — the
 * status view and its per-contract cache (statusOf), liabilitiesOf, portfolioOf, the evaluation's
 * statement (evaluationLines) — never recomputed here; the charts (our server-side SVG,
 * src/web/charts) only draw what the table beside them lists. A settlement is recorded through
 * the API's action (recordSettlement) under the form's Idempotency-Key.
 */
registerNav({ href: '/payer', label: (page) => page.messages(repaymentMessages)('nav.payer'), show: (v) => !v.isPlatformAdmin && (v.organisationKind === 'public_authority' || v.organisationKind === 'intermediary'), order: 20 });
registerNav({ href: '/investor', label: (page) => page.messages(repaymentMessages)('nav.investor'), show: (v) => !v.isPlatformAdmin && v.organisationKind === 'investor', order: 30 });

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Svg = (props: { svg: string }) => <figure class="chart-figure">{raw(props.svg)}</figure>;
/** A number cell: formatted for reading, its exact decimal in data-value. */
const Num = (props: { value: string | null | undefined; children?: Child }) => <td class="num" data-value={props.value ?? ''}>{props.children}</td>;

const msgs = (page: PageContext) => page.messages(repaymentMessages);
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** An amount in the page's language; what is not a decimal (a label the engine wrote) is shown as written. */
const money = (page: PageContext, currency: string) => (value: string | null | undefined) =>
  (value === null || value === undefined || value === '' ? '—' : DECIMAL.test(value) ? `${approx(value)}${page.format.amount(shown(value), currency)}` : value);
const quantity = (page: PageContext, value: string) => (DECIMAL.test(value) ? `${approx(value)}${page.format.number(shown(value))}` : value);
/** Exact figures of a statement can carry 40 decimals: shown to 6 (marked ≈), exact in the cell's data-value and the CSV/XLSX. */
const shown = (value: string) => ((value.split('.')[1]?.length ?? 0) > 6 ? dec(value).toDecimalPlaces(6).toFixed() : value);
const approx = (value: string) => (shown(value) === value ? '' : '≈ ');
const axisMoney = (page: PageContext, currency: string) => (value: number) => page.format.amount(dec(value).toFixed(), currency).replace(/[.,]00(?=\D*$)/, '');
const pct = (page: PageContext, value: string | null) => (value === null ? '—' : `${page.format.number(dec(value).times(100).toDecimalPlaces(2).toFixed())} %`);
const ratio = (page: PageContext, value: string | null) => (value === null ? '—' : `${page.format.number(dec(value).toDecimalPlaces(4).toFixed())}×`);

/** Cumulative sums of dated amounts, one point per date (for step charts). */
function cumulative(flows: readonly { date: string; amount: string }[]): { date: string; total: string }[] {
  const byDate = new Map<string, ReturnType<typeof dec>>();
  for (const f of [...flows].sort((a, b) => a.date.localeCompare(b.date))) byDate.set(f.date, (byDate.get(f.date) ?? dec(0)).plus(f.amount));
  let total = dec(0);
  return [...byDate].map(([date, amount]) => ({ date, total: (total = total.plus(amount)).toFixed() }));
}

/** The value of a cumulative series at a date (its last point on or before). */
const at = (series: readonly { date: string; total: string }[], date: string) => [...series].reverse().find((p) => p.date <= date)?.total ?? '0';

async function statusFor(c: WebContext, id: string) {
  const { contract, roles } = await contractFor(c, id, 'status.read');
  const principal = c.var.principal;
  const found = await findContractAccess(c.var.db, principal.organisationId, id);
  // As the API's status: the read replica (DATABASE_READ_URL) once it holds this contract's writes.
  const reader = await readerForContract(c, id, found.auditHead);
  return statusOf(reader, { contract, roles, auditHead: found.auditHead }, principal.organisationId, c.var.deps.clock());
}

function StatusPage(props: { page: PageContext; status: Awaited<ReturnType<typeof statusOf>> }) {
  const { page, status } = props;
  const m = msgs(page);
  const { body, ledger, terms } = status;
  const partyName = (key: string) => terms?.definition.parties.find((p) => p.key === key)?.name ?? key;
  const ruleName = (key: string) => terms?.definition.pricing.find((r) => r.key === key)?.name ?? key;
  const capName = (x: { cap: string; scope: string }) => {
    switch (x.cap) {
      case 'maximumOutcomePayment': return m('cap.contract');
      case 'payer.maximumCommitment': return m('cap.payer', { party: partyName(x.scope) });
      case 'cohort.maxPayment': return m('cap.cohort', { scope: x.scope });
      case 'period.maxPayment': return m('cap.period', { scope: x.scope });
      case 'rule.cap.total': return m('cap.rule', { rule: ruleName(x.scope) });
      case 'rule.cap.perScope': {
        const [rule = '', scope = ''] = x.scope.split(':');
        return m('cap.ruleScope', { rule: ruleName(rule), scope });
      }
      default: return `${x.cap} ${x.scope}`.trim();
    }
  };
  const cur = body.contract.currency;
  const $ = money(page, cur);
  const axis = axisMoney(page, cur);
  const fmtDate = (x: string | number) => page.format.date(String(x));
  const o = body.obligations;
  const id = body.contract.id;
  if (!ledger) {
    return <Layout page={page} title={m('status.title', { title: body.contract.title })}><h1>{m('status.title', { title: body.contract.title })}</h1><Notice kind="info">{m('status.noTerms')}</Notice></Layout>;
  }
  // Obligations over time: what the ledger holds, by date (the totals above are the status view's).
  const triggered = cumulative(ledger.obligations.map((x) => ({ date: x.triggered_on, amount: x.amount })));
  const settled = cumulative(ledger.settlements.map((x) => ({ date: x.settled_on, amount: x.amount })));
  const dates = [...new Set([...triggered.map((p) => p.date), ...settled.map((p) => p.date)])].sort();
  const visible = new Set(body.investors.map((i) => i.party));
  return (
    <Layout page={page} title={m('status.title', { title: body.contract.title })}>
      <h1>{m('status.title', { title: body.contract.title })}</h1>
      <p>{m('status.intro', { today: page.format.date(body.today), version: String(body.contract.contractVersion ?? '—') })}</p>
      <p class="no-print"><a href={`/contracts/${id}/evaluations`}>{m('status.evaluations')}</a> · <a href={`/contracts/${id}/audit`}>{page.messages(auditMessages)('link')}</a></p>

      <h2 id="summary">{m('status.summary')}</h2>
      <div class="table-wrap" tabindex={0}><table class="status-summary">
        <caption>{m('status.summary')}</caption>
        <thead><tr><th scope="col">{m('status.figure')}</th><th scope="col">{m('status.value')}</th></tr></thead>
        <tbody>
          <tr><th scope="row">{m('status.committed')}</th><Num value={body.capital.committed}>{$(body.capital.committed)}</Num></tr>
          <tr><th scope="row">{m('status.drawn')}</th><Num value={body.capital.drawn}>{$(body.capital.drawn)}</Num></tr>
          <tr><th scope="row">{m('status.triggered')}</th><Num value={o.triggered}>{$(o.triggered)}</Num></tr>
          <tr><th scope="row">{m('status.credits')}</th><Num value={o.credits}>{$(o.credits)}</Num></tr>
          <tr><th scope="row">{m('status.settled')}</th><Num value={o.settled}>{$(o.settled)}</Num></tr>
          <tr><th scope="row">{m('status.outstanding')}</th><Num value={o.outstanding}>{$(o.outstanding)}</Num></tr>
          <tr><th scope="row">{m('status.overdue')}</th><Num value={o.overdue}>{$(o.overdue)}</Num></tr>
          <tr><th scope="row">{m('status.owedBack')}</th><Num value={o.owedBack}>{$(o.owedBack)}</Num></tr>
          <tr><th scope="row">{m('status.latestEvaluation')}</th><td>{body.latestEvaluation
            ? <a href={`/contracts/${id}/evaluations/${body.latestEvaluation.id}`}>{page.format.date(body.latestEvaluation.asOf)}</a> : m('status.none')}</td></tr>
          <tr><th scope="row">{m('status.nextEvaluation')}</th><td>{body.nextEvaluation ? page.format.dateTime(new Date(body.nextEvaluation)) : m('status.none')}</td></tr>
        </tbody>
      </table></div>

      <h2 id="outcomes">{m('status.outcomes')}</h2>
      {body.outcomes.map((metric) => {
        const scopes = metric.byScope as {
          cohort?: string; period?: string; achieved: string | null; comparison?: string | null; scenarios: { scenario: string; expected: string | null }[];
          threshold?: string; thresholdLevel?: string | null; improvement?: string | null; reachesThreshold?: boolean | null;
        }[];
        const counterfactual = metric.level !== 'participant' && scopes.some((s) => s.comparison);
        const thresholds = scopes.some((s) => s.threshold !== undefined);
        const pct = (fraction: string) => percentText(page, new Decimal(fraction).toDecimalPlaces(4).toFixed());
        const scenarios = scopes[0]?.scenarios.map((s) => s.scenario) ?? [];
        const labels = scopes.map((s) => s.cohort ?? s.period ?? '');
        const svg = barChart(
          { title: m('status.outcomes.chart', { name: metric.name }), desc: m('status.outcomes.desc'), empty: m('status.nothingYet') }, labels,
          [{ name: m('status.achieved'), values: scopes.map((s) => s.achieved ?? 0) },
            ...(counterfactual ? [{ name: m('status.comparison'), values: scopes.map((s) => s.comparison ?? 0) }] : []),
            ...(thresholds ? [{ name: m('status.thresholdLevel'), values: scopes.map((s) => s.thresholdLevel ?? 0) }] : []),
            ...scenarios.map((key, i) => ({ name: m('status.expected', { scenario: key }), values: scopes.map((s) => s.scenarios[i]?.expected ?? 0) }))],
          { format: (v) => page.format.number(String(v)) },
        );
        return (
          <section class="chart-block">
            <h3>{metric.name} <span class="muted">({metric.unit})</span></h3>
            <Svg svg={svg} />
            <div class="table-wrap" tabindex={0}><table>
              <caption>{m('status.outcomes.chart', { name: metric.name })}{metric.target ? ` — ${m('status.target')} ${page.format.number(metric.target)}` : ''}</caption>
              <thead><tr><th scope="col">{m('status.scope')}</th><th scope="col">{m('status.achieved')}</th>
                {metric.level === 'participant' ? null : <th scope="col">{m('status.comparison')}</th>}
                {thresholds ? <><th scope="col">{m('status.improvement')}</th><th scope="col">{m('status.threshold')}</th><th scope="col">{m('status.thresholdLevel')}</th><th scope="col">{m('status.reaches')}</th></> : null}
                {scenarios.map((s) => <th scope="col">{m('status.expected', { scenario: s })}</th>)}</tr></thead>
              <tbody>{scopes.map((s, i) => (
                <tr><th scope="row">{labels[i]}</th><Num value={s.achieved}>{s.achieved === null ? '—' : page.format.number(s.achieved)}</Num>
                  {metric.level === 'participant' ? null : <Num value={s.comparison ?? null}>{s.comparison ? page.format.number(s.comparison) : '—'}</Num>}
                  {thresholds ? <>
                    <Num value={s.improvement ?? null}>{s.improvement ? pct(s.improvement) : '—'}</Num>
                    <Num value={s.threshold ?? null}>{s.threshold ? pct(s.threshold) : '—'}</Num>
                    <Num value={s.thresholdLevel ?? null}>{s.thresholdLevel ? page.format.number(new Decimal(s.thresholdLevel).toDecimalPlaces(4).toFixed()) : '—'}</Num>
                    <td>{s.reachesThreshold === true ? m('status.reaches.yes') : s.reachesThreshold === false ? m('status.reaches.no') : '—'}</td>
                  </> : null}
                  {s.scenarios.map((x) => <Num value={x.expected}>{x.expected === null ? '—' : page.format.number(x.expected)}</Num>)}</tr>
              ))}</tbody>
            </table></div>
          </section>
        );
      })}

      <h2 id="over-time">{m('status.over')}</h2>
      <section class="chart-block">
        <Svg svg={lineChart({ title: m('status.over.chart'), desc: m('status.over.desc'), empty: m('status.nothingYet') }, [
          { name: m('status.cumTriggered'), step: true, points: dates.map((d) => ({ x: d, y: at(triggered, d) })) },
          { name: m('status.cumSettled'), step: true, points: dates.map((d) => ({ x: d, y: at(settled, d) })) },
        ], { format: axis, formatX: fmtDate })} />
        {dates.length === 0 ? <p>{m('status.nothingYet')}</p> : (
          <div class="table-wrap" tabindex={0}><table class="obligations-over-time">
            <caption>{m('status.over.chart')}</caption>
            <thead><tr><th scope="col">{m('status.date')}</th><th scope="col">{m('status.cumTriggered')}</th><th scope="col">{m('status.cumSettled')}</th><th scope="col">{m('status.cumOutstanding')}</th></tr></thead>
            <tbody>{dates.map((d) => {
              const t = at(triggered, d); const s = at(settled, d); const left = dec(t).minus(s).toFixed();
              return <tr><th scope="row">{page.format.date(d)}</th><Num value={t}>{$(t)}</Num><Num value={s}>{$(s)}</Num><Num value={left}>{$(left)}</Num></tr>;
            })}</tbody>
          </table></div>
        )}
      </section>

      <h2 id="caps">{m('status.caps')}</h2>
      <section class="chart-block">
        <Svg svg={barChart({ title: m('status.caps.chart'), desc: m('status.caps.desc'), empty: m('status.nothingYet') }, body.caps.map(capName),
          [{ name: m('status.used'), values: body.caps.map((x) => x.used) }, { name: m('status.headroom'), values: body.caps.map((x) => x.headroom) }], { format: axis })} />
        <div class="table-wrap" tabindex={0}><table class="caps">
          <caption>{m('status.caps.chart')}</caption>
          <thead><tr><th scope="col">{m('status.cap')}</th><th scope="col">{m('status.limit')}</th><th scope="col">{m('status.used')}</th><th scope="col">{m('status.headroom')}</th></tr></thead>
          <tbody>{body.caps.map((x) => (
            <tr><th scope="row">{capName(x)}</th><Num value={x.limit}>{$(x.limit)}</Num><Num value={x.used}>{$(x.used)}</Num><Num value={x.headroom}>{$(x.headroom)}</Num></tr>
          ))}</tbody>
        </table></div>
      </section>

      {body.investors.length === 0 ? null : <h2 id="investors">{m('status.investors')}</h2>}
      {body.investors.map((inv) => {
        const drawn = cumulative(ledger.drawdowns.filter((d) => d.investor_party === inv.party && visible.has(d.investor_party)).map((d) => ({ date: d.drawn_on, amount: d.amount })));
        const repaid = cumulative(ledger.distributions.filter((d) => d.role === 'investor' && d.recipient_party === inv.party).map((d) => ({ date: d.distributed_on, amount: d.amount })));
        const flowDates = [...new Set([...drawn.map((p) => p.date), ...repaid.map((p) => p.date)])].sort();
        return (
          <section class="investor" data-party={inv.party}>
            <h3>{m('status.investor', { party: partyName(inv.party) })}</h3>
            <div class="table-wrap" tabindex={0}><table class="investor-figures">
              <caption>{m('status.investor', { party: partyName(inv.party) })}</caption>
              <thead><tr><th scope="col">{m('status.figure')}</th><th scope="col">{m('status.value')}</th></tr></thead>
              <tbody>
                <tr><th scope="row">{m('status.committed')}</th><Num value={inv.committed}>{$(inv.committed)}</Num></tr>
                <tr><th scope="row">{m('status.drawn')}</th><Num value={inv.drawn}>{$(inv.drawn)}</Num></tr>
                <tr><th scope="row">{m('status.repaid')}</th><Num value={inv.repaidToDate}>{$(inv.repaidToDate)}</Num></tr>
                <tr><th scope="row">{m('status.multiple')}</th><Num value={inv.moneyMultiple}>{ratio(page, inv.moneyMultiple)}</Num></tr>
                <tr><th scope="row">{m('status.irr')}</th><Num value={inv.irrToDate}>{pct(page, inv.irrToDate)}</Num></tr>
                <tr><th scope="row">{m('status.returnCapHeadroom')}</th><Num value={inv.returnCapHeadroom}>{$(inv.returnCapHeadroom)}</Num></tr>
              </tbody>
            </table></div>
            <Svg svg={lineChart({ title: m('status.flows.chart', { party: partyName(inv.party) }), desc: m('status.flows.desc'), empty: m('status.nothingYet') }, [
              { name: m('status.cumDrawn'), step: true, points: flowDates.map((d) => ({ x: d, y: at(drawn, d) })) },
              { name: m('status.cumRepaid'), step: true, points: flowDates.map((d) => ({ x: d, y: at(repaid, d) })) },
            ], { format: axis, formatX: fmtDate })} />
            {flowDates.length === 0 ? null : (
              <div class="table-wrap" tabindex={0}><table>
                <caption>{m('status.flows.chart', { party: partyName(inv.party) })}</caption>
                <thead><tr><th scope="col">{m('status.date')}</th><th scope="col">{m('status.cumDrawn')}</th><th scope="col">{m('status.cumRepaid')}</th></tr></thead>
                <tbody>{flowDates.map((d) => <tr><th scope="row">{page.format.date(d)}</th><Num value={at(drawn, d)}>{$(at(drawn, d))}</Num><Num value={at(repaid, d)}>{$(at(repaid, d))}</Num></tr>)}</tbody>
              </table></div>
            )}
            <h4>{m('status.projections')}</h4>
            <Svg svg={barChart({ title: m('status.proj.chart', { party: partyName(inv.party) }), desc: m('status.proj.desc'), empty: m('status.nothingYet') },
              [m('status.repaid'), ...inv.projected.map((p) => p.name)], [{ name: m('status.projectedRepayment'), values: [inv.repaidToDate, ...inv.projected.map((p) => p.projectedRepayment)] }], { format: axis })} />
            <div class="table-wrap" tabindex={0}><table class="projections">
              <caption>{m('status.proj.chart', { party: partyName(inv.party) })}</caption>
              <thead><tr><th scope="col">{m('status.scenario')}</th><th scope="col">{m('status.contractTotal')}</th><th scope="col">{m('status.projectedRepayment')}</th><th scope="col">{m('status.multiple')}</th><th scope="col">{m('status.irr')}</th></tr></thead>
              <tbody>{inv.projected.map((p) => (
                <tr><th scope="row">{p.name}</th><Num value={p.contractTotal}>{$(p.contractTotal)}</Num><Num value={p.projectedRepayment}>{$(p.projectedRepayment)}</Num>
                  <Num value={p.multiple}>{ratio(page, p.multiple)}</Num><Num value={p.irr}>{pct(page, p.irr)}</Num></tr>
              ))}</tbody>
            </table></div>
          </section>
        );
      })}
    </Layout>
  );
}

// ---- The payer

type Obligation = Awaited<ReturnType<typeof obligationsOf>>[number];

/** What remains payable on each of the organisation's obligations of a contract (the reconciliation the settlement action applies). */
async function payableObligations(c: WebContext, contractId: string) {
  const terms = await termsInForce(c.var.db, contractId);
  const today = dateInZone(c.var.deps.clock(), terms?.definition.evaluation.timeZone ?? 'UTC');
  const all = await obligationsOf(c.var.db, contractId);
  const ledger = reconcile(all.map(ledgerObligation), (await settlementsOf(c.var.db, contractId)).map(ledgerSettlement), today);
  const mine = all.filter((o) => o.payer_organisation_id === c.var.principal.organisationId && dec(o.amount).gt(0));
  return { today, rows: mine.map((o) => ({ obligation: o, payable: formatAmount(payableOn(ledger, ledgerObligation(o)), o.currency) })) };
}

interface SettleValues { amount: string; currency: string; settledOn: string; reference: string }

function SettlePage(props: { page: PageContext; title: string; obligation: Obligation; payable: string; values: SettleValues; formKey: string; errors?: Record<string, string>; message?: string }) {
  const { page, obligation: o, values, errors = {} } = props;
  const m = msgs(page);
  return (
    <Layout page={page} title={m('settle.title')}>
      <h1>{m('settle.title')}</h1>
      <p>{m('settle.intro', { line: o.line_key, title: props.title, due: page.format.date(o.due_on), amount: page.format.amount(props.payable, o.currency) })}</p>
      {props.message ? <Notice kind="error" title={m('settle.problem')}><p>{props.message}</p></Notice> : null}
      <form method="post" action={`/contracts/${o.contract_id}/obligations/${o.id}/settle`}>
        <CsrfField page={page} />
        <input type="hidden" name="key" value={props.formKey} />
        <Field id="amount" label={m('settle.amount')} hint={m('settle.amountHint', { currency: values.currency })} value={values.amount} inputmode="decimal" required error={errors.amount} />
        <Field id="currency" label={m('settle.currency')} value={values.currency} required maxlength={3} error={errors.currency} />
        <Field id="settledOn" label={m('settle.settledOn')} hint={m('settle.settledOnHint')} type="date" value={values.settledOn} required error={errors.settledOn} />
        <Field id="reference" label={m('settle.reference')} value={values.reference} maxlength={200} error={errors.reference} />
        <button type="submit">{m('settle.submit')}</button>
      </form>
    </Layout>
  );
}

async function obligationToSettle(c: WebContext) {
  const id = c.req.param('id')!;
  const obligationId = c.req.param('obligationId') ?? '';
  if (!uuid.test(obligationId)) throw new PageNotFound();
  const { rows } = await payableObligations(c, id);
  const row = rows.find((r) => r.obligation.id === obligationId);
  if (!row || dec(row.payable).lte(0)) throw new PageNotFound(); // nothing (more) to settle on it
  return row;
}

export const repaymentPages = new Hono<WebEnv>()
  .get('/contracts/:id/status', memberPage(), async (c) => {
    const status = await statusFor(c, c.req.param('id'));
    return render(c, <StatusPage page={c.var.page} status={status} />);
  })

  .get('/contracts/:id/evaluations', memberPage(), contractPage('evaluation.read'), async (c) => {
    const page = c.var.page;
    const m = msgs(page);
    const { contract } = c.var.access;
    const rows = await listEvaluations(c.var.db, contract.id, undefined, 200);
    return render(c, (
      <Layout page={page} title={m('evaluations.title', { title: contract.title })}>
        <h1>{m('evaluations.title', { title: contract.title })}</h1>
        <p class="no-print"><a href={`/contracts/${contract.id}/status`}>{m('status.title', { title: contract.title })}</a></p>
        {rows.length === 0 ? <p>{m('evaluations.none')}</p> : (
          <div class="table-wrap" tabindex={0}><table>
            <caption>{m('evaluations.caption')}</caption>
            <thead><tr><th scope="col">{m('evaluations.asOf')}</th><th scope="col">{m('evaluations.run')}</th><th scope="col">{m('evaluations.total')}</th><th scope="col">{m('evaluations.open')}</th></tr></thead>
            <tbody>{rows.map((e) => {
              const total = (e.totals as Record<string, string> | null)?.newObligations ?? null;
              return <tr><th scope="row">{page.format.date(e.as_of)}</th><td>{page.format.dateTime(e.created_at)}</td><Num value={total}>{total === null ? '—' : page.format.amount(total, contract.currency)}</Num>
                <td><a href={`/contracts/${contract.id}/evaluations/${e.id}`}>{m('evaluations.open')} {page.format.date(e.as_of)}</a></td></tr>;
            })}</tbody>
          </table></div>
        )}
        {await evaluateFormFor(c)}
      </Layout>
    ));
  })

  .get('/contracts/:id/evaluations/:evaluationId', memberPage(), contractPage('evaluation.read'), async (c) => {
    const page = c.var.page;
    const m = msgs(page);
    const { contract } = c.var.access;
    const evaluationId = c.req.param('evaluationId');
    if (!uuid.test(evaluationId) || !(await findEvaluation(c.var.db, contract.id, evaluationId))) throw new PageNotFound();
    const { result, lines } = await evaluationLines(c.var.db, contract.id, evaluationId);
    const $ = money(page, result.currency);
    const base = `/v1/contracts/${contract.id}/evaluations/${evaluationId}/statement/export`;
    return render(c, (
      <Layout page={page} title={m('statement.title', { asOf: page.format.date(result.asOf) })}>
        <article class="statement">
          <h1>{m('statement.title', { asOf: page.format.date(result.asOf) })}</h1>
          <div class="no-print">{await evaluatedNotice(c, evaluationId)}</div>
          <p>{m('statement.contract', { title: contract.title, reference: contract.reference })}</p>
          <p class="no-print">{m('statement.download')}: <a href={`${base}?format=csv`} download>{m('statement.csv')}</a> · <a href={`${base}?format=xlsx`} download>{m('statement.xlsx')}</a></p>
          <p class="no-print muted">{m('statement.print')}</p>
          {lines.length === 0 ? <p>{m('statement.noLines')}</p> : null}
          {lines.map((l) => (
            <section class="statement-line" data-line={l.lineKey}>
              <h2>{m('statement.obligation', { line: l.lineKey })}</h2>
              <p>{l.ruleKey} · {l.scope} · {l.payer}</p>
              <div class="table-wrap" tabindex={0}><table>
                <caption>{m('statement.obligation', { line: l.lineKey })}</caption>
                <thead><tr><th scope="col">{m('statement.step')}</th><th scope="col">{m('statement.amount')}</th><th scope="col">{m('statement.running')}</th></tr></thead>
                <tbody>
                  {l.items.map((i) => <tr><th scope="row">{i.item} ({quantity(page, i.quantity)} {i.unit}{i.unitPrice ? ` × ${$(i.unitPrice)}` : ''})</th><Num value={i.net}>{$(i.net)}</Num><td></td></tr>)}
                  {l.steps.map((s) => <tr><th scope="row">{s.label}{s.limit ? ` (${$(s.limit)})` : ''}</th><Num value={s.amount}>{$(s.amount)}</Num><Num value={s.total}>{$(s.total)}</Num></tr>)}
                  <tr class="total"><th scope="row">{m('evaluations.total')}</th><Num value={l.amount}>{$(l.amount)}</Num><td></td></tr>
                </tbody>
              </table></div>
              {l.notes.length ? <ul>{l.notes.map((n) => <li>{n}</li>)}</ul> : null}
            </section>
          ))}
          <p class="no-print"><a href={`/contracts/${contract.id}/evaluations`}>{m('statement.back')}</a></p>
        </article>
      </Layout>
    ));
  })

  .get('/payer', memberPage(), async (c) => {
    const page = c.var.page;
    const m = msgs(page);
    const { contracts, totals } = await liabilitiesOf(await readerAcrossContracts(c), c.var.principal.organisationId, c.var.deps.clock());
    const toSettle = await Promise.all([...new Set(contracts.map((x) => x.id))].map(async (id) => ({ id, ...(await payableObligations(c, id)) })));
    const title = new Map(contracts.map((x) => [x.id, x.title]));
    return render(c, (
      <Layout page={page} title={m('payer.title', { organisation: page.viewer!.organisationName })}>
        <h1>{m('payer.title', { organisation: page.viewer!.organisationName })}</h1>
        <p>{m('payer.intro')}</p>
        <p><a href="/disputes">{m('payer.disputes')}</a></p>
        {contracts.length === 0 ? <p>{m('payer.none')}</p> : (
          <>
            <div class="table-wrap" tabindex={0}><table class="liabilities">
              <caption>{m('payer.caption')}</caption>
              <thead><tr><th scope="col">{m('payer.contract')}</th><th scope="col">{m('status.triggered')}</th><th scope="col">{m('status.settled')}</th>
                <th scope="col">{m('status.outstanding')}</th><th scope="col">{m('status.overdue')}</th><th scope="col">{m('payer.commitment')}</th><th scope="col">{m('payer.exposure')}</th></tr></thead>
              <tbody>{contracts.map((x) => {
                const $ = money(page, x.currency);
                return <tr data-contract={x.id}><th scope="row"><a href={`/contracts/${x.id}/status`}>{x.title}</a> ({x.payer})</th><Num value={x.triggered}>{$(x.triggered)}</Num><Num value={x.settled}>{$(x.settled)}</Num>
                  <Num value={x.outstanding}>{$(x.outstanding)}</Num><Num value={x.overdue}>{$(x.overdue)}</Num><Num value={x.maximumCommitment}>{$(x.maximumCommitment)}</Num><Num value={x.maximumRemainingExposure}>{$(x.maximumRemainingExposure)}</Num></tr>;
              })}</tbody>
            </table></div>
            <div class="table-wrap" tabindex={0}><table>
              <caption>{m('payer.totals')}</caption>
              <thead><tr><th scope="col">{m('payer.currency')}</th><th scope="col">{m('status.outstanding')}</th><th scope="col">{m('status.overdue')}</th><th scope="col">{m('payer.exposure')}</th></tr></thead>
              <tbody>{Object.entries(totals).map(([cur, t]) => <tr><th scope="row">{cur}</th><Num value={t.outstanding}>{money(page, cur)(t.outstanding)}</Num><Num value={t.overdue}>{money(page, cur)(t.overdue)}</Num><Num value={t.maximumRemainingExposure}>{money(page, cur)(t.maximumRemainingExposure)}</Num></tr>)}</tbody>
            </table></div>
            <h2>{m('payer.obligations')}</h2>
            {toSettle.every((x) => x.rows.every((r) => dec(r.payable).lte(0))) ? <p>{m('payer.nothingToSettle')}</p> : (
              <div class="table-wrap" tabindex={0}><table class="to-settle">
                <caption>{m('payer.obligations')}</caption>
                <thead><tr><th scope="col">{m('payer.obligation')}</th><th scope="col">{m('payer.contract')}</th><th scope="col">{m('payer.due')}</th><th scope="col">{m('payer.remaining')}</th><th scope="col">{m('payer.settle')}</th></tr></thead>
                <tbody>{toSettle.flatMap((x) => x.rows.filter((r) => dec(r.payable).gt(0)).map((r) => (
                  <tr><th scope="row">{r.obligation.line_key}</th><td>{title.get(x.id)}</td><td>{page.format.date(r.obligation.due_on)}</td><Num value={r.payable}>{page.format.amount(r.payable, r.obligation.currency)}</Num>
                    <td><a href={`/contracts/${x.id}/obligations/${r.obligation.id}/settle`}>{m('payer.settle')} ({r.obligation.line_key})</a></td></tr>
                )))}</tbody>
              </table></div>
            )}
          </>
        )}
      </Layout>
    ));
  })

  .get('/contracts/:id/obligations/:obligationId/settle', memberPage(), contractPage('settlement.record'), async (c) => {
    const { obligation, payable } = await obligationToSettle(c);
    const { today } = await payableObligations(c, obligation.contract_id);
    return render(c, <SettlePage page={c.var.page} title={c.var.access.contract.title} obligation={obligation} payable={payable} formKey={crypto.randomUUID()}
      values={{ amount: payable, currency: obligation.currency, settledOn: today, reference: '' }} />);
  })
  .post('/contracts/:id/obligations/:obligationId/settle', memberPage(), contractPage('settlement.record'), async (c) => {
    const id = c.req.param('id');
    const obligationId = c.req.param('obligationId');
    if (!uuid.test(obligationId)) throw new PageNotFound();
    const field = await formOf(c);
    const key = formKeyOf(field('key'));
    if (!key) throw new ApiError('invalid_request', 'The form lacks its submission key; open the settlement form again.');
    const values: SettleValues = { amount: field('amount').trim().replace(',', '.'), currency: field('currency').trim().toUpperCase(), settledOn: field('settledOn').trim(), reference: field('reference').trim() };
    const operation = `POST /contracts/${id}/obligations/${obligationId}/settle`;
    const input = { contractId: id, obligationId, amount: values.amount, currency: values.currency, settledOn: values.settledOn, reference: values.reference || undefined };
    const errors: Record<string, string> = {};
    if (!/^\d+(\.\d+)?$/.test(values.amount)) errors.amount = 'a positive decimal amount, e.g. 1250.00';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.settledOn)) errors.settledOn = 'a date as yyyy-mm-dd';
    try {
      if (Object.keys(errors).length) throw new ApiError('validation_failed', 'The settlement has invalid fields.', { errors: Object.entries(errors).map(([path, message]) => ({ location: 'body', path, message })) });
      await act(c, (ctx) => recordSettlement(ctx, input), { idempotency: { key, operation, requestDigest: await contentDigest({ operation, body: input }) } });
    } catch (error) {
      if (!(error instanceof ApiError) || !['validation_failed', 'invalid_state'].includes(error.code)) throw error;
      const problems = error.errors ?? [];
      for (const p of problems) errors[p.path.replace(/^\//, '')] ??= p.message;
      const { obligation, payable } = await obligationToSettle(c).catch(() => { throw error; });
      return render(c, <SettlePage page={c.var.page} title={c.var.access.contract.title} obligation={obligation} payable={payable} values={values} formKey={key}
        errors={errors} message={error.message} />, error.code === 'invalid_state' ? 409 : 422);
    }
    return seeOther(c, `/payer?settled=${obligationId}`);
  })

  .get('/investor', memberPage(), async (c) => {
    const page = c.var.page;
    const m = msgs(page);
    const me = c.var.principal.organisationId;
    const { contracts, totals } = await portfolioOf(await readerAcrossContracts(c), me, c.var.deps.clock());
    const ledgers = await Promise.all(contracts.map(async (x) => ({ contract: x, status: await statusFor(c, x.id) })));
    // Cash flows per currency and month: drawn out, repaid in — the ledger rows of the investor's own parties.
    const flows = new Map<string, Map<string, { out: ReturnType<typeof dec>; in: ReturnType<typeof dec> }>>();
    for (const { contract, status } of ledgers) {
      const mine = new Set(contract.investments.map((i) => i.party));
      const byMonth = flows.get(contract.currency) ?? new Map();
      flows.set(contract.currency, byMonth);
      const add = (date: string, kind: 'out' | 'in', amount: string) => {
        const month = date.slice(0, 7);
        const e = byMonth.get(month) ?? { out: dec(0), in: dec(0) };
        e[kind] = e[kind].plus(amount);
        byMonth.set(month, e);
      };
      for (const d of status.ledger?.drawdowns ?? []) if (mine.has(d.investor_party)) add(d.drawn_on, 'out', d.amount);
      for (const d of status.ledger?.distributions ?? []) if (d.role === 'investor' && mine.has(d.recipient_party)) add(d.distributed_on, 'in', d.amount);
    }
    return render(c, (
      <Layout page={page} title={m('investor.title', { organisation: page.viewer!.organisationName })}>
        <h1>{m('investor.title', { organisation: page.viewer!.organisationName })}</h1>
        <p>{m('investor.intro')}</p>
        {contracts.length === 0 ? <p>{m('investor.none')}</p> : (
          <>
            <div class="table-wrap" tabindex={0}><table class="portfolio">
              <caption>{m('investor.caption')}</caption>
              <thead><tr><th scope="col">{m('payer.contract')}</th><th scope="col">{m('status.committed')}</th><th scope="col">{m('status.drawn')}</th><th scope="col">{m('status.repaid')}</th>
                <th scope="col">{m('status.multiple')}</th><th scope="col">{m('status.irr')}</th></tr></thead>
              <tbody>{contracts.flatMap((x) => x.investments.map((i) => {
                const $ = money(page, x.currency);
                return <tr data-contract={x.id}><th scope="row"><a href={`/contracts/${x.id}/status`}>{x.title}</a> ({i.party})</th><Num value={i.committed}>{$(i.committed)}</Num><Num value={i.drawn}>{$(i.drawn)}</Num>
                  <Num value={i.repaidToDate}>{$(i.repaidToDate)}</Num><Num value={i.moneyMultiple}>{ratio(page, i.moneyMultiple)}</Num><Num value={i.irrToDate}>{pct(page, i.irrToDate)}</Num></tr>;
              }))}</tbody>
            </table></div>
            <div class="table-wrap" tabindex={0}><table>
              <caption>{m('investor.totals')}</caption>
              <thead><tr><th scope="col">{m('payer.currency')}</th><th scope="col">{m('status.committed')}</th><th scope="col">{m('status.drawn')}</th><th scope="col">{m('status.repaid')}</th></tr></thead>
              <tbody>{Object.entries(totals).map(([cur, t]) => <tr><th scope="row">{cur}</th><Num value={t.committed}>{money(page, cur)(t.committed)}</Num><Num value={t.drawn}>{money(page, cur)(t.drawn)}</Num><Num value={t.repaidToDate}>{money(page, cur)(t.repaidToDate)}</Num></tr>)}</tbody>
            </table></div>
            {[...flows].map(([cur, byMonth]) => {
              const months = [...byMonth.keys()].sort();
              return (
                <section class="chart-block">
                  <h2>{m('investor.flows.chart', { currency: cur })}</h2>
                  <Svg svg={barChart({ title: m('investor.flows.chart', { currency: cur }), desc: m('investor.flows.desc', { currency: cur }), empty: m('status.nothingYet') }, months,
                    [{ name: m('investor.out'), values: months.map((k) => byMonth.get(k)!.out.negated().toFixed()) }, { name: m('investor.in'), values: months.map((k) => byMonth.get(k)!.in.toFixed()) }],
                    { format: axisMoney(page, cur) })} />
                  <div class="table-wrap" tabindex={0}><table>
                    <caption>{m('investor.flows.chart', { currency: cur })}</caption>
                    <thead><tr><th scope="col">{m('investor.month')}</th><th scope="col">{m('investor.out')}</th><th scope="col">{m('investor.in')}</th></tr></thead>
                    <tbody>{months.map((k) => <tr><th scope="row">{k}</th><Num value={byMonth.get(k)!.out.toFixed()}>{money(page, cur)(byMonth.get(k)!.out.toFixed())}</Num><Num value={byMonth.get(k)!.in.toFixed()}>{money(page, cur)(byMonth.get(k)!.in.toFixed())}</Num></tr>)}</tbody>
                  </table></div>
                </section>
              );
            })}
            {ledgers.map(({ contract, status }) => {
              const mine = new Set(contract.investments.map((i) => i.party));
              const rows = (status.ledger?.distributions ?? []).filter((d) => mine.has(d.recipient_party));
              return (
                <div class="table-wrap" tabindex={0}><table class="distributions" data-contract={contract.id}>
                  <caption>{m('investor.distributions', { title: contract.title })}</caption>
                  <thead><tr><th scope="col">{m('investor.distributed')}</th><th scope="col">{m('investor.party')}</th><th scope="col">{m('statement.amount')}</th></tr></thead>
                  <tbody>{rows.length === 0 ? <tr><td colspan={3}>{m('status.nothingYet')}</td></tr> : rows.map((d) => <tr><th scope="row">{page.format.date(d.distributed_on)}</th><td>{d.recipient_party}</td><Num value={d.amount}>{money(page, contract.currency)(d.amount)}</Num></tr>)}</tbody>
                </table></div>
              );
            })}
          </>
        )}
      </Layout>
    ));
  });
