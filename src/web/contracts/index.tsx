import { Hono } from 'hono';
import { termsDocument } from '../../domain/contract/terms-document.ts';
import { contractPage } from '../access.ts';
import { memberPage } from '../auth.ts';
import type { WebEnv } from '../context.ts';
import { Layout, Notice } from '../layout.tsx';
import { PageNotFound } from '../access.ts';
import { render } from '../render.ts';
import { organisationNames, presented, versionViews } from './data.ts';
import { contractsMessages } from './messages.ts';
import { auditMessages } from '../audit/messages.ts';
import { TermsSections } from './render-terms.tsx';
import { versionPages } from './versions.tsx';
import { mayAct } from '../../api/auth/permissions.ts';
import { contractEditorMessages } from './editor-messages.ts';

/**
 * Contracts read as documents (issue 18): `/contracts/{id}` renders the version in force as a
 * document (terms-document.ts decides the sections; this presents them), for every party of the
 * contract (others get the 404 page, by the permissions table's `contract.read`).
 */
export const contractPages = new Hono<WebEnv>()
  .get('/contracts/:id', memberPage(), contractPage('contract.read'), async (c) => {
    const page = c.var.page;
    const m = page.messages(contractsMessages);
    const { contract } = c.var.access;
    const versions = await versionViews(c, contract.id);
    const shown = presented(versions);
    if (!shown) throw new PageNotFound();
    const names = await organisationNames(c, Object.values(shown.bindings));
    const doc = termsDocument(shown.definition, shown.bindings, names);
    const pending = versions.find((v) => v.status === 'proposed');
    const title = m('page.terms', { title: contract.title });
    return render(c, (
      <Layout page={page} title={title}>
        <h1>{title}</h1>
        <p>
          {shown.status === 'proposed'
            ? m('page.draft', { version: shown.number, hash: shown.contentHash })
            : m('page.inForce', { version: shown.number, date: page.format.date(shown.inForceAt ?? shown.proposedAt), hash: shown.contentHash })}
        </p>
        {pending && pending !== shown ? <Notice kind="info"><p>{m('page.pending', { version: pending.number })}</p></Notice> : null}
        <p><a href={`/contracts/${contract.id}/versions`}>{m('page.versionsLink')}</a> · <a href={`/contracts/${contract.id}/audit`}>{page.messages(auditMessages)('link')}</a></p>
        {mayAct('contract.amend', c.var.access.roles) ? <p><a href={`/contracts/${contract.id}/amend`}>{page.messages(contractEditorMessages)('amend.link')}</a></p> : null}
        <TermsSections page={page} doc={doc} />
      </Layout>
    ));
  })
  .route('/', versionPages);
