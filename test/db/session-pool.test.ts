import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/errors.ts';
import { DatabaseUnavailableError, SessionPool } from '../../src/db/postgres-pool.ts';
import { sessionClientFactory } from '../../src/db/postgres.ts';

// The pool's connection attempts against servers that misbehave; no database needed.

let server: Server | undefined;
const sockets: Socket[] = [];
let pool: SessionPool | undefined;
afterEach(async () => {
  // Stop accepting first, so that nothing reconnects while the pool ends.
  const closed = new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  for (const s of sockets.splice(0)) s.destroy();
  await pool?.end();
  pool = undefined;
  await closed;
});

/** A server that accepts every connection and never answers (a frozen PostgreSQL: the kernel still accepts). */
async function silentServer(): Promise<{ port: number; connections: () => number }> {
  let count = 0;
  server = createServer((socket) => {
    count++;
    sockets.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { port: address.port, connections: () => count };
}

/** A pool of the service's own session clients (connecting for a minute: the pool's deadlines govern). */
function sessionPool(port: number, size: number, connectTimeoutMs: number, acquireTimeoutMs: number): SessionPool {
  return new SessionPool({
    size, connectTimeoutMs, acquireTimeoutMs,
    client: sessionClientFactory({ url: `postgres://nobody@127.0.0.1:${port}/none`, connectTimeoutSeconds: 60 }),
  });
}

describe('the session pool, against a server that accepts connections and never answers', () => {
  it('opens one connection per session per connect timeout, however many callers wait, and answers each caller by its deadline', async () => {
    const { port, connections } = await silentServer();
    const SIZE = 2;
    const CONNECT_MS = 300;
    const ACQUIRE_MS = 300;
    pool = sessionPool(port, SIZE, CONNECT_MS, ACQUIRE_MS);
    const started = performance.now();
    const waits: Promise<{ ms: number; error: unknown }>[] = [];
    for (let i = 0; i < 60; i++) {
      const sent = performance.now();
      waits.push(pool.acquire().then(
        (lease) => {
          lease.release();
          return { ms: performance.now() - sent, error: undefined };
        },
        (error: unknown) => ({ ms: performance.now() - sent, error }),
      ));
      await new Promise((r) => setTimeout(r, 10));
    }
    const answers = await Promise.all(waits);
    const elapsed = performance.now() - started;

    for (const a of answers) {
      expect(a.error).toBeInstanceOf(DatabaseUnavailableError);
      expect(a.ms).toBeLessThan(ACQUIRE_MS + 150);
    }
    // Each session's attempt has the whole connect timeout, and the next one starts after it ends:
    // attempts start at least CONNECT_MS apart on each session.
    const bound = SIZE * (Math.floor(elapsed / CONNECT_MS) + 1);
    console.log(`silent server: ${answers.length} callers over ${Math.round(elapsed)} ms, ${connections()} connections opened (bound ${bound})`);
    expect(connections()).toBeLessThanOrEqual(bound);
    // Let the last attempts reach their connect timeout: the pool then ends at once.
    await new Promise((r) => setTimeout(r, CONNECT_MS + 50));
  });

  it('still answers at once when the server refuses connections (nothing to wait for)', async () => {
    const { port } = await silentServer();
    await new Promise((r) => server!.close(r)); // nothing listens on the port any more
    server = undefined;
    pool = sessionPool(port, 2, 2000, 2000);
    const started = performance.now();
    const errors = await Promise.all(Array.from({ length: 5 }, () => pool!.acquire().then(() => undefined, (e: unknown) => e)));
    for (const e of errors) expect(isDatabaseUnavailable(e)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
