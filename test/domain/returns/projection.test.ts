import { describe, expect, it } from 'vitest';
import { projectReturns } from '../../../src/domain/returns/projection.ts';

describe('projected returns', () => {
  it('combines receipts to date with projected ones', () => {
    const p = projectReturns({
      drawdowns: [{ date: '2021-01-01', amount: '100.00' }],
      received: [{ date: '2022-01-01', amount: '55.00' }],
      projectedReceipts: [{ date: '2023-01-01', amount: '60.50' }],
    });
    // −100, +55 after one year, +60.50 after two: 55/1.1 + 60.5/1.21 = 50 + 50.
    expect(p).toEqual({ paidIn: '100', received: '115.5', multiple: '1.155', irr: '0.1' });
  });

  it('includes projected drawdowns', () => {
    const p = projectReturns({
      drawdowns: [{ date: '2021-01-01', amount: '100.00' }],
      projectedDrawdowns: [{ date: '2022-01-01', amount: '100.00' }],
      received: [],
      projectedReceipts: [{ date: '2023-01-01', amount: '231.00' }],
    });
    // 100 × 1.1² + 100 × 1.1 = 231.
    expect(p).toEqual({ paidIn: '200', received: '231', multiple: '1.155', irr: '0.1' });
  });

  it('reports a total loss as multiple 0 and no IRR, and nothing paid in as no multiple', () => {
    expect(projectReturns({ drawdowns: [{ date: '2021-01-01', amount: '100.00' }], received: [], projectedReceipts: [] }))
      .toEqual({ paidIn: '100', received: '0', multiple: '0', irr: null });
    expect(projectReturns({ drawdowns: [], received: [], projectedReceipts: [{ date: '2021-01-01', amount: '5' }] }))
      .toEqual({ paidIn: '0', received: '5', multiple: null, irr: null });
  });
});
