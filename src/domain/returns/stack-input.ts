import type { ContractDefinition } from '../contract/definition.ts';
import { dec } from '../money/money.ts';
import type { IsoDate } from '../time/dates.ts';
import type { DistributionInput, StackInvestor } from './capital-stack.ts';
import type { DatedAmount } from './types.ts';

/**
 * The capital stack of a contract on a date: each investor with its terms, the capital it has
 * drawn (recorded drawdowns; while none are recorded for an investor, its planned tranches dated on
 * or before the date — the same rule as the payment engine's return cap), and what it received
 * from earlier distributions.
 */
export function stackInvestors(
  definition: ContractDefinition,
  drawdowns: readonly { investor: string; date: IsoDate; amount: string }[],
  received: readonly { investor: string; date: IsoDate; amount: string }[],
  date: IsoDate,
): StackInvestor[] {
  return definition.investors.map((terms) => {
    const recorded = drawdowns.filter((d) => d.investor === terms.party).map((d): DatedAmount => ({ date: d.date, amount: d.amount }));
    const drawn = recorded.length > 0
      ? recorded
      : terms.tranches.filter((t) => t.plannedDate <= date).map((t): DatedAmount => ({ date: t.plannedDate, amount: t.amount }));
    return {
      party: terms.party,
      seniority: terms.seniority,
      returnCap: terms.returnCap,
      drawdowns: drawn,
      received: received.filter((r) => r.investor === terms.party && !dec(r.amount).isZero()).map((r) => ({ date: r.date, amount: r.amount })),
    };
  });
}

/** Where the surplus above the investors' caps goes, per the definition. */
export function surplusOf(definition: ContractDefinition, payerParty: string): DistributionInput['surplus'] {
  if (definition.distribution.surplus === 'operator') {
    const operator = definition.distribution.operatorParty ?? definition.parties.find((p) => p.roles.includes('operator'))!.key;
    return { recipient: 'operator', party: operator };
  }
  return { recipient: 'payer', party: payerParty };
}
