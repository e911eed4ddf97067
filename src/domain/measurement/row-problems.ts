import { unstorableTexts } from './storable-text.ts';

/**
 * What can be wrong with a row of outcome data, each a stable code with its English text: the
 * API's `message` is the text with its `params` filled in, and the pages say it in the reader's
 * language from the code (src/web/operator/row-problems.ts holds the French). Placeholders are
 * `{name}`; parameter values are content (as written in the file, or dates and ids).
 */
export const rowProblemTexts = {
  required: 'is required',
  ...unstorableTexts,
  // participant references
  looks_like_email: 'looks like an e-mail address; participant references must be pseudonymous codes',
  looks_like_iban: 'looks like an IBAN (bank account number); participant references must be pseudonymous codes',
  looks_like_nir: 'looks like a French social-security number (NIR); participant references must be pseudonymous codes',
  looks_like_phone: 'looks like a phone number; participant references must be pseudonymous codes',
  looks_like_nino: 'looks like a National Insurance number; participant references must be pseudonymous codes',
  reference_characters: 'must be 1-64 characters of letters, digits and - _ . : / (no spaces or names); participant references must be pseudonymous codes',
  looks_like_name: 'looks like a name (it has no digit); participant references must be pseudonymous codes with at least one digit',
  reference_pattern: "does not match this contract's participant reference pattern {pattern}",
  // outcomes, metrics, cohorts, periods
  unknown_outcome: '"{value}" is not an outcome of the contract version in force',
  aggregate_as_claim: '"{value}" is an aggregate metric: submit it as an aggregate result, not a participant claim',
  unknown_metric: '"{value}" is not a metric of the contract version in force',
  participant_as_result: '"{value}" is a participant-level outcome: submit it as participant claims',
  unknown_cohort: '"{value}" is not a cohort of the contract',
  unknown_period: '"{value}" is not a period of the contract',
  cohort_or_period: 'give exactly one of cohort or period',
  // dates
  not_a_date: '"{value}" is not a date written YYYY-MM-DD',
  outside_term: '{value} is outside the contract term {start} to {end}',
  outside_cohort_window: "{value} is outside cohort {cohort}'s window {start} to {end} (enrolment plus follow-up)",
  held_after_achieved: 'must not be after achieved_on',
  before_term: 'is before the contract term',
  // evidence, numbers, text
  evidence_too_long: 'each evidence reference is at most 200 characters',
  evidence_required: '"{value}" requires evidence ({required})',
  not_a_quantity: '"{value}" is not a quantity: a number of units above 0 with at most 6 decimals (e.g. 30 or 2.5)',
  not_a_decimal: '"{value}" is not a decimal number (digits, optional "." and decimals)',
  not_a_positive_whole_number: '"{value}" is not a positive whole number',
  too_long: 'is at most 500 characters',
  // corrections and duplicates (checked across rows and against stored records)
  not_a_record_id: '"{value}" is not the id of a record',
  duplicate_claim_in_upload: 'duplicates data row {firstRow} (the same participant, outcome, date and evidence)',
  duplicate_result_in_upload: 'duplicates data row {firstRow} (the same metric, cohort or period and measurement date)',
  duplicate_claim_stored: 'duplicates record {record}, already submitted (the same participant, outcome, date and evidence); to correct it, give its id in "supersedes"',
  duplicate_result_stored: 'duplicates record {record}, already submitted (the same metric, cohort or period and measurement date); to correct it, give its id in "supersedes"',
  corrected_in_upload: 'record {record} is already corrected by data row {firstRow}',
  already_corrected: 'record {record} was already corrected by record {correctedBy}; correct that one instead',
  no_such_claim: 'no claim {record} in this contract',
  no_such_result: 'no result {record} in this contract',
} as const;

export type RowProblemCode = keyof typeof rowProblemTexts;
export type RowProblemParams = Readonly<Record<string, string>>;

/** A problem of one column of a row: its code, parameters, and English text. */
export interface RowProblem {
  column: string;
  code: RowProblemCode;
  params?: RowProblemParams;
  message: string;
}

/** `text` with its `{name}` placeholders filled from `params` (unknown ones left as written). */
export function fillPlaceholders(text: string, params?: RowProblemParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export function rowProblem(column: string, code: RowProblemCode, params?: RowProblemParams): RowProblem {
  return params ? { column, code, params, message: fillPlaceholders(rowProblemTexts[code], params) } : { column, code, message: rowProblemTexts[code] };
}
