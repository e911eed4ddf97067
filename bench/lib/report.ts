import type { BackendResult, Rate } from './types.ts';

const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en'));

/** The table `npm run bench` prints (also pasted into the README's performance section). */
export function printTable(report: { date: string; sizes: { rows: number; contracts: number; seconds: number; scaleRows?: number; scaleContracts?: number }; only?: string[]; results: BackendResult[] }, out: (line: string) => void) {
  out(`Outcome Ledger benchmarks, ${report.date} (${fmt(report.sizes.rows)} rows, ${fmt(report.sizes.contracts)} contracts, ${report.sizes.seconds} s load runs${report.only ? `; only ${report.only.join(', ')}` : ''})`);
  out('');
  out('| backend | figure | Outcome Ledger | baseline | ratio | goal |');
  out('|---|---|---|---|---|---|');
  for (const r of report.results) {
    const b = r.backend;
    if (r.ingest) {
      const runs = r.ingest.httpRuns?.length ?? 1;
      const spread = (rates: Rate[] | undefined) => (rates && rates.length > 1 ? ` (${rates.map((x) => fmt(x.rowsPerSecond)).join(', ')})` : '');
      const median = runs > 1 ? `; each the median of ${runs} runs, listed in brackets` : '';
      out(`| ${b} | ingest, rows/s (CSV over HTTP vs COPY into the table${median}) | ${fmt(r.ingest.http.rowsPerSecond)}${spread(r.ingest.httpRuns)} | ${fmt(r.ingest.raw?.rowsPerSecond)}${spread(r.ingest.rawRuns)} | ${r.ingest.ratio ?? '—'} | ≥ 0.5 |`);
      out(`| ${b} | ingest, rows/s (CSV over HTTP vs bare COPY: same columns, no index, constraint or trigger${median}) | ${fmt(r.ingest.http.rowsPerSecond)} | ${fmt(r.ingest.bare?.rowsPerSecond)}${spread(r.ingest.bareRuns)} | ${r.ingest.bareRatio ?? '—'} | ≥ 0.25 |`);
      out(`| ${b} | ingest, server peak RSS during the first upload (MiB${runs > 1 ? `; highest over the ${runs} runs: ${fmt(r.ingest.peakRssMiBAllRuns)}` : ''}) | ${fmt(r.ingest.peakRssMiB)} | before: ${fmt(r.ingest.rssBeforeMiB)} | | < 512 |`);
    }
    for (const e of r.evaluations ?? []) {
      out(`| ${b} | evaluation of ${fmt(e.rows)} claims, s (engine via API vs hand SQL, each the median of three warm runs; in brackets the first evaluation, right after the review) | ${e.engine.seconds} (${e.engine.microsPerRow} µs/row${e.marginalMicrosPerRow === undefined ? '' : `; ${e.marginalMicrosPerRow} per added row`}; first ${e.engine.firstSeconds ?? '—'}) | ${e.sql?.seconds ?? '—'} | ${e.ratio ?? '—'} | ${e.rows === report.sizes.rows ? '≤ 2, ' : ''}flat µs/row; totals ${e.equalToTheCent ? 'equal' : 'DIFFER'} (${e.engine.total}) |`);
    }
    if (r.sweep) out(`| ${b} | scheduler sweep, ${fmt(r.sweep.contracts)} contracts due at once, s | ${r.sweep.seconds} (${r.sweep.evaluated} evaluated, ${r.sweep.perContractMs} ms each) | | | |`);
    if (r.api) {
      out(`| ${b} | GET status, req/s at 50 connections (vs /healthz) | ${fmt(r.api.status.requestsPerSecond)} | ${fmt(r.api.healthz.requestsPerSecond)} | ${r.api.ratio} | ≥ 0.3 |`);
      out(`| ${b} | GET status, first request after a write (computes the view), ms | ${fmt(r.api.firstMs)} | | | |`);
      out(`| ${b} | GET status latency p50 / p99, ms | ${r.api.status.p50ms} / ${r.api.status.p99ms} | ${r.api.healthz.p50ms} / ${r.api.healthz.p99ms} | | p99 < 50 |`);
    }
    const w = r.statusAfterWrite;
    if (w) {
      out(`| ${b} | GET status, first request after a ${fmt(w.uploadRows)}-row upload (${w.corrections} corrections) into the ${fmt(report.sizes.rows)}-claim contract, ms (vs the full recount of its claims, in-process) | ${fmt(w.firstStatusMs)} | ${fmt(w.counts?.recomputedMs)} | ${w.counts ? Math.round((w.firstStatusMs / Math.max(1, w.counts.recomputedMs)) * 100) / 100 : '—'} | < 100; counts ${w.counts?.equal ? 'equal' : 'DIFFER'} (tallies ${w.counts?.talliesMs} ms) |`);
      if (w.portfolio) out(`| ${b} | portfolio / liabilities over ${fmt(w.portfolio.contracts)} contracts, ms (ledgers in-process: batched vs one contract at a time) | ${fmt(w.portfolio.ms)} / ${fmt(w.liabilities?.ms)} | ${fmt(w.ledgers?.batchedMs)} vs ${fmt(w.ledgers?.oneByOneMs)} | | < 1000 |`);
    }
    if (r.scaleError) out(`| ${b} | scale: FAILED (${r.scaleError}) | | | | |`);
    const s = r.scale;
    if (s) {
      const single = r.evaluations?.find((e) => e.rows === report.sizes.rows);
      const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? '—' : Math.round((a / b) * 100) / 100);
      const where = `${fmt(s.rows)} claims across ${fmt(s.contracts)} contracts`;
      out(`| ${b} | scale, ${where}: ingest, rows/s (${s.concurrency} upload${s.concurrency > 1 ? 's' : ''} at a time; vs the single ${fmt(report.sizes.rows)}-row upload) | ${fmt(s.ingest.rowsPerSecond)} | ${fmt(r.ingest?.http.rowsPerSecond)} | ${ratio(s.ingest.rowsPerSecond, r.ingest?.http.rowsPerSecond)} | flat (≈ 1); peak RSS ${fmt(s.ingest.peakRssMiB)} MiB |`);
      const singleReview = single ? Math.round(single.rows / single.reviewSeconds) : undefined;
      out(`| ${b} | scale, ${where}: every claim validated, claims/s (vs the ${fmt(report.sizes.rows)}-claim review) | ${fmt(s.review.claimsPerSecond)} (${s.review.seconds} s) | ${fmt(singleReview)} | ${ratio(s.review.claimsPerSecond, singleReview)} | flat (≈ 1) |`);
      out(`| ${b} | scale, ${where}: one evaluation per contract, µs per claim (vs the ${fmt(report.sizes.rows)}-claim evaluation) | ${s.evaluation.microsPerClaim} (${s.evaluation.seconds} s; p50 ${fmt(s.evaluation.p50ms)} ms, max ${fmt(s.evaluation.maxMs)} ms) | ${single?.engine.microsPerRow ?? '—'} | ${ratio(s.evaluation.microsPerClaim, single?.engine.microsPerRow)} | totals ${s.evaluation.totalsEqualToTheCent ? 'equal to the cent' : 'DIFFER'} |`);
      out(`| ${b} | scale, ${where}: GET status after a 1,000-row upload into one of them, ms (vs the same in the single-contract database) | ${fmt(s.status.firstStatusMs)} | ${fmt(r.statusAfterWrite?.firstStatusMs)} | | < 100 |`);
      out(`| ${b} | scale, ${where}: portfolio / liabilities over all of them, ms | ${fmt(s.status.portfolioMs)} / ${fmt(s.status.liabilitiesMs)} | | | < 1000 |`);
      out(`| ${b} | scale, ${where}: database size on disk, MiB | ${fmt(s.databaseMiB)} | | | |`);
    }
    for (const p of r.page ?? []) {
      out(`| ${b} | status page /contracts/{id}/status as the ${p.party}'s person, first load once the view is computed, ms (${fmt(p.bytes)} bytes of HTML) | ${fmt(p.firstMs)} | API status just before: ${fmt(p.apiMs)} | | < 500 |`);
      out(`| ${b} | status page as the ${p.party}'s person, ${p.loads} sequential loads p50 / p95 / max, ms | ${p.p50ms} / ${p.p95ms} / ${p.maxMs} | | | < 500 |`);
    }
  }
}
