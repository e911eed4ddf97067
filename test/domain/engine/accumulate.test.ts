import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecSum } from '../../../src/domain/engine/accumulate.ts';
import { Dec, ZERO } from '../../../src/domain/money/money.ts';

describe('DecSum', () => {
  it('sums shared and unshared values exactly, however many distinct values it meets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean()), { maxLength: 200 }),
        fc.integer({ min: 0, max: 6_000 }),
        (steps, distinct) => {
          const shared = Array.from({ length: 6 }, (_, k) => new Dec(`${k * 7}.15`));
          const sum = new DecSum();
          let expected = ZERO;
          for (const [k, cents, asShared] of steps) {
            const value = asShared ? shared[k]! : new Dec(cents).div(100);
            if (asShared) sum.addShared(value);
            else sum.add(value);
            expected = expected.plus(value);
          }
          // values offered as shared that are all different objects: past the number counted apart they are added
          for (let i = 0; i < distinct; i++) {
            const value = new Dec(i % 97).div(4);
            sum.addShared(value);
            expected = expected.plus(value);
          }
          expect(sum.total().toFixed()).toBe(expected.toFixed());
        },
      ),
      { numRuns: 60 },
    );
  });
});
