import { remote, signedInPerson } from '../../test/support/remote.ts';
import type { ServerProcess } from '../../test/support/server-process.ts';
import type { BenchContract, PageFigures } from './types.ts';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => Math.round(n * 10) / 10;

/**
 * The web page /contracts/{id}/status of the contract, as a signed-in person of each of `parties`:
 * the API's status request first (it computes the view, or finds it cached), then the page's first
 * load, then `loads` sequential loads; each timed to the last byte of the HTML.
 */
export async function pageBench(server: ServerProcess, admin: string, contract: BenchContract, parties: string[], loads = 20): Promise<PageFigures[]> {
  const cookies = new Map<string, string>();
  // People first: nothing they do is a write to the contract, so the view computed next stays cached.
  for (const party of parties) {
    cookies.set(party, await signedInPerson(server, admin, contract.members[party]!.id, `bench-${party}-${contract.contractId.slice(0, 8)}@example.org`));
  }
  const figures: PageFigures[] = [];
  for (const party of parties) {
    const started = performance.now();
    await remote(server.url, contract.members[party]!.key).get(`/v1/contracts/${contract.contractId}/status`);
    const apiMs = ms(performance.now() - started);
    const load = async () => {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/contracts/${contract.contractId}/status`, { headers: { accept: 'text/html', cookie: cookies.get(party)! } });
      const html = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200 || !html.includes('<h1>')) throw new Error(`status page as ${party}: ${response.status} ${html.slice(0, 300)}`);
      return { elapsed, bytes: Buffer.byteLength(html) };
    };
    const first = await load();
    const times: number[] = [];
    for (let i = 0; i < loads; i++) times.push((await load()).elapsed);
    times.sort((a, b) => a - b);
    figures.push({ party, apiMs, firstMs: ms(first.elapsed), loads, p50ms: ms(percentile(times, 50)), p95ms: ms(percentile(times, 95)), maxMs: ms(times.at(-1)!), bytes: first.bytes });
  }
  return figures;
}
