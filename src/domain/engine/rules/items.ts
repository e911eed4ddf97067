import { Dec } from '../../money/money.ts';
import { str } from '../context.ts';
import type { CapEffect, StatementItem } from '../types.ts';

/**
 * Statement items (see StatementItem in types.ts) of the rules other than the rate card, built so
 * that a scope's items add up EXACTLY, as decimal strings: Σ item.gross = scope.gross and
 * Σ item.net = scope.amount (before the rule caps (d), (e)).
 *
 * A rule builds its items first and takes the scope's gross and amount from them (`totals`). Sums
 * and differences here are exact: they are computed with a private Decimal of 1,000 significant
 * digits and handed back as Dec values, which decimal.js does not round when constructed (only
 * results of arithmetic are rounded to Dec's 40 digits). Items made of prices × counts never need
 * more than 40 digits; items made of divided measures (savings split at a threshold, weighted
 * achievements, units improved) may, and must still add up.
 */

const X = Dec.clone({ precision: 1000 });

/** Σ values, exact. */
export function exactSum(values: Iterable<Dec | string>): Dec {
  let t = new X(0);
  for (const v of values) t = t.plus(v);
  return new Dec(t.toFixed());
}

/** a − b, exact. */
export const exactMinus = (a: Dec | string, b: Dec | string): Dec => new Dec(new X(a).minus(b).toFixed());

export interface ItemDraft {
  item: string;
  unit: string;
  quantity: Dec;
  unitPrice?: Dec | undefined;
  gross: Dec;
  /** Caps acting on this item alone (band maximum…), already recorded on the scope too. */
  capEffects?: CapEffect[];
}

/** A statement item; net = gross − Σ cuts, exactly. */
export function statementItem(d: ItemDraft): StatementItem {
  const capEffects = d.capEffects ?? [];
  const net = capEffects.length === 0 ? d.gross : exactMinus(d.gross, exactSum(capEffects.map((e) => e.cut)));
  return {
    item: d.item, unit: d.unit, quantity: str(d.quantity), ...(d.unitPrice === undefined ? {} : { unitPrice: str(d.unitPrice) }),
    gross: str(d.gross), capEffects, net: str(net),
  };
}

/** The scope's gross and amount: Σ items gross and Σ items net, exactly. */
export function totals(items: readonly StatementItem[]): { gross: Dec; net: Dec } {
  return { gross: exactSum(items.map((i) => i.gross)), net: exactSum(items.map((i) => i.net)) };
}
