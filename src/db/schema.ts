import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types. NUMERIC columns are typed `Numeric` so that only decimal strings go in and come
 * out: a JS number cannot be inserted by accident, and amounts stay exact end to end.
 */
export type Numeric = ColumnType<string, string, string>;
/** DATE columns are read and written as ISO `YYYY-MM-DD` strings on both drivers. */
export type IsoDateColumn = ColumnType<string, string, string>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/**
 * JSONB: read and written as JS values. Never pass pre-serialised JSON text: postgres.js would store
 * it as a JSON string scalar, while PGlite would parse it.
 */
export type Json<T> = ColumnType<T, T, T>;

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
  scope: Generated<KeyScope>;
}

/** When a key was last used, to the minute (migration 0024). */
export interface ApiKeyUseTable {
  key_id: string;
  last_used_at: Date;
}

/** `admin` keys also issue and revoke their organisation's keys; `member` keys do everything else. */
export type KeyScope = 'admin' | 'member';

export interface IdempotencyRecordTable {
  organisation_id: string;
  key: string;
  request_digest: string;
  operation: string;
  status: number;
  response: Json<unknown>;
  receipt: string | null;
  created_at: Generated<Date>;
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
  api_key_id: string | null;
  /** The person who did it (migration 0014); null when a key did. Exactly one of api_key_id and member_id is set. */
  member_id: Generated<string | null>;
  approved_at: Generated<Date>;
}

export type SubmissionKind = 'participant_claims' | 'aggregate_results';

export interface SubmissionTable {
  id: string;
  contract_id: string;
  version_id: string;
  kind: SubmissionKind;
  organisation_id: string;
  api_key_id: string | null;
  /** The person who did it (migration 0014); null when a key did. Exactly one of api_key_id and member_id is set. */
  member_id: Generated<string | null>;
  content_type: string;
  row_count: number;
  correction_count: number;
  body_digest: string;
  idempotency_key: string | null;
  response: Json<unknown>;
  submitted_at: Generated<Date>;
  ledger_seq: Generated<string>;
}

export interface ParticipantClaimTable {
  id: string;
  contract_id: string;
  submission_id: string;
  row_number: number;
  participant_ref: string;
  metric: string;
  cohort: string;
  achieved_on: IsoDateColumn;
  held_from: IsoDateColumn | null;
  evidence: Json<string[]>;
  /** Units of the outcome (NUMERIC, canonical text: "1", "30", "2.5"). */
  quantity: ColumnType<string, string | undefined, string>;
  supersedes_id: string | null;
}

export interface AggregateResultTable {
  id: string;
  contract_id: string;
  submission_id: string;
  row_number: number;
  metric: string;
  cohort: string | null;
  period: string | null;
  measured_on: IsoDateColumn;
  treatment_value: Numeric;
  comparison_value: Numeric | null;
  treatment_sample_size: number | null;
  comparison_sample_size: number | null;
  methodology: string;
  methodology_version: string;
  measured_by: string;
  supersedes_id: string | null;
}

export interface MeasurementReviewTable {
  id: string;
  contract_id: string;
  claim_id: string | null;
  result_id: string | null;
  decision: 'validated' | 'rejected';
  reason: string | null;
  organisation_id: string;
  api_key_id: string | null;
  /** The person who did it (migration 0014); null when a key did. Exactly one of api_key_id and member_id is set. */
  member_id: Generated<string | null>;
  batch_id: string;
  reviewed_at: Generated<Date>;
  ledger_seq: Generated<string>;
}

export interface DisputeTable {
  id: string;
  contract_id: string;
  kind: 'participant_claims' | 'aggregate_results';
  claim_id: string | null;
  result_id: string | null;
  review_id: string;
  reason: string;
  evidence_ref: string;
  opened_by_organisation_id: string;
  opened_by_api_key_id: string | null;
  opened_by_member_id: string | null;
  opened_at: Date;
  state: Generated<'open' | 'upheld' | 'dismissed'>;
  resolution_reason: string | null;
  resolved_by_organisation_id: string | null;
  resolved_by_api_key_id: string | null;
  resolved_by_member_id: string | null;
  resolved_at: Date | null;
  resolved_ledger_seq: string | null;
}

export interface EvaluationTable {
  id: string;
  contract_id: string;
  version_id: string;
  trigger: 'scheduled' | 'manual';
  scheduled_for: Date | null;
  as_of: IsoDateColumn;
  known_at: Date;
  /** int8, as a decimal string on both drivers. */
  ledger_seq: string;
  data_digest: string;
  prior_obligations_digest: string;
  data_counts: Json<Record<string, number>>;
  engine_version: string;
  result: Json<unknown>;
  requested_by_organisation_id: string | null;
  api_key_id: string | null;
  /** The person who requested it (migration 0014); null for keys and scheduled runs. */
  member_id: Generated<string | null>;
  created_at: Generated<Date>;
}

export interface ObligationTable {
  id: string;
  contract_id: string;
  evaluation_id: string;
  line_key: string;
  rule_key: string;
  scope: string;
  payer_party: string;
  payer_organisation_id: string;
  recipient_party: string;
  recipient_organisation_id: string;
  amount: Numeric;
  currency: string;
  due_on: IsoDateColumn;
  kind: 'payment' | 'adjustment';
  corrects: Json<string[]>;
  created_at: Generated<Date>;
}

export interface DrawdownTable {
  id: string;
  contract_id: string;
  investor_party: string;
  investor_organisation_id: string;
  tranche: string | null;
  drawn_on: IsoDateColumn;
  amount: Numeric;
  currency: string;
  reference: string | null;
  recorded_by_organisation_id: string;
  api_key_id: string | null;
  /** The person who did it (migration 0014); null when a key did. Exactly one of api_key_id and member_id is set. */
  member_id: Generated<string | null>;
  recorded_at: Generated<Date>;
  ledger_seq: Generated<string>;
}

export interface SettlementTable {
  id: string;
  contract_id: string;
  obligation_id: string;
  payer_organisation_id: string;
  amount: Numeric;
  currency: string;
  settled_on: IsoDateColumn;
  reference: string | null;
  recorded_by_organisation_id: string;
  api_key_id: string | null;
  /** The person who did it (migration 0014); null when a key did. Exactly one of api_key_id and member_id is set. */
  member_id: Generated<string | null>;
  recorded_at: Generated<Date>;
  ledger_seq: Generated<string>;
}

export interface DistributionTable {
  id: string;
  contract_id: string;
  settlement_id: string;
  recipient_party: string;
  recipient_organisation_id: string;
  role: 'investor' | 'outcome_payer' | 'operator';
  seniority: string | null;
  amount: Numeric;
  currency: string;
  distributed_on: IsoDateColumn;
  explanation: string;
  capacity_before: Numeric | null;
  recorded_at: Generated<Date>;
}

export interface AuditEntryTable {
  id: string;
  chain: string;
  seq: number;
  action: string;
  entity_type: string;
  entity_id: string;
  state_digest: string;
  organisation_id: string | null;
  api_key_id: string | null;
  request_id: string | null;
  recorded_at: Date;
  previous_hash: string;
  entry_hash: string;
  /** The person behind the write (migration 0013); null for keys and the scheduler. */
  member_id: Generated<string | null>;
}

/** A webhook endpoint of an organisation (migration 0012); `secret` never leaves the service but to sign. */
export interface WebhookEndpointTable {
  id: string;
  organisation_id: string;
  url: string;
  description: string | null;
  event_types: Json<string[]>;
  secret: string;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
  disabled_at: Date | null;
}

/** The outbox: one row per event, written in the transaction of the write that causes it. */
export interface WebhookEventTable {
  id: string;
  type: string;
  contract_id: string | null;
  payload: Json<unknown>;
  occurred_at: Date;
  dedupe_key: string | null;
}

export type WebhookDeliveryState = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint: the delivery log. */
export interface WebhookDeliveryTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  state: Generated<WebhookDeliveryState>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** An organisation role of a person: `admin` also invites members and sets the organisation's sign-in policy. */
export type OrganisationRole = 'admin' | 'member';
export type Locale = 'en' | 'fr';

/** A person of an organisation (migration 0013). */
export interface MemberTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: OrganisationRole;
  locale: Locale;
  /** scrypt, encoded with its parameters and salt (domain/people/password.ts). */
  password_hash: string;
  password_changed_at: Date;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_pending_secret: string | null;
  /** int8 as a decimal string: the last TOTP time step accepted. */
  totp_last_step: string | null;
  invitation_id: string | null;
  created_at: Date;
  /** When the organisation removed the person (migration 0023); null while they are a member. */
  removed_at: Date | null;
  /** Who removed them: a person or a key (at most one). */
  removed_by_member_id: string | null;
  removed_by_key_id: string | null;
}

export interface InvitationTable {
  id: string;
  organisation_id: string;
  /** Null only for the first platform administrator's invitation (printed at first start). */
  email: string | null;
  name: string | null;
  role: OrganisationRole;
  locale: Locale;
  token_hash: string;
  invited_by_member_id: string | null;
  invited_by_key_id: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  member_id: string | null;
}

export type SessionStage = 'second_factor' | 'enrol_totp' | 'full';

export interface WebSessionTable {
  id: string;
  token_hash: string;
  member_id: string;
  organisation_id: string;
  stage: SessionStage;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface SignInFailureTable {
  id: Generated<string>;
  account: string;
  address: string;
  at: Date;
}

export interface OrganisationSecurityTable {
  organisation_id: string;
  require_totp: boolean;
  changed_at: Date;
  changed_by_member_id: string | null;
  changed_by_key_id: string | null;
}

export interface Database {
  service_setting: ServiceSettingTable;
  organisation: OrganisationTable;
  api_key: ApiKeyTable;
  api_key_use: ApiKeyUseTable;
  contract: ContractTable;
  contract_version: ContractVersionTable;
  contract_party: ContractPartyTable;
  contract_approval: ContractApprovalTable;
  submission: SubmissionTable;
  participant_claim: ParticipantClaimTable;
  aggregate_result: AggregateResultTable;
  measurement_review: MeasurementReviewTable;
  dispute: DisputeTable;
  evaluation: EvaluationTable;
  obligation: ObligationTable;
  drawdown: DrawdownTable;
  settlement: SettlementTable;
  distribution: DistributionTable;
  audit_entry: AuditEntryTable;
  idempotency_record: IdempotencyRecordTable;
  member: MemberTable;
  invitation: InvitationTable;
  web_session: WebSessionTable;
  sign_in_failure: SignInFailureTable;
  organisation_security: OrganisationSecurityTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_event: WebhookEventTable;
  webhook_delivery: WebhookDeliveryTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type Contract = Selectable<ContractTable>;
export type ContractVersion = Selectable<ContractVersionTable>;
export type ContractApproval = Selectable<ContractApprovalTable>;
export type NewContractVersion = Insertable<ContractVersionTable>;
export type Dispute = Selectable<DisputeTable>;
export type Evaluation = Selectable<EvaluationTable>;
export type Obligation = Selectable<ObligationTable>;
export type Settlement = Selectable<SettlementTable>;
export type Distribution = Selectable<DistributionTable>;
export type DrawdownRow = Selectable<DrawdownTable>;
export type AuditEntry = Selectable<AuditEntryTable>;
export type Member = Selectable<MemberTable>;
export type Invitation = Selectable<InvitationTable>;
export type WebSession = Selectable<WebSessionTable>;
