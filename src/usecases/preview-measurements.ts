import type { Kysely } from 'kysely';
import { ApiError } from '../api/errors/api-error.ts';
import type { UploadSource } from '../api/measurements/upload-source.ts';
import { termsInForce } from '../db/queries/contracts.ts';
import type { Database } from '../db/schema.ts';
import type { RawRow } from '../domain/measurement/rows.ts';
import type { MeasurementKind } from './measurement-kinds.ts';
import { MAX_LISTED_PROBLEMS } from './submit-measurements.ts';
import type { RowProblemCode, RowProblemParams } from '../domain/measurement/row-problems.ts';

/**
 * How an upload would be read, without storing anything (the web workspace's preview, issue 17):
 * the file is read by the same source as a submission (encoding, separator, locale, header check:
 * api/measurements/upload-source.ts, xlsx-source.ts) and every row goes through the same pure row
 * checker against the contract version in force (domain/measurement/rows.ts). Read-only: no
 * transaction, no staging, no write. What only the store can check (a duplicate of a stored
 * record, a correction of a record already corrected) is checked by the submission itself.
 * A problem with the file as a whole (unreadable encoding, unknown or missing columns) is thrown
 * as the same ApiError the upload route answers.
 */
export interface PreviewRow {
  /** The source's row number: the data row (1 = first after the header) for CSV, the worksheet's own row for XLSX. */
  rowNumber: number;
  raw: RawRow;
  unreadable?: string;
}

export interface PreviewProblem {
  row: number;
  column: string;
  message: string;
  /** The row problem's code and parameters (domain/measurement/row-problems.ts); none for a row that could not be read. */
  code?: RowProblemCode;
  params?: RowProblemParams;
}

export interface MeasurementPreview {
  /** How the file was read (`charset=utf-8; separator=semicolon; locale=fr-FR`), as the API's Upload-Read-As header says. */
  dialect: string | undefined;
  /** The header's columns, as read. */
  header: readonly string[];
  /** The kind's columns the header does not have (all optional: a missing required column is an error). */
  absentColumns: string[];
  /** The first rows, as read and converted (canonical numbers and dates). */
  sample: PreviewRow[];
  /** Data rows read. */
  rows: number;
  problems: PreviewProblem[];
  totalProblems: number;
  /** `sha256:<hex>` of the bytes read. */
  bodyDigest: string;
}

export const PREVIEW_SAMPLE_ROWS = 10;

export async function previewMeasurements(
  db: Kysely<Database>,
  input: { contractId: string; kind: MeasurementKind; source: UploadSource; sampleRows?: number },
): Promise<MeasurementPreview> {
  const { contractId, kind, source } = input;
  const sampleRows = input.sampleRows ?? PREVIEW_SAMPLE_ROWS;
  const terms = await termsInForce(db, contractId);
  if (!terms) throw new ApiError('invalid_state', 'Only an active contract accepts outcome data; this one has no version in force.');
  const check = kind.checker(terms.definition);
  const sample: PreviewRow[] = [];
  const problems: PreviewProblem[] = [];
  let total = 0;
  let rows = 0;
  for await (const { rowNumber, raw, unreadable } of source.rows) {
    rows++;
    if (sample.length < sampleRows) sample.push(unreadable ? { rowNumber, raw, unreadable } : { rowNumber, raw });
    if (unreadable) {
      total++;
      if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row: rowNumber, column: 'row', message: unreadable });
      continue;
    }
    const checked = check(raw);
    if (!checked.row) {
      total += checked.problems.length;
      for (const p of checked.problems) if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row: rowNumber, ...p });
    }
  }
  const header = source.header?.() ?? [];
  return {
    dialect: source.dialect?.(),
    header,
    absentColumns: kind.columns.filter((c) => !header.includes(c)),
    sample,
    rows,
    problems: problems.sort((a, b) => a.row - b.row),
    totalProblems: total,
    bodyDigest: source.digest(),
  };
}
