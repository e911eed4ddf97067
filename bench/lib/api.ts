import autocannon from 'autocannon';
import type { ServerProcess } from '../../test/support/server-process.ts';
import type { BenchContract, Load } from './types.ts';

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections: 50, duration: seconds, headers });
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** The status view under 50 connections, against /healthz (the same middleware, no database) in the same server. */
export async function apiBench(server: ServerProcess, contract: BenchContract, seconds: number) {
  const statusUrl = `${server.url}/v1/contracts/${contract.contractId}/status`;
  const asInvestor = { authorization: `Bearer ${contract.members.investor!.key}` };
  // The first request after a write computes the view (kept until the contract's next write); the load runs on it.
  const started = performance.now();
  const first = await fetch(statusUrl, { headers: asInvestor });
  if (first.status !== 200) throw new Error(`status failed: ${first.status} ${await first.text()}`);
  await first.arrayBuffer();
  const firstMs = Math.round(performance.now() - started);
  const healthz = await load(`${server.url}/healthz`, {}, seconds);
  const status = await load(statusUrl, asInvestor, seconds);
  return { firstMs, healthz, status, ratio: Math.round((status.requestsPerSecond / Math.max(1, healthz.requestsPerSecond)) * 100) / 100 };
}
