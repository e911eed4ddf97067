import { rateCardDefinition } from '../../test/support/fixtures.ts';

/**
 * The benchmark contract: the test rate card (entry to employment £2,600; sustained £1,000, which
 * requires entry; £3,000 per participant, so the cap binds for everyone with both), with no other
 * cap in the way, so that the hand-written SQL can compute the same total.
 */
export function benchDefinition(reference: string, schedule = '0 6 1 * *') {
  return rateCardDefinition({
    reference,
    payers: [{ party: 'payer', maximumCommitment: '999999999999.00' }],
    distribution: { surplus: 'operator' },
    evaluation: { schedule, timeZone: 'UTC', paymentTermsDays: 30 },
  });
}
