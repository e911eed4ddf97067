import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One POST the receiver got. */
export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The answer it gave. */
  status: number;
}

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request, answers `failFirst` of them
 * with 500 (then 200), or whatever `answer` says; `events()` is what a receiver deduping by
 * `webhook-id` keeps (the first accepted body per id).
 */
export async function startWebhookReceiver(options: { failFirst?: number; answer?: (r: Omit<Received, 'status'>) => number } = {}) {
  const requests: Received[] = [];
  let failures = options.failFirst ?? 0;
  let answer = options.answer;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = {
        id: String(req.headers['webhook-id'] ?? ''), timestamp: String(req.headers['webhook-timestamp'] ?? ''),
        signature: String(req.headers['webhook-signature'] ?? ''), headers: req.headers, body: Buffer.concat(chunks).toString('utf8'),
      };
      let status = 200;
      if (answer) status = answer(got);
      else if (failures > 0) {
        failures--;
        status = 500;
      }
      requests.push({ ...got, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setAnswer(next: ((r: Omit<Received, 'status'>) => number) | undefined) {
      answer = next;
    },
    /** Accepted events, one per webhook-id, in the order first accepted, as { id, type, contractId, data }. */
    events(): { id: string; type: string; contractId: string | null; data: Record<string, unknown>; body: string }[] {
      const seen = new Map<string, { id: string; type: string; contractId: string | null; data: Record<string, unknown>; body: string }>();
      for (const r of requests) {
        if (r.status >= 300 || seen.has(r.id)) continue;
        const parsed = JSON.parse(r.body) as { type: string; contractId: string | null; data: Record<string, unknown> };
        seen.set(r.id, { id: r.id, type: parsed.type, contractId: parsed.contractId, data: parsed.data, body: r.body });
      }
      return [...seen.values()];
    },
    /** Checks every request's signature with the standardwebhooks package; throws on the first bad one. */
    verifyAll(secret: string) {
      const wh = new Webhook(secret);
      for (const r of requests) wh.verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
