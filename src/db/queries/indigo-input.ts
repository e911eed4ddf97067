import type { Kysely } from 'kysely';
import type { IndigoProjectInput } from '../../domain/indigo/input.ts';
import type { Contract, Database } from '../schema.ts';
import { approvalsOf, versionsOf } from './contracts.ts';
import { indigoInput } from './indigo.ts';
import { organisationIdentifiers } from './organisation-identifiers.ts';

/**
 * What the INDIGO export needs (`indigoInput`), plus what the standard asks of it since release
 * 4.1.0 was followed: the identifier each organisation declared and its kind (organisation
 * records), and the signature date: when the last required party approved the first version that
 * came into force (null while none has).
 */
export async function indigoExportInput(db: Kysely<Database>, contract: Contract, generatedAt: Date): Promise<IndigoProjectInput> {
  const input = await indigoInput(db, contract, generatedAt);
  const ids = [...new Set(input.parties.map((p) => p.organisationId))];
  const identifiers = await organisationIdentifiers(db, ids);
  const kinds = ids.length === 0 ? new Map<string, string>()
    : new Map((await db.selectFrom('organisation').select(['id', 'kind']).where('id', 'in', ids).execute()).map((o) => [o.id, o.kind as string]));
  const versions = await versionsOf(db, contract.id);
  const first = versions.filter((v) => v.in_force_at !== null).sort((a, b) => a.number - b.number)[0];
  let signedAt: string | null = null;
  if (first) {
    const approvals = await approvalsOf(db, [first.id]);
    const last = approvals.map((a) => a.approved_at.getTime()).reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    signedAt = Number.isFinite(last) ? new Date(last).toISOString() : first.in_force_at!.toISOString();
  }
  return {
    ...input,
    parties: input.parties.map((p) => ({ ...p, identifier: identifiers.get(p.organisationId) ?? null, organisationKind: kinds.get(p.organisationId) })),
    signedAt,
  };
}
