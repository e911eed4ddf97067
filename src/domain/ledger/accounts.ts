import { Dec, dec, ZERO } from '../money/money.ts';
import type { IsoDate } from '../time/dates.ts';

/**
 * What a payer owes a recipient, reconciled: obligations (payments and credits) net per account
 * (one payer, one recipient), and every credit is applied, so the same outcome is never paid twice.
 *
 * - A line's credits (downward adjustments) first lower what is still unsettled on that line.
 * - What a credit cannot lower there (the line was already paid) goes to the account: it offsets
 *   the unsettled obligations of the same payer to the same recipient, first due first; what it
 *   still cannot offset is a balance owed back to the payer.
 * - Settlements of a line are applied to its positive obligations first due, first paid.
 *
 * In every view, `outstanding = triggered − settled − credited`, where `triggered` is the sum of
 * positive obligations and `credited` the credits applied to it. For an account, `credits` are all
 * its credits and `outstanding` may be negative: `owedBack` is that balance owed to the payer.
 * Pure: the same obligations and settlements always give the same figures.
 */

export interface LedgerObligation {
  id: string;
  lineKey: string;
  payer: string;
  recipient: string;
  amount: string;
  dueOn: IsoDate;
}

export interface LedgerSettlement {
  obligationId: string;
  amount: string;
}

export interface LineBalance {
  lineKey: string;
  payer: string;
  recipient: string;
  triggered: Dec;
  credited: Dec;
  settled: Dec;
  outstanding: Dec;
}

export interface AccountBalance {
  payer: string;
  recipient: string;
  triggered: Dec;
  credits: Dec;
  settled: Dec;
  /** triggered − settled − credits; negative when more was paid than is owed. */
  outstanding: Dec;
  owedBack: Dec;
  overdue: Dec;
}

export interface Reconciliation {
  lines: Map<string, LineBalance>;
  accounts: AccountBalance[];
  /** What remains unpaid of each positive obligation once settlements and credits are applied. */
  remaining: Map<string, Dec>;
  settledOn: Map<string, Dec>;
}

const byDue = (a: LedgerObligation, b: LedgerObligation) =>
  (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const accountKey = (payer: string, recipient: string) => `${payer}\u0000${recipient}`;

export function reconcile(obligations: readonly LedgerObligation[], settlements: readonly LedgerSettlement[], today: IsoDate): Reconciliation {
  const settledOn = new Map<string, Dec>();
  for (const s of settlements) settledOn.set(s.obligationId, (settledOn.get(s.obligationId) ?? ZERO).plus(s.amount));

  const accounts = new Map<string, LedgerObligation[]>();
  for (const o of obligations) {
    const key = accountKey(o.payer, o.recipient);
    const list = accounts.get(key);
    if (list) list.push(o);
    else accounts.set(key, [o]);
  }

  const lines = new Map<string, LineBalance>();
  const remaining = new Map<string, Dec>();
  const balances: AccountBalance[] = [];
  for (const members of accounts.values()) {
    const { payer, recipient } = members[0]!;
    const byLine = new Map<string, LedgerObligation[]>();
    for (const o of members) {
      const list = byLine.get(o.lineKey);
      if (list) list.push(o);
      else byLine.set(o.lineKey, [o]);
    }
    let pool = ZERO;
    let accountCredits = ZERO;
    for (const [lineKey, list] of byLine) {
      const line: LineBalance = { lineKey, payer, recipient, triggered: ZERO, credited: ZERO, settled: ZERO, outstanding: ZERO };
      let credit = ZERO;
      for (const o of list) {
        const amount = dec(o.amount);
        if (amount.gt(0)) line.triggered = line.triggered.plus(amount);
        else credit = credit.plus(amount.neg());
        line.settled = line.settled.plus(settledOn.get(o.id) ?? ZERO);
      }
      accountCredits = accountCredits.plus(credit);
      // Settlements, then the line's own credits, first due first paid.
      let toApply = line.settled;
      let ownCredit = credit;
      for (const o of list.filter((x) => dec(x.amount).gt(0)).sort(byDue)) {
        let left = dec(o.amount);
        const paid = Dec.min(toApply, left);
        toApply = toApply.minus(paid);
        left = left.minus(paid);
        const credited = Dec.min(ownCredit, left);
        ownCredit = ownCredit.minus(credited);
        line.credited = line.credited.plus(credited);
        remaining.set(o.id, left.minus(credited));
      }
      pool = pool.plus(ownCredit);
      lines.set(lineKey, line);
    }
    // What the lines' own credits could not lower offsets the account's other unpaid obligations.
    for (const o of members.filter((x) => dec(x.amount).gt(0)).sort(byDue)) {
      if (pool.lte(0)) break;
      const left = remaining.get(o.id)!;
      const offset = Dec.min(pool, left);
      if (offset.lte(0)) continue;
      pool = pool.minus(offset);
      remaining.set(o.id, left.minus(offset));
      lines.get(o.lineKey)!.credited = lines.get(o.lineKey)!.credited.plus(offset);
    }
    let triggered = ZERO;
    let settled = ZERO;
    let overdue = ZERO;
    for (const lineKey of byLine.keys()) {
      const line = lines.get(lineKey)!;
      line.outstanding = line.triggered.minus(line.settled).minus(line.credited);
      triggered = triggered.plus(line.triggered);
      settled = settled.plus(line.settled);
    }
    for (const o of members) if (o.dueOn < today && remaining.has(o.id)) overdue = overdue.plus(remaining.get(o.id)!);
    const outstanding = triggered.minus(settled).minus(accountCredits);
    balances.push({
      payer, recipient, triggered, credits: accountCredits, settled, outstanding, owedBack: Dec.max(ZERO, outstanding.neg()), overdue,
    });
  }
  return { lines, accounts: balances, remaining, settledOn };
}

/**
 * How much of an obligation a payer may still settle: what remains of it once settlements and
 * credits are applied, and never more than the obligation itself less what was settled on it.
 * Zero for credits.
 */
export function payableOn(reconciliation: Reconciliation, obligation: LedgerObligation): Dec {
  if (dec(obligation.amount).lte(0)) return ZERO;
  const line = reconciliation.lines.get(obligation.lineKey);
  const own = dec(obligation.amount).minus(reconciliation.settledOn.get(obligation.id) ?? ZERO);
  return Dec.max(ZERO, Dec.min(own, line ? line.outstanding : ZERO));
}
