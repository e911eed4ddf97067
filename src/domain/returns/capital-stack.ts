import { Decimal } from 'decimal.js';
import { minorUnits } from '../money/currencies.ts';
import { Dec, ZERO, formatAmount, roundToMinorUnit, sum } from '../money/money.ts';
import type { IsoDate } from '../time/dates.ts';
import { capacity, describeCap } from './return-cap.ts';
import type { DatedAmount, ReturnCap, Seniority } from './types.ts';

/**
 * The capital stack: how ONE outcome payment received by the contract is shared between its
 * investors, and what is left for the payer or the operator.
 *
 * Waterfall, in this order:
 *  1. senior investors, then 2. subordinate investors. Within each class:
 *     a. capital tier: the capital each has drawn and not yet got back (everything it received so far
 *        counts as return of capital first), pro rata by that outstanding capital when the payment
 *        does not cover the class;
 *     b. return tier: what each may still receive under its return cap (`capacity` in return-cap.ts,
 *        on the payment date, from its drawdowns and what it received before), pro rata by that
 *        remaining capacity. An investor without a cap has an unlimited entitlement, so it takes
 *        everything offered to the return tier of its class (several uncapped investors in one class
 *        share it pro rata by capital drawn; capped investors of that class then get no return).
 *     The class is fully paid before anything reaches the next one.
 *  3. grants receive nothing (they are not repaid); guarantees receive nothing from outcome payments.
 *  4. the surplus — what is left once every investor has reached its cap — is returned to the payer
 *     or paid to the operator as a performance bonus, as the contract says.
 *
 * A capped investor's entitlement is its capacity rounded DOWN to the currency's minor unit (after
 * adding 1e-20 to absorb the last-digit error of 40-digit powers), so a line paid in full never
 * exceeds the cap.
 *
 * Rounding: every line is computed exactly, then rounded half-even to the minor unit. The rounding
 * remainder (payment − Σ rounded lines: at most half a minor unit per line) is then assigned, one
 * minor unit per line, to the largest lines that rounding moved the other way: a positive remainder
 * to the largest line that was rounded down, a negative one to the largest line that was rounded up
 * (then the next largest, if the remainder is more than one unit). Ties go to the line listed first.
 * So the lines sum exactly to the payment, and the remainder never lands on a line paid exactly —
 * an investor paid its full cap is never pushed over it, a senior investor paid in full is never cut
 * to favour a subordinate one, and a class the waterfall did not reach gets nothing. There are always
 * enough such lines (each moved by at most half a unit), so this cannot fail.
 *
 * Lines: one per investor (grants and guarantees too, with 0 and the reason), in waterfall order
 * (senior, subordinate, grant, guarantee; input order within a class), then the surplus line if the
 * surplus is above zero.
 */

export interface StackInvestor {
  party: string;
  seniority: Seniority;
  returnCap?: ReturnCap | undefined;
  /** Capital drawn from this investor. Drawdowns dated after the payment are ignored (not yet drawn). */
  drawdowns: readonly DatedAmount[];
  /** What this investor received from earlier outcome payments; none may be dated after the payment. */
  received: readonly DatedAmount[];
}

export interface DistributionInput {
  /** Amount as a decimal string in whole minor units of the currency (e.g. "1000.00" for GBP). */
  payment: { amount: string; date: IsoDate; currency: string };
  investors: readonly StackInvestor[];
  /** The contract's `distribution.surplus`; `party` is the operator (required) or the payer (optional). */
  surplus: { recipient: 'payer' | 'operator'; party?: string | undefined };
}

export interface DistributionLine {
  /** Party key; for a surplus returned to a payer given without a party, "payer". */
  recipient: string;
  role: 'investor' | 'outcome_payer' | 'operator';
  seniority?: Seniority;
  /** Decimal string fixed to the currency's minor unit. */
  amount: string;
  explanation: string;
  /**
   * For capped senior and subordinate investors: the most it could receive on the payment date before
   * this payment (its `capacity`, rounded down to the minor unit). Absent when there is no cap.
   */
  capacityBefore?: string;
}

export interface Distribution {
  payment: { amount: string; date: IsoDate; currency: string };
  lines: DistributionLine[];
  /** Payment − Σ half-even-rounded lines before the remainder was assigned (signed, e.g. "0.01"). */
  roundingRemainder: string;
}

interface Position {
  investor: StackInvestor;
  drawn: Decimal;
  outstandingCapital: Decimal;
  /** Capacity on the payment date rounded down to the minor unit; null = no cap. */
  entitlement: Decimal | null;
  capitalDue: Decimal;
  /** null = unlimited. */
  returnDue: Decimal | null;
  capitalPaid: Decimal;
  returnPaid: Decimal;
  /** How the class tiers went, for the explanation. */
  notes: string[];
}

const CAPACITY_SLACK = new Dec('1e-20');
const classes = ['senior', 'subordinate'] as const;
const order: Record<Seniority, number> = { senior: 0, subordinate: 1, grant: 2, guarantee: 3 };

/** Pays every position its `due(p)` in full if `available` covers them all, else `available` pro rata by `due(p)`. */
function payTier(
  positions: readonly Position[],
  available: Decimal,
  due: (p: Position) => Decimal,
  pay: (p: Position, amount: Decimal) => void,
): { left: Decimal; partial: boolean } {
  const total = sum(positions.map(due));
  if (total.lte(0) || available.lte(0)) return { left: available, partial: false };
  if (available.gte(total)) {
    for (const p of positions) pay(p, due(p));
    return { left: available.minus(total), partial: false };
  }
  for (const p of positions) pay(p, available.times(due(p)).div(total));
  return { left: ZERO, partial: true };
}

export function distribute(input: DistributionInput): Distribution {
  const { payment, surplus } = input;
  const currency = payment.currency;
  const unit = new Dec(1).div(new Dec(10).pow(minorUnits(currency)));
  const amount = new Dec(payment.amount);
  if (amount.isNegative()) throw new RangeError(`distribute: payment amount ${payment.amount} is negative`);
  if (!roundToMinorUnit(amount, currency).eq(amount)) {
    throw new RangeError(`distribute: payment amount ${payment.amount} is not a whole number of ${currency} minor units`);
  }
  if (surplus.recipient === 'operator' && !surplus.party) {
    throw new RangeError('distribute: a surplus paid to the operator needs the operator party');
  }
  const seen = new Set<string>();
  for (const inv of input.investors) {
    if (seen.has(inv.party)) throw new RangeError(`distribute: investor ${inv.party} is listed twice`);
    seen.add(inv.party);
    const late = inv.received.find((r) => r.date > payment.date);
    if (late) {
      throw new RangeError(
        `distribute: investor ${inv.party} received ${late.amount} on ${late.date}, after this payment (${payment.date}); ` +
          'payments must be distributed in date order',
      );
    }
  }

  const fmt = (x: Decimal): string => formatAmount(x, currency);
  const positions: Position[] = input.investors
    .map((investor): Position => {
      const drawn = sum(investor.drawdowns.filter((d) => d.date <= payment.date).map((d) => new Dec(d.amount)));
      const before = sum(investor.received.map((r) => new Dec(r.amount)));
      const outstandingCapital = Dec.max(ZERO, drawn.minus(before));
      const exactCapacity = capacity(investor.returnCap, investor.drawdowns, investor.received, payment.date);
      const entitlement =
        exactCapacity === null
          ? null
          : exactCapacity.plus(CAPACITY_SLACK).toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN);
      const capitalDue = entitlement === null ? outstandingCapital : Dec.min(outstandingCapital, entitlement);
      const returnDue = entitlement === null ? null : entitlement.minus(capitalDue);
      return {
        investor, drawn, outstandingCapital, entitlement, capitalDue, returnDue,
        capitalPaid: ZERO, returnPaid: ZERO, notes: [],
      };
    })
    .map((p, index) => ({ p, index }))
    .sort((a, b) => order[a.p.investor.seniority] - order[b.p.investor.seniority] || a.index - b.index)
    .map(({ p }) => p);

  // The waterfall, exact.
  let left = amount;
  for (const cls of classes) {
    const members = positions.filter((p) => p.investor.seniority === cls);
    if (members.length === 0) continue;
    const offeredToClass = left;
    const capital = payTier(members, left, (p) => p.capitalDue, (p, x) => { p.capitalPaid = x; });
    left = capital.left;
    if (capital.partial) {
      for (const p of members) {
        p.notes.push(`the ${cls} class was paid pro rata by capital due: ${fmt(offeredToClass)} was available for capital of ${fmt(sum(members.map((m) => m.capitalDue)))}`);
      }
    }
    const uncapped = members.filter((p) => p.returnDue === null);
    if (uncapped.length > 0) {
      if (left.gt(0)) {
        const anyDrawn = uncapped.some((p) => p.drawn.gt(0));
        const weight = (p: Position): Decimal => (anyDrawn ? p.drawn : new Dec(1));
        const totalWeight = sum(uncapped.map(weight));
        for (const p of uncapped) p.returnPaid = left.times(weight(p)).div(totalWeight);
        for (const p of members) {
          p.notes.push(
            p.returnDue === null
              ? uncapped.length > 1
                ? `with no return cap it shares all that was left for the ${cls} class (${fmt(left)}) with the other uncapped ${cls} investors, pro rata by capital drawn`
                : `with no return cap it takes all that was left for the ${cls} class (${fmt(left)})`
              : `no return: an uncapped ${cls} investor takes all that is left for the class after capital`,
          );
        }
        left = ZERO;
      }
    } else {
      const beforeReturn = left;
      const ret = payTier(members, left, (p) => p.returnDue ?? ZERO, (p, x) => { p.returnPaid = x; });
      left = ret.left;
      if (ret.partial) {
        for (const p of members) {
          p.notes.push(`return paid pro rata by remaining cap capacity: ${fmt(beforeReturn)} was available for ${fmt(sum(members.map((m) => m.returnDue ?? ZERO)))}`);
        }
      }
    }
    if (offeredToClass.isZero()) for (const p of members) p.notes.push(`nothing was left for the ${cls} class`);
  }

  // Lines, exact, with the limit each may reach (null = no limit) and whether it may take a remainder.
  interface Draft { line: Omit<DistributionLine, 'amount' | 'explanation'>; exact: Decimal; limit: Decimal | null; explain: (rounded: Decimal, adjustment: Decimal) => string }
  const drafts: Draft[] = positions.map((p) => {
    const { investor } = p;
    const seniority = investor.seniority;
    const base = { recipient: investor.party, role: 'investor' as const, seniority };
    if (seniority === 'grant' || seniority === 'guarantee') {
      const reason =
        seniority === 'grant'
          ? `grant from ${investor.party}: grants are not repaid from outcome payments`
          : `guarantee from ${investor.party}: guarantees receive nothing from outcome payments (they pay out only on a shortfall)`;
      return { line: base, exact: ZERO, limit: ZERO, explain: () => reason };
    }
    const exact = p.capitalPaid.plus(p.returnPaid);
    const line = p.entitlement === null ? base : { ...base, capacityBefore: fmt(p.entitlement) };
    const explain = (rounded: Decimal, adjustment: Decimal): string => {
      const parts = [`${seniority} investor ${investor.party} (${describeCap(investor.returnCap)})`];
      let capitalText = `capital ${fmt(p.capitalPaid)} of ${fmt(p.outstandingCapital)} outstanding`;
      if (p.capitalDue.lt(p.outstandingCapital)) capitalText += ` (the cap allows only ${fmt(p.capitalDue)})`;
      parts.push(capitalText);
      parts.push(
        p.returnDue === null
          ? `return ${fmt(p.returnPaid)}`
          : `return ${fmt(p.returnPaid)} of ${fmt(p.returnDue)} the cap still allows`,
      );
      parts.push(...p.notes);
      if (p.entitlement !== null && exact.gte(p.entitlement)) parts.push('return cap reached');
      if (!rounded.eq(exact)) parts.push(`rounded half-even from ${exact.toString()}`);
      if (!adjustment.isZero()) {
        parts.push(`${adjustment.isPositive() ? '+' : ''}${fmt(adjustment)} rounding remainder (to the largest line rounded the other way, so that the lines sum to the payment)`);
      }
      return parts.join('; ');
    };
    return { line, exact, limit: p.entitlement, explain };
  });

  if (left.gt(0)) {
    const toOperator = surplus.recipient === 'operator';
    const recipient = toOperator ? (surplus.party as string) : (surplus.party ?? 'payer');
    const why =
      positions.some((p) => p.investor.seniority === 'senior' || p.investor.seniority === 'subordinate')
        ? 'every investor has reached its return cap'
        : 'no investor is repaid from outcome payments';
    const text = toOperator
      ? `performance bonus to operator party ${recipient}: ${why}, so the contract pays the rest to the operator`
      : `returned to payer${surplus.party ? ` ${surplus.party}` : ''}: ${why}, so the rest stays with the payer`;
    drafts.push({
      line: { recipient, role: toOperator ? 'operator' : 'outcome_payer' },
      exact: left,
      limit: null,
      explain: (rounded, adjustment) =>
        text +
        (rounded.eq(left) ? '' : `; rounded half-even from ${left.toString()}`) +
        (adjustment.isZero() ? '' : `; ${adjustment.isPositive() ? '+' : ''}${fmt(adjustment)} rounding remainder (to the largest line rounded the other way, so that the lines sum to the payment)`),
    });
  }

  // Round, then assign the remainder to the largest line that can take it (see the header).
  const rounded = drafts.map((d) => roundToMinorUnit(d.exact, currency));
  const adjustments = drafts.map(() => ZERO);
  const remainder = amount.minus(sum(rounded));
  if (remainder.abs().gt(unit.times(drafts.length))) {
    throw new Error(`distribute: rounding remainder ${remainder.toString()} is too large; the waterfall lost track of money`);
  }
  let open = remainder;
  while (!open.isZero()) {
    const positive = open.isPositive();
    let pick = -1;
    for (let i = 0; i < drafts.length; i++) {
      const d = drafts[i]!;
      const current = rounded[i]!.plus(adjustments[i]!);
      const eligible =
        adjustments[i]!.isZero() &&
        (positive
          ? d.exact.gt(rounded[i]!) && (d.limit === null || d.limit.minus(current).gte(unit))
          : d.exact.lt(rounded[i]!) && current.gte(unit));
      if (eligible && (pick < 0 || current.gt(rounded[pick]!.plus(adjustments[pick]!)))) pick = i;
    }
    if (pick < 0) throw new Error(`distribute: no line can take the rounding remainder ${open.toString()}`);
    const step = positive ? unit : unit.neg();
    adjustments[pick] = step;
    open = open.minus(step);
  }

  const lines = drafts.map((d, i): DistributionLine => {
    const final = rounded[i]!.plus(adjustments[i]!);
    return { ...d.line, amount: fmt(final), explanation: d.explain(rounded[i]!, adjustments[i]!) };
  });
  const total = sum(lines.map((l) => new Dec(l.amount)));
  if (!total.eq(amount)) throw new Error(`distribute: lines sum to ${total.toString()}, not ${amount.toString()}`);
  return {
    payment: { amount: fmt(amount), date: payment.date, currency },
    lines,
    roundingRemainder: fmt(remainder),
  };
}
