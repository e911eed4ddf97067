import type { ContractDefinition } from '../contract/definition.ts';
import { dec } from '../money/money.ts';
import { addMonths, isIsoDate } from '../time/dates.ts';
import { pseudonymityProblemCode } from './pseudonymity.ts';
import { compileReferencePattern } from './reference-pattern.ts';
import { rowProblem, type RowProblem } from './row-problems.ts';
import { unstorableTextCode } from './storable-text.ts';

/**
 * Row checks for outcome data, against the contract version in force. Pure: each row is checked
 * on its own; checks across rows (duplicates, what a correction supersedes) are done by the store.
 */

export type { RowProblem };

export type RawRow = Record<string, string | string[] | number | null | undefined>;

export interface ClaimRow {
  participantRef: string;
  metric: string;
  cohort: string;
  achievedOn: string;
  heldFrom: string | null;
  evidence: string[];
  /** Canonical decimal text ("1" when the column is absent or empty). */
  quantity: string;
  supersedes: string | null;
}

export interface ResultRow {
  metric: string;
  cohort: string | null;
  period: string | null;
  measuredOn: string;
  treatmentValue: string;
  comparisonValue: string | null;
  treatmentSampleSize: number | null;
  comparisonSampleSize: number | null;
  methodology: string;
  methodologyVersion: string;
  measuredBy: string;
  supersedes: string | null;
}

export const claimColumns = ['participant_ref', 'outcome', 'cohort', 'achieved_on', 'held_from', 'evidence', 'quantity', 'supersedes'] as const;
export const resultColumns = [
  'metric', 'cohort', 'period', 'measured_on', 'treatment_value', 'comparison_value', 'treatment_sample_size',
  'comparison_sample_size', 'methodology', 'methodology_version', 'measured_by', 'supersedes',
] as const;
export const requiredClaimColumns = ['participant_ref', 'outcome', 'cohort', 'achieved_on'] as const;
export const requiredResultColumns = ['metric', 'measured_on', 'treatment_value', 'methodology', 'methodology_version', 'measured_by'] as const;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const decimal = /^-?\d{1,20}(\.\d{1,12})?$/;

function text(row: RawRow, column: string): string {
  const v = row[column];
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join(';');
  return String(v).trim();
}

/**
 * Cells that PostgreSQL cannot store (a NUL character or an unpaired surrogate), one problem per
 * column; undefined for a clean row (the common case: one native scan per cell, no allocation).
 */
function unstorableCells(row: RawRow): RowProblem[] | undefined {
  let problems: RowProblem[] | undefined;
  for (const column in row) {
    const v = row[column];
    let problem: ReturnType<typeof unstorableTextCode>;
    if (typeof v === 'string') problem = unstorableTextCode(v);
    else if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'string' && (problem = unstorableTextCode(item))) break;
    }
    if (problem) (problems ??= []).push(rowProblem(column, problem));
  }
  return problems;
}

function evidenceOf(row: RawRow): string[] {
  const v = row.evidence;
  if (Array.isArray(v)) return v.map((e) => String(e).trim()).filter((e) => e.length > 0);
  const all = text(row, 'evidence');
  // One reference (the common case): `all` is already trimmed.
  if (all.indexOf(';') === -1) return all === '' ? [] : [all];
  return all.split(';').map((e) => e.trim()).filter((e) => e.length > 0);
}

/**
 * isIsoDate, remembered: an upload's dates are few (days of a programme) against its rows. Bounded,
 * so that a file of ever-new strings cannot grow it.
 */
function isoDates() {
  const known = new Map<string, boolean>();
  return (value: string): boolean => {
    let ok = known.get(value);
    if (ok === undefined) {
      ok = isIsoDate(value);
      if (known.size < 100_000) known.set(value, ok);
    }
    return ok;
  };
}

function sampleSize(row: RawRow, column: string, problems: RowProblem[]): number | null {
  const raw = text(row, column);
  if (raw === '') return null;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    problems.push(rowProblem(column, 'not_a_positive_whole_number', { value: raw }));
    return null;
  }
  return Number(raw);
}

function supersedesOf(row: RawRow, problems: RowProblem[]): string | null {
  const raw = text(row, 'supersedes');
  if (raw === '') return null;
  if (!uuid.test(raw)) {
    problems.push(rowProblem('supersedes', 'not_a_record_id', { value: raw }));
    return null;
  }
  return raw.toLowerCase();
}

/** Checks participant outcome claims against one contract version. */
export function claimChecker(definition: ContractDefinition) {
  const metrics = new Map(definition.metrics.map((m) => [m.key, m]));
  const cohorts = new Map(definition.cohorts.map((c) => [c.key, {
    start: c.enrolment.start < definition.term.start ? definition.term.start : c.enrolment.start,
    end: (() => {
      const followed = addMonths(c.enrolment.end, c.followUpMonths);
      return followed > definition.term.end ? definition.term.end : followed;
    })(),
  }]));
  const patternSource = definition.data?.participantReferencePattern;
  const pattern = patternSource ? compileReferencePattern(patternSource) : undefined;
  const isIsoDate = isoDates();
  return (row: RawRow): { row?: ClaimRow; problems: RowProblem[] } => {
    const unstorable = unstorableCells(row);
    if (unstorable) return { problems: unstorable };
    const problems: RowProblem[] = [];
    const participantRef = text(row, 'participant_ref');
    if (participantRef === '') problems.push(rowProblem('participant_ref', 'required'));
    else {
      const problem = pseudonymityProblemCode(participantRef);
      if (problem) problems.push(rowProblem('participant_ref', problem));
      else if (pattern && !pattern.test(participantRef)) {
        problems.push(rowProblem('participant_ref', 'reference_pattern', { pattern: patternSource! }));
      }
    }
    const metric = text(row, 'outcome');
    const metricDef = metrics.get(metric);
    if (metric === '') problems.push(rowProblem('outcome', 'required'));
    else if (!metricDef) problems.push(rowProblem('outcome', 'unknown_outcome', { value: metric }));
    else if (metricDef.level !== 'participant') problems.push(rowProblem('outcome', 'aggregate_as_claim', { value: metric }));
    const cohort = text(row, 'cohort');
    const window = cohorts.get(cohort);
    if (cohort === '') problems.push(rowProblem('cohort', 'required'));
    else if (!window) problems.push(rowProblem('cohort', 'unknown_cohort', { value: cohort }));
    const achievedOn = text(row, 'achieved_on');
    if (achievedOn === '') problems.push(rowProblem('achieved_on', 'required'));
    else if (!isIsoDate(achievedOn)) problems.push(rowProblem('achieved_on', 'not_a_date', { value: achievedOn }));
    else if (achievedOn < definition.term.start || achievedOn > definition.term.end) {
      problems.push(rowProblem('achieved_on', 'outside_term', { value: achievedOn, start: definition.term.start, end: definition.term.end }));
    } else if (window && (achievedOn < window.start || achievedOn > window.end)) {
      problems.push(rowProblem('achieved_on', 'outside_cohort_window', { value: achievedOn, cohort, start: window.start, end: window.end }));
    }
    const heldFromRaw = text(row, 'held_from');
    let heldFrom: string | null = null;
    if (heldFromRaw !== '') {
      if (!isIsoDate(heldFromRaw)) problems.push(rowProblem('held_from', 'not_a_date', { value: heldFromRaw }));
      else if (isIsoDate(achievedOn) && heldFromRaw > achievedOn) problems.push(rowProblem('held_from', 'held_after_achieved'));
      else if (heldFromRaw < definition.term.start) problems.push(rowProblem('held_from', 'before_term'));
      else heldFrom = heldFromRaw;
    }
    const evidence = evidenceOf(row);
    if (evidence.some((e) => e.length > 200)) problems.push(rowProblem('evidence', 'evidence_too_long'));
    if (metricDef && metricDef.evidenceRequired.length > 0 && evidence.length === 0) {
      problems.push(rowProblem('evidence', 'evidence_required', { value: metric, required: metricDef.evidenceRequired.join('; ') }));
    }
    const quantity = quantityOf(row, problems);
    const supersedes = supersedesOf(row, problems);
    if (problems.length > 0) return { problems };
    return { row: { participantRef, metric, cohort, achievedOn, heldFrom, evidence, quantity, supersedes }, problems };
  };
}

const quantityPattern = /^\d{1,9}(\.\d{1,6})?$/;

/** The claim's quantity: units of the outcome, > 0, at most 6 decimals; "1" when absent. Canonical text ("2.50" → "2.5"). */
function quantityOf(row: RawRow, problems: RowProblem[]): string {
  const raw = text(row, 'quantity');
  if (raw === '' || raw === '1') return '1';
  if (!quantityPattern.test(raw) || dec(raw).lte(0)) {
    problems.push(rowProblem('quantity', 'not_a_quantity', { value: raw }));
    return '1';
  }
  return dec(raw).toString();
}

/** Checks aggregate results against one contract version. */
export function resultChecker(definition: ContractDefinition) {
  const metrics = new Map(definition.metrics.map((m) => [m.key, m]));
  const cohorts = new Set(definition.cohorts.map((c) => c.key));
  const periods = new Set(definition.periods.map((p) => p.key));
  return (row: RawRow): { row?: ResultRow; problems: RowProblem[] } => {
    const unstorable = unstorableCells(row);
    if (unstorable) return { problems: unstorable };
    const problems: RowProblem[] = [];
    const metric = text(row, 'metric');
    const metricDef = metrics.get(metric);
    if (metric === '') problems.push(rowProblem('metric', 'required'));
    else if (!metricDef) problems.push(rowProblem('metric', 'unknown_metric', { value: metric }));
    else if (metricDef.level !== 'aggregate') problems.push(rowProblem('metric', 'participant_as_result', { value: metric }));
    const cohort = text(row, 'cohort') || null;
    const period = text(row, 'period') || null;
    if ((cohort === null) === (period === null)) problems.push(rowProblem(cohort ? 'period' : 'cohort', 'cohort_or_period'));
    if (cohort !== null && !cohorts.has(cohort)) problems.push(rowProblem('cohort', 'unknown_cohort', { value: cohort }));
    if (period !== null && !periods.has(period)) problems.push(rowProblem('period', 'unknown_period', { value: period }));
    const measuredOn = text(row, 'measured_on');
    if (measuredOn === '') problems.push(rowProblem('measured_on', 'required'));
    else if (!isIsoDate(measuredOn)) problems.push(rowProblem('measured_on', 'not_a_date', { value: measuredOn }));
    else if (measuredOn < definition.term.start || measuredOn > definition.term.end) {
      problems.push(rowProblem('measured_on', 'outside_term', { value: measuredOn, start: definition.term.start, end: definition.term.end }));
    }
    const values: Record<string, string | null> = {};
    for (const column of ['treatment_value', 'comparison_value']) {
      const raw = text(row, column);
      if (raw === '') {
        if (column === 'treatment_value') problems.push(rowProblem(column, 'required'));
        values[column] = null;
      } else if (!decimal.test(raw)) {
        problems.push(rowProblem(column, 'not_a_decimal', { value: raw }));
      } else values[column] = dec(raw).toFixed();
    }
    const treatmentSampleSize = sampleSize(row, 'treatment_sample_size', problems);
    const comparisonSampleSize = sampleSize(row, 'comparison_sample_size', problems);
    const described: Record<string, string> = {};
    for (const column of ['methodology', 'methodology_version', 'measured_by']) {
      const raw = text(row, column);
      if (raw === '') problems.push(rowProblem(column, 'required'));
      else if (raw.length > 500) problems.push(rowProblem(column, 'too_long'));
      described[column] = raw;
    }
    const supersedes = supersedesOf(row, problems);
    if (problems.length > 0) return { problems };
    return {
      row: {
        metric, cohort, period, measuredOn,
        treatmentValue: values.treatment_value!, comparisonValue: values.comparison_value ?? null,
        treatmentSampleSize, comparisonSampleSize,
        methodology: described.methodology!, methodologyVersion: described.methodology_version!, measuredBy: described.measured_by!,
        supersedes,
      },
      problems,
    };
  };
}
