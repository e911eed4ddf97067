import { ApiError } from '../api/errors/api-error.ts';
import { lockContract, termsInForce } from '../db/queries/contracts.ts';
import { drawdownsOf, insertDrawdown } from '../db/queries/money.ts';
import type { DrawdownRow } from '../db/schema.ts';
import { minorUnits } from '../domain/money/currencies.ts';
import { dec, formatAmount, ZERO } from '../domain/money/money.ts';
import { dateInZone } from '../domain/time/dates.ts';
import { auditedRow } from '../db/queries/entity-states.ts';
import { organisationOf, type WriteContext } from './context.ts';

export const invalidField = (path: string, message: string) =>
  new ApiError('validation_failed', message, { errors: [{ location: 'body', path, message }] });

/**
 * Capital drawn from an investor: by the investor itself, or any investor's by an intermediary.
 * Dated within the contract's term up to today, in the contract's currency, never beyond the
 * investor's commitment (or the tranche's).
 */
export async function recordDrawdown(
  ctx: WriteContext,
  input: { contractId: string; roles: ReadonlySet<string>; investor?: string | undefined; tranche?: string | undefined; drawnOn: string; amount: string; currency: string; reference?: string | undefined },
): Promise<DrawdownRow> {
  const organisationId = organisationOf(ctx.actor);
  const contract = await lockContract(ctx.trx, input.contractId);
  if (!contract) throw new ApiError('not_found', 'No such contract.');
  if (contract.status === 'draft') throw new ApiError('invalid_state', 'A draft contract has no capital to draw yet.');
  const terms = (await termsInForce(ctx.trx, input.contractId))!;
  const { definition, bindings } = terms;
  const ownInvestorParties = definition.investors.map((i) => i.party).filter((p) => bindings[p] === organisationId);
  const investorParty = input.investor ?? (ownInvestorParties.length === 1 ? ownInvestorParties[0] : undefined);
  if (!investorParty) throw invalidField('investor', 'name the investor party the capital was drawn from');
  const investor = definition.investors.find((i) => i.party === investorParty);
  if (!investor) throw invalidField('investor', `"${investorParty}" is not an investor of this contract`);
  if (!input.roles.has('intermediary') && bindings[investorParty] !== organisationId) {
    throw new ApiError('forbidden', 'An investor records its own drawdowns; an intermediary may record any investor\'s.');
  }
  if (input.currency !== definition.currency) throw invalidField('currency', `the contract is in ${definition.currency}; a drawdown in ${input.currency} is refused`);
  const amount = dec(input.amount);
  if (amount.lte(0)) throw invalidField('amount', 'a drawdown is a positive amount');
  if (amount.decimalPlaces() > minorUnits(definition.currency)) {
    throw invalidField('amount', `${definition.currency} amounts have at most ${minorUnits(definition.currency)} decimal places`);
  }
  if (input.tranche && !investor.tranches.some((t) => t.key === input.tranche)) throw invalidField('tranche', `investor "${investorParty}" has no tranche "${input.tranche}"`);
  const today = dateInZone(ctx.now, definition.evaluation.timeZone);
  if (input.drawnOn > today) throw invalidField('drawnOn', `${input.drawnOn} is in the future (today is ${today})`);
  if (input.drawnOn < definition.term.start) {
    throw invalidField('drawnOn', `${input.drawnOn} is before the contract's start (${definition.term.start}): capital is drawn for the contract, within its term`);
  }
  const drawn = (await drawdownsOf(ctx.trx, input.contractId)).filter((d) => d.investor_party === investorParty).reduce((s, d) => s.plus(d.amount), ZERO);
  if (drawn.plus(amount).gt(investor.commitment)) {
    throw invalidField('amount', `${investorParty} has drawn ${formatAmount(drawn, definition.currency)} of its ${investor.commitment} commitment; ${input.amount} more would exceed it`);
  }
  const row = await insertDrawdown(ctx.trx, {
    contractId: input.contractId, investorParty, investorOrganisationId: bindings[investorParty]!, tranche: input.tranche ?? null,
    drawnOn: input.drawnOn, amount: formatAmount(amount, definition.currency), currency: input.currency, reference: input.reference ?? null,
    recordedBy: organisationId, apiKeyId: ctx.actor.apiKeyId, memberId: ctx.actor.memberId ?? null, recordedAt: ctx.now,
  });
  await ctx.record({ chain: input.contractId, action: 'drawdown.recorded', entityType: 'drawdown', entityId: row.id, state: auditedRow(row) });
  return row;
}
