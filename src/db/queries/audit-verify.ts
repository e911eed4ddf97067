import type { Kysely } from 'kysely';
import { type ChainVerification, verifyChain } from '../../domain/audit/chain.ts';
import { contentDigest } from '../../domain/digest/sha256.ts';
import type { Database } from '../schema.ts';
import { chainEntries, toFields } from './audit.ts';
import { loadEvaluationData } from './evaluations.ts';

/**
 * Verifies a chain of the audit trail: every link (see domain/audit/chain.ts), then every recorded
 * state digest against the rows as they are now (a row changed behind the database's back no
 * longer matches), and with `deep`, every evaluation's data digest against the data re-read at its
 * ledger sequence number (a changed outcome record no longer matches).
 */
export interface AuditVerification {
  chain: string;
  links: ChainVerification;
  states: { checked: number; mismatches: { seq: number; entityType: string; entityId: string; reason: string }[] };
  evaluations?: { checked: number; mismatches: { evaluationId: string; reason: string }[] };
  ok: boolean;
}

async function currentState(db: Kysely<Database>, entityType: string, entityId: string): Promise<unknown | undefined> {
  switch (entityType) {
    case 'submission': {
      const row = await db.selectFrom('submission').select('response').where('id', '=', entityId).executeTakeFirst();
      return row?.response;
    }
    case 'obligation': {
      const o = await db.selectFrom('obligation').selectAll().where('id', '=', entityId).executeTakeFirst();
      if (!o) return undefined;
      return {
        evaluationId: o.evaluation_id, lineKey: o.line_key, ruleKey: o.rule_key, scope: o.scope, payerParty: o.payer_party,
        payerOrganisationId: o.payer_organisation_id, recipientParty: o.recipient_party, recipientOrganisationId: o.recipient_organisation_id,
        amount: o.amount, currency: o.currency, dueOn: o.due_on, kind: o.kind, corrects: o.corrects,
      };
    }
    default:
      return undefined;
  }
}

export async function verifyAuditChain(db: Kysely<Database>, chain: string, options: { deep?: boolean } = {}): Promise<AuditVerification> {
  const entries = await chainEntries(db, chain);
  const links = await verifyChain(entries.map(toFields));
  const mismatches: AuditVerification['states']['mismatches'] = [];
  let checked = 0;
  for (const e of entries) {
    const state = await currentState(db, e.entity_type, e.entity_id);
    if (state === undefined) continue;
    checked++;
    const digest = await contentDigest(state);
    if (digest !== e.state_digest) {
      mismatches.push({ seq: e.seq, entityType: e.entity_type, entityId: e.entity_id, reason: `the ${e.entity_type} now hashes to ${digest}, not ${e.state_digest} as recorded` });
    }
  }
  const result: AuditVerification = { chain, links, states: { checked, mismatches }, ok: links.ok && mismatches.length === 0 };
  if (options.deep) {
    const evaluations = await db
      .selectFrom('evaluation as e')
      .innerJoin('contract_version as v', 'v.id', 'e.version_id')
      .select(['e.id', 'e.as_of', 'e.ledger_seq', 'e.data_digest', 'e.prior_obligations_digest', 'v.content_hash'])
      .where('e.contract_id', '=', chain)
      .orderBy('e.id')
      .execute();
    const evaluationMismatches: { evaluationId: string; reason: string }[] = [];
    for (const e of evaluations) {
      const data = await loadEvaluationData(db, { contractId: chain, asOf: e.as_of, sequence: e.ledger_seq, versionHash: e.content_hash });
      if (data.digest !== e.data_digest) evaluationMismatches.push({ evaluationId: e.id, reason: `its data now hashes to ${data.digest}, not ${e.data_digest}` });
      else if (data.priorObligationsDigest !== e.prior_obligations_digest) {
        evaluationMismatches.push({ evaluationId: e.id, reason: `the obligations before it now hash to ${data.priorObligationsDigest}, not ${e.prior_obligations_digest}` });
      }
    }
    result.evaluations = { checked: evaluations.length, mismatches: evaluationMismatches };
    result.ok = result.ok && evaluationMismatches.length === 0;
  }
  return result;
}
