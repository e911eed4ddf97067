import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LedgerObligation, type LedgerSettlement, payableOn, reconcile } from '../../../src/domain/ledger/accounts.ts';
import { Dec, dec, ZERO } from '../../../src/domain/money/money.ts';

/**
 * Random sequences of what evaluations and payers do — payments on lines, credits (downward
 * adjustments, never more than the line's payments), and settlements of whatever is payable — and
 * the invariants every view relies on.
 */
const step = fc.oneof(
  fc.record({ kind: fc.constant('payment' as const), line: fc.integer({ min: 0, max: 3 }), recipient: fc.integer({ min: 0, max: 1 }), cents: fc.integer({ min: 1, max: 500_000 }) }),
  fc.record({ kind: fc.constant('credit' as const), line: fc.integer({ min: 0, max: 3 }), recipient: fc.integer({ min: 0, max: 1 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
);

describe('reconciled accounts', () => {
  it('never let a payer settle more than it owes net; outstanding = triggered − settled − credits everywhere', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      const obligations: LedgerObligation[] = [];
      const settlements: LedgerSettlement[] = [];
      let n = 0;
      for (const s of steps) {
        const day = `2025-01-${String(1 + (n % 28)).padStart(2, '0')}`;
        if (s.kind === 'payment') {
          obligations.push({ id: `o${n++}`, lineKey: `L${s.line}:r${s.recipient}`, payer: 'payer', recipient: `r${s.recipient}`, amount: dec(s.cents).div(100).toFixed(2), dueOn: day });
        } else if (s.kind === 'credit') {
          const lineKey = `L${s.line}:r${s.recipient}`;
          const net = obligations.filter((o) => o.lineKey === lineKey).reduce((t, o) => t.plus(o.amount), ZERO);
          const amount = net.times(s.share).toDecimalPlaces(2, Dec.ROUND_DOWN);
          if (amount.gt(0)) obligations.push({ id: `o${n++}`, lineKey, payer: 'payer', recipient: `r${s.recipient}`, amount: amount.neg().toFixed(2), dueOn: day });
        } else {
          const positives = obligations.filter((o) => dec(o.amount).gt(0));
          if (positives.length === 0) continue;
          const target = positives[s.pick % positives.length]!;
          const payable = payableOn(reconcile(obligations, settlements, '2025-02-01'), target);
          const amount = payable.times(s.share).toDecimalPlaces(2, Dec.ROUND_DOWN);
          if (amount.gt(0)) settlements.push({ obligationId: target.id, amount: amount.toFixed(2) });
          // Right after any settlement, the payer owes nothing negative: Σ settled ≤ Σ net triggered.
          for (const a of reconcile(obligations, settlements, '2025-02-01').accounts) {
            expect(a.settled.lte(a.triggered.minus(a.credits)) || a.owedBack.gt(0)).toBe(true);
          }
        }
      }
      const ledger = reconcile(obligations, settlements, '2025-02-01');
      for (const line of ledger.lines.values()) {
        expect(line.outstanding.eq(line.triggered.minus(line.settled).minus(line.credited))).toBe(true);
        expect(line.outstanding.gte(0)).toBe(true);
      }
      for (const a of ledger.accounts) {
        expect(a.outstanding.eq(a.triggered.minus(a.settled).minus(a.credits))).toBe(true);
        expect(a.owedBack.eq(Dec.max(ZERO, a.outstanding.neg()))).toBe(true);
        const lines = [...ledger.lines.values()].filter((l) => l.recipient === a.recipient);
        const linesOutstanding = lines.reduce((t, l) => t.plus(l.outstanding), ZERO);
        // What is still payable line by line is exactly what the account owes (nothing when money is owed back).
        expect(linesOutstanding.eq(Dec.max(ZERO, a.outstanding))).toBe(true);
        const payable = obligations.filter((o) => o.recipient === a.recipient).reduce((t, o) => t.plus(ledger.remaining.get(o.id) ?? ZERO), ZERO);
        expect(payable.eq(Dec.max(ZERO, a.outstanding))).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('offsets a credit on a paid line against another line of the same payer and recipient', () => {
    const ledger = reconcile([
      { id: 'a1', lineKey: 'A', payer: 'p', recipient: 'r', amount: '1300.00', dueOn: '2025-01-01' },
      { id: 'a2', lineKey: 'A', payer: 'p', recipient: 'r', amount: '-1300.00', dueOn: '2025-02-01' },
      { id: 'b1', lineKey: 'B', payer: 'p', recipient: 'r', amount: '1300.00', dueOn: '2025-02-01' },
    ], [{ obligationId: 'a1', amount: '1300.00' }], '2025-03-01');
    expect(payableOn(ledger, { id: 'b1', lineKey: 'B', payer: 'p', recipient: 'r', amount: '1300.00', dueOn: '2025-02-01' }).toFixed(2)).toBe('0.00');
    expect(ledger.accounts[0]!.outstanding.toFixed(2)).toBe('0.00');
    expect(ledger.lines.get('B')!.credited.toFixed(2)).toBe('1300.00');
  });
});
