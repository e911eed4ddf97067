import { Hono } from 'hono';
import { ApiError } from '../../api/errors/api-error.ts';
import { updateMember } from '../../db/queries/people.ts';
import { diffVersions, type VersionChange } from '../../domain/contract/version-diff.ts';
import { approveVersion } from '../../usecases/approve-version.ts';
import { confirmIdentity } from '../../usecases/sessions.ts';
import { contractPage } from '../access.ts';
import { act, addressOf, formOf, sessionDepsOf } from '../actions.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebContext, WebEnv } from '../context.ts';
import { CsrfField, Field, Layout, Notice } from '../layout.tsx';
import { render, seeOther } from '../render.ts';
import { organisationNames, type VersionView, versionViews } from './data.ts';
import { contractsMessages } from './messages.ts';
import { valueText } from './render-terms.tsx';

/**
 * Versions of a contract (issue 18): the history with each version's approvals (person,
 * organisation, time, content hash) and, for a version awaiting approval, the parties still to
 * approve; a readable comparison of any two (domain/contract/version-diff.ts); and approving as a
 * deliberate act — the content hash shown, the password (or the second factor's code when the
 * person has one) asked again, then the API's action (usecases/approve-version.ts).
 */
type M = ReturnType<typeof contractsMessages.for>;
type Key = Parameters<M>[0];

/** A message of the catalogue when it has one, else the word as written (a field the catalogue does not name). */
const wordOr = (m: M, key: string, fallback: string) => {
  const said = m(key as Key);
  return said === key ? fallback : said;
};

interface ApproveState { error?: string; done?: boolean }

function ApproveForm(props: { page: PageContext; contractId: string; pending: VersionView; state: ApproveState }) {
  const { page, pending, state } = props;
  const m = page.messages(contractsMessages);
  const viewer = page.viewer!;
  return (
    <section class="panel" aria-labelledby="approve-heading" id="approve">
      <h2 id="approve-heading">{m('approve.title', { version: pending.number })}</h2>
      <p>{m('approve.intro', { organisation: viewer.organisationName, version: pending.number })}</p>
      <p><code class="secret" id="approve-hash">{pending.contentHash}</code></p>
      <p>{m('approve.read')}</p>
      {state.error ? <Notice kind="error"><p>{state.error}</p></Notice> : null}
      <form method="post" action={`/contracts/${props.contractId}/versions/approve`} novalidate>
        <CsrfField page={page} />
        <input type="hidden" name="contentHash" value={pending.contentHash} />
        <input type="hidden" name="username" value={viewer.email} autocomplete="username" />
        {viewer.totpEnabled
          ? <Field id="approve-code" name="code" label={m('approve.code')} hint={m('approve.codeHint')} inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} class="code" required error={state.error} />
          : <Field id="approve-password" name="password" type="password" label={m('approve.password')} hint={m('approve.passwordHint')} autocomplete="current-password" required error={state.error} />}
        <div class="actions"><button type="submit">{m('approve.submit', { version: pending.number })}</button></div>
      </form>
    </section>
  );
}

async function versionsPage(c: WebContext, state: ApproveState, status: 200 | 422 = 200) {
  const page = c.var.page;
  const m = page.messages(contractsMessages);
  const { contract, roles } = c.var.access;
  const versions = await versionViews(c, contract.id);
  const names = await organisationNames(c, versions.flatMap((v) => [...Object.values(v.bindings), ...v.approvals.required]));
  const nameOf = (id: string) => names[id] ?? id;
  const pending = versions.find((v) => v.status === 'proposed');
  const orgId = c.var.principal.organisationId;
  const mayApprove = pending && pending.approvals.missing.includes(orgId) && ['outcome_payer', 'investor', 'operator'].some((r) => roles.has(r));
  const title = m('versions.title', { title: contract.title });
  return render(c, (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p><a href={`/contracts/${contract.id}`}>{m('page.termsLink')}</a></p>
      {state.done && pending === undefined ? <Notice kind="ok"><p>{m('approve.done', { version: versions[versions.length - 1]!.number })}</p></Notice> : null}
      {state.done && pending ? <Notice kind="ok"><p>{m('approve.done', { version: pending.number })}</p></Notice> : null}
      <div class="table-wrap" tabindex={0}>
        <table id="versions">
          <caption>{m('versions.caption')}</caption>
          <thead><tr>
            <th scope="col">{m('versions.number')}</th><th scope="col">{m('versions.status')}</th><th scope="col">{m('versions.effective')}</th>
            <th scope="col">{m('versions.description')}</th><th scope="col">{m('versions.hash')}</th>
          </tr></thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr data-version={v.number}>
                <th scope="row">{v.number}</th>
                <td>{m(`status.${v.status}` as Key)}</td>
                <td>
                  {v.effectiveFrom ? page.format.date(v.effectiveFrom) : v.inForceAt ? m('versions.inForceAt', { date: page.format.dateTime(v.inForceAt) }) : m('versions.proposedAt', { date: page.format.dateTime(v.proposedAt) })}
                </td>
                <td>{v.kind === 'original' ? m('versions.original') : v.description}{v.reason ? <><br />{m('versions.reason', { reason: v.reason })}</> : null}</td>
                <td><code>{v.contentHash}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versions.length > 1 ? (
        <form method="get" action={`/contracts/${contract.id}/versions/compare`} class="panel">
          <h2>{m('versions.compare')}</h2>
          <div class="field"><label for="compare-from">{m('versions.from')}</label>
            <select id="compare-from" name="from">{versions.map((v, i) => <option value={String(v.number)} selected={i === versions.length - 2}>{v.number}</option>)}</select></div>
          <div class="field"><label for="compare-to">{m('versions.to')}</label>
            <select id="compare-to" name="to">{versions.map((v, i) => <option value={String(v.number)} selected={i === versions.length - 1}>{v.number}</option>)}</select></div>
          <div class="actions"><button type="submit">{m('versions.compareSubmit')}</button></div>
        </form>
      ) : null}
      {[...versions].reverse().map((v) => (
        <section class="panel" aria-labelledby={`approvals-${v.number}`} id={`version-${v.number}`}>
          <h2 id={`approvals-${v.number}`}>{m('versions.approvalsOf', { version: v.number })}</h2>
          {v.approvals.given.length === 0 ? <p>{m('versions.noApprovals')}</p> : (
            <div class="table-wrap" tabindex={0}>
              <table>
                <caption>{m('versions.approvalsCaption', { version: v.number })}</caption>
                <thead><tr><th scope="col">{m('versions.approver')}</th><th scope="col">{m('versions.person')}</th><th scope="col">{m('versions.at')}</th><th scope="col">{m('versions.hash')}</th></tr></thead>
                <tbody>
                  {v.approvals.given.map((a) => (
                    <tr>
                      <th scope="row">{nameOf(a.organisationId)}</th>
                      <td>{a.approvedByPerson ? a.approvedByPerson.name : m('versions.byKey')}</td>
                      <td>{page.format.dateTime(a.approvedAt)}</td>
                      <td><code>{a.contentHash}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {v.status === 'proposed'
            ? <p class="missing">{v.approvals.missing.length > 0 ? m('versions.missing', { parties: v.approvals.missing.map(nameOf).join(', ') }) : m('versions.allApproved')}</p>
            : null}
        </section>
      ))}
      {pending && mayApprove ? <ApproveForm page={page} contractId={contract.id} pending={pending} state={state} /> : null}
      {pending && !mayApprove && pending.approvals.given.some((a) => a.organisationId === orgId) ? <p>{m('approve.yours')}</p> : null}
    </Layout>
  ), status);
}

function changeWhat(page: PageContext, change: VersionChange): string {
  const m = page.messages(contractsMessages);
  const area = wordOr(m, `area.${change.area}`, change.area);
  const path = change.path.map((p) => wordOr(m, `field.${p}`, p));
  const subject = change.subject === undefined ? undefined : page.locale === 'fr' ? `« ${change.subject} »` : `“${change.subject}”`;
  return [subject ? `${area} ${subject}` : area, ...path].join(' › ');
}

function changeText(page: PageContext, currency: string, change: VersionChange): string {
  const m = page.messages(contractsMessages);
  const v = (x: VersionChange['from']) => (x ? valueText(page, currency, x) : '—');
  switch (change.kind) {
    case 'added': return m('compare.added');
    case 'removed': return m('compare.removed');
    case 'rebound': return m('compare.rebound', { from: v(change.from), to: v(change.to) });
    case 'changed':
      if (!change.from || change.from.kind === 'none') return m('compare.set', { to: v(change.to) });
      if (!change.to || change.to.kind === 'none') return m('compare.unset', { from: v(change.from) });
      return m('compare.changed', { from: v(change.from), to: v(change.to) });
  }
}

export const versionPages = new Hono<WebEnv>()
  .get('/contracts/:id/versions', memberPage(), contractPage('contract.read'), async (c) => versionsPage(c, { done: c.req.query('done') === 'approved' }))
  .get('/contracts/:id/versions/compare', memberPage(), contractPage('contract.read'), async (c) => {
    const page = c.var.page;
    const m = page.messages(contractsMessages);
    const { contract } = c.var.access;
    const versions = await versionViews(c, contract.id);
    const from = versions.find((v) => String(v.number) === c.req.query('from'));
    const to = versions.find((v) => String(v.number) === c.req.query('to'));
    if (!from || !to) {
      return render(c, (
        <Layout page={page} title={m('versions.compare')}>
          <h1>{m('versions.compare')}</h1>
          <Notice kind="error"><p>{m('compare.bad')}</p></Notice>
          <p><a href={`/contracts/${contract.id}/versions`}>{m('compare.back')}</a></p>
        </Layout>
      ), 422);
    }
    const names = await organisationNames(c, [...Object.values(from.bindings), ...Object.values(to.bindings)]);
    const changes = diffVersions({ definition: from.definition, bindings: from.bindings }, { definition: to.definition, bindings: to.bindings }, names);
    const title = m('compare.title', { from: from.number, to: to.number });
    return render(c, (
      <Layout page={page} title={title}>
        <h1>{title}</h1>
        <p>{contract.title}</p>
        {changes.length === 0 ? <p>{m('compare.none')}</p> : (
          <div class="table-wrap" tabindex={0}>
            <table id="changes">
              <caption>{m('compare.caption', { from: from.number, to: to.number })}</caption>
              <thead><tr><th scope="col">{m('compare.what')}</th><th scope="col">{m('compare.change')}</th></tr></thead>
              <tbody>
                {changes.map((ch) => (
                  <tr data-change={ch.kind}>
                    <th scope="row">{changeWhat(page, ch)}</th>
                    <td>{changeText(page, contract.currency, ch)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p><a href={`/contracts/${contract.id}/versions`}>{m('compare.back')}</a></p>
      </Layout>
    ));
  })
  .post('/contracts/:id/versions/approve', memberPage(), contractPage('contract.approve'), async (c) => {
    const m = c.var.page.messages(contractsMessages);
    const field = await formOf(c);
    const { member } = c.var.personSession;
    const contractId = c.var.access.contract.id;
    // The deliberate act: the person proves again who they are (outside the write: scrypt is slow).
    // Throttled and counted like sign-in (confirmIdentity), so this form cannot be used to guess a password.
    const confirmed = await confirmIdentity(sessionDepsOf(c), { member, password: field('password'), code: field('code'), address: addressOf(c) });
    if (!confirmed.ok) return versionsPage(c, { error: m(confirmed.wrong === 'code' ? 'approve.wrongCode' : 'approve.wrongPassword') }, 422);
    const { totpStep } = confirmed;
    try {
      await act(c, async (ctx) => {
        // A code is good once: recorded as used with the approval (as sign-in does).
        if (totpStep !== null) await updateMember(ctx.trx, member.id, { totp_last_step: String(totpStep) });
        await approveVersion(ctx, { contractId, contentHash: field('contentHash') });
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'stale_version') return versionsPage(c, { error: error.message }, 422);
      throw error;
    }
    return seeOther(c, `/contracts/${contractId}/versions?done=approved`);
  });
