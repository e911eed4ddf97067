import { Decimal } from 'decimal.js';
import { minorUnits } from '../money/currencies.ts';
import type { CapEffect, EngineResult, LineResult, RuleExplanation, ScopeExplanation, StatementItem } from './types.ts';

/**
 * Payment statements: how each obligation line's amount is made, item by item, so that a payer's
 * finance team can tick an invoice line by line. Pure: it reads an evaluation's explanation (the
 * stored one, without obligations, will do) and never re-runs the engine.
 *
 * The chain of one line (rule, scope, payer), every amount a signed decimal string:
 *
 *   the scope's items                 each: quantity × unit price = gross, minus the caps on the
 *                                     item (outcome cap, participant cap, band maximum…) = net
 *   Σ items net                       = the scope's amount before the rule's own caps
 *   − rule caps on the scope          rule.cap.perScope, rule.cap.total (cuts on the whole scope)
 *   − the other payers' shares        when the rule has several payers (the last payer of a rule
 *                                     takes the exact remainder, as the engine splits)
 *   − caps on this line               the rule caps' rounding guard on the line, then the caps
 *                                     across lines (cohort/period maxPayment, payer commitment,
 *                                     contract maximum, investor return cap), in stacking order
 *   = entitledExact                   cumulative entitlement, exact
 *   ± rounding                        half-even to the currency's minor unit
 *   = entitled
 *   − previously obligated            what earlier obligations on the line already cover
 *   = amount                          this evaluation's obligation on the line (0: none)
 *
 * A scope whose rule gives no items yet is shown as one item, "scope amount" (quantity 1, gross =
 * the scope's gross, its claim-level caps (b), (c), net = its amount before rule caps). A line
 * known only from earlier obligations (its entitlement withdrawn) has no items: its chain starts at
 * 0. If the explanation does not add up at a point (it always should), an `unexplained` step says
 * by how much, so a statement is never silently wrong and still adds up to the obligation.
 *
 * Arithmetic here is exact over the explanation's decimal strings (a private Decimal of 1,000
 * significant digits: sums of the engine's 40-digit values are never rounded).
 */

/** What a statement needs of an evaluation: an EngineResult, or a stored explanation (without obligations). */
export type StatementSource = Pick<EngineResult, 'currency' | 'rules' | 'lines' | 'contractCapEffects'>;

export type StatementStepKind = 'rule_cap' | 'payer_share' | 'line_cap' | 'rounding' | 'previously_obligated' | 'unexplained';

export interface StatementStep {
  kind: StatementStepKind;
  /** The cap in the definition's words ('rule.cap.perScope', 'payer.maximumCommitment (dwp)'…), or what the step is. */
  label: string;
  /** The cap's limit, for caps. */
  limit?: string;
  /** Signed decimal string: negative for a cut. */
  amount: string;
  /** The running total after this step. */
  total: string;
}

export interface StatementCut {
  cap: string;
  limit: string;
  /** Amount removed (positive decimal string). */
  cut: string;
}

/** One item of a statement: what is paid for in the scope (see StatementItem in types.ts). */
export interface StatementItemLine {
  item: string;
  unit: string;
  quantity: string;
  unitPrice?: string;
  gross: string;
  capEffects: StatementCut[];
  net: string;
}

export interface LineStatement {
  lineKey: string;
  ruleKey: string;
  /** The rule's kind, when the rule is in the evaluation. */
  ruleKind?: string;
  scope: string;
  payer: string;
  currency: string;
  /**
   * 'rule': the items are the rule's own (none when the scope has nothing to price); 'scope': the rule gave no items, one item stands for the
   * whole scope; 'none': the line has no scope in this evaluation (its entitlement was withdrawn).
   */
  itemsFrom: 'rule' | 'scope' | 'none';
  /** The scope's items (the whole scope: a payer's share comes later in the steps). */
  items: StatementItemLine[];
  /** Σ items gross (before any cap). */
  gross: string;
  /** Σ items (gross − their cuts) = Σ items net: the scope's amount before the rule's own caps; the steps start from it. */
  itemsNet: string;
  steps: StatementStep[];
  /** Cumulative entitlement after every cap, exact. */
  entitledExact: string;
  /** The same rounded half-even to the currency's minor unit. */
  entitled: string;
  previouslyObligated: string;
  /** This evaluation's obligation on the line (entitled − previouslyObligated; 0 when none was created). */
  amount: string;
  notes: string[];
}

/** One row of a statement laid flat (CSV, tables): the amounts of all rows add up to the line's amount. */
export interface StatementRow {
  lineKey: string;
  ruleKey: string;
  scope: string;
  payer: string;
  kind: 'item' | 'item_cap' | StatementStepKind;
  item: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  /** The cap or step label ('' for an item row). */
  label: string;
  limit: string;
  /** Signed: an item row carries its gross, a cap row minus its cut. */
  amount: string;
  /** Running total after this row; the last row's is the line's amount. */
  total: string;
}

const X = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN });
type X = Decimal;
const ZERO = new X(0);
const x = (value: string | number): X => new X(value);

/** Exact signed decimal string (never "-0"). */
const exact = (d: X): string => (d.isZero() ? '0' : d.toFixed());
/** Fixed to the minor unit (never "-0.00"). */
const money = (d: X, units: number): string => (d.isZero() ? ZERO.toFixed(units) : d.toFixed(units));

const RULE_CAPS = new Set(['rule.cap.perScope', 'rule.cap.total']);
const isRuleCap = (e: CapEffect) => RULE_CAPS.has(e.cap);

const cutOf = (e: CapEffect): StatementCut => ({ cap: e.cap, limit: e.limit, cut: e.cut });

/** Indexes of an evaluation, built once for all its lines. */
interface Prepared {
  source: StatementSource;
  units: number;
  lineByKey: Map<string, LineResult>;
  /** `${ruleKey}\u0000${scope}` → the rule and scope explanation. */
  scopeOf: Map<string, { rule: RuleExplanation; scope: ScopeExplanation }>;
  /** `${ruleKey}\u0000${scope}` → the lines of that scope (one per payer, and lines known only from prior obligations). */
  linesOfScope: Map<string, LineResult[]>;
  /** lineKey → caps across lines that cut it, in stacking order. */
  crossCuts: Map<string, CapEffect[]>;
  /** lineKey → the rule caps' rounding guard cuts on it. */
  guardCuts: Map<string, CapEffect[]>;
}

const scopeKey = (ruleKey: string, scope: string) => `${ruleKey}\u0000${scope}`;

function prepare(source: StatementSource): Prepared {
  const scopeOf = new Map<string, { rule: RuleExplanation; scope: ScopeExplanation }>();
  const guardCuts = new Map<string, CapEffect[]>();
  for (const rule of source.rules) {
    for (const scope of rule.scopes) {
      scopeOf.set(scopeKey(rule.ruleKey, scope.scope), { rule, scope });
      for (const e of scope.capEffects) {
        if (e.lineKey !== undefined && isRuleCap(e)) guardCuts.set(e.lineKey, [...(guardCuts.get(e.lineKey) ?? []), e]);
      }
    }
  }
  const linesOfScope = new Map<string, LineResult[]>();
  for (const l of source.lines) {
    const k = scopeKey(l.ruleKey, l.scope);
    const list = linesOfScope.get(k);
    if (list) list.push(l);
    else linesOfScope.set(k, [l]);
  }
  const crossCuts = new Map<string, CapEffect[]>();
  for (const e of source.contractCapEffects) {
    if (e.lineKey === undefined) continue;
    crossCuts.set(e.lineKey, [...(crossCuts.get(e.lineKey) ?? []), e]);
  }
  return {
    source, units: minorUnits(source.currency), lineByKey: new Map(source.lines.map((l) => [l.lineKey, l])), scopeOf, linesOfScope, crossCuts, guardCuts,
  };
}

/** The line's amount before the caps acting on it alone (its share of the scope after rule caps). */
function beforeLineCaps(p: Prepared, l: LineResult): X {
  let v = x(l.entitledExact);
  for (const e of p.guardCuts.get(l.lineKey) ?? []) v = v.plus(e.cut);
  for (const e of p.crossCuts.get(l.lineKey) ?? []) v = v.plus(e.cut);
  return v;
}

/** The items of a scope: the rule's, or one item standing for the whole scope. */
function itemsOf(scope: ScopeExplanation): { items: StatementItemLine[]; from: 'rule' | 'scope' } {
  if (scope.items !== undefined) {
    // only the fields of a statement item: nothing else of the rule's record travels (no participant data)
    const items = scope.items.map((i: StatementItem): StatementItemLine => ({
      item: i.item, unit: i.unit, quantity: i.quantity, ...(i.unitPrice === undefined ? {} : { unitPrice: i.unitPrice }),
      gross: i.gross, capEffects: i.capEffects.map(cutOf), net: i.net,
    }));
    return { items, from: 'rule' };
  }
  const cuts = scope.capEffects.filter((e) => e.lineKey === undefined && !isRuleCap(e)).map(cutOf);
  const net = cuts.reduce((v, e) => v.minus(e.cut), x(scope.gross));
  return { items: [{ item: 'scope amount', unit: 'scope', quantity: '1', gross: scope.gross, capEffects: cuts, net: exact(net) }], from: 'scope' };
}

function lineStatement(p: Prepared, lineKey: string): LineStatement {
  const line = p.lineByKey.get(lineKey);
  if (!line) throw new Error(`No line ${lineKey} in this evaluation`);
  const { currency } = p.source;
  const found = p.scopeOf.get(scopeKey(line.ruleKey, line.scope));
  const steps: StatementStep[] = [];
  const notes: string[] = [];
  let total = ZERO;
  const step = (kind: StatementStepKind, label: string, amount: X, extra: { limit?: string; rounded?: boolean } = {}) => {
    total = total.plus(amount);
    steps.push({
      kind, label, ...(extra.limit === undefined ? {} : { limit: extra.limit }),
      amount: kind === 'previously_obligated' ? money(amount, p.units) : exact(amount),
      total: extra.rounded ? money(total, p.units) : exact(total),
    });
  };
  const unexplained = (expected: X, where: string) => {
    const gap = expected.minus(total);
    if (!gap.isZero()) step('unexplained', `not explained by the evaluation's record: ${where}`, gap);
  };

  let items: StatementItemLine[] = [];
  let itemsFrom: LineStatement['itemsFrom'] = 'none';
  let gross = ZERO;
  if (found) {
    const { scope } = found;
    ({ items, from: itemsFrom } = itemsOf(scope));
    for (const i of items) {
      gross = gross.plus(i.gross);
      total = i.capEffects.reduce((v, c) => v.minus(c.cut), total.plus(i.gross));
    }
    // the scope's amount before rule caps, from the scope itself: gross − its claim-level caps
    const beforeRuleCaps = scope.capEffects.filter((e) => e.lineKey === undefined && !isRuleCap(e)).reduce((v, e) => v.minus(e.cut), x(scope.gross));
    unexplained(beforeRuleCaps, 'the items do not add up to the scope amount before rule caps');
    // (d), (e) on the whole scope
    for (const e of scope.capEffects) if (e.lineKey === undefined && isRuleCap(e)) step('rule_cap', e.cap, x(e.cut).neg(), { limit: e.limit });
    // the payers' split: the other lines of the scope take their share
    const lines = p.linesOfScope.get(scopeKey(line.ruleKey, line.scope)) ?? [line];
    const others = lines.filter((l) => l.lineKey !== lineKey);
    if (others.length > 0) {
      const otherShares = others.reduce((v, l) => v.plus(beforeLineCaps(p, l)), ZERO);
      step('payer_share', `shares of the other payers (${others.map((l) => l.payer).join(', ')})`, otherShares.neg());
    }
    unexplained(beforeLineCaps(p, line), "the payers' shares do not add up to the scope amount");
    if (itemsFrom === 'scope') notes.push(`the ${found.rule.kind} rule gives no items for this scope: one item stands for the scope's amount`);
  } else {
    notes.push('No scope of this line in the evaluation: its entitlement was withdrawn; earlier obligations on it are reversed.');
    unexplained(beforeLineCaps(p, line), 'the line has no scope but an amount');
  }
  const itemsNet = items.reduce((v, i) => i.capEffects.reduce((w, c) => w.minus(c.cut), v.plus(i.gross)), ZERO);

  // caps on this line alone: the rule caps' rounding guard, then (f)–(i)
  for (const e of p.guardCuts.get(lineKey) ?? []) step('line_cap', `${e.cap} (after the payers' split and rounding)`, x(e.cut).neg(), { limit: e.limit });
  for (const e of p.crossCuts.get(lineKey) ?? []) step('line_cap', e.cap, x(e.cut).neg(), { limit: e.limit });
  unexplained(x(line.entitledExact), 'the caps do not lead to the entitlement');

  const rounding = x(line.entitled).minus(line.entitledExact);
  step('rounding', p.units === 0 ? `rounded half-even to whole ${currency}` : `rounded half-even to ${p.units} decimal${p.units === 1 ? '' : 's'} (${currency})`, rounding, { rounded: true });
  unexplained(x(line.entitled), 'rounding');
  step('previously_obligated', 'previously obligated on this line', x(line.previouslyObligated).neg(), { rounded: true });
  unexplained(x(line.delta), 'the obligation');

  return {
    lineKey, ruleKey: line.ruleKey, ...(found ? { ruleKind: found.rule.kind } : {}), scope: line.scope, payer: line.payer, currency,
    itemsFrom, items, gross: exact(gross), itemsNet: exact(itemsNet), steps,
    entitledExact: line.entitledExact, entitled: line.entitled, previouslyObligated: line.previouslyObligated, amount: line.delta, notes,
  };
}

/** The payment statement of one line (`rule:scope:payer`) of an evaluation. Throws for an unknown line. */
export function statementOfLine(result: StatementSource, lineKey: string): LineStatement {
  return lineStatement(prepare(result), lineKey);
}

/** The payment statements of every line of an evaluation, in the order of its lines. */
export function statementOfEvaluation(result: StatementSource): LineStatement[] {
  const p = prepare(result);
  return result.lines.map((l) => lineStatement(p, l.lineKey));
}

/**
 * A statement laid flat: a row per item (its gross), per cap on an item (minus its cut), then per
 * step. The rows' amounts add up exactly to the line's amount; each row's total is the running sum.
 */
export function statementRows(s: LineStatement): StatementRow[] {
  const rows: StatementRow[] = [];
  const base = { lineKey: s.lineKey, ruleKey: s.ruleKey, scope: s.scope, payer: s.payer };
  let total = ZERO;
  for (const i of s.items) {
    total = total.plus(i.gross);
    rows.push({ ...base, kind: 'item', item: i.item, unit: i.unit, quantity: i.quantity, unitPrice: i.unitPrice ?? '', label: '', limit: '', amount: i.gross, total: exact(total) });
    for (const c of i.capEffects) {
      total = total.minus(c.cut);
      rows.push({ ...base, kind: 'item_cap', item: i.item, unit: '', quantity: '', unitPrice: '', label: c.cap, limit: c.limit, amount: exact(x(c.cut).neg()), total: exact(total) });
    }
  }
  for (const st of s.steps) {
    rows.push({ ...base, kind: st.kind, item: '', unit: '', quantity: '', unitPrice: '', label: st.label, limit: st.limit ?? '', amount: st.amount, total: st.total });
  }
  return rows;
}
