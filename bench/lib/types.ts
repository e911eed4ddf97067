import type { StatusAfterWrite } from './status-after-write.ts';

export interface Rate { rows: number; seconds: number; rowsPerSecond: number }
export interface BenchContract { contractId: string; members: Record<string, { id: string; key: string }> }
export interface Load { requests: number; requestsPerSecond: number; p50ms: number; p99ms: number; errors: number; non2xx: number }

export interface EvaluationFigures {
  rows: number;
  contract: BenchContract;
  reviewSeconds: number;
  /** `seconds`: the median of three evaluations after the first (as the hand SQL: warm, median of three); `firstSeconds`: the first, right after the review. */
  engine: { seconds: number; firstSeconds: number; total: string; microsPerRow: number };
  sql?: { seconds: number; total: string };
  ratio?: number;
  /** Time per added row since the next smaller size (the fixed cost of an evaluation taken out). */
  marginalMicrosPerRow?: number;
  equalToTheCent?: boolean;
}

/** The web page /contracts/{id}/status of the ingest contract, as a signed-in person of one party. */
export interface PageFigures {
  party: string;
  /** The API's status request just before (computes the view, or finds it cached), ms. */
  apiMs: number;
  /** The page's first load after it, ms. */
  firstMs: number;
  /** Sequential loads after the first: their count, p50 / p95 / max, ms. */
  loads: number;
  p50ms: number;
  p95ms: number;
  maxMs: number;
  /** Size of the HTML, bytes. */
  bytes: number;
}

/** Issue 19: many contracts in one database (bench/lib/scale.ts), next to the single-contract figures of the same run. */
export interface ScaleFigures {
  rows: number;
  contracts: number;
  /** Uploads (and reviews) running at once. */
  concurrency: number;
  ingest: { seconds: number; rowsPerSecond: number; peakRssMiB: number };
  review: { seconds: number; claimsPerSecond: number };
  evaluation: { seconds: number; microsPerClaim: number; p50ms: number; maxMs: number; totalsEqualToTheCent: boolean };
  status: { firstStatusMs: number; uploadMs: number; portfolioMs: number | undefined; liabilitiesMs: number | undefined };
  /** The database's size on disk once loaded (PostgreSQL: pg_database_size; PGlite: its data folder), MiB. */
  databaseMiB?: number;
}

export interface BackendResult {
  backend: 'pglite' | 'postgres';
  ingest?: {
    contract: BenchContract;
    rawContract: BenchContract;
    /** The median of `httpRuns` (each a million-row upload into a contract of its own), as `raw` and `bare` of theirs. */
    http: Rate;
    httpRuns: Rate[];
    raw?: Rate;
    rawRuns?: Rate[];
    ratio?: number;
    /** COPY into a plain table of the same columns (no index, constraint or trigger), and HTTP / that. */
    bare?: Rate;
    bareRuns?: Rate[];
    bareRatio?: number;
    /** The first upload's, into the fresh server; `peakRssMiBAllRuns`: the highest over every run. */
    rssBeforeMiB: number;
    peakRssMiB: number;
    peakRssMiBAllRuns: number;
  };
  evaluations?: EvaluationFigures[];
  sweep?: { contracts: number; evaluated: number; seconds: number; perContractMs: number };
  api?: { firstMs: number; healthz: Load; status: Load; ratio: number };
  page?: PageFigures[];
  statusAfterWrite?: StatusAfterWrite;
  scale?: ScaleFigures;
  /** Why the scale step failed, when it did. */
  scaleError?: string;
}
