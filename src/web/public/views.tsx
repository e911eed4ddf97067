import type { Disclosure, PublicTerms, Term } from '../../domain/contract/disclosure.ts';
import { dec } from '../../domain/money/money.ts';
import type { PageContext } from '../context.ts';
import { Layout } from '../layout.tsx';
import { publicMessages } from './messages.ts';
import { countText, type PublicCount, SMALL_COUNT_THRESHOLD, suppressCounts } from './suppression.ts';
import type { PublishedContract, publicStatus } from './queries.ts';

/** The views of the public pages: only what `PublicTerms` and the disclosed parts of the status carry. */

type Status = Awaited<ReturnType<typeof publicStatus>>;

export interface ListRow {
  path: string;
  reference: string;
  title: string | null;
  since: Date | null;
}

export function ListPage(props: { page: PageContext; rows: ListRow[] }) {
  const { page, rows } = props;
  const m = page.messages(publicMessages);
  return (
    <Layout page={page} title={m('list.title')}>
      <h1>{m('list.title')}</h1>
      <p>{m('list.intro')}</p>
      {rows.length === 0 ? <p>{m('list.none')}</p> : (
        <div class="table-wrap" tabindex={0}>
          <table id="published">
            <caption>{m('list.caption')}</caption>
            <thead>
              <tr><th scope="col">{m('list.contract')}</th><th scope="col">{m('page.reference')}</th><th scope="col">{m('list.since')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row"><a href={r.path}>{r.title ?? m('list.undisclosedTitle')}</a></th>
                  <td>{r.reference}</td>
                  <td>{r.since ? page.format.date(r.since) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

const percent = (value: string) => dec(value).times(100).toFixed();

function termValue(page: PageContext, t: Term, currency: string): string {
  if (t.unit === 'amount') return page.format.amount(t.value, currency);
  if (t.unit === 'share' || t.kind === 'cohortThreshold' || t.kind === 'pooledThreshold') return `${page.format.number(percent(t.value))} %`;
  return page.format.number(t.value);
}

export function ContractPage(props: {
  page: PageContext;
  found: PublishedContract;
  terms: PublicTerms;
  disclosure: Disclosure;
  status: Status;
  head: { seq: number; hash: string; at: Date } | undefined;
  indigoHref: string;
  hidden: string[];
}) {
  const { page, found, terms, disclosure, status, head } = props;
  const m = page.messages(publicMessages);
  const t = page.t;
  const currency = terms.currency;
  const heading = terms.title ?? terms.reference;
  const metricName = (key: string | undefined, index: number) =>
    terms.metrics?.find((x) => x.key === key)?.name ?? m('outcomes.outcomeN', { n: index + 1 });
  const metricIndex = (key: string | undefined) => found.definition.metrics.findIndex((x) => x.key === key);
  const scopeName = (scope: { cohort?: string | undefined; period?: string | undefined }, index: number) =>
    (scope.cohort ? terms.cohorts?.find((c) => c.key === scope.cohort)?.name : terms.periods?.find((p) => p.key === scope.period)?.name)
    ?? m('outcomes.scopeN', { n: index + 1 });
  const termRows = (list: Term[]) => list.map((x) => (
    <tr>
      <th scope="row">{m(`term.${x.kind}` as Parameters<typeof m>[0])}{x.metric !== undefined && terms.metrics?.some((k) => k.key === x.metric) ? ` — ${metricName(x.metric, 0)}` : ''}</th>
      <td class="num">{termValue(page, x, currency)}</td>
    </tr>
  ));
  const investorName = (party: string, i: number) => terms.parties ? (found.definition.parties.find((p) => p.key === party)?.name ?? party) : m('investors.investorN', { n: i + 1 });
  const payerName = (party: string, i: number) => terms.parties ? (found.definition.parties.find((p) => p.key === party)?.name ?? party) : `${m('payments.payer')} ${i + 1}`;
  const count = (c: PublicCount) => countText(c, {
    number: (n) => page.format.number(n), fewer: (n) => m('outcomes.fewerThan', { n }), withheld: m('outcomes.withheld'),
  });
  const showInvestors = disclosure.investments === 'PUBLIC' || disclosure.investorReturns === 'PUBLIC';

  return (
    <Layout page={page} title={heading}>
      <p><a href="/public/">{m('page.allList')}</a></p>
      <h1>{heading}</h1>
      <p>{m('page.intro')}</p>
      <dl class="facts">
        <dt>{m('page.reference')}</dt><dd>{terms.reference}</dd>
        <dt>{m('page.status')}</dt><dd>{t(`contractStatus.${found.contract.status}`)}</dd>
        <dt>{m('page.version')}</dt><dd>{found.versionNumber}</dd>
        <dt>{m('page.currency')}</dt><dd>{currency}</dd>
        {terms.term ? <><dt>{m('terms.term')}</dt><dd>{m('terms.termDates', { start: page.format.date(terms.term.start), end: page.format.date(terms.term.end) })}</dd></> : null}
        {terms.policyArea ? <><dt>{m('terms.policyArea')}</dt><dd>{terms.policyArea.policyArea.replace(/_/g, ' ')}</dd><dt>{m('terms.jurisdiction')}</dt><dd>{terms.policyArea.jurisdiction}</dd></> : null}
      </dl>
      {props.hidden.length > 0 ? <p class="hint">{m('page.notDisclosed', { fields: props.hidden.join(', ') })}</p> : null}

      {terms.parties || terms.cohorts || terms.metrics || terms.rules || terms.caps ? <h2>{m('terms.title')}</h2> : null}
      {terms.parties ? (
        <div class="table-wrap" tabindex={0}>
          <table id="parties">
            <caption>{m('terms.parties')}</caption>
            <thead><tr><th scope="col">{m('terms.party')}</th><th scope="col">{m('terms.roles')}</th></tr></thead>
            <tbody>{terms.parties.map((p) => <tr><th scope="row">{p.name}</th><td>{p.roles.map((r) => t(`role.${r}` as Parameters<typeof t>[0])).join(', ')}</td></tr>)}</tbody>
          </table>
        </div>
      ) : null}
      {terms.cohorts ? (
        <div class="table-wrap" tabindex={0}>
          <table id="cohorts">
            <caption>{m('terms.cohorts')}</caption>
            <thead><tr><th scope="col">{m('terms.cohort')}</th><th scope="col">{m('terms.window')}</th><th scope="col" class="num">{m('terms.expected')}</th></tr></thead>
            <tbody>
              {terms.cohorts.map((c) => <tr><th scope="row">{c.name}</th><td>{m('terms.termDates', { start: page.format.date(c.enrolment.start), end: page.format.date(c.enrolment.end) })}</td><td class="num">{c.expectedParticipants === null ? '' : page.format.number(c.expectedParticipants)}</td></tr>)}
              {(terms.periods ?? []).map((p) => <tr><th scope="row">{p.name}</th><td>{m('terms.termDates', { start: page.format.date(p.start), end: page.format.date(p.end) })}</td><td class="num"></td></tr>)}
            </tbody>
          </table>
        </div>
      ) : null}
      {terms.metrics ? (
        <div class="table-wrap" tabindex={0}>
          <table id="metrics">
            <caption>{m('terms.metrics')}</caption>
            <thead><tr><th scope="col">{m('terms.metric')}</th><th scope="col">{m('terms.unit')}</th><th scope="col">{m('terms.direction')}</th><th scope="col">{m('terms.validation')}</th></tr></thead>
            <tbody>{terms.metrics.map((x) => <tr><th scope="row">{x.name}</th><td>{x.unit}</td><td>{m(`terms.direction.${x.direction as 'increase' | 'decrease'}`)}</td><td>{x.validationMethod.replace(/_/g, ' ')}</td></tr>)}</tbody>
          </table>
        </div>
      ) : null}
      {(terms.rules ?? []).filter((r) => r.targets.length + r.prices.length + r.caps.length > 0).map((r, i) => (
        <div class="table-wrap" tabindex={0}>
          <table id={`rule-${i + 1}`}>
            <caption>{r.name === null ? m('terms.ruleN', { n: i + 1 }) : m('terms.rule', { name: r.name })}</caption>
            <thead><tr><th scope="col">{m('terms.what')}</th><th scope="col" class="num">{m('terms.value')}</th></tr></thead>
            <tbody>{termRows([...r.targets, ...r.prices, ...r.caps])}</tbody>
          </table>
        </div>
      ))}
      {terms.caps && terms.caps.length > 0 ? (
        <div class="table-wrap" tabindex={0}>
          <table id="caps">
            <caption>{m('terms.caps')}</caption>
            <thead><tr><th scope="col">{m('terms.what')}</th><th scope="col" class="num">{m('terms.value')}</th></tr></thead>
            <tbody>{termRows(terms.caps.map((c) => ({ ...c, metric: undefined })))}</tbody>
          </table>
        </div>
      ) : null}
      {terms.indexation ? <p>{m('terms.indexation', { kind: terms.indexation.kind.replace(/_/g, ' ') })}</p> : null}

      {disclosure.outcomesAchieved === 'PUBLIC' ? (
        <section aria-labelledby="outcomes-h">
          <h2 id="outcomes-h">{m('outcomes.title')}</h2>
          {status.outcomes.map((o) => {
            const index = metricIndex(o.metric);
            const name = metricName(o.metric, index);
            const targets = (terms.rules ?? []).flatMap((r) => r.targets.filter((x) => x.metric === o.metric));
            const rows = o.byScope as { cohort?: string; period?: string; achieved: string | null; participants?: number; comparison?: string | null; measuredOn?: string | null }[];
            // Participant-level outcomes are counts of people: small ones suppressed (suppression.ts).
            const counted = o.level === 'participant'
              ? suppressCounts(rows.map((r) => ({ outcomes: Number(r.achieved ?? 0), participants: r.participants ?? 0 })))
              : undefined;
            return (
              <div class="table-wrap" tabindex={0}>
                <table class="outcomes">
                  <caption>{m('outcomes.caption', { metric: name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m('outcomes.scope')}</th>
                      <th scope="col" class="num">{m('outcomes.achieved')}</th>
                      {o.level === 'participant' ? <th scope="col" class="num">{m('outcomes.participants')}</th> : <><th scope="col" class="num">{m('outcomes.comparison')}</th><th scope="col">{m('outcomes.measuredOn')}</th></>}
                    </tr>
                  </thead>
                  <tbody>
                    {o.level === 'participant'
                      ? rows.map((s, i) => (
                        <tr>
                          <th scope="row">{scopeName(s, i)}</th>
                          <td class="num">{count(counted!.rows[i]!.outcomes)}</td>
                          <td class="num">{count(counted!.rows[i]!.participants)}</td>
                        </tr>
                      ))
                      : rows.map((s, i) => (
                        <tr>
                          <th scope="row">{scopeName(s, i)}</th>
                          <td class="num">{s.achieved === null ? '—' : page.format.number(s.achieved)}</td>
                          <td class="num">{s.comparison ? page.format.number(s.comparison) : '—'}</td><td>{s.measuredOn ? page.format.date(s.measuredOn) : '—'}</td>
                        </tr>
                      ))}
                  </tbody>
                  {counted && rows.length > 1 ? (
                    <tfoot>
                      <tr class="total">
                        <th scope="row">{m('outcomes.total')}</th>
                        <td class="num">{count(counted.total.outcomes)}</td>
                        <td class="num">{count(counted.total.participants)}</td>
                      </tr>
                    </tfoot>
                  ) : null}
                </table>
                {counted && (counted.rows.some((r) => r.participants.kind !== 'count') || counted.total.participants.kind !== 'count')
                  ? <p class="hint">{m('outcomes.smallNumbers', { n: SMALL_COUNT_THRESHOLD })}</p> : null}
                {targets.length > 0 ? <p>{m('outcomes.targets', { targets: targets.map((x) => `${m(`term.${x.kind}` as Parameters<typeof m>[0])} ${termValue(page, x, currency)}`).join('; ') })}</p> : null}
              </div>
            );
          })}
        </section>
      ) : null}

      {disclosure.paymentsMade === 'PUBLIC' ? (
        <section aria-labelledby="payments-h">
          <h2 id="payments-h">{m('payments.title')}</h2>
          <dl class="facts"><dt>{m('payments.settled')}</dt><dd id="settled-total">{page.format.amount(status.obligations.settled, currency)}</dd></dl>
          {status.obligations.byPayer.length > 1 ? (
            <div class="table-wrap" tabindex={0}>
              <table id="payments">
                <caption>{m('payments.caption')}</caption>
                <thead><tr><th scope="col">{m('payments.payer')}</th><th scope="col" class="num">{m('payments.settled')}</th></tr></thead>
                <tbody>{status.obligations.byPayer.map((p, i) => <tr><th scope="row">{payerName(p.payer, i)}</th><td class="num">{page.format.amount(p.settled, currency)}</td></tr>)}</tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}

      {showInvestors && status.investors.length > 0 ? (
        <section aria-labelledby="investors-h">
          <h2 id="investors-h">{m('investors.title')}</h2>
          <div class="table-wrap" tabindex={0}>
            <table id="investors">
              <caption>{m('investors.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('investors.investor')}</th>
                  {disclosure.investments === 'PUBLIC' ? <><th scope="col" class="num">{m('investors.committed')}</th><th scope="col" class="num">{m('investors.drawn')}</th></> : null}
                  {disclosure.investorReturns === 'PUBLIC' ? <><th scope="col">{m('investors.returnCap')}</th><th scope="col" class="num">{m('investors.repaid')}</th><th scope="col" class="num">{m('investors.multiple')}</th><th scope="col" class="num">{m('investors.irr')}</th></> : null}
                </tr>
              </thead>
              <tbody>
                {status.investors.map((inv, i) => (
                  <tr>
                    <th scope="row">{investorName(inv.party, i)}</th>
                    {disclosure.investments === 'PUBLIC' ? <><td class="num">{page.format.amount(inv.committed, currency)}</td><td class="num">{page.format.amount(inv.drawn, currency)}</td></> : null}
                    {disclosure.investorReturns === 'PUBLIC' ? <>
                      <td>{inv.returnCap}</td>
                      <td class="num">{page.format.amount(inv.repaidToDate, currency)}</td>
                      <td class="num">{inv.moneyMultiple === null ? '—' : page.format.number(dec(inv.moneyMultiple).toDecimalPlaces(2).toFixed())}</td>
                      <td class="num">{inv.irrToDate === null ? '—' : `${page.format.number(dec(percent(inv.irrToDate)).toDecimalPlaces(2).toFixed())} %`}</td>
                    </> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="audit-h">
        <h2 id="audit-h">{m('audit.title')}</h2>
        {head ? <><p>{m('audit.text', { seq: head.seq, at: page.format.dateTime(head.at) })}</p><p><code id="audit-head">{head.hash}</code></p></> : <p>{m('audit.none')}</p>}
      </section>
      <section aria-labelledby="indigo-h">
        <h2 id="indigo-h">{m('indigo.title')}</h2>
        <p>{m('indigo.text')}<a href={props.indigoHref} type="application/json">{m('indigo.link')}</a></p>
      </section>
    </Layout>
  );
}
