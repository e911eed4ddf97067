import { predecessorOf, versionSummary } from '../../api/contracts/contracts.views.ts';
import { approvalsOf, versionsOf } from '../../db/queries/contracts.ts';
import type { ContractVersion } from '../../db/schema.ts';
import type { ContractDefinition } from '../../domain/contract/definition.ts';
import type { WebContext } from '../context.ts';

/** What the contract pages read: the versions with their approvals (the API's views), and organisation names. */

export type VersionView = ReturnType<typeof versionSummary> & { definition: ContractDefinition; bindings: Record<string, string> };

export async function versionViews(c: WebContext, contractId: string): Promise<VersionView[]> {
  const versions = await versionsOf(c.var.db, contractId);
  const approvals = await approvalsOf(c.var.db, versions.map((v) => v.id));
  return versions.map((v: ContractVersion) => ({
    ...versionSummary(v, approvals, predecessorOf(v, versions)),
    definition: v.definition as ContractDefinition,
    bindings: v.party_organisations,
  }));
}

/** The version a contract page presents: in force, else the proposed one, else the latest. */
export function presented(versions: VersionView[]): VersionView | undefined {
  return versions.find((v) => v.status === 'in_force') ?? versions.find((v) => v.status === 'proposed') ?? versions[versions.length - 1];
}

export async function organisationNames(c: WebContext, ids: Iterable<string>): Promise<Record<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return {};
  const rows = await c.var.db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', list).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}
