import { type ErrorCode, errorStatus } from './codes.ts';

/** Where a problem was found: a request part, or a row and column of an uploaded file. */
export interface FieldProblem {
  /** `body`, `query`, `path`, `header`, or `csv` for uploaded files. */
  location: 'body' | 'query' | 'path' | 'header' | 'csv';
  /** Path inside the location, e.g. `pricing[0].metric` (empty for the whole part). */
  path: string;
  message: string;
  /** 1-based data row number for uploaded files (the header row is row 0). */
  row?: number;
  column?: string;
  /** A row problem's stable code (domain/measurement/row-problems.ts), for clients to say it in their language. */
  code?: string;
  /** The values `message` was filled with, by placeholder name. */
  params?: Readonly<Record<string, string>>;
}

export interface ApiErrorOptions {
  errors?: FieldProblem[];
  /** Total number of problems when `errors` is a bounded excerpt. */
  totalErrors?: number;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type handlers throw; the error handler turns it into problem+json. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: FieldProblem[] | undefined;
  readonly totalErrors: number | undefined;
  readonly headers: Record<string, string>;

  constructor(readonly code: ErrorCode, detail: string, options: ApiErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = errorStatus[code];
    this.errors = options.errors;
    this.totalErrors = options.totalErrors;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what = 'resource') => new ApiError('not_found', `No such ${what}.`);
