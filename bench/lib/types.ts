export interface Rate { rows: number; seconds: number; rowsPerSecond: number }
export interface BenchContract { contractId: string; members: Record<string, { id: string; key: string }> }
export interface Load { requests: number; requestsPerSecond: number; p50ms: number; p99ms: number; errors: number; non2xx: number }

export interface EvaluationFigures {
  rows: number;
  contract: BenchContract;
  reviewSeconds: number;
  engine: { seconds: number; total: string; microsPerRow: number };
  sql?: { seconds: number; total: string };
  ratio?: number;
  /** Time per added row since the next smaller size (the fixed cost of an evaluation taken out). */
  marginalMicrosPerRow?: number;
  equalToTheCent?: boolean;
}

export interface BackendResult {
  backend: 'pglite' | 'postgres';
  ingest?: {
    contract: BenchContract;
    rawContract: BenchContract;
    http: Rate;
    raw?: Rate;
    ratio?: number;
    rssBeforeMiB: number;
    peakRssMiB: number;
  };
  evaluations?: EvaluationFigures[];
  sweep?: { contracts: number; evaluated: number; seconds: number; perContractMs: number };
  api?: { firstMs: number; healthz: Load; status: Load; ratio: number };
}
