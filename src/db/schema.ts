import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types. NUMERIC columns are typed `Numeric` so that only decimal strings go in and come
 * out: a JS number cannot be inserted by accident, and amounts stay exact end to end.
 */
export type Numeric = ColumnType<string, string, string>;
/** DATE columns are read and written as ISO `YYYY-MM-DD` strings on both drivers. */
export type IsoDateColumn = ColumnType<string, string, string>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** JSONB: read as parsed values, written as JSON text (both drivers accept text for jsonb). */
export type Json<T> = ColumnType<T, string, string>;

export interface ServiceSettingTable {
  key: string;
  value: string;
  created_at: Generated<Date>;
}

export type OrganisationKind =
  | 'platform' | 'public_authority' | 'investor' | 'operator' | 'evaluator' | 'validator' | 'intermediary';

export interface OrganisationTable {
  id: string;
  name: string;
  kind: OrganisationKind;
  created_at: Generated<Date>;
}

export interface ApiKeyTable {
  id: string;
  organisation_id: string;
  key_hash: string;
  key_prefix: string;
  label: string | null;
  created_at: Generated<Date>;
  created_by_key_id: string | null;
  revoked_at: Date | null;
  revoked_by_key_id: string | null;
}

export type ContractStatus = 'draft' | 'active' | 'terminated';
export type VersionStatus = 'proposed' | 'in_force' | 'superseded' | 'withdrawn';

export interface ContractTable {
  id: string;
  reference: string;
  title: string;
  policy_area: string;
  currency: string;
  status: ContractStatus;
  registered_by_organisation_id: string;
  created_at: Generated<Date>;
  activated_at: Date | null;
  terminated_on: IsoDateColumn | null;
  termination_reason: string | null;
  terminated_at: Date | null;
}

export interface ContractVersionTable {
  id: string;
  contract_id: string;
  number: number;
  kind: 'original' | 'amendment';
  definition: Json<unknown>;
  party_organisations: Json<Record<string, string>>;
  content_hash: string;
  status: VersionStatus;
  description: string | null;
  reason: string | null;
  effective_from: IsoDateColumn | null;
  proposed_by_organisation_id: string;
  proposed_at: Generated<Date>;
  in_force_at: Date | null;
}

export interface ContractPartyTable {
  version_id: string;
  contract_id: string;
  party_key: string;
  role: string;
  organisation_id: string;
}

export interface ContractApprovalTable {
  id: string;
  version_id: string;
  contract_id: string;
  organisation_id: string;
  content_hash: string;
  api_key_id: string;
  approved_at: Generated<Date>;
}

export interface Database {
  service_setting: ServiceSettingTable;
  organisation: OrganisationTable;
  api_key: ApiKeyTable;
  contract: ContractTable;
  contract_version: ContractVersionTable;
  contract_party: ContractPartyTable;
  contract_approval: ContractApprovalTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type Contract = Selectable<ContractTable>;
export type ContractVersion = Selectable<ContractVersionTable>;
export type ContractApproval = Selectable<ContractApprovalTable>;
export type NewContractVersion = Insertable<ContractVersionTable>;
