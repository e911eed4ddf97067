import { Decimal } from 'decimal.js';
import { Dec, ZERO } from '../money/money.ts';
import { daysBetween } from '../time/dates.ts';
import type { DatedAmount } from './types.ts';

/**
 * Internal rate of return over dated cash flows (Excel XIRR convention) and the net present value
 * that defines it.
 *
 * Convention: time is measured in actual days from the date of the FIRST flow in the list, divided by
 * 365 (actual/365, no leap-year adjustment), and the rate r solves
 *
 *     Σ amount_i / (1 + r)^(days_i / 365) = 0.
 *
 * Which flow is "first" only changes the present value by a constant factor, never the rate.
 *
 * All arithmetic is in `Dec` (40 significant digits). Internally the solver works in x = ln(1 + r),
 * where the NPV is a plain sum of exponentials Σ a_i·e^(−t_i·x), defined for every real x (so the
 * domain r > −1 needs no guarding, and rates from −99.9999% to astronomically high ones are reachable).
 */

export type CashFlow = DatedAmount;

/** The tolerance of the brief: |NPV| at the returned rate ≤ 1e-10 × Σ|discounted flows|. */
const NPV_TOLERANCE = new Dec('1e-10');
/** Newton/bisection stop when the step in x = ln(1 + r) is below this (relative to max(1, |x|)). */
const STEP_TOLERANCE = new Dec('1e-32');
/** Significant digits of the returned rate; the solver converges well beyond them. */
export const RATE_SIGNIFICANT_DIGITS = 20;
const MAX_NEWTON_ITERATIONS = 100;
const MAX_BRACKET_ITERATIONS = 400;
/** Newton is abandoned (and the bracket search used) if it wanders beyond ln(1 + r) > this. */
const NEWTON_LIMIT = new Dec(1000);

/**
 * Lowest rate reported: 1 + r ≥ 1e-6, i.e. r ≥ −99.9999% a year. Below it a 20-significant-digit rate
 * no longer pins down 1 + r (the quantity the NPV depends on), and such rates mean nothing for an
 * investor; a root there is treated as not found (null).
 */
const MIN_X = new Dec('1e-6').ln();

/**
 * Points x = ln(1 + r) scanned for a sign change when Newton fails: from r = −99.9999% up, dense
 * around 0 and expanding upwards: r = 1e6 is x ≈ 13.8; the bound keeps expanding to x = 1000
 * (r ≈ e^1000), so even the rate of flows a few days apart is found.
 */
const GRID: readonly Decimal[] = [
  MIN_X,
  ...[
    -9, -6, -4, -3, -2, -1.5, -1, -0.75, -0.5, -0.35, -0.2, -0.1, -0.05, -0.02, -0.01,
    0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 9, 13.8155, 20, 30, 46, 70, 100,
    150, 230, 350, 500, 750, 1000,
  ].map((x) => new Dec(x)),
];

interface Term {
  amount: Decimal;
  /** Years from the first flow: days / 365. */
  t: Decimal;
}

function terms(flows: readonly CashFlow[]): Term[] {
  const first = flows[0];
  if (!first) return [];
  return flows.map((f) => ({ amount: new Dec(f.amount), t: new Dec(daysBetween(first.date, f.date)).div(365) }));
}

interface Evaluation {
  /** Σ a_i·e^(−t_i·x): the NPV at r = e^x − 1. */
  value: Decimal;
  /** d value / dx = −Σ t_i·a_i·e^(−t_i·x). */
  slope: Decimal;
  /** Σ |a_i|·e^(−t_i·x): the size the NPV is judged against. */
  scale: Decimal;
}

function evaluate(ts: readonly Term[], x: Decimal): Evaluation {
  let value = ZERO;
  let slope = ZERO;
  let scale = ZERO;
  for (const { amount, t } of ts) {
    const discounted = amount.times(t.times(x).neg().exp());
    value = value.plus(discounted);
    slope = slope.minus(t.times(discounted));
    scale = scale.plus(discounted.abs());
  }
  return { value, slope, scale };
}

const withinTolerance = (e: Evaluation): boolean => e.value.abs().lte(e.scale.times(NPV_TOLERANCE));
const stepSmall = (step: Decimal, x: Decimal): boolean => step.abs().lte(STEP_TOLERANCE.times(Dec.max(1, x.abs())));

/**
 * Net present value of the flows at an annual rate, as at the date of the first flow (Excel XNPV).
 * Throws a RangeError for a rate of −100% or below, where the NPV is undefined.
 */
export function npv(rate: Decimal | string, flows: readonly CashFlow[]): Decimal {
  const onePlusR = new Dec(rate).plus(1);
  if (onePlusR.lte(0)) throw new RangeError(`npv: rate ${new Dec(rate).toString()} is not above -1`);
  let total = ZERO;
  for (const { amount, t } of terms(flows)) total = total.plus(amount.div(onePlusR.pow(t)));
  return total;
}

function newton(ts: readonly Term[], start: Decimal): Decimal | null {
  let x = start;
  for (let i = 0; i < MAX_NEWTON_ITERATIONS; i++) {
    const e = evaluate(ts, x);
    if (e.value.isZero()) return x;
    if (e.slope.isZero()) return null;
    const step = e.value.div(e.slope);
    x = x.minus(step);
    if (!x.isFinite() || x.gt(NEWTON_LIMIT) || x.lt(MIN_X)) return null;
    if (stepSmall(step, x)) return withinTolerance(evaluate(ts, x)) ? x : null;
  }
  // No step convergence (e.g. a repeated root, where Newton is only linear): accept the last
  // iterate only if it meets the NPV tolerance.
  return withinTolerance(evaluate(ts, x)) ? x : null;
}

/** Safeguarded Newton inside a sign-changing bracket [lo, hi] (bisection whenever Newton leaves it). */
function bracketed(ts: readonly Term[], lo0: Decimal, hi0: Decimal): Decimal | null {
  let lo = lo0;
  let hi = hi0;
  const loNegative = evaluate(ts, lo).value.isNegative();
  let x = lo.plus(hi).div(2);
  for (let i = 0; i < MAX_BRACKET_ITERATIONS; i++) {
    const e = evaluate(ts, x);
    if (e.value.isZero()) return x;
    if (e.value.isNegative() === loNegative) lo = x;
    else hi = x;
    let next = e.slope.isZero() ? null : x.minus(e.value.div(e.slope));
    if (next === null || !next.isFinite() || next.lte(lo) || next.gte(hi)) next = lo.plus(hi).div(2);
    const step = next.minus(x);
    x = next;
    if (stepSmall(step, x) || stepSmall(hi.minus(lo), x)) return withinTolerance(evaluate(ts, x)) ? x : null;
  }
  return withinTolerance(evaluate(ts, x)) ? x : null;
}

/** The root bracket (adjacent grid points with opposite NPV signs) closest to the guess. */
function findBracket(ts: readonly Term[], guess: Decimal): [Decimal, Decimal] | Decimal | null {
  const values = GRID.map((x) => evaluate(ts, x).value);
  let best: [Decimal, Decimal] | null = null;
  let bestDistance: Decimal | null = null;
  for (let i = 0; i < GRID.length; i++) {
    const x = GRID[i]!;
    const v = values[i]!;
    if (v.isZero()) return x;
    const nextX = GRID[i + 1];
    const nextV = values[i + 1];
    if (!nextX || !nextV || nextV.isZero() || v.isNegative() === nextV.isNegative()) continue;
    const distance = guess.lt(x) ? x.minus(guess) : guess.gt(nextX) ? guess.minus(nextX) : ZERO;
    if (bestDistance === null || distance.lt(bestDistance)) {
      best = [x, nextX];
      bestDistance = distance;
    }
  }
  return best;
}

/** Returns the rate as a tidy decimal: 20 significant digits, no −0, no digits beyond 1e-30. */
function present(x: Decimal): Decimal {
  const r = x.exp().minus(1).toSignificantDigits(RATE_SIGNIFICANT_DIGITS).toDecimalPlaces(30);
  return r.isZero() ? new Dec(0) : r;
}

/**
 * The annual internal rate of return of dated cash flows (negative = paid in, positive = received),
 * Excel XIRR convention, or null when there is none: fewer than one positive and one negative
 * non-zero flow (no sign change), or no rate makes the NPV zero (e.g. +100, −100, +100 a year apart),
 * or the only rates below −99.9999% a year (e.g. −100 then +0.01 the next day).
 *
 * Method: Newton–Raphson from `guess` (default 10%); if it fails to converge, the NPV is scanned on a
 * fixed grid of rates from −99.999…% upwards for sign changes and the bracket closest to the guess is
 * solved by safeguarded Newton/bisection. Converged to far beyond 12 significant digits (steps below
 * 1e-32 in ln(1 + r)); the NPV at the result is within 1e-10 of the size of the flows. Returned to 20
 * significant digits.
 *
 * With several sign changes the equation can have several roots; the one reached from the guess is
 * returned, as Excel does. A root at a repeated zero of the NPV (touching without crossing) is only
 * found by Newton and to lower precision.
 */
export function xirr(flows: readonly CashFlow[], guess: Decimal | string = '0.1'): Decimal | null {
  const ts = terms(flows).filter((term) => !term.amount.isZero());
  if (!ts.some((term) => term.amount.isNegative()) || !ts.some((term) => term.amount.isPositive())) return null;
  const g = new Dec(guess);
  const start = g.gt(-1) ? g.plus(1).ln() : new Dec(0.1).plus(1).ln();
  const viaNewton = newton(ts, start);
  if (viaNewton) return present(viaNewton);
  const bracket = findBracket(ts, start);
  if (bracket === null) return null;
  if (!Array.isArray(bracket)) return present(bracket);
  const root = bracketed(ts, bracket[0], bracket[1]);
  return root ? present(root) : null;
}
