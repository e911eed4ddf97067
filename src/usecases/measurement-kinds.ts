import type { z } from 'zod';
import {
  ClaimFilters, ClaimUpload, ResultFilters, ResultUpload,
  type ClaimFilters as ClaimFilterValues, type ResultFilters as ResultFilterValues,
} from '../api/measurements/measurements.schemas.ts';
import { specs } from '../db/queries/ingest.ts';
import { claimsQuery, type RecordFilter, resultsQuery } from '../db/queries/measurements.ts';
import type { SubmissionKind } from '../db/schema.ts';
import type { ContractDefinition } from '../domain/contract/definition.ts';
import {
  claimChecker, claimColumns, type RawRow, requiredClaimColumns, requiredResultColumns, resultChecker, resultColumns, type RowProblem,
} from '../domain/measurement/rows.ts';

/**
 * The two kinds of outcome data — participant claims and aggregate results — described once:
 * their CSV columns, their row checker, their JSON upload and filter schemas, their table, their
 * staging spec, the review column that points at them and their list query. Every place that
 * treats the two kinds differently reads it from here.
 */
export interface MeasurementKind {
  kind: SubmissionKind;
  /** The table records are stored in, and the column of measurement_review that names them. */
  table: 'participant_claim' | 'aggregate_result';
  reviewColumn: 'claim_id' | 'result_id';
  columns: readonly string[];
  requiredColumns: readonly string[];
  checker(definition: ContractDefinition): (raw: RawRow) => { row?: unknown; problems: RowProblem[] };
  ingest: (typeof specs)[SubmissionKind];
  uploadSchema: z.ZodType;
  /** The records of a JSON upload (`claims` or `results`). */
  itemsOf(upload: unknown): object[];
  filterSchema: z.ZodType;
  toFilter(values: unknown): RecordFilter;
  query: typeof claimsQuery | typeof resultsQuery;
}

export const claimKind: MeasurementKind = {
  kind: 'participant_claims',
  table: 'participant_claim',
  reviewColumn: 'claim_id',
  columns: claimColumns,
  requiredColumns: requiredClaimColumns,
  checker: claimChecker as MeasurementKind['checker'],
  ingest: specs.participant_claims,
  uploadSchema: ClaimUpload,
  itemsOf: (upload) => (upload as { claims: object[] }).claims,
  filterSchema: ClaimFilters,
  toFilter: (v) => {
    const q = v as ClaimFilterValues;
    return {
      status: q.status, cohort: q.cohort, submissionId: q.submissionId, includeSuperseded: q.includeSuperseded,
      metric: q.outcome, participantRef: q.participantRef, from: q.achievedFrom, to: q.achievedTo,
    };
  },
  query: claimsQuery,
};

export const resultKind: MeasurementKind = {
  kind: 'aggregate_results',
  table: 'aggregate_result',
  reviewColumn: 'result_id',
  columns: resultColumns,
  requiredColumns: requiredResultColumns,
  checker: resultChecker as MeasurementKind['checker'],
  ingest: specs.aggregate_results,
  uploadSchema: ResultUpload,
  itemsOf: (upload) => (upload as { results: object[] }).results,
  filterSchema: ResultFilters,
  toFilter: (v) => {
    const q = v as ResultFilterValues;
    return {
      status: q.status, cohort: q.cohort, submissionId: q.submissionId, includeSuperseded: q.includeSuperseded,
      metric: q.metric, period: q.period, from: q.measuredFrom, to: q.measuredTo,
    };
  },
  query: resultsQuery,
};

export const measurementKinds: Record<SubmissionKind, MeasurementKind> = { participant_claims: claimKind, aggregate_results: resultKind };
