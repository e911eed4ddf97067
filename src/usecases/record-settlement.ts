import { ApiError } from '../api/errors/api-error.ts';
import { lockContract, termsInForce } from '../db/queries/contracts.ts';
import {
  distributionsOf, drawdownsOf, insertDistributions, insertSettlement, latestSettlementDate, lockObligation, obligationsOf, settlementsOf,
} from '../db/queries/money.ts';
import type { Distribution, Obligation, Settlement } from '../db/schema.ts';
import { payableOn, reconcile } from '../domain/ledger/accounts.ts';
import { minorUnits } from '../domain/money/currencies.ts';
import { dec, formatAmount } from '../domain/money/money.ts';
import { distribute } from '../domain/returns/capital-stack.ts';
import { stackInvestors, surplusOf } from '../domain/returns/stack-input.ts';
import { dateInZone } from '../domain/time/dates.ts';
import { auditedRow } from '../db/queries/entity-states.ts';
import { organisationOf, type WriteContext } from './context.ts';
import { invalidField } from './record-drawdown.ts';

/** Obligations and settlements as the reconciliation reads them (accounts between organisations). */
export const ledgerObligation = (o: Obligation) => ({
  id: o.id, lineKey: o.line_key, payer: o.payer_organisation_id, recipient: o.recipient_organisation_id, amount: o.amount, dueOn: o.due_on,
});
export const ledgerSettlement = (s: Settlement) => ({ obligationId: s.obligation_id, amount: s.amount });

/**
 * The payer records what it paid on an obligation, and the payment is distributed at once through
 * the capital stack. Never more than is payable once every settlement and credit of the account is
 * applied (see domain/ledger/accounts.ts), dated between the obligation's creation and today, and
 * in date order (distributions build on each other). Settlements of a contract are serialised by
 * the contract row lock, and each obligation row is locked.
 */
export async function recordSettlement(
  ctx: WriteContext,
  input: { contractId: string; obligationId: string; amount: string; currency: string; settledOn: string; reference?: string | undefined },
): Promise<{ settlement: Settlement; lines: Distribution[] }> {
  const organisationId = organisationOf(ctx.actor);
  const { contractId } = input;
  await lockContract(ctx.trx, contractId);
  const obligation = await lockObligation(ctx.trx, contractId, input.obligationId);
  if (!obligation) throw invalidField('obligationId', 'no such obligation in this contract');
  if (obligation.payer_organisation_id !== organisationId) throw new ApiError('forbidden', 'Only the payer of an obligation records its settlement.');
  if (input.currency !== obligation.currency) {
    throw invalidField('currency', `the obligation is in ${obligation.currency}; a settlement in ${input.currency} is refused (no conversion)`);
  }
  const currency = obligation.currency;
  const amount = dec(input.amount);
  if (amount.lte(0)) throw invalidField('amount', 'a settlement is a positive amount');
  if (amount.decimalPlaces() > minorUnits(currency)) throw invalidField('amount', `${currency} amounts have at most ${minorUnits(currency)} decimal places`);
  if (dec(obligation.amount).lte(0)) {
    throw new ApiError('invalid_state', 'This obligation is a downward adjustment (a credit): it lowers what the payer owes the recipient and is not paid itself.');
  }

  const terms = (await termsInForce(ctx.trx, contractId))!;
  const { definition } = terms;
  const today = dateInZone(ctx.now, definition.evaluation.timeZone);
  if (input.settledOn > today) throw invalidField('settledOn', `${input.settledOn} is in the future (today is ${today})`);
  const created = dateInZone(obligation.created_at, definition.evaluation.timeZone);
  if (input.settledOn < created) {
    throw invalidField('settledOn', `${input.settledOn} is before the obligation existed (it was created on ${created}): a payment settles an obligation once it is owed`);
  }
  const latest = await latestSettlementDate(ctx.trx, contractId);
  if (latest && input.settledOn < latest) {
    throw invalidField('settledOn', `settlements are recorded in date order (their distributions build on each other); the latest is dated ${latest}`);
  }

  const ledger = reconcile((await obligationsOf(ctx.trx, contractId)).map(ledgerObligation), (await settlementsOf(ctx.trx, contractId)).map(ledgerSettlement), today);
  const payable = payableOn(ledger, ledgerObligation(obligation));
  if (payable.lte(0)) {
    const account = ledger.accounts.find((a) => a.payer === obligation.payer_organisation_id && a.recipient === obligation.recipient_organisation_id)!;
    throw new ApiError('invalid_state', `Nothing remains payable on this obligation: the payer owes this recipient ${formatAmount(account.outstanding.gt(0) ? account.outstanding : 0, currency)} ${currency} in all ` +
      `(triggered ${formatAmount(account.triggered, currency)}, credits ${formatAmount(account.credits, currency)}, settled ${formatAmount(account.settled, currency)}` +
      `${account.owedBack.gt(0) ? `; ${formatAmount(account.owedBack, currency)} is owed back to the payer` : ''}).`);
  }
  if (amount.gt(payable)) {
    throw invalidField('amount', `${input.amount} would over-settle: ${formatAmount(payable, currency)} ${currency} remains payable on this obligation ` +
      `(obligation ${obligation.amount}, settled on it ${formatAmount(ledger.settledOn.get(obligation.id) ?? 0, currency)}; ` +
      `credits and settlements of the same payer to the same recipient applied)`);
  }

  const settlement = await insertSettlement(ctx.trx, {
    contractId, obligationId: obligation.id, payerOrganisationId: organisationId, amount: formatAmount(amount, currency), currency,
    settledOn: input.settledOn, reference: input.reference ?? null, recordedBy: organisationId, apiKeyId: ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, recordedAt: ctx.now,
  });
  const drawdowns = (await drawdownsOf(ctx.trx, contractId)).map((d) => ({ investor: d.investor_party, date: d.drawn_on, amount: d.amount }));
  const received = (await distributionsOf(ctx.trx, contractId)).filter((d) => d.role === 'investor').map((d) => ({ investor: d.recipient_party, date: d.distributed_on, amount: d.amount }));
  const distribution = distribute({
    payment: { amount: settlement.amount, date: input.settledOn, currency },
    investors: stackInvestors(definition, drawdowns, received, input.settledOn),
    surplus: surplusOf(definition, obligation.payer_party),
  });
  const lines = await insertDistributions(ctx.trx, distribution.lines.map((l) => ({
    contractId, settlementId: settlement.id, recipientParty: l.recipient, recipientOrganisationId: terms.bindings[l.recipient]!,
    role: l.role, seniority: l.seniority ?? null, amount: l.amount, currency, distributedOn: input.settledOn,
    explanation: l.explanation, capacityBefore: l.capacityBefore ?? null,
  })));
  await ctx.record({ chain: contractId, action: 'settlement.recorded', entityType: 'settlement', entityId: settlement.id, state: auditedRow(settlement) });
  for (const l of lines) await ctx.record({ chain: contractId, action: 'distribution.recorded', entityType: 'distribution', entityId: l.id, state: l });
  await ctx.emit({
    type: 'settlement.recorded',
    data: { contractId, settlementId: settlement.id, obligationId: obligation.id, amount: formatAmount(settlement.amount, currency), currency, settledOn: settlement.settled_on },
  });
  return { settlement, lines };
}
