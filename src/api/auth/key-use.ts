import type { Context } from 'hono';
import { recordKeyUse } from '../../db/queries/api-keys.ts';
import type { AppEnv } from '../context.ts';

/** A key's last use is recorded to this resolution: at most one write per key per minute, per instance. */
export const KEY_USE_RESOLUTION_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Which keys this instance recorded the use of, and when (the service's clock): a key used many times
 * a second costs one small write a minute, not one per request. Instances each write their own, the
 * database keeps the latest.
 */
export class KeyUses {
  private readonly recorded = new Map<string, number>();

  /** Whether the use at `nowMs` is to be written (and, if so, counts as written). */
  due(keyId: string, nowMs: number): boolean {
    const last = this.recorded.get(keyId);
    if (last !== undefined && nowMs - last < KEY_USE_RESOLUTION_MS && nowMs >= last) return false;
    if (this.recorded.size >= MAX_REMEMBERED) this.recorded.clear();
    this.recorded.set(keyId, nowMs);
    return true;
  }

  forget(keyId: string): void {
    this.recorded.delete(keyId);
  }
}

/**
 * Records that the request's key was used (after it was admitted). Never fails the request: the key
 * is valid whether or not its use could be written; a failure is logged and tried again next use.
 */
export async function noteKeyUse(c: Context<AppEnv>): Promise<void> {
  const keyId = c.var.principal?.keyId;
  const uses = c.var.keyUses;
  if (!keyId || !uses) return;
  const now = c.var.deps.clock();
  if (!uses.due(keyId, now.getTime())) return;
  try {
    await recordKeyUse(c.var.db, keyId, now);
  } catch (error) {
    uses.forget(keyId);
    c.var.deps.logger.warn({ keyId, err: error instanceof Error ? error.message : String(error) }, 'recording the use of an API key');
  }
}
