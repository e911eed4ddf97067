import { nextOccurrence } from '../../jobs/scheduler.ts';

/**
 * The status view changes only when a fact of the contract changes — and every such write appends
 * to the contract's audit chain — or when the day changes. So a computed view is kept per contract,
 * keyed by the chain's head and the day, and reused until either moves. In-process; each instance
 * keeps its own.
 */
const entries = new Map<string, { key: string; value: Promise<unknown> }>();
const MAX_ENTRIES = 5000;

/** Concurrent requests for the same key share one computation (no stampede on a large contract). */
export async function cachedStatus<T>(contractId: string, key: string, compute: () => Promise<T>): Promise<T> {
  const hit = entries.get(contractId);
  if (hit && hit.key === key) return hit.value as Promise<T>;
  const value = compute();
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(contractId, { key, value });
  value.catch(() => {
    if (entries.get(contractId)?.value === value) entries.delete(contractId);
  });
  return value;
}

/** The next scheduled evaluation, recomputed only once the previous answer has passed (time-zone math is costly). */
const nextRuns = new Map<string, { schedule: string; timeZone: string; next: Date }>();
export function nextEvaluation(contractId: string, schedule: string, timeZone: string, now: Date): string {
  let entry = nextRuns.get(contractId);
  if (!entry || entry.schedule !== schedule || entry.timeZone !== timeZone || entry.next.getTime() <= now.getTime()) {
    entry = { schedule, timeZone, next: nextOccurrence(schedule, timeZone, now) };
    if (nextRuns.size >= MAX_ENTRIES) nextRuns.clear();
    nextRuns.set(contractId, entry);
  }
  return entry.next.toISOString();
}
