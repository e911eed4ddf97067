import type { Migration } from 'kysely';
import * as m0001 from './20261123T0001_service_settings.ts';
import * as m0002 from './20261123T0002_parties_and_contracts.ts';
import * as m0003 from './20261123T0003_outcome_data.ts';
import * as m0004 from './20261123T0004_claim_index_tuning.ts';
import * as m0005 from './20261123T0005_evaluations_and_obligations.ts';
import * as m0006 from './20261123T0006_settlements_and_distributions.ts';
import * as m0007 from './20261123T0007_audit_and_immutability.ts';
import * as m0008 from './20261201T0008_idempotency_and_key_scopes.ts';
import * as m0009 from './20261201T0009_tamper_evidence.ts';
import * as m0010 from './20261201T0010_claim_quantities.ts';
import * as m0011 from './20261201T0011_organisation_identifiers.ts';
import * as m0012 from './20261201T0012_webhooks.ts';
import * as m0013 from './20261201T0013_people_and_sessions.ts';
import * as m0014 from './20261201T0014_people_act_on_contracts.ts';
import * as m0015 from './20261201T0015_disputes.ts';
import * as m0016 from './20261201T0016_claim_tallies.ts';
import * as m0017 from './20261201T0017_contract_scoped_keys.ts';
import * as m0018 from './20261201T0018_ingest_without_row_triggers.ts';
import * as m0021 from './20261201T0021_reviews_checked_per_statement.ts';
import * as m0022 from './20261202T0022_reviews_in_contract_order.ts';
import * as m0023 from './20261203T0023_member_removal.ts';
import * as m0024 from './20261203T0024_api_key_use.ts';

/**
 * Every migration, in order. Listed statically (not read from the filesystem) so the same list
 * works in bundles and on Workers. Forward-only: never edit or remove a migration that has shipped;
 * add a new one with a later, sortable name.
 */
export const migrations: Record<string, Migration> = {
  '20261123T0001_service_settings': m0001,
  '20261123T0002_parties_and_contracts': m0002,
  '20261123T0003_outcome_data': m0003,
  '20261123T0004_claim_index_tuning': m0004,
  '20261123T0005_evaluations_and_obligations': m0005,
  '20261123T0006_settlements_and_distributions': m0006,
  '20261123T0007_audit_and_immutability': m0007,
  '20261201T0008_idempotency_and_key_scopes': m0008,
  '20261201T0009_tamper_evidence': m0009,
  '20261201T0010_claim_quantities': m0010,
  '20261201T0011_organisation_identifiers': m0011,
  '20261201T0012_webhooks': m0012,
  '20261201T0013_people_and_sessions': m0013,
  '20261201T0014_people_act_on_contracts': m0014,
  '20261201T0015_disputes': m0015,
  '20261201T0016_claim_tallies': m0016,
  '20261201T0017_contract_scoped_keys': m0017,
  '20261201T0018_ingest_without_row_triggers': m0018,
  '20261201T0021_reviews_checked_per_statement': m0021,
  '20261202T0022_reviews_in_contract_order': m0022,
  '20261203T0023_member_removal': m0023,
  '20261203T0024_api_key_use': m0024,
};
