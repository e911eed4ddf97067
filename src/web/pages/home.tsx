import { Hono } from 'hono';
import { listContractsForOrganisation, rolesByContract } from '../../db/queries/contracts.ts';
import type { PartyRole } from '../../domain/contract/definition.ts';
import { memberPage } from '../auth.ts';
import type { PageContext, WebEnv } from '../context.ts';
import { Layout } from '../layout.tsx';
import { render } from '../render.ts';
import { nextDueByContract, type NextDue } from './next-due.ts';

/**
 * The home page, "My contracts": the contracts the person's organisation is party to (the same
 * query as GET /v1/contracts: parties of versions in force or proposed), its role in each, and
 * what is due next. The platform administrator's organisation is party to no contract (as in the API).
 */
export interface ContractRow {
  id: string;
  reference: string;
  title: string;
  status: 'draft' | 'active' | 'terminated';
  currency: string;
  roles: PartyRole[];
  next: NextDue | null;
}

const LIMIT = 200;

function NextDueText(props: { page: PageContext; next: NextDue | null }) {
  const { page, next } = props;
  if (!next) return <span>{page.t('home.nothingDue')}</span>;
  if (next.kind === 'approval') return <span>{page.t('home.awaitingApproval', { version: next.version })}</span>;
  return <span>{page.t('home.nextEvaluation', { date: page.format.dateTime(next.on, next.timeZone) })}</span>;
}

export function HomePage(props: { page: PageContext; contracts: ContractRow[] }) {
  const { page, contracts } = props;
  const { t } = page;
  const viewer = page.viewer!;
  return (
    <Layout page={page} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      {viewer.isPlatformAdmin ? <p>{t('home.platform')}</p> : <p>{t('home.intro', { organisation: viewer.organisationName })}</p>}
      {!viewer.isPlatformAdmin && contracts.length === 0 ? <p>{t('home.none')}</p> : null}
      {contracts.length > 0 ? (
        <div class="table-wrap" tabindex={0}>
          <table id="contracts">
            <caption>{t('home.caption', { organisation: viewer.organisationName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.contract')}</th>
                <th scope="col">{t('home.role')}</th>
                <th scope="col">{t('home.status')}</th>
                <th scope="col">{t('home.next')}</th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((row) => (
                <tr data-contract-id={row.id}>
                  <th scope="row"><a href={`/contracts/${row.id}`}>{row.title}</a> <span class="hint">{row.reference}</span></th>
                  <td>{row.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                  <td>{t(`contractStatus.${row.status}`)}</td>
                  <td><NextDueText page={page} next={row.next} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Layout>
  );
}

export const homePages = new Hono<WebEnv>()
  .get('/', memberPage(), async (c) => {
    const principal = c.var.principal;
    let contracts: ContractRow[] = [];
    if (!principal.isAdmin) {
      const rows = await listContractsForOrganisation(c.var.db, { organisationId: principal.organisationId, limit: LIMIT });
      const roles = await rolesByContract(c.var.db, principal.organisationId, rows.map((r) => r.id));
      const next = await nextDueByContract(c.var.db, rows, principal.organisationId, c.var.deps.clock());
      contracts = rows.map((r) => ({
        id: r.id, reference: r.reference, title: r.title, status: r.status, currency: r.currency,
        roles: (roles.get(r.id) ?? []) as PartyRole[], next: next.get(r.id) ?? null,
      }));
    }
    return render(c, <HomePage page={c.var.page} contracts={contracts} />);
  });
