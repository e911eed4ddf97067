/**
 * JSON Schema (draft-07) for the part of the INDIGO `project` record that Outcome Ledger produces
 * (`export.ts`, types in `types.ts`).
 *
 * WRITTEN FROM THE STANDARD'S DOCUMENTATION, NOT VENDORED. The official schema of the INDIGO
 * impact-bond data standard (Government Outcomes Lab, `project.json`) could not be vendored here
 * (no network access from the build), so this schema was written by hand from the standard's
 * field-by-field documentation of the project model, version 4 (JSON Schema draft-07): the same
 * field names and nesting, the {value} / {value, status} leaf objects and their `definitions`
 * names, the date pattern (YYYY, YYYY-MM or YYYY-MM-DD), money amounts as numbers, and the
 * codelists of the fields we fill (stage_development, policy_sector, result_type, result_level,
 * outcome_payments type, transaction_type, investment_type, maximum_potential_return_type,
 * investor_repayment, unit types, intermediary role categories, status PUBLIC | PRIVATE | DISPUTED).
 *
 * It is deliberately STRICTER than the standard, to check our own output: every object forbids
 * properties the standard does not define (or that we never emit), fields we always emit are
 * required, and leaf `value`s are required. It is not a schema for every valid INDIGO record.
 */

import {
  intermediaryRoleValues, investmentTypeValues, investorRepaymentValues, maximumPotentialReturnTypeValues, outcomePaymentTypeValues,
  policySectorValues, resultLevelValues, resultTypeValues, stageDevelopmentValues, transactionTypeValues, unitTypeValues,
} from './types.ts';

/** The version of the standard's project model this schema and the export follow. */
export const INDIGO_STANDARD_VERSION = '4';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** A closed object: only the listed properties, `required` ones always present. */
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

/** A `{ value }` object whose value comes from a codelist, optionally with a status. */
const code = (values: readonly string[], withStatus = false): Schema =>
  withStatus
    ? obj({ value: { type: 'string', enum: values }, status: ref('status') }, ['value', 'status'])
    : obj({ value: { type: 'string', enum: values } }, ['value']);

const arrayOf = (items: Schema, minItems = 0): Schema => ({ type: 'array', minItems, items });

const period = obj({ start_date: ref('object_with_value_date'), end_date: ref('object_with_value_date') }, ['start_date', 'end_date']);

const money = obj({ currency: ref('object_with_value_string'), amount: ref('object_with_value_number') }, ['currency', 'amount']);
const moneyWithStatus = obj(
  { currency: ref('object_with_value_string_and_status'), amount: ref('object_with_value_number_and_status') },
  ['currency', 'amount'],
);

const recordStatus = ref('status');
const text = { type: 'string' };

// Codelists of the standard, for the fields we fill (the value lists live in types.ts, shared with the export's types).
export const codelists = {
  status: ['PUBLIC', 'PRIVATE', 'DISPUTED'],
  stage_development: stageDevelopmentValues,
  policy_sector: policySectorValues,
  unit_type: unitTypeValues,
  intermediary_role_category: intermediaryRoleValues,
  investment_type: investmentTypeValues,
  maximum_potential_return_type: maximumPotentialReturnTypeValues,
  investor_repayment: investorRepaymentValues,
  transaction_type: transactionTypeValues,
  result_level: resultLevelValues,
  result_type: resultTypeValues,
  outcome_payment_type: outcomePaymentTypeValues,
} as const;

const datePattern = '^[0-9]{4}$|^[0-9]{4}-[0-9]{2}$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const indigoProjectSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://outcome-ledger.example/schemas/indigo-project-subset.v4.json',
  title: 'INDIGO project record (v4), the subset produced by Outcome Ledger',
  type: 'object',
  additionalProperties: false,
  required: [
    'status', 'name', 'stage_development', 'dates', 'jurisdiction', 'overall_project_finance', 'investment_details',
    'purpose_and_classifications', 'service_and_beneficiaries', 'notes', 'sources', 'service_provisions',
    'outcome_payment_commitments', 'investments', 'intermediary_services', 'outcome_metrics', 'outcome_pricings',
    'transactions', 'results', 'outcome_payments',
  ],
  properties: {
    status: recordStatus,
    name: ref('object_with_value_string'),
    stage_development: code(codelists.stage_development, true),
    dates: obj(
      {
        outcomes_contract_signed: ref('object_with_value_date_and_status'),
        contracts_between_all_parties_signed: ref('object_with_value_date_and_status'),
        anticipated_completion_date: ref('object_with_value_date_and_status'),
        actual_completion_date: ref('object_with_value_date_and_status'),
        start_date_of_service_provision: ref('object_with_value_date_and_status'),
        anticipated_end_date_of_service_provision: ref('object_with_value_date_and_status'),
        actual_end_date_of_service_provision: ref('object_with_value_date_and_status'),
        notes: text,
      },
      ['anticipated_completion_date', 'start_date_of_service_provision', 'anticipated_end_date_of_service_provision'],
    ),
    jurisdiction: obj({ jurisdiction: ref('object_with_value_country_and_status'), notes: text }, ['jurisdiction']),
    overall_project_finance: obj(
      {
        total_investment_commitment: obj(
          {
            currency: ref('object_with_value_string_and_status'),
            amount: obj({ exact: ref('object_with_value_number_and_status') }, ['exact']),
          },
          ['currency', 'amount'],
        ),
        maximum_potential_outcome_payment_v2: moneyWithStatus,
        maximum_potential_return_type: code(codelists.maximum_potential_return_type, true),
        maximum_potential_return: ref('object_with_value_string_and_status'),
        configuration_contracting_parties: ref('object_with_value_string_and_status'),
        investor_repayment: ref('object_with_value_string_and_status'),
        total_outcome_payments_made: moneyWithStatus,
        notes: text,
      },
      ['total_investment_commitment', 'maximum_potential_outcome_payment_v2', 'total_outcome_payments_made'],
    ),
    investment_details: obj(
      {
        total_funds_invested: obj(
          {
            latest: obj(
              {
                currency: ref('object_with_value_string_and_status'),
                amount: ref('object_with_value_number_and_status'),
                date: ref('object_with_value_date_and_status'),
              },
              ['currency', 'amount', 'date'],
            ),
          },
          ['latest'],
        ),
        notes: text,
      },
      ['total_funds_invested'],
    ),
    purpose_and_classifications: obj(
      {
        intervention: ref('object_with_value_string_and_status'),
        policy_sector: code(codelists.policy_sector),
        notes: text,
      },
      ['intervention'],
    ),
    service_and_beneficiaries: obj(
      {
        target_population: ref('object_with_value_string_and_status'),
        targeted_number_service_users_or_beneficiaries_total: ref('object_with_value_number_and_status'),
        unit_type_targeted_service_users_or_beneficiaries: code(codelists.unit_type, true),
        notes: text,
      },
      ['target_population'],
    ),
    notes: obj({ value: text, status: ref('status') }, ['value', 'status']),
    sources: arrayOf(
      obj(
        {
          id: { type: 'string', minLength: 1 },
          name: ref('object_with_value_string'),
          type: ref('object_with_value_string'),
          url: obj({ value: { type: 'string', format: 'uri' } }, ['value']),
          accessed_date: ref('object_with_value_date'),
          notes: text,
          status: recordStatus,
        },
        ['id', 'name', 'type', 'status'],
      ),
      1,
    ),
    service_provisions: arrayOf(
      obj(
        {
          id: { type: 'string', minLength: 1 },
          organisation_id: ref('object_with_value_organisation_reference'),
          intervention: ref('object_with_value_string'),
          planned_service: period,
          actual_service: obj({ start_date: ref('object_with_value_date'), end_date: ref('object_with_value_date') }),
          alterations: obj({ description: ref('object_with_value_string'), reason: ref('object_with_value_string') }, ['description']),
          notes: text,
          status: recordStatus,
        },
        ['id', 'organisation_id', 'intervention', 'planned_service', 'status'],
      ),
    ),
    outcome_payment_commitments: arrayOf(
      obj(
        {
          organisation_id: ref('object_with_value_organisation_reference'),
          maximum_potential_outcome_payment: obj(
            { currency: ref('object_with_value_string_and_status'), amount: ref('object_with_value_number') },
            ['currency', 'amount'],
          ),
          period,
          total_outcome_payments: obj(
            { currency: ref('object_with_value_string_and_status'), amount: ref('object_with_value_number') },
            ['currency', 'amount'],
          ),
          alterations: obj(
            { description: ref('object_with_value_string_and_status'), reason: ref('object_with_value_string_and_status') },
            ['description'],
          ),
          notes: text,
          status: recordStatus,
        },
        ['organisation_id', 'maximum_potential_outcome_payment', 'total_outcome_payments', 'status'],
      ),
      1,
    ),
    investments: arrayOf(
      obj(
        {
          id: { type: 'string', minLength: 1 },
          organisation_id: ref('object_with_value_organisation_reference'),
          investment_commitment: obj(
            { currency: ref('object_with_value_string'), amount: obj({ exact: ref('object_with_value_number') }, ['exact']) },
            ['currency', 'amount'],
          ),
          maximum_potential_return_type: code(codelists.maximum_potential_return_type),
          maximum_potential_return: ref('object_with_value_number'),
          investor_repayment: code(codelists.investor_repayment),
          investment_type: code(codelists.investment_type),
          notes: text,
          status: recordStatus,
        },
        ['id', 'organisation_id', 'investment_commitment', 'status'],
      ),
    ),
    intermediary_services: arrayOf(
      obj(
        {
          organisation_id: ref('object_with_value_organisation_reference'),
          organisation_role_category: code(codelists.intermediary_role_category),
          other_role_description: ref('object_with_value_string'),
          notes: text,
          status: recordStatus,
        },
        ['organisation_id', 'organisation_role_category', 'status'],
      ),
    ),
    outcome_metrics: arrayOf(
      obj(
        {
          id: { type: 'string', pattern: '^outcomemetric[1-9][0-9]*$' },
          definition: ref('object_with_value_string'),
          target_population: ref('object_with_value_string'),
          outcome_metric_target: ref('object_with_value_string'),
          outcome_validation_method: ref('object_with_value_string'),
          data_source_for_outcome_validation: ref('object_with_value_string'),
          policy_sector: ref('object_with_value_string'),
          notes: text,
          status: recordStatus,
        },
        ['id', 'definition', 'outcome_validation_method', 'status'],
      ),
      1,
    ),
    outcome_pricings: arrayOf(
      obj(
        {
          outcome_metric_id: ref('outcome_metric_reference'),
          currency: ref('object_with_value_string'),
          price_per_unit: obj({ amount: ref('object_with_value_number') }, ['amount']),
          // A string in the standard.
          maximum_price_if_all_targets_achieved: obj({ amount: ref('object_with_value_string') }, ['amount']),
          contracted_increases_to_outcome_pricing: ref('object_with_value_string'),
          price_description: ref('object_with_value_string'),
          notes: text,
          status: recordStatus,
        },
        ['outcome_metric_id', 'currency', 'price_description', 'status'],
      ),
      1,
    ),
    transactions: arrayOf(
      obj(
        {
          investment_id: ref('object_with_value_string'),
          outcome_metric_id: ref('outcome_metric_reference'),
          date: ref('object_with_value_date'),
          sending_organisation_id: ref('object_with_value_organisation_reference'),
          receiving_organisation_id: ref('object_with_value_organisation_reference'),
          transaction_type: code(codelists.transaction_type),
          money,
          source_ids: text,
          notes: text,
          status: recordStatus,
        },
        ['date', 'sending_organisation_id', 'transaction_type', 'money', 'status'],
      ),
    ),
    results: arrayOf(
      obj(
        {
          outcome_metric_id: ref('outcome_metric_reference'),
          result_level: code(codelists.result_level),
          result_type: code(codelists.result_type),
          period,
          outcomes_achieved: ref('object_with_value_string'),
          number_engaged_in_impact_bond: ref('object_with_value_number'),
          number_with_positive_social_outcomes: ref('object_with_value_number'),
          outcomes_validator_organisation_ids: ref('object_with_value_organisation_references_comma_separated'),
          source_ids: text,
          notes: text,
          status: recordStatus,
        },
        ['result_level', 'result_type', 'period', 'outcomes_achieved', 'status'],
      ),
    ),
    outcome_payments: arrayOf(
      obj(
        {
          outcome_metric_id: ref('outcome_metric_reference'),
          period,
          payer_organisation_id: ref('object_with_value_organisation_reference'),
          recipient_organisation_id: ref('object_with_value_organisation_reference'),
          type: code(codelists.outcome_payment_type),
          money,
          status: recordStatus,
          source_ids: text,
          notes: text,
        },
        ['period', 'payer_organisation_id', 'recipient_organisation_id', 'type', 'money', 'status'],
      ),
    ),
  },
  definitions: {
    status: { type: 'string', enum: codelists.status },
    object_with_value_string: obj({ value: text }, ['value']),
    object_with_value_string_and_status: obj({ value: text, status: ref('status') }, ['value', 'status']),
    object_with_value_number: obj({ value: { type: 'number' } }, ['value']),
    object_with_value_number_and_status: obj({ value: { type: 'number' }, status: ref('status') }, ['value', 'status']),
    object_with_value_date: obj({ value: { type: 'string', pattern: datePattern } }, ['value']),
    object_with_value_date_and_status: obj({ value: { type: 'string', pattern: datePattern }, status: ref('status') }, ['value', 'status']),
    // ISO 3166-1 alpha-2, as the standard's country codelist.
    object_with_value_country_and_status: obj(
      { value: { type: 'string', pattern: '^[A-Z]{2}$' }, status: ref('status') },
      ['value', 'status'],
    ),
    object_with_value_organisation_reference: obj({ value: { type: 'string', minLength: 1 } }, ['value']),
    object_with_value_organisation_references_comma_separated: obj({ value: { type: 'string', pattern: '^[^,]+(,[^,]+)*$' } }, ['value']),
    // Internal join id within one project: outcome_metrics[].id.
    outcome_metric_reference: obj({ value: { type: 'string', pattern: '^outcomemetric[1-9][0-9]*$' } }, ['value']),
  },
} as const satisfies Schema;
