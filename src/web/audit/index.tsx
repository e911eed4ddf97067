import { Hono } from 'hono';
import { mayAct } from '../../api/auth/permissions.ts';
import { csvField, line } from '../../api/csv.ts';
import { chainEntries } from '../../db/queries/audit.ts';
import { type AuditVerification, verifyAuditChain } from '../../db/queries/audit-verify.ts';
import type { AuditEntry } from '../../db/schema.ts';
import { formatReceipt, parseReceipt, type Receipt } from '../../domain/audit/receipt.ts';
import { reportAuditVerificationFailure } from '../../usecases/webhooks.ts';
import { contractPage } from '../access.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { Field, Layout, Notice } from '../layout.tsx';
import { render } from '../render.ts';
import { type AuditKey, auditMessages } from './messages.ts';
import { type Who, whoWrote } from './queries.ts';

/**
 * The audit trail of a contract (issue 18): who (person, organisation), what and when, the receipt
 * of each write, and the chain's verification — the API's own (`GET /v1/contracts/{id}/audit` reads
 * the chain with chainEntries, `/audit/verify` verifies it with verifyAuditChain; this page calls
 * the same two functions, and tells a break to the parties' webhooks as the API route does).
 * Oldest first, keyset-paginated by entry number (`?after=N`, as the API's `afterSeq`), 100 a page
 * (`?limit=` 1 to 1000, as the API's);
 * `?receipt=` proves a write's receipt still in the chain. `/contracts/{id}/audit.csv`: the whole trail.
 */
export const AUDIT_PAGE_SIZE = 100;

const msgs = (page: PageContext) => page.messages(auditMessages);

/** The readable words of an action (en/fr); an action the catalogue does not know is shown as its code. */
export function actionLabel(page: PageContext, action: string): string {
  const key = `action.${action}`;
  return key in auditMessages.en ? msgs(page)(key as AuditKey) : action;
}

/** The page of the thing an entry is about, when there is an obvious one the viewer may open. */
function linkOf(contractId: string, e: AuditEntry, roles: ReadonlySet<string>): string | undefined {
  const base = `/contracts/${contractId}`;
  switch (e.entity_type) {
    case 'contract': return base;
    case 'contract_version': case 'contract_approval': return `${base}/versions`;
    case 'evaluation': return `${base}/evaluations/${e.entity_id}`;
    case 'obligation': return `${base}/evaluations`;
    case 'drawdown': case 'settlement': case 'distribution': return `${base}/status`;
    case 'submission': return mayAct('measurement.submit', roles) ? `${base}/submissions/${e.entity_id}` : undefined;
    case 'dispute': return mayAct('dispute.read', roles) ? `${base}/disputes/${e.entity_id}` : undefined;
    default: return undefined;
  }
}

/** Who wrote an entry, in words: the person (their e-mail only to their own organisation), else a key, else the service. */
function personOf(page: PageContext, who: Who, e: AuditEntry): string {
  const person = e.member_id ? who.people.get(e.member_id) : undefined;
  if (person) return person.organisationId === page.viewer?.organisationId ? `${person.name} <${person.email}>` : person.name;
  if (e.api_key_id) return msgs(page)('who.key');
  return e.organisation_id ? '—' : msgs(page)('who.system');
}

const organisationOf = (who: Who, e: AuditEntry) => (e.organisation_id ? who.organisations.get(e.organisation_id) ?? e.organisation_id : '—');
const receiptOf = (e: AuditEntry) => formatReceipt({ chain: e.chain, seq: Number(e.seq), entryHash: e.entry_hash });

/** Verifies the chain as the API's verify route does (same function; a break is told to the webhooks). */
async function verified(c: WebContext, id: string, receipt?: Receipt): Promise<AuditVerification> {
  const report = await verifyAuditChain(c.var.db, id, receipt ? { receipt } : {});
  await reportAuditVerificationFailure(c.var.db, c.var.deps.clock, report).catch((error: unknown) => {
    c.var.deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'reporting an audit verification failure');
  });
  return report;
}

function Verification(props: { page: PageContext; report: AuditVerification }) {
  const { page, report } = props;
  const m = msgs(page);
  const { links } = report;
  if (report.ok && links.ok) {
    return (
      <Notice kind="ok" title={m('verify.heading')}>
        <p class="audit-verified" data-ok="true">{links.entries === 0 ? m('verify.empty') : m('verify.ok', { entries: links.entries })}</p>
        {links.entries === 0 ? null : <p>{m('verify.head', { entries: links.entries })}: <code class="audit-head">{links.head}</code></p>}
        <p class="muted">{m('verify.states', { checked: report.states.checked, unverifiable: report.states.unverifiable })}</p>
      </Notice>
    );
  }
  const headline = !links.ok ? m('verify.broken', { seq: links.brokenAt.seq })
    : report.receipt && !report.receipt.inChain ? m('verify.receiptMissing', { seq: report.receipt.seq })
      : report.states.mismatches[0] ? m('verify.mismatch', { seq: report.states.mismatches[0].seq }) : m('verify.problem');
  return (
    <Notice kind="error" title={m('verify.heading')}>
      <p class="audit-verified" data-ok="false">{headline}</p>
      {/* The service's own sentence, as the API's verify route answers it (firstProblem). */}
      <p>{m('verify.detail')}: <span class="audit-problem">{report.firstProblem}</span></p>
    </Notice>
  );
}

function AuditPage(props: {
  page: PageContext; contract: { id: string; title: string }; roles: ReadonlySet<string>; report: AuditVerification;
  entries: AuditEntry[]; who: Who; after: number; next: number | null; limit: number; receiptText: string; receiptError?: string | undefined;
}) {
  const { page, contract, report, entries, who } = props;
  const m = msgs(page);
  const title = m('title', { title: contract.title });
  const broken = new Set<number>([...(report.links.ok ? [] : [report.links.brokenAt.seq]), ...report.states.mismatches.map((x) => x.seq)]);
  const base = `/contracts/${contract.id}/audit`;
  const sized = props.limit === AUDIT_PAGE_SIZE ? '' : `limit=${props.limit}`;
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p class="no-print"><a href={`/contracts/${contract.id}`}>{m('back.terms')}</a> · <a href={`/contracts/${contract.id}/status`}>{m('back.status')}</a></p>
      <p>{m('intro')}</p>
      <Verification page={page} report={report} />
      {report.receipt ? (
        <Notice kind={report.receipt.inChain ? 'ok' : 'error'} title={m('receipt.heading')}>
          <p class="audit-receipt-check" data-in-chain={String(report.receipt.inChain)}>
            {report.receipt.inChain ? m('receipt.inChain', { seq: report.receipt.seq }) : m('receipt.notInChain', { reason: report.receipt.reason })}
          </p>
        </Notice>
      ) : null}
      <p class="no-print"><a href={`${base}.csv`} download>{m('csv')}</a></p>

      <div class="table-wrap" tabindex={0}><table class="audit-trail">
        <caption>{entries.length === 0 ? m('table.none')
          : m('table.caption', { from: entries[0]!.seq, to: entries[entries.length - 1]!.seq, total: report.links.entries })}</caption>
        <thead><tr><th scope="col">{m('col.seq')}</th><th scope="col">{m('col.time')}</th><th scope="col">{m('col.action')}</th>
          <th scope="col">{m('col.person')}</th><th scope="col">{m('col.organisation')}</th><th scope="col">{m('col.receipt')}</th></tr></thead>
        <tbody>{entries.map((e) => {
          const href = linkOf(contract.id, e, props.roles);
          const label = actionLabel(page, e.action);
          return (
            <tr data-seq={String(e.seq)} data-action={e.action} class={broken.has(Number(e.seq)) ? 'broken' : undefined}>
              <th scope="row">{String(e.seq)}</th>
              <td><time datetime={e.recorded_at.toISOString()}>{page.format.dateTime(e.recorded_at)}</time></td>
              <td>{href ? <a href={href}>{label}</a> : label}{broken.has(Number(e.seq)) ? <> <strong>({m('col.broken')})</strong></> : null}</td>
              <td>{personOf(page, who, e)}</td>
              <td>{organisationOf(who, e)}</td>
              <td><code>{receiptOf(e)}</code></td>
            </tr>
          );
        })}</tbody>
      </table></div>
      <p class="no-print">
        {props.after > 0 ? <a href={sized ? `${base}?${sized}` : base}>{m('first')}</a> : null}
        {props.after > 0 && props.next !== null ? ' · ' : null}
        {props.next !== null ? <a href={`${base}?after=${props.next}${sized ? `&${sized}` : ''}`} rel="next">{m('next', { seq: props.next })}</a> : null}
      </p>

      <h2 id="check-receipt">{m('receipt.heading')}</h2>
      <form method="get" action={`${base}#check-receipt`} class="no-print">
        <Field id="receipt" label={m('receipt.label')} hint={m('receipt.hint')} value={props.receiptText} error={props.receiptError} maxlength={200} />
        <button type="submit">{m('receipt.submit')}</button>
      </form>
      <p class="muted">{m('api', { id: contract.id })}</p>
    </Layout>
  );
}

export const auditPages = new Hono<WebEnv>()
  .get('/contracts/:id/audit', memberPage(), contractPage('audit.read'), async (c) => {
    const page = c.var.page;
    const { contract, roles } = c.var.access;
    const afterText = c.req.query('after') ?? '';
    const after = /^\d{1,15}$/.test(afterText) ? Number(afterText) : 0;
    const limitText = c.req.query('limit') ?? '';
    const limit = /^\d{1,4}$/.test(limitText) && Number(limitText) >= 1 && Number(limitText) <= 1000 ? Number(limitText) : AUDIT_PAGE_SIZE;
    const receiptText = (c.req.query('receipt') ?? '').trim();
    const receipt = receiptText === '' ? undefined : parseReceipt(receiptText) ?? undefined;
    const receiptError = receiptText !== '' && !receipt ? msgs(page)('receipt.invalid') : undefined;
    const report = await verified(c, contract.id, receipt);
    const rows = await chainEntries(c.var.db, contract.id, { afterSeq: after, limit: limit + 1 });
    const entries = rows.slice(0, limit);
    const next = rows.length > limit ? Number(entries[entries.length - 1]!.seq) : null;
    const who = await whoWrote(c.var.db, entries);
    return render(c, (
      <AuditPage page={page} contract={contract} roles={roles} report={report} entries={entries} who={who} after={after} next={next} limit={limit}
        receiptText={receiptText} receiptError={receiptError} />
    ), receiptError ? 422 : 200);
  })

  .get('/contracts/:id/audit.csv', memberPage(), contractPage('audit.read'), async (c) => {
    const page = c.var.page;
    const { contract } = c.var.access;
    const entries = await chainEntries(c.var.db, contract.id);
    const who = await whoWrote(c.var.db, entries);
    const header = ['seq', 'recorded_at', 'action', 'action_label', 'entity_type', 'entity_id', 'person', 'member_id', 'organisation', 'organisation_id',
      'api_key_id', 'request_id', 'state_digest', 'previous_hash', 'entry_hash', 'receipt'];
    const body = line(header) + entries.map((e) => line([
      String(e.seq), e.recorded_at.toISOString(), e.action, actionLabel(page, e.action), e.entity_type, e.entity_id,
      e.member_id ? personOf(page, who, e) : '', e.member_id ?? '', e.organisation_id ? organisationOf(who, e) : '', e.organisation_id ?? '',
      e.api_key_id ?? '', e.request_id ?? '', e.state_digest, e.previous_hash, e.entry_hash, receiptOf(e),
    ].map((v) => csvField(v)))).join('');
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${contract.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`,
      'cache-control': 'no-store',
    });
  });
