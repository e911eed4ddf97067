import { Dec, ZERO } from '../money/money.ts';
import type { CapEffect } from './types.ts';

/** Distinct values a DecSum counts apart (see addShared). */
const MAX_COUNTED = 4096;

/**
 * Sums many decimals cheaply: values that are the same object (a cached unit price) are counted,
 * not added, so a million paid claims cost a million Map increments and a handful of
 * multiplications instead of a million decimal additions.
 */
export class DecSum {
  private readonly counts = new Map<Dec, number>();
  private rest: Dec = ZERO;
  /** The last shared value added and how many times in a row (consecutive values are mostly the same object). */
  private last: Dec | undefined;
  private lastCount = 0;

  /** Adds a value that is likely shared (e.g. a cached price object). */
  addShared(value: Dec): void {
    if (value === this.last) {
      this.lastCount += 1;
      return;
    }
    if (this.last !== undefined) {
      const n = this.counts.get(this.last);
      // values that turn out not to be shared stop being counted apart beyond MAX_COUNTED (exact either way)
      if (n !== undefined || this.counts.size < MAX_COUNTED) this.counts.set(this.last, (n ?? 0) + this.lastCount);
      else this.add(this.lastCount === 1 ? this.last : this.last.times(this.lastCount));
    }
    this.last = value;
    this.lastCount = 1;
  }

  add(value: Dec): void {
    if (!value.isZero()) this.rest = this.rest.plus(value);
  }

  total(): Dec {
    let t = this.rest;
    const counts = new Map(this.counts);
    if (this.last !== undefined) counts.set(this.last, (counts.get(this.last) ?? 0) + this.lastCount);
    for (const [value, n] of counts) t = t.plus(value.times(n));
    return t;
  }
}

/** Merges cap effects by cap label and limit, summing the cuts; keeps first-seen order. */
export function mergeCapEffects(effects: readonly CapEffect[]): CapEffect[] {
  const merged = new Map<string, { cap: string; limit: string; cut: Dec }>();
  for (const e of effects) {
    const key = `${e.cap}|${e.limit}`;
    const m = merged.get(key);
    if (m) m.cut = m.cut.plus(e.cut);
    else merged.set(key, { cap: e.cap, limit: e.limit, cut: new Dec(e.cut) });
  }
  return [...merged.values()].map((m) => ({ cap: m.cap, limit: m.limit, cut: m.cut.toFixed() }));
}

/** First index in a sorted array whose element is greater than x. */
export function upperBound<T extends string | number>(sorted: readonly T[], x: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
