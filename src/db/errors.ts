/**
 * Classifies driver errors. Both drivers expose PostgreSQL's SQLSTATE as `code`; postgres.js also
 * uses `code` for its own connection errors (CONNECTION_CLOSED, CONNECT_TIMEOUT…) and Node's
 * socket errors (ECONNREFUSED…), and the pool (postgres-pool.ts) for its deadlines
 * (ACQUIRE_TIMEOUT). PGlite raises a plain Error once closed.
 */

const unavailableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'ACQUIRE_TIMEOUT',
  '57014', // query_canceled: statement_timeout (or a cancel request)
  '25P03', // idle_in_transaction_session_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function* causes(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/** True when the database cannot be reached (down, restarting, closed): the request may succeed later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = codeOf(e);
    if (code && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    const message = e instanceof Error ? e.message : '';
    if (/PGlite is closed|PGLite not initialized|driver has already been destroyed/i.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}

/** SQLSTATE 40001/40P01: the transaction lost a race and can be retried. */
export function isSerializationFailure(error: unknown): boolean {
  const code = codeOf(error);
  return code === '40001' || code === '40P01';
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (codeOf(error) !== '23505') return false;
  if (!constraint) return true;
  const name = (error as { constraint_name?: string; constraint?: string }).constraint_name
    ?? (error as { constraint?: string }).constraint;
  return name === constraint;
}
