import type { Readable, Writable } from 'node:stream';

/**
 * The connection pool of the PostgreSQL backend: bounded waits whatever the server does.
 *
 * postgres.js's own pool cannot give that: a caller waiting for a connection waits without limit
 * (each failed connection attempt serves one waiter, after a back-off that grows to 20 s); a
 * reserved connection or `sql.begin` transaction keeps issuing queries on a connection after it
 * closed (an uncaught TypeError, or a query that never answers); a waiter handed to a
 * reconnection is dropped when it succeeds; and a client that reconnects hands state of the
 * closed connection (an error received during a failed start-up) to the next query. So each of
 * our sessions is a single-connection postgres.js client that serves one connection and one
 * caller at a time, and this pool owns everything around it:
 *
 * - **acquire**: a free session within `acquireTimeoutMs`, connected within the same deadline
 *   (a session not known to be connected is checked with `select 1` first); otherwise an
 *   `ACQUIRE_TIMEOUT` or `CONNECT_TIMEOUT` error, which the API answers with 503
 *   `database_unavailable`. A refused connection fails at once (no back-off);
 * - **one connection attempt per session at a time**, given the whole connect timeout whatever
 *   the deadline of the caller who started it: a caller whose deadline comes first gives up, and
 *   the next caller waits on the same attempt. A server that accepts connections but does not
 *   answer (frozen, overloaded) thus gets at most `size` new connections per connect timeout;
 *   opening one per waiting caller left it, once back, a backlog of abandoned connections to
 *   work through before any new one (seconds of 503s after the server was back);
 * - **one session per lease**: a lease's queries run on the session it was given, or fail
 *   (`CONNECTION_CLOSED`): if the connection closed, nothing is sent on a new one (it would run
 *   outside the transaction); a `rollback` of a lost session is a no-op (the server rolled back);
 *   a lease released with its transaction still open ends its session;
 * - **watchdog**: a statement (or COPY) running longer than `checkAfterMs` (250 ms) has its
 *   session looked up on the server (pg_stat_activity) through a connection of its own, within
 *   the connect timeout: if the server does not answer, or the session is gone, the session is
 *   destroyed and its caller gets `CONNECTION_DESTROYED` — a frozen server, or a half-open
 *   connection, would otherwise keep it waiting until TCP gives up (many minutes). Legitimately
 *   long statements are left alone: their session is there;
 * - idle sessions close after `idleTimeoutMs`, and are replaced after `maxLifetimeMs` — between
 *   leases, never inside one (postgres.js's own timers would close them mid-transaction).
 */

// Only the parts of postgres.js's client used here (its generic Sql type does not unify across option sets).
export interface SessionQuery<T = unknown> extends Promise<SessionResult<T>> {
  writable(): Promise<Writable>;
  readable(): Promise<Readable>;
}
export type SessionResult<T = unknown> = T[] & { command: string; count: number | null; state?: { pid?: number | null } };
export interface SessionClient {
  unsafe<T = unknown>(text: string, params?: readonly unknown[]): SessionQuery<T>;
  end(options?: { timeout?: number | null }): Promise<void>;
}

/** Makes the single-connection client of one session; `onclose` is called whenever its connection closes. */
export type SessionClientFactory = (hooks: { onclose: () => void; onnotify?: (channel: string, payload: string) => void }) => SessionClient;

export interface SessionPoolOptions {
  size: number;
  connectTimeoutMs: number;
  acquireTimeoutMs: number;
  idleTimeoutMs?: number;
  maxLifetimeMs?: number;
  /** After this, a running statement has its session checked on the server (see the watchdog). */
  checkAfterMs?: number;
  client: SessionClientFactory;
}

/** An error the API answers with 503 `database_unavailable` (see errors.ts: its `code`). */
export class DatabaseUnavailableError extends Error {
  constructor(readonly code: 'ACQUIRE_TIMEOUT' | 'CONNECT_TIMEOUT' | 'CONNECTION_CLOSED' | 'CONNECTION_DESTROYED' | 'CONNECTION_ENDED', message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

class Slot {
  generation = 0;
  live = false;
  pid: number | undefined;
  connectedAt = 0;
  idleTimer: NodeJS.Timeout | undefined;
  /** The connection attempt in flight on this session's client, if any (see connect). */
  connecting: Promise<void> | undefined;
  readonly lost = new Set<() => void>();
  sql!: SessionClient;
}

interface Waiter {
  resolve(slot: Slot): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

const noop = () => {};
const DEFAULT_CHECK_AFTER_MS = 250;
/** The watchdog's connection closes after this long unused. */
const PROBE_IDLE_MS = 30_000;
const isRollback = (text: string) => /^\s*(rollback|abort)\s*;?\s*$/i.test(text);
const isBegin = (text: string) => /^\s*(begin|start\s+transaction)\b/i.test(text);
const endsTransaction = (text: string) => /^\s*(commit|end|rollback|abort)\s*;?\s*$/i.test(text);

/** Races `work` against `ms`; on time-out calls `onTimeout` (which must make `work` settle) and throws `error()`. */
export async function within<T>(work: Promise<T>, ms: number, onTimeout: () => void, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          onTimeout();
          reject(error());
        }, Math.max(0, ms));
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (timedOut) work.catch(noop);
  }
}

export class SessionPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiters: Waiter[] = [];
  private ended = false;
  readonly watchdog: Watchdog;

  constructor(private readonly options: SessionPoolOptions) {
    for (let i = 0; i < options.size; i++) {
      const slot = new Slot();
      this.connectClient(slot);
      this.slots.push(slot);
      this.idle.push(slot);
    }
    this.watchdog = new Watchdog(options, (slot, generation) => {
      if (slot.generation === generation) this.replace(slot);
    });
  }

  /** A session for one caller, connected, within the acquire timeout; release it with `lease.release()`. */
  async acquire(): Promise<Lease> {
    const deadline = Date.now() + this.options.acquireTimeoutMs;
    const slot = await this.take(deadline);
    try {
      if (!slot.live) await this.connect(slot, deadline);
    } catch (error) {
      this.put(slot);
      throw error;
    }
    return new Lease(this, slot);
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new DatabaseUnavailableError('CONNECTION_ENDED', 'The database connection pool is closed.'));
    }
    this.watchdog.stop();
    await Promise.all(this.slots.map((s) => {
      clearTimeout(s.idleTimer);
      return s.sql.end({ timeout: 5 }).catch(noop);
    }));
  }

  private take(deadline: number): Promise<Slot> {
    if (this.ended) return Promise.reject(new DatabaseUnavailableError('CONNECTION_ENDED', 'The database connection pool is closed.'));
    // Most recently used first: its connection is the most likely to be open.
    const slot = this.idle.pop();
    if (slot) {
      clearTimeout(slot.idleTimer);
      return Promise.resolve(slot);
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(new DatabaseUnavailableError('ACQUIRE_TIMEOUT', `No database connection became free within ${this.options.acquireTimeoutMs} ms.`));
        }, Math.max(0, deadline - Date.now())),
      };
      this.waiters.push(waiter);
    });
  }

  /** @internal Returns a session to the pool (from Lease.release). */
  put(slot: Slot): void {
    if (this.ended) return;
    if (slot.live && this.options.maxLifetimeMs && Date.now() - slot.connectedAt > this.options.maxLifetimeMs) this.replace(slot, true);
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(slot);
      return;
    }
    this.idle.push(slot);
    if (this.options.idleTimeoutMs) {
      clearTimeout(slot.idleTimer);
      slot.idleTimer = setTimeout(() => {
        if (this.idle.includes(slot) && slot.live) this.replace(slot, true);
      }, this.options.idleTimeoutMs);
      slot.idleTimer.unref();
    }
  }

  /**
   * Connects a session within what is left of the caller's deadline: waits on the attempt in
   * flight, or starts one. The attempt has the whole connect timeout, even when the caller gives
   * up first (the next caller waits on it): never more than one new connection per session.
   */
  private async connect(slot: Slot, deadline: number): Promise<void> {
    const left = deadline - Date.now();
    const timeout = () => new DatabaseUnavailableError('ACQUIRE_TIMEOUT', `No database connection was ready within ${this.options.acquireTimeoutMs} ms.`);
    if (left <= 0) throw timeout();
    await within(slot.connecting ??= this.attempt(slot), left, noop, timeout);
  }

  private attempt(slot: Slot): Promise<void> {
    const sql = slot.sql;
    const ms = this.options.connectTimeoutMs;
    const attempt = within(sql.unsafe('select 1'), ms, () => {
      if (slot.sql === sql) this.replace(slot);
    }, () => new DatabaseUnavailableError('CONNECT_TIMEOUT', `The database did not accept a connection within ${ms} ms.`))
      .then((result) => {
        if (slot.sql !== sql) throw new DatabaseUnavailableError('CONNECTION_CLOSED', 'The connection to the database was lost.');
        this.connected(slot, result);
      })
      .finally(() => {
        if (slot.connecting === attempt) slot.connecting = undefined;
      });
    attempt.catch(noop);
    return attempt;
  }

  /** @internal Notes what a successful query says about its session. */
  connected(slot: Slot, result: SessionResult): void {
    if (!slot.live) {
      slot.live = true;
      slot.connectedAt = Date.now();
    }
    const pid = result.state?.pid;
    if (typeof pid === 'number') slot.pid = pid;
  }

  /**
   * Drops a session's connection and gives the slot a fresh client: whatever runs on the old one
   * fails at once (CONNECTION_DESTROYED), and the next lease connects anew.
   */
  replace(slot: Slot, gently = false): void {
    const old = slot.sql;
    this.connectClient(slot);
    this.lose(slot);
    void old.end({ timeout: gently ? 5 : 0 }).catch(noop);
  }

  /**
   * A client serves one connection: once it closes (or fails to open), the slot gets a fresh
   * client. postgres.js keeps per-connection state across a reconnection (the query in flight when
   * the connection dropped, an error received during a failed start-up) and hands it to the next
   * query — a "shutting down" error answered to a query sent after the server came back.
   */
  private connectClient(slot: Slot): void {
    const sql: SessionClient = this.options.client({
      onclose: () => {
        if (slot.sql !== sql) return;
        this.connectClient(slot);
        this.lose(slot);
        void sql.end({ timeout: 0 }).catch(noop);
      },
    });
    slot.sql = sql;
  }

  private lose(slot: Slot): void {
    slot.generation++;
    slot.live = false;
    slot.pid = undefined;
    slot.connecting = undefined;
    for (const f of [...slot.lost]) f();
  }
}

const emptyResult = () => Object.assign([], { command: 'ROLLBACK', count: 0 }) as SessionResult;

/** One caller's use of one session, from acquire to release. */
export class Lease {
  private readonly generation: number;
  private released = false;
  private inTransaction = false;

  constructor(private readonly pool: SessionPool, private readonly slot: Slot) {
    this.generation = slot.generation;
  }

  private lostError() {
    return new DatabaseUnavailableError('CONNECTION_CLOSED', 'The connection to the database was lost.');
  }

  private check(): void {
    if (this.released) throw new Error('database session used after its release');
    if (this.slot.generation !== this.generation) throw this.lostError();
  }

  /** Runs one statement on this lease's session (never on another one). */
  async query<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<SessionResult<T>> {
    if (this.slot.generation !== this.generation && !this.released && isRollback(text)) {
      this.inTransaction = false;
      return emptyResult() as SessionResult<T>;
    }
    this.check();
    const unwatch = this.pool.watchdog.watch(this.slot, this.generation);
    try {
      const result = await this.slot.sql.unsafe<T>(text, params);
      this.pool.connected(this.slot, result as SessionResult);
      if (isBegin(text)) this.inTransaction = true;
      return result;
    } finally {
      unwatch();
      // COMMIT and ROLLBACK end the transaction block even when they fail.
      if (endsTransaction(text)) this.inTransaction = false;
    }
  }

  /** A COPY … FROM STDIN stream on this session; `done()` when it is finished (for the watchdog). */
  copyIn(text: string): Promise<{ stream: Writable; done: () => void }> {
    return this.watchedCopy(() => this.slot.sql.unsafe(text).writable());
  }

  /** A COPY … TO STDOUT stream on this session; `done()` when it is finished (for the watchdog). */
  copyOut(text: string): Promise<{ stream: Readable; done: () => void }> {
    return this.watchedCopy(() => this.slot.sql.unsafe(text).readable());
  }

  private async watchedCopy<S>(open: () => Promise<S>): Promise<{ stream: S; done: () => void }> {
    this.check();
    const unwatch = this.pool.watchdog.watch(this.slot, this.generation);
    try {
      return { stream: await open(), done: unwatch };
    } catch (error) {
      unwatch();
      throw error;
    }
  }

  /** Rejects (CONNECTION_CLOSED) as soon as this lease's session is lost. Always handle it. */
  lost(): { promise: Promise<never>; dispose: () => void } {
    let dispose = noop;
    const promise = new Promise<never>((_, reject) => {
      if (this.slot.generation !== this.generation) return reject(this.lostError());
      const f = () => reject(this.lostError());
      this.slot.lost.add(f);
      dispose = () => this.slot.lost.delete(f);
    });
    promise.catch(noop);
    return { promise, dispose };
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    // A transaction left open (its COMMIT or ROLLBACK never ran): end the session, the server rolls back.
    if (this.inTransaction && this.slot.generation === this.generation) this.pool.replace(this.slot);
    this.pool.put(this.slot);
  }
}

/**
 * Checks on the server the sessions whose statement runs longer than `checkAfterMs`, through its
 * own connection, within the connect timeout: a server that does not answer (down, frozen,
 * unreachable) or no longer has the session (restarted) means the statement will never answer.
 */
class Watchdog {
  private readonly watched = new Map<number, { slot: Slot; generation: number; since: number }>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private probe: Slot | undefined;
  private stopped = false;

  constructor(
    private readonly options: SessionPoolOptions,
    private readonly destroy: (slot: Slot, generation: number) => void,
  ) {}

  watch(slot: Slot, generation: number): () => void {
    const id = this.next++;
    this.watched.set(id, { slot, generation, since: Date.now() });
    if (!this.timer && !this.stopped) {
      this.timer = setInterval(() => void this.tick(), Math.max(50, Math.min(250, (this.options.checkAfterMs ?? DEFAULT_CHECK_AFTER_MS) / 2)));
      this.timer.unref();
    }
    return () => {
      this.watched.delete(id);
    };
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.probe) {
      clearTimeout(this.probe.idleTimer);
      void this.probe.sql.end({ timeout: 0 }).catch(noop);
    }
  }

  private async tick(): Promise<void> {
    if (this.watched.size === 0) {
      // Stopped here rather than at each unwatch: no timer churn at thousands of queries a second.
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.probing || this.stopped) return;
    const checkAfter = this.options.checkAfterMs ?? DEFAULT_CHECK_AFTER_MS;
    const now = Date.now();
    const due = [...this.watched.values()].filter((w) => now - w.since >= checkAfter && w.slot.generation === w.generation);
    if (due.length === 0) return;
    this.probing = true;
    try {
      const pids = due.map((w) => w.slot.pid).filter((p): p is number => typeof p === 'number');
      const alive = await this.sessionsAlive(pids);
      if (alive === 'unreachable') {
        // Every statement waiting now waits on a server that did not answer within the connect
        // timeout — those sent during the probe too.
        for (const w of [...this.watched.values()]) this.destroy(w.slot, w.generation);
      } else if (alive !== 'unknown') {
        for (const w of due) if (w.slot.pid !== undefined && !alive.has(w.slot.pid)) this.destroy(w.slot, w.generation);
      }
    } finally {
      this.probing = false;
    }
  }

  /** Which of `pids` the server still has; 'unreachable' when it does not answer within the connect timeout. */
  private async sessionsAlive(pids: number[]): Promise<Set<number> | 'unreachable' | 'unknown'> {
    const probe = this.probe ??= this.newProbe();
    clearTimeout(probe.idleTimer);
    const sql = probe.sql;
    const drop = () => {
      if (this.probe === probe) this.probe = undefined;
      clearTimeout(probe.idleTimer);
      void sql.end({ timeout: 0 }).catch(noop);
    };
    try {
      const rows = await within(
        sql.unsafe<{ pid: number }>('select pid from pg_stat_activity where pid = any($1::int[])', [`{${pids.join(',')}}`]),
        this.options.connectTimeoutMs,
        drop,
        () => new DatabaseUnavailableError('CONNECT_TIMEOUT', 'The database did not answer the watchdog.'),
      );
      probe.idleTimer = setTimeout(drop, PROBE_IDLE_MS);
      probe.idleTimer.unref();
      return new Set(rows.map((r) => Number(r.pid)));
    } catch (error) {
      drop();
      if (error instanceof DatabaseUnavailableError) return 'unreachable';
      const code = (error as { code?: unknown }).code;
      // Refused, reset, restarting or shutting down: the server is not there for our sessions either.
      if (typeof code === 'string' && (/^(E[A-Z]+|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_DESTROYED)$/.test(code) || /^(08|57P)/.test(code))) {
        return 'unreachable';
      }
      return 'unknown';
    }
  }

  private newProbe(): Slot {
    const probe = new Slot();
    // One client per connection (see connectClient): a closed probe is dropped, the next one is new.
    probe.sql = this.options.client({
      onclose: () => {
        if (this.probe === probe) this.probe = undefined;
        clearTimeout(probe.idleTimer);
        void probe.sql.end({ timeout: 0 }).catch(noop);
      },
    });
    return probe;
  }
}

