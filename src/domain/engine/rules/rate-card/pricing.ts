import { Dec } from '../../../money/money.ts';
import { type ClaimBook, dayOf, ONE, quantityOf } from './claims.ts';

/**
 * A claim's amount before caps: the outcome's price, indexed at the achievement date, × the units
 * paid (the claim's quantity, or fewer when a unit limit cut it). Unit prices are cached per
 * (outcome, day) and a claim of one unit shares its price object, so sums of plain claims are
 * counted, not added (DecSum).
 */
export interface Pricing {
  unitPrice(row: number): Dec;
  units(row: number): Dec;
  amount(row: number): Dec;
}

export function pricing(book: ClaimBook, partialUnits: ReadonlyMap<number, Dec>): Pricing {
  const { rule, ctx } = book;
  const base = rule.outcomes.map((o) => new Dec(o.price));
  const cache: (Dec | undefined)[][] = rule.outcomes.map(() => []);
  const unitPrice = (row: number): Dec => {
    const oi = book.rowOutcome[row]!;
    const day = dayOf(book, row);
    let p = cache[oi]![day];
    if (!p) cache[oi]![day] = p = base[oi]!.times(ctx.index.factor(ctx.days[day]!));
    return p;
  };
  // the common case, every claim one unit: no lookups
  if (partialUnits.size === 0 && book.rowQuantity.size === 0) return { unitPrice, units: () => ONE, amount: unitPrice };
  const units = (row: number): Dec => partialUnits.get(row) ?? quantityOf(book, row);
  const amounts = new Map<number, Dec>();
  const amount = (row: number): Dec => {
    const u = units(row);
    if (u === ONE) return unitPrice(row);
    let a = amounts.get(row);
    if (!a) amounts.set(row, (a = unitPrice(row).times(u)));
    return a;
  };
  return { unitPrice, units, amount };
}
